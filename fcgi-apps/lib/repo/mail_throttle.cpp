#include "repo/mail_throttle.h"

#include "util/clock.h"

namespace ktk::repo {

MailSlot takeMailSlot(db::Tx& tx, std::uint64_t userId, const std::string& purpose, std::int64_t now,
                      std::int64_t intervalSeconds) {
    const std::string at = util::sqlTime(now);
    // An old slot is taken by moving its time; the row lock makes a
    // parallel request re-read the new time and find it too recent. This
    // never depends on how the driver counts unchanged rows.
    if (tx.update("UPDATE mail_throttle SET sent_at = ? WHERE user_id = ? AND purpose = ? AND sent_at <= ?", at,
                  userId, purpose, util::sqlTime(now - intervalSeconds)) != 1 &&
        // The row exists and is recent, or a parallel request just made it.
        tx.insert("INSERT INTO mail_throttle (user_id, purpose, sent_at) VALUES (?, ?, ?)", userId, purpose, at) !=
            db::Insert::Added)
        return MailSlot::TooSoon;
    // The row is ours until commit: the day's mails are counted by one
    // request at a time.
    const std::string dayAgo = util::sqlTime(now - kMailDaySeconds);
    std::int64_t sentToday = 0;
    {
        db::Row r = tx.query("SELECT COUNT(*) FROM mail_throttle_log WHERE user_id = ? AND purpose = ? AND sent_at > ?",
                             userId, purpose, dayAgo);
        if (r->next()) sentToday = r->getInt64(1);
    }
    if (sentToday >= kMailsPerDay) {
        // Nothing goes out: the minute counts from the last mail sent.
        tx.update("UPDATE mail_throttle SET sent_at = (SELECT MAX(sent_at) FROM mail_throttle_log"
                  " WHERE user_id = ? AND purpose = ?) WHERE user_id = ? AND purpose = ?",
                  userId, purpose, userId, purpose);
        return MailSlot::DayFull;
    }
    tx.update("DELETE FROM mail_throttle_log WHERE user_id = ? AND purpose = ? AND sent_at <= ?", userId, purpose,
              dayAgo);
    tx.update("INSERT INTO mail_throttle_log (user_id, purpose, sent_at) VALUES (?, ?, ?)", userId, purpose, at);
    return MailSlot::Taken;
}

}  // namespace ktk::repo
