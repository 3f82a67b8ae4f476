// An account's TOTP authenticator and recovery codes (tables user_totp and
// user_recovery_codes, migration 0023; the whole as one thing and its
// removal: repo/second_factor.h). The secret arrives and leaves sealed
// (crypto/seal.h); the codes only as hashes (twofactor/recovery.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/seal.h"
#include "db/database.h"

namespace ktk::repo {

struct Authenticator {
    crypto::Sealed secret;
    bool confirmed = false;
    std::int64_t lastStep = 0;
};

// The account's authenticator; ForUpdate holds its row until the unit of
// work ends (a code is checked and its step stored under the lock, so two
// requests cannot both use one code).
std::optional<Authenticator> findAuthenticator(db::Tx& tx, std::uint64_t userId, bool forUpdate = false);

// Begins an enrolment: replaces an unconfirmed authenticator's secret, or
// stores a new one (confirmed_at NULL). A confirmed one is left alone:
// returns false then.
bool beginEnrolment(db::Tx& tx, std::uint64_t userId, const crypto::Sealed& secret, std::int64_t now);

// Confirms the pending enrolment with the step of its first code; false
// when there is none (confirmed meanwhile, or removed).
bool confirmAuthenticator(db::Tx& tx, std::uint64_t userId, std::int64_t step, std::int64_t now);

// Stores `step` as the newest accepted one when it is newer than the
// stored; false when it is not (the code was used meanwhile).
bool useStep(db::Tx& tx, std::uint64_t userId, std::int64_t step);

// Replaces every recovery code of the account with these (hashes).
void replaceRecoveryCodes(db::Tx& tx, std::uint64_t userId, const std::vector<std::string>& hashes);

// Marks the unused code with this hash used; false when there is none.
bool useRecoveryCode(db::Tx& tx, std::uint64_t userId, std::string_view hash, std::int64_t now);

// How many of the account's recovery codes are still unused.
int recoveryCodesLeft(db::Tx& tx, std::uint64_t userId);

}  // namespace ktk::repo
