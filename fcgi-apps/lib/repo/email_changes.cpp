#include "repo/email_changes.h"

#include "crypto/random.h"
#include "util/clock.h"

namespace ktk::repo {

namespace {

std::optional<std::int64_t> optionalTime(db::Row& r, unsigned column) {
    if (r->isNull(column)) return std::nullopt;
    return util::parseSqlTime(std::string(r->getString(column)));
}

#define KTK_EMAIL_CHANGE_COLUMNS                                                                            \
    "SELECT id, user_id, requested_by, old_email, old_email_key, new_email, new_email_key, created_at, " \
    "expires_at, confirmed_at, cancel_until, cancelled_at FROM email_changes "

std::optional<EmailChange> readOne(db::Row& r) {
    if (!r->next()) return std::nullopt;
    EmailChange c;
    c.id = r->getUInt64(1);
    c.userId = r->getUInt64(2);
    if (!r->isNull(3)) c.requestedBy = r->getUInt64(3);
    c.oldEmail = r->getString(4);
    c.oldEmailKey = r->getString(5);
    c.newEmail = r->getString(6);
    c.newEmailKey = r->getString(7);
    c.createdAt = util::parseSqlTime(std::string(r->getString(8)));
    c.expiresAt = util::parseSqlTime(std::string(r->getString(9)));
    c.confirmedAt = optionalTime(r, 10);
    c.cancelUntil = util::parseSqlTime(std::string(r->getString(11)));
    c.cancelledAt = optionalTime(r, 12);
    return c;
}

}  // namespace

EmailChangeTokens createEmailChange(db::Tx& tx, const NewEmailChange& n, std::int64_t now, std::int64_t lifetime) {
    EmailChangeTokens t{crypto::randomToken(), crypto::randomToken()};
    const std::string until = util::sqlTime(now + lifetime);
    tx.update("INSERT INTO email_changes (user_id, requested_by, old_email, old_email_key, new_email, new_email_key, "
              "confirm_hash, cancel_hash, created_at, expires_at, cancel_until) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              n.userId, n.requestedBy, n.oldEmail, n.oldEmailKey, n.newEmail, n.newEmailKey,
              crypto::sha256Hex(t.confirm), crypto::sha256Hex(t.cancel), util::sqlTime(now), until, until);
    return t;
}

std::optional<EmailChange> findByConfirmToken(db::Tx& tx, std::string_view token, bool forUpdate) {
    if (!crypto::isToken(token)) return std::nullopt;
    const std::string hash = crypto::sha256Hex(token);
    if (forUpdate) {
        db::Row r = tx.query(KTK_EMAIL_CHANGE_COLUMNS "WHERE confirm_hash = ? FOR UPDATE", hash);
        return readOne(r);
    }
    db::Row r = tx.query(KTK_EMAIL_CHANGE_COLUMNS "WHERE confirm_hash = ?", hash);
    return readOne(r);
}

std::optional<EmailChange> findByCancelToken(db::Tx& tx, std::string_view token, bool forUpdate) {
    if (!crypto::isToken(token)) return std::nullopt;
    const std::string hash = crypto::sha256Hex(token);
    if (forUpdate) {
        db::Row r =
            tx.query(KTK_EMAIL_CHANGE_COLUMNS "WHERE cancel_hash = ? OR revert_hash = ? FOR UPDATE", hash, hash);
        return readOne(r);
    }
    db::Row r = tx.query(KTK_EMAIL_CHANGE_COLUMNS "WHERE cancel_hash = ? OR revert_hash = ?", hash, hash);
    return readOne(r);
}

std::string markEmailChangeConfirmed(db::Tx& tx, std::uint64_t id, std::int64_t now, std::int64_t cancelUntil) {
    std::string revert = crypto::randomToken();
    tx.update("UPDATE email_changes SET confirmed_at = ?, cancel_until = ?, revert_hash = ? WHERE id = ?",
              util::sqlTime(now), util::sqlTime(cancelUntil), crypto::sha256Hex(revert), id);
    return revert;
}

void markEmailChangeCancelled(db::Tx& tx, std::uint64_t id, std::int64_t now) {
    tx.update("UPDATE email_changes SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL", util::sqlTime(now),
              id);
}

void voidPendingEmailChanges(db::Tx& tx, std::uint64_t userId, std::int64_t now, std::uint64_t keepId) {
    tx.update("UPDATE email_changes SET cancelled_at = ? WHERE user_id = ? AND cancelled_at IS NULL"
              " AND confirmed_at IS NULL AND id <> ?",
              util::sqlTime(now), userId, keepId);
}

void voidEmailChanges(db::Tx& tx, std::uint64_t userId, std::int64_t now) {
    tx.update("UPDATE email_changes SET cancelled_at = ? WHERE user_id = ? AND cancelled_at IS NULL",
              util::sqlTime(now), userId);
}

std::string storedEmailKey(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query("SELECT email_key FROM users WHERE id = ?", userId);
    return r->next() ? std::string(r->getString(1)) : std::string();
}

bool setAccountEmail(db::Tx& tx, std::uint64_t userId, const std::string& email, const std::string& key) {
    // The unique key on email_key decides, also against a registration
    // committed a moment ago: a refused UPDATE changes nothing.
    return tx.insert("UPDATE users SET email = ?, email_key = ? WHERE id = ?", email, key, userId) ==
           db::Insert::Added;
}

}  // namespace ktk::repo
