#include "confirm/confirm_handler.h"

int main(int argc, char** argv) {
    return ktk::web::runApp(argc, argv, "ktk-confirm",
                            {"confirm/", "mail/confirm_registration/", "mail/registration_confirmed/"},
                            [](const ktk::web::Services&) {
        ktk::web::Routes routes;
        routes.emplace_back("/confirm", std::make_unique<ktk::confirm::ConfirmHandler>());
        routes.emplace_back("/confirm/done", std::make_unique<ktk::confirm::ConfirmDoneHandler>());
        routes.emplace_back("/confirm/resend", std::make_unique<ktk::confirm::ResendHandler>());
        routes.emplace_back("/confirm/resend/sent", std::make_unique<ktk::confirm::ResendSentHandler>());
        return routes;
    });
}
