// The login program's pages: /login (form and the login decision),
// /logout, "/" and /home. POST /login runs in its own process pool (nginx
// sends it to a second socket), so the password hashing it does cannot
// take the processes that serve every other page.
#pragma once

#include "applications/home_cache.h"
#include "config/config.h"
#include "service/device_token.h"
#include "service/new_device.h"
#include "web/handler.h"

namespace ktk::login {

// GET shows the form (a logged-in user goes to their start page); POST
// decides through service::authenticate, starts the session and renews
// the browser's device cookie. With a sign-in for another service waiting
// (`continue`, kept by ktk-oidc), the login goes on to it.
class LoginHandler : public web::Handler {
public:
    explicit LoginHandler(const config::Config& config) : devices_(config.secrets) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"login/login"}, service::kNewDeviceMails);
    }

private:
    // The POST's answer; post() adds what a waiting sign-in needs.
    web::Response decide(web::Context& ctx, const std::string& resume);
    service::DeviceTokens devices_;
};

// /login/two-factor: the second step of a login for an account with a
// confirmed authenticator (README, "Second factor"). GET shows the form
// while the pending step (its cookie) lives, else sends the browser back
// to /login saying so; POST `code` (the app's), or `recovery_code`,
// decides through service::completeSecondStep and ends as POST /login
// does: the session, the device cookie, the start page or the waiting
// sign-in. After a recovery code the answer page tells how many remain.
class SecondStepHandler : public web::Handler {
public:
    explicit SecondStepHandler(const config::Config& config) : devices_(config.secrets) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 2048; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"login/two_factor", "login/recovery_used"}, service::kNewDeviceMails);
    }

private:
    service::DeviceTokens devices_;
};

// GET asks to confirm (a link cannot log anyone out); POST with the
// session's CSRF token ends the session server-side.
class LogoutHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
    std::vector<std::string> templates() const override { return {"login/logout"}; }
};

// "/": to /home (clerks: /admin) when logged in, else to /login.
class RootHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
};

// POST /language (fields `lang`, `return`): the language switch of a
// logged-in user. It stores the language in the account (users.language:
// later pages and every mail), so it is a state change, and state changes
// are POSTs with the session's CSRF token: a GET with ?lang= that also
// wrote the account could be triggered by any site with a link or an
// image. Visitors switch with a plain ?lang= link instead (only a cookie
// changes). Either way the user lands on the page they were on: `return`,
// a local path only.
class LanguageHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
};

// POST /session/keepalive: "stay logged in" in the warning ktk.js shows
// before the idle timeout (WCAG 2.2.1). The loop's session lookup has
// already renewed the session; this answers 200 "ok" for the script. A
// dead session never gets here: its form token is refused and the loop
// sends the browser to the login page with the "session expired" message.
class KeepAliveHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

// /home: who is logged in and for which municipality, in the user's
// language (contacts only: the route says so), with the municipality's
// newest applications (kept in the process while they do not change).
class HomeHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"home/"}; }

private:
    applications::HomeCache lists_;
};

}  // namespace ktk::login
