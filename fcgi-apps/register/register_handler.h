// /register: the form (GET) and the registration (POST); /register/done:
// the page that tells where the confirmation mail went. The POST checks
// every field and then the captcha before any password hashing, hashes,
// and creates the pending account with its mail in one transaction. A
// taken address gets the same page after the same work (its owner gets a
// notice mail instead), so the answer never tells who is registered.
#pragma once

#include <memory>

#include "domain/password_policy.h"
#include "service/registration.h"
#include "web/handler.h"

namespace ktk::registration {

class RegisterHandler : public web::Handler {
public:
    explicit RegisterHandler(std::shared_ptr<const domain::CommonPasswords> common) : common_(std::move(common)) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 16 * 1024; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"register/register"}, service::kRegisterMails);
    }

private:
    std::shared_ptr<const domain::CommonPasswords> common_;
};

class RegisterDoneHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"register/done"}; }
};

}  // namespace ktk::registration
