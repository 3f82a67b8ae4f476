#include "service/language_choice.h"

#include <string>

#include "db/database.h"

namespace ktk::service {

bool storeLanguage(db::Database& db, std::uint64_t userId, domain::Lang lang) {
    return db.transact([&](db::Tx& tx) {
        // Affected rows are 0 when the language is already this one, so the
        // account's existence is checked separately.
        tx.update("UPDATE users SET language = ? WHERE id = ?", std::string(code(lang)), userId);
        return tx.query("SELECT 1 FROM users WHERE id = ?", userId)->next();
    });
}

}  // namespace ktk::service
