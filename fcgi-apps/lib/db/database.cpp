#include "db/database.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <openssl/crypto.h>

#include <chrono>
#include <thread>

#include "db/retry.h"
#include "util/log.h"

namespace ktk::db {

bool isConnectionLost(int code) {
    switch (code) {
        case 2002:  // can't connect through socket
        case 2003:  // can't connect to server
        case 2006:  // server has gone away
        case 2013:  // lost connection during query
        case 2055:  // lost connection at reading
        case 1053:  // server shutdown in progress
        case 1927:  // connection was killed
            return true;
        default:
            return false;
    }
}

RetryDecision decideRetry(int code, int attempt, bool atCommit) {
    const bool attemptsLeft = attempt + 1 < kMaxAttempts;
    if (isConnectionLost(code)) {
        if (atCommit) return {RetryDecision::Unavailable};
        // The first time at once (an idle connection the server closed);
        // after that a pause, for a proxy to notice the node is gone.
        if (attemptsLeft) return {RetryDecision::Reconnect, attempt == 0 ? 0 : 250 * attempt};
        return {RetryDecision::Unavailable};
    }
    if (code == kWsrepNotReady) {
        // Another connection through the proxy reaches a Synced node once
        // its health check has taken this one out (about a second).
        if (attemptsLeft) return {RetryDecision::Reconnect, 500 * (attempt + 1)};
        return {RetryDecision::Unavailable};
    }
    if (code == kDeadlock || code == kLockWaitTimeout) {
        if (attemptsLeft) return {RetryDecision::Again, attempt == 0 ? 0 : 20 * attempt};
        return {RetryDecision::Unavailable};
    }
    return {RetryDecision::Rethrow};
}

sql::ConnectOptionsMap connectOptions(const config::Config& config) {
    sql::ConnectOptionsMap options;
    if (!config.dbSocket.empty()) {
        options["hostName"] = sql::SQLString("localhost");
        options["socket"] = sql::SQLString(config.dbSocket);
    } else {
        options["hostName"] = sql::SQLString("tcp://" + config.dbHost);
        options["port"] = static_cast<int>(config.dbPort);
    }
    options["userName"] = sql::SQLString(config.dbUser);
    options["password"] = sql::SQLString(config.dbPassword);
    options["schema"] = sql::SQLString(config.dbName);
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    return options;
}

namespace {
// OpenSSL is in every process only because libmariadb links it for TLS
// connections, which the portal does not open (its database is on a unix
// socket or a private network; our own cryptography is libsodium's).
// libmariadb starts it with the system's openssl.cnf, which costs each
// process about 0.9 MB and configures nothing the portal uses; told first
// not to read it, OpenSSL ignores that request. Nor does it fill its table
// of every cipher's and digest's names (OPENSSL_init_ssl would: 0.6 MB a
// process), which only the by-name lookups (EVP_get_cipherbyname,
// EVP_get_digestbyname/-bynid) read. Nothing here uses them: the TOTP and
// the ID tokens take EVP_sha1()/EVP_sha256() and the keys are PEM without
// a passphrase (provider fetches, not that table). A process that speaks
// TLS itself (ktk-logout-post, through libcurl) has no database and so
// starts OpenSSL in full.
void startOpenSslWithoutItsConfig() {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS | OPENSSL_INIT_NO_ADD_ALL_DIGESTS,
                        nullptr);
}

// Not thread-safe: called once, before any request.
sql::mysql::MySQL_Driver* driver() {
    static sql::mysql::MySQL_Driver* instance =
        (startOpenSslWithoutItsConfig(), sql::mysql::get_mysql_driver_instance());
    return instance;
}
}  // namespace

Database::Database(const config::Config& config) : config_(config) { driver(); }

Database::~Database() {
    statements_.clear();
    control_.reset();
    if (conn_) {
        try {
            conn_->close();
        } catch (...) {
        }
    }
}

