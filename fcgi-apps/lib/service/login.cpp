#include "service/login.h"

#include <optional>
#include <stdexcept>
#include <string>

#include "crypto/password.h"
#include "domain/email.h"
#include "domain/user_agent.h"
#include "db/database.h"
#include "crypto/random.h"
#include "crypto/seal.h"
#include "repo/accounts.h"
#include "repo/audit.h"
#include "repo/authenticator.h"
#include "repo/login_devices.h"
#include "repo/login_steps.h"
#include "repo/second_factor.h"
#include "repo/login_throttle.h"
#include "repo/sessions.h"
#include "service/new_device.h"
#include "util/clock.h"
#include "util/json.h"
#include "util/log.h"
#include "service/two_factor.h"
#include "twofactor/recovery.h"
#include "twofactor/totp.h"

namespace ktk::service {

namespace {

using repo::Account;

// The address an attempt named, for the audit log — only when it has the
// shape of one: people sometimes type their password into the username
// field, and a password must never reach a log.
std::string auditableAddress(const std::string& key) {
    if (key.size() > 254 || key.find('@') == std::string::npos || key.find_first_of(" \t") != std::string::npos)
        return {};
    return key;
}

void audit(db::Tx& tx, std::string_view address, std::string action, std::optional<std::uint64_t> target,
           std::string after, bool byTheUser = false) {
    repo::AuditEntry e;
    e.actor = byTheUser && target ? repo::Actor::user(*target) : repo::Actor::anonymous();
    e.clientAddress = std::string(address);
    e.action = std::move(action);
    e.targetUserId = target;
    e.after = std::move(after);
    repo::recordAudit(tx, e);
}

// The short name of the browser (domain::browserName) with an attempt's
// audit values, so that the person's "Recent sign-ins" can say which
// browser it was; nothing when it has no name. Never the header itself.
util::Json withBrowser(util::Json after, std::string_view userAgent) {
    const domain::BrowserName n = domain::browserName(userAgent);
    if (!n.browser.empty()) after["browser"] = n.browser;
    if (!n.platform.empty()) after["platform"] = n.platform;
    return after;
}

LoginResult refused(db::Tx& tx, std::string_view address, const Account& a, LoginOutcome outcome, const char* reason) {
    audit(tx, address, "login.refused", a.id, util::jsonText({{"reason", reason}}));
    return {outcome, a.id, {}, {}, {}, false};
}

// A wrong password or code sent with a valid device cookie: the device's
// own count (the 10th revokes it); the account's is left alone.
void recordDeviceFailure(db::Tx& tx, std::string_view nonceHash, std::uint64_t userId, std::int64_t now,
                         std::string_view address, const char* reason, std::string_view userAgent) {
    repo::DeviceState d = repo::recordDeviceFailure(tx, nonceHash, userId, now, now - kDeviceTokenMaxAge);
    audit(tx, address, "login.failure", userId,
          util::jsonText(withBrowser({{"reason", reason}, {"path", "device"}, {"device_failures", d.failures}},
                                     userAgent)));
    if (d.revoked && d.failures == repo::kDeviceFailureLimit)
        audit(tx, address, "login.device_revoked", userId, util::jsonText({{"device_failures", d.failures}}));
}

// What a login that passed every check starts with: the session (ending
// the one it replaces), a new device token, the audit row. The one place
// a login becomes a session, after the password alone or after the
// second step.
struct SessionStart {
    std::string_view clientAddress;
    std::string_view userAgent;
    std::string_view replacedSessionIdHash;
    const char* path = "untrusted";
    const char* factor = nullptr;  // the second factor used: "totp", "recovery_code", or none
};

// The new-device notice goes out from here too (service/new_device.h):
// a login on the untrusted path is one from a browser without a valid
// device cookie of the account.
struct Mailer {
    const config::Config& config;
    const view::Views& views;
};

LoginResult startLogin(db::Tx& tx, const DeviceTokens& devices, const Mailer& mail, const Account& a,
                       const SessionStart& s) {
    if (!s.replacedSessionIdHash.empty()) repo::endSession(tx, s.replacedSessionIdHash);
    LoginResult result{a.clerk ? LoginOutcome::Clerk : LoginOutcome::Contact, a.id,
                       repo::createSession(tx, a.id, util::now(), {s.userAgent, s.clientAddress}),
                       devices.issue(a.id, util::now()), {}, false};
    util::Json after{{"role", a.clerk ? "clerk" : "contact"}, {"path", s.path}};
    if (s.factor) after["second_factor"] = s.factor;
    audit(tx, s.clientAddress, "login.success", a.id, util::jsonText(withBrowser(after, s.userAgent)), true);
    if (std::string_view(s.path) != "device")
        noticeNewDevice(tx, mail.config, mail.views, a, s.userAgent, s.clientAddress, util::now());
    return result;
}

}  // namespace

domain::ThrottleState recordPasswordFailure(db::Tx& tx, std::uint64_t userId, std::int64_t now,
                                            std::string_view clientAddress, std::string_view reason, bool byTheUser,
                                            std::string_view path, std::string_view userAgent) {
    domain::ThrottleState s = repo::recordThrottleFailure(tx, userId, now);
    util::Json after{{"reason", reason}, {"failures", s.failures}};
    if (!path.empty()) after["path"] = path;
    audit(tx, clientAddress, "login.failure", userId, util::jsonText(withBrowser(after, userAgent)), byTheUser);
    if (s.failures >= domain::kThrottleLockFrom) {
        audit(tx, clientAddress, "login.locked", userId,
              util::jsonText({{"failures", s.failures}, {"locked_until", util::sqlTime(s.lockedUntil)}}),
              byTheUser);
        util::logWarn("account " + std::to_string(userId) + " locked after " + std::to_string(s.failures) +
                      " failed password checks, until " + util::sqlTime(s.lockedUntil));
    }
    return s;
}

LoginResult authenticate(db::Database& db, const config::Config& config, const view::Views& views,
                         const DeviceTokens& devices, const LoginAttempt& at) {
    const std::string key = domain::emailKey(at.email);
    const std::int64_t now = util::now();
    // The device cookie names an account; it counts only for that one.
    std::optional<DeviceToken> device;
    if (!at.deviceToken.empty()) device = devices.verify(at.deviceToken, now);
    struct Found {
        std::optional<Account> account;
        bool trusted = false;  // a valid, unrevoked device cookie of this account
    };
    // One or two SELECTs, no transaction (no COMMIT round trip): a success
    // reads the account again under its row lock before it counts.
    Found found;
    if (!key.empty() && key.size() <= 254) {
        found = db.autocommit([&](db::Tx& tx) {
            Found f;
            f.account = repo::findAccount(tx, key);
            if (f.account && device && device->userId == f.account->id) {
                std::optional<repo::DeviceState> d = repo::loadDevice(tx, device->nonceHash);
                // A change of the address revokes the account's device cookies.
                f.trusted = (!d || !d->revoked) && !repo::deviceRevoked(tx, f.account->id, device->issuedAt);
            }
            return f;
        });
    }
    const std::optional<Account>& account = found.account;
    const bool trusted = found.trusted;
    const char* path = trusted ? "device" : "untrusted";
    const bool blocked = account && !trusted && domain::throttleBlocks(account->throttle, now);

    // Always exactly one verification, so every path takes as long.
    const bool correct = crypto::verifyPassword(at.password, account ? account->passwordHash : crypto::dummyHash());

    if (!account) {
        db.transact([&](db::Tx& tx) {
            util::Json after{{"reason", "unknown_account"}};
            if (std::string shown = auditableAddress(key); !shown.empty()) after["email"] = shown;
            audit(tx, at.clientAddress, "login.failure", std::nullopt, util::jsonText(after));
        });
        return {};
    }
    if (blocked) {
        db.transact([&](db::Tx& tx) {
            audit(tx, at.clientAddress, "login.refused_locked", account->id,
                  util::jsonText(withBrowser(
                      {{"locked_until", util::sqlTime(account->throttle->lockedUntil)}, {"path", path}}, at.userAgent)));
        });
        return {};
    }
    if (!correct && trusted) {
        // The device's own count; the account's is left alone.
        db.transact([&](db::Tx& tx) {
            recordDeviceFailure(tx, device->nonceHash, account->id, now, at.clientAddress, "wrong_password",
                                at.userAgent);
        });
        return {};
    }
    if (!correct) {
        db.transact([&](db::Tx& tx) {
            recordPasswordFailure(tx, account->id, now, at.clientAddress, "wrong_password", false, path, at.userAgent);
        });
        return {};
    }

    // Outside the transaction: hashing takes tens of milliseconds.
    std::string newHash;
    if (crypto::needsRehash(account->passwordHash)) newHash = crypto::hashPassword(at.password);

    return db.transact([&](db::Tx& tx) -> LoginResult {
        // Under the account's row lock, so a lock another attempt started
        // since the first read is seen, and the hash cannot change underneath.
        std::optional<Account> a = repo::findAccountById(tx, account->id, repo::Lock::ForUpdate);
        if (!a || a->passwordHash != account->passwordHash) {
            // The password changed between the check and now: the attempt
            // proved nothing about the new one.
            audit(tx, at.clientAddress, "login.failure", account->id,
                  util::jsonText(withBrowser({{"reason", "password_changed"}, {"path", path}}, at.userAgent)));
            return {};
        }
        const bool locked = domain::throttleBlocks(a->throttle, util::now());
        if (locked && !trusted) {
            audit(tx, at.clientAddress, "login.refused_locked", a->id,
                  util::jsonText(withBrowser(
                      {{"locked_until", util::sqlTime(a->throttle->lockedUntil)}, {"path", path}}, at.userAgent)));
            return {};
        }
        // With a second factor the password alone proves too little to
        // forget anything: the failures are forgotten when the code is right.
        const repo::SecondFactor factor = repo::secondFactorOf(tx, a->id);
        const bool secondStep = factor == repo::SecondFactor::On;
        // A lock that runs stays for everyone else; failures below a lock
        // are forgotten after a correct password.
        if (!secondStep) {
            if (a->throttle && !locked) repo::clearThrottle(tx, a->id);
            if (trusted) repo::forgetDevice(tx, device->nonceHash);
        }
        if (!newHash.empty()) {
            tx.update("UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", newHash, a->id,
                      a->passwordHash);
            audit(tx, at.clientAddress, "password.rehash", a->id, util::jsonText({{"reason", "parameters"}}), true);
        }
        if (a->disabledAt) return refused(tx, at.clientAddress, *a, LoginOutcome::Disabled, "disabled");
        if (!a->confirmedAt) return refused(tx, at.clientAddress, *a, LoginOutcome::Pending, "pending");
        if (!a->clerk && !a->municipality)
            return refused(tx, at.clientAddress, *a, LoginOutcome::Unlinked, "unlinked");
        if (secondStep) {
            // No session yet: a pending step, which remembers what the
            // session start will need.
            repo::LoginStep step;
            step.userId = a->id;
            if (trusted) step.deviceHash = device->nonceHash;
            step.replacedHash = std::string(at.replacedSessionIdHash);
            step.passwordCheck = crypto::sha256Hex(a->passwordHash);
            step.userAgent = std::string(at.userAgent);
            step.clientAddress = std::string(at.clientAddress);
            LoginResult result{LoginOutcome::SecondStep, a->id, {}, {}, repo::createLoginStep(tx, step, util::now()),
                               false};
            audit(tx, at.clientAddress, "login.second_step", a->id,
                  util::jsonText(withBrowser({{"path", path}}, at.userAgent)), true);
            return result;
        }
        LoginResult result =
            startLogin(tx, devices, {config, views}, *a, {at.clientAddress, at.userAgent, at.replacedSessionIdHash, path});
        result.mustEnrol = a->clerk;  // a clerk here has no confirmed second factor
        return result;
    });
}

SecondStepResult completeSecondStep(db::Database& db, const config::Config& config, const view::Views& views,
                                    const DeviceTokens& devices, const SecondStepAttempt& at) {
    const std::vector<std::string>& secrets = config.secrets;
    const bool byCode = !at.code.empty();
    // Outside the transaction: what was typed is read before any row is locked.
    const std::optional<std::string> recovery =
        byCode ? std::nullopt : twofactor::normalizeRecoveryCode(at.recoveryCode);
    return db.transact([&](db::Tx& tx) -> SecondStepResult {
        const std::int64_t now = util::now();
        std::optional<repo::LoginStep> step = repo::findLoginStep(tx, at.stepToken, now);
        if (!step) return {};
        std::optional<Account> a = repo::findAccountById(tx, step->userId, repo::Lock::ForUpdate);
        std::optional<repo::Authenticator> totp =
            a ? repo::findAuthenticator(tx, a->id, true) : std::nullopt;
        // Since the password: a new password, a clerk's decision, the
        // second factor removed. The step proves nothing any more.
        if (!a || crypto::sha256Hex(a->passwordHash) != step->passwordCheck || a->disabledAt || !a->confirmedAt ||
            (!a->clerk && !a->municipality) || !totp || !totp->confirmed) {
            repo::endLoginStep(tx, at.stepToken);
            if (a)
                audit(tx, at.clientAddress, "login.failure", a->id,
                      util::jsonText(withBrowser({{"reason", "second_step_void"}}, at.userAgent)));
            return {};
        }
        // The device path as the first step decided it, unless the device
        // was revoked meanwhile.
        bool trusted = !step->deviceHash.empty();
        if (trusted) {
            std::optional<repo::DeviceState> d = repo::loadDevice(tx, step->deviceHash);
            trusted = !d || !d->revoked;
        }
        const char* path = trusted ? "device" : "untrusted";
        const bool locked = domain::throttleBlocks(a->throttle, now);
        if (locked && !trusted) {
            audit(tx, at.clientAddress, "login.refused_locked", a->id,
                  util::jsonText(withBrowser(
                      {{"locked_until", util::sqlTime(a->throttle->lockedUntil)}, {"path", path}, {"step", "second"}},
                      at.userAgent)));
            return {SecondStepOutcome::Invalid, {}, -1};
        }
        bool right = false;
        int left = -1;
        if (byCode) {
            const std::optional<std::string> secret =
                crypto::unseal(secrets, kTotpSealPurpose, std::to_string(a->id), totp->secret);
            if (!secret)
                throw std::runtime_error("the TOTP secret of account " + std::to_string(a->id) + " does not open");
            const std::optional<std::int64_t> accepted = twofactor::acceptedStep(*secret, at.code, now, totp->lastStep);
            right = accepted && repo::useStep(tx, a->id, *accepted);
        } else if (recovery) {
            right = repo::useRecoveryCode(tx, a->id, twofactor::recoveryCodeHash(a->id, *recovery), now);
            if (right) left = repo::recoveryCodesLeft(tx, a->id);
        }
        const char* reason = byCode ? "wrong_code" : "wrong_recovery_code";
        if (!right) {
            if (trusted) recordDeviceFailure(tx, step->deviceHash, a->id, now, at.clientAddress, reason, at.userAgent);
            else recordPasswordFailure(tx, a->id, now, at.clientAddress, reason, false, path, at.userAgent);
            return {SecondStepOutcome::Invalid, {}, -1};
        }
        repo::endLoginStep(tx, at.stepToken);
        if (a->throttle && !locked) repo::clearThrottle(tx, a->id);
        if (trusted) repo::forgetDevice(tx, step->deviceHash);
        // The browser and address of the first step: the one attempt.
        SecondStepResult done{SecondStepOutcome::Done,
                              startLogin(tx, devices, {config, views}, *a,
                                         {at.clientAddress, at.userAgent, step->replacedHash, path,
                                          byCode ? "totp" : "recovery_code"}),
                              left};
        return done;
    });
}

void logout(db::Database& db, std::uint64_t userId, std::string_view sessionIdHash, std::string_view clientAddress) {
    db.transact([&](db::Tx& tx) {
        repo::endSession(tx, sessionIdHash);
        repo::AuditEntry e;
        e.actor = repo::Actor::user(userId);
        e.clientAddress = std::string(clientAddress);
        e.action = "logout";
        e.targetUserId = userId;
        repo::recordAudit(tx, e);
    });
}

}  // namespace ktk::service
