// sales-hub: the reference sales system. Serves the kiosk sync API and the advisor API over
// HTTP/JSON from one database: SQLite (hub.db in --data DIR, the default) or PostgreSQL
// (--database postgresql://..., several hubs may share it), forwards leads to CRMs (--crm FILE)
// and purges personal data on the content's retention schedule.
//
//   sales-hub --listen 127.0.0.1:8470 --data /var/lib/sales-hub [--database URL] [--pg-schema S]
//             [--content DIR] [--crm FILE] [--max-body BYTES] [--rate PER_SECOND] [--burst N]
//             [--request-deadline-ms MS] [--max-connections N] [--max-connections-per-address N]
//             [--tls-cert FILE --tls-key FILE]   (HTTPS; PEM certificate chain and its private key)
//             [--share-rate PER_SECOND] [--share-burst N]   (the public share pages, per client address)
//             [--key-file FILE | --plaintext-personal-data]
//   Personal fields are sealed at rest with the key in --key-file (SALES_HUB_KEY_FILE; default
//   DATA/hub.key, created 0600 on first start); the data folder is kept 0700, hub.db 0600.
//   sales-hub register --data DIR --device kiosk-a [--role kiosk|advisor]   (prints the token)
//   sales-hub advisor  --data DIR --id li-na [--password-file F]  (else the password from stdin)
//   sales-hub purge    --data DIR [--as-of YYYY-MM-DD] (erases personal data past retention now, or
//                                                      already what will be past it on that later day)
//   sales-hub export-csv --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]
//   sales-hub crm-status --data DIR
//   sales-hub report --data DIR --out DIR [--json]   (the demand report over the stored analytics events)
//   sales-hub export-events --data DIR --out FILE     (the events as JSON lines, as `kioskctl report` reads)
//   sales-hub kiosks --data DIR [--kiosk-stale-seconds N] [--json]   (the fleet list; the server takes the
//                                                      same option for GET /v1/admin/kiosks; default 1800)
//   sales-hub content publish FOLDER --data DIR [--signing-key FILE]  (check, number, sign, store: kiosks fetch it)
//   sales-hub content public-key --data DIR [--signing-key FILE]      (for the kiosks' content_public_key)
//   sales-hub content list --data DIR                 (the published versions and what each kiosk reported)
//   The content signing key (Ed25519 seed, 64 hex digits) is --signing-key (SALES_HUB_SIGNING_KEY_FILE;
//   default DIR/content-signing.key, created 0600 on first use).
//
// SALES_HUB_ADMIN_TOKEN, when set, enables POST /v1/admin/devices and GET /v1/admin/kiosks. SALES_HUB_DATABASE and
// SALES_HUB_PG_SCHEMA stand for --database and --pg-schema (keeps a password off the command line).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "contentpack/ContentBundle.h"
#include "core/ContentLoader.h"
#include "core/analytics/Report.h"
#include "core/analytics/ReportOutput.h"
#include "hub/FleetList.h"
#include "hub/ContentPublisher.h"
#include "hub/HubKeyFile.h"
#include "hub/HubServer.h"
#include "hub/crm/CrmForwarder.h"
#include "hub/crm/LeadFormats.h"

