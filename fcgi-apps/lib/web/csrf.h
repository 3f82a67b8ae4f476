// CSRF tokens: an HMAC over a binding (the pre-session cookie for anonymous
// forms, the session for logged-in ones) and the time of issue. A token is
// valid only with the same binding, within maxAge, under any of the
// configured secrets (the first one signs), so secrets can be rotated.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::web {

class Csrf {
public:
    Csrf(std::vector<std::string> secrets, std::int64_t maxAgeSeconds);

    std::string issue(std::string_view binding, std::int64_t now) const;
    bool verify(std::string_view token, std::string_view binding, std::int64_t now) const;

private:
    std::string mac(const std::string& key, std::string_view binding, std::uint64_t issuedAt) const;

    std::vector<std::string> keys_;  // derived per purpose from the secrets
    std::int64_t maxAge_;
};

}  // namespace ktk::web
