#pragma once
// Shared by the share-page tests: an in-process hub (HubServer over a HubStore on the backend
// under test) on a loopback port, sampled codes, kioskctl's quote of a code, and the price rows
// read back from a page.
#include <httplib.h>

#include <cstring>
#include <regex>
#include <sstream>
#include <thread>

#include "HubTestSupport.h"
#include "hub/HubServer.h"
#include "support/Process.h"
#include "support/TestPaths.h"

namespace testing_share {

using Json = nlohmann::json;

struct InProcessHub {
    testing_hub::StoreUnderTest store;
    std::unique_ptr<hub::HubServer> server;
    int port = 0;
    std::thread thread;
    explicit InProcessHub(hub::ShareOptions share = {}) {
        hub::ServerOptions options;
        options.share = std::move(share);
        server = std::make_unique<hub::HubServer>(*store.store, options);
        port = server->bind("127.0.0.1", 0);
        thread = std::thread([this] { server->run(); });
        server->waitUntilRunning(std::chrono::seconds(5));
    }
    ~InProcessHub() {
        server->stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

inline std::vector<std::string> sampleCodes(int n, int seed) {
    const auto r = testing_process::run({KIOSKCTL_PATH, "codes", "--sample", std::to_string(n), "--seed", std::to_string(seed),
                                         "--content", testing_paths::contentDir()});
    if (r.exitCode != 0) throw std::runtime_error("kioskctl codes failed: " + r.err);
    std::vector<std::string> codes;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) codes.push_back(line);
    return codes;
}

inline Json kioskctlQuote(const std::string& code, const std::string& date, const std::string& lang) {
    const auto r = testing_process::run({KIOSKCTL_PATH, "quote", code, "--json", "--date", date, "--lang", lang, "--content",
                                         testing_paths::contentDir()});
    if (r.exitCode != 0) throw std::runtime_error("kioskctl quote failed: " + r.err);
    return Json::parse(r.out);
}

inline std::string htmlUnescape(std::string s) {
    const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::strlen(from), to);
    return s;
}

// One price line of a page: kind, label, source, amount (data-minor) and the amount as shown.
struct PageLine {
    std::string kind, label, source, shown;
    std::int64_t minor = 0;
};

inline std::vector<PageLine> pageLines(const std::string& html) {
    static const std::regex kLine(
        R"re(<tr class="line" data-kind="([a-z_]+)"><td>([^<]*)<small class="src">([^<]*)</small></td><td class="a" data-minor="(-?[0-9]+)">([^<]*)</td></tr>)re");
    std::vector<PageLine> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), kLine); it != std::sregex_iterator(); ++it)
        out.push_back({(*it)[1], htmlUnescape((*it)[2]), htmlUnescape((*it)[3]), htmlUnescape((*it)[5]), std::stoll((*it)[4])});
    return out;
}

// The amount of the row with this id ("due", "total", "monthly"): data-minor and the text shown.
inline std::optional<std::pair<std::int64_t, std::string>> pageAmount(const std::string& html, const std::string& id) {
    const std::regex row("<tr class=\"sum\" id=\"" + id + "\"><td>[^<]*</td><td class=\"a\" data-minor=\"(-?[0-9]+)\">([^<]*)</td>");
    std::smatch m;
    if (!std::regex_search(html, m, row)) return std::nullopt;
    return std::make_pair(std::stoll(m[1]), htmlUnescape(m[2]));
}

}  // namespace testing_share
