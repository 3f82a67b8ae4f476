#include "web/layout.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "repo/sessions.h"
#include "util/log.h"

namespace ktk::web {

namespace {
// How long before the idle timeout logged-in pages warn (WCAG 2.2.1 asks
// for at least 20 seconds to react; five minutes suit slow readers).
constexpr std::int64_t kSessionWarningSeconds = 5 * 60;

const std::string kLayoutTemplate = "layout/page";

std::string_view sv(const std::string& s) { return s; }

// Skeletons by key, made once per process; a key that could not be made
// keeps its nullopt, so the failure is logged once and ctemplate serves.
std::map<std::string, std::optional<view::Skeleton>>& cache() {
    static std::map<std::string, std::optional<view::Skeleton>> skeletons;
    return skeletons;
}

const view::Skeleton* cached(const std::string& key, const view::Skeleton::Render& render, std::size_t holes,
                             const std::vector<bool>& raw) {
    auto& c = cache();
    auto it = c.find(key);
    if (it == c.end()) {
        std::optional<view::Skeleton> made;
        try {
            made = view::Skeleton::compile(render, holes, raw);
        } catch (const std::exception& e) {
            util::logError(std::string("page skeleton ") + key + ": " + e.what() + " (rendered by ctemplate)");
        }
        it = c.emplace(key, std::move(made)).first;
    }
    return it->second ? &*it->second : nullptr;
}
}  // namespace

std::string LayoutShape::key() const {
    std::string k;
    k.reserve(title.size() + description.size() + homeUrl.size() + workUrl.size() + assetVersion.size() + 16);
    k += code(lang);
    k += '|';
    k += title;
    k += '|';
    k += description;
    k += '|';
    k += registrationHelp ? 'r' : '-';
    k += testMode ? 't' : '-';
    k += user ? 'u' : '-';
    k += static_cast<char>('0' + static_cast<int>(current));
    k += '|';
    k += homeUrl;
    k += '|';
    k += workUrl;
    k += '|';
    k += assetVersion;
    return k;
}

void fillLayout(ctemplate::TemplateDictionary& dict, const LayoutShape& shape, const LayoutValues& values) {
    const domain::Lang other = shape.lang == domain::Lang::Hu ? domain::Lang::En : domain::Lang::Hu;
    dict.SetTemplateGlobalValue("LANG", code(shape.lang));
    dict.SetTemplateGlobalValue("CSRF_TOKEN", ctemplate::TemplateString(values[kFormToken].data(), values[kFormToken].size()));
    auto str = [](std::string_view v) { return ctemplate::TemplateString(v.data(), v.size()); };
    dict.SetValue("TITLE", shape.title);
    dict.SetValue("LANG_OTHER", code(other));
    dict.SetValue("ASSET_VERSION", shape.assetVersion);
    dict.SetValue("CONTENT", str(values[kContent]));
    if (shape.testMode) dict.ShowSection("TEST_MODE");
    if (!shape.description.empty()) dict.SetValueAndShowSection("DESCRIPTION", shape.description, "HAS_DESCRIPTION");
    if (shape.registrationHelp) dict.ShowSection("REGISTRATION_HELP");
    if (!shape.user) {
        // Shown whatever the value (SetValueAndShowSection would hide the
        // section for an empty one and change the layout's shape).
        dict.ShowSection("LANG_LINK");
        dict.SetValue("LANG_URL", str(values[kLangUrl]));
        return;
    }
    // Switching language is a state change for a logged-in user (the
    // stored language decides their mails): a small CSRF-protected POST
    // form (login program, /language). Visitors get a plain link.
    dict.ShowSection("LANG_FORM");
    dict.SetValue("RETURN", str(values[kReturnUrl]));
    // The user bar: who is logged in; home, profile, security and logout
    // (publishLayoutConstants), the page the user is on marked as current.
    ctemplate::TemplateDictionary* u = dict.AddSectionDictionary("USER");
    u->SetValue("USER_NAME", str(values[kUserName]));
    u->SetValue("HOME_URL", shape.homeUrl);
    using C = LayoutShape::Current;
    if (!shape.workUrl.empty()) {
        ctemplate::TemplateDictionary* w = u->AddSectionDictionary("LINKED_CONTACT");
        w->SetValue("WORK_URL", shape.workUrl);
        if (shape.current == C::Work) w->ShowSection("WORK_CURRENT");
    }
    if (shape.current == C::Home) u->ShowSection("HOME_CURRENT");
    else if (shape.current == C::Profile) u->ShowSection("PROFILE_CURRENT");
    else if (shape.current == C::Security) u->ShowSection("SECURITY_CURRENT");
    // The warning before the idle timeout (WCAG 2.2.1), shown by ktk.js.
    // A page view renews the session only when the last renewal is a
    // minute old, so the script counts from a minute earlier.
    ctemplate::TemplateDictionary* s = dict.AddSectionDictionary("SESSION");
    s->SetIntValue("IDLE_SECONDS", static_cast<long>(repo::kSessionIdleSeconds - repo::kSessionTouchEverySeconds));
    s->SetIntValue("WARN_SECONDS", static_cast<long>(kSessionWarningSeconds));
}

std::string renderLayout(const view::Views& views, domain::Lang lang, const ctemplate::TemplateDictionary& dict) {
    return views.expand(lang, kLayoutTemplate, dict);
}

const view::Skeleton* layoutSkeleton(const view::Views& views, const LayoutShape& shape) {
    return cached(
        "layout|" + shape.key(),
        [&](const std::vector<std::string>& v) {
            ctemplate::TemplateDictionary dict("layout");
            const LayoutValues values = {sv(v[0]), sv(v[1]), sv(v[2]), sv(v[3]), sv(v[4])};
            fillLayout(dict, shape, values);
            return renderLayout(views, shape.lang, dict);
        },
        kLayoutHoles, {false, false, false, false, true});
}

std::string renderContent(const view::Views& views, domain::Lang lang, const std::string& name,
                          const ContentHoles& holes, const std::vector<std::string_view>& values) {
    ctemplate::TemplateDictionary dict("content");
    dict.SetTemplateGlobalValue("LANG", code(lang));
    dict.SetTemplateGlobalValue("CSRF_TOKEN", ctemplate::TemplateString(values[0].data(), values[0].size()));
    for (std::size_t i = 0; i < holes.names.size(); ++i)
        dict.SetValue(holes.names[i], ctemplate::TemplateString(values[i + 1].data(), values[i + 1].size()));
    for (const char* section : holes.sections) dict.ShowSection(section);
    return views.expand(lang, name, dict);
}

const view::Skeleton* contentSkeleton(const view::Views& views, domain::Lang lang, const std::string& name,
                                      const std::string& state, const ContentHoles& holes) {
    std::string key = "content|" + std::string(code(lang)) + "|" + name + "|" + state;
    std::vector<bool> raw{false};  // the form token
    for (const char* n : holes.names) {
        (key += '|') += n;
        const auto same = [&](const char* r) { return std::strcmp(r, n) == 0; };
        raw.push_back(std::any_of(holes.raw.begin(), holes.raw.end(), same));
        if (raw.back()) key += ":none";
    }
    for (const char* s : holes.sections) (key += "|#") += s;
    return cached(
        key,
        [&](const std::vector<std::string>& v) {
            return renderContent(views, lang, name, holes, std::vector<std::string_view>(v.begin(), v.end()));
        },
        holes.names.size() + 1, raw);
}

}  // namespace ktk::web
