// ktk-admin's `user …` commands.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// user set-password --email E: the new password is read from standard
// input (one line), hashed like every password, stored; the account's
// sessions end and a login lock is lifted.
// user list [--query TEXT] [--limit N]: accounts, newest first, whose
// address or name contains TEXT; tab-separated (id, state, role,
// registered, tax number, email, name) under a header line.
// user show E: one account, "key: value" lines (never its password hash).
// user purge-pending [--days N]: removes the registrations not confirmed
// within N days (default registration.pending_days), each audited as
// "registration.purged"; prints how many.
// user reset-2fa --email E: the person lost their phone: their second
// factor (authenticator and recovery codes) is removed, their sessions
// end, audited as "twofactor.reset", and they are mailed; refused (exit 1,
// nothing mailed) for an unknown address or an account without one.
// Returns the exit code.
int userCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
