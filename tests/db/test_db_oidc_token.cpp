// ktk-oidc's token side through the real request loop and its route
// table (oidc/token_handlers.h) on real tables: codes issued directly
// (oidc::issueCode, as /oauth2/authorize will), then redeemed, refreshed,
// used at userinfo, revoked and introspected the way a relying party's
// server does, with client_secret_basic, client_secret_post or, for a
// public client, PKCE alone; every refusal with its RFC error code.
#include <cppunit/extensions/HelperMacros.h>

#include <cgicc/CgiUtils.h>

#include "crypto/random.h"
#include "db_fixture.h"
#include "oidc/client_store.h"
#include "oidc/grants.h"
#include "oidc/jose.h"
#include "oidc/key_store.h"
#include "oidc/token_handlers.h"
#include "util/clock.h"
#include "util/json.h"
#include "web/dispatch.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }
const std::string& issuer() { return test::dbWorld().config.baseUrl; }

const std::string kRedirect = "https://vkp.example.hu/oidc/cb";
const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const std::string kAllScopes = "openid profile email phone ktk";

const web::Routes& routes() {
    static oidc::Keyring keyring(test::dbWorld().config.secrets);
    // As fcgi-apps/oidc/main.cpp has them.
    static const web::Routes table = [] {
        web::Routes r;
        r.push_back({"/oauth2/token", web::Access::Anyone, std::make_unique<oidc_app::TokenHandler>(keyring)});
        r.push_back({"/oauth2/userinfo", web::Access::Anyone, std::make_unique<oidc_app::UserinfoHandler>()});
        r.push_back({"/oauth2/revoke", web::Access::Anyone, std::make_unique<oidc_app::RevokeHandler>()});
        r.push_back({"/oauth2/introspect", web::Access::Anyone, std::make_unique<oidc_app::IntrospectHandler>()});
        return r;
    }();
    return table;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// A request as a relying party's server sends it: no cookies, no CSRF
// token, perhaps an Authorization header.
web::Response send(const std::string& method, const std::string& path, const Fields& fields,
                   const std::string& authorization = "", const std::string& query = "") {
    std::string body;
    for (const auto& [k, v] : fields)
        body += (body.empty() ? "" : "&") + cgicc::form_urlencode(k) + "=" + cgicc::form_urlencode(v);
    std::vector<std::string> params = {"REQUEST_METHOD=" + method, "DOCUMENT_URI=" + path, "REMOTE_ADDR=192.0.2.44"};
    if (method == "POST") {
        params.push_back("CONTENT_TYPE=application/x-www-form-urlencoded");
        params.push_back("CONTENT_LENGTH=" + std::to_string(body.size()));
    }
    if (!authorization.empty()) params.push_back("HTTP_AUTHORIZATION=" + authorization);
    if (!query.empty()) params.push_back("QUERY_STRING=" + query);
    test::FakeRequest fake(params, method == "POST" ? body : "");
    web::Request req(fake.raw());
    return web::handle(*test::dbWorld().services, routes(), req);
}

web::Response post(const std::string& path, const Fields& fields, const std::string& authorization = "") {
    return send("POST", path, fields, authorization);
}

// Authorization: Basic, form-urlencoded id and secret in standard base64.
std::string basic(const std::string& id, const std::string& secret) {
    std::string b = crypto::base64UrlEncode(cgicc::form_urlencode(id) + ":" + cgicc::form_urlencode(secret));
    for (char& c : b) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (b.size() % 4) b += '=';
    return "Basic " + b;
}

std::string header(const web::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
        if (n == name) return v;
    return {};
}

util::Json json(const web::Response& r) {
    CPPUNIT_ASSERT_EQUAL(std::string("application/json"), r.contentType);
    return util::Json::parse(r.body);
}

std::string errorOf(const web::Response& r) { return json(r).value("error", std::string()); }

struct TestClient {
    oidc::Client client;
    std::string secret;
    const std::string& id() const { return client.clientId; }
};

TestClient makeClient(bool confidential = true, oidc::Alg alg = oidc::Alg::RS256) {
    oidc::NewClient n;
    n.name = "Virtuális Közfoglalkoztatási Piac";
    n.redirectUris = {kRedirect};
    n.confidential = confidential;
    n.idTokenAlg = alg;
    const oidc::AddedClient a = database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()); });
    return {a.client, a.secret};
}

