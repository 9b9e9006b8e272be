// kioskctl validate: checks a content folder (contentpack::checkContentFolder, the check the hub
// runs before it publishes and a kiosk before it stages) and lists every problem with file and JSON path.
#include <cstdio>
#include <optional>

#include "Commands.h"
#include "contentpack/ContentCheck.h"

namespace tools {

namespace {

// The folder to check: `validate DIR` or `validate --content DIR` (each with --market ID), never both.
std::optional<std::string> folderToValidate(const Args& args) {
    std::string given;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--content" || args[i] == "--market") ++i;
        else if (given.empty()) given = args[i];
    }
    if (given.empty()) return contentDirectory(args);
    if (!optionValue(args, "--content").empty()) {
        std::fprintf(stderr, "kioskctl validate: give the folder once: \"%s\" or --content \"%s\"\n", given.c_str(),
                     optionValue(args, "--content").c_str());
        return std::nullopt;
    }
    Args withFolder = args;
    withFolder.insert(withFolder.end(), {"--content", given});
    return contentDirectory(withFolder);
}

}  // namespace

int cmdValidate(const Args& args) {
    const auto folder = folderToValidate(args);
    if (!folder) return 2;
    const std::string& dir = *folder;
    contentpack::CheckResult result = contentpack::checkContentFolder(dir);
    if (!result.ok()) {
        for (const auto& e : result.errors) std::fprintf(stderr, "%s\n", e.toString().c_str());
        std::fprintf(stderr, "%zu error%s in %s\n", result.errors.size(), result.errors.size() == 1 ? "" : "s",
                     dir.c_str());
        return 1;
    }
    const core::Catalog& c = *result.catalog;
    size_t trims = 0, options = 0, rules = 0;
    for (const auto& m : c.models) {
        trims += m.trims.size();
        options += m.options.size();
        rules += m.rules.size();
    }
    std::printf("ok: %s (content version %s): %zu models, %zu trims, %zu options, %zu rules, %zu demo vehicles\n", dir.c_str(),
                c.contentVersion.c_str(), c.models.size(), trims, options, rules, c.showroom.demoFleet.size());
    return 0;
}

}  // namespace tools
