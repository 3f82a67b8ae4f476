// ktk-admin's `municipality …` commands: the municipalities (önkormányzatok)
// of the district offices, each known by its unique tax number.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// municipality add --office ID --name NAME --tax-number T: prints the new
// municipality's id; a tax number already registered is refused, naming
// the municipality that holds it. municipality list [--office ID]: one a
// line, tab-separated (id, tax number, office id, linked accounts, name)
// under a header line. Returns the exit code.
int municipalityCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
