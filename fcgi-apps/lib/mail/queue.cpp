#include "mail/queue.h"

#include "db/database.h"
#include "mail/compose.h"
#include "util/clock.h"

namespace ktk::mail {

std::uint64_t enqueue(db::Tx& tx, const config::Config& config, const view::Views& views, const Message& message) {
    const std::int64_t now = util::now();
    Composed c = compose(config, views, message, now);
    const std::string at = util::sqlTime(now);
    tx.update(
        "INSERT INTO mail_queue (kind, language, message_id, envelope_from, recipient, message,"
        " status, attempts, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)",
        message.kind, code(message.lang), c.messageId, config.mailFrom, c.recipient, c.bytes, at, at);
    return tx.lastInsertId();
}

}  // namespace ktk::mail
