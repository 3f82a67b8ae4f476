#include "repo/notice_settings.h"

namespace ktk::repo {

bool newDeviceMailChosen(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query("SELECT new_device_mail FROM users WHERE id = ?", userId);
    return !r->next() || r->getBoolean(1);
}

bool chooseNewDeviceMail(db::Tx& tx, std::uint64_t userId, bool on) {
    return tx.update("UPDATE users SET new_device_mail = ? WHERE id = ? AND new_device_mail <> ?", on ? 1 : 0, userId,
                     on ? 1 : 0) > 0;
}

}  // namespace ktk::repo
