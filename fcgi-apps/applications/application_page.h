// What the applications' pages share: the form's fields in page order, the
// form and the budget filled into a template, money and states as people
// read them, and the contact a request acts for.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "applications/application_service.h"
#include "web/context.h"
#include "web/form_view.h"
#include "web/page.h"

namespace ktk::applications::handlers {

// In page order, so that the error summary lists problems top to bottom.
extern const web::FormField kApplicationFields[15];

// "/applications/7".
std::string applicationPath(std::uint64_t id);

// The form's `version` (the version the page showed): nullopt unless it
// is a number of at most 9 digits.
std::optional<std::uint32_t> formVersion(const web::Request& req);

// The application page; `errors` of a refused action on it (submission,
// withdrawal, attachment, acceptance, message), `status` its answer.
web::Response showPage(web::Context& ctx, std::uint64_t id, const domain::FormErrors& errors, int status);

// The answer to a contact's action on application `id` (`r`): done, a
// redirect to its page with `done` (a notice, an anchor); unknown, 404;
// not allowed or decided, back to its page; from an older page, back with
// `stale`; refused, the page with the errors (422).
web::Response answerAction(web::Context& ctx, std::uint64_t id, const applications::ActionResult& r,
                           const std::string& done, const std::string& stale);

// The negotiation's part of the application page (show.tpl): the
// office's proposal to answer, the decision, the timeline and the message
// form (a refused acceptance or message keeps what was typed).
void fillNegotiation(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationView& view);

// The office's newest proposal among the view's versions, and the newest
// event of `action` (a proposal's reason, a rejection's): nullptr when
// there is none.
const applications::VersionRow* latestProposal(const applications::ApplicationView& view);
const applications::EventRow* latestEvent(const applications::ApplicationView& view, applications::Action action);

// The linked contact the request acts for (the route admits only them).
applications::Contact contactOf(web::Context& ctx);

// The form as posted (repeated material item fields in order).
applications::ApplicationForm readForm(const web::Request& req);

// "3 447 098 Ft" / "HUF 3,447,098".
std::string money(web::Context& ctx, std::int64_t forints);
// "245 kB", "1,2 MB" / "1.2 MB" (kB rounded up, MB to one decimal).
std::string fileSize(web::Context& ctx, std::uint64_t bytes);
// The state's translated name.
std::string stateName(web::Context& ctx, applications::State state);
// The programme type's name in the page language, or its code.
std::string programmeName(web::Context& ctx, const std::vector<applications::ProgrammeRow>& programmes,
                          const std::string& code);

// The form's values, its programme choices and `blankItems` empty cost rows.
void fillForm(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationForm& form,
              const std::vector<applications::ProgrammeRow>& programmes, std::size_t blankItems);
// The budget's rows (ids budget-*, data-amount in whole forints).
void fillBudget(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::Budget& budget);
// The current version of `view` as the application pages show it: its
// fields (PROGRAMME, PUBLIC_TASK, …, the ITEM rows or NO_ITEMS) and its
// budget (the BUDGET section with RATES_YEAR, or NO_BUDGET). The office's
// pages (ktk-admin-web) show it the same way.
void fillVersion(web::Context& ctx, ctemplate::TemplateDictionary& d, const applications::ApplicationView& view,
                 const std::vector<applications::ProgrammeRow>& programmes);

}  // namespace ktk::applications::handlers
