#include "oidc/backchannel.h"

#include "util/json.h"

namespace ktk::oidc {

std::string logoutToken(const Key& key, const LogoutFacts& f) {
    util::Json t;
    t["iss"] = f.issuer;
    t["sub"] = f.sub;
    t["aud"] = f.clientId;
    t["iat"] = f.now;
    t["exp"] = f.now + kLogoutTokenSeconds;
    t["jti"] = f.jti;
    t["sid"] = f.sid;
    t["events"] = {{std::string(kBackchannelLogoutEvent), util::Json::object()}};
    return signJwt(key, t, "logout+jwt");
}

std::int64_t logoutRetryDelay(unsigned attempts) {
    std::int64_t delay = kLogoutFirstRetrySeconds;
    for (unsigned i = 1; i < attempts && delay < kLogoutMaxRetrySeconds; ++i) delay *= 2;
    return delay < kLogoutMaxRetrySeconds ? delay : kLogoutMaxRetrySeconds;
}

std::optional<std::int64_t> logoutRetryAt(unsigned attempts, std::int64_t queuedAt, std::int64_t now) {
    const std::int64_t at = now + logoutRetryDelay(attempts);
    if (at > queuedAt + kLogoutGiveUpSeconds) return std::nullopt;
    return at;
}

}  // namespace ktk::oidc
