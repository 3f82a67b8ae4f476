// OpenID Connect Back-Channel Logout 1.0: the logout token a service gets
// when a portal session it signed in from ends (§2.4), and when a
// delivery that failed is tried again. Pure: the queue and the delivery
// are in logout_delivery.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "oidc/jose.h"

namespace ktk::oidc {

// A logout token is checked at once by the service: two minutes are
// plenty, and a token caught in transit is useless soon after.
constexpr std::int64_t kLogoutTokenSeconds = 120;
constexpr std::string_view kBackchannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

struct LogoutFacts {
    std::string issuer;    // as in the ID tokens (base_url)
    std::string clientId;  // the audience
    std::string sub;       // the account's subject, as in the ID tokens (subjectOf)
    std::string sid;       // the ended session's, as in the ID tokens (sidOf)
    std::string jti;       // unique per token: the service refuses a replay
    std::int64_t now = 0;
};

// The signed logout token: header typ "logout+jwt" with the key's alg and
// kid; claims iss, sub, aud, iat, exp (iat + kLogoutTokenSeconds), jti,
// sid and events {kBackchannelLogoutEvent: {}}. Never a nonce (§2.4: a
// logout token with one is refused, so it cannot pass for an ID token).
std::string logoutToken(const Key& key, const LogoutFacts& facts);

// The retry schedule of a delivery that failed: 10 s after the first
// attempt, doubling, at most 10 minutes apart; a delivery queued a day
// ago is given up (the service's own session will have ended by then).
constexpr std::int64_t kLogoutFirstRetrySeconds = 10;
constexpr std::int64_t kLogoutMaxRetrySeconds = 600;
constexpr std::int64_t kLogoutGiveUpSeconds = 24 * 3600;

// The wait after failed attempt number `attempts` (1, 2, …).
std::int64_t logoutRetryDelay(unsigned attempts);
// When to try again after failed attempt number `attempts` at `now`, for
// a row queued at `queuedAt`; nullopt: give up.
std::optional<std::int64_t> logoutRetryAt(unsigned attempts, std::int64_t queuedAt, std::int64_t now);

}  // namespace ktk::oidc
