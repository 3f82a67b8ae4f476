// /confirm?token=…: the page with the Confirm button (GET and HEAD change
// nothing, so a mail scanner that opens the link confirms nothing); the
// button's POST uses the link up and confirms the address. /confirm/done:
// what to do next. /confirm/resend: ask for a new link; the answer is the
// same whatever address is typed.
#pragma once

#include "service/registration.h"
#include "web/handler.h"

namespace ktk::confirm {

class ConfirmHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"confirm/confirm", "confirm/already", "confirm/invalid"},
                                  service::kConfirmAddressMails);
    }
};

class ConfirmDoneHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"confirm/done"}; }
};

class ResendHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"confirm/resend"}, service::kResendMails);
    }
};

class ResendSentHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"confirm/resend_sent"}; }
};

}  // namespace ktk::confirm
