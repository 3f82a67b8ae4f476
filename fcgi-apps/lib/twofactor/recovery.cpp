#include "twofactor/recovery.h"

#include "crypto/random.h"

namespace ktk::twofactor {

namespace {

constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";  // Crockford's base32
constexpr std::size_t kLength = 12;

}  // namespace

std::vector<std::string> newRecoveryCodes() {
    std::vector<std::string> codes;
    while (codes.size() < kRecoveryCodes) {
        const std::string bytes = crypto::randomBytes(kLength);
        std::string code;
        for (std::size_t i = 0; i < kLength; ++i) {
            if (i > 0 && i % 4 == 0) code += '-';
            code += kAlphabet[static_cast<unsigned char>(bytes[i]) & 31];
        }
        codes.push_back(code);
    }
    return codes;
}

std::optional<std::string> normalizeRecoveryCode(std::string_view typed) {
    std::string out;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c == 'i' || c == 'l') c = '1';
        if (c == 'o') c = '0';
        bool known = false;
        for (const char* a = kAlphabet; *a; ++a) known = known || *a == c;
        if (!known || out.size() == kLength) return std::nullopt;
        out += c;
    }
    if (out.size() != kLength) return std::nullopt;
    return out;
}

std::string recoveryCodeHash(std::uint64_t userId, std::string_view normalized) {
    return crypto::sha256Hex("ktk recovery code:" + std::to_string(userId) + ":" + std::string(normalized));
}

}  // namespace ktk::twofactor
