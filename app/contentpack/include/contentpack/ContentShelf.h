#pragma once
// ContentShelf: a kiosk's content versions on disk (DATA/content/), so that a kiosk killed at any
// moment starts on one complete version, never a mix:
//   versions/<id>/  complete folders only: written under staging/, fsynced, checked, then renamed in
//   current -> versions/<id>   what the kiosk starts on (symbolic link, swapped by rename: atomic)
//   next    -> versions/<id>   fetched and checked, waiting for the next moment between visits
//   good    -> versions/<id>   the last version that loaded: the fallback
//   report.json                the last outcome (staged, applied, refused) until the hub has it
// Used by the sync worker's thread (stage, next, report) and the kiosk's main thread (switch,
// good): every change is one rename, so the two never see a half-made state.
#include <filesystem>
#include <optional>
#include <string>

#include "contentpack/ContentBundle.h"

namespace contentpack {

enum class Slot { Current, Next, Good };

// Whether stage() runs the full content check: a copy of a folder the kiosk just loaded needs none.
enum class StageCheck { Full, AlreadyLoaded };

// What a kiosk tells the hub about a version: "staged", "applied" or "refused" (with why).
struct ContentReport {
    std::string version;
    std::string status;
    std::string reason;
    bool permanent = false;  // refused for what the version is (signature, checks): never fetched again
};

class ContentShelf {
public:
    // Creates the folders; removes what an interrupted staging left.
    explicit ContentShelf(std::filesystem::path root);

    const std::filesystem::path& root() const { return m_root; }
    // The version a slot points at, when it points at a complete folder.
    std::optional<std::string> version(Slot slot) const;
    std::filesystem::path folder(const std::string& version) const { return m_root / "versions" / version; }
    bool has(const std::string& version) const;

    // Writes the bundle under staging/, fsyncs it, runs the full content check on it and renames it
    // into versions/. Returns "" or why it was refused (the check's first errors). Throws on I/O
    // failure.
    std::string stage(const ContentBundle& bundle, StageCheck check = StageCheck::Full);
    // Points `slot` at a staged version (atomically), or removes the slot.
    void point(Slot slot, const std::string& version);
    void clear(Slot slot);
    // Between visits: current := next, next removed. Returns the version now current, if it changed.
    std::optional<std::string> switchToNext();
    // Removes versions no slot points at.
    void prune();

    // The outcome not yet delivered to the hub (or the last one, delivered).
    std::optional<ContentReport> report() const;
    bool reportPending() const;
    void setReport(const ContentReport& report);
    void reportDelivered(const ContentReport& report);

private:
    std::filesystem::path link(Slot slot) const;
    std::filesystem::path m_root;
};

}  // namespace contentpack
