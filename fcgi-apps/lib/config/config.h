// The portal's configuration: one file (ktk.conf) plus KTK_* environment
// overrides, read once before the request loop. Secrets never live in the
// file itself; the file names the files that hold them.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ktk::config {

// Thrown for a config that cannot be used; what() is meant for the operator.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Config {
    // database
    std::string dbHost = "127.0.0.1";
    unsigned dbPort = 3306;
    std::string dbSocket;  // when set, used instead of host and port
    std::string dbName = "ktk";
    std::string dbUser = "ktk";  // the runtime account: the programs, the worker, ktk-admin
    std::string dbPassword;      // from db.password_file
    // The account that owns the schema (DDL); only `ktk-admin migrate` uses
    // it, and only it reads its password file (root's alone). Empty: the
    // runtime account migrates, as before the accounts were split.
    std::string dbMigrateUser;
    std::string dbMigratePasswordFile;
    // The role `ktk-admin migrate` grants the runtime privileges to, table
    // by table; the runtime account has it as its default role.
    std::string dbRuntimeRole = "ktk_runtime";

    // web
    std::string baseUrl;  // absolute, no trailing slash; links in mails use it
    std::vector<std::string> secrets;  // first signs, all verify (rotation)
    std::string templatesDir;
    std::string localeDir;
    std::string staticDir;
    std::string sqlDir;
    std::string helpdeskEmail = "ktk-hd@lab.hu";
    std::size_t maxBodyBytes = 32 * 1024;

    // mail
    std::string mailFrom = "no-reply@munka.hu";
    std::string mailFromName = "KTK";
    std::string sendmailCommand = "/usr/sbin/sendmail -i -f {from} -- {rcpt}";
    unsigned mailMaxAttempts = 8;
    unsigned mailLeaseSeconds = 120;
    unsigned mailParallel = 4;

    // registration: an address not confirmed this many days after its
    // registration is removed (the mail worker's housekeeping, ktk-admin)
    unsigned registrationPendingDays = 7;

    // captcha
    std::string captchaTestAnswer;  // non-empty: test mode
    std::string captchaFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    // The application PDFs' font (its -Bold sibling for headings, when there is one).
    std::string pdfFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string captchaEspeak = "/usr/bin/espeak-ng";  // the spoken code's synthesiser

    // passwords: the common-password list the policy refuses
    std::string commonPasswordsFile;

    // tests only: a file holding a clock offset in seconds
    std::string clockOffsetFile;

    // Loads `path` (when non-empty) and then applies KTK_* variables from
    // `environ`. Throws ConfigError naming the key and the problem.
    static Config load(const std::string& path, char** environ);

    // Same, from text already in memory; `origin` names it in errors.
    static Config parse(const std::string& text, const std::string& origin,
                        char** environ);

    // The config file named by KTK_CONFIG, else the built-in default path.
    static std::string defaultPath();
};

}  // namespace ktk::config
