// A page inside the shared layout: the header with the language switch,
// for a logged-in user the user bar (the site's links, web/site.h) and the
// idle-timeout warning, and the content template with its dictionary.
#pragma once

#include <ctemplate/template.h>

#include <memory>
#include <string>
#include <string_view>

#include "web/context.h"
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
    ctemplate::TemplateDictionary& dict() { return *content_; }
    ctemplate::TemplateDictionary& layout() { return *layout_; }
    Context& context() { return ctx_; }
    // A translated <meta name="description"> (the public entry pages).
    void describe(std::string_view key) {
        layout_->SetValueAndShowSection("DESCRIPTION", ctx_.tr(key), "HAS_DESCRIPTION");
    }
    // A registration page: the footer's helpdesk link opens a mail with the
    // subject the helpdesk sorts registration problems by.
    void askHelpdeskAboutRegistration() { layout_->ShowSection("REGISTRATION_HELP"); }
    Response render(int status = 200);

private:
    Context& ctx_;
    std::string name_;
    std::unique_ptr<ctemplate::TemplateDictionary> layout_;
    ctemplate::TemplateDictionary* content_;
};

}  // namespace ktk::web
