// A logged-in user's own pages (README, "Forgotten password, profile and the Security tab"):
//   /profile           last name, first name, phone and language (the
//                      e-mail address shown, changed only by the district
//                      office); POST → 303 → "saved"
//   /profile/security  the *Biztonság* (Security) tab: current password,
//                      new password twice; on success the notification
//                      mail, every other session ended, this one renewed;
//                      the connected services, and a link to:
//   /profile/sessions  where the person is logged in (each session, this
//                      one marked), their recent sign-ins
//                      (service/own_sessions.h, sign_ins.h), and the
//                      new-device notice's choice (service/new_device.h).
// Logged-in users only (the routes say so).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "domain/password_policy.h"
#include "domain/user_agent.h"
#include "service/password_change.h"
#include "web/handler.h"

namespace ktk::profile {

class ProfileHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 4096; }
    std::vector<std::string> templates() const override { return {"profile/profile"}; }
};

class SecurityHandler : public web::Handler {
public:
    explicit SecurityHandler(std::shared_ptr<const domain::CommonPasswords> common) : common_(std::move(common)) {}
    web::Response get(web::Context& ctx) override;
    web::Response post(web::Context& ctx) override;
    bool acceptsPost() const override { return true; }
    // Three passwords of up to 128 characters, percent-encoded.
    std::size_t maxBodyBytes() const override { return 8 * 1024; }
    std::vector<std::string> templates() const override {
        return web::pagesAndMails({"profile/security"}, service::kChangePasswordMails);
    }

private:
    std::shared_ptr<const domain::CommonPasswords> common_;
};

// POST /profile/security/services (`client`): withdraws the consent given
// to a sibling service, and revokes every token it holds for the person;
// the list is on the Security tab ("Connected services").
class ServicesHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

// GET /profile/sessions: "Where you are logged in", "Recent sign-ins"
// and, for contacts, whether a login from a new browser is mailed.
class SessionsPageHandler : public web::Handler {
public:
    web::Response get(web::Context& ctx) override;
    std::vector<std::string> templates() const override { return {"profile/sessions"}; }
};

// POST /profile/sessions/revoke: `session` (the opaque reference the
// sessions page shows, repo::sessionRef) logs out that one of the
// person's sessions, this one included; `all_others=1` logs out every
// other one. 303 back to the sessions page, or to the login page when
// this browser's own session ended. Someone else's reference gets the
// answer a stale one gets.
class SessionsHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

// POST /profile/sessions/notice (`new_device_mail` = yes | no): a
// contact's choice about the new-device notice; a clerk's is not stored.
class NoticeHandler : public web::Handler {
public:
    web::Response post(web::Context& ctx) override;
    bool acceptsGet() const override { return false; }
    bool acceptsPost() const override { return true; }
    std::size_t maxBodyBytes() const override { return 1024; }
};

// The short name of the browser behind a User-Agent header, in the page's
// language: "Firefox on Windows", or "Unknown browser".
std::string shownBrowser(const web::Context& ctx, std::string_view userAgent);
std::string shownBrowser(const web::Context& ctx, const domain::BrowserName& name);

}  // namespace ktk::profile
