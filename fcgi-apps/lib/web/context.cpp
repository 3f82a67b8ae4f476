#include "web/context.h"

#include <cgicc/CgiUtils.h>

#include "web/language.h"
#include "web/local_path.h"

namespace ktk::web {

namespace {
constexpr long kLangCookieAge = 365L * 24 * 3600;

// The decoded request path as it goes into a URL: RFC 3986's path
// characters as they are, every other byte (controls, space, '%', '\\',
// non-ASCII) percent-encoded.
std::string encodePath(std::string_view path) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            std::string_view("/-._~!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}
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
    std::string url = encodePath(req.path());
    char sep = '?';
    for (const auto& [k, v] : parseUrlEncoded(req.queryString())) {
        if (k == "lang") continue;
        url += sep;
        url += cgicc::form_urlencode(k) + "=" + cgicc::form_urlencode(v);
        sep = '&';
    }
    // The path came from the request: it must not lead off the site.
    return localPath(url).value_or("/");
}

std::string Context::languageUrl(domain::Lang lang) const {
    std::string url = urlWithoutLang();
    url += url.find('?') == std::string::npos ? "?lang=" : "&lang=";
    url += code(lang);
    return url;
}

}  // namespace ktk::web
