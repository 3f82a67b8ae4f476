#include "twofactor/totp.h"

#include "crypto/random.h"
#include "view/views.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ktk::twofactor {

std::string newSecret() { return crypto::randomBytes(kSecretBytes); }

std::string base32(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::string grouped(std::string_view base32Text) {
    std::string out;
    for (std::size_t i = 0; i < base32Text.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += base32Text[i];
    }
    return out;
}

std::string keyUri(std::string_view issuer, std::string_view account, std::string_view secret) {
    const std::string label = view::percentEncode(issuer) + ":" + view::percentEncode(account);
    return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + view::percentEncode(issuer) +
           "&algorithm=SHA1&digits=" + std::to_string(kDigits) + "&period=" + std::to_string(kStepSeconds);
}

std::int64_t stepAt(std::int64_t unixTime) { return unixTime / kStepSeconds; }

std::string codeAt(std::string_view secret, std::int64_t step, int digits) {
    unsigned char counter[8];
    for (int i = 7; i >= 0; --i) {
        counter[i] = static_cast<unsigned char>(step & 0xff);
        step >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int macLength = 0;
    HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter, sizeof counter, mac, &macLength);
    // RFC 4226 §5.3: the dynamic truncation.
    const int offset = mac[macLength - 1] & 0x0f;
    const std::uint32_t binary = (std::uint32_t(mac[offset] & 0x7f) << 24) | (std::uint32_t(mac[offset + 1]) << 16) |
                                 (std::uint32_t(mac[offset + 2]) << 8) | std::uint32_t(mac[offset + 3]);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::optional<std::string> normalizeCode(std::string_view typed) {
    std::string digits;
    for (char c : typed) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != ' ' && c != '-') return std::nullopt;
        if (digits.size() > static_cast<std::size_t>(kDigits)) return std::nullopt;
    }
    if (digits.size() != static_cast<std::size_t>(kDigits)) return std::nullopt;
    return digits;
}

std::optional<std::int64_t> acceptedStep(std::string_view secret, std::string_view typed, std::int64_t now,
                                         std::int64_t lastUsedStep) {
    const std::optional<std::string> code = normalizeCode(typed);
    if (!code) return std::nullopt;
    std::optional<std::int64_t> accepted;
    const std::int64_t current = stepAt(now);
    // Every candidate is computed and compared, whichever matches.
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
        const bool same = crypto::constantTimeEqual(codeAt(secret, step), *code);
        if (same && step > lastUsedStep && !accepted) accepted = step;
    }
    return accepted;
}

}  // namespace ktk::twofactor
