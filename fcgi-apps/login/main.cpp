#include "login/login_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-login", ktk::site::portal(), [](const ktk::web::Services& services) {
        using namespace ktk::login;
        ktk::web::Routes routes;
        routes.push_back({"/login", Access::Anyone, std::make_unique<LoginHandler>(services.config)});
        routes.push_back({"/login/two-factor", Access::Anyone, std::make_unique<SecondStepHandler>(services.config)});
        routes.push_back({"/logout", Access::User, std::make_unique<LogoutHandler>()});
        routes.push_back({"/language", Access::Anyone, std::make_unique<LanguageHandler>()});
        routes.push_back({"/session/keepalive", Access::User, std::make_unique<KeepAliveHandler>()});
        routes.push_back({"/home", Access::Contact, std::make_unique<HomeHandler>()});
        routes.push_back({"/", Access::Anyone, std::make_unique<RootHandler>()});
        return routes;
    });
}
