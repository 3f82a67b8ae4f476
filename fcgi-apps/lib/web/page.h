// A page inside the shared layout: the header with the language switch,
// for a logged-in user the user bar (the site's links, web/site.h) and the
// idle-timeout warning, and the content template with its dictionary.
#pragma once

#include <ctemplate/template.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/context.h"
#include "web/layout.h"
#include "web/response.h"
#include "web/site.h"

namespace ktk::web {

// The layout's values that are the same on every page of a process (the
// user bar's constant links, the helpdesk address), set once at start-up
// as ctemplate globals instead of into every page's dictionary.
void publishLayoutConstants(const Site& site, const std::string& helpdeskEmail);

class Page {
public:
    Page(Context& ctx, std::string name, std::string_view titleKey);
    Page(Page&&) = default;
    // The content template's dictionary.
    ctemplate::TemplateDictionary& dict();
    // The layout's own dictionary, for a page that adds to the layout's
    // structure (the form errors' summary): the page is then rendered
    // through ctemplate instead of the layout's skeleton.
    ctemplate::TemplateDictionary& layout();
    Context& context() { return ctx_; }
    // A translated <meta name="description"> (the public entry pages).
    void describe(std::string_view key) { shape_.description = ctx_.tr(key); }
    // A registration page: the footer's helpdesk link opens a mail with the
    // subject the helpdesk sorts registration problems by.
    void askHelpdeskAboutRegistration() { shape_.registrationHelp = true; }
    // The content's dictionary holds only these top-level values, these
    // sections shown and the form token, in every request in `state` (a
    // page's common case, such as the empty login form): the content is
    // written from its skeleton. `raw` names the values that are HTML
    // already (the template writes them with :none). A later dict() turns
    // them into ordinary dictionary values and sections.
    void fixedContent(std::string state, std::vector<std::pair<const char*, std::string>> values,
                      std::vector<const char*> sections = {}, std::vector<const char*> raw = {});
    // For a handler that keeps a page's content while what it shows stands
    // (the applications list): the content expanded from dict() now, or
    // nothing when the template wrote the form token into it (one
    // person's token must never reach another). render() then writes it.
    std::optional<std::string> contentToKeep();
    // Content kept from contentToKeep() for the same page, values and
    // language, written as it is.
    void keptContent(std::string html) { kept_ = std::move(html); }
    Response render(int status = 200);

private:
    Context& ctx_;
    std::string name_;
    LayoutShape shape_;
    std::string langUrl_, userName_, returnUrl_;
    std::unique_ptr<ctemplate::TemplateDictionary> layout_;   // only once layout() was asked for
    std::unique_ptr<ctemplate::TemplateDictionary> content_;  // only once dict() was asked for
    std::string fixedState_;
    std::vector<std::pair<const char*, std::string>> fixed_;
    ContentHoles fixedHoles_;  // names filled in at render()
    std::optional<std::string> kept_;
};

}  // namespace ktk::web
