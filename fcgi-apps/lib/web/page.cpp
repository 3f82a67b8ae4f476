#include "web/page.h"

#include "domain/person_name.h"
#include "repo/sessions.h"
#include "view/assets.h"

namespace ktk::web {

namespace {
// How long before the idle timeout logged-in pages warn (WCAG 2.2.1 asks
// for at least 20 seconds to react; five minutes suit slow readers).
constexpr std::int64_t kSessionWarningSeconds = 5 * 60;
}  // namespace

void publishLayoutConstants(const Site& site, const std::string& helpdeskEmail) {
    using D = ctemplate::TemplateDictionary;
    D::SetGlobalValue("LANGUAGE_URL", site.languagePath);
    D::SetGlobalValue("PROFILE_URL", site.profilePath);
    D::SetGlobalValue("SECURITY_URL", site.securityPath);
    D::SetGlobalValue("LOGOUT_URL", site.logoutPath);
    D::SetGlobalValue("HELPDESK_EMAIL", helpdeskEmail);
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
    const Site& site = ctx.app.site;
    domain::Lang lang = ctx.lang();
    domain::Lang other = lang == domain::Lang::Hu ? domain::Lang::En : domain::Lang::Hu;
    layout_->SetTemplateGlobalValue("LANG", code(lang));
    layout_->SetValue("TITLE", ctx.tr(titleKey));
    layout_->SetValue("LANG_OTHER", code(other));
    layout_->SetValue("ASSET_VERSION", view::assetVersion(ctx.app.config.staticDir));
    if (!ctx.app.config.captchaTestAnswer.empty()) layout_->ShowSection("TEST_MODE");
    if (const repo::Account* user = ctx.user()) {
        // Switching language is a state change for a logged-in user (the
        // stored language decides their mails): a small CSRF-protected POST
        // form (login program, /language). Visitors get a plain link.
        layout_->SetValueAndShowSection("RETURN", ctx.urlWithoutLang(), "LANG_FORM");
        // The user bar: who is logged in; home, profile, security and
        // logout (publishLayoutConstants), the page the user is on marked
        // as current.
        ctemplate::TemplateDictionary* u = layout_->AddSectionDictionary("USER");
        u->SetValue("USER_NAME", domain::displayName(user->lastName, user->firstName, lang));
        const std::string& home = site.home(user->clerk);
        u->SetValue("HOME_URL", home);
        std::string_view path = ctx.req.path();
        const std::string& work = site.linkedContactPath;
        const bool atWork = !work.empty() && path.substr(0, work.size()) == work &&
                            (path.size() == work.size() || path[work.size()] == '/');
        if (!user->clerk && user->municipality && !work.empty()) {
            ctemplate::TemplateDictionary* w = u->AddSectionDictionary("LINKED_CONTACT");
            w->SetValue("WORK_URL", work);
            if (atWork) w->ShowSection("WORK_CURRENT");
        }
        if (path == home) u->ShowSection("HOME_CURRENT");
        else if (path == site.profilePath) u->ShowSection("PROFILE_CURRENT");
        else if (path == site.securityPath) u->ShowSection("SECURITY_CURRENT");
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
