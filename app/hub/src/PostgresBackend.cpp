// SqlBackend on PostgreSQL through libpq. Statements are prepared once per connection (named by a
// counter) with `?N` placeholders rewritten to `$N`; parameters go as text, bytes as binary.
// Results come back as text and are typed by column OID (int2/4/8 -> integer, bytea -> bytes).
#include <libpq-fe.h>

#include <charconv>
#include <regex>
#include <unordered_map>

#include "hub/SqlBackend.h"

namespace hub {
namespace {

constexpr unsigned kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kByteaOid = 17, kBoolOid = 16;
// All hub writers of one database serialise on this advisory lock (a transaction-scoped one per
// write, a session one around schema creation and migrations).
constexpr long long kWriteLockKey = 0x6b696f736b687562LL;  // "kioskhub"

// Keeps the password out of messages: "postgresql://user@host:port/db".
std::string redact(const std::string& conninfo) {
    static const std::regex kUrlPassword(R"(^(postgres(ql)?://[^:@/]*):[^@]*@)");
    static const std::regex kKeyPassword(R"(password\s*=\s*('[^']*'|\S+))");
    std::string out = std::regex_replace(conninfo, kUrlPassword, "$1@");
    return std::regex_replace(out, kKeyPassword, "password=***");
}

// `?` and `?N` outside string literals -> `$N`.
std::string toDollarPlaceholders(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 8);
    int next = 0;
    bool inString = false;
    for (size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'') inString = !inString;
        if (c != '?' || inString) {
            out += c;
            continue;
        }
        size_t j = i + 1;
        while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
        int n = ++next;
        if (j > i + 1) n = std::stoi(sql.substr(i + 1, j - i - 1));
        out += '$' + std::to_string(n);
        i = j - 1;
    }
    return out;
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresBackend final : public SqlBackend {
public:
    PostgresBackend(const std::string& conninfo, const std::string& schema)
        : m_where(redact(conninfo)), m_conn(PQconnectdb(conninfo.c_str())) {
        if (!m_conn) throw SqlError("cannot connect to PostgreSQL " + m_where + ": out of memory");
        if (PQstatus(m_conn) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(m_conn);
            while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
            PQfinish(m_conn);
            m_conn = nullptr;
            throw SqlError("cannot connect to PostgreSQL " + m_where + ": " + msg);
        }
        exec("SET client_min_messages = warning");
        if (!schema.empty()) {
            static const std::regex kSchema("^[a-z_][a-z0-9_]{0,62}$");
            if (!std::regex_match(schema, kSchema)) throw SqlError("PostgreSQL schema name must be [a-z_][a-z0-9_]*, up to 63");
            exec("SELECT pg_advisory_lock(" + std::to_string(kWriteLockKey) + ")");
            exec("CREATE SCHEMA IF NOT EXISTS " + schema);
            exec("SELECT pg_advisory_unlock(" + std::to_string(kWriteLockKey) + ")");
            exec("SET search_path TO " + schema);
            m_where += " (schema " + schema + ")";
        }
    }
    ~PostgresBackend() override {
        if (m_conn) PQfinish(m_conn);
    }
    PostgresBackend(const PostgresBackend&) = delete;
    PostgresBackend& operator=(const PostgresBackend&) = delete;

    std::string_view dialect() const override { return "postgresql"; }
    std::string describe() const override { return m_where; }
    void script(const std::string& sql) override { exec(sql); }

    SqlResult run(const std::string& sql, const std::vector<SqlValue>& params) override {
        const std::string& name = prepared(sql, params.size());
        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            const SqlValue& v = params[i];
            if (const auto* n = std::get_if<std::int64_t>(&v)) {
                text[i] = std::to_string(*n);
                values[i] = text[i].c_str();
            } else if (const auto* s = std::get_if<std::string>(&v)) {
                values[i] = s->c_str();
            } else if (const auto* b = std::get_if<Bytes>(&v)) {
                values[i] = reinterpret_cast<const char*>(b->data());
                lengths[i] = static_cast<int>(b->size());
                formats[i] = 1;
            } else {
                values[i] = nullptr;
            }
        }
        Result r(PQexecPrepared(m_conn, name.c_str(), static_cast<int>(params.size()), values.data(), lengths.data(),
                                formats.data(), 0));
        check(r.get(), sql);
        SqlResult out;
        const int rows = PQntuples(r.get()), columns = PQnfields(r.get());
        out.rows.reserve(static_cast<size_t>(rows));
        for (int i = 0; i < rows; ++i) {
            SqlRow row;
            row.values.reserve(static_cast<size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                if (PQgetisnull(r.get(), i, c)) {
                    row.values.emplace_back(std::monostate{});
                    continue;
                }
                const char* p = PQgetvalue(r.get(), i, c);
                const size_t len = static_cast<size_t>(PQgetlength(r.get(), i, c));
                const unsigned type = PQftype(r.get(), c);
                if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
                    std::int64_t n = 0;
                    std::from_chars(p, p + len, n);
                    row.values.emplace_back(n);
                } else if (type == kBoolOid) {
                    row.values.emplace_back(std::int64_t{p[0] == 't' ? 1 : 0});
                } else if (type == kByteaOid) {
                    size_t n = 0;
                    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(p), &n);
                    row.values.emplace_back(Bytes(raw, raw + n));
                    PQfreemem(raw);
                } else {
                    row.values.emplace_back(std::string(p, len));
                }
            }
            out.rows.push_back(std::move(row));
        }
        const char* affected = PQcmdTuples(r.get());
        if (affected && *affected) out.affected = std::stoll(affected);
        return out;
    }

    void begin() override {
        exec("BEGIN");
        exec("SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + ")");
    }
    void commit() override { exec("COMMIT"); }
    void rollback() noexcept override {
        Result r(PQexec(m_conn, "ROLLBACK"));
    }
    int schemaVersion() override {
        exec("CREATE TABLE IF NOT EXISTS hub_schema(version INTEGER NOT NULL)");
        SqlResult r = run("SELECT max(version) FROM hub_schema", {});
        return static_cast<int>(r.front().integer(0));
    }
    void setSchemaVersion(int version) override {
        exec("DELETE FROM hub_schema");
        exec("INSERT INTO hub_schema(version) VALUES(" + std::to_string(version) + ")");
    }
    std::string integrityCheck() override {
        SqlResult r = run("SELECT 1", {});
        return r.empty() ? "no answer" : "ok";
    }

