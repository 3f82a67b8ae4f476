// ktk-admin's `audit …` commands: the audit log's hash chains
// (domain/audit_chain.h). A chain is named by its office's id, or `none`
// for the rows of no office.
//
//   audit verify [--office ID|none] [--anchor FILE]
//       walks every chain (or the one) and prints each one's rows checked,
//       or the first row that does not fit and why; with --anchor, also
//       holds each line of an earlier `audit head` output against the
//       chain. Exit 0 when everything fits, 1 when anything does not.
//   audit head [--office ID|none]
//       each chain's length, last row and hash, tab-separated under a
//       header line: what is kept outside the database.
//   audit adopt
//       chains the rows a program older than the chains wrote during the
//       upgrade (verify names them); audited as audit.adopt.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace ktk::cli {

int auditCommand(const config::Config& config, const std::vector<std::string>& args);

}  // namespace ktk::cli
