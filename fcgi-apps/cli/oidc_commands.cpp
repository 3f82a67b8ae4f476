#include "cli/oidc_commands.h"

#include <algorithm>
#include <iostream>

#include "cli/common.h"
#include "oidc/client_store.h"
#include "oidc/key_store.h"
#include "repo/audit.h"
#include "util/clock.h"
#include "util/json.h"

namespace ktk::cli {

namespace {

int clientUsage() {
    std::cerr << "usage: ktk-admin client add --name NAME --redirect-uri URI [--redirect-uri URI…]\n"
                 "                 [--post-logout-redirect-uri URI] [--public] [--first-party]\n"
                 "                 [--backchannel-logout-uri URI] [--id-token-alg RS256|ES256]\n"
                 "       ktk-admin client list\n"
                 "       ktk-admin client show CLIENT_ID\n"
                 "       ktk-admin client disable CLIENT_ID\n"
                 "       ktk-admin client rotate-secret CLIENT_ID\n";
    return kUsage;
}

int oidcUsage() {
    std::cerr << "usage: ktk-admin oidc key rotate\n"
                 "       ktk-admin oidc key list\n";
    return kUsage;
}

// The client as the audit log keeps it (never its secret): a flat object,
// the redirect URIs separated by spaces, as the audit pages show values.
util::Json clientJson(const oidc::Client& c) {
    std::string uris;
    for (const std::string& uri : c.redirectUris) uris += (uris.empty() ? "" : " ") + uri;
    return {{"client_id", c.clientId},
            {"name", c.name},
            {"type", c.confidential ? "confidential" : "public"},
            {"first_party", c.firstParty},
            {"id_token_alg", std::string(oidc::algName(c.idTokenAlg))},
            {"redirect_uris", uris},
            {"post_logout_redirect_uri", c.postLogoutRedirectUri},
            {"backchannel_logout_uri", c.backchannelLogoutUri}};
}

void audit(db::Tx& tx, const std::string& action, std::optional<util::Json> before, std::optional<util::Json> after) {
    repo::AuditEntry e;
    e.actor = operatorActor().who;
    e.action = action;
    if (before) e.before = util::jsonText(*before);
    if (after) e.after = util::jsonText(*after);
    repo::recordAudit(tx, e);
}

// The URI of option `what`, or a message and false.
bool checkUri(const std::string& what, const std::string& uri) {
    if (std::optional<std::string> problem = oidc::uriProblem(uri)) {
        fail(kInvalid, what + " '" + uri + "' " + *problem);
        return false;
    }
    return true;
}

int add(const config::Config& config, const Args& args) {
    auto o = parseOptions(args, {"--name", "--post-logout-redirect-uri", "--backchannel-logout-uri", "--id-token-alg"},
                          {"--public", "--first-party"}, {"--redirect-uri"});
    if (!o) return kUsage;
    if (!o->words.empty() || !o->has("--name") || o->all("--redirect-uri").empty()) return clientUsage();
    oidc::NewClient c;
    c.name = o->get("--name");
    if (!oidc::validClientName(c.name)) return fail(kInvalid, "client name: 1 to 200 characters of printable text");
    c.redirectUris = o->all("--redirect-uri");
    for (const std::string& uri : c.redirectUris) {
        if (!checkUri("--redirect-uri", uri)) return kInvalid;
        if (std::count(c.redirectUris.begin(), c.redirectUris.end(), uri) > 1)
            return fail(kInvalid, "--redirect-uri '" + uri + "' given twice");
    }
    c.postLogoutRedirectUri = o->get("--post-logout-redirect-uri");
    if (!c.postLogoutRedirectUri.empty() && !checkUri("--post-logout-redirect-uri", c.postLogoutRedirectUri))
        return kInvalid;
    c.backchannelLogoutUri = o->get("--backchannel-logout-uri");
    if (!c.backchannelLogoutUri.empty() && !checkUri("--backchannel-logout-uri", c.backchannelLogoutUri))
        return kInvalid;
    std::optional<oidc::Alg> alg = oidc::parseAlg(o->get("--id-token-alg", "RS256"));
    if (!alg) return fail(kInvalid, "--id-token-alg: RS256 or ES256");
    c.idTokenAlg = *alg;
    c.confidential = !o->flag("--public");
    c.firstParty = o->flag("--first-party");

    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    const oidc::AddedClient added = db.transact([&](db::Tx& tx) {
        oidc::AddedClient a = oidc::addClient(tx, c, util::now());
        audit(tx, "oidc.client.create", std::nullopt, clientJson(a.client));
        return a;
    });
    std::cout << "client_id: " << added.client.clientId << "\n";
    if (!added.secret.empty()) std::cout << "client_secret: " << added.secret << "\n";
    return 0;
}

int list(const config::Config& config, const Args& args) {
    if (!args.empty()) return clientUsage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    const std::vector<oidc::Client> clients = db.transact([](db::Tx& tx) { return oidc::listClients(tx); });
    std::cout << "client_id\ttype\tfirst_party\tstate\tredirect_uris\tname\n";
    for (const oidc::Client& c : clients)
        std::cout << c.clientId << "\t" << (c.confidential ? "confidential" : "public") << "\t"
                  << (c.firstParty ? "yes" : "no") << "\t" << (c.enabled() ? "enabled" : "disabled") << "\t"
                  << c.redirectUris.size() << "\t" << c.name << "\n";
    return 0;
}

int show(const config::Config& config, const Args& args) {
    if (args.size() != 1) return clientUsage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    const std::optional<oidc::Client> c = db.transact([&](db::Tx& tx) { return oidc::findClient(tx, args[0]); });
    if (!c) return fail(kRefused, "no client " + args[0]);
    std::cout << "client_id: " << c->clientId << "\n"
              << "name: " << c->name << "\n"
              << "type: " << (c->confidential ? "confidential" : "public") << "\n"
              << "first_party: " << (c->firstParty ? "yes" : "no") << "\n"
              << "id_token_alg: " << oidc::algName(c->idTokenAlg) << "\n";
    for (const std::string& uri : c->redirectUris) std::cout << "redirect_uri: " << uri << "\n";
    if (!c->postLogoutRedirectUri.empty()) std::cout << "post_logout_redirect_uri: " << c->postLogoutRedirectUri << "\n";
    if (!c->backchannelLogoutUri.empty()) std::cout << "backchannel_logout_uri: " << c->backchannelLogoutUri << "\n";
    std::cout << "created_at: " << c->createdAt << " UTC\n";
    if (!c->secretRotatedAt.empty()) std::cout << "secret_rotated_at: " << c->secretRotatedAt << " UTC\n";
    std::cout << "state: " << (c->enabled() ? "enabled" : "disabled since " + c->disabledAt + " UTC") << "\n";
    return 0;
}

int disable(const config::Config& config, const Args& args) {
    if (args.size() != 1) return clientUsage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    enum class Done { Disabled, Already, NoClient };
    const Done done = db.transact([&](db::Tx& tx) {
        const std::optional<oidc::Client> c = oidc::findClient(tx, args[0]);
        if (!c) return Done::NoClient;
        if (!oidc::disableClient(tx, args[0], util::now())) return Done::Already;
        audit(tx, "oidc.client.disable", clientJson(*c), util::Json{{"client_id", c->clientId}, {"state", "disabled"}});
        return Done::Disabled;
    });
    if (done == Done::NoClient) return fail(kRefused, "no client " + args[0]);
    if (done == Done::Already) std::cout << "already disabled\n";
    return 0;
}

int rotateSecret(const config::Config& config, const Args& args) {
    if (args.size() != 1) return clientUsage();
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    enum class Done { Rotated, Public, NoClient };
    std::string secret;
    const Done done = db.transact([&](db::Tx& tx) {
        const std::optional<oidc::Client> c = oidc::findClient(tx, args[0]);
        if (!c) return Done::NoClient;
        std::optional<std::string> s = oidc::rotateClientSecret(tx, args[0], util::now());
        if (!s) return Done::Public;
        secret = *s;
        audit(tx, "oidc.client.rotate_secret", std::nullopt, util::Json{{"client_id", c->clientId}});
        return Done::Rotated;
    });
    if (done == Done::NoClient) return fail(kRefused, "no client " + args[0]);
    if (done == Done::Public) return fail(kRefused, "client " + args[0] + " is public: it has no secret");
    std::cout << "client_secret: " << secret << "\n";
    return 0;
}

int keyRotate(const config::Config& config) {
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    const std::vector<std::string> kids = db.transact([&](db::Tx& tx) {
        const std::int64_t now = util::now();
        std::vector<std::string> made = oidc::rotateKeys(tx, config.secrets, now);
        audit(tx, "oidc.key.rotate", std::nullopt,
              util::Json{{"RS256", made.at(0)}, {"ES256", made.at(1)},
                         {"old_keys_published_for_s", oidc::kKeyPublishedAfterSupersededSeconds}});
        return made;
    });
    std::cout << "RS256 kid: " << kids.at(0) << "\nES256 kid: " << kids.at(1) << "\n";
    return 0;
}

int keyList(const config::Config& config) {
    db::Database db(config);
    if (!connect(db)) return kUnavailable;
    const auto keys = db.transact([&](db::Tx& tx) { return oidc::listKeys(tx, util::now()); });
    std::cout << "kid\talg\tcreated_at\tstate\tpublished_until\n";
    for (const oidc::KeyInfo& k : keys)
        std::cout << k.kid << "\t" << oidc::algName(k.alg) << "\t" << k.createdAt << "\t"
                  << (k.supersededAt.empty() ? "current" : k.published ? "superseded" : "retired") << "\t"
                  << k.retiredAt << "\n";
    return 0;
}

}  // namespace

int clientCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.empty()) return clientUsage();
    Args rest(args.begin() + 1, args.end());
    if (args[0] == "add") return add(config, rest);
    if (args[0] == "list") return list(config, rest);
    if (args[0] == "show") return show(config, rest);
    if (args[0] == "disable") return disable(config, rest);
    if (args[0] == "rotate-secret") return rotateSecret(config, rest);
    return clientUsage();
}

int oidcCommand(const config::Config& config, const std::vector<std::string>& args) {
    if (args.size() != 2 || args[0] != "key") return oidcUsage();
    if (args[1] == "rotate") return keyRotate(config);
    if (args[1] == "list") return keyList(config);
    return oidcUsage();
}

}  // namespace ktk::cli
