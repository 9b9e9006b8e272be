#pragma once
// ContentChoice: which content the kiosk starts on, so that one broken content file never blanks
// the kiosk. Candidates in order: with published content (a hub and content_public_key
// configured) the shelf's current version, then the last version that loaded ("good"), then the
// local folder; otherwise the local folder (as always), then the last good content. The first that
// loads wins and becomes the new "good" (a local folder is kept as a copy on the shelf, so it
// still exists when someone breaks the folder). Anything but the first candidate is a fallback
// that staff must hear of: `notice` (a log line and the advisor-mode banner). Main thread, at start.
#include <optional>
#include <string>

#include "KioskContent.h"
#include "contentpack/ContentShelf.h"

namespace kiosk {

struct ContentSources {
    std::string localFolder;  // the content folder (--content, the configuration's, or the default)
    std::string market;       // "" = the folder's own market
    bool published = false;   // the shelf's current version comes first
};

struct ChosenContent {
    std::optional<KioskContent> content;
    std::string directory;  // where it was loaded from
    std::string version;    // catalog.contentVersion
    std::string notice;     // English, for staff and the log: why the first choice was not used; "" = it was
    std::string failures;   // every candidate's problems, when nothing loaded
};

ChosenContent chooseContent(const ContentSources& sources, contentpack::ContentShelf& shelf);

}  // namespace kiosk