namespace {

std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
    for (size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == name) return args[i + 1];
    return fallback;
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

void usage() {
    std::fputs(
        "usage: sales-hub --listen HOST:PORT --data DIR [--database URL] [--pg-schema S] [--content DIR] [--crm FILE]\n"
        "                 [--max-body BYTES] [--rate N] [--burst N]\n"
        "                 [--request-deadline-ms MS] [--max-connections N] [--max-connections-per-address N]\n"
        "                 [--tls-cert FILE --tls-key FILE] [--key-file FILE | --plaintext-personal-data]\n"
        "                 [--kiosk-stale-seconds N]\n"
        "                 [--share-rate PER_SECOND] [--share-burst N]   (share pages GET /c/CODE, per client address)\n"
        "       sales-hub register --data DIR --device ID [--role kiosk|advisor]\n"
        "       sales-hub advisor --data DIR --id ADVISOR [--password-file FILE]   (else the password on stdin)\n"
        "       sales-hub purge --data DIR [--as-of YYYY-MM-DD]\n"
        "       sales-hub export-csv --data DIR --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]\n"
        "       sales-hub crm-status --data DIR\n"
        "       sales-hub report --data DIR --out DIR [--json]\n"
        "       sales-hub export-events --data DIR --out FILE\n"
        "       sales-hub kiosks --data DIR [--kiosk-stale-seconds N] [--json]\n"
        "       sales-hub content publish FOLDER --data DIR [--signing-key FILE]\n"
        "       sales-hub content public-key --data DIR [--signing-key FILE]\n"
        "       sales-hub content list --data DIR\n"
        "   --database: a PostgreSQL connection string (postgresql://...) or a SQLite file; default DIR/hub.db\n",
        stderr);
}

bool flag(const std::vector<std::string>& args, const std::string& name) {
    return std::find(args.begin(), args.end(), name) != args.end();
}

// The key of the personal fields at rest; "" with --plaintext-personal-data (said loudly).
std::string fieldKey(const std::vector<std::string>& args, const std::string& data) {
    if (flag(args, "--plaintext-personal-data")) {
        std::fprintf(stderr, "sales-hub: WARNING: personal data is stored in plain text (--plaintext-personal-data)\n");
        return "";
    }
    std::string file = option(args, "--key-file", env("SALES_HUB_KEY_FILE"));
    if (file.empty() && data.empty())
        throw std::runtime_error("--key-file FILE is required without --data (the key of the personal data)");
    if (file.empty()) file = (std::filesystem::path(data) / "hub.key").string();
    bool created = false;
    std::string hex = hub::loadOrCreateHubKey(file, created);
    if (created)
        std::fprintf(stderr, "sales-hub: created the key of the personal data in %s: back it up apart from the "
                             "database (without it names and mobiles cannot be read)\n", file.c_str());
    return hex;
}

// The data folder holds the database and the key: the hub's user only.
void makePrivateFolder(const std::string& data) {
    std::filesystem::create_directories(data);
    std::error_code ec;
    std::filesystem::permissions(data, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    if (ec) std::fprintf(stderr, "sales-hub: WARNING: cannot make %s private (0700): %s\n", data.c_str(), ec.message().c_str());
}

std::unique_ptr<hub::HubStore> openStore(const std::vector<std::string>& args) {
    const std::string data = option(args, "--data", "");
    std::string database = option(args, "--database", env("SALES_HUB_DATABASE"));
    if (data.empty() && database.empty()) throw std::runtime_error("--data DIR (or --database URL) is required");
    if (!data.empty()) makePrivateFolder(data);
    if (database.empty()) database = (std::filesystem::path(data) / "hub.db").string();
    const std::string contentDir = option(args, "--content", core::defaultContentDirectory());
    auto loaded = core::loadContent(contentDir);
    if (!loaded.ok()) {
        for (const auto& e : loaded.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        throw std::runtime_error("content in " + contentDir + " is invalid");
    }
    auto settings = core::loadBookingSettings(*loaded.catalog);
    if (!settings.settings) {
        for (const auto& e : settings.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        throw std::runtime_error("booking content is invalid");
    }
    auto hubSettings = hub::loadHubSettings(*loaded.catalog);
    if (!hubSettings.settings) {
        for (const auto& e : hubSettings.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        throw std::runtime_error("hub content is invalid");
    }
    return std::make_unique<hub::HubStore>(database, *loaded.catalog, *settings.settings, *hubSettings.settings,
                                           option(args, "--pg-schema", env("SALES_HUB_PG_SCHEMA")), fieldKey(args, data));
}

// --kiosk-stale-seconds N: how long a kiosk may go without a complete sync before the fleet list flags it.
std::int64_t staleSeconds(const std::vector<std::string>& args) {
    const std::string text = option(args, "--kiosk-stale-seconds", std::to_string(hub::kDefaultKioskStaleSeconds));
    std::size_t used = 0;
    long long v = -1;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
    }
    if (used != text.size() || v < 1 || v > 31LL * 86400)
        throw std::runtime_error("--kiosk-stale-seconds \"" + text + "\": expected whole seconds from 1 to 2678400 (31 days)");
    return v;
}

// Runs the retention purge every purgeIntervalMinutes until stopped.
class PurgeSchedule {
public:
    explicit PurgeSchedule(hub::HubStore& store) : m_store(store), m_thread([this] { loop(); }) {}
    ~PurgeSchedule() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }

private:
    void loop() {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            try {
                const int n = m_store.retention().purgeExpired(hub::nowMs());
                if (n > 0) std::printf("sales-hub: retention purge erased personal data of %d bookings\n", n);
                std::fflush(stdout);
            } catch (const std::exception& e) {
                std::fprintf(stderr, "sales-hub: retention purge failed: %s\n", e.what());
            }
            m_wake.wait_for(lock, std::chrono::minutes(m_store.hubSettings().purgeIntervalMinutes), [this] { return m_stop; });
        }
    }
    hub::HubStore& m_store;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

int serve(const std::vector<std::string>& args) {
    const std::string listen = option(args, "--listen", "127.0.0.1:8470");
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    const std::string host = listen.substr(0, colon);
    const int port = std::stoi(listen.substr(colon + 1));
    hub::ServerOptions options;
    options.maxBodyBytes = static_cast<size_t>(std::stoll(option(args, "--max-body", std::to_string(options.maxBodyBytes))));
    options.ratePerSecond = std::stod(option(args, "--rate", std::to_string(options.ratePerSecond)));
    options.burst = std::stod(option(args, "--burst", std::to_string(options.burst)));
    options.requestDeadlineMs = std::stoi(option(args, "--request-deadline-ms", std::to_string(options.requestDeadlineMs)));
    options.maxConnections = std::stoi(option(args, "--max-connections", std::to_string(options.maxConnections)));
    options.maxConnectionsPerAddress =
        std::stoi(option(args, "--max-connections-per-address", std::to_string(options.maxConnectionsPerAddress)));
    if (options.requestDeadlineMs < 100 || options.maxConnections < 1 || options.maxConnectionsPerAddress < 1)
        throw std::runtime_error("--request-deadline-ms must be at least 100, the connection limits at least 1");
    if (const char* t = std::getenv("SALES_HUB_ADMIN_TOKEN")) options.adminToken = t;
    options.tlsCertFile = option(args, "--tls-cert", "");
    options.tlsKeyFile = option(args, "--tls-key", "");
    options.kioskStaleSeconds = staleSeconds(args);
    options.share.pagePerSecond = std::stod(option(args, "--share-rate", std::to_string(options.share.pagePerSecond)));
    options.share.pageBurst = std::stod(option(args, "--share-burst", std::to_string(options.share.pageBurst)));
    if (options.share.pagePerSecond <= 0 || options.share.pageBurst < 1)
        throw std::runtime_error("--share-rate must be above 0 and --share-burst at least 1");
    std::vector<hub::crm::AdapterConfig> adapters;
    if (const std::string crm = option(args, "--crm", ""); !crm.empty()) adapters = hub::crm::loadCrmConfig(crm);

    // Signals are taken by sigwait on this thread; the server's threads never see them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto store = openStore(args);
    std::printf("sales-hub: data in %s\n", store->path().c_str());
    hub::crm::ForwarderOptions forwarding;
    forwarding.owner = "hub-" + std::to_string(::getpid()) + "-" + std::to_string(hub::nowMs());
    if (const std::string b = env("SALES_HUB_CRM_BACKOFF_MS"); !b.empty()) forwarding.baseBackoffMs = std::stoi(b);
    if (const std::string c = env("SALES_HUB_CRM_BACKOFF_CAP_MS"); !c.empty()) forwarding.capBackoffMs = std::stoi(c);
    if (const std::string l = env("SALES_HUB_CRM_LEASE_MS"); !l.empty()) forwarding.leaseMs = std::stoi(l);
    if (const std::string s = env("SALES_HUB_CRM_SWEEP_MS"); !s.empty()) forwarding.sweepMs = std::stoi(s);
    hub::crm::CrmForwarder forwarder(*store, adapters, forwarding);
    hub::HubServer server(*store, options);
    const int bound = server.bind(host, port);
    if (bound < 0) throw std::runtime_error("cannot listen on " + listen);
    if (host != "127.0.0.1" && host != "localhost" && host != "::1" && !server.tls())
        std::printf("sales-hub: WARNING: listening beyond loopback on %s without TLS (tokens and passwords cross "
                    "the network in clear; use --tls-cert/--tls-key or the nginx front)\n", host.c_str());
    for (const auto& a : adapters)
        std::printf("sales-hub: CRM adapter %s (%s) -> %s\n", a.name.c_str(), a.format.c_str(),
                    a.url.empty() ? a.folder.c_str() : a.url.c_str());
    std::printf("sales-hub: listening on %s://%s:%d\n", server.tls() ? "https" : "http", host.c_str(), bound);
    std::fflush(stdout);
    forwarder.start();
    PurgeSchedule purge(*store);
    std::thread worker([&] { server.run(); });
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
    worker.join();
    forwarder.stop();
    std::printf("sales-hub: stopped\n");
    return 0;
}

int registerDevice(const std::vector<std::string>& args) {
    const std::string id = option(args, "--device", "");
    const std::string role = option(args, "--role", "kiosk");
    auto store = openStore(args);
    std::printf("%s\n", store->devices().registerDevice(id, role, hub::nowMs()).c_str());
    return 0;
}

int setAdvisor(const std::vector<std::string>& args) {
    const std::string id = option(args, "--id", "");
    auto store = openStore(args);
    std::string password;
    if (const std::string file = option(args, "--password-file", ""); !file.empty()) {
        std::ifstream f(file);
        if (!f || !std::getline(f, password)) throw std::runtime_error("cannot read " + file);
    } else {
        std::getline(std::cin, password);
    }
    store->advisors().setPassword(id, password, hub::nowMs());
    std::printf("sales-hub: advisor %s set\n", id.c_str());
    return 0;
}

// The start of a showroom-local day in UTC milliseconds (in the market's time zone: the offset
// in force at that midnight, daylight saving included).
std::int64_t dayStartMs(const hub::HubStore& store, const core::LocalDate& d) {
    std::int64_t days = 0;
    for (core::LocalDate x{1970, 1, 1}; !(x == d); x = x.plusDays(1)) ++days;
    const std::int64_t localMidnight = days * 86400;
    const core::TimeZone& zone = store.settings().zone;
    return (localMidnight - zone.offsetSecondsAt(localMidnight - zone.offsetSecondsAt(localMidnight))) * 1000;
}

// --as-of YYYY-MM-DD (today or later): erase now what will be past retention on that day.
int purge(const std::vector<std::string>& args) {
    auto store = openStore(args);
    std::int64_t at = hub::nowMs();
    if (const std::string asOf = option(args, "--as-of", ""); !asOf.empty()) {
        const auto day = core::parseLocalDate(asOf);
        if (!day) throw std::runtime_error("--as-of " + asOf + ": expected YYYY-MM-DD");
        at = std::max(at, dayStartMs(*store, *day));
    }
    std::printf("sales-hub: erased personal data of %d bookings\n", store->retention().purgeExpired(at));
    return 0;
}

int exportCsv(const std::vector<std::string>& args) {
    auto store = openStore(args);
    const auto from = core::parseLocalDate(option(args, "--from", "")), to = core::parseLocalDate(option(args, "--to", ""));
    if (!from || !to) throw std::runtime_error("--from and --to must be YYYY-MM-DD");
    const auto leads = store->crm().leadsBetween(dayStartMs(*store, *from), dayStartMs(*store, to->plusDays(1)), "csv", hub::nowMs());
    const std::string csv = hub::crm::leadsToCsv(leads, store->settings().zone);
    const std::string out = option(args, "--out", "");
    if (out.empty()) {
        std::fwrite(csv.data(), 1, csv.size(), stdout);
    } else {
        std::ofstream f(out, std::ios::binary);
        f << csv;
        if (!f) throw std::runtime_error("cannot write " + out);
        std::fprintf(stderr, "sales-hub: %zu leads written to %s\n", leads.size(), out.c_str());
    }
    return 0;
}

int crmStatus(const std::vector<std::string>& args) {
    auto store = openStore(args);
    std::printf("%-20s %10s %10s %10s  %s\n", "adapter", "pending", "delivered", "cancelled", "last error");
    for (const auto& a : store->crm().status())
        std::printf("%-20s %10lld %10lld %10lld  %s\n", a.adapter.c_str(), static_cast<long long>(a.pending),
                    static_cast<long long>(a.delivered), static_cast<long long>(a.cancelled), a.lastError.c_str());
    return 0;
}

bool writeText(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

// The same report as `kioskctl report` (core/analytics), over the events the kiosks synced.
int report(const std::vector<std::string>& args) {
    namespace an = core::analytics;
    const std::string outDir = option(args, "--out", "");
    if (outDir.empty()) throw std::runtime_error("report needs --out DIR");
    auto store = openStore(args);
    std::optional<an::StockList> stock;
    if (!store->analyticsSettings().stockFile.empty()) {
        auto st = an::loadStockCsv(store->analyticsSettings().stockFile, store->catalog());
        for (const auto& e : st.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        if (!st.stock) throw std::runtime_error("the stock list is invalid");
        stock = std::move(st.stock);
    }
    an::Aggregator aggregator(store->vocabulary(), store->analyticsSettings());
    for (const auto& line : store->analytics().lines()) aggregator.addLine(line);
    const auto r = aggregator.finish(stock ? &*stock : nullptr);
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    bool ok = !ec;
    const std::filesystem::path dir = outDir;
    for (const auto& [name, csv] : an::reportToCsv(r)) ok = ok && writeText(dir / name, csv);
    ok = ok && writeText(dir / "report.html", an::reportToHtml(r, &store->catalog(), store->catalog().defaultLanguage()));
    const auto json = an::reportToJson(r);
    ok = ok && writeText(dir / "summary.json", json.dump(2) + "\n");
    if (!ok) throw std::runtime_error("cannot write into " + outDir);
    if (std::find(args.begin(), args.end(), "--json") != args.end()) std::printf("%s\n", json.dump(2).c_str());
    else
        std::printf("%lld events, %lld sessions: report in %s (report.html, CSV files, summary.json)\n",
                    static_cast<long long>(r.events), static_cast<long long>(r.sessions), outDir.c_str());
    return r.badLines == 0 ? 0 : 1;
}

int exportEvents(const std::vector<std::string>& args) {
    const std::string out = option(args, "--out", "");
    if (out.empty()) throw std::runtime_error("export-events needs --out FILE");
    auto store = openStore(args);
    const auto lines = store->analytics().lines();
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    if (!writeText(out, text)) throw std::runtime_error("cannot write " + out);
    std::fprintf(stderr, "sales-hub: %zu analytics events written to %s\n", lines.size(), out.c_str());
    return 0;
}

// The fleet list: every registered kiosk with its last status, flagged when stale or its store fails.
int kiosks(const std::vector<std::string>& args) {
    const std::int64_t stale = staleSeconds(args);
    auto store = openStore(args);
    const std::int64_t now = hub::nowMs();
    const auto list = store->fleet().list(now, stale * 1000);
    if (flag(args, "--json")) std::printf("%s\n", hub::fleetToJson(list, now, stale).dump(2).c_str());
    else std::fputs(hub::fleetToText(list, now).c_str(), stdout);
    return 0;
}

// The content signing key: --signing-key, SALES_HUB_SIGNING_KEY_FILE or DATA/content-signing.key.
std::string signingKey(const std::vector<std::string>& args) {
    std::string file = option(args, "--signing-key", env("SALES_HUB_SIGNING_KEY_FILE"));
    if (file.empty() && option(args, "--data", "").empty()) throw std::runtime_error("--signing-key FILE is required without --data");
    if (file.empty()) {
        makePrivateFolder(option(args, "--data", ""));
        file = (std::filesystem::path(option(args, "--data", "")) / "content-signing.key").string();
    }
    bool created = false;
    const std::string seed = hub::loadOrCreateHubKey(file, created, "the content signing key");
    if (created)
        std::fprintf(stderr, "sales-hub: created the content signing key in %s: back it up (kiosks trust only "
                             "content signed with it)\n", file.c_str());
    return seed;
}

// content publish FOLDER | content public-key | content list
int content(const std::vector<std::string>& args) {
    const std::string what = args.size() > 1 ? args[1] : "";
    if (what == "public-key") {
        std::printf("%s\n", contentpack::publicKeyOf(signingKey(args)).c_str());
        return 0;
    }
    auto store = openStore(args);
    if (what == "publish") {
        const std::string seed = signingKey(args);
        try {
            const auto p = hub::publishContent(*store, args.at(2), seed, hub::nowMs());
            std::printf("sales-hub: published content version %s (%lld bytes, sha256 %s); kiosks take it at their "
                        "next sync\n", p.version.c_str(), static_cast<long long>(p.sizeBytes), p.sha256.c_str());
            return 0;
        } catch (const hub::ContentRefused& e) {
            for (const auto& err : e.errors()) std::fprintf(stderr, "%s\n", err.toString().c_str());
            std::fprintf(stderr, "sales-hub: %s\n", e.what());
            return 1;
        }
    }
    std::printf("%-24s %6s %-16s %s\n", "version", "number", "published", "source");
    for (const auto& v : store->content().versions())
        std::printf("%-24s %6lld %-16lld %s\n", v.version.c_str(), static_cast<long long>(v.number),
                    static_cast<long long>(v.publishedMs), v.source.c_str());
    std::printf("\n%-16s %-24s %-8s %s\n", "kiosk", "version", "status", "reason");
    for (const auto& r : store->content().reports())
        std::printf("%-16s %-24s %-8s %s\n", r.kioskId.c_str(), r.version.c_str(), r.status.c_str(), r.reason.c_str());
    return 0;
}

// Every argument a command takes: options followed by a value (each command opens the store, so
// takes its options too) and flags. "" is the server. An argument outside this table is refused.
std::string unknownArgument(const std::vector<std::string>& args) {
    const std::set<std::string> store = {"--data", "--database", "--pg-schema", "--content", "--key-file"};
    const std::set<std::string> storeFlags = {"--plaintext-personal-data"};
    const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> takes = {
        {"", {{"--listen", "--crm", "--max-body", "--rate", "--burst", "--request-deadline-ms", "--max-connections",
               "--max-connections-per-address", "--tls-cert", "--tls-key", "--kiosk-stale-seconds",
               "--share-rate", "--share-burst"}, {}}},
        {"register", {{"--device", "--role"}, {}}},
        {"advisor", {{"--id", "--password-file"}, {}}},
        {"purge", {{"--as-of"}, {}}},
        {"export-csv", {{"--from", "--to", "--out"}, {}}},
        {"crm-status", {{}, {}}},
        {"report", {{"--out"}, {"--json"}}},
        {"export-events", {{"--out"}, {}}},
        {"kiosks", {{"--kiosk-stale-seconds"}, {"--json"}}},
        {"content", {{"--signing-key"}, {}}},
    };
    const bool command = !args.empty() && args[0].rfind("-", 0) != 0;
    const auto it = takes.find(command ? args[0] : "");
    if (it == takes.end()) return "unknown command \"" + args[0] + "\"";
    const auto& [options, flags] = it->second;
    size_t first = command ? 1 : 0;
    if (command && args[0] == "content") {  // content publish FOLDER | content public-key | content list
        const std::string what = args.size() > 1 ? args[1] : "";
        if (what != "publish" && what != "public-key" && what != "list")
            return "content needs publish FOLDER, public-key or list";
        if (what == "publish" && (args.size() < 3 || args[2].rfind("-", 0) == 0)) return "content publish needs a FOLDER";
        first = what == "publish" ? 3 : 2;
    }
    for (size_t i = first; i < args.size(); ++i) {
        if (options.count(args[i]) || store.count(args[i])) {
            if (++i >= args.size()) return "option " + args[i - 1] + " needs a value";
        } else if (!flags.count(args[i]) && !storeFlags.count(args[i])) {
            return "unknown argument \"" + args[i] + "\"" + (command ? " for " + args[0] : std::string());
        }
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
            usage();
            return 0;
        }
        if (const std::string bad = unknownArgument(args); !bad.empty()) {
            std::fprintf(stderr, "sales-hub: %s\n", bad.c_str());
            usage();
            return 2;
        }
        if (!args.empty() && args[0] == "register") return registerDevice(args);
        if (!args.empty() && args[0] == "advisor") return setAdvisor(args);
        if (!args.empty() && args[0] == "purge") return purge(args);
        if (!args.empty() && args[0] == "export-csv") return exportCsv(args);
        if (!args.empty() && args[0] == "crm-status") return crmStatus(args);
        if (!args.empty() && args[0] == "report") return report(args);
        if (!args.empty() && args[0] == "export-events") return exportEvents(args);
        if (!args.empty() && args[0] == "kiosks") return kiosks(args);
        if (!args.empty() && args[0] == "content") return content(args);
        return serve(args);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sales-hub: %s\n", e.what());
        usage();
        return 1;
    }
}
