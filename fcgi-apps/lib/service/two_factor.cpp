#include "service/two_factor.h"

#include <stdexcept>

#include "crypto/password.h"
#include "crypto/seal.h"
#include "db/database.h"
#include "mail/queue.h"
#include "repo/accounts.h"
#include "repo/audit.h"
#include "repo/authenticator.h"
#include "service/account_mail.h"
#include "service/login.h"
#include "twofactor/recovery.h"
#include "twofactor/totp.h"
#include "util/clock.h"
#include "util/hungarian_time.h"
#include "util/json.h"

namespace ktk::service {

namespace {

void auditByUser(db::Tx& tx, std::uint64_t userId, std::string_view clientAddress, std::string action,
                 std::string after = {}) {
    repo::AuditEntry e;
    e.actor = repo::Actor::user(userId);
    e.clientAddress = std::string(clientAddress);
    e.action = std::move(action);
    e.targetUserId = userId;
    if (!after.empty()) e.after = std::move(after);
    repo::recordAudit(tx, e);
}

std::string secretOf(const config::Config& config, std::uint64_t userId, const repo::Authenticator& a) {
    std::optional<std::string> secret = openTotpSecret(config, userId, a.secret.text, a.secret.keyId);
    // Sealed under a secret the config no longer has: an operator's matter.
    if (!secret) throw std::runtime_error("the TOTP secret of account " + std::to_string(userId) + " does not open");
    return *secret;
}

}  // namespace

std::optional<std::string> openTotpSecret(const config::Config& config, std::uint64_t userId,
                                          const std::string& sealedText, const std::string& keyId) {
    return crypto::unseal(config.secrets, kTotpSealPurpose, std::to_string(userId), crypto::Sealed{keyId, sealedText});
}

TwoFactorStatus twoFactorStatus(db::Database& db, std::uint64_t userId) {
    return db.autocommit([&](db::Tx& tx) {
        TwoFactorStatus s;
        s.state = repo::secondFactorOf(tx, userId);
        if (s.state == repo::SecondFactor::On) s.recoveryCodesLeft = repo::recoveryCodesLeft(tx, userId);
        return s;
    });
}

std::optional<std::string> pendingEnrolment(db::Database& db, const config::Config& config, std::uint64_t userId,
                                            std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) -> std::optional<std::string> {
        std::optional<repo::Authenticator> a = repo::findAuthenticator(tx, userId, true);
        if (a && a->confirmed) return std::nullopt;
        if (a) {
            // Reloading the page shows the same secret, so a code from an
            // app that already scanned it still confirms.
            if (std::optional<std::string> s = openTotpSecret(config, userId, a->secret.text, a->secret.keyId))
                return s;
        }
        const std::string secret = twofactor::newSecret();
        const crypto::Sealed sealed = crypto::seal(config.secrets, kTotpSealPurpose, std::to_string(userId), secret);
        if (!repo::beginEnrolment(tx, userId, sealed, util::now())) return std::nullopt;
        auditByUser(tx, userId, clientAddress, "two_factor.enrolment_begun");
        return secret;
    });
}

Enrolment confirmEnrolment(db::Database& db, const config::Config& config, std::uint64_t userId,
                           std::string_view code, std::string_view clientAddress) {
    return db.transact([&](db::Tx& tx) -> Enrolment {
        std::optional<repo::Authenticator> a = repo::findAuthenticator(tx, userId, true);
        if (!a || a->confirmed) return {EnrolOutcome::NotPending, {}};
        const std::int64_t now = util::now();
        std::optional<std::int64_t> step =
            twofactor::acceptedStep(secretOf(config, userId, *a), code, now, a->lastStep);
        if (!step) {
            auditByUser(tx, userId, clientAddress, "two_factor.enrolment_wrong_code");
            return {EnrolOutcome::WrongCode, {}};
        }
        if (!repo::confirmAuthenticator(tx, userId, *step, now)) return {EnrolOutcome::NotPending, {}};
        Enrolment done{EnrolOutcome::Confirmed, twofactor::newRecoveryCodes()};
        std::vector<std::string> hashes;
        for (const std::string& c : done.recoveryCodes)
            hashes.push_back(twofactor::recoveryCodeHash(userId, *twofactor::normalizeRecoveryCode(c)));
        repo::replaceRecoveryCodes(tx, userId, hashes);
        auditByUser(tx, userId, clientAddress, "two_factor.enabled",
                    util::jsonText({{"recovery_codes", static_cast<int>(hashes.size())}}));
        return done;
    });
}

DisableOutcome disableSecondFactor(db::Database& db, const config::Config& config, const view::Views& views,
                                   std::uint64_t userId, std::string_view password, std::string_view code,
                                   std::string_view clientAddress) {
    std::optional<repo::Account> before = db.autocommit([&](db::Tx& tx) { return repo::findAccountById(tx, userId); });
    if (!before) throw std::runtime_error("disableSecondFactor: account " + std::to_string(userId) + " not found");
    const std::int64_t now = util::now();
    if (domain::throttleBlocks(before->throttle, now)) {
        db.transact([&](db::Tx& tx) {
            auditByUser(tx, userId, clientAddress, "two_factor.disable_refused",
                        util::jsonText({{"reason", "locked"},
                                        {"locked_until", util::sqlTime(before->throttle->lockedUntil)}}));
        });
        return DisableOutcome::Locked;
    }
    // One verification, as the login form and the Security tab.
    const bool passwordRight = crypto::verifyPassword(password, before->passwordHash);
    return db.transact([&](db::Tx& tx) -> DisableOutcome {
        std::optional<repo::Account> a = repo::findAccountById(tx, userId, repo::Lock::ForUpdate);
        if (!a) throw std::runtime_error("disableSecondFactor: account " + std::to_string(userId) + " vanished");
        if (!passwordRight || a->passwordHash != before->passwordHash) {
            recordPasswordFailure(tx, userId, now, clientAddress, "wrong_current_password", true);
            return DisableOutcome::WrongPassword;
        }
        if (domain::throttleBlocks(a->throttle, util::now())) return DisableOutcome::Locked;
        std::optional<repo::Authenticator> t = repo::findAuthenticator(tx, userId, true);
        if (!t || !t->confirmed) return DisableOutcome::NotOn;
        std::optional<std::int64_t> step =
            twofactor::acceptedStep(secretOf(config, userId, *t), code, now, t->lastStep);
        if (!step || !repo::useStep(tx, userId, *step)) {
            recordPasswordFailure(tx, userId, now, clientAddress, "wrong_code", true);
            return DisableOutcome::WrongCode;
        }
        repo::removeSecondFactor(tx, userId);
        auditByUser(tx, userId, clientAddress, "two_factor.disabled", util::jsonText({{"route", "profile"}}));
        mail::Message m = mailTo(*a, kTwoFactorOffMailKind, config);
        m.values.insert(m.values.end(), {{"TIME", a->language == domain::Lang::Hu ? util::hungarianTime(now)
                                                                                   : util::hungarianTimeIso(now)},
                                         {"UTC_OFFSET", util::hungarianOffsetLabel(now)},
                                         {"CLIENT_ADDRESS", std::string(clientAddress)}});
        mail::enqueue(tx, config, views, m);
        return DisableOutcome::Disabled;
    });
}

}  // namespace ktk::service
