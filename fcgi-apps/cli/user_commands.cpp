#include "cli/user_commands.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "crypto/password.h"
#include "db/database.h"
#include "domain/email.h"
#include "repo/audit.h"
#include "service/password_change.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::cli {

namespace {

std::string operatorName() {
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) return sudo;
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return std::to_string(geteuid());
}

std::size_t codePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

int setPassword(const Config& config, const std::vector<std::string>& args) {
    std::string email;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--email" && i + 1 < args.size()) email = args[++i];
        else {
            std::cerr << "ktk-admin: user set-password: unexpected argument " << args[i] << "\n";
            return 64;
        }
    }
    if (email.empty()) {
        std::cerr << "usage: ktk-admin user set-password --email E   (the password on standard input)\n";
        return 64;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    std::size_t length = codePoints(password);
    if (length < 8 || length > 128) {
        std::cerr << "ktk-admin: the password must be 8 to 128 characters long\n";
        return 65;
    }
    std::string hash = crypto::hashPassword(password);
    std::string key = domain::emailKey(email);

    db::Database db(config);
    if (!db.connect()) {
        std::cerr << "ktk-admin: the database is not reachable\n";
        return 69;
    }
    auto userId = db.transact([&](db::Tx& tx) -> std::uint64_t {
        db::Row r = tx.query("SELECT id FROM users WHERE email_key = ? FOR UPDATE", key);
        if (!r->next()) return 0;
        std::uint64_t id = r->getUInt64(1);
        // Like every other route: outstanding reset links become void, the
        // account's sessions end and a login lock is lifted.
        int ended = service::replacePassword(tx, id, hash, clock::now());
        audit::Entry e;
        e.actor = audit::Actor::cli(operatorName());
        e.action = "password.set";
        e.targetUserId = id;
        e.after = JsonObject().add("sessions_ended", ended).str();
        audit::record(tx, e);
        return id;
    });
    if (!userId) {
        std::cerr << "ktk-admin: no user with e-mail address " << key << "\n";
        return 1;
    }
    std::cout << userId << "\n";
    return 0;
}

}  // namespace

int userCommand(const Config& config, const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "set-password")
        return setPassword(config, std::vector<std::string>(args.begin() + 1, args.end()));
    std::cerr << "usage: ktk-admin user set-password --email E\n";
    return 64;
}

}  // namespace ktk::cli
