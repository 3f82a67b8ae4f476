// Captchas: 5 or 6 characters from an alphabet without look-alikes,
// checked case-insensitively, each usable once, expiring after 10 minutes.
//
// The answer is derived from the random captcha id with an HMAC of the
// configured secret, so the drawing program needs no database; the image
// route draws only a usable id (see usable()). The table keeps only the
// id's hash, the answer's hash, the expiry and when it was used. In test mode (captcha.test_answer) every
// captcha's answer is the configured test answer, still single-use and
// expiring. A check is a cheap query and always runs before any password
// hashing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/config.h"
#include "db/database.h"

namespace ktk::captcha {

constexpr std::int64_t kLifetimeSeconds = 10 * 60;
// No 0/O/Q/D-like pairs, 1/I, 2/Z, 5/S, 6/G/B, 8/B: what is drawn can be read.
constexpr char kAlphabet[] = "ACEFHJKLMNPRTUVWXY3479";

// Ids are crypto::randomToken()s (crypto::isToken checks their shape).

// What the user typed, ready to compare: spaces and hyphens dropped,
// ASCII letters uppercased. Overlong input gives "" (never an answer).
std::string normalizeAnswer(std::string_view typed);

// The answer of captcha `id` (normalised).
std::string answerFor(const config::Config& config, std::string_view id);

// Seed bytes for drawing `id`, so that fetching the image again gives the
// same picture and averaging several fetches reveals nothing new.
std::string drawingSeed(const config::Config& config, std::string_view id);

// Stores a new captcha and returns its id. Also deletes up to 100 expired
// rows, so the table never holds much more than the captchas issued in
// the last kLifetimeSeconds (a flood of GET /register is purged, not
// capped; nginx limits its rate per address).
std::string issue(db::Tx& tx, const config::Config& config);

// True while captcha `id` can still be answered: stored, not used, not
// expired. Only then are its picture and spoken code served.
bool usable(db::Tx& tx, std::string_view id);

enum class Check { Ok, Missing, Wrong };

// Wrong covers a wrong answer and an unknown, expired or used captcha. The
// captcha is used up by this check whatever the answer, so one image
// cannot be guessed at repeatedly.
Check verify(db::Tx& tx, std::string_view id, std::string_view typed);

// The message key shown for a problem ("" for Ok).
const char* messageKey(Check check);

}  // namespace ktk::captcha
