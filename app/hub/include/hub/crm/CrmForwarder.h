#pragma once
// CrmForwarder: the hub's CRM outbox consumers. One thread per configured adapter claims due
// leads from HubStore (a lease, so several hub processes on one database share the work), renders
// them with the adapter's LeadFormat (ADF/XML, the JSON lead document, ...), delivers them (HTTP POST or a drop folder) and marks
// them delivered; failures back off exponentially with full jitter, as the kiosk's sync worker
// does. Every attempt of one lead carries the same idempotency key (the outbox event id; ADF: the
// booking id with status="resend"), so a receiver that de-duplicates sees each lead exactly once.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hub/HubStore.h"
#include "hub/crm/LeadAdapter.h"

namespace hub::crm {

struct ForwarderOptions {
    std::string owner = "hub";  // lease owner name (unique per hub process)
    int baseBackoffMs = 500;
    int capBackoffMs = 60000;
    int leaseMs = 30000;  // a claimed lead is another process's again after this
    int batch = 50;
    int idleMs = 200;     // poll interval when nothing is due
    int sweepMs = 60000;  // drop folders: lead files of erased bookings are removed this often
};

// Reads {"adapters": [{"name", "format", "url" | "folder", "secret" | "secret_file", "timeout_ms"}]};
// throws std::runtime_error naming the file, the JSON path and the problem.
std::vector<AdapterConfig> loadCrmConfig(const std::string& file);

struct DeliveryResult {
    bool delivered = false;
    std::string error;  // when not delivered: "connect failed", "HTTP 503", ...
};

class CrmForwarder {
public:
    CrmForwarder(HubStore& store, std::vector<AdapterConfig> adapters, ForwarderOptions options);
    ~CrmForwarder();  // stops and joins
    CrmForwarder(const CrmForwarder&) = delete;
    CrmForwarder& operator=(const CrmForwarder&) = delete;

    void start();
    void stop();
    // Delivers what is due now for one adapter, on the calling thread; returns how many were
    // delivered (tests and benchmarks).
    int runOnce(const AdapterConfig& adapter);
    const std::vector<AdapterConfig>& adapters() const { return m_adapters; }

    // Drop folder of `adapter`: overwrites and removes every lead file (and half-written one) of
    // a booking whose personal data was erased (withdrawn or past retention); returns how many.
    int sweepDropFolder(const AdapterConfig& adapter);

    // One delivery attempt of one outbox item (exposed for tests).
    DeliveryResult deliver(const AdapterConfig& adapter, const OutboxItem& item, const Lead& lead);

private:
    void loop(const AdapterConfig& adapter);

    HubStore& m_store;
    std::vector<AdapterConfig> m_adapters;
    ForwarderOptions m_options;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::thread> m_threads;
};

}  // namespace hub::crm
