// Secrets kept in the database encrypted under a key from the config:
// the OIDC signing keys' private halves now, the second factor's secrets
// next. XChaCha20-Poly1305 (libsodium) with a random 192-bit nonce, and
// the row's identity as associated data, so a sealed value moved to
// another row does not open.
//
// The key is derived from one of the config's secrets (secret_file) for a
// purpose named by the caller; its id (16 hex characters of a hash of the
// derived key) is stored beside the sealed value, so that after the
// secrets rotate (a new first secret, the old ones kept) what was sealed
// before still opens with the secret it was sealed under.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktk::crypto {

struct Sealed {
    std::string keyId;  // 16 hex characters
    std::string text;   // base64url: nonce, then ciphertext with its tag
};

// Seals `plain` under the key derived from the first of `secrets` for `purpose`.
Sealed seal(const std::vector<std::string>& secrets, std::string_view purpose, std::string_view associated,
            std::string_view plain);

// The plain bytes, or nullopt when no secret's key has the id, the text is
// not ours, or it was changed or sealed with other associated data.
std::optional<std::string> unseal(const std::vector<std::string>& secrets, std::string_view purpose,
                                  std::string_view associated, const Sealed& sealed);

}  // namespace ktk::crypto
