#include "repo/reset_requests.h"

#include "util/clock.h"

namespace ktk::repo {

void addResetRequest(db::Tx& tx, std::string_view emailKey, std::string_view clientAddress, std::int64_t now) {
    std::optional<std::string> address;
    if (!clientAddress.empty()) address = std::string(clientAddress.substr(0, 45));
    tx.update("INSERT INTO password_reset_requests (email_key, client_address, requested_at) VALUES (?, ?, ?)",
              emailKey, address, util::sqlTime(now));
}

std::optional<ResetRequest> takeResetRequest(db::Tx& tx) {
    db::Row r = tx.query("SELECT id, email_key, client_address, requested_at FROM password_reset_requests"
                         " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
    if (!r->next()) return std::nullopt;
    ResetRequest q;
    q.id = r->getUInt64(1);
    q.emailKey = r->getString(2);
    if (!r->isNull(3)) q.clientAddress = r->getString(3);
    q.requestedAt = util::parseSqlTime(r->getString(4));
    return q;
}

void deleteResetRequest(db::Tx& tx, std::uint64_t id) {
    tx.update("DELETE FROM password_reset_requests WHERE id = ?", id);
}

}  // namespace ktk::repo
