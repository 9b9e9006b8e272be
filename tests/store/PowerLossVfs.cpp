#include "store/PowerLossVfs.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <stdexcept>

namespace testing_vfs {
namespace {

struct File {
    sqlite3_file base;
    PowerLossVfs* owner;
    std::string* path;
    sqlite3_file* real;
};

File* self(sqlite3_file* f) { return reinterpret_cast<File*>(f); }
PowerLossVfs* owner(sqlite3_vfs* v) { return static_cast<PowerLossVfs*>(v->pAppData); }

std::int64_t realSize(File* f) {
    sqlite3_int64 size = 0;
    f->real->pMethods->xFileSize(f->real, &size);
    return size;
}

int xClose(sqlite3_file* pf) {
    File* f = self(pf);
    const int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    delete f->path;
    sqlite3_free(f->real);
    return rc;
}
int xRead(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return self(f)->real->pMethods->xRead(self(f)->real, b, n, o); }
int xWrite(sqlite3_file* pf, const void* b, int n, sqlite3_int64 o) {
    File* f = self(pf);
    if (!f->owner->allowWrite()) return SQLITE_IOERR_WRITE;
    PowerLossVfs::Undo u;
    u.offset = o;
    u.oldSize = realSize(f);
    if (o < u.oldSize) {
        u.old.resize(static_cast<size_t>(std::min<std::int64_t>(n, u.oldSize - o)));
        f->real->pMethods->xRead(f->real, u.old.data(), static_cast<int>(u.old.size()), o);
    }
    f->owner->undo()[*f->path].push_back(std::move(u));
    return f->real->pMethods->xWrite(f->real, b, n, o);
}
int xTruncate(sqlite3_file* pf, sqlite3_int64 size) {
    File* f = self(pf);
    if (!f->owner->allowWrite()) return SQLITE_IOERR_TRUNCATE;
    PowerLossVfs::Undo u;
    u.offset = size;
    u.oldSize = realSize(f);
    if (size < u.oldSize) {
        u.old.resize(static_cast<size_t>(u.oldSize - size));
        f->real->pMethods->xRead(f->real, u.old.data(), static_cast<int>(u.old.size()), size);
    }
    f->owner->undo()[*f->path].push_back(std::move(u));
    return f->real->pMethods->xTruncate(f->real, size);
}
int xSync(sqlite3_file* pf, int flags) {
    File* f = self(pf);
    if (!f->owner->allowWrite()) return SQLITE_IOERR_FSYNC;
    const int rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK) {
        f->owner->undo().erase(*f->path);  // now durable
        f->owner->noteSync();
    }
    return rc;
}
int xFileSize(sqlite3_file* f, sqlite3_int64* s) { return self(f)->real->pMethods->xFileSize(self(f)->real, s); }
int xLock(sqlite3_file* f, int l) { return self(f)->real->pMethods->xLock(self(f)->real, l); }
int xUnlock(sqlite3_file* f, int l) { return self(f)->real->pMethods->xUnlock(self(f)->real, l); }
int xCheckReservedLock(sqlite3_file* f, int* r) { return self(f)->real->pMethods->xCheckReservedLock(self(f)->real, r); }
int xFileControl(sqlite3_file* f, int op, void* a) { return self(f)->real->pMethods->xFileControl(self(f)->real, op, a); }
int xSectorSize(sqlite3_file* f) { return self(f)->real->pMethods->xSectorSize(self(f)->real); }
int xDeviceCharacteristics(sqlite3_file* f) {
    return self(f)->real->pMethods->xDeviceCharacteristics(self(f)->real);
}
int xShmMap(sqlite3_file* f, int pg, int sz, int ext, void volatile** pp) {
    return self(f)->real->pMethods->xShmMap(self(f)->real, pg, sz, ext, pp);
}
int xShmLock(sqlite3_file* f, int o, int n, int fl) { return self(f)->real->pMethods->xShmLock(self(f)->real, o, n, fl); }
void xShmBarrier(sqlite3_file* f) { self(f)->real->pMethods->xShmBarrier(self(f)->real); }
int xShmUnmap(sqlite3_file* f, int d) { return self(f)->real->pMethods->xShmUnmap(self(f)->real, d); }

const sqlite3_io_methods kIo = {2,          xClose,    xRead,    xWrite,      xTruncate,
                                xSync,      xFileSize, xLock,    xUnlock,     xCheckReservedLock,
                                xFileControl, xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock,
                                xShmBarrier, xShmUnmap, nullptr,  nullptr};

int xOpen(sqlite3_vfs* v, const char* name, sqlite3_file* pf, int flags, int* outFlags) {
    PowerLossVfs* o = owner(v);
    File* f = self(pf);
    f->base.pMethods = nullptr;
    f->real = static_cast<sqlite3_file*>(sqlite3_malloc(o->real()->szOsFile));
    if (!f->real) return SQLITE_NOMEM;
    std::memset(f->real, 0, static_cast<size_t>(o->real()->szOsFile));
    const int rc = o->real()->xOpen(o->real(), name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        sqlite3_free(f->real);
        return rc;
    }
    f->owner = o;
    f->path = new std::string(name ? name : "");
    f->base.pMethods = &kIo;
    return SQLITE_OK;
}
int xDelete(sqlite3_vfs* v, const char* name, int sync) {
    PowerLossVfs* o = owner(v);
    if (!o->allowWrite()) return SQLITE_IOERR_DELETE;
    o->undo().erase(name);
    return o->real()->xDelete(o->real(), name, sync);
}
int xAccess(sqlite3_vfs* v, const char* n, int f, int* r) { return owner(v)->real()->xAccess(owner(v)->real(), n, f, r); }
int xFullPathname(sqlite3_vfs* v, const char* n, int size, char* out) {
    return owner(v)->real()->xFullPathname(owner(v)->real(), n, size, out);
}
void* xDlOpen(sqlite3_vfs* v, const char* n) { return owner(v)->real()->xDlOpen(owner(v)->real(), n); }
void xDlError(sqlite3_vfs* v, int n, char* m) { owner(v)->real()->xDlError(owner(v)->real(), n, m); }
void (*xDlSym(sqlite3_vfs* v, void* h, const char* s))(void) { return owner(v)->real()->xDlSym(owner(v)->real(), h, s); }
void xDlClose(sqlite3_vfs* v, void* h) { owner(v)->real()->xDlClose(owner(v)->real(), h); }
int xRandomness(sqlite3_vfs* v, int n, char* b) { return owner(v)->real()->xRandomness(owner(v)->real(), n, b); }
int xSleep(sqlite3_vfs* v, int us) { return owner(v)->real()->xSleep(owner(v)->real(), us); }
int xCurrentTime(sqlite3_vfs* v, double* t) { return owner(v)->real()->xCurrentTime(owner(v)->real(), t); }
int xGetLastError(sqlite3_vfs* v, int n, char* b) { return owner(v)->real()->xGetLastError(owner(v)->real(), n, b); }
int xCurrentTimeInt64(sqlite3_vfs* v, sqlite3_int64* t) {
    return owner(v)->real()->xCurrentTimeInt64(owner(v)->real(), t);
}

}  // namespace

