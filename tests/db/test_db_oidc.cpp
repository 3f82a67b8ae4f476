// The provider's keys and clients on the real tables (oidc/key_store.h,
// oidc/client_store.h): keys made on first use and sealed, opened again
// from the database, rotated with the old ones published for their
// tokens' lifetime; clients stored without their secret in clear.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "db_fixture.h"
#include "oidc/client_store.h"
#include "oidc/grants.h"
#include "oidc/key_store.h"
#include "repo/sessions.h"
#include "util/clock.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }
const std::vector<std::string>& secrets() { return test::dbWorld().config.secrets; }

std::vector<std::string> published(std::int64_t now) {
    std::vector<std::string> kids;
    database().autocommit([&](db::Tx& tx) {
        for (const oidc::Key& k : oidc::publishedKeys(tx, now)) kids.push_back(k.kid());
    });
    return kids;
}

bool has(const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
}

}  // namespace

class OidcStoreTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcStoreTest);
    CPPUNIT_TEST(testTheFirstUseMakesAKeyPerAlgWhichSignsAndIsPublished);
    CPPUNIT_TEST(testAnotherProcessOpensTheSameSealedKey);
    CPPUNIT_TEST(testARotationSignsWithTheNewKeysAndPublishesTheOldUntilTheirTokensExpire);
    CPPUNIT_TEST(testAKeySealedUnderASecretNoLongerListedDoesNotSign);
    CPPUNIT_TEST(testAClientIsFoundByItsIdAndItsSecretMatchesOnlyItself);
    CPPUNIT_TEST(testADisabledClientStaysAndARotatedSecretReplacesTheOld);
    CPPUNIT_TEST_SUITE_END();

