// The office's application page (GET /admin/applications/{id}) as the
// actions show it again after a refusal: the application with its state,
// parties, current version, budget, attachments and timeline, and the
// forms its state allows (states.h), each refusal's notice and errors.
#pragma once

#include <cstdint>

#include "admin/admin_area.h"
#include "applications/office_service.h"
#include "domain/form_errors.h"

namespace ktk::admin {

// 403 for another office's application, 404 for none; `notice` names the
// template's section of an action's notice (nullptr for none).
web::Response applicationPage(web::Context& ctx, const Clerk& clerk, const applications::OfficeView& office,
                              const domain::FormErrors& errors, const char* notice, int status);

// An action that did not happen, answered: 403, 404, or the page again
// with what happened instead (already decided, changed meanwhile, not
// allowed now: 409; invalid input: 422 with the errors).
web::Response refusedAction(web::Context& ctx, const Clerk& clerk, std::uint64_t id,
                            const applications::ActionResult& result);

// The form's `version`: the version its page was loaded from (0: none,
// which no application has, so the service answers Stale).
std::uint32_t loadedVersion(const web::Request& req);

}  // namespace ktk::admin
