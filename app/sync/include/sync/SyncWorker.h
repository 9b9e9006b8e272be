#pragma once
// SyncWorker: the kiosk's background sync. Owns a thread, its own KioskStore connection and its
// own HTTP client; pushes the outbox, pulls changes, keeps seat allocations topped up and purges
// personal data after retention. Retries with capped exponential backoff and full jitter; after a
// restart it simply resumes from the outbox. Results reach the UI thread through one queue:
// call drain() at the top of each frame.
//
// Embedded mode (no hub configured): do not create a SyncWorker; bookings stay in the KioskStore.
//
//   kiosksync::SyncWorker worker(options);   // options from store::KioskConfig
//   worker.start();
//   ... after store.bookTestDrive(...) commits: worker.syncNow();
//   for (auto& e : worker.drain()) ui.onSync(e);   // each frame, UI thread
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/booking/BookingSettings.h"
#include "store/KioskStore.h"
#include "sync/SyncClient.h"

namespace core {
struct Catalog;
}

namespace kiosksync {

struct WorkerOptions {
    std::string databasePath;
    std::string storeKeyHex;
    std::string kioskId;
    store::StoreOptions storeOptions;
    ClientOptions client;
    size_t batchSize = 200;
    int backoffBaseMs = 500;
    int backoffCapMs = 60'000;
    int idlePollMs = 15'000;          // pull this often when nothing is pending
    int allocationRefreshMs = 60'000; // top allocations up this often while online
    std::uint64_t seed = 0;           // jitter seed; 0 = from the OS
    // Optional: with both set the worker keeps allocations topped up and purges after retention.
    const core::Catalog* catalog = nullptr;
    const core::BookingSettings* settings = nullptr;
    std::function<std::int64_t()> clock;  // UTC ms; default the system clock
    // Reported to the hub after every round (POST /v1/sync/status), with the outbox backlog, the
    // last complete round and the store's health: the hub's fleet list.
    std::string softwareVersion;
    std::string contentVersion;
    // Published content (see ContentSync.h): with both set, each round also fetches the hub's latest
    // content version into this shelf folder, checked against this Ed25519 public key (64 hex digits).
    std::string contentShelf;
    std::string contentPublicKeyHex;
};

enum class SyncEventKind {
    BookingUpdated,  // the hub confirmed, moved, rejected or put in conflict a booking: see update
    Online,          // the hub answered after a failure (or for the first time)
    Offline,         // the hub could not be reached; bookings keep committing locally
    AuthFailed,      // the hub refused the token: needs an operator
    ContentStaged,   // a new content version waits on the shelf for the next moment between visits (message: version)
    ContentRefused,  // a published content version was refused (message: version; the reason went to the hub)
};

struct SyncEvent {
    SyncEventKind kind = SyncEventKind::Online;
    store::BookingUpdate update;  // BookingUpdated only
    std::string message;          // English, no personal data
    size_t pending = 0;           // outbox events still to push
};

class SyncWorker {
public:
    explicit SyncWorker(WorkerOptions options);
    ~SyncWorker();  // stops and joins
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void start();
    void stop();
    // Wake the worker now (a booking was just committed); also cuts a backoff wait short.
    void syncNow();
    // Everything that happened since the last call; any thread, meant for the UI thread.
    std::vector<SyncEvent> drain();
    bool online() const { return m_online.load(); }
    size_t pending() const { return m_pending.load(); }
    // The content version reported from the next round on (after a content switch); any thread.
    void setContentVersion(std::string version);

private:
    void run();
    void post(SyncEvent e);
    void reportStatus(SyncClient* client, store::KioskStore* db, bool roundOk, std::int64_t lastSyncMs,
                      const std::string& storeProblem);
    std::int64_t now() const;

    WorkerOptions m_options;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_nudged = false;
    std::vector<SyncEvent> m_events;
    std::atomic<bool> m_online{false};
    std::atomic<size_t> m_pending{0};
};

}  // namespace kiosksync
