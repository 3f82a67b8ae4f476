// ktk-admin's `user …` commands.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// user set-password --email E: the new password is read from standard
// input (one line), hashed like every password, stored; the account's
// sessions end and a login lock is lifted. Returns the exit code.
int userCommand(const Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
