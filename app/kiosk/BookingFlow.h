#pragma once
// BookingFlow: the kiosk's side of test-drive bookings. Owns the store connection of the UI thread,
// the background sync worker (when a hub is configured) and what the booking screens show.
// A booking is committed to SQLite before the screen may say "booked". UI thread only.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "KioskContent.h"
#include "core/session/CustomerSession.h"
#include "store/KioskConfig.h"
#include "store/KioskStore.h"
#include "sync/SyncWorker.h"
#include "core/charging/FitCheck.h"
#include "ui/BookingScreen.h"
#include "ui/SurveyScreen.h"

namespace kiosk {

// The wall clock in milliseconds since the epoch (booking and advisor timestamps).
std::int64_t nowMs();

// The sync worker's options for this kiosk: its store, its hub, the content's slots and versions.
kiosksync::WorkerOptions syncWorkerOptions(const KioskContent& content, const store::KioskConfig& config);

class BookingFlow {
public:
    // Opens (and migrates) the store; throws with a clear message when it cannot.
    BookingFlow(const KioskContent& content, store::KioskConfig config);
    ~BookingFlow();

    const store::KioskConfig& config() const { return m_config; }
    bool online() const { return m_worker && m_worker->online(); }
    // Per frame: hand the worker's news to the UI thread.
    void drainSync();

    std::vector<std::string> dayLabels(const std::string& language) const;
    std::vector<ui::SlotChoice> slots(const std::string& modelId, int dayOffset);
    int queueWaitMinutes(const std::string& modelId);

    struct Outcome {
        std::optional<ui::ConfirmationView> confirmation;  // set when committed
        std::map<std::string, std::string> errors;          // field -> message code
    };
    // Validates and commits; on success the form's personal data is wiped from memory.
    Outcome submit(const core::Model& model, const std::string& trim, const std::string& configCode,
                   core::session::BookingForm& form, const ui::BookingUiState& state);

    // Anonymous session events into the outbox (one small transaction).
    void recordInsight(const std::vector<core::analytics::Event>& events) { m_store.recordEvents(events); }

    // Home-charger site surveys: the days offered (from today + the content's lead days) and the
    // request, committed like a test drive; the fit-check answers travel with it.
    struct SurveyDay {
        std::string date;   // "YYYY-MM-DD"
        std::string label;  // as shown
    };
    std::vector<SurveyDay> surveyDays(const std::string& language) const;
    Outcome submitSurvey(const core::Model& model, const std::string& trim, core::session::SurveyForm& form,
                         const ui::SurveyUiState& state, const std::vector<SurveyDay>& days,
                         const core::charging::FitAnswers& fit, const std::string& testDriveId,
                         const std::string& language);

    // Embedded kiosks: a desk step (core::deskTransition) applied to a booking in the store; returns
    // "" or why not ("not_found", "invalid_transition").
    std::string deskStep(const std::string& bookingId, const std::string& action, std::int64_t nowMs) {
        return m_store.deskStep(bookingId, action, nowMs);
    }

    std::vector<store::StoredBooking> bookings() { return m_store.bookings(); }
    std::vector<store::StoredSurvey> surveys() { return m_store.surveys(); }
    size_t pending() { return m_store.pendingCount(); }
    // Whether the store can keep bookings now (read-only or damaged: not), for the advisor's banner.
    core::StoreHealth health() { return m_store.health(); }

private:
    core::LocalDate today() const;
    void purgeEmbedded();
    std::string dayLabel(const core::LocalDate& day, const std::string& language) const;

    const KioskContent& m_content;
    store::KioskConfig m_config;
    store::KioskStore m_store;
    std::unique_ptr<kiosksync::SyncWorker> m_worker;
    std::chrono::steady_clock::time_point m_nextPurge;  // embedded: the next hourly purge
};

}  // namespace kiosk
