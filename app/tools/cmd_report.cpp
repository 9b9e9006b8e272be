// kioskctl report: demand insight from an anonymous events file (JSON lines): CSV files, a
// self-contained HTML page and a JSON summary; `report simulate` writes a seeded events file and
// `report bench` times the report over a million events.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "Commands.h"
#include "core/ContentLoader.h"
#include "core/analytics/AnalyticsSettings.h"
#include "core/analytics/Report.h"
#include "core/analytics/ReportOutput.h"
#include "core/analytics/Simulation.h"
#include "core/booking/BookingSettings.h"
#include "core/recommend/GuideInsight.h"

namespace tools {
namespace {

namespace an = core::analytics;

void printReportUsage() {
    std::puts(
        "usage: kioskctl report EVENTS_FILE [--out DIR] [--json] [--stock FILE] [--lang zh-CN|en] [--content DIR]\n"
        "         CSV files and report.html into DIR (default: report/); --json prints the summary\n"
        "       kioskctl report simulate --sessions N --seed S --out FILE [--kiosks K] [--days D] [--first-day YYYY-MM-DD]\n"
        "       kioskctl report bench [--events N] [--seed S]   report time over N (1,000,000) simulated events");
}

struct Setup {
    core::Catalog catalog;
    an::AnalyticsSettings settings;
    std::optional<an::StockList> stock;
};

// Content, analytics settings and the stock list (the content's, or --stock FILE); nullopt after
// printing every error.
std::optional<Setup> loadSetup(const Args& args, bool wantStock) {
    const std::string dir = contentDirectory(args);
    auto loaded = core::loadContent(dir);
    core::ContentErrors errors = loaded.errors;
    Setup s;
    if (loaded.ok()) {
        s.catalog = *loaded.catalog;
        auto a = an::loadAnalyticsSettings(s.catalog);
        errors.insert(errors.end(), a.errors.begin(), a.errors.end());
        if (a.settings) s.settings = *a.settings;
        const std::string stockFile = optionValue(args, "--stock", a.settings ? a.settings->stockFile : "");
        if (wantStock && errors.empty() && !stockFile.empty()) {
            auto st = an::loadStockCsv(stockFile, s.catalog);
            errors.insert(errors.end(), st.errors.begin(), st.errors.end());
            s.stock = st.stock;
        }
    }
    if (!errors.empty()) {
        for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return std::nullopt;
    std::string text(static_cast<size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in) return std::nullopt;
    return text;
}

bool writeFile(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

std::optional<long long> intOption(const Args& args, const std::string& name, long long fallback, long long lo, long long hi) {
    const std::string v = optionValue(args, name, "");
    if (v.empty()) return fallback;
    try {
        size_t used = 0;
        const long long n = std::stoll(v, &used);
        if (used == v.size() && n >= lo && n <= hi) return n;
    } catch (const std::exception&) {
    }
    std::fprintf(stderr, "kioskctl report: %s must be a whole number %lld..%lld, not \"%s\"\n", name.c_str(), lo, hi, v.c_str());
    return std::nullopt;
}

int simulate(const Args& args) {
    const std::string out = optionValue(args, "--out");
    if (out.empty()) {
        std::fprintf(stderr, "kioskctl report simulate: --out FILE is required\n");
        return 2;
    }
    const auto sessions = intOption(args, "--sessions", 10000, 1, 100'000'000);
    const auto seed = intOption(args, "--seed", 1, 0, 9'000'000'000'000'000'000LL);
    const auto kiosks = intOption(args, "--kiosks", 3, 1, 26);
    const auto days = intOption(args, "--days", 14, 1, 3660);
    if (!sessions || !seed || !kiosks || !days) return 2;
    auto setup = loadSetup(args, false);
    if (!setup) return 1;
    const auto vocabulary = core::recommend::insightVocabulary(setup->catalog, setup->settings.screens);
    an::SimulationSettings sim;
    sim.sessions = static_cast<int>(*sessions);
    sim.seed = static_cast<std::uint64_t>(*seed);
    sim.kiosks = static_cast<int>(*kiosks);
    sim.days = static_cast<int>(*days);
    sim.firstDay = optionValue(args, "--first-day", sim.firstDay);
    sim.zone = setup->settings.zone;
    if (!core::parseLocalDate(sim.firstDay)) {
        std::fprintf(stderr, "kioskctl report simulate: --first-day must be YYYY-MM-DD\n");
        return 2;
    }
    std::ofstream file(out, std::ios::binary);
    if (!file) {
        std::fprintf(stderr, "kioskctl report simulate: cannot write %s\n", out.c_str());
        return 1;
    }
    std::string buffer;
    std::int64_t refused = 0;
    const auto truth = an::simulateSessions(setup->catalog, sim, [&](const an::Event& e) {
        if (auto line = an::eventToJsonLine(e, vocabulary)) {
            buffer += *line;
            buffer += '\n';
        } else {
            ++refused;
        }
        if (buffer.size() > (1u << 20)) {
            file << buffer;
            buffer.clear();
        }
    });
    file << buffer;
    file.close();
    if (!file || refused) {
        std::fprintf(stderr, "kioskctl report simulate: %s\n", refused ? "an event failed its own checks" : "write failed");
        return 1;
    }
    std::printf("%lld events of %d sessions written to %s\n", static_cast<long long>(truth.events), sim.sessions, out.c_str());
    return 0;
}

int bench(const Args& args) {
    const auto events = intOption(args, "--events", 1'000'000, 1, 100'000'000);
    const auto seed = intOption(args, "--seed", 7, 0, 9'000'000'000'000'000'000LL);
    if (!events || !seed) return 2;
    auto setup = loadSetup(args, true);
    if (!setup) return 1;
    const auto vocabulary = core::recommend::insightVocabulary(setup->catalog, setup->settings.screens);
    // An events file of at least N lines, in memory as the report reads it.
    std::string text;
    std::int64_t lines = 0;
    an::SimulationSettings sim;
    sim.seed = static_cast<std::uint64_t>(*seed);
    sim.sessions = static_cast<int>(*events / 7 + 1);
    sim.zone = setup->settings.zone;
    while (lines < *events) {
        an::simulateSessions(setup->catalog, sim, [&](const an::Event& e) {
            if (lines >= *events) return;
            text += *an::eventToJsonLine(e, vocabulary);
            text += '\n';
            ++lines;
        });
        ++sim.seed;
    }
    const auto dir = std::filesystem::temp_directory_path() / ("kioskctl-report-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto eventsFile = dir / "events.jsonl";
    writeFile(eventsFile, text);
    text.clear();
    text.shrink_to_fit();

    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const auto read = readFile(eventsFile.string());
    const auto t1 = Clock::now();
    an::Aggregator aggregator(vocabulary, setup->settings);
    aggregator.addText(*read);
    const auto report = aggregator.finish(setup->stock ? &*setup->stock : nullptr);
    const auto t2 = Clock::now();
    const auto json = an::reportToJson(report).dump(2);
    for (const auto& [name, csv] : an::reportToCsv(report)) writeFile(dir / name, csv);
    writeFile(dir / "report.html", an::reportToHtml(report, &setup->catalog, setup->catalog.defaultLanguage()));
    writeFile(dir / "summary.json", json);
    const auto t3 = Clock::now();
    auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::printf("report over %lld events (%lld sessions, %.1f MB): %.3f s total (read %.3f s, parse+aggregate %.3f s, "
                "JSON/CSV/HTML %.3f s); target < 2 s\n",
                static_cast<long long>(report.events), static_cast<long long>(report.sessions),
                static_cast<double>(read->size()) / 1e6, secs(t0, t3), secs(t0, t1), secs(t1, t2), secs(t2, t3));
    std::filesystem::remove_all(dir);
    return report.badLines == 0 ? 0 : 1;
}

}  // namespace

int cmdReport(const Args& args) {
    if (args.empty() || hasFlag(args, "--help") || hasFlag(args, "-h")) {
        printReportUsage();
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "simulate") return simulate(args);
    if (args[0] == "bench") return bench(args);
    const std::string eventsFile = args[0];
    if (eventsFile.rfind("--", 0) == 0) {
        printReportUsage();
        return 2;
    }
    auto setup = loadSetup(args, true);
    if (!setup) return 1;
    const auto text = readFile(eventsFile);
    if (!text) {
        std::fprintf(stderr, "kioskctl report: cannot read %s\n", eventsFile.c_str());
        return 1;
    }
    an::Aggregator aggregator(core::recommend::insightVocabulary(setup->catalog, setup->settings.screens), setup->settings);
    aggregator.addText(*text);
    const auto report = aggregator.finish(setup->stock ? &*setup->stock : nullptr);
    for (const auto& line : report.badLineSamples) std::fprintf(stderr, "%s: %s\n", eventsFile.c_str(), line.c_str());
    if (report.badLines > 0)
        std::fprintf(stderr, "%s: %lld line%s rejected\n", eventsFile.c_str(), static_cast<long long>(report.badLines),
                     report.badLines == 1 ? "" : "s");

    const std::string language = optionValue(args, "--lang", setup->catalog.defaultLanguage());
    if (std::find(setup->catalog.market.languages.begin(), setup->catalog.market.languages.end(), language) ==
        setup->catalog.market.languages.end()) {
        std::fprintf(stderr, "kioskctl report: --lang \"%s\" is not a market language\n", language.c_str());
        return 2;
    }
    const std::filesystem::path outDir = optionValue(args, "--out", "report");
    std::error_code ec;
    std::filesystem::create_directories(outDir, ec);
    bool ok = !ec;
    for (const auto& [name, csv] : an::reportToCsv(report)) ok = ok && writeFile(outDir / name, csv);
    ok = ok && writeFile(outDir / "report.html", an::reportToHtml(report, &setup->catalog, language));
    const auto json = an::reportToJson(report);
    ok = ok && writeFile(outDir / "summary.json", json.dump(2) + "\n");
    if (!ok) {
        std::fprintf(stderr, "kioskctl report: cannot write into %s\n", outDir.string().c_str());
        return 1;
    }
    if (hasFlag(args, "--json")) std::printf("%s\n", json.dump(2).c_str());
    else
        std::printf("%lld events, %lld sessions: report in %s (report.html, CSV files, summary.json)\n",
                    static_cast<long long>(report.events), static_cast<long long>(report.sessions), outDir.string().c_str());
    return report.badLines == 0 ? 0 : 1;
}

}  // namespace tools
