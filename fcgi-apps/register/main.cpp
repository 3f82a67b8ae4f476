#include "register/register_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-register", ktk::site::portal(), [](const ktk::web::Services& services) {
        // Loaded here and not in the shared core: only the programs that
        // check passwords pay for the list.
        auto common = std::make_shared<const ktk::domain::CommonPasswords>(
            ktk::domain::CommonPasswords::load(services.config.commonPasswordsFile));
        using namespace ktk::registration;
        ktk::web::Routes routes;
        routes.push_back({"/register", Access::Anyone, std::make_unique<RegisterHandler>(common)});
        routes.push_back({"/register/done", Access::Anyone, std::make_unique<RegisterDoneHandler>()});
        return routes;
    });
}
