#include "repo/sign_ins.h"

namespace ktk::repo {

std::vector<SignInRow> recentSignIns(db::Tx& tx, std::uint64_t userId, unsigned limit) {
    db::Row r = tx.query(
        "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', created_at) AS at, COALESCE(client_address, '') AS address,"
        " action, COALESCE(after_value, '{}') AS after"
        " FROM audit_log WHERE target_user_id = ?"
        " AND action IN ('login.success', 'login.failure', 'login.refused_locked')"
        " AND COALESCE(JSON_VALUE(after_value, '$.reason'), '') <> 'wrong_current_password'"
        " ORDER BY id DESC LIMIT ?",
        userId, limit);
    std::vector<SignInRow> out;
    while (r->next()) out.push_back({r->getInt64(1), r->getString(2), r->getString(3), r->getString(4)});
    return out;
}

}  // namespace ktk::repo
