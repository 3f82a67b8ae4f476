// ktk-admin's `link` and `unlink`: the operator's way to do what a clerk
// does at /admin/link and /admin/unlink, for any office — with the same
// checks, audit rows (actor cli:<unix user>) and mails to the user.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// link --email E --tax-number T: links the confirmed account E to the
// registered municipality T (add it first with `municipality add`).
// Succeeds also when it already was.
int linkCommand(const config::Config& config, const std::vector<std::string>& args);

// unlink --email E: removes the account's link and ends its sessions.
// Succeeds also when there was none.
int unlinkCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
