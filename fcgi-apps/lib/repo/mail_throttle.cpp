#include "repo/mail_throttle.h"

#include "util/clock.h"

namespace ktk::repo {

bool takeMailSlot(db::Tx& tx, std::uint64_t userId, const std::string& purpose, std::int64_t now,
                  std::int64_t intervalSeconds) {
    // An old slot is taken by moving its time; the row lock makes a
    // parallel request re-read the new time and find it too recent. This
    // never depends on how the driver counts unchanged rows.
    if (tx.update("UPDATE mail_throttle SET sent_at = ? WHERE user_id = ? AND purpose = ? AND sent_at <= ?",
                  util::sqlTime(now), userId, purpose, util::sqlTime(now - intervalSeconds)) == 1)
        return true;
    // The row exists and is recent, or a parallel request just made it.
    return tx.insert("INSERT INTO mail_throttle (user_id, purpose, sent_at) VALUES (?, ?, ?)", userId, purpose,
                     util::sqlTime(now)) == db::Insert::Added;
}

}  // namespace ktk::repo
