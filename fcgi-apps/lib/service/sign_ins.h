// "Recent sign-ins" on the Security tab (README, "Forgotten password,
// profile and the Security tab"): the last 20 login attempts against the
// person's account, successful and failed, each with its time, browser
// and client address, from the audit rows the login service writes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/fwd.h"

namespace ktk::service {

constexpr unsigned kRecentSignIns = 20;

enum class SignInKind {
    Success,           // logged in
    WrongPassword,     // a wrong password (or one changed meanwhile), counted against the account
    WrongFromDevice,   // a wrong password from a browser with this account's device cookie: counted for it alone
    HeldBackByLock,    // not checked: the account was locked, and the browser had no device cookie for it
};

struct SignIn {
    std::int64_t at = 0;
    SignInKind kind = SignInKind::Success;
    std::string browser;   // domain::BrowserName's parts, "" unknown (or not recorded)
    std::string platform;
    std::string clientAddress;
};

// Newest first.
std::vector<SignIn> recentSignIns(db::Database& db, std::uint64_t userId);

}  // namespace ktk::service
