#pragma once
// StoreContext: what every hub store shares (internal to hub_lib). One database connection
// behind one mutex, the content the rules are checked against, the write-transaction helper,
// the audit log and the change feed kiosks pull. Public store methods take `mutex`; the helpers
// here expect it held.
#include <sodium.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Catalog.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/protocol/SyncProtocol.h"
#include "hub/HubSettings.h"
#include "hub/SqlBackend.h"
#include "hub/store/Types.h"
#include "stores/FieldCipher.h"

namespace hub {

using P = std::vector<SqlValue>;
constexpr int kHubSchemaVersion = 8;

struct StoreContext {
    core::Catalog catalog;
    core::BookingSettings settings;
    HubSettings hubSettings;
    std::optional<core::charging::ChargingContent> charging;  // none: surveys are rejected
    core::analytics::AnalyticsSettings analytics;
    core::analytics::Vocabulary vocabulary;
    std::vector<std::string> crmAdapters;  // leads are queued for these
    std::mutex mutex;
    std::unique_ptr<SqlBackend> db;
    FieldCipher cipher;  // personal fields at rest (see FieldCipher.h)

    // A write transaction, run again on a serialization failure, deadlock or lost connection
    // (PostgreSQL) with a short jittered pause. f() must be safe to repeat: it starts from scratch.
    template <typename F>
    auto write(F&& f) {
        static thread_local std::minstd_rand rng{std::random_device{}()};
        for (int attempt = 1;; ++attempt) {
            try {
                db->begin();
                if constexpr (std::is_void_v<decltype(f())>) {
                    f();
                    db->commit();
                    return;
                } else {
                    auto result = f();
                    db->commit();
                    return result;
                }
            } catch (const SqlError& e) {
                db->rollback();
                if (!e.retryable() || attempt >= 8) throw;
                std::this_thread::sleep_for(
                    std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 5 << attempt)(rng)));
            } catch (...) {
                db->rollback();
                throw;
            }
        }
    }

    void audit(std::int64_t nowMs, const Principal& who, const std::string& recordId, const std::string& action,
               const std::string& detail = "");
    // One row per (kind, key, audience) holding the latest state (see ChangeFeed.cpp).
    void recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                      const nlohmann::json& data);
    void recordSlotChange(const std::string& slotKey);
    void recordBookingChange(const std::string& bookingId);
    void recordSurveyChange(const std::string& surveyId);
    void recordAllocationChange(const std::string& kioskId, const std::string& slotKey);
    core::HubBooking hubBooking(const std::string& bookingId);
    core::HubSurvey hubSurvey(const std::string& surveyId);

    // Seats (see Seats.cpp).
    void ensureSlot(const std::string& slotKey, const std::string& model);
    std::int64_t confirmedInSlot(const std::string& slotKey);
    std::string findAlternative(const std::string& model, const std::string& slot);
    void releaseSeat(const std::string& bookingId);

    // Personal data of one booking erased now; a lead not yet sent is not sent any more.
    void erasePersonal(const std::string& bookingId, std::int64_t nowMs);
    // One outbox row per configured CRM adapter.
    void queueCrm(const std::string& bookingId, const std::string& kind, std::int64_t nowMs);
};

// Applies the schema migrations this database lacks (refuses a newer schema).
void migrateSchema(StoreContext& ctx);
// Records the personal-field key's check value on first use; throws SqlError when the database's
// personal data was sealed with another key.
void checkFieldKey(StoreContext& ctx);
SqlValue flag(bool b);
Bytes tokenHash(const std::string& token);
std::string newToken();
// "+8613800138000" -> "+86138****8000": enough to recognise a customer on a list, not to call.
std::string maskMobile(const std::string& mobile);

}  // namespace hub
