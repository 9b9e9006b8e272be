#pragma once
// PowerLossVfs: a test SQLite VFS over the default one that remembers, per file, every write not
// yet followed by an fsync (xSync). crash() makes every later write fail, like a dead machine;
// revertUnsynced() then undoes the unsynced writes, leaving each file as a disk would after a
// power cut. Registered under a name on construction, unregistered on destruction. One test thread.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

struct sqlite3_vfs;

namespace testing_vfs {

class PowerLossVfs {
public:
    explicit PowerLossVfs(std::string name);
    ~PowerLossVfs();
    PowerLossVfs(const PowerLossVfs&) = delete;
    PowerLossVfs& operator=(const PowerLossVfs&) = delete;

    const std::string& name() const { return m_name; }
    // The machine dies after `writes` more writes (0 = now): later writes, syncs, truncates fail.
    void crashAfter(std::int64_t writes) { m_writesLeft = writes; }
    bool crashed() const { return m_writesLeft == 0; }
    // Rewinds every file to its last synced state and re-arms (no crash pending).
    void revertUnsynced();
    std::int64_t syncs() const { return m_syncs; }

    // Internal, used by the VFS callbacks.
    struct Undo {
        std::int64_t offset = 0;
        std::vector<char> old;
        std::int64_t oldSize = 0;
    };
    bool allowWrite();
    std::map<std::string, std::vector<Undo>>& undo() { return m_undo; }
    void noteSync() { ++m_syncs; }
    sqlite3_vfs* real() const { return m_real; }

private:
    std::string m_name;
    sqlite3_vfs* m_real = nullptr;
    sqlite3_vfs* m_vfs = nullptr;
    std::int64_t m_writesLeft = -1;  // -1 = no crash pending
    std::int64_t m_syncs = 0;
    std::map<std::string, std::vector<Undo>> m_undo;
};

}  // namespace testing_vfs
