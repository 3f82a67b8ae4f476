#include <iostream>
#include <stdexcept>

#include "profile/profile_handler.h"

int main(int argc, char** argv) try {
    return ktk::web::runApp(argc, argv, "ktk-profile",
                            {"profile/", "mail/password_changed/"},
                            [](const ktk::web::Services& services) {
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        ktk::web::Routes routes;
        routes.emplace_back("/profile", std::make_unique<ktk::profile::ProfileHandler>());
        routes.emplace_back("/profile/security", std::make_unique<ktk::profile::SecurityHandler>(common));
        return routes;
    });
} catch (const std::exception& e) {
    std::cerr << "ktk-profile: " << e.what() << "\n";
    return 2;
}
