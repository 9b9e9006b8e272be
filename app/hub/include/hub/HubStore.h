#pragma once
// HubStore: the sales hub's database and its rules, on a SqlBackend (SQLite by default,
// PostgreSQL for a dealer group). Authoritative for slot capacity: every capacity decision is a
// conditional UPDATE inside the push's write transaction, backed by a CHECK constraint, never a
// check followed by an insert. Event ids are unique forever (the idempotency key). Also the CRM
// lead outbox (one row per lead and adapter), the audit log, advisor accounts and retention; also
// home-charger site surveys (personal, audited, erased like bookings) and anonymous analytics
// events (checked against the content's vocabulary, kept for the demand report).
// Thread-safe: one connection behind a mutex; several hub processes may share one PostgreSQL
// database (their writes serialise in the database).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/Catalog.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "core/charging/ChargingContent.h"
#include "core/protocol/SyncProtocol.h"
#include "hub/HubSettings.h"
#include "hub/SqlBackend.h"

namespace hub {

struct Principal {
    std::string kioskId;    // the device (kiosk or advisor tablet) that made the request
    std::string role;       // "kiosk", "advisor" (a logged-in advisor session) or "device"
    std::string advisorId;  // set for advisor sessions
};

// An advisor-API failure: HTTP status, machine code and English reason.
struct ApiError {
    int status = 400;
    std::string code;
    std::string reason;
};

// One lead as the CRM adapters render it: the booking with its personal fields (empty once
// purged or withdrawn) and consent.
struct Lead {
    std::string bookingId, kioskId, model, trim, mode, slot, queueDate, status;
    int queuePlace = 0;
    std::string name, mobile, email;  // personal
    bool licenceConfirmed = false;
    std::string consentVersion;
    bool contactPermission = false;
    std::string configCode;
    std::int64_t createdMs = 0;
    std::int64_t withdrawnMs = 0;
    std::int64_t purgedMs = 0;
};

// One CRM delivery due: kind "lead" or "withdrawal". eventId is the idempotency key, the same on
// every attempt; attempts counts this one (1 = first send).
struct OutboxItem {
    std::int64_t id = 0;
    std::string adapter, bookingId, kind, eventId;
    std::int64_t attempts = 0;
    std::int64_t createdMs = 0;
};

struct AdapterStatus {
    std::string adapter;
    std::int64_t pending = 0, delivered = 0, cancelled = 0;
    std::string lastError;
};

struct LoginResult {
    std::optional<std::string> session;  // the session token on success
    std::int64_t expiresMs = 0;
    ApiError error;                      // 401 invalid_credentials or 423 locked
    std::int64_t retryAfterS = 0;        // when locked
};

class HubStore {
public:
    static constexpr int kSchemaVersion = 4;

    // `database`: a SQLite path or a PostgreSQL connection string (see openBackend()).
    HubStore(const std::string& database, core::Catalog catalog, core::BookingSettings settings,
             HubSettings hubSettings = {}, const std::string& pgSchema = "");
    HubStore(std::unique_ptr<SqlBackend> db, core::Catalog catalog, core::BookingSettings settings,
             HubSettings hubSettings = {});

    std::string path() const { return m_db->describe(); }
    std::string_view dialect() const { return m_db->dialect(); }
    const core::Catalog& catalog() const { return m_catalog; }
    const core::BookingSettings& settings() const { return m_settings; }
    const HubSettings& hubSettings() const { return m_hubSettings; }

    // Registers (or re-keys) a kiosk or advisor device; returns its new bearer token. Only a hash of
    // the token is stored.
    std::string registerDevice(const std::string& id, const std::string& role, std::int64_t nowMs);
    // A device token, or an advisor session token (role "advisor", advisorId set).
    std::optional<Principal> authenticate(const std::string& token, std::int64_t nowMs);

    core::PushResponse push(const core::PushRequest& request, std::int64_t nowMs);
    core::PullPage pull(const std::string& kioskId, std::int64_t cursor, size_t limit);
    std::vector<core::AllocationGrant> allocate(const std::string& kioskId, const std::vector<core::AllocationAsk>& asks,
                                                std::int64_t nowMs);

    // ---- advisors ----
    // Creates or changes an advisor's password (Argon2id via crypto_pwhash_str; at least 10 chars).
    void setAdvisorPassword(const std::string& advisorId, const std::string& password, std::int64_t nowMs);
    // Checks the password; after maxLoginFailures wrong ones in a row the account is locked for
    // lockoutMinutes (423, the password is not even checked). Success opens a session for `device`.
    LoginResult login(const std::string& advisorId, const std::string& password, const std::string& deviceId,
                      std::int64_t nowMs);
    void logout(const std::string& sessionToken);

