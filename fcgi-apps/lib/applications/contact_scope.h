// Who acts on the municipality's side, and the one gate every unit of work
// on an application passes: the application must be one of the contact's
// municipality's. Any other id is answered as an unknown one and the
// attempt is audited as `application.denied`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "applications/application_store.h"
#include "db/fwd.h"

namespace ktk::applications {

// A linked contact of a municipality.
struct Contact {
    std::uint64_t userId = 0;
    std::uint64_t municipalityId = 0;
    std::string clientAddress;
};

// An audit row of the contact's act on their municipality's application.
void auditContact(db::Tx& tx, const Contact& who, const char* action, std::optional<std::string> before,
                  std::optional<std::string> after);

// Application `id` when it is the contact's municipality's (locked as
// asked); nullopt, audited, otherwise.
std::optional<StoredApplication> loadOwnApplication(db::Tx& tx, const Contact& who, std::uint64_t id,
                                                    RowLock lock = RowLock::None);

}  // namespace ktk::applications
