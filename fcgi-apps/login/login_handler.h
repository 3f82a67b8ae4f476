// The login program's pages: /login (form and the login decision),
// /logout, "/" and /home. POST /login runs in its own process pool (nginx
// sends it to a second socket), so the password hashing it does cannot
// take the processes that serve every other page.
#pragma once

#include "web/app.h"

namespace ktk::login {

// GET shows the form (a logged-in user goes to their start page); POST
// decides through login::authenticate and starts the session.
class LoginHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
};

// GET asks to confirm (a link cannot log anyone out); POST with the
// session's CSRF token ends the session server-side.
class LogoutHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

// "/": to /home (clerks: /admin) when logged in, else to /login.
class RootHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// /home: who is logged in and for which municipality, in the user's
// language; anonymous visitors go to /login.
class HomeHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

}  // namespace ktk::login
