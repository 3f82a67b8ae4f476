#include "web/page.h"

#include "domain/person_name.h"
#include "repo/sessions.h"
#include "view/assets.h"

namespace ktk::web {

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

Page::Page(Context& ctx, std::string name, std::string_view titleKey) : ctx_(ctx), name_(std::move(name)) {
    const Site& site = ctx.app.site;
    shape_.lang = ctx.lang();
    shape_.title = ctx.tr(titleKey);
    shape_.testMode = !ctx.app.config.captchaTestAnswer.empty();
    shape_.assetVersion = view::assetVersion(ctx.app.config.staticDir);
    const repo::Account* user = ctx.user();
    if (!user) {
        langUrl_ = ctx.languageUrl(shape_.lang == domain::Lang::Hu ? domain::Lang::En : domain::Lang::Hu);
        return;
    }
    shape_.user = true;
    returnUrl_ = ctx.urlWithoutLang();
    userName_ = domain::displayName(user->lastName, user->firstName, shape_.lang);
    shape_.homeUrl = site.home(user->clerk);
    std::string_view path = ctx.req.path();
    const std::string& work = site.linkedContactPath;
    const bool atWork = !work.empty() && path.substr(0, work.size()) == work &&
                        (path.size() == work.size() || path[work.size()] == '/');
    using C = LayoutShape::Current;
    if (!user->clerk && user->municipality && !work.empty()) {
        shape_.workUrl = work;
        if (atWork) shape_.current = C::Work;
    }
    if (path == shape_.homeUrl) shape_.current = C::Home;
    else if (path == site.profilePath) shape_.current = C::Profile;
    else if (path == site.securityPath) shape_.current = C::Security;
}

ctemplate::TemplateDictionary& Page::dict() {
    if (!content_) {
        content_ = std::make_unique<ctemplate::TemplateDictionary>("content");
        for (const auto& [name, value] : fixed_) content_->SetValue(name, value);
        for (const char* section : fixedHoles_.sections) content_->ShowSection(section);
        fixed_.clear();
        fixedHoles_ = {};
        fixedState_.clear();
    }
    return *content_;
}

ctemplate::TemplateDictionary& Page::layout() {
    if (!layout_) {
        layout_ = std::make_unique<ctemplate::TemplateDictionary>("layout");
        // The form token and the content are set at render().
        const LayoutValues values = {langUrl_, userName_, returnUrl_, {}, {}};
        fillLayout(*layout_, shape_, values);
    }
    return *layout_;
}

void Page::fixedContent(std::string state, std::vector<std::pair<const char*, std::string>> values,
                        std::vector<const char*> sections, std::vector<const char*> raw) {
    if (content_) {
        for (const auto& [name, value] : values) content_->SetValue(name, value);
        for (const char* section : sections) content_->ShowSection(section);
        return;
    }
    fixedState_ = std::move(state);
    fixed_ = std::move(values);
    fixedHoles_ = {{}, std::move(sections), std::move(raw)};
}

std::optional<std::string> Page::contentToKeep() {
    // A value no template writes by itself: where the form token would go.
    static const std::string kNoToken = "Kx9KeptContentHasNoTokenQz";
    ctemplate::TemplateDictionary& d = dict();
    d.SetTemplateGlobalValue("LANG", code(shape_.lang));
    d.SetTemplateGlobalValue("CSRF_TOKEN", kNoToken);
    std::string html = ctx_.app.views.expand(shape_.lang, name_, d);
    if (html.find(kNoToken) != std::string::npos) return std::nullopt;
    kept_ = html;
    return html;
}

Response Page::render(int status) {
    const std::string token = ctx_.csrfToken();
    const view::Views& views = ctx_.app.views;
    const domain::Lang lang = shape_.lang;
    std::string content;
    if (kept_) {
        content = std::move(*kept_);
        kept_.reset();
    } else if (!content_ && !fixedState_.empty()) {
        std::vector<std::string_view> values{token};
        fixedHoles_.names.clear();
        for (const auto& [name, value] : fixed_) {
            fixedHoles_.names.push_back(name);
            values.emplace_back(value);
        }
        if (const view::Skeleton* sk = contentSkeleton(views, lang, name_, fixedState_, fixedHoles_)) {
            content.reserve(sk->size() + 256);
            sk->fill(content, values.data());
        } else {
            content = renderContent(views, lang, name_, fixedHoles_, values);
        }
    } else {
        ctemplate::TemplateDictionary& d = dict();
        d.SetTemplateGlobalValue("LANG", code(lang));
        d.SetTemplateGlobalValue("CSRF_TOKEN", token);
        content = views.expand(lang, name_, d);
    }
    const LayoutValues values = {langUrl_, userName_, returnUrl_, token, content};
    Response r;
    r.status = status;
    const view::Skeleton* sk = layout_ ? nullptr : layoutSkeleton(views, shape_);
    if (sk) {
        r.body.reserve(sk->size() + content.size() + 512);
        sk->fill(r.body, values);
    } else {
        ctemplate::TemplateDictionary& d = layout();
        d.SetTemplateGlobalValue("CSRF_TOKEN", token);
        d.SetValue("CONTENT", content);
        r.body = renderLayout(views, lang, d);
    }
    return r;
}

}  // namespace ktk::web
