// A logged-in user's language: what the language switch stores, so that
// later pages (when no ?lang= or cookie decides) and every mail to the
// user come in the language they chose last.
#pragma once

#include <cstdint>

#include "db/fwd.h"
#include "domain/lang.h"

namespace ktk::service {

// Sets users.language; returns false when the account is gone.
bool storeLanguage(db::Database& db, std::uint64_t userId, domain::Lang lang);

}  // namespace ktk::service
