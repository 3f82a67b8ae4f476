// Device cookies against targeted lockout (OWASP, "Slow Down Online
// Guessing Attacks with Device Cookies"; README, "Device cookies"). After a
// successful login the browser gets a token naming the account: the
// account id, when it was issued, a random part, and a MAC over the three
// with a key derived from the configured secrets (the first signs, all
// verify, like the CSRF tokens). Nothing is stored when it is issued; the
// random part keys the device's own failure count (repo/login_devices.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::service {

// How long a device stays known without a new login.
constexpr std::int64_t kDeviceTokenMaxAge = 180LL * 24 * 3600;

struct DeviceToken {
    std::uint64_t userId = 0;
    std::int64_t issuedAt = 0;
    std::string nonceHash;  // SHA-256 hex of the random part: the device's key in the store
};

class DeviceTokens {
public:
    explicit DeviceTokens(const std::vector<std::string>& secrets);
    // A new token for the account (64 URL-safe characters).
    std::string issue(std::uint64_t userId, std::int64_t now) const;
    // The token's contents when its MAC is right and it is neither from
    // the future nor older than kDeviceTokenMaxAge; else nullopt.
    std::optional<DeviceToken> verify(std::string_view token, std::int64_t now) const;

private:
    std::string mac(const std::string& key, std::string_view body) const;
    std::vector<std::string> keys_;
};

}  // namespace ktk::service
