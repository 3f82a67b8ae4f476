#include "cli/user_commands.h"

#include <iostream>

#include "cli/common.h"
#include "crypto/password.h"
#include "db/database.h"
#include "domain/email.h"
#include "domain/password_policy.h"
#include "domain/person_name.h"
#include "repo/audit.h"
#include "repo/accounts.h"
#include "service/password_change.h"
#include "service/registration.h"
#include "service/second_factor_reset.h"
#include "util/clock.h"
#include "util/json.h"
#include "view/views.h"

namespace ktk::cli {

namespace {

int setPassword(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--email"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--email"))
        return fail(kUsage, "usage: ktk-admin user set-password --email E   (the password on standard input)");
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    const std::string& key = email->key;
    const std::string password = readPassword("New password: ");

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    std::optional<repo::Account> account = db.autocommit([&](db::Tx& tx) { return repo::findAccount(tx, key); });
    if (!account) return fail(kRefused, "no user with e-mail address " + key);
    // The web's policy, with the account's own names and address.
    const domain::CommonPasswords common = domain::CommonPasswords::load(config.commonPasswordsFile);
    const domain::PasswordCheck check =
        domain::checkPassword(password, {account->lastName, account->firstName, account->email}, common);
    if (check != domain::PasswordCheck::Ok)
        return fail(kInvalid, "password: " + message(config, domain::messageKey(check)));

    const std::string hash = crypto::hashPassword(password);
    const bool done = db.transact([&](db::Tx& tx) {
        if (!repo::findAccountById(tx, account->id, repo::Lock::ForUpdate)) return false;
        // Like every other route: outstanding reset links become void, the
        // account's sessions end and a login lock is lifted.
        const int ended = service::replacePassword(tx, account->id, hash, util::now());
        repo::AuditEntry e;
        e.actor = operatorActor().who;
        e.action = "password.set";
        e.targetUserId = account->id;
        e.after = util::jsonText({{"sessions_ended", ended}});
        repo::recordAudit(tx, e);
        return true;
    });
    if (!done) return fail(kRefused, "no user with e-mail address " + key);
    std::cout << account->id << "\n";
    return 0;
}

// A lost phone: the account's authenticator and recovery codes go, its
// sessions end, the person is mailed (service/second_factor_reset.h). No
// question asked: the operator has checked who asks before running it.
int resetSecondFactor(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--email"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--email")) return fail(kUsage, "usage: ktk-admin user reset-2fa --email E");
    const std::optional<domain::EmailAddress> email = emailArgument(config, o->get("--email"));
    if (!email) return kInvalid;
    const std::string& key = email->key;
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    view::Translator translator(config.localeDir);
    view::Views views(config.templatesDir, translator);
    const service::AdminResult r = service::resetSecondFactor(db, config, views, operatorActor(), key);
    switch (r.outcome) {
        case service::AdminOutcome::Done: break;
        case service::AdminOutcome::UnknownUser: return fail(kRefused, "no account with the e-mail address " + key);
        case service::AdminOutcome::NoSecondFactor:
            return fail(kRefused, key + " has no second factor turned on; nothing changed, nothing mailed");
        default: return fail(kRefused, "refused");
    }
    std::cout << "the second factor of " << r.account->email << " is removed with its recovery codes; "
              << r.sessionsEnded << " session(s) ended; the user's mail is queued\n";
    return 0;
}

int usage() {
    std::cerr << "usage: ktk-admin user set-password --email E   (the password on standard input)\n"
                 "       ktk-admin user list [--query TEXT] [--limit N]\n"
                 "       ktk-admin user show E\n"
                 "       ktk-admin user purge-pending [--days N]\n"
                 "       ktk-admin user reset-2fa --email E\n";
    return kUsage;
}

// What the mail worker does every hour, now, and with another period if
// asked: prints how many registrations were removed.
int purgePending(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--days"});
    if (!o) return kUsage;
    if (!o->words.empty()) return usage();
    std::optional<std::uint64_t> days = parseId(o->get("--days", std::to_string(config.registrationPendingDays)));
    if (!days || *days > 365) return fail(kUsage, "--days takes a number from 1 to 365");
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    std::cout << service::purgePendingRegistrations(db, unsigned(*days), operatorActor().who) << "\n";
    return 0;
}

int list(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--query", "--limit"});
    if (!o) return kUsage;
    if (!o->words.empty()) return usage();
    std::optional<std::uint64_t> limit = parseId(o->get("--limit", "100"));
    if (!limit || *limit > 10000) return fail(kUsage, "--limit takes a number from 1 to 10000");
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto accounts = db.transact([&](db::Tx& tx) { return repo::listAccounts(tx, o->get("--query"), *limit); });
    std::cout << "id\tstate\trole\tregistered\ttax_number\temail\tname\n";
    for (const auto& a : accounts)
        std::cout << a.id << "\t" << repo::stateName(a.state()) << "\t" << (a.clerk ? "clerk" : "contact") << "\t"
                  << a.createdAt << "\t" << (a.municipality ? a.municipality->taxNumber : "") << "\t" << a.email
                  << "\t" << domain::displayName(a.lastName, a.firstName, domain::Lang::Hu) << "\n";
    return 0;
}

int show(const config::Config& config, const Args& args) {
    if (args.size() != 1) return usage();
    const std::optional<domain::EmailAddress> email = emailArgument(config, args[0]);
    if (!email) return kInvalid;
    const std::string& key = email->key;
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    auto a = db.transact([&](db::Tx& tx) { return repo::findAccount(tx, key); });
    if (!a) return fail(kRefused, "no account with the e-mail address " + key);
    auto line = [](const char* label, const std::string& value) { std::cout << label << ": " << value << "\n"; };
    line("id", std::to_string(a->id));
    line("email", a->email);
    line("name", domain::displayName(a->lastName, a->firstName, domain::Lang::Hu));
    line("role", a->clerk ? "clerk" : "contact");
    line("state", repo::stateName(a->state()));
    line("language", code(a->language));
    line("phone", a->phone);
    if (a->clerk) line("office", a->officeName + " (id " + std::to_string(a->officeId.value_or(0)) + ")");
    if (a->municipality) {
        line("municipality", a->municipality->name + " (id " + std::to_string(a->municipality->id) + ")");
        line("tax_number", a->municipality->taxNumber);
        line("office", a->municipality->officeName + " (id " + std::to_string(a->municipality->officeId) + ")");
    }
    line("registered", a->createdAt);
    line("confirmed", a->confirmedAt.value_or("-"));
    line("linked", a->linkedAt.value_or("-"));
    line("disabled", a->disabledAt.value_or("-"));
    return 0;
}

}  // namespace

int userCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return usage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "set-password") return setPassword(config, rest);
    if (args[0] == "list") return list(config, rest);
    if (args[0] == "show") return show(config, rest);
    if (args[0] == "purge-pending") return purgePending(config, rest);
    if (args[0] == "reset-2fa") return resetSecondFactor(config, rest);
    return usage();
}

}  // namespace ktk::cli
