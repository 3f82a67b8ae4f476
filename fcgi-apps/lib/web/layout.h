// The shared layout around every page (templates/layout/page.tpl): the
// header with the language switch, for a logged-in user the user bar and
// the idle-timeout warning, the form errors' summary, the content, the
// footer. What decides its structure is a LayoutShape; what changes from
// request to request are its holes. A page whose layout keeps its shape is
// written from the shape's skeleton (view/skeleton.h), made the first time
// the shape is needed; a page that adds to the layout (the form errors'
// summary) renders it through ctemplate with the same values.
#pragma once

#include <ctemplate/template.h>

#include <string>
#include <string_view>

#include "domain/lang.h"
#include "view/skeleton.h"
#include "view/views.h"

namespace ktk::web {

struct LayoutShape {
    domain::Lang lang = domain::Lang::Hu;
    std::string title;        // translated
    std::string description;  // translated <meta name="description">, "" for none
    bool registrationHelp = false;  // the footer's helpdesk link with the registration subject
    bool testMode = false;
    std::string assetVersion;
    // A logged-in user: the user bar and the idle-timeout warning.
    bool user = false;
    std::string homeUrl;  // the user's start page
    std::string workUrl;  // a linked contact's applications ("" for others)
    enum class Current { None, Home, Work, Profile, Security } current = Current::None;

    // One string per shape: the skeletons' cache key.
    std::string key() const;
};

// What changes per request; each is escaped where the layout puts it,
// except the content, which is the content template's rendered HTML.
enum LayoutHole { kLangUrl, kUserName, kReturnUrl, kFormToken, kContent, kLayoutHoles };
using LayoutValues = std::string_view[kLayoutHoles];

// Sets the layout's dictionary as the shape and the values say.
void fillLayout(ctemplate::TemplateDictionary& dict, const LayoutShape& shape, const LayoutValues& values);

// The page through ctemplate (`dict` filled by fillLayout, possibly added
// to) or through the shape's skeleton. Both give the same bytes
// (tests/unit/test_skeleton.cpp).
std::string renderLayout(const view::Views& views, domain::Lang lang, const ctemplate::TemplateDictionary& dict);
// nullptr when the layout could not be split (then ctemplate renders it).
const view::Skeleton* layoutSkeleton(const view::Views& views, const LayoutShape& shape);

// The skeleton of content template `name` in `lang` whose dictionary has
// only the given top-level values (by name), sections and the form token,
// cached under `state`; nullptr when it cannot be made.
struct ContentHoles {
    std::vector<const char*> names;     // the top-level values, in hole order after the form token
    std::vector<const char*> sections;  // the top-level sections shown (each once, without values of its own)
    std::vector<const char*> raw;       // those of names whose values are HTML already ({{NAME:none}})
};
const view::Skeleton* contentSkeleton(const view::Views& views, domain::Lang lang, const std::string& name,
                                      const std::string& state, const ContentHoles& holes);
// The same content through ctemplate: values[0] is the form token, then
// one per name.
std::string renderContent(const view::Views& views, domain::Lang lang, const std::string& name,
                          const ContentHoles& holes, const std::vector<std::string_view>& values);

}  // namespace ktk::web
