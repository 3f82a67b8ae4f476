#include <iostream>
#include <stdexcept>

#include "register/register_handler.h"

int main(int argc, char** argv) try {
    return ktk::web::runApp(argc, argv, "ktk-register",
                            {"register/", "mail/confirm_registration/", "mail/registration_notice/"},
                            [](const ktk::web::Services& services) {
        // Loaded here and not in the shared core: only the programs that
        // check passwords pay for the list.
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        ktk::web::Routes routes;
        routes.emplace_back("/register", std::make_unique<ktk::registration::RegisterHandler>(common));
        routes.emplace_back("/register/done", std::make_unique<ktk::registration::RegisterDoneHandler>());
        return routes;
    });
} catch (const std::exception& e) {
    std::cerr << "ktk-register: " << e.what() << "\n";
    return 2;
}
