#include "hub/crm/CrmForwarder.h"

#include <httplib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include "core/booking/Booking.h"
#include "hub/HubServer.h"
#include "hub/crm/LeadFormats.h"

namespace hub::crm {
namespace {

using Json = nlohmann::json;

[[noreturn]] void configError(const std::string& file, const std::string& path, const std::string& what) {
    throw std::runtime_error(file + ": " + path + ": " + what);
}

// Writes `text` to folder/name through a temporary file, fsync and rename: a CRM polling the
// folder never sees half a document, and a second write of the same lead replaces the first.
void writeAtomically(const std::string& folder, const std::string& name, const std::string& text) {
    const std::filesystem::path dir(folder);
    const std::filesystem::path tmp = dir / (".tmp-" + name);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) throw std::runtime_error("cannot write in the drop folder");
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            ::close(fd);
            throw std::runtime_error("write to the drop folder failed");
        }
        done += static_cast<size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) throw std::runtime_error("fsync in the drop folder failed");
    std::filesystem::rename(tmp, dir / name);
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

// Overwrites a drop-folder file with zeros (fsynced) and removes it: the customer's data leaves
// the file before its name does. False when there was no such file.
bool shredFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        const std::string zeros(4096, '\0');
        for (off_t done = 0; done < st.st_size;) {
            const ssize_t n = ::write(fd, zeros.data(), static_cast<size_t>(std::min<off_t>(st.st_size - done, 4096)));
            if (n <= 0) break;
            done += n;
        }
        ::fsync(fd);
    }
    ::close(fd);
    std::error_code ec;
    std::filesystem::remove(path, ec);
    const int dfd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return !ec;
}

}  // namespace

std::vector<AdapterConfig> loadCrmConfig(const std::string& file) {
    std::ifstream in(file);
    if (!in) configError(file, "", "cannot read file");
    Json j;
    try {
        j = Json::parse(in);
    } catch (const Json::parse_error& e) {
        configError(file, "", std::string("malformed JSON at byte ") + std::to_string(e.byte));
    }
    if (!j.is_object() || !j.contains("adapters") || !j["adapters"].is_array())
        configError(file, "/adapters", "must be an array of adapters");
    std::vector<AdapterConfig> out;
    for (size_t i = 0; i < j["adapters"].size(); ++i) {
        const Json& a = j["adapters"][i];
        const std::string path = "/adapters/" + std::to_string(i);
        if (!a.is_object()) configError(file, path, "must be an object");
        for (auto it = a.begin(); it != a.end(); ++it) {
            static const std::vector<std::string> kKeys = {"name", "format", "url", "folder", "secret", "secret_file", "timeout_ms"};
            if (std::find(kKeys.begin(), kKeys.end(), it.key()) == kKeys.end()) configError(file, path + "/" + it.key(), "unknown field");
            if (it.key() != "timeout_ms" && !it->is_string()) configError(file, path + "/" + it.key(), "must be a string");
        }
        AdapterConfig c;
        c.name = a.value("name", "");
        if (!core::isValidId(c.name)) configError(file, path + "/name", "must be 1-48 of [a-z0-9-]");
        for (const auto& other : out)
            if (other.name == c.name) configError(file, path + "/name", "\"" + c.name + "\" is used twice");
        c.format = a.value("format", "");
        const LeadFormat* format = findLeadFormat(c.format);
        if (!format) {
            std::string known;
            for (const auto& n : leadFormatNames()) known += (known.empty() ? "\"" : ", \"") + n + "\"";
            configError(file, path + "/format", "must be one of " + known);
        }
        c.url = a.value("url", "");
        c.folder = a.value("folder", "");
        if (c.url.empty() == c.folder.empty()) configError(file, path, "needs exactly one of \"url\" and \"folder\"");
        if (!c.url.empty() && c.url.rfind("http://", 0) != 0 && c.url.rfind("https://", 0) != 0)
            configError(file, path + "/url", "must start with http:// or https://");
        if (!c.folder.empty() && !format->allowsDropFolder())
            configError(file, path + "/folder", "format \"" + c.format + "\" cannot be written to a drop folder");
        c.secret = a.value("secret", "");
        if (a.contains("secret_file")) {
            std::ifstream s(a["secret_file"].get<std::string>());
            if (!s || !std::getline(s, c.secret)) configError(file, path + "/secret_file", "cannot read the secret file");
        }
        if (auto problem = format->checkConfig(c)) configError(file, path + problem->path, problem->message);
        if (a.contains("timeout_ms")) {
            if (!a["timeout_ms"].is_number_integer() || a["timeout_ms"].get<int>() < 100 || a["timeout_ms"].get<int>() > 120000)
                configError(file, path + "/timeout_ms", "must be an integer from 100 to 120000");
            c.timeoutMs = a["timeout_ms"].get<int>();
        }
        out.push_back(c);
    }
    return out;
}

