#include "db/database.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>
#include <openssl/crypto.h>

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
// not to read it, OpenSSL ignores that request.
void startOpenSslWithoutItsConfig() { OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr); }

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
    begin_.reset();
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
        begin_.reset(conn_->createStatement());
        return true;
    } catch (const sql::SQLException& e) {
        util::logWarn("database connect failed: error " + std::to_string(e.getErrorCode()) + " " + e.what());
        drop();
        return false;
    }
}

void Database::drop() noexcept {
    statements_.clear();
    begin_.reset();
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

void Database::begin() { begin_->execute("START TRANSACTION"); }

void Database::commit(Tx& tx) {
    tx.runFinalSteps();
    conn_->commit();
}

void Database::rollbackQuietly() noexcept {
    try {
        if (conn_) conn_->rollback();
    } catch (...) {
        drop();
    }
}

bool Database::retryable(const sql::SQLException& e, int attempt) {
    int code = e.getErrorCode();
    if (isConnectionLost(code)) {
        drop();
        if (attempt == 0) {
            util::logWarn("database connection lost (error " + std::to_string(code) + "), reconnecting");
            return true;
        }
        throw Unavailable("database connection lost");
    }
    rollbackQuietly();
    if ((code == kDeadlock || code == kLockWaitTimeout) && attempt == 0) return true;
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
