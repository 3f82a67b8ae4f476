#include "repo/second_factor.h"

namespace ktk::repo {

SecondFactor secondFactorOf(db::Tx& tx, std::uint64_t userId) {
    db::Row r = tx.query("SELECT confirmed_at IS NOT NULL FROM user_totp WHERE user_id = ?", userId);
    if (!r->next()) return SecondFactor::None;
    return r->getBoolean(1) ? SecondFactor::On : SecondFactor::Enrolling;
}

bool removeSecondFactor(db::Tx& tx, std::uint64_t userId) {
    const bool wasOn = secondFactorOf(tx, userId) == SecondFactor::On;
    tx.update("DELETE FROM user_recovery_codes WHERE user_id = ?", userId);
    tx.update("DELETE FROM user_totp WHERE user_id = ?", userId);
    return wasOn;
}

}  // namespace ktk::repo
