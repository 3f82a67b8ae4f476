// Changing one's e-mail address (README, "Changing the e-mail address";
// the flow is service/email_change.h):
//   /profile/email          the form: new_email, current_password; POST →
//                           303 → "we mailed both addresses" (the same for
//                           an address that is another account's)
//   /profile/email/confirm  ?token= from the mail to the new address: GET
//                           shows the addresses and a button (so a mail
//                           scanner changes nothing); its POST changes the
//                           address
//   /profile/email/cancel   ?token= from the mails to the old address: GET
//                           shows what happened and a button; its POST stops
//                           a pending change, or switches a done one back
// The first is for logged-in users, the two links for anyone who holds
// the mail.
#pragma once

#include "service/email_change.h"
#include "web/handler.h"

namespace ktk::profile {

class EmailHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // An address of up to 254 characters and a password of up to 128, percent-encoded.
    std::size_t maxBodyBytes() const override { return 4096; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"profile/email"}, service::kEmailChangeRequestMails);
    }
};

class EmailConfirmHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"profile/email_confirm"}, service::kEmailChangeConfirmMails);
    }
};

class EmailCancelHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"profile/email_cancel"}, service::kEmailChangeCancelMails);
    }
};

}  // namespace ktk::profile
