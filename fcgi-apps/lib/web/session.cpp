// The Context's session and the CSRF binding of its forms: a visitor's
// forms are bound to the pre-session cookie, a logged-in user's to the
// session, and the session itself changes only after a unit of work has
// committed (the services return what changed; nothing here touches the
// database but the one lookup per request).
#include <stdexcept>

#include "crypto/random.h"
#include "util/clock.h"
#include "web/context.h"
#include "web/session_cookie.h"

namespace ktk::web {

void Context::loadSession() {
    if (sessionLoaded_) return;
    sessionLoaded_ = true;
    std::string id = req.cookie(cookieName(kSessionCookieName));
    if (id.empty()) return;
    if (crypto::isToken(id))
        // One statement (the session row alone while its account is kept
        // in the process; once a minute an idempotent touch besides): no
        // transaction needed, so no COMMIT round trip on every page.
        session_ = app.db.autocommit(
            [&](db::Tx& tx) { return repo::loadSession(tx, id, util::now(), &app.keptAccounts); });
    if (!session_) {
        sessionExpired_ = true;
        addCookie(Cookie::expired(cookieName(kSessionCookieName), secure()));
        return;
    }
    sessionIdHash_ = session_->idHash;
    bindCsrfToSession(sessionIdHash_);
    // The account's language, remembered in the cookie too (once: then the
    // cookie decides), so that the login page after an expired session
    // still speaks the user's language.
    if (!langChosen_) chooseLang(session_->user.language);
}

void Context::setSessionCookie(const std::string& id) {
    addCookie(sessionCookie(id, secure()));
    sessionIdHash_ = repo::sessionIdHash(id);
    bindCsrfToSession(sessionIdHash_);
}

void Context::startSession(std::string id) {
    session_.reset();
    sessionExpired_ = false;
    setSessionCookie(id);
    // A login starts in the account's stored language (the next page sets
    // the cookie from it), whatever an earlier visitor chose on this browser.
    if (req.cookie(kLangCookieName).size()) addCookie(Cookie::expired(kLangCookieName, secure()));
    // A CSRF token issued before login is tied to the old pre-session
    // value; a fresh one makes sure it stays useless.
    Cookie pre;
    pre.name = cookieName(kPreSessionCookieName);
    pre.value = crypto::randomHex(16);
    pre.secure = secure();
    addCookie(std::move(pre));
}

void Context::sessionEnded() {
    session_.reset();
    sessionIdHash_.clear();
    csrfBinding_.clear();
    addCookie(Cookie::expired(cookieName(kSessionCookieName), secure()));
}

void Context::sessionRenewed(std::string id) {
    setSessionCookie(id);
    if (session_) session_->idHash = sessionIdHash_;
}

const repo::Account& Context::loggedIn() const {
    if (!session_)
        throw std::logic_error("a route that needs a logged-in user admitted a visitor: " + std::string(req.path()));
    return session_->user;
}

std::string Context::cookieName(std::string_view base) const {
    // Under TLS the __Host- prefix pins a cookie to this host and path "/".
    return (secure() ? "__Host-" : "") + std::string(base);
}

std::string Context::csrfToken() {
    if (csrfBinding_.empty()) {
        std::string pre = req.cookie(cookieName(kPreSessionCookieName));
        if (pre.size() != 32) {
            pre = crypto::randomHex(16);
            Cookie c;
            c.name = cookieName(kPreSessionCookieName);
            c.value = pre;
            c.secure = secure();
            addCookie(std::move(c));
        }
        csrfBinding_ = "pre:" + pre;
    }
    return app.csrf.issue(csrfBinding_, util::now());
}

bool Context::csrfValid() const {
    std::string binding = csrfBinding_;
    if (binding.empty()) {
        std::string pre = req.cookie(cookieName(kPreSessionCookieName));
        if (pre.size() != 32) return false;
        binding = "pre:" + pre;
    }
    return app.csrf.verify(req.form("csrf_token"), binding, util::now());
}

void Context::bindCsrfToSession(std::string sessionBinding) { csrfBinding_ = "session:" + sessionBinding; }

}  // namespace ktk::web
