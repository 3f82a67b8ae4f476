// Randomness, hashing and MACs from OpenSSL, in the shapes the portal needs.
#pragma once

#include <string>
#include <string_view>

namespace ktk::crypto {

std::string randomBytes(std::size_t n);
std::string randomHex(std::size_t bytes);
// A URL-safe token carrying 256 random bits (43 characters).
std::string randomToken();

std::string sha256(std::string_view data);       // 32 raw bytes
std::string sha256Hex(std::string_view data);    // 64 hex characters
std::string hmacSha256(std::string_view key, std::string_view data);  // raw

bool constantTimeEqual(std::string_view a, std::string_view b);

std::string toHex(std::string_view raw);
std::string base64UrlEncode(std::string_view raw);
// Returns false on any character outside the URL-safe alphabet.
bool base64UrlDecode(std::string_view text, std::string& out);

}  // namespace ktk::crypto
