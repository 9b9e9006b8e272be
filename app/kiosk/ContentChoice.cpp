#include "ContentChoice.h"

#include <cstdio>

#include "contentpack/ContentCheck.h"
#include "core/ContentLoader.h"

namespace kiosk {
namespace {

using contentpack::Slot;

struct Candidate {
    std::string label;    // for messages
    std::string folder;   // the base folder (with markets/ in it)
    std::string version;  // the shelf's version id; "" = the local folder
};

struct Attempt {
    std::optional<KioskContent> content;
    std::string directory;
    std::string problem;
};

Attempt tryLoad(const Candidate& c, const std::string& market) {
    Attempt a;
    const auto dir = core::marketContentDirectory(c.folder, market);
    if (!dir) {
        a.problem = dir.error();
        return a;
    }
    a.directory = *dir;
    KioskContentResult loaded = loadKioskContent(*dir);
    if (!loaded.content) a.problem = contentpack::describeErrors(loaded.errors, 100);  // staff read every one in the log
    a.content = std::move(loaded.content);
    return a;
}

// Keeps a copy of the local folder that loaded as the shelf's "good" version ("local-" and a hash
// of its files): only a folder that changed is copied again.
void keepLocalCopy(const std::string& folder, contentpack::ContentShelf& shelf) {
    try {
        contentpack::ContentBundle bundle = contentpack::readFolder(folder);
        bundle.version = "local-" + contentpack::sha256Hex(contentpack::toBytes(bundle)).substr(0, 16);
        if (!shelf.has(bundle.version)) {
            const std::string why = shelf.stage(bundle, contentpack::StageCheck::AlreadyLoaded);
            if (!why.empty()) throw std::runtime_error(why);
        }
        shelf.point(Slot::Good, bundle.version);
        shelf.prune();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: warning: cannot keep a copy of the content in %s as the fallback: %s\n",
                     folder.c_str(), e.what());
    }
}

// A published version that loaded: the new fallback, and the hub hears it is applied.
void keepPublished(const std::string& version, contentpack::ContentShelf& shelf) {
    shelf.point(Slot::Good, version);
    const auto last = shelf.report();
    if (!last || last->version != version || last->status != "applied") shelf.setReport({version, "applied", "", false});
    shelf.prune();
}

}  // namespace

ChosenContent chooseContent(const ContentSources& sources, contentpack::ContentShelf& shelf) {
    std::vector<Candidate> candidates;
    auto fromShelf = [&](Slot slot, const char* label) {
        if (auto v = shelf.version(slot)) candidates.push_back({std::string(label) + " " + *v, shelf.folder(*v).string(), *v});
    };
    if (sources.published) fromShelf(Slot::Current, "published content version");
    if (sources.published) fromShelf(Slot::Good, "last good content version");
    candidates.push_back({"the content in " + sources.localFolder, sources.localFolder, ""});
    if (!sources.published) fromShelf(Slot::Good, "the last content that loaded, version");
    ChosenContent chosen;
    std::string problems;
    for (size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& c = candidates[i];
        if (i > 0 && !c.version.empty() && c.version == candidates[i - 1].version) continue;
        Attempt a = tryLoad(c, sources.market);
        if (!a.content) {
            problems += c.label + " does not load:\n" + a.problem + "\n";
            continue;
        }
        chosen.content = std::move(a.content);
        chosen.directory = a.directory;
        chosen.version = chosen.content->catalog.contentVersion;
        if (i > 0)
            chosen.notice = problems + "running on " + c.label + " (content version " + chosen.version + ") instead";
        if (c.version.empty()) keepLocalCopy(c.folder, shelf);
        else keepPublished(c.version, shelf);
        return chosen;
    }
    chosen.failures = problems;
    return chosen;
}

}  // namespace kiosk
