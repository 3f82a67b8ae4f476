#include "repo/directory.h"

#include "util/clock.h"

namespace ktk::repo {

namespace {

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
    o.code = r->getString(5);
    o.ownCode = r->getBoolean(6);
    o.municipalities = r->getUInt(7);
    o.clerks = r->getUInt(8);
    return o;
}

}  // namespace

std::optional<Office> findOffice(db::Tx& tx, std::uint64_t id) {
    db::Row r = tx.query(
        "SELECT o.id, o.name, o.county_code, o.created_at,"
        " COALESCE(o.code, CONCAT('JH', o.county_code, '-', IF(o.id < 10, CONCAT('0', o.id), o.id))), o.code IS NOT NULL,"
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
        " COALESCE(o.code, CONCAT('JH', o.county_code, '-', IF(o.id < 10, CONCAT('0', o.id), o.id))), o.code IS NOT NULL,"
        " (SELECT COUNT(*) FROM municipalities m WHERE m.office_id = o.id),"
        " (SELECT COUNT(*) FROM users u WHERE u.office_id = o.id AND u.role = 'clerk' AND u.disabled_at IS NULL)"
        " FROM district_offices o ORDER BY o.id");
    std::vector<Office> out;
    while (r->next()) out.push_back(readOffice(r));
    return out;
}

bool validOfficeCode(const std::string& code) {
    if (code.empty() || code.size() > 16 || code[0] == '-') return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

db::Insert setOfficeCode(db::Tx& tx, std::uint64_t officeId, const std::string& code) {
    db::Row r = tx.query("SELECT id FROM district_offices WHERE code = ? AND id <> ?", code, officeId);
    if (r->next()) return db::Insert::Duplicate;
    tx.update("UPDATE district_offices SET code = ? WHERE id = ?", code, officeId);
    return db::Insert::Added;
}

Inserted addOffice(db::Tx& tx, const std::string& name, const std::string& countyCode) {
    if (tx.insert("INSERT INTO district_offices (name, county_code, created_at) VALUES (?, ?, ?)", name, countyCode,
                  util::sqlTime(util::now())) == db::Insert::Added)
        return {db::Insert::Added, tx.lastInsertId()};
    db::Row r = tx.query("SELECT id FROM district_offices WHERE name = ?", name);
    return {db::Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
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

void moveMunicipality(db::Tx& tx, std::uint64_t municipalityId, std::uint64_t officeId) {
    tx.update("UPDATE municipalities SET office_id = ? WHERE id = ?", officeId, municipalityId);
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
    if (tx.insert("INSERT INTO municipalities (name, tax_number, office_id, created_at) VALUES (?, ?, ?, ?)", name,
                  taxNumber, officeId, util::sqlTime(util::now())) == db::Insert::Added)
        return {db::Insert::Added, tx.lastInsertId()};
    db::Row r = tx.query("SELECT id FROM municipalities WHERE tax_number = ?", taxNumber);
    return {db::Insert::Duplicate, r->next() ? r->getUInt64(1) : 0};
}

}  // namespace ktk::repo
