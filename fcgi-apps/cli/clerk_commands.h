// ktk-admin's `clerk …` commands: the district-office clerks' accounts.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// clerk add --office ID --email E [--last-name L] [--first-name F]
//           [--lang hu|en] [--phone P]
//   A clerk of office ID who logs in at /login with E and the password
//   read from standard input, which must pass the portal's one password
//   policy. The name defaults to "Járási Ügyintéző" (last name Járási,
//   first name Ügyintéző), the language to hu, the phone to none. The
//   account is confirmed from the start; prints its id.
// clerk disable --email E
//   The clerk can no longer log in; their sessions end.
// Both are audited with the actor cli:<unix user>. Returns the exit code.
int clerkCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
