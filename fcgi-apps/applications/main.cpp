#include "applications/application_handlers.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    namespace h = ktk::applications::handlers;
    return ktk::web::runApp(argc, argv, "ktk-applications", ktk::site::portal(), [](const ktk::web::Services&) {
        ktk::web::Routes routes;
        routes.push_back({"/applications", Access::LinkedContact, std::make_unique<h::ListHandler>()});
        routes.push_back({"/applications/new", Access::LinkedContact, std::make_unique<h::NewHandler>()});
        routes.push_back({"/applications/{id}", Access::LinkedContact, std::make_unique<h::ShowHandler>()});
        routes.push_back({"/applications/{id}/edit", Access::LinkedContact, std::make_unique<h::EditHandler>()});
        routes.push_back({"/applications/{id}/submit", Access::LinkedContact, std::make_unique<h::SubmitHandler>()});
        routes.push_back({"/applications/{id}/attachments", Access::LinkedContact, std::make_unique<h::AttachHandler>()});
        routes.push_back({"/applications/{id}/attachments/{n}", Access::LinkedContact,
                          std::make_unique<h::AttachmentHandler>()});
        routes.push_back({"/applications/{id}/attachments/{n}/remove", Access::LinkedContact,
                          std::make_unique<h::DetachHandler>()});
        routes.push_back({"/applications/{id}/pdf", Access::LinkedContact, std::make_unique<h::PdfHandler>()});
        routes.push_back({"/applications/{id}/contract.pdf", Access::LinkedContact,
                          std::make_unique<h::ContractHandler>()});
        routes.push_back({"/applications/{id}/withdraw", Access::LinkedContact, std::make_unique<h::WithdrawHandler>()});
        return routes;
    });
}
