#include "cli/municipality_commands.h"

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
    std::cerr << "usage: ktk-admin municipality add --office ID --name NAME --tax-number NNNNNNNN-V-CC\n"
                 "       ktk-admin municipality list [--office ID]\n";
    return kUsage;
}

int add(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office", "--name", "--tax-number"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--office") || !o->has("--name") || !o->has("--tax-number")) return usage();
    std::optional<std::uint64_t> officeId = parseId(o->get("--office"));
    if (!officeId) return fail(kInvalid, "--office takes an office id (see ktk-admin office list)");
    domain::CheckedName name = domain::checkOrgName(o->get("--name"));
    if (name.check != domain::NameCheck::Ok)
        return fail(kInvalid, "municipality name: " + message(config, domain::orgNameMessageKey(name.check)));
    domain::TaxNumberResult tax = domain::parseTaxNumber(o->get("--tax-number"));
    if (!tax.ok()) return fail(kInvalid, "tax number: " + message(config, domain::messageKey(tax.error)));

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    struct Outcome {
        bool officeFound = false;
        repo::Inserted inserted;
        std::optional<repo::Municipality> existing;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        Outcome r;
        std::optional<repo::Office> office = repo::findOffice(tx, *officeId);
        if (!office) return r;
        r.officeFound = true;
        r.inserted = repo::addMunicipality(tx, name.value, tax.canonical, *officeId);
        if (r.inserted.outcome == db::Insert::Duplicate) {
            r.existing = repo::findMunicipality(tx, tax.canonical);
            return r;
        }
        repo::AuditEntry e;
        e.actor = operatorActor().who;
        e.action = "municipality.create";
        e.targetMunicipalityId = r.inserted.id;
        e.after = util::jsonText(
            {{"name", name.value}, {"tax_number", tax.canonical}, {"office_id", office->id}, {"office", office->name}});
        repo::recordAudit(tx, e);
        return r;
    });
    if (!out.officeFound) return fail(kRefused, "no office with id " + std::to_string(*officeId));
    if (out.existing)
        return fail(kRefused, "tax number " + tax.canonical + " is already registered: '" + out.existing->name +
                                  "' (id " + std::to_string(out.existing->id) + ", office '" +
                                  out.existing->officeName + "')");
    std::cout << out.inserted.id << "\n";
    return 0;
}

int list(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office"});
    if (!o) return kUsage;
    if (!o->words.empty()) return usage();
    std::optional<std::uint64_t> officeId;
    if (o->has("--office")) {
        officeId = parseId(o->get("--office"));
        if (!officeId) return fail(kInvalid, "--office takes an office id (see ktk-admin office list)");
    }
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto rows = db.transact([&](db::Tx& tx) { return repo::listMunicipalities(tx, officeId); });
    std::cout << "id\ttax_number\toffice_id\tcontacts\tname\n";
    for (const auto& m : rows)
        std::cout << m.id << "\t" << m.taxNumber << "\t" << m.officeId << "\t" << m.contacts << "\t" << m.name << "\n";
    return 0;
}

}  // namespace

int municipalityCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add(config, rest);
    if (args[0] == "list") return list(config, rest);
    return usage();
}

}  // namespace ktk::cli
