// kioskctl codes: random valid configuration codes (for tests and checks), or what a code restores to.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "Commands.h"
#include "PricingCli.h"
#include "core/pricing/ConfigCode.h"
#include "core/pricing/Sampling.h"

namespace tools {

int cmdCodes(const Args& args) {
    const std::string sample = optionValue(args, "--sample");
    const std::string restore = optionValue(args, "--restore");
    if (sample.empty() && restore.empty()) {
        std::fprintf(stderr,
                     "usage: kioskctl codes --sample N [--seed S] [--content DIR]   N random valid configuration codes\n"
                     "       kioskctl codes --restore CODE [--content DIR]          the configuration a code restores, as JSON\n");
        return 2;
    }
    auto content = loadPricedContent(args);
    if (!content) return 1;
    if (!restore.empty()) {
        const auto restored = core::pricing::restoreConfiguration(content->catalog, restore);
        if (!restored) {
            std::fprintf(stderr, "kioskctl codes: %s\n", restored.error().c_str());
            return 1;
        }
        const auto& r = *restored;
        nlohmann::json j = {{"model", r.config.model},
                            {"trim", r.config.trim},
                            {"options", nlohmann::json(r.config.options)},
                            {"exact", r.exact},
                            {"same_content_version", r.sameContentVersion},
                            {"code_content_version", r.codeContentVersion},
                            {"changes", r.changes}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    unsigned long long count = 0, seed = 0;
    try {
        size_t used = 0;
        count = std::stoull(sample, &used);
        if (used != sample.size() || count > 1'000'000) throw std::invalid_argument("count");
        const std::string s = optionValue(args, "--seed", "1");
        seed = std::stoull(s, &used);
        if (used != s.size()) throw std::invalid_argument("seed");
    } catch (const std::exception&) {
        std::fprintf(stderr, "kioskctl codes: --sample takes a count up to 1000000 and --seed a non-negative integer\n");
        return 2;
    }
    const auto all = core::pricing::enumerateValidConfigurations(content->catalog);
    for (const auto& c : core::pricing::sampleConfigurations(all, count, seed))
        std::printf("%s\n", core::pricing::encodeConfiguration(content->catalog, c).c_str());
    return 0;
}

}  // namespace tools
