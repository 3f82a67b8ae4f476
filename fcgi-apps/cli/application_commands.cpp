#include "cli/application_commands.h"

#include <iostream>

#include "applications/office_csv.h"
#include "applications/office_service.h"
#include "cli/common.h"
#include "repo/directory.h"
#include "view/translator.h"

namespace ktk::cli {

namespace {

int usage() {
    std::cerr << "usage: ktk-admin applications export --office ID [--year Y] [--lang hu|en]\n";
    return kUsage;
}

int exportCsv(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office", "--year", "--lang"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--office")) return usage();
    const std::optional<std::uint64_t> officeId = parseId(o->get("--office"));
    if (!officeId) return fail(kInvalid, "--office takes an office id");
    std::optional<int> year;
    if (o->has("--year")) {
        const std::string y = o->get("--year");
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos || y[0] == '0')
            return fail(kInvalid, "--year takes a year of four digits, e.g. 2026");
        year = std::stoi(y);
    }
    const std::optional<domain::Lang> lang = domain::parseLang(o->get("--lang", "hu"));
    if (!lang) return fail(kInvalid, "--lang takes hu or en");

    const view::Translator translator(config.localeDir);
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    if (!db.transact([&](db::Tx& tx) { return repo::findOffice(tx, *officeId).has_value(); }))
        return fail(kRefused, "no district office with id " + std::to_string(*officeId));
    std::cout << applications::officeCsv(applications::exportForOffice(db, *officeId, year), translator, *lang);
    return std::cout.flush() ? 0 : fail(kRefused, "could not write the file");
}

}  // namespace

int applicationsCommand(const config::Config& config, const Args& args) {
    if (args.empty()) return usage();
    if (args[0] == "export") return exportCsv(config, Args(args.begin() + 1, args.end()));
    return usage();
}

}  // namespace ktk::cli
