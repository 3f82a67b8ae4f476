// ktk-admin-web: the clerks' area under /admin (nginx also limits it to an
// allow-list of client addresses). The command line is ktk-admin.
#include "admin/account_handler.h"
#include "admin/audit_handler.h"
#include "admin/link_handler.h"
#include "admin/search_handler.h"

int main(int argc, char** argv) {
    return ktk::web::runApp(argc, argv, "ktk-admin-web",
                            {"admin/", "mail/account_linked/", "mail/account_unlinked/",
                             "mail/account_disabled/", "mail/account_enabled/"},
                            [](const ktk::web::Services&) {
        using namespace ktk::admin;
        ktk::web::Routes routes;
        routes.emplace_back("/admin", std::make_unique<SearchHandler>());
        routes.emplace_back("/admin/link", std::make_unique<LinkHandler>());
        routes.emplace_back("/admin/unlink", std::make_unique<AccountHandler>(AccountAction::Unlink));
        routes.emplace_back("/admin/disable", std::make_unique<AccountHandler>(AccountAction::Disable));
        routes.emplace_back("/admin/enable", std::make_unique<AccountHandler>(AccountAction::Enable));
        routes.emplace_back("/admin/audit", std::make_unique<AuditHandler>());
        return routes;
    });
}
