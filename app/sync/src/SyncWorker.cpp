#include "sync/SyncWorker.h"

#include <chrono>

#include "store/Crypto.h"
#include "sync/ContentSync.h"
#include "sync/SyncRound.h"

namespace kiosksync {

SyncWorker::SyncWorker(WorkerOptions options) : m_options(std::move(options)) {}

SyncWorker::~SyncWorker() { stop(); }

void SyncWorker::start() {
    if (m_thread.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
    }
    m_thread = std::thread([this] { run(); });
}

void SyncWorker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void SyncWorker::syncNow() {
    {
        std::lock_guard lock(m_mutex);
        m_nudged = true;
    }
    m_wake.notify_all();
}

std::vector<SyncEvent> SyncWorker::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<SyncEvent> out;
    out.swap(m_events);
    return out;
}

void SyncWorker::post(SyncEvent e) {
    std::lock_guard lock(m_mutex);
    m_events.push_back(std::move(e));
}

void SyncWorker::setContentVersion(std::string version) {
    std::lock_guard lock(m_mutex);
    m_options.contentVersion = std::move(version);
}

void SyncWorker::reportStatus(SyncClient* client, store::KioskStore* db, bool roundOk, std::int64_t lastSyncMs,
                              const std::string& storeProblem) {
    if (!client) return;
    core::KioskStatus status;
    status.kioskId = m_options.kioskId;
    status.softwareVersion = m_options.softwareVersion;
    {
        std::lock_guard lock(m_mutex);
        status.contentVersion = m_options.contentVersion;
    }
    status.lastSyncMs = lastSyncMs;
    status.syncOk = roundOk;
    status.outboxBacklog = db ? static_cast<std::int64_t>(m_pending.load()) : -1;
    if (!storeProblem.empty()) status.store = {false, storeProblem};
    else if (db) status.store = db->health();
    else status.store = {false, "the booking database is not open"};
    // The report is best effort: a hub without the route, or one that refused it, changes nothing here.
    try {
        client->reportStatus(status);
    } catch (const std::exception&) {
    }
}

std::int64_t SyncWorker::now() const {
    if (m_options.clock) return m_options.clock();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void SyncWorker::run() {
    std::uint64_t seed = m_options.seed;
    if (seed == 0) store::randomBytes(&seed, sizeof seed);
    Backoff backoff(m_options.backoffBaseMs, m_options.backoffCapMs, seed);
    std::unique_ptr<store::KioskStore> db;
    std::unique_ptr<SyncClient> client;
    std::unique_ptr<contentpack::ContentShelf> shelf;
    std::unique_ptr<ContentClient> contentClient;
    int failures = 0;
    bool everOnline = false;
    std::int64_t lastAllocationMs = 0;
    std::int64_t lastPurgeMs = 0;
    std::int64_t lastSyncMs = 0;  // the last complete round, for the hub's fleet list
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) return;
            m_nudged = false;
        }
        int waitMs = m_options.idlePollMs;
        try {
            if (!db)
                db = std::make_unique<store::KioskStore>(m_options.databasePath,
                                                         store::SecretKey::fromHex(m_options.storeKeyHex),
                                                         m_options.kioskId, m_options.storeOptions);
            if (!client) client = std::make_unique<SyncClient>(m_options.client);
            RoundOptions round;
            round.batchSize = m_options.batchSize;
            const std::int64_t t = now();
            const bool haveContent = m_options.catalog && m_options.settings;
            if (haveContent && (t - lastAllocationMs >= m_options.allocationRefreshMs || lastAllocationMs == 0))
                round.allocationAsks = allocationAsks(*m_options.catalog, *m_options.settings, t);
            RoundResult r = runSyncRound(*db, *client, round, t);
            for (auto& u : r.updates) post({SyncEventKind::BookingUpdated, std::move(u), "", 0});
            m_pending = db->pendingCount();
            if (r.ok) lastSyncMs = t;
            if (r.ok || r.reachedHub) reportStatus(client.get(), db.get(), r.ok, lastSyncMs, "");
            if (r.ok) {
                if (!round.allocationAsks.empty()) lastAllocationMs = t;
                if (!m_online.exchange(true) || !everOnline) post({SyncEventKind::Online, {}, "hub reachable", m_pending});
                everOnline = true;
                failures = 0;
                waitMs = m_pending > 0 ? 0 : m_options.idlePollMs;
            } else {
                ++failures;
                if (r.authFailed) post({SyncEventKind::AuthFailed, {}, r.error, m_pending});
                else if (m_online.exchange(false) || failures == 1)
                    post({SyncEventKind::Offline, {}, r.error, m_pending});
                waitMs = backoff.delayMs(failures);
            }
            if (r.reachedHub && !m_options.contentShelf.empty() && !m_options.contentPublicKeyHex.empty()) {
                if (!shelf) shelf = std::make_unique<contentpack::ContentShelf>(m_options.contentShelf);
                if (!contentClient) contentClient = std::make_unique<ContentClient>(m_options.client);
                const auto c = runContentRound(*shelf, *contentClient, m_options.kioskId, m_options.contentPublicKeyHex);
                if (!c.staged.empty()) post({SyncEventKind::ContentStaged, {}, c.staged, m_pending});
                if (!c.refused.empty()) post({SyncEventKind::ContentRefused, {}, c.refused, m_pending});
            }
            if (haveContent && t - lastPurgeMs > 3'600'000) {
                db->purge(t, m_options.settings->retentionDays);
                lastPurgeMs = t;
            }
        } catch (const std::exception& e) {
            // The database was busy or the disk failed: drop the connection and retry later.
            db.reset();
            try {
                if (!client) client = std::make_unique<SyncClient>(m_options.client);
            } catch (const std::exception&) {
                // No client could be made (a configuration problem): the next round tries again.
            }
            reportStatus(client.get(), nullptr, false, lastSyncMs, e.what());
            ++failures;
            waitMs = backoff.delayMs(failures);
            post({SyncEventKind::Offline, {}, std::string("sync error: ") + e.what(), m_pending});
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return m_stop || m_nudged; });
    }
}

}  // namespace kiosksync
