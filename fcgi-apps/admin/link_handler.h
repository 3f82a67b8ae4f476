// /admin/link: a clerk links a confirmed account (`email`) to a
// municipality of their office by its tax number (`tax_number`); a tax
// number the portal does not know yet is added to the office with the
// name given in `municipality_name`. GET shows the form (prefilled from
// ?email=) with the office's municipalities; POST validates every field,
// links through service::link (audit row and the user's mail in the same
// transaction) and redirects to /admin with a message. Pending and
// disabled accounts are refused with a clear message; an account or
// municipality of another office gets 403, and the attempt is audited.
#pragma once

#include "service/account_admin.h"
#include "web/handler.h"

namespace ktk::admin {

class LinkHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
    std::vector<std::string> templates() const override { return web::pagesAndMails({"admin/"}, service::kLinkMails); }
};

}  // namespace ktk::admin
