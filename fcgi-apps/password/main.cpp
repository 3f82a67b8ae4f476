#include <iostream>
#include <stdexcept>

#include "password/password_handler.h"

int main(int argc, char** argv) try {
    return ktk::web::runApp(argc, argv, "ktk-password",
                            {"password/", "mail/password_reset/", "mail/password_changed/"},
                            [](const ktk::web::Services& services) {
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        ktk::web::Routes routes;
        routes.emplace_back("/password/forgot", std::make_unique<ktk::password::ForgotHandler>());
        routes.emplace_back("/password/forgot/sent", std::make_unique<ktk::password::ForgotSentHandler>());
        routes.emplace_back("/password/reset", std::make_unique<ktk::password::ResetHandler>(common));
        return routes;
    });
} catch (const std::exception& e) {
    std::cerr << "ktk-password: " << e.what() << "\n";
    return 2;
}
