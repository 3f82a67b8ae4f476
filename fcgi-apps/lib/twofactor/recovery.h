// Recovery codes: ten single-use codes a person keeps on paper for the
// day the phone is lost. Each is 12 characters of Crockford's base32 (60
// random bits), shown in groups of four ("7kq2-9xmd-w3pa"); what is stored
// is a SHA-256 of the account and the code, never the code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::twofactor {

constexpr std::size_t kRecoveryCodes = 10;

// kRecoveryCodes new codes, as shown to the person.
std::vector<std::string> newRecoveryCodes();

// What a person typed, read as a code: case, spaces and hyphens do not
// matter, and the letters people confuse with digits (i, l → 1; o → 0)
// are read as Crockford's base32 reads them. nullopt: not a code.
std::optional<std::string> normalizeRecoveryCode(std::string_view typed);

// The stored form of a (normalized) code of `userId`: 64 hex characters.
std::string recoveryCodeHash(std::uint64_t userId, std::string_view normalized);

}  // namespace ktk::twofactor
