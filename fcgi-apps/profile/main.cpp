#include "profile/email_handler.h"
#include "profile/profile_handler.h"
#include "profile/two_factor_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-profile", ktk::site::portal(), [](const ktk::web::Services& services) {
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        ktk::web::Routes routes;
        routes.push_back({"/profile", Access::User, std::make_unique<ktk::profile::ProfileHandler>()});
        routes.push_back({"/profile/security", Access::User, std::make_unique<ktk::profile::SecurityHandler>(common)});
        routes.push_back({"/profile/security/services", Access::User, std::make_unique<ktk::profile::ServicesHandler>()});
        routes.push_back({"/profile/email", Access::User, std::make_unique<ktk::profile::EmailHandler>()});
        // The mailed links work in any browser, logged in or not.
        routes.push_back({"/profile/email/confirm", Access::Anyone, std::make_unique<ktk::profile::EmailConfirmHandler>()});
        routes.push_back({"/profile/email/cancel", Access::Anyone, std::make_unique<ktk::profile::EmailCancelHandler>()});
        routes.push_back({"/profile/sessions", Access::User, std::make_unique<ktk::profile::SessionsPageHandler>()});
        routes.push_back({"/profile/sessions/revoke", Access::User, std::make_unique<ktk::profile::SessionsHandler>()});
        routes.push_back({"/profile/sessions/notice", Access::User, std::make_unique<ktk::profile::NoticeHandler>()});
        routes.push_back({"/profile/two-factor", Access::User, std::make_unique<ktk::profile::TwoFactorHandler>()});
        return routes;
    });
}
