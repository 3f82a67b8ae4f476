// /admin/unlink, /admin/disable, /admin/enable and /admin/reset-two-factor
// (a contact's lost second factor, service/second_factor_reset.h): one
// page each for one account (`email`). GET shows the account and asks for
// confirmation, so that no link can change an account; POST acts through
// the services (audit row with before and after, the user's mail, and for
// all but enable the end of the user's sessions, in one transaction) and
// redirects to /admin with a message. Accounts outside the clerk's office
// get 403, and the attempt is audited; a clerk's account is no clerk's to
// change here.
#pragma once

#include "web/handler.h"

namespace ktk::admin {

enum class AccountAction { Unlink, Disable, Enable, ResetSecondFactor };

class AccountHandler : public web::Handler {
public:
    explicit AccountHandler(AccountAction action) : action_(action) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override;

private:
    AccountAction action_;
};

}  // namespace ktk::admin
