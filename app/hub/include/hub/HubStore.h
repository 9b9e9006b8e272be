#pragma once
// HubStore: the sales hub's database, split by resource into small stores over one SqlBackend
// (SQLite by default, PostgreSQL for a dealer group): devices and tokens, advisor accounts, the
// kiosk sync (push, pull, allocations), the advisor desk (bookings), site surveys, the CRM
// outbox, analytics and retention. Authoritative for slot capacity: every capacity decision is a
// conditional UPDATE inside the push's write transaction, backed by a CHECK constraint. Event ids
// are unique forever (the idempotency key). Stores return plain structs (hub/store/Types.h);
// the server layer alone writes JSON.
// Thread-safe: one connection behind a mutex; several hub processes may share one PostgreSQL
// database (their writes serialise in the database).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/Catalog.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/booking/BookingSettings.h"
#include "hub/HubSettings.h"
#include "hub/SqlBackend.h"
#include "hub/store/AdvisorStore.h"
#include "hub/store/AnalyticsStore.h"
#include "hub/store/ContentStore.h"
#include "hub/store/CrmOutbox.h"
#include "hub/store/DeskStore.h"
#include "hub/store/DeviceStore.h"
#include "hub/store/FleetStore.h"
#include "hub/store/RetentionStore.h"
#include "hub/store/ShareStore.h"
#include "hub/store/SurveyStore.h"
#include "hub/store/SyncStore.h"
#include "hub/store/Types.h"

namespace hub {

struct StoreContext;

class HubStore {
public:
    static constexpr int kSchemaVersion = 8;

    // `database`: a SQLite path or a PostgreSQL connection string (see openBackend()).
    // `fieldKeyHex` (64 hex digits): personal fields are sealed at rest with this key (kept outside
    // the database, see src/stores/FieldCipher.h); "" stores them in plain text.
    HubStore(const std::string& database, core::Catalog catalog, core::BookingSettings settings,
             HubSettings hubSettings = {}, const std::string& pgSchema = "", const std::string& fieldKeyHex = "");
    HubStore(std::unique_ptr<SqlBackend> db, core::Catalog catalog, core::BookingSettings settings,
             HubSettings hubSettings = {}, const std::string& fieldKeyHex = "");
    bool personalDataEncrypted() const;
    ~HubStore();
    HubStore(const HubStore&) = delete;
    HubStore& operator=(const HubStore&) = delete;

    DeviceStore& devices() { return m_devices; }
    AdvisorStore& advisors() { return m_advisors; }
    SyncStore& sync() { return m_sync; }
    DeskStore& desk() { return m_desk; }
    SurveyStore& surveys() { return m_surveys; }
    CrmOutbox& crm() { return m_crm; }
    AnalyticsStore& analytics() { return m_analytics; }
    RetentionStore& retention() { return m_retention; }
    FleetStore& fleet() { return m_fleet; }
    ContentStore& content() { return m_content; }
    ShareStore& share() { return m_share; }

    std::string path() const;
    std::string_view dialect() const;
    const core::Catalog& catalog() const;
    const core::BookingSettings& settings() const;
    const HubSettings& hubSettings() const;
    const core::analytics::Vocabulary& vocabulary() const;
    const core::analytics::AnalyticsSettings& analyticsSettings() const;

    // For tests and operations.
    std::int64_t count(const std::string& table);
    std::string integrityCheck();
    SqlBackend& backend();

private:
    std::unique_ptr<StoreContext> m_ctx;
    DeviceStore m_devices;
    AdvisorStore m_advisors;
    SyncStore m_sync;
    DeskStore m_desk;
    SurveyStore m_surveys;
    CrmOutbox m_crm;
    AnalyticsStore m_analytics;
    RetentionStore m_retention;
    FleetStore m_fleet;
    ContentStore m_content;
    ShareStore m_share;
};

// Copies every hub table of `from` into a new SQLite file at `path` (replaced if present), with
// the same schema: a portable snapshot of a PostgreSQL hub (tests read it like a SQLite hub).
void snapshotToSqlite(SqlBackend& from, const std::string& path);

}  // namespace hub
