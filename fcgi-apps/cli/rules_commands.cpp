#include "cli/rules_commands.h"

#include <iostream>

#include "applications/rules_store.h"
#include "cli/common.h"
#include "repo/audit.h"
#include "util/clock.h"

namespace ktk::cli {

namespace {

int programmeUsage() {
    std::cerr << "usage: ktk-admin programme list\n"
                 "       ktk-admin programme set CODE [--name-hu T] [--name-en T] [--min-hours N] [--max-hours N]\n"
                 "                 [--max-months N] [--max-wage-support-pct N] [--material-share-pct N]\n"
                 "                 [--active yes|no] [--source TEXT]\n";
    return kUsage;
}

int ratesUsage() {
    std::cerr << "usage: ktk-admin rates list\n"
                 "       ktk-admin rates set --year Y [--wage-basic N] [--wage-skilled N] [--wage-leader N|-]\n"
                 "                 [--wage-leader-skilled N|-] [--contribution-pct P] [--source TEXT]\n"
                 "                 [--unconfirmed TEXT]\n";
    return kUsage;
}

// A whole number 0–100 000 000 from an option, or nullopt.
std::optional<int> smallNumber(const std::string& text) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoi(text);
}

// "13", "13.5" or "13.00" as hundredths of a per cent.
std::optional<int> basisPoints(const std::string& text) {
    const std::size_t dot = text.find('.');
    std::optional<int> whole = smallNumber(text.substr(0, dot));
    if (!whole || *whole > 100) return std::nullopt;
    int hundredths = 0;
    if (dot != std::string::npos) {
        const std::string fraction = text.substr(dot + 1);
        std::optional<int> f = smallNumber(fraction);
        if (!f || fraction.size() > 2) return std::nullopt;
        hundredths = fraction.size() == 1 ? *f * 10 : *f;
    }
    return *whole * 100 + hundredths;
}

void audit(db::Tx& tx, const char* action, const std::optional<std::string>& before, const std::string& after) {
    repo::AuditEntry e;
    e.actor = operatorActor().who;
    e.action = action;
    e.before = before;
    e.after = after;
    repo::recordAudit(tx, e);
}

int listProgrammes(const config::Config& config) {
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto rows = db.transact([](db::Tx& tx) { return applications::listProgrammes(tx, false); });
    std::cout << "code\thours\tmax_months\tmax_wage_support_pct\tmaterial_share_pct\tactive\tname_hu\tname_en\n";
    for (const auto& row : rows) {
        const applications::ProgrammeRules& p = row.rules;
        std::cout << p.code << "\t" << p.minDailyHours << "-" << p.maxDailyHours << "\t" << p.maxMonths << "\t"
                  << p.maxWageSupportPct << "\t" << p.materialSharePct << "\t" << (p.active ? "yes" : "no") << "\t"
                  << p.nameHu << "\t" << p.nameEn << "\n";
    }
    return 0;
}

int setProgramme(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--name-hu", "--name-en", "--min-hours", "--max-hours", "--max-months",
                                 "--max-wage-support-pct", "--material-share-pct", "--active", "--source"});
    if (!o) return kUsage;
    if (o->words.size() != 1) return programmeUsage();
    const std::string code = o->words[0];
    struct NumberOption {
        const char* name;
        int applications::ProgrammeRules::*field;
    };
    const NumberOption numbers[] = {{"--min-hours", &applications::ProgrammeRules::minDailyHours},
                                    {"--max-hours", &applications::ProgrammeRules::maxDailyHours},
                                    {"--max-months", &applications::ProgrammeRules::maxMonths},
                                    {"--max-wage-support-pct", &applications::ProgrammeRules::maxWageSupportPct},
                                    {"--material-share-pct", &applications::ProgrammeRules::materialSharePct}};
    for (const NumberOption& n : numbers)
        if (o->has(n.name) && !smallNumber(o->get(n.name))) return fail(kInvalid, std::string(n.name) + " takes a whole number");
    if (o->has("--active") && o->get("--active") != "yes" && o->get("--active") != "no")
        return fail(kInvalid, "--active takes yes or no");

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    struct Outcome {
        std::string problem;
        bool missing = false;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        std::optional<applications::ProgrammeRow> before = applications::findProgramme(tx, code);
        if (!before) {
            for (const char* needed : {"--name-hu", "--name-en", "--min-hours", "--max-hours", "--max-months",
                                       "--max-wage-support-pct", "--material-share-pct", "--source"})
                if (!o->has(needed)) return Outcome{std::string("a new programme type needs ") + needed, true};
        }
        applications::ProgrammeRow row = before ? *before : applications::ProgrammeRow{};
        row.rules.code = code;
        if (o->has("--name-hu")) row.rules.nameHu = o->get("--name-hu");
        if (o->has("--name-en")) row.rules.nameEn = o->get("--name-en");
        for (const NumberOption& n : numbers)
            if (o->has(n.name)) row.rules.*n.field = *smallNumber(o->get(n.name));
        if (o->has("--active")) row.rules.active = o->get("--active") == "yes";
        if (o->has("--source")) row.legalSource = o->get("--source");
        if (std::string problem = applications::problemWith(row); !problem.empty()) return Outcome{problem};
        applications::saveProgramme(tx, row);
        audit(tx, "programme.set", before ? std::optional<std::string>(util::jsonText(applications::toJson(*before)))
                                          : std::nullopt,
              util::jsonText(applications::toJson(row)));
        return Outcome{};
    });
    if (out.missing) return fail(kUsage, out.problem);
    if (!out.problem.empty()) return fail(kInvalid, out.problem);
    std::cout << "programme type " << code << " saved\n";
    return 0;
}

