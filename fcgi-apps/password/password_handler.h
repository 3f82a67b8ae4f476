// The forgotten-password pages (README, "Forgotten password, profile and the
// Security tab"):
//   /password/forgot       the e-mail form; its POST answers every valid
//                          address alike (303 to /password/forgot/sent)
//   /password/forgot/sent  "look in your mailbox (and the spam folder)"
//   /password/reset        ?token= page: the user's name (never the
//                          address), the new password twice and the
//                          *Jelszó megújítása* button; GET and HEAD only
//                          look; the POST sets the password and sends the
//                          browser to /login (no automatic login).
#pragma once

#include <memory>

#include "domain/password_policy.h"
#include "service/password_reset.h"
#include "web/handler.h"

namespace ktk::password {

class ForgotHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return {"password/forgot"};  // the mail worker sends the mail
    }
};

class ForgotSentHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"password/sent"}; }
};

class ResetHandler : public web::Handler {
public:
    explicit ResetHandler(std::shared_ptr<const domain::CommonPasswords> common) : common_(std::move(common)) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // Two passwords of up to 128 characters, percent-encoded, and the token.
    std::size_t maxBodyBytes() const override { return 8 * 1024; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"password/reset", "password/invalid"}, service::kResetMails);
    }

private:
    std::shared_ptr<const domain::CommonPasswords> common_;
};

}  // namespace ktk::password