PowerLossVfs::PowerLossVfs(std::string name) : m_name(std::move(name)) {
    m_real = sqlite3_vfs_find(nullptr);
    if (!m_real) throw std::runtime_error("no default SQLite VFS");
    m_vfs = new sqlite3_vfs{};
    m_vfs->iVersion = 2;
    m_vfs->szOsFile = static_cast<int>(sizeof(File));
    m_vfs->mxPathname = m_real->mxPathname;
    m_vfs->zName = m_name.c_str();
    m_vfs->pAppData = this;
    m_vfs->xOpen = xOpen;
    m_vfs->xDelete = xDelete;
    m_vfs->xAccess = xAccess;
    m_vfs->xFullPathname = xFullPathname;
    m_vfs->xDlOpen = xDlOpen;
    m_vfs->xDlError = xDlError;
    m_vfs->xDlSym = xDlSym;
    m_vfs->xDlClose = xDlClose;
    m_vfs->xRandomness = xRandomness;
    m_vfs->xSleep = xSleep;
    m_vfs->xCurrentTime = xCurrentTime;
    m_vfs->xGetLastError = xGetLastError;
    m_vfs->xCurrentTimeInt64 = xCurrentTimeInt64;
    if (sqlite3_vfs_register(m_vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the test VFS");
}

PowerLossVfs::~PowerLossVfs() {
    sqlite3_vfs_unregister(m_vfs);
    delete m_vfs;
}

bool PowerLossVfs::allowWrite() {
    if (m_writesLeft == 0) return false;
    if (m_writesLeft > 0) --m_writesLeft;
    return true;
}

void PowerLossVfs::revertUnsynced() {
    for (auto& [path, entries] : m_undo) {
        if (path.empty()) continue;
        std::FILE* f = std::fopen(path.c_str(), "r+b");
        if (!f) continue;
        for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
            if (!it->old.empty()) {
                std::fseek(f, static_cast<long>(it->offset), SEEK_SET);
                std::fwrite(it->old.data(), 1, it->old.size(), f);
            }
            std::fflush(f);
            if (truncate(path.c_str(), static_cast<off_t>(it->oldSize)) != 0) std::perror("truncate");
        }
        std::fclose(f);
    }
    m_undo.clear();
    m_writesLeft = -1;
}

}  // namespace testing_vfs
