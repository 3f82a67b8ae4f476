// Per-request state the handlers work with: the request, the chosen
// language (context.cpp), the logged-in user and the CSRF token for forms
// (session.cpp), the cookies to set, and pages rendered inside the shared
// layout (web/page.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/lang.h"
#include "repo/sessions.h"
#include "web/app.h"
#include "web/request.h"
#include "web/response.h"

namespace ktk::web {

class Page;

// The cookies the context sets besides the session's (web/session_cookie.h).
constexpr const char* kLangCookieName = "ktk_lang";       // the language a visitor chose
constexpr const char* kPreSessionCookieName = "ktk_pre";  // what a visitor's forms are bound to (CSRF)

class Context {
public:
    Context(const Services& services, Request& request);

    Request& req;
    const Services& app;

    domain::Lang lang() const { return lang_; }
    void setLang(domain::Lang lang) { lang_ = lang; }
    // Uses `lang` for this page and remembers it in the language cookie
    // (what ?lang= does, and the language switch).
    void chooseLang(domain::Lang lang);
    // After the user changed their stored language: a language cookie
    // this browser holds from an earlier ?lang= is replaced, so the
    // change shows on the very next page.
    void rememberLang(domain::Lang lang);
    const std::string& tr(std::string_view key) const { return app.translator.get(lang_, key); }
    bool secure() const { return req.secure(); }

    // A token for this visitor's forms; creates the pre-session cookie the
    // first time an anonymous visitor needs one.
    std::string csrfToken();
    bool csrfValid() const;
    // Logged-in requests bind their forms to the session instead.
    void bindCsrfToSession(std::string sessionBinding);

    // The logged-in user, or nullptr. The loop calls loadSession() before
    // the CSRF check and the handler whenever the session cookie is
    // present, so this costs nothing more.
    const repo::Account* user() const { return session_ ? &session_->user : nullptr; }
    // The logged-in user, on a route that admits only logged-in users
    // (web/handler.h Access); throws std::logic_error (a 500, not a crash)
    // when a route table let a visitor through to a handler that needs one.
    const repo::Account& loggedIn() const;
    // True when the request carried a session cookie that is no longer
    // valid (expired, logged out): the login page says so.
    bool sessionExpired() const { return sessionExpired_; }
    // Looks the session cookie up (one indexed query, at most once per
    // request); binds this request's forms to the session and lets the
    // user's stored language take part in the language choice.
    void loadSession();
    // After a login committed: `id` is the new session's id (the old
    // session ended in the same transaction). Sets its cookie and replaces
    // the pre-session cookie, so nothing the browser held before login is
    // of use afterwards. Touches no database: a unit of work that ran
    // twice has only its committed result to report.
    void startSession(std::string id);
    // After a logout committed: forgets the session and expires its cookie.
    void sessionEnded();
    // After the session got a new id (a password change) in a committed
    // unit of work: the cookie carries the new id.
    void sessionRenewed(std::string id);
    // The stored hash of the current session's id ("" when anonymous): what
    // a service ends, renews or keeps.
    const std::string& sessionIdHash() const { return sessionIdHash_; }
    // When the current session began: the login's time, in seconds since
    // 1970 (0 when anonymous). OpenID Connect's auth_time.
    std::int64_t sessionCreatedAt() const { return session_ ? session_->createdAt : 0; }

    // Adds a Set-Cookie, replacing an earlier one of the same name.
    void addCookie(Cookie cookie);
    std::vector<Cookie>& cookies() { return cookies_; }
    std::string cookieName(std::string_view base) const;

    // A page in the layout; `titleKey` is the message key of its title
    // (web/page.h, which handlers that render include).
    Page page(std::string name, std::string_view titleKey);
    // The generic error page for 403/404/405/413/429/500/503.
    Response errorPage(int status, const std::string& incident = "");

    // This page's URL with ?lang= set, keeping its other query parameters.
    std::string languageUrl(domain::Lang lang) const;
    // This page's path and query without ?lang=: where the language switch
    // of a logged-in user returns to; "/" when web::localPath refuses it.
    std::string urlWithoutLang() const;

private:
    void setSessionCookie(const std::string& id);
    void setLangCookie(domain::Lang lang);

    domain::Lang lang_;
    bool langChosen_ = false;  // ?lang= or the language cookie decided
    bool sessionLoaded_ = false;
    bool sessionExpired_ = false;
    std::optional<repo::Session> session_;
    std::string sessionIdHash_;
    std::string csrfBinding_;
    std::vector<Cookie> cookies_;
};

}  // namespace ktk::web
