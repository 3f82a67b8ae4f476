// Randomness, hashing and MACs in the shapes the portal needs, from
// libsodium: OpenSSL 3 fetches an algorithm on every one-shot HMAC/SHA-256
// call, and initialising it costs each FastCGI process about 250 KB of RSS
// (measured); libsodium is linked in for argon2id anyway.
#pragma once

#include <string>
#include <string_view>

namespace ktk::crypto {

std::string randomBytes(std::size_t n);
std::string randomHex(std::size_t bytes);
// A URL-safe token carrying 256 random bits (43 characters).
std::string randomToken();
// True when `text` has the shape randomToken() gives (43 URL-safe
// characters): anything else is never looked up.
bool isToken(std::string_view text);

std::string sha256(std::string_view data);       // 32 raw bytes
std::string sha256Hex(std::string_view data);    // 64 hex characters
std::string hmacSha256(std::string_view key, std::string_view data);  // raw

// A keyed BLAKE2b MAC (32 raw bytes) for MACs made on every page view: one
// compression for short messages where HMAC-SHA-256 needs four.
// The key must be 16–64 bytes.
std::string mac(std::string_view key, std::string_view data);

bool constantTimeEqual(std::string_view a, std::string_view b);

std::string toHex(std::string_view raw);
std::string base64UrlEncode(std::string_view raw);
// Returns false on any character outside the URL-safe alphabet.
bool base64UrlDecode(std::string_view text, std::string& out);

}  // namespace ktk::crypto
