// The pending second step of a login (table login_second_steps,
// migration 0024; service/second_step.h). The browser holds a random
// value; the row is keyed by its SHA-256 and is used once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"

namespace ktk::repo {

constexpr std::int64_t kLoginStepSeconds = 5 * 60;

struct LoginStep {
    std::uint64_t userId = 0;
    std::string deviceHash;     // the device cookie's nonce hash on the device path, else ""
    std::string replacedHash;   // the session the login replaces, or ""
    std::string passwordCheck;  // sha256 hex of the password hash the first step checked
    std::string userAgent;
    std::string clientAddress;
};

// Stores a step for the user; returns the value for the browser's cookie.
// Also removes expired steps (a few of anyone's, all of this user's).
std::string createLoginStep(db::Tx& tx, const LoginStep& step, std::int64_t now);

// The live step for the cookie value `value` (locked until the unit of
// work ends), or nothing: not shaped like ours, unknown, used or expired.
std::optional<LoginStep> findLoginStep(db::Tx& tx, std::string_view value, std::int64_t now);

// The step is used: gone.
void endLoginStep(db::Tx& tx, std::string_view value);

}  // namespace ktk::repo
