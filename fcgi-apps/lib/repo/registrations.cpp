#include "repo/registrations.h"

#include "repo/login_throttle.h"
#include "repo/one_time_links.h"
#include "util/clock.h"

namespace ktk::repo {

bool replacePendingRegistration(db::Tx& tx, std::uint64_t userId, const RegistrationData& d, std::int64_t now) {
    if (tx.update("UPDATE users SET email = ?, password_hash = ?, last_name = ?, first_name = ?, phone = ?,"
                  " language = ?, created_at = ? WHERE id = ? AND confirmed_at IS NULL AND disabled_at IS NULL"
                  " AND role = 'contact'",
                  d.email, d.passwordHash, d.lastName, d.firstName, d.phone, code(d.language), util::sqlTime(now),
                  userId) != 1)
        return false;
    deleteLinks<ConfirmationLinks>(tx, userId);
    // Failed logins counted against the old password say nothing of the new one.
    clearThrottle(tx, userId);
    return true;
}

std::vector<PendingRegistration> lockPendingBefore(db::Tx& tx, std::int64_t cutoff, unsigned limit) {
    db::Row r = tx.query("SELECT id, email_key, created_at FROM users WHERE confirmed_at IS NULL"
                         " AND created_at <= ? AND role = 'contact' ORDER BY created_at, id LIMIT ? FOR UPDATE",
                         util::sqlTime(cutoff), limit);
    std::vector<PendingRegistration> out;
    while (r->next()) out.push_back({r->getUInt64(1), r->getString(2), r->getString(3)});
    return out;
}

bool deletePendingRegistration(db::Tx& tx, std::uint64_t userId, std::int64_t cutoff) {
    return tx.update("DELETE FROM users WHERE id = ? AND confirmed_at IS NULL AND created_at <= ?"
                     " AND role = 'contact'",
                     userId, util::sqlTime(cutoff)) == 1;
}

}  // namespace ktk::repo
