#include "cli/clerk_commands.h"

#include <iostream>

#include "cli/common.h"
#include "crypto/password.h"
#include "domain/email.h"
#include "domain/name.h"
#include "domain/password_policy.h"
#include "domain/phone.h"
#include "repo/audit.h"
#include "repo/accounts.h"
#include "util/json.h"

namespace ktk::cli {

namespace {

constexpr const char* kDefaultLastName = "Járási";
constexpr const char* kDefaultFirstName = "Ügyintéző";

int usage() {
    std::cerr << "usage: ktk-admin clerk add --office ID --email E [--last-name L] [--first-name F]\n"
                 "                           [--lang hu|en] [--phone P]   (the password on standard input)\n"
                 "       ktk-admin clerk disable --email E\n";
    return kUsage;
}

int add(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--office", "--email", "--last-name", "--first-name", "--lang", "--phone"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--office") || !o->has("--email")) return usage();
    std::optional<std::uint64_t> officeId = parseId(o->get("--office"));
    if (!officeId) return fail(kInvalid, "--office takes an office id (see ktk-admin office list)");
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    domain::CheckedName last = domain::checkName(o->get("--last-name", kDefaultLastName));
    if (last.check != domain::NameCheck::Ok)
        return fail(kInvalid, "last name: " + message(config, domain::messageKey(last.check)));
    domain::CheckedName first = domain::checkName(o->get("--first-name", kDefaultFirstName));
    if (first.check != domain::NameCheck::Ok)
        return fail(kInvalid, "first name: " + message(config, domain::messageKey(first.check)));
    std::optional<domain::Lang> lang = domain::parseLang(o->get("--lang", "hu"));
    if (!lang) return fail(kInvalid, "--lang must be hu or en");
    std::string phone;
    if (o->has("--phone")) {
        domain::CheckedPhone checked = domain::checkPhone(o->get("--phone"));
        if (checked.check != domain::PhoneCheck::Ok)
            return fail(kInvalid, "phone: " + message(config, domain::messageKey(checked.check)));
        phone = checked.e164;
    }

    std::string password = readPassword("Password for the new clerk: ");
    const domain::CommonPasswords common = domain::CommonPasswords::load(config.commonPasswordsFile);
    domain::PasswordCheck check =
        domain::checkPassword(password, {last.value, first.value, email->value}, common);
    if (check != domain::PasswordCheck::Ok)
        return fail(kInvalid, "password: " + message(config, domain::messageKey(check)));

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    repo::NewClerk clerk{email->value, last.value, first.value, phone, *lang,
                              crypto::hashPassword(password), *officeId};
    struct Outcome {
        std::optional<repo::Office> office;
        repo::Inserted inserted;
    };
    Outcome out = db.transact([&](db::Tx& tx) {
        Outcome r;
        r.office = repo::findOffice(tx, *officeId);
        if (!r.office) return r;
        r.inserted = repo::addClerk(tx, clerk);
        if (r.inserted.outcome == db::Insert::Added) {
            repo::AuditEntry e;
            e.actor = operatorActor().who;
            e.action = "clerk.create";
            e.targetUserId = r.inserted.id;
            e.after = util::jsonText(
                {{"email", email->value}, {"office_id", r.office->id}, {"office", r.office->name}});
            repo::recordAudit(tx, e);
        }
        return r;
    });
    if (!out.office) return fail(kRefused, "no office with id " + std::to_string(*officeId));
    if (out.inserted.outcome == db::Insert::Duplicate)
        return fail(kRefused, "an account with the address " + email->value + " already exists (id " +
                                  std::to_string(out.inserted.id) + ")");
    std::cout << out.inserted.id << "\n";
    return 0;
}

int disable(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--email"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--email")) return usage();
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    const std::string& key = email->key;
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    service::AdminResult r = service::disableClerk(db, operatorActor(), key);
    switch (r.outcome) {
        case service::AdminOutcome::Done:
            std::cout << "disabled clerk " << r.account->email << "; sessions ended: " << r.sessionsEnded << "\n";
            return 0;
        case service::AdminOutcome::AlreadyDisabled:
            std::cout << "clerk " << r.account->email << " was already disabled\n";
            return 0;
        case service::AdminOutcome::NotAClerk: return fail(kRefused, key + " is not a clerk's account");
        default: return fail(kRefused, "no account with the e-mail address " + key);
    }
}

}  // namespace

int clerkCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add(config, rest);
    if (args[0] == "disable") return disable(config, rest);
    return usage();
}

}  // namespace ktk::cli
