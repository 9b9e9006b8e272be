#pragma once
// KioskStore: the kiosk's booking database (one SQLite connection). A booking row and its outbox
// event are written in one transaction with synchronous=FULL in WAL mode, so a booking returned by
// bookTestDrive() survives a crash or power cut and will reach the hub. The same holds for
// home-charger site surveys (bookSurvey) and anonymous analytics events (recordEvents). Personal
// fields are encrypted with the configured key and purged after the hub acknowledged plus the
// retention period. One instance per thread: the UI thread and the SyncWorker each open their own.
//
//   store::KioskStore db(config.databasePath, store::SecretKey::fromHex(config.storeKeyHex), config.kioskId);
//   auto r = db.bookTestDrive(draft, catalog, settings, nowMs);
//   if (!r.ok()) show(r.errors);           // field + code, translated with settings.message(code, lang)
//   else if (r.booking->status == core::BookingStatus::Confirmed) sayBooked();  // only after commit
//   else sayWillBeConfirmedLater();        // Requested: the hub confirms once it is reachable
//   auto sv = db.bookSurvey(surveyDraft, catalog, chargingContent, today, nowMs);  // "requested" until an advisor calls
//   db.recordEvents(sessionEvents);        // anonymous; one small transaction
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/booking/Booking.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/SurveyBooking.h"
#include "core/protocol/KioskStatus.h"
#include "core/protocol/SyncProtocol.h"
#include "store/Crypto.h"
#include "store/Sqlite.h"

namespace core {
struct Catalog;
}

namespace store {

struct StoreOptions {
    bool synchronousFull = true;  // false only for the power-loss test's control run
    std::string vfs;              // "" = default; tests inject faults through their own VFS
};

// A booking as the kiosk holds it. Personal fields are empty once purged.
struct StoredBooking {
    core::Booking booking;
    core::BookingStatus status = core::BookingStatus::Requested;  // current: local, then the hub's
    core::BookingStatus localStatus = core::BookingStatus::Requested;  // what the customer was told at commit
    std::string alternativeSlot;  // conflict: the hub's offer
    int waitlistPlace = 0;        // conflict: place on the waiting list
    std::string rejectField;      // rejected: the field the hub refused
    std::string rejectReason;
    std::int64_t ackedMs = 0;     // 0 until the hub acknowledged
    bool purged = false;
    int estimatedWaitMinutes = 0; // queue mode: estimate at booking time
};

// A home-charger site survey as the kiosk holds it. Personal fields (name, mobile, district) are
// empty once purged.
struct StoredSurvey {
    core::charging::SurveyBooking survey;
    std::string status;  // "requested" locally, then the hub's ("rejected" when the hub refused it)
    std::string rejectField, rejectReason;
    std::int64_t ackedMs = 0;  // 0 until the hub acknowledged
    bool purged = false;
};

struct SurveyResult {
    std::optional<StoredSurvey> survey;  // set once committed
    core::FieldErrors errors;            // why not, when not
    bool ok() const { return survey.has_value(); }
};

struct BookResult {
    std::optional<StoredBooking> booking;  // set once committed
    core::FieldErrors errors;              // why not, when not
    bool ok() const { return booking.has_value(); }
};

// One outbox row, without personal data (for `kioskctl outbox show` and the advisor screen).
struct OutboxEntry {
    std::int64_t seq = 0;
    std::string eventId;
    std::string bookingId;  // the booking or survey id; "" for an analytics event
    std::string state;  // "pending", "acked", "rejected"
    int attempts = 0;
    std::int64_t createdMs = 0;
    std::int64_t ackedMs = 0;
    std::string outcome;  // the hub's answer once acknowledged
    std::string model;
    std::string slot;
    std::string status;
    std::string type{};  // "booking.create", "survey.create" or "analytics.event"
};

// A booking whose status changed because of the hub (push result or pulled change).
struct BookingUpdate {
    std::string bookingId;
    core::BookingStatus status = core::BookingStatus::Requested;
    std::string alternativeSlot;
    int waitlistPlace = 0;
    int queuePlace = 0;
    std::string rejectField;
    std::string rejectReason;
};

// What the kiosk knows about one slot: the hub's last figures plus this kiosk's allocation.
struct SlotView {
    std::string slot;
    int capacity = 0;
    int hubConfirmed = -1;   // -1 = never heard from the hub
    int allocationLeft = 0;  // seats this kiosk may still confirm offline
};

class KioskStore {
public:
    static constexpr int kSchemaVersion = 2;

    // Opens (creating if needed) and migrates. Throws StoreError when the database is from a newer
    // schema version, when the key does not match the one it was created with, or on I/O errors.
    KioskStore(const std::string& path, SecretKey key, std::string kioskId, const StoreOptions& options = {});

