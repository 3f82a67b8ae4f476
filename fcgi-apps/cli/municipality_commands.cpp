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
                 "       ktk-admin municipality list [--office ID]\n"
                 "       ktk-admin municipality move --tax-number NNNNNNNN-V-CC --office ID\n";
    return kUsage;
}

std::string countyName(std::string_view code) {
    std::optional<domain::County> c = domain::findCounty(code);
    return c ? c->name : std::string(code);
}

std::string wrongCounty(const std::string& taxNumber, const std::string& officeCounty) {
    std::optional<domain::County> county = domain::countyOfTaxNumber(taxNumber);
    return "tax number " + taxNumber + " is of " + (county ? county->name : std::string("no county")) +
           "; the office takes municipalities of " + countyName(officeCounty) + " only";
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
        std::string officeCounty;  // set when the tax number is of another county
        repo::Inserted inserted;
        std::optional<repo::Municipality> existing;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        Outcome r;
        std::optional<repo::Office> office = repo::findOffice(tx, *officeId);
        if (!office) return r;
        r.officeFound = true;
        if (!domain::taxNumberInCounty(tax.canonical, office->countyCode)) {
            r.officeCounty = office->countyCode;
            return r;
        }
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
    if (!out.officeCounty.empty()) return fail(kRefused, wrongCounty(tax.canonical, out.officeCounty));
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

// Moves a municipality, with its linked contacts, to another office of its
// county: the operator's correction of a municipality added to the wrong
// office. Audited twice, so that each office keeps its side of the move:
// "municipality.move_out" as the old office's, "municipality.move_in" as
// the new one's.
int move(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office", "--tax-number"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--office") || !o->has("--tax-number")) return usage();
    std::optional<std::uint64_t> officeId = parseId(o->get("--office"));
    if (!officeId) return fail(kInvalid, "--office takes an office id (see ktk-admin office list)");
    domain::TaxNumberResult tax = domain::parseTaxNumber(o->get("--tax-number"));
    if (!tax.ok()) return fail(kInvalid, "--tax-number takes a tax number NNNNNNNN-V-CC");

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    enum class Refusal { None, NoMunicipality, NoOffice, SameOffice, WrongCounty };
    struct Outcome {
        Refusal refusal = Refusal::None;
        std::optional<repo::Municipality> municipality;
        std::optional<repo::Office> office;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        Outcome r;
        r.municipality = repo::findMunicipality(tx, tax.canonical);
        r.office = repo::findOffice(tx, *officeId);
        if (!r.municipality) r.refusal = Refusal::NoMunicipality;
        else if (!r.office) r.refusal = Refusal::NoOffice;
        else if (r.municipality->officeId == r.office->id) r.refusal = Refusal::SameOffice;
        else if (!domain::taxNumberInCounty(tax.canonical, r.office->countyCode)) r.refusal = Refusal::WrongCounty;
        if (r.refusal != Refusal::None) return r;
        repo::AuditEntry e;
        e.actor = operatorActor().who;
        e.targetMunicipalityId = r.municipality->id;
        e.before = util::jsonText({{"office_id", r.municipality->officeId}, {"office", r.municipality->officeName}});
        e.after = util::jsonText({{"office_id", r.office->id}, {"office", r.office->name}});
        e.action = "municipality.move_out";
        repo::recordAudit(tx, e);
        repo::moveMunicipality(tx, r.municipality->id, r.office->id);
        e.action = "municipality.move_in";
        repo::recordAudit(tx, e);
        return r;
    });
    const std::string id = std::to_string(*officeId);
    switch (out.refusal) {
        case Refusal::NoMunicipality: return fail(kRefused, "no municipality with tax number " + tax.canonical);
        case Refusal::NoOffice: return fail(kRefused, "no office with id " + id);
        case Refusal::SameOffice: return fail(kRefused, tax.canonical + " already belongs to office " + id);
        case Refusal::WrongCounty: return fail(kRefused, wrongCounty(tax.canonical, out.office->countyCode));
        case Refusal::None: break;
    }
    std::cout << "moved '" << out.municipality->name << "' (" << tax.canonical << ") from '"
              << out.municipality->officeName << "' to '" << out.office->name << "'\n";
    return 0;
}

}  // namespace

int municipalityCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add(config, rest);
    if (args[0] == "list") return list(config, rest);
    if (args[0] == "move") return move(config, rest);
    return usage();
}

}  // namespace ktk::cli
