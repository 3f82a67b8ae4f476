// ktk-admin-web: the clerks' area under /admin (nginx also limits it to an
// allow-list of client addresses). The command line is ktk-admin.
#include "admin/account_handler.h"
#include "admin/admin_area.h"
#include "admin/application_handlers.h"
#include "admin/audit_handler.h"
#include "admin/email_handler.h"
#include "admin/link_handler.h"
#include "admin/search_handler.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    ktk::web::Site site = ktk::site::portal();
    site.refuse = ktk::admin::refuseNonClerk;
    return ktk::web::runApp(argc, argv, "ktk-admin-web", std::move(site), [](const ktk::web::Services&) {
        using namespace ktk::admin;
        ktk::web::Routes routes;
        routes.push_back({"/admin", Access::Clerk, std::make_unique<SearchHandler>()});
        routes.push_back({"/admin/link", Access::Clerk, std::make_unique<LinkHandler>()});
        routes.push_back({"/admin/unlink", Access::Clerk, std::make_unique<AccountHandler>(AccountAction::Unlink)});
        routes.push_back({"/admin/disable", Access::Clerk, std::make_unique<AccountHandler>(AccountAction::Disable)});
        routes.push_back({"/admin/enable", Access::Clerk, std::make_unique<AccountHandler>(AccountAction::Enable)});
        routes.push_back({"/admin/reset-two-factor", Access::Clerk,
                          std::make_unique<AccountHandler>(AccountAction::ResetSecondFactor)});
        routes.push_back({"/admin/email", Access::Clerk, std::make_unique<EmailChangeHandler>()});
        routes.push_back({"/admin/audit", Access::Clerk, std::make_unique<AuditHandler>()});
        routes.push_back({"/admin/applications", Access::Clerk, std::make_unique<InboxHandler>()});
        routes.push_back({"/admin/applications.csv", Access::Clerk, std::make_unique<CsvHandler>()});
        routes.push_back({"/admin/applications/{id}", Access::Clerk, std::make_unique<OfficeApplicationHandler>()});
        routes.push_back({"/admin/applications/{id}/propose", Access::Clerk, std::make_unique<ProposeHandler>()});
        routes.push_back({"/admin/applications/{id}/decide", Access::Clerk, std::make_unique<DecideHandler>()});
        routes.push_back({"/admin/applications/{id}/message", Access::Clerk, std::make_unique<OfficeMessageHandler>()});
        routes.push_back({"/admin/applications/{id}/attachments/{n}", Access::Clerk,
                          std::make_unique<OfficeAttachmentHandler>()});
        routes.push_back({"/admin/applications/{id}/versions/{a}/diff/{b}", Access::Clerk,
                          std::make_unique<OfficeDiffHandler>()});
        routes.push_back({"/admin/applications/{id}/contract.pdf", Access::Clerk,
                          std::make_unique<OfficeContractHandler>()});
        return routes;
    });
}
