#include "config/config.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#ifndef KTK_DEFAULT_CONFIG
#define KTK_DEFAULT_CONFIG "/etc/ktk/ktk.conf"
#endif
#ifndef KTK_DEFAULT_DATADIR
#define KTK_DEFAULT_DATADIR "/usr/share/ktk"
#endif

namespace ktk::config {
namespace {

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

unsigned long parseUnsigned(const std::string& key, const std::string& v,
                            unsigned long lo, unsigned long hi) {
    if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
        throw ConfigError(key + ": expected a whole number, got '" + v + "'");
    errno = 0;
    unsigned long n = std::strtoul(v.c_str(), nullptr, 10);
    if (errno != 0 || n < lo || n > hi)
        throw ConfigError(key + ": " + v + " is outside " + std::to_string(lo) +
                          ".." + std::to_string(hi));
    return n;
}

std::string readSecretFile(const std::string& key, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ConfigError(key + ": cannot read secret file " + path + ": " +
                          std::strerror(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

using Setter = std::function<void(Config&, const std::string& key, const std::string& value)>;

Setter text(std::string Config::*field) {
    return [field](Config& c, const std::string&, const std::string& v) { c.*field = v; };
}

template <class T>
Setter number(T Config::*field, unsigned long lo, unsigned long hi) {
    return [field, lo, hi](Config& c, const std::string& k, const std::string& v) {
        c.*field = static_cast<T>(parseUnsigned(k, v, lo, hi));
    };
}

// Every key the file may hold; anything else is a typo and an error.
const std::map<std::string, Setter>& keys() {
    static const std::map<std::string, Setter> table = {
        {"db.host",               text(&Config::dbHost)},
        {"db.port",               number(&Config::dbPort, 1, 65535)},
        {"db.socket",             text(&Config::dbSocket)},
        {"db.name",               text(&Config::dbName)},
        {"db.user",               text(&Config::dbUser)},
        {"db.password_file",      [](Config& c, const std::string& k, const std::string& v) {
                                      c.dbPassword = trim(readSecretFile(k, v)); }},
        {"db.migrate_user",       text(&Config::dbMigrateUser)},
        {"db.migrate_password_file", text(&Config::dbMigratePasswordFile)},  // read by `ktk-admin migrate` only
        {"db.runtime_role",       text(&Config::dbRuntimeRole)},
        {"base_url",              text(&Config::baseUrl)},
        {"secret_file",           [](Config& c, const std::string& k, const std::string& v) {
                                      c.secrets.clear();
                                      std::istringstream in(readSecretFile(k, v));
                                      for (std::string line; std::getline(in, line);) {
                                          line = trim(line);
                                          if (!line.empty() && line[0] != '#') c.secrets.push_back(line);
                                      } }},
        {"templates_dir",         text(&Config::templatesDir)},
        {"locale_dir",            text(&Config::localeDir)},
        {"static_dir",            text(&Config::staticDir)},
        {"sql_dir",               text(&Config::sqlDir)},
        {"helpdesk_email",        text(&Config::helpdeskEmail)},
        {"max_body_bytes",        number(&Config::maxBodyBytes, 1024, 1024 * 1024)},
        {"mail.from",             text(&Config::mailFrom)},
        {"mail.from_name",        text(&Config::mailFromName)},
        {"mail.sendmail_command", text(&Config::sendmailCommand)},
        {"mail.max_attempts",     number(&Config::mailMaxAttempts, 1, 100)},
        {"mail.lease_seconds",    number(&Config::mailLeaseSeconds, 5, 86400)},
        {"mail.parallel",         number(&Config::mailParallel, 1, 64)},
        {"registration.pending_days", number(&Config::registrationPendingDays, 1, 365)},
        {"captcha.test_answer",   text(&Config::captchaTestAnswer)},
        {"captcha.font",          text(&Config::captchaFont)},
        {"pdf.font",              text(&Config::pdfFont)},
        {"captcha.espeak",        text(&Config::captchaEspeak)},
        {"common_passwords_file", text(&Config::commonPasswordsFile)},
        {"clock.offset_file",     text(&Config::clockOffsetFile)},
    };
    return table;
}

std::string envName(const std::string& key) {
    std::string n = "KTK_";
    for (char ch : key) n += (ch == '.') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return n;
}

void validate(Config& c) {
    if (c.baseUrl.empty()) throw ConfigError("base_url: required (e.g. https://ktk.example.hu)");
    if (c.baseUrl.rfind("http://", 0) != 0 && c.baseUrl.rfind("https://", 0) != 0)
        throw ConfigError("base_url: must start with http:// or https://");
    const std::size_t host = c.baseUrl.find("://") + 3;
    while (c.baseUrl.size() > host && c.baseUrl.back() == '/') c.baseUrl.pop_back();
    // "https://" alone (or "https:///x") names no host: links in mails would go nowhere.
    if (c.baseUrl.size() == host || c.baseUrl[host] == '/') throw ConfigError("base_url: must name a host");
    if (c.baseUrl.find_first_of(" \t\r\n\"'<>") != std::string::npos)
        throw ConfigError("base_url: contains characters not allowed in a URL");
    if (c.secrets.empty()) throw ConfigError("secret_file: required, and must hold at least one secret");
    for (const auto& s : c.secrets)
        if (s.size() < 32) throw ConfigError("secret_file: every secret must be at least 32 characters");
    if (c.dbName.empty() || c.dbUser.empty()) throw ConfigError("db.name and db.user: required");
    if (!c.dbMigrateUser.empty() && c.dbMigratePasswordFile.empty())
        throw ConfigError("db.migrate_password_file: required with db.migrate_user");
    if (c.dbMigrateUser == c.dbUser)
        throw ConfigError("db.migrate_user: must be another account than db.user (the runtime account)");
    if (c.dbRuntimeRole.empty() || c.dbRuntimeRole.size() > 64 ||
        c.dbRuntimeRole.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
            std::string::npos)
        throw ConfigError("db.runtime_role: 1-64 letters, digits and underscores");
    for (const auto& a : {c.mailFrom, c.helpdeskEmail})
        if (a.find('@') == std::string::npos || a.find_first_of(" \r\n<>\"") != std::string::npos)
            throw ConfigError("mail.from / helpdesk_email: not a plain e-mail address: " + a);
    if (c.mailFromName.find_first_of("\r\n") != std::string::npos)
        throw ConfigError("mail.from_name: must be one line");
    if (c.sendmailCommand.empty()) throw ConfigError("mail.sendmail_command: required");
    if (c.captchaEspeak.empty() || c.captchaEspeak[0] != '/')
        throw ConfigError("captcha.espeak: must be an absolute path (it runs without a shell or PATH)");
    const std::string data = KTK_DEFAULT_DATADIR;
    if (c.templatesDir.empty()) c.templatesDir = data + "/templates";
    if (c.localeDir.empty()) c.localeDir = data + "/locale";
    if (c.staticDir.empty()) c.staticDir = data + "/static";
    if (c.sqlDir.empty()) c.sqlDir = data + "/sql";
    if (c.commonPasswordsFile.empty()) c.commonPasswordsFile = data + "/common_passwords.txt";
}

}  // namespace

std::string Config::defaultPath() {
    const char* p = std::getenv("KTK_CONFIG");
    return (p && *p) ? p : KTK_DEFAULT_CONFIG;
}

Config Config::parse(const std::string& text, const std::string& origin, char** environ) {
    Config c;
    std::istringstream in(text);
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos)
            throw ConfigError(origin + ":" + std::to_string(lineNo) + ": expected 'key = value'");
        std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        auto it = keys().find(key);
        if (it == keys().end())
            throw ConfigError(origin + ":" + std::to_string(lineNo) + ": unknown key '" + key + "'");
        it->second(c, key, value);
    }
    // Environment overrides win over the file, key by key.
    for (const auto& [key, setter] : keys()) {
        std::string name = envName(key) + "=";
        for (char** e = environ; e && *e; ++e)
            if (std::strncmp(*e, name.c_str(), name.size()) == 0) setter(c, key, *e + name.size());
    }
    validate(c);
    return c;
}

Config Config::load(const std::string& path, char** environ) {
    std::string text;
    if (!path.empty()) {
        std::ifstream in(path);
        if (!in) throw ConfigError("cannot read config file " + path + ": " + std::strerror(errno));
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    return parse(text, path.empty() ? "(environment)" : path, environ);
}

}  // namespace ktk::config
