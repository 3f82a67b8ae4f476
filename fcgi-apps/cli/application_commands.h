// ktk-admin's `applications …` commands: the office's side of the subsidy
// applications for the operator.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// applications export --office ID [--year Y] [--lang hu|en]: the office's
// applications with their current figures as CSV on standard output, the
// same file as the clerks' /admin/applications.csv (applications/office_csv.h):
// UTF-8 with a byte order mark, ';' between cells; Hungarian unless --lang en.
int applicationsCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
