// The provider's keys and clients on the real tables (oidc/key_store.h,
// oidc/client_store.h): keys made on first use and sealed, opened again
// from the database, rotated with the old ones published for their
// tokens' lifetime; clients stored without their secret in clear.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "db_fixture.h"
#include "oidc/client_store.h"
#include "oidc/key_store.h"
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
