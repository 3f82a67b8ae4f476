#include "applications/rules_store.h"

#include <regex>

#include "util/clock.h"

namespace ktk::applications {

namespace {


ProgrammeRow programmeFrom(db::Row& r) {
    ProgrammeRow row;
    row.rules.code = r->getString(1);
    row.rules.nameHu = r->getString(2);
    row.rules.nameEn = r->getString(3);
    row.rules.minDailyHours = r->getInt(4);
    row.rules.maxDailyHours = r->getInt(5);
    row.rules.maxMonths = r->getInt(6);
    row.rules.maxWageSupportPct = r->getInt(7);
    row.rules.materialSharePct = r->getInt(8);
    row.rules.active = r->getBoolean(9);
    row.legalSource = r->getString(10);
    return row;
}

RatesRow ratesFrom(db::Row& r) {
    RatesRow row;
    row.rates.year = r->getInt(1);
    for (unsigned c = 0; c < kWageCategories; ++c)
        if (!r->isNull(2 + c)) row.rates.monthlyWage[c] = r->getInt64(2 + c);
    row.rates.contributionBasisPoints = r->getInt(6);
    row.legalSource = r->getString(7);
    row.unconfirmed = r->getString(8);
    row.updatedAt = r->getString(9);
    return row;
}

}  // namespace

std::vector<ProgrammeRow> listProgrammes(db::Tx& tx, bool activeOnly) {
    db::Row r = tx.query(
        "SELECT code, name_hu, name_en, min_daily_hours, max_daily_hours, max_months, max_wage_support_pct,"
        " material_share_pct, active, legal_source FROM programme_types WHERE active OR NOT ? ORDER BY code",
        activeOnly);
    std::vector<ProgrammeRow> rows;
    while (r->next()) rows.push_back(programmeFrom(r));
    return rows;
}

std::optional<ProgrammeRow> findProgramme(db::Tx& tx, const std::string& code) {
    db::Row r = tx.query(
        "SELECT code, name_hu, name_en, min_daily_hours, max_daily_hours, max_months, max_wage_support_pct,"
        " material_share_pct, active, legal_source FROM programme_types WHERE code = ?",
        code);
    if (!r->next()) return std::nullopt;
    return programmeFrom(r);
}

void saveProgramme(db::Tx& tx, const ProgrammeRow& row) {
    const ProgrammeRules& p = row.rules;
    tx.update(
        "INSERT INTO programme_types (code, name_hu, name_en, min_daily_hours, max_daily_hours, max_months,"
        " max_wage_support_pct, material_share_pct, active, legal_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE name_hu = VALUES(name_hu), name_en = VALUES(name_en),"
        " min_daily_hours = VALUES(min_daily_hours), max_daily_hours = VALUES(max_daily_hours),"
        " max_months = VALUES(max_months), max_wage_support_pct = VALUES(max_wage_support_pct),"
        " material_share_pct = VALUES(material_share_pct), active = VALUES(active),"
        " legal_source = VALUES(legal_source)",
        p.code, p.nameHu, p.nameEn, p.minDailyHours, p.maxDailyHours, p.maxMonths, p.maxWageSupportPct,
        p.materialSharePct, p.active, row.legalSource);
}

std::vector<RatesRow> listRates(db::Tx& tx) {
    db::Row r = tx.query(
        "SELECT year, wage_basic, wage_skilled, wage_leader, wage_leader_skilled, contribution_basis_points,"
        " legal_source, unconfirmed, updated_at FROM yearly_rates ORDER BY year");
    std::vector<RatesRow> rows;
    while (r->next()) rows.push_back(ratesFrom(r));
    return rows;
}

std::optional<RatesRow> findRates(db::Tx& tx, int year) {
    db::Row r = tx.query(
        "SELECT year, wage_basic, wage_skilled, wage_leader, wage_leader_skilled, contribution_basis_points,"
        " legal_source, unconfirmed, updated_at FROM yearly_rates WHERE year = ?",
        year);
    if (!r->next()) return std::nullopt;
    return ratesFrom(r);
}

void saveRates(db::Tx& tx, const RatesRow& row, std::int64_t now) {
    const auto& w = row.rates.monthlyWage;
    tx.update(
        "INSERT INTO yearly_rates (year, wage_basic, wage_skilled, wage_leader, wage_leader_skilled,"
        " contribution_basis_points, legal_source, unconfirmed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE wage_basic = VALUES(wage_basic), wage_skilled = VALUES(wage_skilled),"
        " wage_leader = VALUES(wage_leader), wage_leader_skilled = VALUES(wage_leader_skilled),"
        " contribution_basis_points = VALUES(contribution_basis_points), legal_source = VALUES(legal_source),"
        " unconfirmed = VALUES(unconfirmed), updated_at = VALUES(updated_at)",
        row.rates.year, w[0], w[1], w[2], w[3], row.rates.contributionBasisPoints, row.legalSource, row.unconfirmed,
        util::sqlTime(now));
}

util::Json toJson(const ProgrammeRow& row) {
    const ProgrammeRules& p = row.rules;
    return {{"code", p.code},
            {"name_hu", p.nameHu},
            {"name_en", p.nameEn},
            {"min_daily_hours", p.minDailyHours},
            {"max_daily_hours", p.maxDailyHours},
            {"max_months", p.maxMonths},
            {"max_wage_support_pct", p.maxWageSupportPct},
            {"material_share_pct", p.materialSharePct},
            {"active", p.active},
            {"legal_source", row.legalSource}};
}

util::Json toJson(const RatesRow& row) {
    util::Json j = {{"year", row.rates.year}};
    const char* names[kWageCategories] = {"wage_basic", "wage_skilled", "wage_leader", "wage_leader_skilled"};
    for (std::size_t c = 0; c < kWageCategories; ++c)
        j[names[c]] = row.rates.monthlyWage[c] ? util::Json(*row.rates.monthlyWage[c]) : util::Json(nullptr);
    j["contribution_basis_points"] = row.rates.contributionBasisPoints;
    j["legal_source"] = row.legalSource;
    j["unconfirmed"] = row.unconfirmed;
    return j;
}

std::string problemWith(const ProgrammeRow& row) {
    const ProgrammeRules& p = row.rules;
    if (!std::regex_match(p.code, std::regex("[a-z][a-z0-9_]{0,39}")))
        return "the code is 1-40 lowercase letters, digits and underscores, starting with a letter";
    if (p.nameHu.empty() || p.nameEn.empty() || p.nameHu.size() > 200 || p.nameEn.size() > 200)
        return "both names are needed, each at most 200 characters";
    if (p.minDailyHours < 1 || p.minDailyHours > 8 || p.maxDailyHours < p.minDailyHours || p.maxDailyHours > 8)
        return "daily hours: 1 <= min <= max <= 8";
    if (p.maxMonths < 1 || p.maxMonths > 36) return "the longest period is 1-36 months";
    if (p.maxWageSupportPct < 0 || p.maxWageSupportPct > 100 || p.materialSharePct < 0 || p.materialSharePct > 100)
        return "percentages are 0-100";
    if (row.legalSource.empty() || row.legalSource.size() > 1000) return "the legal source is needed (at most 1000 bytes)";
    return "";
}

std::string problemWith(const RatesRow& row) {
    if (row.rates.year < 2000 || row.rates.year > 2099) return "the year is 2000-2099";
    for (const auto& w : row.rates.monthlyWage)
        if (w && (*w < 1 || *w > 10000000)) return "a monthly wage is 1-10 000 000 forints";
    if (!row.rates.monthlyWage[0] || !row.rates.monthlyWage[1])
        return "the public-employment wage and the guaranteed public-employment wage are needed";
    if (row.rates.contributionBasisPoints < 0 || row.rates.contributionBasisPoints > 10000)
        return "the contribution tax is 0-100 %";
    if (row.legalSource.empty() || row.legalSource.size() > 1000) return "the legal source is needed (at most 1000 bytes)";
    if (row.unconfirmed.size() > 1000) return "the note of what is unconfirmed is at most 1000 bytes";
    return "";
}

}  // namespace ktk::applications
