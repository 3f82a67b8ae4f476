#include "oidc/metadata_handlers.h"

#include "oidc/metadata.h"
#include "util/clock.h"
#include "web/context.h"

namespace ktk::oidc_app {

namespace {

// A JWKS cached longer than a superseded key stays published would let a
// relying party miss a new key for that long; five minutes is well inside,
// and the clients fetch again on a kid they do not know.
constexpr int kPublicMaxAgeSeconds = 300;

web::Response publicJson(const util::Json& doc) {
    web::Response r;
    r.contentType = "application/json";
    r.body = util::jsonText(doc);
    r.noStore = false;
    r.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(kPublicMaxAgeSeconds));
    r.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return r;
}

}  // namespace

web::Response DiscoveryHandler::get(web::Context& ctx) {
    return publicJson(oidc::discoveryDocument(ctx.app.config.baseUrl));
}

web::Response JwksHandler::get(web::Context& ctx) {
    const std::int64_t now = util::now();
    const std::vector<oidc::Key> keys = ctx.app.db.transact([&](db::Tx& tx) {
        // A fresh install has no key yet: the first JWKS makes them.
        keyring_.current(tx, oidc::Alg::RS256, now);
        keyring_.current(tx, oidc::Alg::ES256, now);
        return oidc::publishedKeys(tx, now);
    });
    return publicJson(oidc::jwks(keys));
}

}  // namespace ktk::oidc_app