CrmForwarder::CrmForwarder(HubStore& store, std::vector<AdapterConfig> adapters, ForwarderOptions options)
    : m_store(store), m_adapters(std::move(adapters)), m_options(std::move(options)) {
    std::vector<std::string> names;
    for (const auto& a : m_adapters) names.push_back(a.name);
    m_store.crm().setAdapters(names);
}

CrmForwarder::~CrmForwarder() { stop(); }

void CrmForwarder::start() {
    m_stop = false;
    for (const auto& a : m_adapters) m_threads.emplace_back([this, &a] { loop(a); });
}

void CrmForwarder::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
}

DeliveryResult CrmForwarder::deliver(const AdapterConfig& a, const OutboxItem& item, const Lead& lead) {
    DeliveryResult r;
    const LeadFormat* format = findLeadFormat(a.format);
    if (!format) {
        r.error = "unknown lead format " + a.format;
        return r;
    }
    const LeadDocument doc = format->render(a, item, lead, m_store.hubSettings(), m_store.catalog(), nowMs());
    if (!a.folder.empty()) {
        try {
            writeAtomically(a.folder, doc.fileName, doc.body);
            if (!doc.supersedes.empty()) shredFile(std::filesystem::path(a.folder) / doc.supersedes);
            r.delivered = true;
        } catch (const std::exception& e) {
            r.error = e.what();
        }
        return r;
    }
    httplib::Headers headers(doc.headers.begin(), doc.headers.end());
    headers.emplace("Idempotency-Key", item.eventId);
    static const std::regex kUrl(R"(^(https?://[^/]+)(/.*)?$)");
    std::smatch m;
    if (!std::regex_match(a.url, m, kUrl)) {
        r.error = "bad url";
        return r;
    }
    httplib::Client http(m[1].str());
    http.set_connection_timeout(0, 1500 * 1000);
    http.set_read_timeout(a.timeoutMs / 1000, (a.timeoutMs % 1000) * 1000);
    http.set_write_timeout(a.timeoutMs / 1000, (a.timeoutMs % 1000) * 1000);
    auto res = http.Post(m[2].matched ? m[2].str().c_str() : "/", headers, doc.body, doc.contentType.c_str());
    if (!res) {
        r.error = "no answer: " + httplib::to_string(res.error());
        return r;
    }
    // 2xx: taken. 409: the receiver already has this lead (a duplicate it refused): also taken.
    if ((res->status >= 200 && res->status < 300) || res->status == 409) r.delivered = true;
    else r.error = "HTTP " + std::to_string(res->status);
    return r;
}

int CrmForwarder::runOnce(const AdapterConfig& a) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    int delivered = 0;
    const auto items = m_store.crm().claimDue(a.name, m_options.owner, nowMs(), m_options.leaseMs, static_cast<size_t>(m_options.batch));
    for (const auto& item : items) {
        if (m_stop) break;
        auto lead = m_store.crm().lead(item.bookingId);
        DeliveryResult r;
        if (!lead) r.error = "booking not found";
        else r = deliver(a, item, *lead);
        if (r.delivered) {
            m_store.crm().markDelivered(item.id, nowMs());
            ++delivered;
        } else {
            // Full jitter: uniform in [0, min(cap, base * 2^(attempts-1))].
            const std::int64_t ceiling = std::min<std::int64_t>(
                m_options.capBackoffMs, std::int64_t{m_options.baseBackoffMs} << std::min<std::int64_t>(item.attempts - 1, 20));
            const std::int64_t wait = std::uniform_int_distribution<std::int64_t>(0, ceiling)(rng);
            m_store.crm().markFailed(item.id, r.error, nowMs() + wait);
        }
    }
    return delivered;
}

int CrmForwarder::sweepDropFolder(const AdapterConfig& a) {
    if (a.folder.empty()) return 0;
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(a.folder, ec)) {
        std::string name = entry.path().filename().string();
        const std::string tmp = ".tmp-";
        if (name.rfind(tmp, 0) == 0) name = name.substr(tmp.size());
        const auto dot = name.find('.');
        if (dot == std::string::npos || dot == 0 || name.find("-withdrawal") != std::string::npos) continue;
        const auto lead = m_store.crm().lead(name.substr(0, dot));
        if (lead && lead->purgedMs != 0 && shredFile(entry.path())) ++removed;
    }
    return removed;
}

void CrmForwarder::loop(const AdapterConfig& a) {
    auto nextSweep = std::chrono::steady_clock::now();
    while (!m_stop) {
        int n = 0;
        try {
            if (std::chrono::steady_clock::now() >= nextSweep) {
                nextSweep = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.sweepMs);
                if (const int removed = sweepDropFolder(a); removed > 0)
                    std::printf("sales-hub: CRM adapter %s: removed %d lead files of erased bookings\n", a.name.c_str(), removed);
            }
            n = runOnce(a);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "sales-hub: CRM adapter %s: %s\n", a.name.c_str(), e.what());
        }
        if (n > 0) continue;
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(m_options.idleMs), [this] { return m_stop.load(); });
    }
}

}  // namespace hub::crm
