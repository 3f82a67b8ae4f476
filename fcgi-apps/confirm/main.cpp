#include "confirm/confirm_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-confirm", ktk::site::portal(), [](const ktk::web::Services&) {
        using namespace ktk::confirm;
        ktk::web::Routes routes;
        routes.push_back({"/confirm", Access::Anyone, std::make_unique<ConfirmHandler>()});
        routes.push_back({"/confirm/done", Access::Anyone, std::make_unique<ConfirmDoneHandler>()});
        routes.push_back({"/confirm/resend", Access::Anyone, std::make_unique<ResendHandler>()});
        routes.push_back({"/confirm/resend/sent", Access::Anyone, std::make_unique<ResendSentHandler>()});
        return routes;
    });
}
