#include "repo/accounts.h"

#include "domain/email.h"
#include "util/clock.h"

namespace ktk::repo {

namespace {

// The columns readAccount() expects, joined once here so every account
// query reads the same shape. A macro so that each query stays one string
// literal (values only ever travel as parameters).
#define KTK_ACCOUNT_SELECT                                                                                 \
    "SELECT u.id, u.email, u.last_name, u.first_name, u.phone, u.language, u.role, u.office_id, o.name,"  \
    " u.created_at, u.confirmed_at, u.disabled_at, u.linked_at,"                                          \
    " m.id, m.name, m.tax_number, m.office_id, mo.name, m.created_at,"                                    \
    " u.password_hash, t.failures, t.last_failure_at, t.locked_until"                                     \
    " FROM users u"                                                                                       \
    " LEFT JOIN district_offices o ON o.id = u.office_id"                                                 \
    " LEFT JOIN municipalities m ON m.id = u.municipality_id"                                             \
    " LEFT JOIN district_offices mo ON mo.id = m.office_id"                                               \
    " LEFT JOIN login_throttle t ON t.user_id = u.id"

std::optional<std::string> optionalString(db::Row& r, int column) {
    if (r->isNull(column)) return std::nullopt;
    return std::string(r->getString(column));
}

Account readAccount(db::Row& r) {
    Account a;
    a.id = r->getUInt64(1);
    a.email = r->getString(2);
    a.lastName = r->getString(3);
    a.firstName = r->getString(4);
    a.phone = r->getString(5);
    a.language = domain::parseLang(std::string(r->getString(6))).value_or(domain::kDefaultLang);
    a.clerk = r->getString(7) == "clerk";
    if (!r->isNull(8)) a.officeId = r->getUInt64(8);
    if (!r->isNull(9)) a.officeName = r->getString(9);
    a.createdAt = r->getString(10);
    a.confirmedAt = optionalString(r, 11);
    a.disabledAt = optionalString(r, 12);
    a.linkedAt = optionalString(r, 13);
    if (!r->isNull(14)) {
        Municipality m;
        m.id = r->getUInt64(14);
        m.name = r->getString(15);
        m.taxNumber = r->getString(16);
        m.officeId = r->getUInt64(17);
        m.officeName = r->getString(18);
        m.createdAt = r->getString(19);
        a.municipality = std::move(m);
    }
    a.passwordHash = r->getString(20);
    if (!r->isNull(21)) {
        domain::ThrottleState t;
        t.failures = r->getUInt(21);
        t.lastFailureAt = util::parseSqlTime(r->getString(22));
        t.lockedUntil = r->isNull(23) ? 0 : util::parseSqlTime(r->getString(23));
        a.throttle = t;
    }
    return a;
}

std::optional<Account> readOne(db::Row r) {
    if (!r->next()) return std::nullopt;
    return readAccount(r);
}

std::vector<Account> readAll(db::Row r) {
    std::vector<Account> out;
    while (r->next()) out.push_back(readAccount(r));
    return out;
}

}  // namespace

const char* stateName(AccountState state) {
    switch (state) {
        case AccountState::Pending: return "pending";
        case AccountState::Confirmed: return "confirmed";
        case AccountState::Linked: return "linked";
        case AccountState::Disabled: return "disabled";
    }
    return "pending";
}

AccountState Account::state() const {
    if (disabledAt) return AccountState::Disabled;
    if (municipality) return AccountState::Linked;
    if (confirmedAt) return AccountState::Confirmed;
    return AccountState::Pending;
}

std::optional<std::uint64_t> Account::municipalityId() const {
    if (municipality) return municipality->id;
    return std::nullopt;
}

// A locking read takes only the account's own row (FOR UPDATE on the join
// would lock its office and municipality too, and every login of a
// municipality's contacts would queue on that row); the plain read after
// it sees the latest committed values, which nobody else can change now.
std::optional<Account> findAccount(db::Tx& tx, std::string_view emailKey, Lock lock) {
    // Only a key domain::checkEmail made goes into the query; anything
    // else names no account (and a non-ASCII one would not even compare
    // with the ascii_bin column).
    if (emailKey.empty() || domain::emailKey(emailKey) != emailKey) return std::nullopt;
    if (lock == Lock::ForUpdate) {
        db::Row r = tx.query("SELECT id FROM users WHERE email_key = ? FOR UPDATE", emailKey);
        if (!r->next()) return std::nullopt;
        return findAccountById(tx, r->getUInt64(1));
    }
    return readOne(tx.query(KTK_ACCOUNT_SELECT " WHERE u.email_key = ?", emailKey));
}

std::optional<Account> findAccountById(db::Tx& tx, std::uint64_t id, Lock lock) {
    if (lock == Lock::ForUpdate && !tx.query("SELECT id FROM users WHERE id = ? FOR UPDATE", id)->next())
        return std::nullopt;
    return readOne(tx.query(KTK_ACCOUNT_SELECT " WHERE u.id = ?", id));
}

bool withinOffice(const Account& account, std::uint64_t officeId) {
    return !account.clerk && (!account.municipality || account.municipality->officeId == officeId);
}

std::string containsPattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

std::vector<Account> searchForOffice(db::Tx& tx, std::uint64_t officeId, std::string_view query, std::size_t limit) {
    const unsigned rows = static_cast<unsigned>(limit);
    if (query.empty())
        return readAll(tx.query(KTK_ACCOUNT_SELECT
                                " WHERE u.role = 'contact' AND u.municipality_id IS NULL"
                                " AND u.confirmed_at IS NOT NULL AND u.disabled_at IS NULL"
                                " ORDER BY u.confirmed_at DESC, u.id DESC LIMIT ?",
                                rows));
    const std::string like = containsPattern(query);
    return readAll(tx.query(KTK_ACCOUNT_SELECT
                            " WHERE u.role = 'contact' AND (u.municipality_id IS NULL OR m.office_id = ?)"
                            " AND (u.email LIKE ? OR u.last_name LIKE ? OR u.first_name LIKE ?"
                            " OR CONCAT(u.last_name, ' ', u.first_name) LIKE ?"
                            " OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?)"
                            " ORDER BY u.created_at DESC, u.id DESC LIMIT ?",
                            officeId, like, like, like, like, like, rows));
}

std::vector<Account> listAccounts(db::Tx& tx, std::string_view query, std::size_t limit) {
    const unsigned rows = static_cast<unsigned>(limit);
    const std::string like = containsPattern(query);
    return readAll(tx.query(KTK_ACCOUNT_SELECT
                            " WHERE u.email LIKE ? OR u.last_name LIKE ? OR u.first_name LIKE ?"
                            " OR CONCAT(u.last_name, ' ', u.first_name) LIKE ?"
                            " OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?"
                            " ORDER BY u.created_at DESC, u.id DESC LIMIT ?",
                            like, like, like, like, like, rows));
}

Inserted addClerk(db::Tx& tx, const NewClerk& c) {
    const std::string key = domain::emailKey(c.email);
    const std::string now = util::sqlTime(util::now());
    if (tx.insert("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, role,"
                  " office_id, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'clerk', ?, ?, ?)",
                  c.email, key, c.passwordHash, c.lastName, c.firstName, c.phone, code(c.language), c.officeId, now,
                  now) == db::Insert::Added)
        return {db::Insert::Added, tx.lastInsertId()};
    db::Row r = tx.query("SELECT id FROM users WHERE email_key = ?", key);
    return {db::Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
}

#undef KTK_ACCOUNT_SELECT

}  // namespace ktk::repo