public:
    void testTheFirstUseMakesAKeyPerAlgWhichSignsAndIsPublished() {
        const std::int64_t now = util::now();
        oidc::Keyring ring(secrets());
        const oidc::Key rs = database().transact([&](db::Tx& tx) { return ring.current(tx, oidc::Alg::RS256, now); });
        const oidc::Key es = database().transact([&](db::Tx& tx) { return ring.current(tx, oidc::Alg::ES256, now); });
        CPPUNIT_ASSERT(rs.kid() != es.kid());
        CPPUNIT_ASSERT(rs.hasPrivate() && es.hasPrivate());
        const std::string again =
            database().transact([&](db::Tx& tx) { return ring.current(tx, oidc::Alg::RS256, now).kid(); });
        CPPUNIT_ASSERT_EQUAL(rs.kid(), again);
        const std::vector<std::string> kids = published(now);
        CPPUNIT_ASSERT(has(kids, rs.kid()) && has(kids, es.kid()));
        std::vector<oidc::Key> keys;
        database().autocommit([&](db::Tx& tx) { keys = oidc::publishedKeys(tx, now); });
        CPPUNIT_ASSERT(oidc::verifyJwt(oidc::signJwt(rs, {{"sub", "x"}}), keys));
        CPPUNIT_ASSERT(oidc::verifyJwt(oidc::signJwt(es, {{"sub", "x"}}), keys));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM oidc_keys WHERE private_sealed LIKE '%PRIVATE%'"));
    }
    void testAnotherProcessOpensTheSameSealedKey() {
        const std::int64_t now = util::now();
        oidc::Keyring first(secrets()), second(secrets());
        const oidc::Key a = database().transact([&](db::Tx& tx) { return first.current(tx, oidc::Alg::ES256, now); });
        const oidc::Key b = database().transact([&](db::Tx& tx) { return second.current(tx, oidc::Alg::ES256, now); });
        CPPUNIT_ASSERT_EQUAL(a.kid(), b.kid());
        CPPUNIT_ASSERT(oidc::verifyJwt(oidc::signJwt(b, {{"sub", "x"}}), {a}));
    }
    void testARotationSignsWithTheNewKeysAndPublishesTheOldUntilTheirTokensExpire() {
        const std::int64_t now = util::now();
        oidc::Keyring ring(secrets());
        const std::string old = database().transact([&](db::Tx& tx) { return ring.current(tx, oidc::Alg::RS256, now).kid(); });
        const std::vector<std::string> made =
            database().transact([&](db::Tx& tx) { return oidc::rotateKeys(tx, secrets(), now); });
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), made.size());
        const std::string current =
            database().transact([&](db::Tx& tx) { return ring.current(tx, oidc::Alg::RS256, now).kid(); });
        CPPUNIT_ASSERT_EQUAL(made[0], current);
        CPPUNIT_ASSERT(has(published(now + oidc::kKeyPublishedAfterSupersededSeconds - 1), old));
        CPPUNIT_ASSERT(!has(published(now + oidc::kKeyPublishedAfterSupersededSeconds), old));
        CPPUNIT_ASSERT(has(published(now + 365 * 86400), made[0]));
        CPPUNIT_ASSERT(has(published(now + 365 * 86400), made[1]));
    }
    void testAKeySealedUnderASecretNoLongerListedDoesNotSign() {
        const std::int64_t now = util::now();
        database().transact([&](db::Tx& tx) { oidc::rotateKeys(tx, secrets(), now); });
        oidc::Keyring stranger({std::string(48, 'z')});
        CPPUNIT_ASSERT_THROW(database().transact([&](db::Tx& tx) { return stranger.current(tx, oidc::Alg::RS256, now); }),
                             std::runtime_error);
    }
    void testAClientIsFoundByItsIdAndItsSecretMatchesOnlyItself() {
        oidc::NewClient n;
        n.name = "Virtuális Közfoglalkoztatási Piac";
        n.redirectUris = {"https://vkp.example.hu/cb", "https://vkp.example.hu/cb2"};
        n.firstParty = true;
        const oidc::AddedClient a = database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()); });
        n.name = "Más";
        const oidc::AddedClient b = database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()); });
        CPPUNIT_ASSERT(a.client.clientId != b.client.clientId);
        database().transact([&](db::Tx& tx) {
            const std::optional<oidc::Client> c = oidc::findClient(tx, a.client.clientId);
            CPPUNIT_ASSERT(c && c->confidential && c->firstParty && c->enabled());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), c->redirectUris.size());
            CPPUNIT_ASSERT_EQUAL(std::string("https://vkp.example.hu/cb2"), c->redirectUris[1]);
            CPPUNIT_ASSERT(oidc::secretMatches(tx, *c, a.secret));
            CPPUNIT_ASSERT(!oidc::secretMatches(tx, *c, b.secret));
            CPPUNIT_ASSERT(!oidc::secretMatches(tx, *c, ""));
            CPPUNIT_ASSERT(!oidc::findClient(tx, "nincs"));
            CPPUNIT_ASSERT(!oidc::findClient(tx, ""));
            // Bytes the ASCII column cannot hold are no client, not a database error.
            CPPUNIT_ASSERT(!oidc::findClient(tx, "kliens-\xC3\xA9"));
            CPPUNIT_ASSERT(!oidc::findClient(tx, "\xC3\xC3"));
            CPPUNIT_ASSERT(!oidc::findClient(tx, a.client.clientId + " "));
        });
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM oidc_clients WHERE secret_hash = '" +
                                                         a.secret + "'"));
    }
    void testADisabledClientStaysAndARotatedSecretReplacesTheOld() {
        oidc::NewClient n;
        n.name = "Forgó";
        n.redirectUris = {"https://f.example.hu/cb"};
        const oidc::AddedClient a = database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()); });
        database().transact([&](db::Tx& tx) {
            const std::optional<std::string> fresh = oidc::rotateClientSecret(tx, a.client.clientId, util::now());
            CPPUNIT_ASSERT(fresh && *fresh != a.secret);
            const oidc::Client c = *oidc::findClient(tx, a.client.clientId);
            CPPUNIT_ASSERT(oidc::secretMatches(tx, c, *fresh));
            CPPUNIT_ASSERT(!oidc::secretMatches(tx, c, a.secret));
            CPPUNIT_ASSERT(oidc::disableClient(tx, a.client.clientId, util::now()));
            CPPUNIT_ASSERT(!oidc::disableClient(tx, a.client.clientId, util::now()));
            CPPUNIT_ASSERT(!oidc::findClient(tx, a.client.clientId)->enabled());
        });
        n.confidential = false;
        const oidc::AddedClient p = database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()); });
        CPPUNIT_ASSERT(p.secret.empty());
        database().transact([&](db::Tx& tx) {
            CPPUNIT_ASSERT(!oidc::rotateClientSecret(tx, p.client.clientId, util::now()));
            CPPUNIT_ASSERT(!oidc::secretMatches(tx, *oidc::findClient(tx, p.client.clientId), "x"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcStoreTest);

namespace {

const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const std::string kRedirect = "https://vkp.example.hu/cb";

std::uint64_t newClient(const std::string& name) {
    oidc::NewClient n;
    n.name = name;
    n.redirectUris = {kRedirect};
    return database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()).client.id; });
}

oidc::Grant grantFor(std::uint64_t client, std::uint64_t user) {
    oidc::Grant g;
    g.clientRef = client;
    g.userId = user;
    g.sid = oidc::sidOf(std::string(64, 'c'));
    g.redirectUri = kRedirect;
    g.scope = "openid profile ktk";
    g.nonce = "n-0S6";
    g.codeChallenge = kChallenge;
    g.authTime = util::now() - 30;
    return g;
}

std::string code(const oidc::Grant& g, std::int64_t now) {
    return database().transact([&](db::Tx& tx) { return oidc::issueCode(tx, g, now); });
}

oidc::Redeemed redeem(const std::string& c, std::uint64_t client, const std::string& redirect,
                      const std::string& verifier, std::int64_t now) {
    return database().transact([&](db::Tx& tx) { return oidc::redeemCode(tx, c, client, redirect, verifier, now); });
}

oidc::Tokens tokensFor(const oidc::Redeemed& r, std::int64_t now) {
    return database().transact([&](db::Tx& tx) { return oidc::issueTokens(tx, r.grant, r.family, now); });
}

bool active(const std::string& token, std::int64_t now) {
    return database().autocommit([&](db::Tx& tx) { return oidc::activeToken(tx, token, now).has_value(); });
}

oidc::Refreshed refresh(const std::string& token, std::uint64_t client, std::int64_t now) {
    return database().transact([&](db::Tx& tx) { return oidc::useRefreshToken(tx, token, client, now); });
}

}  // namespace

class OidcGrantTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcGrantTest);
    CPPUNIT_TEST(testASubjectIsRandomStableAndTheAccountsOwn);
    CPPUNIT_TEST(testACodeGivesTokensOnceAndItsSecondUseRevokesThem);
    CPPUNIT_TEST(testACodeIsBoundToItsClientRedirectAndVerifierAndLivesAMinute);
    CPPUNIT_TEST(testARefreshTokenRotatesAndItsReuseRevokesTheFamily);
    CPPUNIT_TEST(testRevocationIsTheClientsOwnAndARefreshTokenTakesItsFamily);
    CPPUNIT_TEST(testTheEndOfASessionRevokesItsTokens);
    CPPUNIT_TEST(testHoweverAPortalSessionEndsItsTokensEndAndARenewedOneKeepsThem);
    CPPUNIT_TEST_SUITE_END();

public:
    void testASubjectIsRandomStableAndTheAccountsOwn() {
        const test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        database().transact([&](db::Tx& tx) {
            const std::string sa = oidc::subjectOf(tx, a.id), sb = oidc::subjectOf(tx, b.id);
            CPPUNIT_ASSERT_EQUAL(std::size_t(22), sa.size());
            CPPUNIT_ASSERT(sa != sb);
            CPPUNIT_ASSERT_EQUAL(sa, oidc::subjectOf(tx, a.id));
            CPPUNIT_ASSERT(sa != std::to_string(a.id));
            CPPUNIT_ASSERT(sa.find(a.email.substr(0, 5)) == std::string::npos);
            CPPUNIT_ASSERT_EQUAL(a.id, oidc::userOfSubject(tx, sa).value_or(0));
            CPPUNIT_ASSERT(!oidc::userOfSubject(tx, "nincs"));
        });
    }
    void testACodeGivesTokensOnceAndItsSecondUseRevokesThem() {
        const std::uint64_t client = newClient("Egyszer");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        const std::string c = code(grantFor(client, a.id), now);
        const oidc::Redeemed first = redeem(c, client, kRedirect, kVerifier, now + 5);
        CPPUNIT_ASSERT(first.outcome == oidc::CodeOutcome::Ok);
        CPPUNIT_ASSERT_EQUAL(std::string("openid profile ktk"), first.grant.scope);
        CPPUNIT_ASSERT_EQUAL(std::string("n-0S6"), first.grant.nonce);
        const oidc::Tokens t = tokensFor(first, now + 5);
        CPPUNIT_ASSERT(active(t.access, now + 6) && active(t.refresh, now + 6));
        CPPUNIT_ASSERT(redeem(c, client, kRedirect, kVerifier, now + 7).outcome == oidc::CodeOutcome::Reused);
        CPPUNIT_ASSERT(!active(t.access, now + 8));
        CPPUNIT_ASSERT(!active(t.refresh, now + 8));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), test::count("SELECT COUNT(*) FROM oidc_codes WHERE code_hash = '" + c + "'"));
    }
    void testACodeIsBoundToItsClientRedirectAndVerifierAndLivesAMinute() {
        const std::uint64_t client = newClient("Kötött"), other = newClient("Másik");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        const oidc::Grant g = grantFor(client, a.id);
        CPPUNIT_ASSERT(redeem(code(g, now), other, kRedirect, kVerifier, now).outcome == oidc::CodeOutcome::WrongClient);
        CPPUNIT_ASSERT(redeem(code(g, now), client, kRedirect + "/x", kVerifier, now).outcome ==
                       oidc::CodeOutcome::WrongRedirect);
        CPPUNIT_ASSERT(redeem(code(g, now), client, kRedirect, kChallenge, now).outcome ==
                       oidc::CodeOutcome::WrongVerifier);
        CPPUNIT_ASSERT(redeem(code(g, now), client, kRedirect, "", now).outcome == oidc::CodeOutcome::WrongVerifier);
        CPPUNIT_ASSERT(redeem(code(g, now), client, kRedirect, kVerifier, now + oidc::kCodeSeconds).outcome ==
                       oidc::CodeOutcome::Expired);
        CPPUNIT_ASSERT(redeem(code(g, now), client, kRedirect, kVerifier, now + oidc::kCodeSeconds - 1).outcome ==
                       oidc::CodeOutcome::Ok);
        CPPUNIT_ASSERT(redeem("not-a-code", client, kRedirect, kVerifier, now).outcome == oidc::CodeOutcome::Unknown);
        // A failed try uses the code up: the right values afterwards are a reuse.
        const std::string c = code(g, now);
        CPPUNIT_ASSERT(redeem(c, client, kRedirect, "", now).outcome == oidc::CodeOutcome::WrongVerifier);
        CPPUNIT_ASSERT(redeem(c, client, kRedirect, kVerifier, now).outcome == oidc::CodeOutcome::Reused);
        // A confidential client may leave PKCE out, and then must not send a verifier.
        oidc::Grant plain = g;
        plain.codeChallenge.clear();
        CPPUNIT_ASSERT(redeem(code(plain, now), client, kRedirect, "", now).outcome == oidc::CodeOutcome::Ok);
        CPPUNIT_ASSERT(redeem(code(plain, now), client, kRedirect, kVerifier, now).outcome ==
                       oidc::CodeOutcome::WrongVerifier);
    }
    void testARefreshTokenRotatesAndItsReuseRevokesTheFamily() {
        const std::uint64_t client = newClient("Frissítő"), other = newClient("Idegen");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        const oidc::Redeemed r = redeem(code(grantFor(client, a.id), now), client, kRedirect, kVerifier, now);
        const oidc::Tokens t = tokensFor(r, now);
        CPPUNIT_ASSERT(refresh(t.refresh, other, now + 1).outcome == oidc::RefreshOutcome::WrongClient);
        CPPUNIT_ASSERT(refresh(t.access, client, now + 1).outcome == oidc::RefreshOutcome::Unknown);
        const oidc::Refreshed second = refresh(t.refresh, client, now + 60);
        CPPUNIT_ASSERT(second.outcome == oidc::RefreshOutcome::Ok);
        CPPUNIT_ASSERT(second.tokens.refresh != t.refresh && second.tokens.access != t.access);
        CPPUNIT_ASSERT_EQUAL(std::string("openid profile ktk"), second.grant.scope);
        CPPUNIT_ASSERT(!active(t.refresh, now + 61));
        CPPUNIT_ASSERT(active(second.tokens.refresh, now + 61) && active(t.access, now + 61));
        const oidc::Refreshed third = refresh(second.tokens.refresh, client, now + 120);
        CPPUNIT_ASSERT(third.outcome == oidc::RefreshOutcome::Ok);
        // The first, rotated token comes back: someone holds a copy. The family goes.
        CPPUNIT_ASSERT(refresh(t.refresh, client, now + 130).outcome == oidc::RefreshOutcome::Reused);
        CPPUNIT_ASSERT(!active(third.tokens.refresh, now + 131) && !active(third.tokens.access, now + 131));
        CPPUNIT_ASSERT(refresh(third.tokens.refresh, client, now + 132).outcome == oidc::RefreshOutcome::Revoked);
        // A family never outlives its first refresh token.
        const oidc::Redeemed r2 = redeem(code(grantFor(client, a.id), now), client, kRedirect, kVerifier, now);
        const oidc::Tokens t2 = tokensFor(r2, now);
        const oidc::Refreshed late = refresh(t2.refresh, client, now + oidc::kRefreshTokenSeconds - 10);
        CPPUNIT_ASSERT(late.outcome == oidc::RefreshOutcome::Ok);
        CPPUNIT_ASSERT(!active(late.tokens.refresh, now + oidc::kRefreshTokenSeconds));
        CPPUNIT_ASSERT(refresh(late.tokens.refresh, client, now + oidc::kRefreshTokenSeconds).outcome ==
                       oidc::RefreshOutcome::Expired);
    }
    void testRevocationIsTheClientsOwnAndARefreshTokenTakesItsFamily() {
        const std::uint64_t client = newClient("Visszavonó"), other = newClient("Harmadik");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        const oidc::Tokens t = tokensFor(redeem(code(grantFor(client, a.id), now), client, kRedirect, kVerifier, now), now);
        database().transact([&](db::Tx& tx) {
            CPPUNIT_ASSERT(!oidc::revokeToken(tx, t.access, other, now));
            CPPUNIT_ASSERT(!oidc::revokeToken(tx, "junk", client, now));
        });
        CPPUNIT_ASSERT(active(t.access, now + 1));
        database().transact([&](db::Tx& tx) { CPPUNIT_ASSERT(oidc::revokeToken(tx, t.access, client, now)); });
        CPPUNIT_ASSERT(!active(t.access, now + 1) && active(t.refresh, now + 1));
        const oidc::Tokens u = tokensFor(redeem(code(grantFor(client, a.id), now), client, kRedirect, kVerifier, now), now);
        database().transact([&](db::Tx& tx) { CPPUNIT_ASSERT(oidc::revokeToken(tx, u.refresh, client, now)); });
        CPPUNIT_ASSERT(!active(u.refresh, now + 1) && !active(u.access, now + 1));
    }
    void testTheEndOfASessionRevokesItsTokens() {
        const std::uint64_t client = newClient("Munkamenet");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        oidc::Grant g = grantFor(client, a.id);
        g.sid = oidc::sidOf(std::string(64, 'e'));
        const oidc::Tokens t = tokensFor(redeem(code(g, now), client, kRedirect, kVerifier, now), now);
        oidc::Grant other = grantFor(client, a.id);
        other.sid = oidc::sidOf(std::string(64, 'f'));
        const oidc::Tokens u = tokensFor(redeem(code(other, now), client, kRedirect, kVerifier, now), now);
        const int n = database().transact([&](db::Tx& tx) { return oidc::revokeSession(tx, g.sid, now); });
        CPPUNIT_ASSERT_EQUAL(2, n);
        CPPUNIT_ASSERT(!active(t.access, now + 1) && !active(t.refresh, now + 1));
        CPPUNIT_ASSERT(active(u.access, now + 1) && active(u.refresh, now + 1));
    }
    void testHoweverAPortalSessionEndsItsTokensEndAndARenewedOneKeepsThem() {
        const std::uint64_t client = newClient("Kilépő");
        const test::TestAccount a = test::makeAccount();
        const std::int64_t now = util::now();
        // Three sessions of the account, each with tokens from a sign-in.
        std::vector<std::string> ids;
        std::vector<oidc::Tokens> tokens;
        for (int i = 0; i < 3; ++i) {
            ids.push_back(database().transact([&](db::Tx& tx) { return repo::createSession(tx, a.id, now); }));
            oidc::Grant g = grantFor(client, a.id);
            g.sid = oidc::sidOf(repo::sessionIdHash(ids.back()));
            tokens.push_back(tokensFor(redeem(code(g, now), client, kRedirect, kVerifier, now), now));
        }
        // Logout of the first (the trigger of migration 0019 sees the DELETE).
        database().transact([&](db::Tx& tx) { repo::endSession(tx, repo::sessionIdHash(ids[0])); });
        CPPUNIT_ASSERT(!active(tokens[0].access, now + 1) && !active(tokens[0].refresh, now + 1));
        CPPUNIT_ASSERT(active(tokens[1].access, now + 1) && active(tokens[2].refresh, now + 1));
        // A password change: the session that made it gets a new id and
        // keeps its tokens; the other sessions end, and their tokens.
        const std::string renewedHash = database().transact([&](db::Tx& tx) {
            const std::string id = *repo::renewSession(tx, repo::sessionIdHash(ids[1]));
            repo::endSessionsOfUser(tx, a.id, repo::sessionIdHash(id));
            return repo::sessionIdHash(id);
        });
        CPPUNIT_ASSERT(active(tokens[1].access, now + 1) && active(tokens[1].refresh, now + 1));
        CPPUNIT_ASSERT(!active(tokens[2].access, now + 1) && !active(tokens[2].refresh, now + 1));
        // The session keeps the sid it started with (migration 0022): the
        // services know their sign-in by it.
        const std::string sid = oidc::sidOf(repo::sessionIdHash(ids[1]));
        CPPUNIT_ASSERT_EQUAL(sid, database().autocommit([&](db::Tx& tx) { return oidc::sessionSid(tx, renewedHash); }));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), test::count("SELECT COUNT(*) FROM oidc_tokens WHERE sid = '" + sid + "'"));
        // The renewed session's end takes them too.
        database().transact([&](db::Tx& tx) { repo::endSession(tx, renewedHash); });
        CPPUNIT_ASSERT(!active(tokens[1].access, now + 1) && !active(tokens[1].refresh, now + 1));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcGrantTest);