    const std::string& path() const { return m_db.path(); }
    const std::string& kioskId() const { return m_kioskId; }
    int schemaVersion();

    // Validates, assigns id/kiosk/time, and commits the booking with its outbox event. `draft.mobile`
    // may be as typed (spaces, +86). Slot mode: Confirmed when this kiosk holds an unused allocation
    // seat for the slot, else Requested. Queue mode: Confirmed with an estimated place.
    BookResult bookTestDrive(core::Booking draft, const core::Catalog& catalog, const core::BookingSettings& settings,
                             std::int64_t nowMs);

    // Site survey: validates (validateSurveyBooking against `today`, showroom-local), assigns
    // id/kiosk/time, and commits the survey with its outbox event. Status "requested": an advisor
    // calls the customer to fix the visit.
    SurveyResult bookSurvey(core::charging::SurveyBooking draft, const core::Catalog& catalog,
                            const core::charging::ChargingContent& content, const core::LocalDate& today,
                            std::int64_t nowMs);
    std::vector<StoredSurvey> surveys();  // oldest first, decrypted

    // Anonymous analytics: one transaction per call, one outbox event (with its own event id, the
    // idempotency key) per event. An empty `kiosk` is this store's kiosk id; events whose session,
    // kiosk or time could never pass the hub's checks are not recorded.
    void recordEvents(const std::vector<core::analytics::Event>& events);
    size_t pendingAnalyticsCount();

    std::optional<StoredBooking> findBooking(const std::string& bookingId);
    std::vector<StoredBooking> bookings();  // oldest first, decrypted
    std::vector<OutboxEntry> outbox(size_t limit = 1000, bool pendingOnly = false);
    size_t pendingCount();
    std::vector<SlotView> slotsForDay(const core::Catalog& catalog, const core::BookingSettings& settings,
                                      const std::string& model, const core::LocalDate& date);

    // ---- used by the SyncWorker (on its own connection) ----
    // The oldest pending events, decrypted, ready to push.
    std::vector<core::PushEvent> pendingEvents(size_t limit);
    // Records the hub's answers in one transaction (bookings, surveys and analytics events); returns
    // the bookings whose status changed (surveys() shows the surveys' new status).
    std::vector<BookingUpdate> applyPushResults(const std::vector<core::EventResult>& results, std::int64_t nowMs);
    // Marks events as attempted (for outbox show); they stay pending.
    void noteAttempt(const std::vector<core::PushEvent>& events, std::int64_t nowMs);
    std::int64_t pullCursor();
    // Applies one page and its cursor in one transaction. A page whose cursor is not the stored one
    // (already applied, or out of order) changes nothing and returns false.
    bool applyPullPage(const core::PullPage& page, std::vector<BookingUpdate>& updates);
    // Allocation grants from the hub: sets what the hub holds for this kiosk.
    void applyAllocations(const std::vector<core::AllocationGrant>& grants);

    // Wipes personal fields of bookings and surveys acknowledged more than `retentionDays` ago, drops
    // their old outbox rows and every acknowledged analytics row; checkpoints the WAL so no copy
    // lingers there. Returns bookings and surveys purged.
    size_t purge(std::int64_t nowMs, int retentionDays);

    // Embedded kiosks (no hub): a desk step (core::deskTransition: check-in, start, complete,
    // no-show) applied to one of this kiosk's bookings. Returns "" or why not: "not_found",
    // "invalid_transition". With a hub the hub decides and the change arrives by pull.
    std::string deskStep(const std::string& bookingId, const std::string& action, std::int64_t nowMs);

    // Embedded kiosks (no hub ever acknowledges): wipes the personal fields of bookings whose day
    // (slot or queue day) and of surveys whose preferred day lies before `cutoffDate`
    // ("YYYY-MM-DD": today minus the retention period), so an embedded kiosk keeps personal data no
    // longer than a synced one. Returns the records wiped.
    size_t purgeAfterVisit(const std::string& cutoffDate, std::int64_t nowMs);

    std::string integrityCheck();  // "ok" when PRAGMA integrity_check is clean
    // Whether this store can keep bookings now: a database opened read-only (file or folder
    // write-protected) or one that fails PRAGMA quick_check is failing, with the problem in
    // English for staff and the hub's fleet list. Never throws.
    core::StoreHealth health();

private:
    void migrate();
    void checkKey();
    StoredBooking readBooking(Statement& s);
    StoredSurvey readSurvey(Statement& s);

    SecretKey m_key;
    std::string m_kioskId;
    Database m_db;
};

}  // namespace store
