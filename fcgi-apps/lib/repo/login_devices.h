// The device cookies' own failure counts (table login_devices; the token
// is service/device_token.h, the rule service/login.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "db/database.h"

namespace ktk::repo {

// Wrong passwords sent with one device cookie revoke it at this count.
constexpr unsigned kDeviceFailureLimit = 10;

struct DeviceState {
    std::uint64_t userId = 0;
    unsigned failures = 0;
    bool revoked = false;
};

// No row: the device has no failures.
std::optional<DeviceState> loadDevice(db::Tx& tx, std::string_view nonceHash);

// Counts one failure of the device (revoked at kDeviceFailureLimit) and
// returns the new state; also clears rows of devices whose last failure
// is older than `forgetBefore` (their cookies have expired).
DeviceState recordDeviceFailure(db::Tx& tx, std::string_view nonceHash, std::uint64_t userId, std::int64_t now,
                                std::int64_t forgetBefore);

// The device logged in: its count is forgotten (its cookie is replaced).
void forgetDevice(db::Tx& tx, std::string_view nonceHash);

// Every device cookie of the account issued at or before `at` counts no
// more (users.devices_revoked_at): the address of the account changed or
// was switched back (service/email_change.h).
void revokeDevices(db::Tx& tx, std::uint64_t userId, std::int64_t at);
// Whether a cookie of the account issued at `issuedAt` was revoked so.
bool deviceRevoked(db::Tx& tx, std::uint64_t userId, std::int64_t issuedAt);

}  // namespace ktk::repo
