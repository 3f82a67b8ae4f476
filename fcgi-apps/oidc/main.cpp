#include "oidc/authorize_handlers.h"
#include "oidc/key_store.h"
#include "oidc/logout_handler.h"
#include "oidc/metadata_handlers.h"
#include "oidc/token_handlers.h"
#include "site/portal.h"
#include "web/app.h"

int main(int argc, char** argv) {
    using ktk::web::Access;
    return ktk::web::runApp(argc, argv, "ktk-oidc", ktk::site::portal(), [](const ktk::web::Services& services) {
        using namespace ktk::oidc_app;
        static ktk::oidc::Keyring keyring(services.config.secrets);
        ktk::web::Routes routes;
        routes.push_back({"/.well-known/openid-configuration", Access::Anyone, std::make_unique<DiscoveryHandler>()});
        routes.push_back({"/.well-known/oauth-authorization-server", Access::Anyone,
                          std::make_unique<DiscoveryHandler>()});
        routes.push_back({"/oauth2/jwks", Access::Anyone, std::make_unique<JwksHandler>(keyring)});
        routes.push_back({"/oauth2/authorize", Access::Anyone, std::make_unique<AuthorizeHandler>()});
        routes.push_back({"/oauth2/consent", Access::User, std::make_unique<ConsentHandler>()});
        routes.push_back({"/oauth2/token", Access::Anyone, std::make_unique<TokenHandler>(keyring)});
        routes.push_back({"/oauth2/userinfo", Access::Anyone, std::make_unique<UserinfoHandler>()});
        routes.push_back({"/oauth2/revoke", Access::Anyone, std::make_unique<RevokeHandler>()});
        routes.push_back({"/oauth2/introspect", Access::Anyone, std::make_unique<IntrospectHandler>()});
        routes.push_back({"/oauth2/logout", Access::Anyone, std::make_unique<LogoutHandler>()});
        return routes;
    });
}
