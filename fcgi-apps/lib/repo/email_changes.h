// Requests to change an account's e-mail address (table email_changes,
// migration 0025; the flow is service/email_change.h). Tokens are made and
// checked as repo/one_time_links.h does (crypto::randomToken, 256 bits;
// only the SHA-256 stored; a text not shaped like a token is never looked
// up), but a request carries two addresses and three links, so it has a
// table and queries of its own. Every function runs in the caller's unit
// of work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.h"

namespace ktk::repo {

struct EmailChange {
    std::uint64_t id = 0;
    std::uint64_t userId = 0;
    std::optional<std::uint64_t> requestedBy;
    std::string oldEmail;
    std::string oldEmailKey;
    std::string newEmail;
    std::string newEmailKey;
    std::int64_t createdAt = 0;
    std::int64_t expiresAt = 0;
    std::optional<std::int64_t> confirmedAt;
    std::int64_t cancelUntil = 0;
    std::optional<std::int64_t> cancelledAt;
};

struct NewEmailChange {
    std::uint64_t userId = 0;
    std::optional<std::uint64_t> requestedBy;
    std::string oldEmail, oldEmailKey, newEmail, newEmailKey;
};

// The tokens of a new request, for the mails (they are nowhere else).
struct EmailChangeTokens {
    std::string confirm;
    std::string cancel;
};

// Stores a request made at `now` whose confirmation link (and, until it is
// confirmed, the cancel link) lasts `lifetime` seconds.
EmailChangeTokens createEmailChange(db::Tx& tx, const NewEmailChange& change, std::int64_t now,
                                    std::int64_t lifetime);

// The request whose confirmation link is `token`, or whose cancel or
// revert link is (`byCancelToken`); nothing for anything else. ForUpdate
// locks the row until the unit of work ends.
std::optional<EmailChange> findByConfirmToken(db::Tx& tx, std::string_view token, bool forUpdate = false);
std::optional<EmailChange> findByCancelToken(db::Tx& tx, std::string_view token, bool forUpdate = false);

// The request is confirmed at `now`: its cancel links last until
// `cancelUntil`; returns the new revert token (for the mail to the old
// address). Only for a request neither confirmed nor cancelled (the
// caller holds its row lock).
std::string markEmailChangeConfirmed(db::Tx& tx, std::uint64_t id, std::int64_t now, std::int64_t cancelUntil);

// Cancelled (or switched back) at `now`.
void markEmailChangeCancelled(db::Tx& tx, std::uint64_t id, std::int64_t now);

// The account's pending requests (not confirmed, not cancelled) other than
// `keepId` become void: their links say "used". A confirmed request's
// cancel links stay: a later request or change by whoever holds the
// account must not take the old owner's way back.
void voidPendingEmailChanges(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::uint64_t keepId = 0);
// Every open request of the account, confirmed ones too (after switching back).
void voidEmailChanges(db::Tx& tx, std::uint64_t userId, std::int64_t now);

// The account's stored lookup key (users.email_key), "" for no account:
// the key as it was made, even for an address today's rules would refuse.
std::string storedEmailKey(db::Tx& tx, std::uint64_t userId);

// Sets the account's address (value and key). False, changing nothing,
// when another account holds the key.
bool setAccountEmail(db::Tx& tx, std::uint64_t userId, const std::string& email, const std::string& key);

}  // namespace ktk::repo
