// /login: the form (GET). The POST side arrives with sessions.
#pragma once

#include "web/app.h"

namespace ktk::login {

class LoginHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// "/": to /home when logged in, else to /login.
class RootHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

}  // namespace ktk::login
