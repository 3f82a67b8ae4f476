// Forgotten-password requests waiting for the mail worker (table
// password_reset_requests): the web request stores one, the worker takes
// them oldest first. Two workers never take the same one (SKIP LOCKED).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"

namespace ktk::repo {

struct ResetRequest {
    std::uint64_t id = 0;
    std::string emailKey;
    std::string clientAddress;  // "" when none was recorded
    std::int64_t requestedAt = 0;
};

void addResetRequest(db::Tx& tx, std::string_view emailKey, std::string_view clientAddress, std::int64_t now);

// The oldest request no other unit of work holds, locked until this one
// ends; nullopt when none waits.
std::optional<ResetRequest> takeResetRequest(db::Tx& tx);

void deleteResetRequest(db::Tx& tx, std::uint64_t id);

}  // namespace ktk::repo