    // Advisor API; every read of personal data and every change is written to the audit log.
    // The day list shows names and masked mobiles; bookingDetail shows one booking in full.
    nlohmann::json bookingsForDay(const std::string& date, const Principal& who, std::int64_t nowMs);
    std::optional<nlohmann::json> bookingDetail(const std::string& bookingId, const Principal& who, std::int64_t nowMs);
    // Site surveys whose preferred day is `date`: names and masked mobiles; each listed survey audited.
    nlohmann::json surveysForDay(const std::string& date, const Principal& who, std::int64_t nowMs);
    // One site survey in full (mobile, district, consent version, personal_data_erased); audited.
    std::optional<nlohmann::json> surveyDetail(const std::string& surveyId, const Principal& who, std::int64_t nowMs);
    // Survey actions: scheduled (requested -> scheduled; newDate, if not empty, moves the preferred
    // day), done (scheduled -> done), cancel (requested/scheduled -> cancelled), withdraw (any state,
    // once: personal fields erased now, a survey still to come cancelled). Each is audited, closes
    // the survey's open advisor task and is published to the survey's kiosk in the pull feed.
    std::optional<ApiError> surveyAction(const std::string& surveyId, const std::string& action,
                                         const std::string& newDate, std::int64_t nowMs, nlohmann::json& survey,
                                         const Principal& who = {"", "system", ""});
    nlohmann::json openTasks();
    // Actions: check-in, start, complete, no-show, cancel, reschedule (newSlot), withdraw (the
    // customer withdrew consent: personal data erased now, booking cancelled, CRMs told).
    std::optional<ApiError> advisorAction(const std::string& bookingId, const std::string& action,
                                          const std::string& newSlot, std::int64_t nowMs, nlohmann::json& booking,
                                          const Principal& who = {"", "system", ""});
    nlohmann::json auditFor(const std::string& bookingId);

    // ---- CRM outbox ----
    // Leads are queued for these adapters from now on (each stored booking -> one "lead" row each).
    void setCrmAdapters(std::vector<std::string> adapters);
    // Claims up to `limit` due items of one adapter for `leaseMs` (another hub process sharing the
    // database skips them meanwhile). A withdrawal waits until the lead before it is settled.
    std::vector<OutboxItem> claimDue(const std::string& adapter, const std::string& owner, std::int64_t nowMs,
                                     std::int64_t leaseMs, size_t limit);
    void markDelivered(std::int64_t id, std::int64_t nowMs);
    void markFailed(std::int64_t id, const std::string& error, std::int64_t nextAttemptMs);
    std::optional<Lead> lead(const std::string& bookingId);
    std::vector<AdapterStatus> crmStatus();
    // All leads created in [fromMs, toMs) for a manual CSV import; audited as an export by `who`.
    std::vector<Lead> leadsBetween(std::int64_t fromMs, std::int64_t toMs, const std::string& who, std::int64_t nowMs);

    // ---- analytics ----
    // Every stored analytics event as an events-file line (the form `kioskctl report` reads), in
    // the order the kiosks recorded them (event time, then arrival).
    std::vector<std::string> analyticsLines();
    const core::analytics::Vocabulary& vocabulary() const { return m_vocabulary; }
    const core::analytics::AnalyticsSettings& analyticsSettings() const { return m_analytics; }

    // ---- retention ----
    // Erases personal fields of bookings (and site surveys) whose last activity (update, slot,
    // queue or preferred day) is older than the retention period. Returns how many were purged.
    int purgeExpired(std::int64_t nowMs);

    // For tests and operations.
    std::int64_t count(const std::string& table);
    std::int64_t confirmedInSlot(const std::string& slotKey);
    std::string integrityCheck();
    SqlBackend& backend() { return *m_db; }

private:
    void migrate();
    template <typename F>
    auto write(F&& f);
    void audit(std::int64_t nowMs, const Principal& who, const std::string& bookingId, const std::string& action,
               const std::string& detail = "");
    void ensureSlot(const std::string& slotKey, const std::string& model);
    std::int64_t confirmedInSlotLocked(const std::string& slotKey);
    core::HubBooking hubBooking(const std::string& bookingId);
    std::string findAlternative(const std::string& model, const std::string& slot);
    void recordChange(const std::string& kind, const std::string& key, const std::string& audience,
                      const nlohmann::json& data);
    void recordSlotChange(const std::string& slotKey);
    void recordBookingChange(const std::string& bookingId);
    void recordSurveyChange(const std::string& surveyId);
    void recordAllocationChange(const std::string& kioskId, const std::string& slotKey);
    core::EventResult applyEvent(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs);
    core::EventResult applySurvey(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs);
    core::EventResult applyAnalytics(const std::string& kioskId, const core::PushEvent& e, std::int64_t nowMs);
    core::HubSurvey hubSurvey(const std::string& surveyId);
    void releaseSeat(const std::string& bookingId);
    void queueCrm(const std::string& bookingId, const std::string& kind, std::int64_t nowMs);
    void erasePersonal(const std::string& bookingId, std::int64_t nowMs);

    core::Catalog m_catalog;
    core::BookingSettings m_settings;
    HubSettings m_hubSettings;
    std::optional<core::charging::ChargingContent> m_charging;  // none: surveys are rejected
    core::analytics::AnalyticsSettings m_analytics;
    core::analytics::Vocabulary m_vocabulary;
    std::vector<std::string> m_crmAdapters;
    std::mutex m_mutex;
    std::unique_ptr<SqlBackend> m_db;
};

// Copies every hub table of `from` into a new SQLite file at `path` (replaced if present), with
// the same schema: a portable snapshot of a PostgreSQL hub (tests read it like a SQLite hub).
void snapshotToSqlite(SqlBackend& from, const std::string& path);

}  // namespace hub