// A code as /oauth2/authorize gives it, `age` seconds ago.
std::string issueCode(const TestClient& c, std::uint64_t userId, const std::string& scope = kAllScopes,
                      bool pkce = true, std::int64_t age = 0) {
    oidc::Grant g;
    g.clientRef = c.client.id;
    g.userId = userId;
    g.sid = oidc::sidOf(crypto::randomHex(32));
    g.redirectUri = kRedirect;
    g.scope = scope;
    g.nonce = "n-0S6_WzA2Mj";
    if (pkce) g.codeChallenge = kChallenge;
    g.authTime = util::now() - 300;
    return database().transact([&](db::Tx& tx) { return oidc::issueCode(tx, g, util::now() - age); });
}

Fields codeFields(const std::string& code, const std::string& verifier = kVerifier) {
    Fields f = {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kRedirect}};
    if (!verifier.empty()) f.emplace_back("code_verifier", verifier);
    return f;
}

Fields with(Fields f, const std::string& name, const std::string& value) {
    f.emplace_back(name, value);
    return f;
}

// The token endpoint's answer to a good code, with Basic authentication.
util::Json tokensFor(const TestClient& c, std::uint64_t userId, const std::string& scope = kAllScopes) {
    const web::Response r = post("/oauth2/token", codeFields(issueCode(c, userId, scope)), basic(c.id(), c.secret));
    CPPUNIT_ASSERT_EQUAL(200, r.status);
    return json(r);
}

web::Response userinfo(const std::string& accessToken) {
    return send("GET", "/oauth2/userinfo", {}, "Bearer " + accessToken);
}

web::Response refresh(const TestClient& c, const std::string& refreshToken, const std::string& scope = "") {
    Fields f = {{"grant_type", "refresh_token"}, {"refresh_token", refreshToken}};
    if (!scope.empty()) f.emplace_back("scope", scope);
    return post("/oauth2/token", f, basic(c.id(), c.secret));
}

bool introspectActive(const TestClient& c, const std::string& token) {
    const web::Response r = post("/oauth2/introspect", {{"token", token}}, basic(c.id(), c.secret));
    CPPUNIT_ASSERT_EQUAL(200, r.status);
    return json(r).at("active").get<bool>();
}

std::vector<oidc::Key> publishedKeys() {
    return database().autocommit([&](db::Tx& tx) { return oidc::publishedKeys(tx, util::now()); });
}

std::string subOf(std::uint64_t userId) {
    return database().transact([&](db::Tx& tx) { return oidc::subjectOf(tx, userId); });
}

// The ID token's claims about the person: all but those about the token.
util::Json userClaimsOf(const util::Json& idClaims) {
    util::Json user = idClaims;
    for (const char* k : {"iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "azp"}) user.erase(k);
    return user;
}

}  // namespace

class OidcTokenTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcTokenTest);
    CPPUNIT_TEST(testACodeGivesTokensAndASignedIdTokenWithBasicAuthentication);
    CPPUNIT_TEST(testACodeGivesTokensWithTheSecretInTheBody);
    CPPUNIT_TEST(testAPublicClientRedeemsWithPkceAloneAndNeverWithASecret);
    CPPUNIT_TEST(testAWrongSecretIsInvalidClientWithABasicChallengeOnlyAfterBasic);
    CPPUNIT_TEST(testAnotherClientsSecretOrADisabledClientIsInvalidClient);
    CPPUNIT_TEST(testBothAuthenticationMethodsAtOnceAreAnInvalidRequest);
    CPPUNIT_TEST(testARepeatedParameterOrAQueryStringIsAnInvalidRequest);
    CPPUNIT_TEST(testAReusedCodeIsRefusedAndRevokesWhatItsFirstUseGave);
    CPPUNIT_TEST(testAWrongOrMissingVerifierIsInvalidGrant);
    CPPUNIT_TEST(testAWrongRedirectUriOrAnotherClientsCodeIsInvalidGrant);
    CPPUNIT_TEST(testAnExpiredCodeIsInvalidGrant);
    CPPUNIT_TEST(testAnAccountThatMayNotUseTheServicesGetsNoTokens);
    CPPUNIT_TEST(testARefreshRotatesAndAReusedRefreshTokenRevokesTheFamily);
    CPPUNIT_TEST(testARefreshForAWiderScopeIsInvalidScopeAndANarrowerOneNarrowsTheAccessToken);
    CPPUNIT_TEST(testAnAccountDisabledLaterLosesItsTokensAndItsRefreshFamily);
    CPPUNIT_TEST(testOtherGrantTypesAreUnsupportedAndAMissingOneIsAnInvalidRequest);
    CPPUNIT_TEST(testUserinfoAnswersExactlyTheIdTokensUserClaims);
    CPPUNIT_TEST(testUserinfoWantsAnActiveAccessToken);
    CPPUNIT_TEST(testAnES256ClientGetsAnES256IdToken);
    CPPUNIT_TEST(testARevokedTokenIntrospectsInactive);
    CPPUNIT_TEST(testARevokedRefreshTokenTakesItsFamilyAndUnknownTokensAnswerTheSame);
    CPPUNIT_TEST(testAPublicClientMayNotIntrospect);
    CPPUNIT_TEST(testTheAuditRowsNameClientSubjectAndReasonButNoTokenOrSecret);
    CPPUNIT_TEST_SUITE_END();

