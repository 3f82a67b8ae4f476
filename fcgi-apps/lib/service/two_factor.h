// The second factor on the person's own page (README, "Second factor"):
// beginning an enrolment, confirming it with a first code (which makes
// the ten recovery codes), and turning it off with the password and a
// code. Every action is audited; turning it off also mails the owner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "db/fwd.h"
#include "repo/second_factor.h"
#include "view/fwd.h"

namespace ktk::service {

// What the sealed secrets are sealed for (crypto/seal.h); the user id is
// the associated data.
constexpr const char* kTotpSealPurpose = "ktk totp secret";

// Mail kind of the notice that the second factor was turned off.
constexpr const char* kTwoFactorOffMailKind = "two_factor_off";
constexpr const char* kTwoFactorMails[] = {kTwoFactorOffMailKind};

// The account's authenticator secret (raw bytes) opened, or nullopt when
// it does not open (sealed under a secret no longer configured).
std::optional<std::string> openTotpSecret(const config::Config& config, std::uint64_t userId,
                                          const std::string& sealedText, const std::string& keyId);

struct TwoFactorStatus {
    repo::SecondFactor state = repo::SecondFactor::None;
    int recoveryCodesLeft = 0;  // On only
};
TwoFactorStatus twoFactorStatus(db::Database& db, std::uint64_t userId);

// The secret (raw bytes) of the account's pending enrolment: the one begun
// earlier, or a new one stored now. nullopt when the authenticator is
// confirmed already.
std::optional<std::string> pendingEnrolment(db::Database& db, const config::Config& config, std::uint64_t userId,
                                            std::string_view clientAddress);

enum class EnrolOutcome {
    Confirmed,   // the codes are in `recoveryCodes`, to be shown once
    WrongCode,   // nothing changed
    NotPending,  // no enrolment begun (or confirmed meanwhile): nothing changed
};
struct Enrolment {
    EnrolOutcome outcome = EnrolOutcome::WrongCode;
    std::vector<std::string> recoveryCodes;
};
// Confirms the pending enrolment with a code from the app. The code's
// step is stored as used, so the same code cannot log in afterwards; the
// account's recovery codes are replaced by ten new ones.
Enrolment confirmEnrolment(db::Database& db, const config::Config& config, std::uint64_t userId,
                           std::string_view code, std::string_view clientAddress);

enum class DisableOutcome {
    Disabled,
    WrongPassword,  // counted as a failed password check
    WrongCode,      // counted the same way
    Locked,         // a login delay or lock runs: nothing checked or counted
    NotOn,          // there was no confirmed authenticator
};
// Turns the second factor off (contacts: the caller checks the role):
// the password and a current code are both checked, a wrong one counted
// towards the login throttle as the Security tab's password is. On
// success the authenticator and the recovery codes are removed, the
// action audited and the owner mailed.
DisableOutcome disableSecondFactor(db::Database& db, const config::Config& config, const view::Views& views,
                                   std::uint64_t userId, std::string_view password, std::string_view code,
                                   std::string_view clientAddress);

}  // namespace ktk::service
