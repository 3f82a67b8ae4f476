// ktk-admin's `programme …` and `rates …` commands: the subsidy rules the
// applications are measured against, kept as data (README, "Subsidy
// rules"). Every change is audited with the row before and after.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

// programme list: one type a line, tab-separated, under a header line.
// programme set CODE [--name-hu T] [--name-en T] [--min-hours N]
//   [--max-hours N] [--max-months N] [--max-wage-support-pct N]
//   [--material-share-pct N] [--active yes|no] [--source TEXT]: changes
//   the options given; a new code needs every one but --active.
int programmeCommand(const config::Config& config, const std::vector<std::string>& args);

// rates list: one year a line ("-" for a wage not confirmed).
// rates set --year Y [--wage-basic N] [--wage-skilled N] [--wage-leader N]
//   [--wage-leader-skilled N] [--contribution-pct P] [--source TEXT]
//   [--unconfirmed TEXT]: forints a month, full time; P with at most two
//   decimals (13 or 13.00); a wage given as "-" is not confirmed. A new
//   year needs the first two wages, the contribution and the source.
int ratesCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
