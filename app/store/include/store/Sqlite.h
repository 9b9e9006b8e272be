#pragma once
// RAII wrappers over the SQLite C API: a connection, a prepared statement, a transaction that
// rolls back unless committed. Move-only; destructors never throw. One thread per Database.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace store {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using Blob = std::vector<unsigned char>;

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Statement& bind(int index, const Blob& value);
    Statement& bindNull(int index);
    // Binds each argument in order from 1.
    template <typename... Args>
    Statement& bindAll(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    bool step();  // true while a row is available; throws on error
    void run();   // steps to completion
    void reset();

    std::int64_t integer(int column) const;  // 0-based columns
    std::string text(int column) const;
    Blob blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

struct OpenOptions {
    std::string vfs;        // "" = the default VFS; tests pass a fault-injecting one
    bool readOnly = false;
    int busyTimeoutMs = 5000;
};

class Database {
public:
    explicit Database(const std::string& path, const OpenOptions& options = {});
    ~Database();
    Database(Database&& o) noexcept;
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);
    Statement prepare(const std::string& sql) { return Statement(m_db, sql); }
    // The first column of the first row, or nullopt when there is no row.
    std::optional<std::int64_t> queryInt(const std::string& sql);
    std::optional<std::string> queryText(const std::string& sql);
    int changes() const;
    std::int64_t lastInsertRowid() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// BEGIN IMMEDIATE (takes the write lock at once, so a check and its write cannot interleave with
// another connection's); rolls back on destruction unless commit() ran.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace store
