// The process's one database connection and the unit of work run on it.
//
// Connector/C++'s own auto-reconnect would silently drop a transaction and
// its prepared statements, so it is off. Instead a unit of work that loses
// its connection (2006, 2013, …) reconnects and runs again from the start
// (db/retry.h says when, and when not); if the database stays away the
// caller gets db::Unavailable, which the request loop answers with the
// translated 503 page. The next request tries again, so the programs
// recover without a restart.
#pragma once

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeindex>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/config.h"

namespace ktk::db {

class Unavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// MariaDB error numbers the portal reacts to.
constexpr int kDuplicateKey = 1062;
constexpr int kDeadlock = 1213;
constexpr int kLockWaitTimeout = 1205;

bool isConnectionLost(int errorCode);

// Host or socket, credentials, schema and utf8mb4, from the config.
sql::ConnectOptionsMap connectOptions(const config::Config& config);

using Row = std::unique_ptr<sql::ResultSet>;

// What an INSERT into a table with a unique key did.
enum class Insert { Added, Duplicate };

class Database;

// Bytes bound to a BLOB column: sent with the statement in pieces
// (mysql_stmt_send_long_data), never as text, so any byte goes through
// as it is. Reads the caller's bytes in place; lives for one statement.
class Blob {
public:
    explicit Blob(std::string_view bytes) : buffer_(bytes), stream_(&buffer_) {}
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
    std::istream* stream() const { return &stream_; }

private:
    struct Buffer : std::streambuf {
        explicit Buffer(std::string_view bytes) {
            char* begin = const_cast<char*>(bytes.data());  // only ever read
            setg(begin, begin, begin + bytes.size());
        }
    };
    Buffer buffer_;
    mutable std::istream stream_;
};

// A BLOB column of the current row, whole.
std::string readBlob(sql::ResultSet& row, unsigned column);

class Tx;

// Work a transaction does last, just before its COMMIT (Tx::finalStep).
class FinalStep {
public:
    virtual ~FinalStep() = default;
    virtual void run(Tx& tx) = 0;
};

// Handed to a unit of work. Statements are prepared once per connection.
class Tx {
public:
    Tx(Database& db, bool transaction) : db_(db), transaction_(transaction) {}

    // SQL is always a string literal: values travel only as parameters.
    template <std::size_t N, class... Args>
    Row query(const char (&sql)[N], const Args&... args) {
        sql::PreparedStatement& st = bindAll(sql, args...);
        return Row(st.executeQuery());
    }

    // Returns the number of affected rows.
    template <std::size_t N, class... Args>
    int update(const char (&sql)[N], const Args&... args) {
        return bindAll(sql, args...).executeUpdate();
    }

    // An INSERT into a table with a unique key: Duplicate when a row
    // already holds the key (MariaDB error 1062), which leaves the
    // transaction usable; any other failure throws.
    template <std::size_t N, class... Args>
    Insert insert(const char (&sql)[N], const Args&... args) {
        sql::PreparedStatement& st = bindAll(sql, args...);
        return executeInsert(st);
    }

    std::uint64_t lastInsertId();

    // False in autocommit(), where every statement commits by itself.
    bool inTransaction() const { return transaction_; }

    // The transaction's step of type S (a FinalStep), made on first use;
    // later calls return the same one, for the caller to add to. The steps
    // run in the order they were first asked for, after the unit of work
    // and before COMMIT: for row locks a transaction should take last and
    // hold shortest (repo/audit_chain.h). A retried unit of work starts
    // with none. Throws std::logic_error outside transact(), where every
    // statement commits by itself.
    template <class S>
    S& finalStep() {
        static_assert(std::is_base_of_v<FinalStep, S>);
        for (auto& [type, step] : finalSteps_)
            if (type == std::type_index(typeid(S))) return static_cast<S&>(*step);
        if (!transaction_) throw std::logic_error("a final step needs a transaction (Database::transact)");
        auto& made = finalSteps_.emplace_back(std::type_index(typeid(S)), std::make_unique<S>());
        return static_cast<S&>(*made.second);
    }

private:
    friend class Database;  // runs the final steps before COMMIT
    void runFinalSteps();