std::string wageText(const std::optional<std::int64_t>& w) { return w ? std::to_string(*w) : "-"; }

int listRates(const config::Config& config) {
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto rows = db.transact([](db::Tx& tx) { return applications::listRates(tx); });
    std::cout << "year\twage_basic\twage_skilled\twage_leader\twage_leader_skilled\tcontribution_pct\tunconfirmed\n";
    for (const auto& row : rows) {
        const auto& w = row.rates.monthlyWage;
        const int bp = row.rates.contributionBasisPoints;
        std::cout << row.rates.year << "\t" << wageText(w[0]) << "\t" << wageText(w[1]) << "\t" << wageText(w[2]) << "\t"
                  << wageText(w[3]) << "\t" << bp / 100 << "." << (bp % 100 < 10 ? "0" : "") << bp % 100 << "\t"
                  << row.unconfirmed << "\n";
    }
    return 0;
}

int setRates(const config::Config& config, const Args& args) {
    const char* wageOptions[applications::kWageCategories] = {"--wage-basic", "--wage-skilled", "--wage-leader",
                                                              "--wage-leader-skilled"};
    auto o = parseOptions(args, {"--year", "--wage-basic", "--wage-skilled", "--wage-leader", "--wage-leader-skilled",
                                 "--contribution-pct", "--source", "--unconfirmed"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--year")) return ratesUsage();
    std::optional<int> year = smallNumber(o->get("--year"));
    if (!year) return fail(kInvalid, "--year takes a year");
    for (const char* w : wageOptions)
        if (o->has(w) && o->get(w) != "-" && !smallNumber(o->get(w)))
            return fail(kInvalid, std::string(w) + " takes forints a month (a whole number) or -");
    if (o->has("--contribution-pct") && !basisPoints(o->get("--contribution-pct")))
        return fail(kInvalid, "--contribution-pct takes a percentage with at most two decimals, e.g. 13");

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    struct Outcome {
        std::string problem;
        bool missing = false;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        std::optional<applications::RatesRow> before = applications::findRates(tx, *year);
        if (!before)
            for (const char* needed : {"--wage-basic", "--wage-skilled", "--contribution-pct", "--source"})
                if (!o->has(needed)) return Outcome{std::string("a new year needs ") + needed, true};
        applications::RatesRow row = before ? *before : applications::RatesRow{};
        row.rates.year = *year;
        for (std::size_t c = 0; c < applications::kWageCategories; ++c)
            if (o->has(wageOptions[c])) {
                const std::string v = o->get(wageOptions[c]);
                if (v == "-") row.rates.monthlyWage[c].reset();
                else row.rates.monthlyWage[c] = *smallNumber(v);
            }
        if (o->has("--contribution-pct")) row.rates.contributionBasisPoints = *basisPoints(o->get("--contribution-pct"));
        if (o->has("--source")) row.legalSource = o->get("--source");
        if (o->has("--unconfirmed")) row.unconfirmed = o->get("--unconfirmed");
        if (std::string problem = applications::problemWith(row); !problem.empty()) return Outcome{problem};
        applications::saveRates(tx, row, util::now());
        audit(tx, "rates.set", before ? std::optional<std::string>(util::jsonText(applications::toJson(*before)))
                                      : std::nullopt,
              util::jsonText(applications::toJson(row)));
        return Outcome{};
    });
    if (out.missing) return fail(kUsage, out.problem);
    if (!out.problem.empty()) return fail(kInvalid, out.problem);
    std::cout << "rates of " << *year << " saved\n";
    return 0;
}

}  // namespace

int programmeCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return programmeUsage();
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "list" && rest.empty()) return listProgrammes(config);
    if (args[0] == "set") return setProgramme(config, rest);
    return programmeUsage();
}

int ratesCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return ratesUsage();
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "list" && rest.empty()) return listRates(config);
    if (args[0] == "set") return setRates(config, rest);
    return ratesUsage();
}

}  // namespace ktk::cli
