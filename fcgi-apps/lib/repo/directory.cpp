#include "repo/directory.h"

#include <cppconn/exception.h>

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
    " m.id, m.name, m.tax_number, m.office_id, mo.name, m.created_at"                                     \
    " FROM users u"                                                                                       \
    " LEFT JOIN district_offices o ON o.id = u.office_id"                                                 \
    " LEFT JOIN municipalities m ON m.id = u.municipality_id"                                             \
    " LEFT JOIN district_offices mo ON mo.id = m.office_id"

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
    return a;
}

std::vector<Account> readAccounts(db::Row& r) {
    std::vector<Account> out;
    while (r->next()) out.push_back(readAccount(r));
    return out;
}

Municipality readMunicipality(db::Row& r) {
    Municipality m;
    m.id = r->getUInt64(1);
    m.name = r->getString(2);
    m.taxNumber = r->getString(3);
    m.officeId = r->getUInt64(4);
    m.officeName = r->getString(5);
    m.createdAt = r->getString(6);
    m.contacts = r->getUInt(7);
    return m;
}

Office readOffice(db::Row& r) {
    Office o;
    o.id = r->getUInt64(1);
    o.name = r->getString(2);
    o.countyCode = r->getString(3);
    o.createdAt = r->getString(4);
    o.municipalities = r->getUInt(5);
    o.clerks = r->getUInt(6);
    return o;
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

std::optional<Office> findOffice(db::Tx& tx, std::uint64_t id) {
    db::Row r = tx.query(
        "SELECT o.id, o.name, o.county_code, o.created_at,"
        " (SELECT COUNT(*) FROM municipalities m WHERE m.office_id = o.id),"
        " (SELECT COUNT(*) FROM users u WHERE u.office_id = o.id AND u.role = 'clerk' AND u.disabled_at IS NULL)"
        " FROM district_offices o WHERE o.id = ?",
        id);
    if (!r->next()) return std::nullopt;
    return readOffice(r);
}

std::vector<Office> listOffices(db::Tx& tx) {
    db::Row r = tx.query(
        "SELECT o.id, o.name, o.county_code, o.created_at,"
        " (SELECT COUNT(*) FROM municipalities m WHERE m.office_id = o.id),"
        " (SELECT COUNT(*) FROM users u WHERE u.office_id = o.id AND u.role = 'clerk' AND u.disabled_at IS NULL)"
        " FROM district_offices o ORDER BY o.id");
    std::vector<Office> out;
    while (r->next()) out.push_back(readOffice(r));
    return out;
}

Inserted addOffice(db::Tx& tx, const std::string& name, const std::string& countyCode) {
    try {
        tx.update("INSERT INTO district_offices (name, county_code, created_at) VALUES (?, ?, ?)", name, countyCode,
                  util::sqlTime(util::now()));
        return {Insert::Added, tx.lastInsertId()};
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kDuplicateKey) throw;
    }
    db::Row r = tx.query("SELECT id FROM district_offices WHERE name = ?", name);
    return {Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
}

std::optional<Municipality> findMunicipality(db::Tx& tx, const std::string& taxNumber) {
    db::Row r = tx.query(
        "SELECT m.id, m.name, m.tax_number, m.office_id, o.name, m.created_at,"
        " (SELECT COUNT(*) FROM users u WHERE u.municipality_id = m.id)"
        " FROM municipalities m JOIN district_offices o ON o.id = m.office_id WHERE m.tax_number = ?",
        taxNumber);
    if (!r->next()) return std::nullopt;
    return readMunicipality(r);
}

std::vector<Municipality> listMunicipalities(db::Tx& tx, std::optional<std::uint64_t> officeId) {
    // Office ids start at 1, so 0 stands for "every office".
    const std::uint64_t office = officeId.value_or(0);
    db::Row r = tx.query(
        "SELECT m.id, m.name, m.tax_number, m.office_id, o.name, m.created_at,"
        " (SELECT COUNT(*) FROM users u WHERE u.municipality_id = m.id)"
        " FROM municipalities m JOIN district_offices o ON o.id = m.office_id"
        " WHERE ? = 0 OR m.office_id = ? ORDER BY m.name, m.id",
        office, office);
    std::vector<Municipality> out;
    while (r->next()) out.push_back(readMunicipality(r));
    return out;
}

Inserted addMunicipality(db::Tx& tx, const std::string& name, const std::string& taxNumber, std::uint64_t officeId) {
    try {
        tx.update("INSERT INTO municipalities (name, tax_number, office_id, created_at) VALUES (?, ?, ?, ?)", name,
                  taxNumber, officeId, util::sqlTime(util::now()));
        return {Insert::Added, tx.lastInsertId()};
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kDuplicateKey) throw;
    }
    db::Row r = tx.query("SELECT id FROM municipalities WHERE tax_number = ?", taxNumber);
    return {Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
}

Inserted addClerk(db::Tx& tx, const NewClerk& c) {
    const std::string key = domain::emailKey(c.email);
    const std::string now = util::sqlTime(util::now());
    try {
        tx.update("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, role,"
                  " office_id, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'clerk', ?, ?, ?)",
                  c.email, key, c.passwordHash, c.lastName, c.firstName, c.phone, code(c.language), c.officeId, now,
                  now);
        return {Insert::Added, tx.lastInsertId()};
    } catch (const sql::SQLException& e) {
        if (e.getErrorCode() != db::kDuplicateKey) throw;
    }
    db::Row r = tx.query("SELECT id FROM users WHERE email_key = ?", key);
    return {Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
}

std::optional<Account> findAccount(db::Tx& tx, std::string_view emailKey, bool lock) {
    db::Row r = lock ? tx.query(KTK_ACCOUNT_SELECT " WHERE u.email_key = ? FOR UPDATE", emailKey)
                     : tx.query(KTK_ACCOUNT_SELECT " WHERE u.email_key = ?", emailKey);
    if (!r->next()) return std::nullopt;
    return readAccount(r);
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
    if (query.empty()) {
        db::Row r = tx.query(KTK_ACCOUNT_SELECT
                             " WHERE u.role = 'contact' AND u.municipality_id IS NULL"
                             " AND u.confirmed_at IS NOT NULL AND u.disabled_at IS NULL"
                             " ORDER BY u.confirmed_at DESC, u.id DESC LIMIT ?",
                             rows);
        return readAccounts(r);
    }
    const std::string like = containsPattern(query);
    db::Row r = tx.query(KTK_ACCOUNT_SELECT
                         " WHERE u.role = 'contact' AND (u.municipality_id IS NULL OR m.office_id = ?)"
                         " AND (u.email LIKE ? OR u.last_name LIKE ? OR u.first_name LIKE ?"
                         " OR CONCAT(u.last_name, ' ', u.first_name) LIKE ?"
                         " OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?)"
                         " ORDER BY u.created_at DESC, u.id DESC LIMIT ?",
                         officeId, like, like, like, like, like, rows);
    return readAccounts(r);
}

std::vector<Account> listAccounts(db::Tx& tx, std::string_view query, std::size_t limit) {
    const unsigned rows = static_cast<unsigned>(limit);
    const std::string like = containsPattern(query);
    db::Row r = tx.query(KTK_ACCOUNT_SELECT
                         " WHERE u.email LIKE ? OR u.last_name LIKE ? OR u.first_name LIKE ?"
                         " OR CONCAT(u.last_name, ' ', u.first_name) LIKE ?"
                         " OR CONCAT(u.first_name, ' ', u.last_name) LIKE ?"
                         " ORDER BY u.created_at DESC, u.id DESC LIMIT ?",
                         like, like, like, like, like, rows);
    return readAccounts(r);
}

#undef KTK_ACCOUNT_SELECT

}  // namespace ktk::repo
