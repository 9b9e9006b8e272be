#include "hub/HubStore.h"

#include <algorithm>

#include "core/recommend/GuideInsight.h"
#include "stores/StoreContext.h"

namespace hub {
namespace {

static_assert(HubStore::kSchemaVersion == kHubSchemaVersion);

std::unique_ptr<StoreContext> makeContext(std::unique_ptr<SqlBackend> db, core::Catalog catalog,
                                          core::BookingSettings settings, HubSettings hubSettings,
                                          const std::string& fieldKeyHex) {
    if (sodium_init() < 0) throw SqlError("libsodium could not initialise");
    auto ctx = std::make_unique<StoreContext>();
    ctx->catalog = std::move(catalog);
    ctx->settings = std::move(settings);
    ctx->hubSettings = std::move(hubSettings);
    ctx->db = std::move(db);
    // Surveys and analytics need their content modules; a hub without them refuses those events
    // (rejected, naming why) and keeps serving bookings.
    if (ctx->catalog.moduleFiles.count("charging")) {
        auto charging = core::charging::loadChargingContent(ctx->catalog);
        if (!charging.content) throw SqlError("charging content is invalid: " + charging.errors.front().toString());
        ctx->charging = std::move(charging.content);
    }
    if (ctx->catalog.moduleFiles.count("analytics")) {
        auto analytics = core::analytics::loadAnalyticsSettings(ctx->catalog);
        if (!analytics.settings) throw SqlError("analytics content is invalid: " + analytics.errors.front().toString());
        ctx->analytics = std::move(*analytics.settings);
    }
    ctx->vocabulary = core::recommend::insightVocabulary(ctx->catalog, ctx->analytics.screens);  // with the guide's answers
    migrateSchema(*ctx);
    if (!fieldKeyHex.empty()) ctx->cipher.setKey(store::SecretKey::fromHex(fieldKeyHex));
    checkFieldKey(*ctx);
    // The demo fleet as the hub knows it; kiosks learn it through pull.
    StoreContext& c = *ctx;
    c.write([&] {
        for (const auto& v : c.catalog.showroom.demoFleet) {
            auto r = c.db->run("INSERT INTO fleet(vehicle_id, model, status) VALUES(?,?,'available') ON CONFLICT DO NOTHING",
                               P{v.id, v.model});
            if (r.affected > 0) c.recordChange("fleet", v.id, "", {{"model", v.model}, {"status", "available"}});
        }
    });
    return ctx;
}

}  // namespace

HubStore::HubStore(const std::string& database, core::Catalog catalog, core::BookingSettings settings,
                   HubSettings hubSettings, const std::string& pgSchema, const std::string& fieldKeyHex)
    : HubStore(openBackend(database, pgSchema), std::move(catalog), std::move(settings), std::move(hubSettings),
               fieldKeyHex) {}

HubStore::HubStore(std::unique_ptr<SqlBackend> db, core::Catalog catalog, core::BookingSettings settings,
                   HubSettings hubSettings, const std::string& fieldKeyHex)
    : m_ctx(makeContext(std::move(db), std::move(catalog), std::move(settings), std::move(hubSettings), fieldKeyHex)),
      m_devices(*m_ctx),
      m_advisors(*m_ctx),
      m_sync(*m_ctx),
      m_desk(*m_ctx),
      m_surveys(*m_ctx),
      m_crm(*m_ctx),
      m_analytics(*m_ctx),
      m_retention(*m_ctx),
      m_fleet(*m_ctx),
      m_content(*m_ctx),
      m_share(*m_ctx) {}

HubStore::~HubStore() = default;

bool HubStore::personalDataEncrypted() const { return m_ctx->cipher.enabled(); }
std::string HubStore::path() const { return m_ctx->db->describe(); }
std::string_view HubStore::dialect() const { return m_ctx->db->dialect(); }
const core::Catalog& HubStore::catalog() const { return m_ctx->catalog; }
const core::BookingSettings& HubStore::settings() const { return m_ctx->settings; }
const HubSettings& HubStore::hubSettings() const { return m_ctx->hubSettings; }
const core::analytics::Vocabulary& HubStore::vocabulary() const { return m_ctx->vocabulary; }
const core::analytics::AnalyticsSettings& HubStore::analyticsSettings() const { return m_ctx->analytics; }
SqlBackend& HubStore::backend() { return *m_ctx->db; }

std::int64_t HubStore::count(const std::string& table) {
    static const std::vector<std::string> kTables = {"bookings", "events",  "advisor_tasks", "allocations", "devices",
                                                     "changes",  "crm_outbox", "audit_log", "advisors", "surveys",
                                                     "analytics_events"};
    if (std::find(kTables.begin(), kTables.end(), table) == kTables.end()) return -1;
    std::lock_guard lock(m_ctx->mutex);
    return m_ctx->db->run("SELECT count(*) FROM " + table).front().integer(0);
}

std::string HubStore::integrityCheck() {
    std::lock_guard lock(m_ctx->mutex);
    return m_ctx->db->integrityCheck();
}

}  // namespace hub
