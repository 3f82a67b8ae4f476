#include "applications/negotiation_store.h"

#include <cstdio>

#include "repo/accounts.h"
#include "util/clock.h"

namespace ktk::applications {

namespace {

std::optional<std::string> stateOrNull(const std::optional<State>& s) {
    if (!s) return std::nullopt;
    return std::string(stateCode(*s));
}

std::optional<State> stateFrom(db::Row& r, unsigned column) {
    if (r->isNull(column)) return std::nullopt;
    return parseState(std::string(r->getString(column)));
}

// The filter's bound values, in the order every inbox query uses them:
// state, municipality, year, query (number, name, tax number). The query
// is any text, so the ASCII columns are compared as utf8mb4 (MariaDB
// refuses to narrow the text to ASCII instead).
struct FilterArgs {
    std::optional<std::string> state;
    std::optional<std::uint64_t> municipality;
    std::optional<std::string> yearPrefix;  // "KTK-2026-%"
    std::optional<std::string> query, pattern;

    explicit FilterArgs(const InboxFilter& f) {
        state = stateOrNull(f.state);
        municipality = f.municipalityId;
        if (f.year) yearPrefix = "KTK-" + std::to_string(*f.year) + "-%";
        if (!f.query.empty()) {
            query = f.query;
            pattern = repo::containsPattern(f.query);
        }
    }
};

}  // namespace

void insertEvent(db::Tx& tx, std::uint64_t applicationId, const NewEvent& e, std::int64_t now) {
    tx.update(
        "INSERT INTO application_events (application_id, action, party, author_id, from_state, to_state, version,"
        " message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        applicationId, std::string(actionCode(e.action)), std::string(partyCode(e.party)), e.authorId,
        stateOrNull(e.from), stateOrNull(e.to), e.version, e.message, util::sqlTime(now));
}

std::vector<EventRow> listEvents(db::Tx& tx, std::uint64_t applicationId) {
    db::Row r = tx.query(
        "SELECT e.id, e.action, e.party, e.author_id, COALESCE(CONCAT(u.last_name, ' ', u.first_name), ''),"
        " e.from_state, e.to_state, e.version, e.message, e.created_at, COALESCE(u.last_name, ''), COALESCE(u.first_name, '')"
        " FROM application_events e LEFT JOIN users u ON u.id = e.author_id"
        " WHERE e.application_id = ? ORDER BY e.id",
        applicationId);
    std::vector<EventRow> rows;
    while (r->next()) {
        EventRow e;
        e.id = r->getUInt64(1);
        e.action = parseAction(std::string(r->getString(2))).value_or(Action::Message);
        e.party = parseParty(std::string(r->getString(3))).value_or(Party::Contact);
        if (!r->isNull(4)) e.authorId = r->getUInt64(4);
        e.authorName = r->getString(5);
        e.from = stateFrom(r, 6);
        e.to = stateFrom(r, 7);
        if (!r->isNull(8)) e.version = r->getUInt(8);
        e.message = r->getString(9);
        e.createdAt = r->getString(10);
        e.authorLastName = r->getString(11);
        e.authorFirstName = r->getString(12);
        rows.push_back(std::move(e));
    }
    return rows;
}

std::vector<VersionRow> listVersions(db::Tx& tx, std::uint64_t applicationId) {
    db::Row r = tx.query(
        "SELECT v.version, v.party, v.author_id, COALESCE(CONCAT(u.last_name, ' ', u.first_name), ''), v.created_at,"
        " v.submitted_at IS NOT NULL, COALESCE(u.last_name, ''), COALESCE(u.first_name, '')"
        " FROM application_versions v LEFT JOIN users u ON u.id = v.author_id"
        " WHERE v.application_id = ? ORDER BY v.version",
        applicationId);
    std::vector<VersionRow> rows;
    while (r->next()) {
        VersionRow v;
        v.version = r->getUInt(1);
        v.party = parseParty(std::string(r->getString(2))).value_or(Party::Contact);
        if (!r->isNull(3)) v.authorId = r->getUInt64(3);
        v.authorName = r->getString(4);
        v.createdAt = r->getString(5);
        v.submitted = r->getBoolean(6);
        v.authorLastName = r->getString(7);
        v.authorFirstName = r->getString(8);
        rows.push_back(std::move(v));
    }
    return rows;
}

std::vector<InboxRow> listInbox(db::Tx& tx, std::uint64_t officeId, const InboxFilter& filter) {
    const FilterArgs f(filter);
    // The page's ids are chosen first from the index alone
    // (applications_inbox, migration 0015), then only their rows are read.
    db::Row r = tx.query(
        "SELECT a.id, a.municipality_id, COALESCE(a.number, ''), a.state, a.version, a.title,"
        " COALESCE(a.programme_type, ''), COALESCE(DATE_FORMAT(a.start_date, '%Y-%m-%d'), ''),"
        " COALESCE(DATE_FORMAT(a.end_date, '%Y-%m-%d'), ''), a.headcount, a.requested_support,"
        " TIMESTAMPDIFF(SECOND, '1970-01-01', a.updated_at),"
        " COALESCE(p.name_hu, ''), COALESCE(p.name_en, ''), m.name, m.tax_number"
        " FROM (SELECT a.id FROM applications a JOIN municipalities m ON m.id = a.municipality_id"
        "  WHERE m.office_id = ? AND a.number IS NOT NULL"
        "  AND (? IS NULL OR a.state = ?) AND (? IS NULL OR a.municipality_id = ?) AND (? IS NULL OR a.number LIKE ?)"
        "  AND (? IS NULL OR CONVERT(a.number USING utf8mb4) = ? OR CONVERT(m.tax_number USING utf8mb4) LIKE ?"
        "  OR m.name LIKE ? OR CONVERT(a.number USING utf8mb4) LIKE ?)"
        "  ORDER BY a.state IN ('submitted', 'in_review', 'agreed') DESC, a.updated_at DESC, a.id DESC"
        "  LIMIT ? OFFSET ?) page"
        " JOIN applications a ON a.id = page.id JOIN municipalities m ON m.id = a.municipality_id"
        " LEFT JOIN programme_types p ON p.code = a.programme_type"
        " ORDER BY a.state IN ('submitted', 'in_review', 'agreed') DESC, a.updated_at DESC, a.id DESC",
        officeId, f.state, f.state, f.municipality, f.municipality, f.yearPrefix, f.yearPrefix, f.query, f.query,
        f.pattern, f.pattern, f.pattern, filter.limit, filter.offset);
    std::vector<InboxRow> rows;
    while (r->next()) {
        InboxRow row;
        row.summary = summaryFromRow(r);
        row.municipalityName = r->getString(15);
        row.taxNumber = r->getString(16);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<StateCount> countInbox(db::Tx& tx, std::uint64_t officeId, const InboxFilter& filter) {
    const FilterArgs f(filter);
    db::Row r = tx.query(
        "SELECT a.state, COUNT(*) FROM applications a JOIN municipalities m ON m.id = a.municipality_id"
        " WHERE m.office_id = ? AND a.number IS NOT NULL"
        " AND (? IS NULL OR a.municipality_id = ?) AND (? IS NULL OR a.number LIKE ?)"
        " AND (? IS NULL OR CONVERT(a.number USING utf8mb4) = ? OR CONVERT(m.tax_number USING utf8mb4) LIKE ?"
        " OR m.name LIKE ? OR CONVERT(a.number USING utf8mb4) LIKE ?)"
        " GROUP BY a.state",
        officeId, f.municipality, f.municipality, f.yearPrefix, f.yearPrefix, f.query, f.query, f.pattern,
        f.pattern, f.pattern);
    std::vector<StateCount> counts;
    while (r->next())
        if (std::optional<State> s = parseState(std::string(r->getString(1))))
            counts.push_back({*s, r->getUInt64(2)});
    return counts;
}

std::vector<MunicipalityChoice> inboxMunicipalities(db::Tx& tx, std::uint64_t officeId) {
    db::Row r = tx.query(
        "SELECT m.id, m.name FROM municipalities m WHERE m.office_id = ?"
        " AND EXISTS (SELECT 1 FROM applications a WHERE a.municipality_id = m.id AND a.number IS NOT NULL)"
        " ORDER BY m.name, m.id",
        officeId);
    std::vector<MunicipalityChoice> rows;
    while (r->next()) rows.push_back({r->getUInt64(1), r->getString(2)});
    return rows;
}

// An office without a code of its own: JH<county>-<its id, two digits at
// least> (the whole id: cut to two digits it would be another office's).
std::optional<Parties> partiesOf(db::Tx& tx, std::uint64_t applicationId) {
    db::Row r = tx.query(
        "SELECT m.id, m.name, m.tax_number, o.id, o.name,"
        " COALESCE(o.code, CONCAT('JH', o.county_code, '-', IF(o.id < 10, CONCAT('0', o.id), o.id)))"
        " FROM applications a JOIN municipalities m ON m.id = a.municipality_id"
        " JOIN district_offices o ON o.id = m.office_id WHERE a.id = ?",
        applicationId);
    if (!r->next()) return std::nullopt;
    Parties p;
    p.municipalityId = r->getUInt64(1);
    p.municipalityName = r->getString(2);
    p.taxNumber = r->getString(3);
    p.officeId = r->getUInt64(4);
    p.officeName = r->getString(5);
    p.officeCode = r->getString(6);
    return p;
}

Decision loadDecision(db::Tx& tx, std::uint64_t applicationId) {
    db::Row r = tx.query(
        "SELECT COALESCE(decided_at, ''), decided_version, COALESCE(contract_number, '') FROM applications"
        " WHERE id = ?",
        applicationId);
    Decision d;
    if (!r->next()) return d;
    d.decidedAt = r->getString(1);
    if (!r->isNull(2)) d.version = r->getUInt(2);
    d.contractNumber = r->getString(3);
    return d;
}

void recordDecision(db::Tx& tx, std::uint64_t applicationId, State state, std::uint32_t version,
                    const std::optional<std::string>& contractNumber, std::int64_t now) {
    const std::string at = util::sqlTime(now);
    tx.update(
        "UPDATE applications SET state = ?, decided_at = ?, decided_version = ?, contract_number = ?, updated_at = ?"
        " WHERE id = ?",
        std::string(stateCode(state)), at, version, contractNumber, at, applicationId);
}

std::string takeContractNumber(db::Tx& tx, std::uint64_t officeId, const std::string& officeCode, int year) {
    tx.update(
        "INSERT INTO contract_numbers (office_id, year, last) VALUES (?, ?, 1)"
        " ON DUPLICATE KEY UPDATE last = last + 1",
        officeId, year);
    db::Row r = tx.query("SELECT last FROM contract_numbers WHERE office_id = ? AND year = ?", officeId, year);
    r->next();
    char tail[32];
    std::snprintf(tail, sizeof tail, "/%04d/%06u", year, r->getUInt(1));
    return officeCode + tail;
}

std::vector<std::uint64_t> clerksToMail(db::Tx& tx, std::uint64_t officeId) {
    db::Row r = tx.query(
        "SELECT id FROM users WHERE office_id = ? AND role = 'clerk' AND disabled_at IS NULL AND application_mails"
        " ORDER BY id",
        officeId);
    std::vector<std::uint64_t> out;
    while (r->next()) out.push_back(r->getUInt64(1));
    return out;
}

bool applicationMailsOn(db::Tx& tx, std::uint64_t clerkId) {
    db::Row r = tx.query("SELECT application_mails FROM users WHERE id = ?", clerkId);
    return r->next() && r->getBoolean(1);
}

void setApplicationMails(db::Tx& tx, std::uint64_t clerkId, bool on) {
    tx.update("UPDATE users SET application_mails = ? WHERE id = ? AND role = 'clerk'", on, clerkId);
}

}  // namespace ktk::applications
