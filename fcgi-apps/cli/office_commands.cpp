#include "cli/office_commands.h"

#include <iostream>

#include "cli/common.h"
#include "domain/org_name.h"
#include "domain/tax_number.h"
#include "repo/audit.h"
#include "repo/directory.h"
#include "util/json.h"

namespace ktk::cli {

namespace {

int usage() {
    std::cerr << "usage: ktk-admin office add NAME --county COUNTY\n"
                 "       ktk-admin office set-code ID CODE\n"
                 "       ktk-admin office list\n";
    return kUsage;
}

int add(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--county"});
    if (!o) return kUsage;
    if (o->words.size() != 1 || !o->has("--county")) return usage();
    domain::CheckedName name = domain::checkOrgName(o->words[0]);
    if (name.check != domain::NameCheck::Ok)
        return fail(kInvalid, "office name: " + message(config, domain::orgNameMessageKey(name.check)));
    std::optional<domain::County> county = domain::findCounty(o->get("--county"));
    if (!county) {
        std::string known;
        for (const auto& c : domain::counties()) known += std::string(known.empty() ? "" : ", ") + c.name;
        return fail(kInvalid, "unknown county '" + o->get("--county") + "'; give its Hungarian name or code: " + known);
    }

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    repo::Inserted added = db.transact([&](db::Tx& tx) {
        repo::Inserted r = repo::addOffice(tx, name.value, county->code);
        if (r.outcome == db::Insert::Added) {
            repo::AuditEntry e;
            e.actor = operatorActor().who;
            e.action = "office.create";
            e.after = util::jsonText(
                {{"office_id", r.id}, {"name", name.value}, {"county_code", county->code}, {"county", county->name}});
            repo::recordAudit(tx, e);
        }
        return r;
    });
    if (added.outcome == db::Insert::Duplicate)
        return fail(kRefused,
                    "an office named '" + name.value + "' already exists (id " + std::to_string(added.id) + ")");
    std::cout << added.id << "\n";
    return 0;
}

// The code the office's contract numbers carry from now on ("JH13-02" in
// "JH13-02/2026/000001"); numbers already given keep theirs.
int setCode(const config::Config& config, const Args& args) {
    if (args.size() != 2) return usage();
    const std::optional<std::uint64_t> id = parseId(args[0]);
    if (!id) return fail(kInvalid, "office id: '" + args[0] + "' is not a number");
    const std::string& code = args[1];
    if (!repo::validOfficeCode(code))
        return fail(kInvalid, "office code: 1 to 16 capital letters A-Z, digits and '-', not starting with '-'");
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    enum class Done { Set, NoOffice, Taken };
    const Done done = db.transact([&](db::Tx& tx) {
        std::optional<repo::Office> office = repo::findOffice(tx, *id);
        if (!office) return Done::NoOffice;
        if (repo::setOfficeCode(tx, *id, code) == db::Insert::Duplicate) return Done::Taken;
        repo::AuditEntry e;
        e.actor = operatorActor().who;
        e.action = "office.code";
        e.before = util::jsonText({{"office_id", *id}, {"code", office->code}, {"own", office->ownCode}});
        e.after = util::jsonText({{"office_id", *id}, {"code", code}});
        repo::recordAudit(tx, e);
        return Done::Set;
    });
    if (done == Done::NoOffice) return fail(kRefused, "no office with id " + args[0]);
    if (done == Done::Taken) return fail(kRefused, "another office already has the code '" + code + "'");
    return 0;
}

int list(const config::Config& config, const Args& args) {
    if (!args.empty()) return usage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto offices = db.transact([&](db::Tx& tx) { return repo::listOffices(tx); });
    std::cout << "id\tcounty_code\tcounty\tcode\tmunicipalities\tclerks\tname\n";
    for (const auto& o : offices) {
        std::optional<domain::County> county = domain::findCounty(o.countyCode);
        std::cout << o.id << "\t" << o.countyCode << "\t" << (county ? county->name : "") << "\t" << o.code << "\t"
                  << o.municipalities << "\t" << o.clerks << "\t" << o.name << "\n";
    }
    return 0;
}

}  // namespace

int officeCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add(config, rest);
    if (args[0] == "set-code") return setCode(config, rest);
    if (args[0] == "list") return list(config, rest);
    return usage();
}

}  // namespace ktk::cli
