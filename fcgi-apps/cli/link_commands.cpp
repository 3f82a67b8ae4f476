#include "cli/link_commands.h"

#include <iostream>

#include "cli/common.h"
#include "domain/email.h"
#include "domain/tax_number.h"
#include "view/views.h"

namespace ktk::cli {

namespace {

// Why the service refused, in the operator's words.
int refused(const service::AdminResult& r, const std::string& key, const std::string& taxNumber) {
    switch (r.outcome) {
        case service::AdminOutcome::UnknownUser: return fail(kRefused, "no account with the e-mail address " + key);
        case service::AdminOutcome::NotAContact:
            return fail(kRefused, key + " is a clerk's account; only contacts are linked to municipalities");
        case service::AdminOutcome::Pending:
            return fail(kRefused,
                        key + " has not confirmed the e-mail address yet; only confirmed accounts can be linked");
        case service::AdminOutcome::Disabled: return fail(kRefused, key + " is disabled; enable the account first");
        case service::AdminOutcome::UnknownMunicipality:
            return fail(kRefused, "no municipality has the tax number " + taxNumber +
                                      "; add it first with: ktk-admin municipality add");
        default: return fail(kRefused, "refused");
    }
}

}  // namespace

int linkCommand(const config::Config& config, const std::vector<std::string>& args) {
    auto o = parseOptions(args, {"--email", "--tax-number"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--email") || !o->has("--tax-number")) {
        std::cerr << "usage: ktk-admin link --email E --tax-number NNNNNNNN-V-CC\n";
        return kUsage;
    }
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    const std::string& key = email->key;
    domain::TaxNumberResult tax = domain::parseTaxNumber(o->get("--tax-number"));
    if (!tax.ok()) return fail(kInvalid, "tax number: " + message(config, domain::messageKey(tax.error)));

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    view::Translator translator(config.localeDir);
    view::Views views(config.templatesDir, translator);
    service::AdminResult r = service::linkAccount(db, config, views, operatorActor(), {key, tax.canonical, ""});
    if (r.outcome == service::AdminOutcome::AlreadyLinked) {
        std::cout << r.account->email << " was already linked to " << r.municipality->name << " ("
                  << r.municipality->taxNumber << ")\n";
        return 0;
    }
    if (r.outcome != service::AdminOutcome::Done) return refused(r, key, tax.canonical);
    std::cout << "linked " << r.account->email << " to " << r.municipality->name << " (" << r.municipality->taxNumber
              << "); the user's mail is queued\n";
    return 0;
}

int unlinkCommand(const config::Config& config, const std::vector<std::string>& args) {
    auto o = parseOptions(args, {"--email"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--email")) {
        std::cerr << "usage: ktk-admin unlink --email E\n";
        return kUsage;
    }
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    const std::string& key = email->key;
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    view::Translator translator(config.localeDir);
    view::Views views(config.templatesDir, translator);
    service::AdminResult r = service::unlinkAccount(db, config, views, operatorActor(), key);
    if (r.outcome == service::AdminOutcome::NotLinked) {
        std::cout << r.account->email << " was not linked to a municipality\n";
        return 0;
    }
    if (r.outcome != service::AdminOutcome::Done) return refused(r, key, "");
    std::cout << "unlinked " << r.account->email << " from " << r.municipality->name << " ("
              << r.municipality->taxNumber << "); sessions ended: " << r.sessionsEnded
              << "; the user's mail is queued\n";
    return 0;
}

}  // namespace ktk::cli
