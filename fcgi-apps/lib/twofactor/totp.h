// Time-based one-time passwords (RFC 6238) as every authenticator app
// speaks them by default: HMAC-SHA-1, 30-second steps, six digits, the
// secret shown as base32 (RFC 4648) and in an otpauth:// URI for the QR
// code.
//
// Written on OpenSSL's HMAC rather than taken from liboath (README,
// dependency table): the arithmetic is the HOTP truncation of RFC 4226
// §5.3 and a step count, a dozen lines checked against the RFCs' own
// vectors; liboath would add a shared library to every program for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ktk::twofactor {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;
constexpr std::size_t kSecretBytes = 20;  // 160 bits, RFC 4226 §4 R6

// A new random secret (raw bytes).
std::string newSecret();

// RFC 4648 base32 without padding, upper case ("MZXW6YTBOI" for "foobar").
std::string base32(std::string_view bytes);

// The base32 text in groups of four for reading aloud or typing:
// "MZXW 6YTB OI".
std::string grouped(std::string_view base32Text);

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
// (Google Authenticator's key URI format, percent-encoded).
std::string keyUri(std::string_view issuer, std::string_view account, std::string_view secret);

// The step of a Unix time (RFC 6238 T, with T0 = 0).
std::int64_t stepAt(std::int64_t unixTime);

// The code of `step` (kDigits digits, leading zeros kept). `digits` is for
// the RFCs' eight-digit test vectors.
std::string codeAt(std::string_view secret, std::int64_t step, int digits = kDigits);

// What a person typed, as six digits ("123 456" and "123-456" allowed),
// or nullopt.
std::optional<std::string> normalizeCode(std::string_view typed);

// The step whose code `typed` is, among the steps one before `now`'s to
// one after, newer than `lastUsedStep` (a code is accepted once only);
// nullopt when none. Compared in constant time.
std::optional<std::int64_t> acceptedStep(std::string_view secret, std::string_view typed, std::int64_t now,
                                         std::int64_t lastUsedStep);

}  // namespace ktk::twofactor
