#include "login/login_handler.h"

int main(int argc, char** argv) {
    return ktk::web::runApp(argc, argv, "ktk-login", {"login/", "home/"}, [](const ktk::web::Services&) {
        ktk::web::Routes routes;
        routes.emplace_back("/login", std::make_unique<ktk::login::LoginHandler>());
        routes.emplace_back("/logout", std::make_unique<ktk::login::LogoutHandler>());
        routes.emplace_back("/language", std::make_unique<ktk::login::LanguageHandler>());
        routes.emplace_back("/session/keepalive", std::make_unique<ktk::login::KeepAliveHandler>());
        routes.emplace_back("/home", std::make_unique<ktk::login::HomeHandler>());
        routes.emplace_back("/", std::make_unique<ktk::login::RootHandler>());
        return routes;
    });
}
