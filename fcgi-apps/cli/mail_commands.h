// ktk-admin's `mail …` commands.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// mail test --to ADDRESS [--to ADDRESS…] [--lang hu|en] [--name NAME]:
// queues the "test" kind to each address through mail::enqueue (the code
// every program uses), in one transaction, and prints the queue ids.
// mail status: the number of rows in each state. Returns the exit code.
int mailCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
