#pragma once
// SqlBackend: the hub's storage interface, one database connection behind a small portable SQL
// surface. Two implementations: SQLite (a file, the default) and PostgreSQL (libpq, for a dealer
// group running several hubs on one database). The hub writes one dialect of SQL for both:
// `?` / `?N` placeholders (rewritten to $N for PostgreSQL), ON CONFLICT upserts, no scalar
// min/max; schema text uses {INT}, {BLOB} and {ID_PK} tokens (see expandSchema()).
// Not thread-safe: one thread at a time per backend (HubStore holds a mutex).
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hub {

using Bytes = std::vector<unsigned char>;
// NULL, integer, text or bytes.
using SqlValue = std::variant<std::monostate, std::int64_t, std::string, Bytes>;

// A failed statement. `retryable` marks a serialization failure, deadlock or busy database: the
// whole transaction may be run again.
class SqlError : public std::runtime_error {
public:
    SqlError(const std::string& what, bool retryable = false) : std::runtime_error(what), m_retryable(retryable) {}
    bool retryable() const { return m_retryable; }

private:
    bool m_retryable;
};

struct SqlRow {
    std::vector<SqlValue> values;
    std::int64_t integer(size_t column) const;  // text holding digits is parsed; NULL = 0
    std::string text(size_t column) const;      // integers are formatted; NULL = ""
    Bytes bytes(size_t column) const;
    bool isNull(size_t column) const { return std::holds_alternative<std::monostate>(values.at(column)); }

    // Reads columns 0, 1, 2, ... into the given fields, each by its type: text into a string, an
    // integer into an integer, non-zero into true. One call maps a SELECT's column list in order.
    template <class... Fields>
    void read(Fields&... fields) const {
        size_t column = 0;
        (readColumn(column++, fields), ...);
    }

private:
    void readColumn(size_t c, std::string& v) const { v = text(c); }
    void readColumn(size_t c, std::int64_t& v) const { v = integer(c); }
    void readColumn(size_t c, int& v) const { v = static_cast<int>(integer(c)); }
    void readColumn(size_t c, bool& v) const { v = integer(c) != 0; }
};

struct SqlResult {
    std::vector<SqlRow> rows;
    std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
    bool empty() const { return rows.empty(); }
    const SqlRow& front() const { return rows.at(0); }
};

class SqlBackend {
public:
    virtual ~SqlBackend() = default;
    // "sqlite" or "postgresql".
    virtual std::string_view dialect() const = 0;
    // Where the data is, without secrets: a file path or "postgresql://host:port/db (schema s)".
    virtual std::string describe() const = 0;
    // Several statements, no parameters (schema migrations).
    virtual void script(const std::string& sql) = 0;
    // One statement with parameters bound in order to ?1..?N.
    virtual SqlResult run(const std::string& sql, const std::vector<SqlValue>& params = {}) = 0;
    // A write transaction that excludes other writers of this hub database (SQLite: BEGIN
    // IMMEDIATE; PostgreSQL: BEGIN + a transaction-scoped advisory lock), so the change feed's
    // sequence numbers commit in order. rollback() never throws.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    // The applied schema migrations (SQLite: PRAGMA user_version; PostgreSQL: a table).
    virtual int schemaVersion() = 0;
    virtual void setSchemaVersion(int version) = 0;
    virtual std::string integrityCheck() = 0;
};

// A SQLite file (created when missing; WAL, synchronous=FULL).
std::unique_ptr<SqlBackend> openSqlite(const std::string& path);
// A PostgreSQL database from a libpq connection string ("postgresql://user:pw@127.0.0.1/db" or
// "host=... dbname=..."). `schema` (optional, [a-z_][a-z0-9_]*) is created when missing and used
// as the search path, so one database can hold several independent hubs (tests do this).
std::unique_ptr<SqlBackend> openPostgres(const std::string& conninfo, const std::string& schema = "");
// postgresql:// / postgres:// / "host=" / "dbname=" strings open PostgreSQL, anything else is a
// SQLite path.
bool isPostgresConnectionString(const std::string& database);
std::unique_ptr<SqlBackend> openBackend(const std::string& database, const std::string& pgSchema = "");

// Replaces the dialect tokens in schema text: {INT} (64-bit integer), {BLOB}, {ID_PK} (an
// auto-increasing integer primary key).
std::string expandSchema(const std::string& sql, std::string_view dialect);

// Drops a PostgreSQL schema and everything in it (tests clean up their per-test schema).
void dropPostgresSchema(const std::string& conninfo, const std::string& schema);

}  // namespace hub
