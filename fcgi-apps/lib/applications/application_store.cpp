#include "applications/application_store.h"

#include <cstdio>

#include "util/clock.h"

namespace ktk::applications {

namespace {

template <class T>
util::Json optionalJson(const std::optional<T>& v) {
    return v ? util::Json(*v) : util::Json(nullptr);
}

template <class T>
std::optional<T> optionalFrom(const util::Json& j) {
    if (j.is_null()) return std::nullopt;
    return j.get<T>();
}

std::optional<std::string> dateOrNull(const std::optional<domain::CalendarDate>& d) {
    if (!d) return std::nullopt;
    return domain::isoDate(*d);
}

std::uint64_t headcountOf(const ApplicationFields& f) {
    std::uint64_t n = 0;
    for (const auto& h : f.headcount) n += static_cast<std::uint64_t>(h.value_or(0));
    return n;
}

std::optional<std::string> programmeOrNull(const ApplicationFields& f) {
    if (f.programmeType.empty()) return std::nullopt;
    return f.programmeType;
}

std::optional<std::int64_t> requested(const std::optional<Budget>& b) {
    if (!b) return std::nullopt;
    return b->totalSupport;
}

std::optional<std::string> budgetText(const std::optional<Budget>& b) {
    if (!b) return std::nullopt;
    return util::jsonText(toJson(*b));
}

void insertVersion(db::Tx& tx, std::uint64_t id, std::uint32_t version, const ApplicationFields& fields,
                   const std::optional<Budget>& budget, std::uint64_t authorId, std::int64_t now,
                   bool submitted = false, Party party = Party::Contact) {
    const std::string at = util::sqlTime(now);
    tx.update(
        "INSERT INTO application_versions (application_id, version, fields, budget, party, author_id, created_at,"
        " submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        id, version, util::jsonText(toJson(fields)), budgetText(budget), std::string(partyCode(party)), authorId, at,
        submitted ? std::optional<std::string>(at) : std::nullopt);
}

// Points the application at version expected + 1 and updates what the
// list shows; false when the current version is no longer `expected`.
bool moveOn(db::Tx& tx, std::uint64_t id, std::uint32_t expected, const ApplicationFields& fields,
            const std::optional<Budget>& budget, std::int64_t now) {
    return tx.update(
               "UPDATE applications SET version = version + 1, title = ?, programme_type = ?, start_date = ?,"
               " end_date = ?, headcount = ?, requested_support = ?, updated_at = ? WHERE id = ? AND version = ?",
               fields.title, programmeOrNull(fields), dateOrNull(fields.start), dateOrNull(fields.end),
               headcountOf(fields), requested(budget), util::sqlTime(now), id, expected) == 1;
}

std::vector<std::uint64_t> ids(db::Row& r) {
    std::vector<std::uint64_t> out;
    while (r->next()) out.push_back(r->getUInt64(1));
    return out;
}

}  // namespace

// Columns 1–12 as listApplications selects them, then the programme's
// names (13, 14; a single application's load selects '' for them).
ApplicationSummary summaryFromRow(db::Row& r) {
    ApplicationSummary s;
    s.id = r->getUInt64(1);
    s.municipalityId = r->getUInt64(2);
    s.number = r->getString(3);
    s.state = parseState(std::string(r->getString(4))).value_or(State::Draft);
    s.version = r->getUInt(5);
    s.title = r->getString(6);
    s.programmeType = r->getString(7);
    s.startDate = r->getString(8);
    s.endDate = r->getString(9);
    s.headcount = r->getUInt64(10);
    if (!r->isNull(11)) s.requestedSupport = r->getInt64(11);
    s.updatedAt = r->getInt64(12);
    s.programmeNameHu = r->getString(13);
    s.programmeNameEn = r->getString(14);
    return s;
}

std::vector<ApplicationSummary> listApplications(db::Tx& tx, std::uint64_t municipalityId, unsigned limit,
                                                 unsigned offset) {
    // The computed columns are named (the home page runs this too; see
    // repo::loadSession).
    db::Row r = tx.query(
        "SELECT a.id, a.municipality_id, COALESCE(a.number, '') AS number, a.state, a.version, a.title,"
        " COALESCE(a.programme_type, '') AS programme_type,"
        " COALESCE(DATE_FORMAT(a.start_date, '%Y-%m-%d'), '') AS start_date,"
        " COALESCE(DATE_FORMAT(a.end_date, '%Y-%m-%d'), '') AS end_date, a.headcount, a.requested_support,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', a.updated_at) AS updated, COALESCE(p.name_hu, '') AS name_hu,"
        " COALESCE(p.name_en, '') AS name_en"
        " FROM applications a LEFT JOIN programme_types p ON p.code = a.programme_type"
        " WHERE a.municipality_id = ? ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?",
        municipalityId, limit, offset);
    std::vector<ApplicationSummary> list;
    while (r->next()) list.push_back(summaryFromRow(r));
    return list;
}

std::optional<StoredVersion> loadVersion(db::Tx& tx, std::uint64_t id, std::uint32_t version) {
    db::Row r = tx.query(
        "SELECT version, fields, budget, author_id, created_at, submitted_at IS NOT NULL, party"
        " FROM application_versions WHERE application_id = ? AND version = ?",
        id, version);
    if (!r->next()) return std::nullopt;
    StoredVersion v;
    v.version = r->getUInt(1);
    v.fields = fieldsFromJson(r->getString(2));
    if (!r->isNull(3)) v.budget = budgetFromJson(r->getString(3));
    if (!r->isNull(4)) v.authorId = r->getUInt64(4);
    v.createdAt = r->getString(5);
    v.submitted = r->getBoolean(6);
    v.party = parseParty(std::string(r->getString(7))).value_or(Party::Contact);
    return v;
}

std::optional<StoredApplication> loadApplication(db::Tx& tx, std::uint64_t id, RowLock lock) {
    db::Row r = lock == RowLock::ForUpdate
                    ? tx.query("SELECT id, municipality_id, COALESCE(number, ''), state, version, title,"
                               " COALESCE(programme_type, ''), COALESCE(DATE_FORMAT(start_date, '%Y-%m-%d'), ''),"
                               " COALESCE(DATE_FORMAT(end_date, '%Y-%m-%d'), ''), headcount, requested_support,"
                               " TIMESTAMPDIFF(SECOND, '1970-01-01', updated_at), '', '' FROM applications WHERE id = ? FOR UPDATE",
                               id)
                    : tx.query("SELECT id, municipality_id, COALESCE(number, ''), state, version, title,"
                               " COALESCE(programme_type, ''), COALESCE(DATE_FORMAT(start_date, '%Y-%m-%d'), ''),"
                               " COALESCE(DATE_FORMAT(end_date, '%Y-%m-%d'), ''), headcount, requested_support,"
                               " TIMESTAMPDIFF(SECOND, '1970-01-01', updated_at), '', '' FROM applications WHERE id = ?",
                               id);
    if (!r->next()) return std::nullopt;
    StoredApplication a;
    a.summary = summaryFromRow(r);
    std::optional<StoredVersion> v = loadVersion(tx, id, a.summary.version);
    if (!v) return std::nullopt;
    a.current = std::move(*v);
    return a;
}

std::uint64_t insertApplication(db::Tx& tx, std::uint64_t municipalityId, const ApplicationFields& fields,
                                const std::optional<Budget>& budget, std::uint64_t authorId, std::int64_t now) {
    const std::string at = util::sqlTime(now);
    tx.update(
        "INSERT INTO applications (municipality_id, state, version, title, programme_type, start_date, end_date,"
        " headcount, requested_support, created_at, updated_at) VALUES (?, 'draft', 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        municipalityId, fields.title, programmeOrNull(fields), dateOrNull(fields.start), dateOrNull(fields.end),
        headcountOf(fields), requested(budget), at, at);
    const std::uint64_t id = tx.lastInsertId();
    insertVersion(tx, id, 1, fields, budget, authorId, now);
    return id;
}

bool insertNextVersion(db::Tx& tx, std::uint64_t id, std::uint32_t expected, const ApplicationFields& fields,
                       const std::optional<Budget>& budget, std::uint64_t authorId, std::int64_t now) {
    if (!moveOn(tx, id, expected, fields, budget, now)) return false;
    insertVersion(tx, id, expected + 1, fields, budget, authorId, now);
    return true;
}

bool insertSubmittedVersion(db::Tx& tx, std::uint64_t id, std::uint32_t expected, const ApplicationFields& fields,
                            const Budget& budget, std::uint64_t authorId, std::int64_t now, Party party) {
    if (!moveOn(tx, id, expected, fields, budget, now)) return false;
    insertVersion(tx, id, expected + 1, fields, budget, authorId, now, true, party);
    return true;
}

std::string takeApplicationNumber(db::Tx& tx, int year) {
    tx.update(
        "INSERT INTO application_numbers (year, last) VALUES (?, 1)"
        " ON DUPLICATE KEY UPDATE last = last + 1",
        year);
    db::Row r = tx.query("SELECT last FROM application_numbers WHERE year = ?", year);
    r->next();
    char number[32];
    std::snprintf(number, sizeof number, "KTK-%04d-%06u", year, r->getUInt(1));
    return number;
}

void setState(db::Tx& tx, std::uint64_t id, State state, const std::optional<std::string>& number, std::int64_t now) {
    tx.update("UPDATE applications SET state = ?, number = COALESCE(number, ?), updated_at = ? WHERE id = ?",
              std::string(stateCode(state)), number, util::sqlTime(now), id);
}

std::vector<std::uint64_t> contactsOf(db::Tx& tx, std::uint64_t municipalityId) {
    db::Row r = tx.query(
        "SELECT id FROM users WHERE municipality_id = ? AND role = 'contact' AND confirmed_at IS NOT NULL"
        " AND disabled_at IS NULL ORDER BY id",
        municipalityId);
    return ids(r);
}

std::vector<std::uint64_t> officeClerksOf(db::Tx& tx, std::uint64_t municipalityId) {
    db::Row r = tx.query(
        "SELECT u.id FROM users u JOIN municipalities m ON m.office_id = u.office_id"
        " WHERE m.id = ? AND u.role = 'clerk' AND u.disabled_at IS NULL ORDER BY u.id",
        municipalityId);
    return ids(r);
}

util::Json toJson(const ApplicationFields& f) {
    util::Json headcount = util::Json::array();
    for (const auto& h : f.headcount) headcount.push_back(optionalJson(h));
    util::Json items = util::Json::array();
    for (const MaterialItem& item : f.materialItems) items.push_back({{"name", item.name}, {"amount", item.amount}});
    return {{"title", f.title},
            {"programme_type", f.programmeType},
            {"public_task", f.publicTask},
            {"work_locations", f.workLocations},
            {"start_date", optionalJson(dateOrNull(f.start))},
            {"end_date", optionalJson(dateOrNull(f.end))},
            {"daily_hours", optionalJson(f.dailyHours)},
            {"headcount", headcount},
            {"material_items", items},
            {"wage_support_pct", optionalJson(f.wageSupportPct)},
            {"material_support", optionalJson(f.materialSupport)}};
}

ApplicationFields fieldsFromJson(const std::string& text) {
    const util::Json j = util::Json::parse(text);
    ApplicationFields f;
    f.title = j.at("title").get<std::string>();
    f.programmeType = j.at("programme_type").get<std::string>();
    f.publicTask = j.at("public_task").get<std::string>();
    f.workLocations = j.at("work_locations").get<std::string>();
    if (auto s = optionalFrom<std::string>(j.at("start_date"))) f.start = domain::parseIsoDate(*s);
    if (auto e = optionalFrom<std::string>(j.at("end_date"))) f.end = domain::parseIsoDate(*e);
    f.dailyHours = optionalFrom<int>(j.at("daily_hours"));
    for (std::size_t c = 0; c < kWageCategories; ++c) f.headcount[c] = optionalFrom<std::int64_t>(j.at("headcount").at(c));
    for (const util::Json& item : j.at("material_items"))
        f.materialItems.push_back({item.at("name").get<std::string>(), item.at("amount").get<std::int64_t>()});
    f.wageSupportPct = optionalFrom<int>(j.at("wage_support_pct"));
    f.materialSupport = optionalFrom<std::int64_t>(j.at("material_support"));
    return f;
}

util::Json toJson(const Budget& b) {
    return {{"wage", b.wage},
            {"wage_total", b.wageTotal},
            {"contribution", b.contribution},
            {"wage_support", b.wageSupport},
            {"material_costs", b.materialCosts},
            {"material_support_cap", b.materialSupportCap},
            {"material_support", b.materialSupport},
            {"total_support", b.totalSupport},
            {"own_share", b.ownShare}};
}

std::optional<Budget> budgetFromJson(const std::string& text) {
    const util::Json j = util::Json::parse(text);
    Budget b;
    for (std::size_t c = 0; c < kWageCategories; ++c) b.wage[c] = j.at("wage").at(c).get<std::int64_t>();
    b.wageTotal = j.at("wage_total").get<std::int64_t>();
    b.contribution = j.at("contribution").get<std::int64_t>();
    b.wageSupport = j.at("wage_support").get<std::int64_t>();
    b.materialCosts = j.at("material_costs").get<std::int64_t>();
    b.materialSupportCap = j.at("material_support_cap").get<std::int64_t>();
    b.materialSupport = j.at("material_support").get<std::int64_t>();
    b.totalSupport = j.at("total_support").get<std::int64_t>();
    b.ownShare = j.at("own_share").get<std::int64_t>();
    return b;
}

}  // namespace ktk::applications
