// Per-request state the handlers work with: the request, the chosen
// language, the CSRF token for forms, cookies to set, and pages rendered
// inside the shared layout.
#pragma once

#include <ctemplate/template.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "view/language.h"
#include "web/app.h"
#include "web/request.h"
#include "web/response.h"

namespace ktk::web {

class Page;

class Context {
public:
    Context(const Services& services, Request& request);

    Request& req;
    const Services& app;

    Lang lang() const { return lang_; }
    void setLang(Lang lang) { lang_ = lang; }
    const std::string& tr(std::string_view key) const { return app.translator.get(lang_, key); }
    bool secure() const { return req.secure(); }

    // A token for this visitor's forms; creates the pre-session cookie the
    // first time an anonymous visitor needs one.
    std::string csrfToken();
    bool csrfValid() const;
    // Logged-in requests bind their forms to the session instead.
    void bindCsrfToSession(std::string sessionBinding);

    void addCookie(Cookie cookie) { cookies_.push_back(std::move(cookie)); }
    std::vector<Cookie>& cookies() { return cookies_; }
    std::string cookieName(std::string_view base) const;

    // A page in the layout; `titleKey` is the message key of its title.
    Page page(std::string name, std::string_view titleKey);
    // The generic error page for 403/404/405/413/429/500/503.
    Response errorPage(int status, const std::string& incident = "");

    // This page's URL with ?lang= set, keeping its other query parameters.
    std::string languageUrl(Lang lang) const;

private:
    Lang lang_;
    std::string csrfBinding_;
    std::vector<Cookie> cookies_;
};

class Page {
public:
    Page(Context& ctx, std::string name, std::string_view titleKey);
    ctemplate::TemplateDictionary& dict() { return *content_; }
    ctemplate::TemplateDictionary& layout() { return *layout_; }
    Response render(int status = 200);

private:
    Context& ctx_;
    std::string name_;
    std::unique_ptr<ctemplate::TemplateDictionary> layout_;
    ctemplate::TemplateDictionary* content_;
};

}  // namespace ktk::web