public:
    void testACodeGivesTokensAndASignedIdTokenWithBasicAuthentication() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const std::int64_t before = util::now();
        const web::Response r = post("/oauth2/token", codeFields(issueCode(c, a.id)), basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(r.noStore);  // Cache-Control: no-store
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), header(r, "Pragma"));
        const util::Json t = json(r);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), t.at("token_type").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(600, t.at("expires_in").get<int>());
        CPPUNIT_ASSERT_EQUAL(kAllScopes, t.at("scope").get<std::string>());
        CPPUNIT_ASSERT(crypto::isToken(t.at("access_token").get<std::string>()));
        CPPUNIT_ASSERT(crypto::isToken(t.at("refresh_token").get<std::string>()));
        const std::optional<oidc::Jwt> id = oidc::verifyJwt(t.at("id_token").get<std::string>(), publishedKeys());
        CPPUNIT_ASSERT(id);
        CPPUNIT_ASSERT_EQUAL(std::string("RS256"), id->header.at("alg").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(issuer(), id->claims.at("iss").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(c.id(), id->claims.at("aud").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(subOf(a.id), id->claims.at("sub").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("n-0S6_WzA2Mj"), id->claims.at("nonce").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), id->claims.at("sid").get<std::string>().size());
        CPPUNIT_ASSERT(id->claims.at("auth_time").get<std::int64_t>() <= before - 299);
        CPPUNIT_ASSERT(id->claims.at("exp").get<std::int64_t>() >= before + 600);
        CPPUNIT_ASSERT_EQUAL(a.email, id->claims.at("email").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(200, userinfo(t.at("access_token").get<std::string>()).status);
    }
    void testACodeGivesTokensWithTheSecretInTheBody() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const web::Response r = post("/oauth2/token", with(with(codeFields(issueCode(c, a.id)), "client_id", c.id()),
                                                           "client_secret", c.secret));
        CPPUNIT_ASSERT_EQUAL(200, r.status);
        CPPUNIT_ASSERT(oidc::verifyJwt(json(r).at("id_token").get<std::string>(), publishedKeys()));
    }
    void testAPublicClientRedeemsWithPkceAloneAndNeverWithASecret() {
        const TestClient pub = makeClient(false), other = makeClient();
        const test::TestAccount a = test::makeAccount();
        const web::Response ok = post("/oauth2/token", with(codeFields(issueCode(pub, a.id)), "client_id", pub.id()));
        CPPUNIT_ASSERT_EQUAL(200, ok.status);
        CPPUNIT_ASSERT_EQUAL(200, userinfo(json(ok).at("access_token").get<std::string>()).status);
        // A secret (any client's) from a client that has none.
        const web::Response secret = post("/oauth2/token", with(with(codeFields(issueCode(pub, a.id)), "client_id",
                                                                     pub.id()), "client_secret", other.secret));
        CPPUNIT_ASSERT_EQUAL(401, secret.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(secret));
        // No verifier: the code is bound to a challenge.
        const web::Response bare = post("/oauth2/token", with(codeFields(issueCode(pub, a.id), ""), "client_id", pub.id()));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(bare));
        // A code of a public client without PKCE is none the authorize endpoint gives.
        const web::Response plain =
            post("/oauth2/token", with(codeFields(issueCode(pub, a.id, kAllScopes, false), ""), "client_id", pub.id()));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(plain));
    }
    void testAWrongSecretIsInvalidClientWithABasicChallengeOnlyAfterBasic() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const std::string code = issueCode(c, a.id);
        const web::Response viaBasic = post("/oauth2/token", codeFields(code), basic(c.id(), crypto::randomToken()));
        CPPUNIT_ASSERT_EQUAL(401, viaBasic.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(viaBasic));
        CPPUNIT_ASSERT_EQUAL(std::string("Basic realm=\"ktk\""), header(viaBasic, "WWW-Authenticate"));
        const web::Response viaBody = post("/oauth2/token", with(with(codeFields(code), "client_id", c.id()),
                                                                 "client_secret", "wrong"));
        CPPUNIT_ASSERT_EQUAL(401, viaBody.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(viaBody));
        CPPUNIT_ASSERT_EQUAL(std::string(), header(viaBody, "WWW-Authenticate"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(post("/oauth2/token", codeFields(code))));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"),
                             errorOf(post("/oauth2/token", codeFields(code), "Basic !!not-base64!!")));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"),
                             errorOf(post("/oauth2/token", codeFields(code), "Bearer " + c.secret)));
        // The code was never presented by its client: it still works.
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/token", codeFields(code), basic(c.id(), c.secret)).status);
        // The description names nothing of ours.
        CPPUNIT_ASSERT(viaBasic.body.find(c.id()) == std::string::npos);
    }
    void testAnotherClientsSecretOrADisabledClientIsInvalidClient() {
        const TestClient c = makeClient(), other = makeClient();
        const test::TestAccount a = test::makeAccount();
        const web::Response r = post("/oauth2/token", codeFields(issueCode(c, a.id)), basic(c.id(), other.secret));
        CPPUNIT_ASSERT_EQUAL(401, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(r));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"),
                             errorOf(post("/oauth2/token", codeFields(issueCode(c, a.id)), basic("nincs-ilyen", c.secret))));
        const std::string code = issueCode(c, a.id);
        database().transact([&](db::Tx& tx) { oidc::disableClient(tx, c.id(), util::now()); });
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"),
                             errorOf(post("/oauth2/token", codeFields(code), basic(c.id(), c.secret))));
    }
    void testBothAuthenticationMethodsAtOnceAreAnInvalidRequest() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const web::Response r = post("/oauth2/token", with(codeFields(issueCode(c, a.id)), "client_secret", c.secret),
                                     basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(400, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"), errorOf(r));
        // Naming another client in the body beside Basic is as bad.
        const web::Response twoIds = post("/oauth2/token", with(codeFields(issueCode(c, a.id)), "client_id", "masik"),
                                          basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"), errorOf(twoIds));
        // The same client_id beside Basic is allowed (RFC 6749 §3.2.1).
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/token", with(codeFields(issueCode(c, a.id)), "client_id", c.id()),
                                       basic(c.id(), c.secret)).status);
    }
    void testARepeatedParameterOrAQueryStringIsAnInvalidRequest() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const std::string code = issueCode(c, a.id);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"),
                             errorOf(post("/oauth2/token", with(codeFields(code), "code", code), basic(c.id(), c.secret))));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"),
                             errorOf(send("POST", "/oauth2/token", codeFields(code), basic(c.id(), c.secret),
                                          "client_secret=" + c.secret)));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"),
                             errorOf(send("POST", "/oauth2/token", codeFields(code), basic(c.id(), c.secret),
                                          "client_id=" + c.id())));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"),
                             errorOf(send("POST", "/oauth2/revoke", {{"token", code}}, basic(c.id(), c.secret),
                                          "client_id=" + c.id())));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"),
                             errorOf(post("/oauth2/token", {{"grant_type", "authorization_code"}, {"code", code}},
                                          basic(c.id(), c.secret))));
        // None of these used the code up.
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/token", codeFields(code), basic(c.id(), c.secret)).status);
        // GET is no way to the token endpoint.
        CPPUNIT_ASSERT_EQUAL(405, send("GET", "/oauth2/token", {}).status);
    }
    void testAReusedCodeIsRefusedAndRevokesWhatItsFirstUseGave() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const std::string code = issueCode(c, a.id);
        const web::Response first = post("/oauth2/token", codeFields(code), basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(200, first.status);
        const std::string access = json(first).at("access_token").get<std::string>();
        const std::string refreshToken = json(first).at("refresh_token").get<std::string>();
        CPPUNIT_ASSERT_EQUAL(200, userinfo(access).status);
        const web::Response second = post("/oauth2/token", codeFields(code), basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(400, second.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(second));
        const web::Response after = userinfo(access);
        CPPUNIT_ASSERT_EQUAL(401, after.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer error=\"invalid_token\""), header(after, "WWW-Authenticate"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(refresh(c, refreshToken)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'oidc.code.reused'"
                                                          " AND target_user_id = " + std::to_string(a.id)));
    }
    void testAWrongOrMissingVerifierIsInvalidGrant() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        for (const std::string& verifier : {kChallenge, std::string(), std::string(43, 'a')}) {
            const web::Response r = post("/oauth2/token", codeFields(issueCode(c, a.id), verifier), basic(c.id(), c.secret));
            CPPUNIT_ASSERT_EQUAL(400, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(r));
        }
        CPPUNIT_ASSERT(test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'oidc.token.refused'"
                                   " AND after_value LIKE '%wrong_verifier%' AND target_user_id = " +
                                   std::to_string(a.id)) == 3);
    }
    void testAWrongRedirectUriOrAnotherClientsCodeIsInvalidGrant() {
        const TestClient c = makeClient(), other = makeClient();
        const test::TestAccount a = test::makeAccount();
        Fields f = codeFields(issueCode(c, a.id));
        f[2].second = kRedirect + "/other";
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(post("/oauth2/token", f, basic(c.id(), c.secret))));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"),
                             errorOf(post("/oauth2/token", codeFields(issueCode(c, a.id)), basic(other.id(), other.secret))));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"),
                             errorOf(post("/oauth2/token", codeFields(crypto::randomToken()), basic(c.id(), c.secret))));
    }
    void testAnExpiredCodeIsInvalidGrant() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const web::Response r =
            post("/oauth2/token", codeFields(issueCode(c, a.id, kAllScopes, true, oidc::kCodeSeconds + 1)),
                 basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(r));
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/token", codeFields(issueCode(c, a.id, kAllScopes, true, 30)),
                                       basic(c.id(), c.secret)).status);
    }
    void testAnAccountThatMayNotUseTheServicesGetsNoTokens() {
        const TestClient c = makeClient();
        for (const test::AccountSpec& spec : {test::AccountSpec{test::Role::Contact, true, true, true},
                                              test::AccountSpec{test::Role::Contact, false, false, false},
                                              test::AccountSpec{test::Role::Contact, true, false, false}}) {
            const test::TestAccount a = test::makeAccount(spec);
            const web::Response r = post("/oauth2/token", codeFields(issueCode(c, a.id)), basic(c.id(), c.secret));
            CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(r));
        }
        const test::TestAccount clerk = test::makeAccount({test::Role::Clerk, true, false});
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/token", codeFields(issueCode(c, clerk.id)), basic(c.id(), c.secret)).status);
    }
    void testARefreshRotatesAndAReusedRefreshTokenRevokesTheFamily() {
        const TestClient c = makeClient(), other = makeClient();
        const test::TestAccount a = test::makeAccount();
        const util::Json first = tokensFor(c, a.id);
        const std::string r1 = first.at("refresh_token").get<std::string>();
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(refresh(other, r1)));
        const web::Response second = refresh(c, r1);
        CPPUNIT_ASSERT_EQUAL(200, second.status);
        const util::Json t2 = json(second);
        const std::string r2 = t2.at("refresh_token").get<std::string>(), a2 = t2.at("access_token").get<std::string>();
        CPPUNIT_ASSERT(r2 != r1);
        CPPUNIT_ASSERT_EQUAL(kAllScopes, t2.at("scope").get<std::string>());
        const std::optional<oidc::Jwt> id = oidc::verifyJwt(t2.at("id_token").get<std::string>(), publishedKeys());
        CPPUNIT_ASSERT(id && !id->claims.contains("nonce"));
        CPPUNIT_ASSERT_EQUAL(subOf(a.id), id->claims.at("sub").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(200, userinfo(a2).status);
        // The rotated token again: someone holds a copy, and the family ends.
        const web::Response reuse = refresh(c, r1);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(reuse));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(refresh(c, r2)));
        CPPUNIT_ASSERT_EQUAL(401, userinfo(a2).status);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM audit_log WHERE action = 'oidc.refresh.reused'"
                                                          " AND target_user_id = " + std::to_string(a.id)));
        // An access token is no refresh token.
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"),
                             errorOf(refresh(c, tokensFor(c, a.id).at("access_token").get<std::string>())));
    }
    void testARefreshForAWiderScopeIsInvalidScopeAndANarrowerOneNarrowsTheAccessToken() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id, "openid email");
        const std::string r1 = t.at("refresh_token").get<std::string>();
        for (const std::string& wider : {std::string("openid email profile"), std::string("openid nosuch"),
                                         std::string("email")}) {
            const web::Response r = refresh(c, r1, wider);
            CPPUNIT_ASSERT_EQUAL(400, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("invalid_scope"), errorOf(r));
        }
        // Refused before anything rotated: the token still serves.
        const web::Response narrow = refresh(c, r1, "openid");
        CPPUNIT_ASSERT_EQUAL(200, narrow.status);
        const util::Json n = json(narrow);
        CPPUNIT_ASSERT_EQUAL(std::string("openid"), n.at("scope").get<std::string>());
        const util::Json claims = json(userinfo(n.at("access_token").get<std::string>()));
        CPPUNIT_ASSERT(!claims.contains("email"));
        CPPUNIT_ASSERT(!oidc::verifyJwt(n.at("id_token").get<std::string>(), publishedKeys())->claims.contains("email"));
        // The refresh token keeps the family's scope.
        const web::Response again = refresh(c, n.at("refresh_token").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("openid email"), json(again).at("scope").get<std::string>());
        CPPUNIT_ASSERT(json(userinfo(json(again).at("access_token").get<std::string>())).contains("email"));
    }
    void testAnAccountDisabledLaterLosesItsTokensAndItsRefreshFamily() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id);
        const std::string access = t.at("access_token").get<std::string>();
        test::adminSql("UPDATE users SET disabled_at = UTC_TIMESTAMP() WHERE id = " + std::to_string(a.id));
        CPPUNIT_ASSERT_EQUAL(401, userinfo(access).status);
        CPPUNIT_ASSERT(!introspectActive(c, access));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_grant"), errorOf(refresh(c, t.at("refresh_token").get<std::string>())));
        test::adminSql("UPDATE users SET disabled_at = NULL WHERE id = " + std::to_string(a.id));
        // The family ended with the refusal: enabling the account again does not bring it back.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM oidc_tokens WHERE revoked_at IS NULL AND rotated_at IS NULL"
                                         " AND kind = 'refresh' AND user_id = " + std::to_string(a.id)));
    }
    void testOtherGrantTypesAreUnsupportedAndAMissingOneIsAnInvalidRequest() {
        const TestClient c = makeClient();
        for (const char* type : {"password", "client_credentials", "implicit", "token",
                                 "urn:ietf:params:oauth:grant-type:device_code", "<script>"}) {
            const web::Response r =
                post("/oauth2/token", {{"grant_type", type}, {"username", "x"}, {"password", "y"}}, basic(c.id(), c.secret));
            CPPUNIT_ASSERT_EQUAL(400, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("unsupported_grant_type"), errorOf(r));
        }
        const web::Response none = post("/oauth2/token", {{"code", crypto::randomToken()}}, basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"), errorOf(none));
    }
    void testUserinfoAnswersExactlyTheIdTokensUserClaims() {
        const TestClient c = makeClient();
        const test::TestAccount contact = test::makeAccount(), clerk = test::makeAccount({test::Role::Clerk, true, false});
        for (std::uint64_t user : {contact.id, clerk.id}) {
            const util::Json t = tokensFor(c, user);
            const std::optional<oidc::Jwt> id = oidc::verifyJwt(t.at("id_token").get<std::string>(), publishedKeys());
            CPPUNIT_ASSERT(id);
            const web::Response r = userinfo(t.at("access_token").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(200, r.status);
            CPPUNIT_ASSERT(r.noStore);
            const util::Json claims = json(r);
            CPPUNIT_ASSERT_EQUAL(userClaimsOf(id->claims).dump(), claims.dump());
            CPPUNIT_ASSERT(claims.contains("ktk_role") && claims.contains("family_name") && claims.contains("email"));
            // The same by POST, the token in the body (RFC 6750 §2.2).
            const web::Response byPost =
                send("POST", "/oauth2/userinfo", {{"access_token", t.at("access_token").get<std::string>()}});
            CPPUNIT_ASSERT_EQUAL(claims.dump(), json(byPost).dump());
        }
        const util::Json clerkToken = tokensFor(c, clerk.id);
        const util::Json clerkClaims = json(userinfo(clerkToken.at("access_token").get<std::string>()));
        CPPUNIT_ASSERT_EQUAL(std::string("clerk"), clerkClaims.at("ktk_role").get<std::string>());
        CPPUNIT_ASSERT(clerkClaims.contains("ktk_office") && !clerkClaims.contains("ktk_municipality"));
    }
    void testUserinfoWantsAnActiveAccessToken() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id);
        const web::Response none = send("GET", "/oauth2/userinfo", {});
        CPPUNIT_ASSERT_EQUAL(401, none.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), header(none, "WWW-Authenticate"));
        for (const std::string& token : {t.at("refresh_token").get<std::string>(), crypto::randomToken(),
                                         std::string("x")}) {
            const web::Response r = userinfo(token);
            CPPUNIT_ASSERT_EQUAL(401, r.status);
            CPPUNIT_ASSERT_EQUAL(std::string("invalid_token"), errorOf(r));
            CPPUNIT_ASSERT_EQUAL(std::string("Bearer error=\"invalid_token\""), header(r, "WWW-Authenticate"));
        }
        // Both ways at once (RFC 6750 §2).
        const std::string access = t.at("access_token").get<std::string>();
        const web::Response both = send("POST", "/oauth2/userinfo", {{"access_token", access}}, "Bearer " + access);
        CPPUNIT_ASSERT_EQUAL(400, both.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"), errorOf(both));
        // An access token of a client disabled since is no longer honoured.
        database().transact([&](db::Tx& tx) { oidc::disableClient(tx, c.id(), util::now()); });
        CPPUNIT_ASSERT_EQUAL(401, userinfo(access).status);
    }
    void testAnES256ClientGetsAnES256IdToken() {
        const TestClient c = makeClient(true, oidc::Alg::ES256);
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id);
        const std::optional<oidc::Jwt> id = oidc::verifyJwt(t.at("id_token").get<std::string>(), publishedKeys());
        CPPUNIT_ASSERT(id);
        CPPUNIT_ASSERT_EQUAL(std::string("ES256"), id->header.at("alg").get<std::string>());
        const std::string kid = id->header.at("kid").get<std::string>();
        bool isEcKey = false;
        for (const oidc::Key& k : publishedKeys())
            if (k.kid() == kid) isEcKey = k.alg() == oidc::Alg::ES256;
        CPPUNIT_ASSERT(isEcKey);
        const web::Response r = refresh(c, t.at("refresh_token").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("ES256"),
                             oidc::verifyJwt(json(r).at("id_token").get<std::string>(), publishedKeys())
                                 ->header.at("alg").get<std::string>());
    }
    void testARevokedTokenIntrospectsInactive() {
        const TestClient c = makeClient(), resourceServer = makeClient();
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id);
        const std::string access = t.at("access_token").get<std::string>();
        const web::Response before = post("/oauth2/introspect", {{"token", access}, {"token_type_hint", "access_token"}},
                                          basic(resourceServer.id(), resourceServer.secret));
        CPPUNIT_ASSERT_EQUAL(200, before.status);
        const util::Json i = json(before);
        CPPUNIT_ASSERT(i.at("active").get<bool>());
        CPPUNIT_ASSERT_EQUAL(kAllScopes, i.at("scope").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(c.id(), i.at("client_id").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(c.id(), i.at("aud").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(subOf(a.id), i.at("sub").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(issuer(), i.at("iss").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), i.at("token_type").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(600), i.at("exp").get<std::int64_t>() - i.at("iat").get<std::int64_t>());
        const util::Json ri = json(post("/oauth2/introspect", {{"token", t.at("refresh_token").get<std::string>()}},
                                        basic(c.id(), c.secret)));
        CPPUNIT_ASSERT_EQUAL(std::string("refresh_token"), ri.at("token_type").get<std::string>());
        // Another client cannot revoke it (and is not told so).
        const web::Response foreign = post("/oauth2/revoke", {{"token", access}}, basic(resourceServer.id(), resourceServer.secret));
        CPPUNIT_ASSERT_EQUAL(200, foreign.status);
        CPPUNIT_ASSERT(introspectActive(c, access));
        const web::Response revoked = post("/oauth2/revoke", {{"token", access}, {"token_type_hint", "access_token"}},
                                           basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(200, revoked.status);
        CPPUNIT_ASSERT(revoked.body.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), header(revoked, "Pragma"));
        const web::Response after = post("/oauth2/introspect", {{"token", access}}, basic(c.id(), c.secret));
        CPPUNIT_ASSERT_EQUAL(std::string("{\"active\":false}"), after.body);
        CPPUNIT_ASSERT_EQUAL(401, userinfo(access).status);
        // The refresh token of the family lives on: only an access token was revoked.
        CPPUNIT_ASSERT(introspectActive(c, t.at("refresh_token").get<std::string>()));
    }
    void testARevokedRefreshTokenTakesItsFamilyAndUnknownTokensAnswerTheSame() {
        const TestClient c = makeClient(), pub = makeClient(false);
        const test::TestAccount a = test::makeAccount();
        const util::Json t = tokensFor(c, a.id);
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/revoke", {{"token", t.at("refresh_token").get<std::string>()}},
                                       basic(c.id(), c.secret)).status);
        CPPUNIT_ASSERT(!introspectActive(c, t.at("access_token").get<std::string>()));
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/revoke", {{"token", crypto::randomToken()}}, basic(c.id(), c.secret)).status);
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/revoke", {{"token", "junk"}}, basic(c.id(), c.secret)).status);
        // A public client revokes by naming itself.
        const web::Response p = post("/oauth2/token", with(codeFields(issueCode(pub, a.id)), "client_id", pub.id()));
        const std::string pubAccess = json(p).at("access_token").get<std::string>();
        CPPUNIT_ASSERT_EQUAL(200, post("/oauth2/revoke", {{"token", pubAccess}, {"client_id", pub.id()}}).status);
        CPPUNIT_ASSERT_EQUAL(401, userinfo(pubAccess).status);
        // No client, a wrong secret, no token.
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(post("/oauth2/revoke", {{"token", pubAccess}})));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"),
                             errorOf(post("/oauth2/revoke", {{"token", pubAccess}}, basic(c.id(), "x"))));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_request"), errorOf(post("/oauth2/revoke", {}, basic(c.id(), c.secret))));
    }
    void testAPublicClientMayNotIntrospect() {
        const TestClient c = makeClient(), pub = makeClient(false);
        const test::TestAccount a = test::makeAccount();
        const std::string access = tokensFor(c, a.id).at("access_token").get<std::string>();
        const web::Response r = post("/oauth2/introspect", {{"token", access}, {"client_id", pub.id()}});
        CPPUNIT_ASSERT_EQUAL(401, r.status);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(r));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), errorOf(post("/oauth2/introspect", {{"token", access}})));
        CPPUNIT_ASSERT(r.body.find("active") == std::string::npos);
    }
    void testTheAuditRowsNameClientSubjectAndReasonButNoTokenOrSecret() {
        const TestClient c = makeClient();
        const test::TestAccount a = test::makeAccount();
        const std::string code = issueCode(c, a.id);
        const std::int64_t firstRow = test::count("SELECT COALESCE(MAX(id), 0) FROM audit_log");
        std::vector<std::string> secrets = {code, c.secret, kVerifier};
        const web::Response first = post("/oauth2/token", codeFields(code), basic(c.id(), c.secret));
        const std::string access = json(first).at("access_token").get<std::string>();
        const std::string r1 = json(first).at("refresh_token").get<std::string>();
        const util::Json second = json(refresh(c, r1));
        userinfo(second.at("access_token").get<std::string>());
        refresh(c, r1);  // reuse
        post("/oauth2/token", codeFields(code), basic(c.id(), c.secret));  // reuse
        post("/oauth2/token", codeFields(code), basic(c.id(), "wrong-" + c.secret));
        const util::Json third = tokensFor(c, a.id);
        post("/oauth2/revoke", {{"token", third.at("refresh_token").get<std::string>()}}, basic(c.id(), c.secret));
        for (const util::Json* t : {&second, &third})
            for (const char* name : {"access_token", "refresh_token", "id_token"}) secrets.push_back(t->at(name));
        secrets.push_back(access);
        secrets.push_back(r1);
        const std::string since = " WHERE id > " + std::to_string(firstRow);
        const std::vector<std::vector<std::string>> rows = test::rows(
            "SELECT action, actor_label, COALESCE(target_user_id, 0), after_value FROM audit_log" + since + " ORDER BY id");
        std::vector<std::string> actions;
        for (const std::vector<std::string>& row : rows) {
            actions.push_back(row[0]);
            for (const std::string& s : secrets) CPPUNIT_ASSERT(row[3].find(s) == std::string::npos);
            for (const std::string& s : secrets) CPPUNIT_ASSERT(row[3].find(s.substr(0, 20)) == std::string::npos);
        }
        const std::vector<std::string> expected = {"oidc.token.issued",  "oidc.token.refreshed", "oidc.token.used",
                                                   "oidc.refresh.reused", "oidc.token.refused",  "oidc.code.reused",
                                                   "oidc.token.refused", "oidc.token.refused",  "oidc.token.issued",
                                                   "oidc.token.revoked"};
        CPPUNIT_ASSERT(actions == expected);
        const util::Json issued = util::Json::parse(rows[0][3]);
        CPPUNIT_ASSERT_EQUAL(c.id(), issued.at("client_id").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(subOf(a.id), issued.at("sub").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("client:" + c.id()), rows[0][1]);
        CPPUNIT_ASSERT_EQUAL(std::to_string(a.id), rows[0][2]);
        CPPUNIT_ASSERT_EQUAL(std::string("refresh_token_reused"), util::Json::parse(rows[4][3]).at("reason").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("code_reused"), util::Json::parse(rows[6][3]).at("reason").get<std::string>());
        const util::Json badSecret = util::Json::parse(rows[7][3]);
        CPPUNIT_ASSERT_EQUAL(std::string("invalid_client"), badSecret.at("reason").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(c.id(), badSecret.at("client_id").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(std::string("anonymous"), rows[7][1]);
        const util::Json revoked = util::Json::parse(rows[9][3]);
        CPPUNIT_ASSERT_EQUAL(subOf(a.id), revoked.at("sub").get<std::string>());
        CPPUNIT_ASSERT_EQUAL(c.id(), revoked.at("client_id").get<std::string>());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcTokenTest);
