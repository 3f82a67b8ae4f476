#include "cli/common.h"

#include <pwd.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace ktk::cli {

std::string Options::get(const std::string& name, const std::string& fallback) const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
}

bool Options::flag(const std::string& name) const {
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::vector<std::string> Options::all(const std::string& name) const {
    auto it = lists.find(name);
    return it == lists.end() ? std::vector<std::string>{} : it->second;
}

std::optional<Options> parseOptions(const Args& args, const std::vector<std::string>& known,
                                    const std::vector<std::string>& flags,
                                    const std::vector<std::string>& repeatable) {
    Options o;
    const auto among = [](const std::vector<std::string>& names, const std::string& a) {
        return std::find(names.begin(), names.end(), a) != names.end();
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) {
            o.words.push_back(a);
            continue;
        }
        if (among(flags, a)) {
            if (o.flag(a)) {
                fail(kUsage, a + " given twice");
                return std::nullopt;
            }
            o.flags.push_back(a);
            continue;
        }
        if (!among(known, a) && !among(repeatable, a)) {
            fail(kUsage, "unknown option " + a);
            return std::nullopt;
        }
        if (i + 1 >= args.size()) {
            fail(kUsage, a + " needs a value");
            return std::nullopt;
        }
        if (among(repeatable, a)) {
            o.lists[a].push_back(args[++i]);
            continue;
        }
        if (!o.values.emplace(a, args[++i]).second) {
            fail(kUsage, a + " given twice");
            return std::nullopt;
        }
    }
    return o;
}

std::string operatorName() {
    if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) return sudo;
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return std::to_string(geteuid());
}

service::AdminActor operatorActor() { return {repo::Actor::cli(operatorName()), "", std::nullopt}; }

std::string readPassword(const char* prompt) {
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty && tcgetattr(STDIN_FILENO, &saved) == 0) {
        std::cerr << prompt << std::flush;
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string password;
    std::getline(std::cin, password);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::cerr << "\n";
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

std::string message(const config::Config& config, const std::string& key) {
    static const view::Translator translator(config.localeDir);
    return translator.get(domain::Lang::En, key);
}

int fail(int code, const std::string& text) {
    std::cerr << "ktk-admin: " << text << "\n";
    return code;
}

std::optional<domain::EmailAddress> emailArgument(const config::Config& config, const std::string& text) {
    const domain::CheckedEmail email = domain::checkEmail(text);
    if (email.check != domain::EmailCheck::Ok) {
        fail(kInvalid, "e-mail address: " + message(config, domain::messageKey(email.check)));
        return std::nullopt;
    }
    return domain::EmailAddress{email.value, email.key};
}

bool connect(db::Database& db) {
    if (db.connect()) return true;
    fail(kUnavailable, "the database is not reachable");
    return false;
}

std::optional<std::uint64_t> parseId(const std::string& text) {
    if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    std::uint64_t id = std::stoull(text);
    if (id == 0) return std::nullopt;
    return id;
}

}  // namespace ktk::cli
