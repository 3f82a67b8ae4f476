// /admin/email?email=…: a clerk starts an address change for a contact of
// the office (service/email_change.h). It is no shortcut: the clerk only
// starts the same confirmation a contact starts on /profile/email (a link
// to the new address, a notice with a cancel link to the old one); the
// address changes only when the link at the new address is used. GET shows
// the account and the form (`new_email`); POST starts it and redirects to
// /admin with a message; audited with the clerk as actor. Accounts outside
// the clerk's office get 403, and the attempt is audited.
#pragma once

#include "service/email_change.h"
#include "web/handler.h"

namespace ktk::admin {

class EmailChangeHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"admin/"}, service::kEmailChangeRequestMails);
    }
};

}  // namespace ktk::admin
