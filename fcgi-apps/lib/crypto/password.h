// Password hashing: argon2id through libsodium, m = 19 MiB, t = 2, p = 1
// (OWASP), stored as the standard PHC string. The only place the portal
// touches a password; callers never compare hashes themselves.
// The memory a hash works in is kept between hashes while requests keep
// coming, and given back with releaseHashMemory (password.cpp says how).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace ktk::crypto {

struct HashParams {
    unsigned long long opsLimit = 2;               // t
    std::size_t memLimitBytes = 19u * 1024 * 1024;  // m = 19456 KiB
};

// The PHC string ($argon2id$v=19$m=19456,t=2,p=1$…). Throws
// std::runtime_error when the hash cannot be computed (out of memory).
std::string hashPassword(std::string_view password, const HashParams& params = {});

// True when `password` matches `phc`; false for a wrong password and for a
// malformed or non-argon2id hash.
bool verifyPassword(std::string_view password, const std::string& phc);

// True when `phc` was made with other parameters than `params` (rehash it
// at the next successful login).
bool needsRehash(const std::string& phc, const HashParams& params = {});

// A valid hash of a random password, verified against when the account is
// unknown so that the answer takes as long as for a real account.
const std::string& dummyHash();

// True when the program is linked to keep the memory of a hash for the
// next one (the static build); else every hash maps its own.
bool hashMemoryReusable();

// True while the memory of the last hash is kept (wiped) for the next one.
bool hashMemoryHeld();

// Gives the kept memory back to the system; the next hash maps it anew.
// The FastCGI loop calls it when no request is waiting.
void releaseHashMemory();

namespace detail {
// The non-zero bytes in the kept memory (0 when none is kept): it must be
// wiped after every hash. For the tests.
std::size_t heldHashMemoryNonZeroBytes();
// Where the kept memory lies and its size ({nullptr, 0} when none is kept).
std::pair<const void*, std::size_t> heldHashMemory();
}  // namespace detail

}  // namespace ktk::crypto
