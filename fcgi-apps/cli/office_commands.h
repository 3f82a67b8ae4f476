// ktk-admin's `office …` commands: the district offices (járási hivatalok).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// office add NAME --county COUNTY: COUNTY is a county's Hungarian name
// (Pest, Győr-Moson-Sopron, Budapest, …) or its tax-number code (13);
// prints the new office's id. office list: one office a line, tab-separated
// (id, county code, county, municipalities, enabled clerks, name) under a
// header line. Returns the exit code.
int officeCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
