#include "password/password_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-password", ktk::site::portal(), [](const ktk::web::Services& services) {
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        using namespace ktk::password;
        ktk::web::Routes routes;
        routes.push_back({"/password/forgot", Access::Anyone, std::make_unique<ForgotHandler>()});
        routes.push_back({"/password/forgot/sent", Access::Anyone, std::make_unique<ForgotSentHandler>()});
        routes.push_back({"/password/reset", Access::Anyone, std::make_unique<ResetHandler>(common)});
        return routes;
    });
}
