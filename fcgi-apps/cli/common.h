// What ktk-admin's commands share: their options, the operator as the
// audit log names them, the password read from standard input, the
// catalogs' English messages for input problems, and the exit codes:
//   0  done (or already as asked: `link` to the same municipality, …)
//   1  refused: unknown or duplicate record, or an account in the wrong state
//   64 usage error
//   65 invalid input (county, tax number, name, address, weak password)
//   69 the database is not reachable
// Nothing secret (passwords, hashes, tokens) is ever printed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/database.h"
#include "domain/email.h"
#include "service/account_admin.h"
#include "view/translator.h"

namespace ktk::cli {

using Args = std::vector<std::string>;

constexpr int kRefused = 1;
constexpr int kUsage = 64;
constexpr int kInvalid = 65;
constexpr int kUnavailable = 69;

// `--name VALUE` options (each at most once, from `known`) and the other
// words in order. nullopt, with a message on stderr, for an unknown or
// repeated option or one without its value.
// `flags` are options without a value (`--public`); `repeatable` ones may
// come more than once (`--redirect-uri A --redirect-uri B`), their values
// kept in order in `lists`.
struct Options {
    std::map<std::string, std::string> values;
    std::map<std::string, std::vector<std::string>> lists;
    std::vector<std::string> flags;
    std::vector<std::string> words;

    bool has(const std::string& name) const { return values.count(name) != 0; }
    bool flag(const std::string& name) const;
    std::string get(const std::string& name, const std::string& fallback = "") const;
    std::vector<std::string> all(const std::string& name) const;
};
std::optional<Options> parseOptions(const Args& args, const std::vector<std::string>& known,
                                    const std::vector<std::string>& flags = {},
                                    const std::vector<std::string>& repeatable = {});

// The unix user who runs the command (the sudo caller when there is one).
std::string operatorName();
// The operator as an actor of the linking service: every office.
service::AdminActor operatorActor();

// One line from standard input, without its line break; with the echo off
// and a prompt on stderr when it is a terminal.
std::string readPassword(const char* prompt);

// The English text of a message key from the catalogs (the command line
// speaks English; the keys are the ones the web forms use).
std::string message(const config::Config& config, const std::string& key);

// Prints "ktk-admin: <text>" on stderr and returns `code`.
int fail(int code, const std::string& text);

// The address an argument names, as the web takes one (domain::checkEmail);
// nullopt, with the reason on stderr, for one it refuses: the command then
// exits kInvalid without asking the database.
std::optional<domain::EmailAddress> emailArgument(const config::Config& config, const std::string& text);

// Connects, or says the database is away (exit kUnavailable).
bool connect(db::Database& db);

// A positive whole number (an id), or nullopt.
std::optional<std::uint64_t> parseId(const std::string& text);

}  // namespace ktk::cli
