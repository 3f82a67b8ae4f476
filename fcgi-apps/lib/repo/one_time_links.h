// Links mailed to a person that work once: the password-reset link and the
// address confirmation today, OIDC codes and address changes next. The
// token carries 256 random bits (crypto::randomToken); only its SHA-256 is
// stored; using it is one UPDATE … WHERE used_at IS NULL AND expires_at >
// now with an affected-rows check, so of two presses of a button exactly
// one wins. A token that is not shaped like ours is never looked up.
//
// Each kind of link is a table with the columns user_id, token_hash,
// created_at, expires_at, used_at, named by a traits type below (SQL stays
// string literals).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "db/database.h"

namespace ktk::repo {

struct PasswordResetLinks {
    static constexpr char kCreate[] =
        "INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)";
    static constexpr char kUse[] =
        "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?";
    static constexpr char kRead[] =
        "SELECT user_id, used_at IS NOT NULL, expires_at > ? FROM password_resets WHERE token_hash = ?";
    static constexpr char kVoidAll[] =
        "UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL";
    static constexpr char kDeleteAll[] = "DELETE FROM password_resets WHERE user_id = ?";
};

struct ConfirmationLinks {
    static constexpr char kCreate[] =
        "INSERT INTO email_confirmations (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)";
    static constexpr char kUse[] =
        "UPDATE email_confirmations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?";
    static constexpr char kRead[] =
        "SELECT user_id, used_at IS NOT NULL, expires_at > ? FROM email_confirmations WHERE token_hash = ?";
    static constexpr char kVoidAll[] =
        "UPDATE email_confirmations SET used_at = ? WHERE user_id = ? AND used_at IS NULL";
    static constexpr char kDeleteAll[] = "DELETE FROM email_confirmations WHERE user_id = ?";
};

enum class LinkState {
    Valid,    // inspect: usable; use: used up just now, by this call
    Used,     // used before (or voided)
    Expired,  // never used, too old
    Unknown,  // no such link, or not a token at all
};

struct Link {
    LinkState state = LinkState::Unknown;
    std::uint64_t userId = 0;  // whose link, for every state but Unknown
};

// A new link for the user, valid for `lifetime` seconds; returns the token
// to mail (it is nowhere else).
template <class Links>
std::string createLink(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::int64_t lifetime);

// What the link is, changing nothing (a GET or HEAD of it).
template <class Links>
Link inspectLink(db::Tx& tx, std::string_view token, std::int64_t now);

// Uses the link up: Valid only for the one call that used it.
template <class Links>
Link useLink(db::Tx& tx, std::string_view token, std::int64_t now);

// Every link of the user not used yet becomes void (Used).
template <class Links>
void voidLinks(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// Every link of the user is gone: from now on each is Unknown, as if it
// had never been sent (a replaced registration's links).
template <class Links>
void deleteLinks(db::Tx& tx, std::uint64_t userId);

}  // namespace ktk::repo
