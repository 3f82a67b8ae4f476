#include "web/context.h"

#include <cgicc/CgiUtils.h>

#include "web/language.h"

namespace ktk::web {

namespace {
constexpr long kLangCookieAge = 365L * 24 * 3600;
}  // namespace

Context::Context(const Services& services, Request& request) : req(request), app(services) {
    std::string queryLang = req.query("lang");
    std::string cookieLang = req.cookie(kLangCookieName);
    langChosen_ = domain::parseLang(queryLang) || domain::parseLang(cookieLang);
    lang_ = negotiateLang(queryLang, cookieLang, std::nullopt, req.param("HTTP_ACCEPT_LANGUAGE"));
    if (auto chosen = domain::parseLang(queryLang)) chooseLang(*chosen);
}

void Context::chooseLang(domain::Lang lang) {
    lang_ = lang;
    langChosen_ = true;
    setLangCookie(lang);
}

void Context::rememberLang(domain::Lang lang) {
    lang_ = lang;
    if (!req.cookie(kLangCookieName).empty()) setLangCookie(lang);
}

void Context::setLangCookie(domain::Lang lang) {
    Cookie c;
    c.name = kLangCookieName;
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

}  // namespace ktk::web
