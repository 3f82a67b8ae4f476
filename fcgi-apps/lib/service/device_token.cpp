#include "service/device_token.h"

#include "crypto/random.h"

namespace ktk::service {

namespace {
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kMacBytes = 16;
constexpr std::size_t kBodyBytes = 8 + 8 + kNonceBytes;
constexpr std::int64_t kClockSkew = 60;

void putU64(std::string& out, std::uint64_t v) {
    for (int i = 7; i >= 0; --i) out += static_cast<char>((v >> (i * 8)) & 0xff);
}
std::uint64_t getU64(std::string_view in) {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
    return v;
}
}  // namespace

DeviceTokens::DeviceTokens(const std::vector<std::string>& secrets) {
    for (const auto& s : secrets) keys_.push_back(crypto::hmacSha256(s, "ktk device key"));
}

std::string DeviceTokens::mac(const std::string& key, std::string_view body) const {
    return crypto::mac(key, body).substr(0, kMacBytes);
}

std::string DeviceTokens::issue(std::uint64_t userId, std::int64_t now) const {
    std::string raw;
    raw.reserve(kBodyBytes + kMacBytes);
    putU64(raw, userId);
    putU64(raw, static_cast<std::uint64_t>(now));
    raw += crypto::randomBytes(kNonceBytes);
    raw += mac(keys_.front(), raw);
    return crypto::base64UrlEncode(raw);
}

std::optional<DeviceToken> DeviceTokens::verify(std::string_view token, std::int64_t now) const {
    std::string raw;
    if (token.size() != 64 || !crypto::base64UrlDecode(token, raw) || raw.size() != kBodyBytes + kMacBytes)
        return std::nullopt;
    std::string_view body(raw.data(), kBodyBytes), given(raw.data() + kBodyBytes, kMacBytes);
    bool ok = false;
    for (const auto& key : keys_) ok |= crypto::constantTimeEqual(mac(key, body), given);
    if (!ok) return std::nullopt;
    DeviceToken t;
    t.userId = getU64(body.substr(0, 8));
    t.issuedAt = static_cast<std::int64_t>(getU64(body.substr(8, 8)));
    if (t.userId == 0 || t.issuedAt > now + kClockSkew || now - t.issuedAt > kDeviceTokenMaxAge) return std::nullopt;
    t.nonceHash = crypto::sha256Hex(body.substr(16));
    return t;
}

}  // namespace ktk::service