bool Database::connect() noexcept {
    try {
        drop();
        sql::ConnectOptionsMap options = connectOptions(config_);
        options["OPT_RECONNECT"] = false;
        options["OPT_CONNECT_TIMEOUT"] = 3;
        options["OPT_READ_TIMEOUT"] = 30;
        options["OPT_WRITE_TIMEOUT"] = 30;
        conn_.reset(driver()->connect(options));
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        st->execute("SET SESSION time_zone = '+00:00', NAMES utf8mb4 COLLATE utf8mb4_unicode_ci");
        st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        // Autocommit between units of work; transact() opens its own
        // transaction, so a read needs no COMMIT round trip.
        conn_->setAutoCommit(true);
        control_.reset(conn_->createStatement());
        return true;
    } catch (const sql::SQLException& e) {
        util::logWarn("database connect failed: error " + std::to_string(e.getErrorCode()) + " " + e.what());
        drop();
        return false;
    }
}

void Database::drop() noexcept {
    statements_.clear();
    control_.reset();
    if (conn_) {
        try {
            conn_->close();
        } catch (...) {
        }
        conn_.reset();
    }
}

void Database::ensureConnected() {
    if (!conn_ && !connect()) throw Unavailable("database unavailable");
}

void Database::begin() { control_->execute("START TRANSACTION"); }

void Database::commit(Tx& tx) {
    tx.runFinalSteps();
    try {
        // A statement, not Connector/C++'s Connection::commit(): 1.1.12's
        // ignores what the client library answers, so a COMMIT that never
        // reached the server (a connection lost just before it) passed for
        // a successful one, and a registration was answered "done" with
        // nothing stored (the db_kill scenario found it).
        control_->execute("COMMIT");
    } catch (const sql::SQLException& e) {
        // Refused (a deadlock, a failed certification): rolled back, and
        // run() may run the work again. Lost: nobody knows; see retry.h.
        if (decideRetry(e.getErrorCode(), 0, true).action == RetryDecision::Unavailable) {
            drop();
            throw Unavailable("database connection lost during COMMIT (error " + std::to_string(e.getErrorCode()) +
                              "), outcome unknown");
        }
        throw;
    }
}

void Database::rollbackQuietly() noexcept {
    try {
        if (conn_) conn_->rollback();
    } catch (...) {
        drop();
    }
}

bool Database::retryable(const sql::SQLException& e, int attempt) {
    const int code = e.getErrorCode();
    const RetryDecision d = decideRetry(code, attempt, false);
    const std::string error = "error " + std::to_string(code);
    switch (d.action) {
        case RetryDecision::Again:
            rollbackQuietly();
            if (d.pauseMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.pauseMs));
            return true;
        case RetryDecision::Reconnect:
            drop();
            util::logWarn("database: " + error + ", running the unit of work again on a new connection");
            if (d.pauseMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.pauseMs));
            return true;
        case RetryDecision::Unavailable:
            drop();
            throw Unavailable("database: " + error + " on attempt " + std::to_string(attempt + 1) + ", giving up");
        case RetryDecision::Rethrow:
            break;
    }
    if (isConnectionLost(code)) drop();
    else rollbackQuietly();
    return false;
}

bool Database::healthy() noexcept {
    try {
        return autocommit([](Tx& tx) {
            Row r = tx.query("SELECT 1");
            return r->next();
        });
    } catch (...) {
        return false;
    }
}

std::string readBlob(sql::ResultSet& row, unsigned column) {
    std::unique_ptr<std::istream> in(row.getBlob(column));
    std::string bytes;
    if (!in) return bytes;
    char chunk[64 * 1024];
    while (in->read(chunk, sizeof chunk) || in->gcount() > 0) bytes.append(chunk, static_cast<std::size_t>(in->gcount()));
    return bytes;
}

sql::PreparedStatement& Tx::prepare(const char* sql) {
    auto& slot = db_.statements_[sql];
    if (!slot) slot.reset(db_.conn_->prepareStatement(sql));
    slot->clearParameters();
    return *slot;
}

Insert Tx::executeInsert(sql::PreparedStatement& st) {
    try {
        st.executeUpdate();
        return Insert::Added;
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() == kDuplicateKey) return Insert::Duplicate;
        throw;
    }
}

void Tx::runFinalSteps() {
    // A step may ask for another one: index, not iterators.
    for (std::size_t i = 0; i < finalSteps_.size(); ++i) finalSteps_[i].second->run(*this);
}

std::uint64_t Tx::lastInsertId() {
    Row r = query("SELECT LAST_INSERT_ID()");
    r->next();
    return r->getUInt64(1);
}

}  // namespace ktk::db