    static Insert executeInsert(sql::PreparedStatement& st);

    template <class... Args>
    sql::PreparedStatement& bindAll(const char* sql, const Args&... args) {
        sql::PreparedStatement& st = prepare(sql);
        unsigned i = 1;
        (bind(st, i++, args), ...);
        return st;
    }

    sql::PreparedStatement& prepare(const char* sql);

    static void bind(sql::PreparedStatement& st, unsigned i, std::int64_t v) { st.setInt64(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, std::uint64_t v) { st.setUInt64(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, int v) { st.setInt(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, unsigned v) { st.setUInt(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, bool v) { st.setBoolean(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, const std::string& v) { st.setString(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, std::string_view v) { st.setString(i, std::string(v)); }
    static void bind(sql::PreparedStatement& st, unsigned i, const char* v) { st.setString(i, v); }
    static void bind(sql::PreparedStatement& st, unsigned i, std::nullptr_t) { st.setNull(i, 0); }
    static void bind(sql::PreparedStatement& st, unsigned i, const Blob& v) { st.setBlob(i, v.stream()); }
    template <class T>
    static void bind(sql::PreparedStatement& st, unsigned i, const std::optional<T>& v) {
        if (v) bind(st, i, *v);
        else st.setNull(i, 0);
    }

    Database& db_;
    const bool transaction_;
    std::vector<std::pair<std::type_index, std::unique_ptr<FinalStep>>> finalSteps_;
};

class Database {
public:
    explicit Database(const config::Config& config);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Tries to connect; logs and returns false when the database is away.
    bool connect() noexcept;

    // Runs `work(tx)` in one transaction and commits. Infrastructure errors
    // propagate as exceptions; a deadlock, a lost connection or a Galera
    // node that is not ready runs it again (db/retry.h).
    template <class F>
    auto transact(F&& work) -> std::invoke_result_t<F, Tx&> {
        return run(std::forward<F>(work), true);
    }

    // Runs `work(tx)` with every statement its own transaction: one round
    // trip per statement and no COMMIT, for reads (a session lookup on
    // every page) and single-statement writes whose order is all that
    // matters. Run again on a lost connection, like transact().
    template <class F>
    auto autocommit(F&& work) -> std::invoke_result_t<F, Tx&> {
        return run(std::forward<F>(work), false);
    }

    // SELECT 1 on a fresh unit of work; false when the database is away.
    bool healthy() noexcept;

private:
    friend class Tx;

    template <class F>
    auto run(F&& work, bool transaction) -> std::invoke_result_t<F, Tx&> {
        using R = std::invoke_result_t<F, Tx&>;
        for (int attempt = 0;; ++attempt) {
            ensureConnected();
            Tx tx(*this, transaction);
            try {
                if (transaction) begin();
                if constexpr (std::is_void_v<R>) {
                    work(tx);
                    if (transaction) commit(tx);
                    return;
                } else {
                    R result = work(tx);
                    if (transaction) commit(tx);
                    return result;
                }
            } catch (const sql::SQLException& e) {
                if (!retryable(e, attempt)) throw;
            } catch (...) {
                rollbackQuietly();
                throw;
            }
        }
    }

    void begin();

    void ensureConnected();
    // The final steps of `tx`, then COMMIT.
    void commit(Tx& tx);
    void rollbackQuietly() noexcept;
    void drop() noexcept;
    // Acts on decideRetry (db/retry.h) after a failed attempt: true to run
    // again, false to rethrow; throws Unavailable when the database cannot
    // be reached or keeps refusing.
    bool retryable(const sql::SQLException& e, int attempt);

    const config::Config& config_;
    std::unique_ptr<sql::Connection> conn_;
    std::unordered_map<const char*, std::unique_ptr<sql::PreparedStatement>> statements_;
    std::unique_ptr<sql::Statement> control_;  // START TRANSACTION, COMMIT
};

}  // namespace ktk::db
