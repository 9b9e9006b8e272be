#include "contentpack/ContentShelf.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "contentpack/ContentCheck.h"

namespace contentpack {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::json;

// Replaces `target` by a new file or link made at `temporary`, then makes the rename durable.
void renameDurably(const fs::path& temporary, const fs::path& target) {
    if (::rename(temporary.c_str(), target.c_str()) != 0)
        throw std::runtime_error("cannot rename " + temporary.string() + " to " + target.string() + ": " +
                                 std::strerror(errno));
    syncFolder(target.parent_path());
}

std::string temporaryName(const std::string& base) { return base + ".tmp-" + std::to_string(::getpid()); }

// What a process killed mid-write left: "*.tmp-PID" of a process that is gone.
void removeStale(const fs::path& folder) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const auto at = name.rfind(".tmp-");
        if (at == std::string::npos) continue;
        const pid_t pid = static_cast<pid_t>(std::atol(name.c_str() + at + 5));
        if (pid <= 0 || (pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH)) fs::remove_all(entry.path(), ec);
    }
}

}  // namespace

ContentShelf::ContentShelf(fs::path root) : m_root(std::move(root)) {
    fs::create_directories(m_root / "versions");
    fs::create_directories(m_root / "staging");
    removeStale(m_root);
    removeStale(m_root / "staging");
}

fs::path ContentShelf::link(Slot slot) const {
    switch (slot) {
        case Slot::Current: return m_root / "current";
        case Slot::Next: return m_root / "next";
        case Slot::Good: return m_root / "good";
    }
    return m_root / "current";
}

std::optional<std::string> ContentShelf::version(Slot slot) const {
    std::error_code ec;
    const fs::path target = fs::read_symlink(link(slot), ec);
    if (ec) return std::nullopt;
    const std::string id = target.filename().string();
    if (target.parent_path() != "versions" || !isVersionId(id) || !has(id)) return std::nullopt;
    return id;
}

bool ContentShelf::has(const std::string& version) const {
    std::error_code ec;
    return isVersionId(version) && fs::is_directory(folder(version), ec);
}

std::string ContentShelf::stage(const ContentBundle& bundle, StageCheck mode) {
    if (!isVersionId(bundle.version)) return "not a version id";
    if (has(bundle.version)) return "";
    const fs::path staging = m_root / "staging" / temporaryName(bundle.version);
    fs::remove_all(staging);
    writeFolder(bundle, staging);
    const CheckResult check = mode == StageCheck::Full ? checkPublishedFolder(staging.string()) : CheckResult{core::Catalog{}, {}};
    if (!check.ok()) {
        fs::remove_all(staging);
        // Name the files as they are in the published folder, not in the staging folder.
        std::string why = describeErrors(check.errors, 3);
        for (size_t at; (at = why.find(staging.string() + "/")) != std::string::npos;)
            why.erase(at, staging.string().size() + 1);
        return "fails the content check: " + why;
    }
    renameDurably(staging, folder(bundle.version));
    return "";
}

void ContentShelf::point(Slot slot, const std::string& version) {
    if (!has(version)) throw std::runtime_error("content version " + version + " is not on the shelf");
    const fs::path temporary = temporaryName(link(slot).string());
    fs::remove(temporary);
    fs::create_symlink(fs::path("versions") / version, temporary);
    renameDurably(temporary, link(slot));
}

void ContentShelf::clear(Slot slot) {
    std::error_code ec;
    if (fs::remove(link(slot), ec)) syncFolder(m_root);
}

std::optional<std::string> ContentShelf::switchToNext() {
    const auto next = version(Slot::Next);
    if (!next) return std::nullopt;
    const bool changed = version(Slot::Current) != next;
    point(Slot::Current, *next);
    clear(Slot::Next);
    return changed ? next : std::nullopt;
}

void ContentShelf::prune() {
    const auto current = version(Slot::Current), next = version(Slot::Next), good = version(Slot::Good);
    std::vector<std::string> unused;
    for (const auto& entry : fs::directory_iterator(m_root / "versions")) {
        const std::string id = entry.path().filename().string();
        if (id != current && id != next && id != good) unused.push_back(id);
    }
    for (const auto& id : unused) {
        // Out of versions/ in one rename first: a kill during the removal leaves no partial version there.
        const fs::path doomed = m_root / "staging" / temporaryName(id + ".old");
        fs::rename(folder(id), doomed);
        fs::remove_all(doomed);
    }
}

std::optional<ContentReport> ContentShelf::report() const {
    std::ifstream in(m_root / "report.json");
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    const Json j = Json::parse(text.str(), nullptr, false);
    if (!j.is_object()) return std::nullopt;
    return ContentReport{j.value("version", ""), j.value("status", ""), j.value("reason", ""), j.value("permanent", false)};
}

bool ContentShelf::reportPending() const {
    std::ifstream in(m_root / "report.json");
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    const Json j = Json::parse(text.str(), nullptr, false);
    return j.is_object() && !j.value("delivered", false);
}

namespace {

void writeReport(const fs::path& root, const ContentReport& r, bool delivered) {
    const Json j = {{"version", r.version}, {"status", r.status}, {"reason", r.reason},
                    {"permanent", r.permanent}, {"delivered", delivered}};
    const fs::path target = root / "report.json";
    const fs::path temporary = temporaryName(target.string());
    fs::remove(temporary);
    {
        std::ofstream out(temporary, std::ios::binary);
        out << j.dump() << "\n";
        if (!out) throw std::runtime_error("cannot write " + temporary.string());
    }
    renameDurably(temporary, target);
}

}  // namespace

void ContentShelf::setReport(const ContentReport& r) { writeReport(m_root, r, false); }

void ContentShelf::reportDelivered(const ContentReport& r) {
    const auto now = report();
    // A newer outcome written meanwhile stays pending.
    if (now && now->version == r.version && now->status == r.status && now->reason == r.reason)
        writeReport(m_root, r, true);
}

}  // namespace contentpack
