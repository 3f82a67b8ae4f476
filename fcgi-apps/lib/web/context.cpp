#include "web/context.h"

#include <cgicc/CgiUtils.h>

#include "crypto/random.h"
#include "domain/person_name.h"
#include "util/clock.h"
#include "view/assets.h"
#include "web/language.h"
#include "web/session_cookie.h"

namespace ktk::web {

namespace {
constexpr const char* kPreSessionCookie = "ktk_pre";
constexpr const char* kSessionCookie = kSessionCookieName;
constexpr const char* kLangCookie = "ktk_lang";
constexpr long kLangCookieAge = 365L * 24 * 3600;
// How long before the idle timeout logged-in pages warn (WCAG 2.2.1 asks
// for at least 20 seconds to react; five minutes suit slow readers).
constexpr std::int64_t kSessionWarningSeconds = 5 * 60;
}  // namespace

Context::Context(const Services& services, Request& request) : req(request), app(services) {
    std::string queryLang = req.query("lang");
    std::string cookieLang = req.cookie(kLangCookie);
    langChosen_ = domain::parseLang(queryLang) || domain::parseLang(cookieLang);
    lang_ = web::negotiateLang(queryLang, cookieLang, std::nullopt, req.param("HTTP_ACCEPT_LANGUAGE"));
    if (auto chosen = domain::parseLang(queryLang)) chooseLang(*chosen);
}

void Context::chooseLang(domain::Lang lang) {
    lang_ = lang;
    langChosen_ = true;
    Cookie c;
    c.name = kLangCookie;
    c.value = code(lang);
    c.maxAge = kLangCookieAge;
    c.secure = secure();
    addCookie(std::move(c));
}

void Context::rememberLang(domain::Lang lang) {
    lang_ = lang;
    if (req.cookie(kLangCookie).empty()) return;
    Cookie c;
    c.name = kLangCookie;
    c.value = code(lang);
    c.maxAge = kLangCookieAge;
    c.secure = secure();
    addCookie(std::move(c));
}

void Context::addCookie(Cookie cookie) {
    for (auto& c : cookies_)
        if (c.name == cookie.name) {
            c = std::move(cookie);
            return;
        }
    cookies_.push_back(std::move(cookie));
}

void Context::loadSession() {
    if (sessionLoaded_) return;
    sessionLoaded_ = true;
    std::string id = req.cookie(cookieName(kSessionCookie));
    if (id.empty()) return;
    if (crypto::isToken(id))
        // One statement (and, once a minute, an idempotent touch): no
        // transaction needed, so no COMMIT round trip on every page.
        session_ = app.db.autocommit([&](db::Tx& tx) { return repo::loadSession(tx, id, util::now()); });
    if (!session_) {
        sessionExpired_ = true;
        addCookie(Cookie::expired(cookieName(kSessionCookie), secure()));
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
    if (req.cookie(kLangCookie).size()) addCookie(Cookie::expired(kLangCookie, secure()));
    // A CSRF token issued before login is tied to the old pre-session
    // value; a fresh one makes sure it stays useless.
    Cookie pre;
    pre.name = cookieName(kPreSessionCookie);
    pre.value = crypto::randomHex(16);
    pre.secure = secure();
    addCookie(std::move(pre));
}

void Context::sessionEnded() {
    session_.reset();
    sessionIdHash_.clear();
    csrfBinding_.clear();
    addCookie(Cookie::expired(cookieName(kSessionCookie), secure()));
}

void Context::sessionRenewed(std::string id) {
    setSessionCookie(id);
    if (session_) session_->idHash = sessionIdHash_;
}

std::string Context::cookieName(std::string_view base) const {
    // Under TLS the __Host- prefix pins a cookie to this host and path "/".
    return (secure() ? "__Host-" : "") + std::string(base);
}

std::string Context::csrfToken() {
    if (csrfBinding_.empty()) {
        std::string pre = req.cookie(cookieName(kPreSessionCookie));
        if (pre.size() != 32) {
            pre = crypto::randomHex(16);
            Cookie c;
            c.name = cookieName(kPreSessionCookie);
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
        std::string pre = req.cookie(cookieName(kPreSessionCookie));
        if (pre.size() != 32) return false;
        binding = "pre:" + pre;
    }
    return app.csrf.verify(req.form("csrf_token"), binding, util::now());
}

void Context::bindCsrfToSession(std::string sessionBinding) { csrfBinding_ = "session:" + sessionBinding; }

std::string Context::urlWithoutLang() const {
    std::string url(req.path());
    char sep = '?';
    for (const auto& [k, v] : parseUrlEncoded(req.queryString())) {
        if (k == "lang") continue;
        url += sep;
        url += cgicc::form_urlencode(k) + "=" + cgicc::form_urlencode(v);
        sep = '&';
    }
    return url;
}

std::string Context::languageUrl(domain::Lang lang) const {
    std::string url = urlWithoutLang();
    url += url.find('?') == std::string::npos ? "?lang=" : "&lang=";
    url += code(lang);
    return url;
}

Page Context::page(std::string name, std::string_view titleKey) { return Page(*this, std::move(name), titleKey); }

Response Context::errorPage(int status, const std::string& incident) {
    std::string base = "error." + std::to_string(status);
    Page p = page("errors/error", base + ".title");
    p.dict().SetValue("HEADING", tr(base + ".title"));
    p.dict().SetValue("MESSAGE", tr(base + ".message"));
    if (!incident.empty()) p.dict().SetValueAndShowSection("INCIDENT", incident, "HAS_INCIDENT");
    return p.render(status);
}

Page::Page(Context& ctx, std::string name, std::string_view titleKey)
    : ctx_(ctx), name_(std::move(name)), layout_(std::make_unique<ctemplate::TemplateDictionary>("layout")) {
    domain::Lang lang = ctx.lang();
    domain::Lang other = lang == domain::Lang::Hu ? domain::Lang::En : domain::Lang::Hu;
    layout_->SetTemplateGlobalValue("LANG", code(lang));
    layout_->SetValue("TITLE", ctx.tr(titleKey));
    layout_->SetValue("LANG_OTHER", code(other));
    layout_->SetValue("ASSET_VERSION", view::assetVersion(ctx.app.config.staticDir));
    layout_->SetTemplateGlobalValue("HELPDESK_EMAIL", ctx.app.config.helpdeskEmail);
    if (!ctx.app.config.captchaTestAnswer.empty()) layout_->ShowSection("TEST_MODE");
    if (const repo::Account* user = ctx.user()) {
        // Switching language is a state change for a logged-in user (the
        // stored language decides their mails): a small CSRF-protected POST
        // form (login program, /language). Visitors get a plain link.
        layout_->SetValueAndShowSection("RETURN", ctx.urlWithoutLang(), "LANG_FORM");
        // The user bar: who is logged in; home, profile, security and
        // logout, the page the user is on marked as current.
        ctemplate::TemplateDictionary* u = layout_->AddSectionDictionary("USER");
        u->SetValue("USER_NAME", domain::displayName(user->lastName, user->firstName, lang));
        const char* home = user->clerk ? "/admin" : "/home";
        u->SetValue("HOME_URL", home);
        std::string_view path = ctx.req.path();
        if (path == home) u->ShowSection("HOME_CURRENT");
        else if (path == "/profile") u->ShowSection("PROFILE_CURRENT");
        else if (path == "/profile/security") u->ShowSection("SECURITY_CURRENT");
        // The warning before the idle timeout (WCAG 2.2.1), shown by ktk.js.
        // A page view renews the session only when the last renewal is a
        // minute old, so the script counts from a minute earlier.
        ctemplate::TemplateDictionary* s = layout_->AddSectionDictionary("SESSION");
        s->SetIntValue("IDLE_SECONDS", static_cast<long>(repo::kSessionIdleSeconds - repo::kSessionTouchEverySeconds));
        s->SetIntValue("WARN_SECONDS", static_cast<long>(kSessionWarningSeconds));
    } else {
        layout_->SetValueAndShowSection("LANG_URL", ctx.languageUrl(other), "LANG_LINK");
    }
    content_ = layout_->AddIncludeDictionary("CONTENT");
    content_->SetFilename(view::Views::key(lang, name_));
}

Response Page::render(int status) {
    layout_->SetTemplateGlobalValue("CSRF_TOKEN", ctx_.csrfToken());
    Response r;
    r.status = status;
    r.body = ctx_.app.views.expand(ctx_.lang(), "layout/page", *layout_);
    return r;
}

}  // namespace ktk::web
