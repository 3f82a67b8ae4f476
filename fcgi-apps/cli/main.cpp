// ktk-admin: the operator's command line. Every failure exits non-zero
// with a message on stderr; nothing secret is ever printed.
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/audit_commands.h"
#include "cli/application_commands.h"
#include "cli/clerk_commands.h"
#include "cli/link_commands.h"
#include "cli/mail_commands.h"
#include "cli/municipality_commands.h"
#include "cli/office_commands.h"
#include "cli/oidc_commands.h"
#include "cli/rules_commands.h"
#include "cli/user_commands.h"
#include "config/config.h"
#include "db/migrations.h"
#include "util/clock.h"

extern char** environ;

namespace {

using Args = std::vector<std::string>;

int usage() {
    std::cerr << "usage: ktk-admin [--config FILE] COMMAND\n"
                 "commands:\n"
                 "  migrate        apply pending database migrations as the migration account\n"
                 "                 (db.migrate_user), then grant the runtime role (db.runtime_role)\n"
                 "                 its privileges on every table and revoke what the runtime\n"
                 "                 account (db.user) holds beyond it\n"
                 "  office add NAME --county COUNTY\n"
                 "                 add a district office; COUNTY is a Hungarian county name\n"
                 "                 (e.g. Pest, Budapest) or its tax-number code (prints the id)\n"
                 "  office set-code ID CODE\n"
                 "                 the code the office's contract numbers carry (CODE/year/nnnnnn)\n"
                 "  office list\n"
                 "  clerk add --office ID --email E [--last-name L] [--first-name F] [--lang hu|en] [--phone P]\n"
                 "                 add a clerk of the office; the password is read from standard input\n"
                 "                 and must pass the password policy (prints the id); the name\n"
                 "                 defaults to Járási Ügyintéző\n"
                 "  clerk disable --email E\n"
                 "  municipality add --office ID --name NAME --tax-number NNNNNNNN-V-CC\n"
                 "                 add a municipality of the office's county (prints the id)\n"
                 "  municipality list [--office ID]\n"
                 "  municipality move --tax-number T --office ID\n"
                 "                 move a municipality and its contacts to another office of its county\n"
                 "  link --email E --tax-number T\n"
                 "                 link a confirmed account to a municipality; the user is mailed\n"
                 "  unlink --email E\n"
                 "                 remove the link, end the account's sessions; the user is mailed\n"
                 "  user list [--query TEXT] [--limit N]\n"
                 "  user show E\n"
                 "  user set-password --email E\n"
                 "                 set a password (read from standard input), end the\n"
                 "                 account's sessions and lift a login lock\n"
                 "  user purge-pending [--days N]\n"
                 "                 remove the registrations not confirmed within N days\n"
                 "                 (default registration.pending_days; the mail worker does it hourly)\n"
                 "  user reset-2fa --email E\n"
                 "                 a lost phone: remove the account's second factor (authenticator and\n"
                 "                 recovery codes), end its sessions; the user is mailed\n"
                 "  mail test --to ADDRESS [--to ADDRESS…] [--lang hu|en] [--name NAME]\n"
                 "                 queue a \"KTK test message\" to each address (prints the queue ids)\n"
                 "  mail status    count the queued, sending, sent and abandoned mails\n"
                 "  programme list\n"
                 "  programme set CODE [--name-hu T] [--name-en T] [--min-hours N] [--max-hours N]\n"
                 "                 [--max-months N] [--max-wage-support-pct N] [--material-share-pct N]\n"
                 "                 [--active yes|no] [--source TEXT]\n"
                 "                 add or change a programme type of the subsidy applications\n"
                 "  rates list\n"
                 "  rates set --year Y [--wage-basic N] [--wage-skilled N] [--wage-leader N|-]\n"
                 "                 [--wage-leader-skilled N|-] [--contribution-pct P] [--source TEXT]\n"
                 "                 [--unconfirmed TEXT]\n"
                 "                 the year's monthly wages (forints, full time; - when not confirmed)\n"
                 "                 and social contribution tax\n"
                 "  audit verify [--office ID|none] [--anchor FILE]\n"
                 "                 walk the audit log's hash chains (each office's, none: rows of no\n"
                 "                 office) and name the first row that does not fit; --anchor holds an\n"
                 "                 earlier `audit head` output against them\n"
                 "  audit head [--office ID|none]\n"
                 "                 each chain's length, last row and hash, to keep outside the database\n"
                 "  audit adopt    chain the rows a program older than the chains wrote during\n"
                 "                 the upgrade\n"
                 "  applications export --office ID [--year Y] [--lang hu|en]\n"
                 "                 the office's applications with their current figures as CSV\n"
                 "                 (UTF-8 with a byte order mark, ';'-separated) on standard output\n"
                 "  client add --name NAME --redirect-uri URI [--redirect-uri URI…]\n"
                 "             [--post-logout-redirect-uri URI] [--public] [--first-party]\n"
                 "             [--backchannel-logout-uri URI] [--id-token-alg RS256|ES256]\n"
                 "                 register a service that logs people in through KTK (OpenID Connect);\n"
                 "                 prints client_id and, unless --public, client_secret (only this once)\n"
                 "  client list | show CLIENT_ID | disable CLIENT_ID | rotate-secret CLIENT_ID\n"
                 "  oidc key rotate  new signing keys; the old ones stay published until their\n"
                 "                 tokens have expired\n"
                 "  oidc key list\n"
                 "exit codes: 0 done, 1 refused (unknown, duplicate, wrong state; audit verify: a row\n"
                 "            does not fit), 64 usage,\n"
                 "            65 invalid input, 69 database not reachable\n"
                 "every change is written to the audit log as cli:<unix user>\n";
    return 64;
}

int cmdMigrate(const ktk::config::Config& config, const Args&) {
    if (config.dbMigrateUser.empty())
        std::cerr << "ktk-admin: warning: no db.migrate_user, so the runtime account " << config.dbUser
                  << " migrates and must own the schema; give the two their own accounts"
                     " (OPERATIONS.md, \"The database\")\n";
    auto result = ktk::db::migrate(config);
    for (const auto& name : result.applied) std::cout << "applied " << name << "\n";
    if (result.applied.empty()) std::cout << "schema is up to date\n";
    for (const auto& what : result.revoked) std::cerr << "ktk-admin: revoked " << what << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string configPath = ktk::config::Config::defaultPath();
    Args args;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--config") == 0 && i + 1 < argc) configPath = argv[++i];
        else args.emplace_back(argv[i]);
    }
    if (args.empty()) return usage();
    const std::map<std::string, std::function<int(const ktk::config::Config&, const Args&)>> commands = {
        {"migrate", cmdMigrate},
        {"user", ktk::cli::userCommand},
        {"office", ktk::cli::officeCommand},
        {"clerk", ktk::cli::clerkCommand},
        {"municipality", ktk::cli::municipalityCommand},
        {"link", ktk::cli::linkCommand},
        {"unlink", ktk::cli::unlinkCommand},
        {"mail", ktk::cli::mailCommand},
        {"programme", ktk::cli::programmeCommand},
        {"rates", ktk::cli::ratesCommand},
        {"audit", ktk::cli::auditCommand},
        {"applications", ktk::cli::applicationsCommand},
        {"client", ktk::cli::clientCommand},
        {"oidc", ktk::cli::oidcCommand},
    };
    auto it = commands.find(args[0]);
    if (it == commands.end()) return usage();
    try {
        ktk::config::Config config = ktk::config::Config::load(configPath, environ);
        ktk::util::setClockOffsetFile(config.clockOffsetFile);
        return it->second(config, Args(args.begin() + 1, args.end()));
    } catch (const std::exception& e) {
        std::cerr << "ktk-admin: " << e.what() << "\n";
        return 1;
    }
}
