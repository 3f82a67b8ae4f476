#include "web/csrf.h"

#include "crypto/random.h"

namespace ktk::web {
namespace {
constexpr std::size_t kMacBytes = 16;
constexpr std::int64_t kClockSkew = 60;
}  // namespace

Csrf::Csrf(std::vector<std::string> secrets, std::int64_t maxAgeSeconds) : maxAge_(maxAgeSeconds) {
    for (const auto& s : secrets) keys_.push_back(crypto::hmacSha256(s, "ktk csrf key"));
}

std::string Csrf::mac(const std::string& key, std::string_view binding, std::uint64_t issuedAt) const {
    std::string msg;
    msg.reserve(binding.size() + 9);
    for (int i = 7; i >= 0; --i) msg += static_cast<char>((issuedAt >> (i * 8)) & 0xff);
    msg.append(binding);
    return crypto::mac(key, msg).substr(0, kMacBytes);
}

std::string Csrf::issue(std::string_view binding, std::int64_t now) const {
    std::string raw;
    auto t = static_cast<std::uint64_t>(now);
    for (int i = 7; i >= 0; --i) raw += static_cast<char>((t >> (i * 8)) & 0xff);
    raw += mac(keys_.front(), binding, t);
    return crypto::base64UrlEncode(raw);
}

bool Csrf::verify(std::string_view token, std::string_view binding, std::int64_t now) const {
    if (binding.empty() || token.size() > 64) return false;
    std::string raw;
    if (!crypto::base64UrlDecode(token, raw) || raw.size() != 8 + kMacBytes) return false;
    std::uint64_t t = 0;
    for (int i = 0; i < 8; ++i) t = (t << 8) | static_cast<unsigned char>(raw[i]);
    auto issuedAt = static_cast<std::int64_t>(t);
    if (issuedAt > now + kClockSkew || now - issuedAt > maxAge_) return false;
    std::string_view given(raw.data() + 8, kMacBytes);
    bool ok = false;
    for (const auto& key : keys_) ok |= crypto::constantTimeEqual(mac(key, binding, t), given);
    return ok;
}

}  // namespace ktk::web