private:
    void exec(const std::string& sql) {
        Result r(PQexec(m_conn, sql.c_str()));
        check(r.get(), sql);
    }

    void check(PGresult* r, const std::string& sql) {
        const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const std::string code = state ? state : "";
        std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(m_conn);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 08xxx connection.
        const bool retryable = code == "40001" || code == "40P01" || code == "55P03";
        if (PQstatus(m_conn) == CONNECTION_BAD) {
            PQreset(m_conn);  // the next statement runs on a fresh connection
            m_prepared.clear();
            throw SqlError("PostgreSQL connection lost (" + m_where + "): " + msg, true);
        }
        throw SqlError("PostgreSQL [" + code + "] " + msg + " in: " + sql.substr(0, 120), retryable);
    }

    const std::string& prepared(const std::string& sql, size_t params) {
        auto it = m_prepared.find(sql);
        if (it != m_prepared.end()) return it->second;
        const std::string name = "h" + std::to_string(m_prepared.size() + 1);
        const std::string text = toDollarPlaceholders(sql);
        Result r(PQprepare(m_conn, name.c_str(), text.c_str(), 0, nullptr));
        check(r.get(), sql);
        (void)params;
        return m_prepared.emplace(sql, name).first->second;
    }

    std::string m_where;
    PGconn* m_conn = nullptr;
    std::unordered_map<std::string, std::string> m_prepared;
};

}  // namespace

std::unique_ptr<SqlBackend> openPostgres(const std::string& conninfo, const std::string& schema) {
    return std::make_unique<PostgresBackend>(conninfo, schema);
}

void dropPostgresSchema(const std::string& conninfo, const std::string& schema) {
    PostgresBackend db(conninfo, "");
    static const std::regex kSchema("^[a-z_][a-z0-9_]{0,62}$");
    if (!std::regex_match(schema, kSchema)) return;
    db.script("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}

}  // namespace hub
