// Back-channel logout on real tables: the trigger of migration 0020 queues
// exactly the services that registered a back-channel URI and hold
// tokens of the session that ended, however it ended; the delivery
// (oidc::LogoutDelivery, the mail worker's) with a poster that records
// what it would POST: the signed logout token, the audit rows, the
// retries and their backoff, a lease left by a worker that died, and the
// end of the retries a day later.
#include <cppunit/extensions/HelperMacros.h>

#include "crypto/random.h"
#include "db_fixture.h"
#include "oidc/backchannel.h"
#include "oidc/client_store.h"
#include "oidc/grants.h"
#include "oidc/jose.h"
#include "oidc/key_store.h"
#include "oidc/logout_delivery.h"
#include "repo/sessions.h"
#include "util/clock.h"
#include "util/json.h"

using namespace ktk;

namespace {

db::Database& database() { return *test::dbWorld().db; }

const std::string kRedirect = "https://vkp.example.hu/cb";

struct TestClient {
    std::uint64_t ref = 0;
    std::string clientId;
};

TestClient newClient(const std::string& name, const std::string& backchannel, oidc::Alg alg = oidc::Alg::RS256) {
    oidc::NewClient n;
    n.name = name;
    n.redirectUris = {kRedirect};
    n.backchannelLogoutUri = backchannel;
    n.idTokenAlg = alg;
    const oidc::Client c =
        database().transact([&](db::Tx& tx) { return oidc::addClient(tx, n, util::now()).client; });
    return {c.id, c.clientId};
}

// Tokens of `client` from the session `sessionId`, issued at `at`.
void signIn(const TestClient& client, std::uint64_t user, const std::string& sessionId, std::int64_t at) {
    oidc::Grant g;
    g.clientRef = client.ref;
    g.userId = user;
    g.sid = oidc::sidOf(repo::sessionIdHash(sessionId));
    g.redirectUri = kRedirect;
    g.scope = "openid profile";
    g.authTime = at;
    database().transact([&](db::Tx& tx) { oidc::issueTokens(tx, g, crypto::randomHex(32), at); });
}

std::string newSession(std::uint64_t user) {
    return database().transact([&](db::Tx& tx) { return repo::createSession(tx, user, util::now()); });
}

void endSession(const std::string& sessionId) {
    database().transact([&](db::Tx& tx) { repo::endSession(tx, repo::sessionIdHash(sessionId)); });
}

// The queue's rows for `user`: client_id and sid, in client order.
std::vector<std::vector<std::string>> queued(std::uint64_t user) {
    return test::rows("SELECT c.client_id, q.sid FROM oidc_logout_queue q JOIN oidc_clients c ON c.id = q.client_ref"
                      " WHERE q.user_id = " + std::to_string(user) + " ORDER BY c.id");
}

std::vector<std::vector<std::string>> expect(std::initializer_list<std::pair<TestClient, std::string>> rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& [client, sessionId] : rows)
        out.push_back({client.clientId, oidc::sidOf(repo::sessionIdHash(sessionId))});
    return out;
}

// Answers each post from `answers` in turn (then delivered), and keeps
// what was posted.
class RecordingPoster : public oidc::LogoutPoster {
public:
    std::vector<oidc::PostResult> answers;
    std::vector<oidc::LogoutPost> posted;
    std::vector<oidc::PostResult> post(const std::vector<oidc::LogoutPost>& posts) override {
        std::vector<oidc::PostResult> out;
        for (const auto& p : posts) {
            posted.push_back(p);
            if (answers.empty()) {
                out.push_back({true, ""});
            } else {
                out.push_back(answers.front());
                answers.erase(answers.begin());
            }
        }
        return out;
    }
};

oidc::Keyring& keyring() {
    static oidc::Keyring k(test::dbWorld().config.secrets);
    return k;
}

unsigned deliver(RecordingPoster& poster) {
    oidc::LogoutDelivery d(database(), test::dbWorld().config, keyring(), poster);
    return d.deliverDue(16);
}

oidc::Jwt verified(const std::string& token) {
    const std::vector<oidc::Key> keys =
        database().transact([&](db::Tx& tx) { return oidc::publishedKeys(tx, util::now()); });
    const std::optional<oidc::Jwt> jwt = oidc::verifyJwt(token, keys);
    CPPUNIT_ASSERT(jwt);
    return *jwt;
}

std::string subjectOf(std::uint64_t user) {
    return database().transact([&](db::Tx& tx) { return oidc::subjectOf(tx, user); });
}

std::vector<std::vector<std::string>> auditOf(std::uint64_t user) {
    return test::rows("SELECT action, after_value FROM audit_log WHERE action LIKE 'oidc.backchannel_logout.%'"
                      " AND target_user_id = " + std::to_string(user) + " ORDER BY id");
}

}  // namespace

class OidcBackchannelTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcBackchannelTest);
    CPPUNIT_TEST(testTheEndOfASessionQueuesTheClientsWithAUriThatHoldItsTokens);
    CPPUNIT_TEST(testARenewedSessionQueuesNothingAndAPasswordChangeQueuesTheOthers);
    CPPUNIT_TEST(testADeliveredLogoutTokenIsSignedForTheClientAndAudited);
    CPPUNIT_TEST(testAFailedDeliveryIsTriedAgainAfterTheBackoff);
    CPPUNIT_TEST(testARowLeftLeasedByAWorkerThatDiedIsTakenAgain);
    CPPUNIT_TEST(testADeliveryFailingForADayIsGivenUpAndAudited);
    CPPUNIT_TEST(testAClientDisabledMeanwhileGetsNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    // Each test delivers whatever is due: none of another's rows.
    void setUp() override { test::adminSql("DELETE FROM oidc_logout_queue"); }

    void testTheEndOfASessionQueuesTheClientsWithAUriThatHoldItsTokens() {
        const TestClient withUri = newClient("Értesített", "https://vkp.example.hu/bcl");
        const TestClient expired = newClient("Lejárt", "https://stat.example.hu/bcl");
        const TestClient noUri = newClient("URI nélküli", "");
        const TestClient disabled = newClient("Letiltott", "https://old.example.hu/bcl");
        const TestClient elsewhere = newClient("Máshol", "https://other.example.hu/bcl");
        const test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        const std::string s1 = newSession(a.id), s2 = newSession(a.id), sb = newSession(b.id);
        const std::int64_t now = util::now();
        signIn(withUri, a.id, s1, now);
        signIn(expired, a.id, s1, now - 13 * 3600);  // access and refresh token long expired
        signIn(noUri, a.id, s1, now);
        signIn(disabled, a.id, s1, now);
        signIn(elsewhere, a.id, s2, now);
        signIn(withUri, b.id, sb, now);
        database().transact([&](db::Tx& tx) { oidc::disableClient(tx, disabled.clientId, now); });

        endSession(s1);
        CPPUNIT_ASSERT(expect({{withUri, s1}, {expired, s1}}) == queued(a.id));
        CPPUNIT_ASSERT(queued(b.id).empty());
        // 0019's trigger still revoked the session's tokens.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             test::count("SELECT COUNT(*) FROM oidc_tokens WHERE revoked_at IS NULL AND sid = '" +
                                         oidc::sidOf(repo::sessionIdHash(s1)) + "'"));
        // A session without tokens queues nothing.
        endSession(newSession(a.id));
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), queued(a.id).size());
    }
    void testARenewedSessionQueuesNothingAndAPasswordChangeQueuesTheOthers() {
        const TestClient client = newClient("Jelszócsere", "https://pw.example.hu/bcl");
        const test::TestAccount a = test::makeAccount();
        const std::string s1 = newSession(a.id), s2 = newSession(a.id), s3 = newSession(a.id);
        for (const auto& s : {s1, s2, s3}) signIn(client, a.id, s, util::now());
        // A password change from s1: it gets a new id, the others end.
        const std::string renewed = database().transact([&](db::Tx& tx) {
            const std::string id = *repo::renewSession(tx, repo::sessionIdHash(s1));
            repo::endSessionsOfUser(tx, a.id, repo::sessionIdHash(id));
            return id;
        });
        CPPUNIT_ASSERT(expect({{client, s2}, {client, s3}}) ==
                       test::rows("SELECT c.client_id, q.sid FROM oidc_logout_queue q JOIN oidc_clients c"
                                  " ON c.id = q.client_ref WHERE q.user_id = " + std::to_string(a.id) +
                                  " ORDER BY q.sid = '" + oidc::sidOf(repo::sessionIdHash(s3)) + "'"));
        endSession(renewed);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), queued(a.id).size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), test::count("SELECT COUNT(*) FROM oidc_logout_queue WHERE sid = '" +
                                                          oidc::sidOf(repo::sessionIdHash(renewed)) + "'"));
    }
    void testADeliveredLogoutTokenIsSignedForTheClientAndAudited() {
        const TestClient rs = newClient("Kézbesített", "https://ok.example.hu/bcl");
        const TestClient es = newClient("Kézbesített EC", "https://ec.example.hu/bcl", oidc::Alg::ES256);
        const test::TestAccount a = test::makeAccount();
        const std::string s = newSession(a.id);
        signIn(rs, a.id, s, util::now());
        signIn(es, a.id, s, util::now());
        endSession(s);
        RecordingPoster poster;
        const std::int64_t before = util::now();
        CPPUNIT_ASSERT(deliver(poster) >= 2);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), poster.posted.size());
        CPPUNIT_ASSERT(queued(a.id).empty());
        if (poster.posted[0].uri != "https://ok.example.hu/bcl") std::swap(poster.posted[0], poster.posted[1]);
        for (std::size_t i = 0; i < 2; ++i) {
            const TestClient& c = i == 0 ? rs : es;
            CPPUNIT_ASSERT_EQUAL(std::string(i == 0 ? "https://ok.example.hu/bcl" : "https://ec.example.hu/bcl"),
                                 poster.posted[i].uri);
            const oidc::Jwt jwt = verified(poster.posted[i].token);
            CPPUNIT_ASSERT_EQUAL(std::string(i == 0 ? "RS256" : "ES256"), jwt.header.at("alg").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(std::string("logout+jwt"), jwt.header.at("typ").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(test::dbWorld().config.baseUrl, jwt.claims.at("iss").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(c.clientId, jwt.claims.at("aud").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(subjectOf(a.id), jwt.claims.at("sub").get<std::string>());
            CPPUNIT_ASSERT_EQUAL(oidc::sidOf(repo::sessionIdHash(s)), jwt.claims.at("sid").get<std::string>());
            const std::int64_t iat = jwt.claims.at("iat").get<std::int64_t>();
            CPPUNIT_ASSERT(iat >= before && iat <= util::now());
            CPPUNIT_ASSERT_EQUAL(iat + oidc::kLogoutTokenSeconds, jwt.claims.at("exp").get<std::int64_t>());
            CPPUNIT_ASSERT(!jwt.claims.contains("nonce"));
        }
        CPPUNIT_ASSERT(verified(poster.posted[0].token).claims.at("jti") !=
                       verified(poster.posted[1].token).claims.at("jti"));
        const auto audit = auditOf(a.id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), audit.size());
        for (const auto& row : audit) CPPUNIT_ASSERT_EQUAL(std::string("oidc.backchannel_logout.sent"), row[0]);
        const std::string rsAudit = std::string(R"({"client_id":")") + rs.clientId + R"(","sub":")" +
                                    subjectOf(a.id) + R"(","attempts":1})";
        CPPUNIT_ASSERT(audit[0][1] == rsAudit || audit[1][1] == rsAudit);
        for (const auto& post : poster.posted)
            for (const auto& row : audit) CPPUNIT_ASSERT(row[1].find(post.token) == std::string::npos);
    }
    void testAFailedDeliveryIsTriedAgainAfterTheBackoff() {
        const TestClient c = newClient("Hibázó", "https://down.example.hu/bcl");
        const test::TestAccount a = test::makeAccount();
        const std::string s = newSession(a.id);
        signIn(c, a.id, s, util::now());
        endSession(s);
        RecordingPoster poster;
        poster.answers = {{false, "http_500"}, {false, "timeout"}};
        const std::int64_t t0 = util::now();
        deliver(poster);
        const std::string row = "SELECT attempts, last_error, lease_token IS NULL, TIMESTAMPDIFF(SECOND, '" +
                                util::sqlTime(t0) + "', due_at) FROM oidc_logout_queue WHERE user_id = " +
                                std::to_string(a.id);
        auto r = test::rows(row);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.size());
        CPPUNIT_ASSERT_EQUAL(std::string("1"), r[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::string("http_500"), r[0][1]);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), r[0][2]);
        const int wait = std::stoi(r[0][3]);
        CPPUNIT_ASSERT(wait >= 10 && wait <= 12);
        // Not due yet: nothing is posted.
        deliver(poster);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), poster.posted.size());
        // Due: the second failure waits twice as long.
        test::adminSql("UPDATE oidc_logout_queue SET due_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = " +
                       std::to_string(a.id));
        const std::int64_t t1 = util::now();
        deliver(poster);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), poster.posted.size());
        r = test::rows("SELECT attempts, last_error, TIMESTAMPDIFF(SECOND, '" + util::sqlTime(t1) +
                       "', due_at) FROM oidc_logout_queue WHERE user_id = " + std::to_string(a.id));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), r[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::string("timeout"), r[0][1]);
        CPPUNIT_ASSERT(std::stoi(r[0][2]) >= 20 && std::stoi(r[0][2]) <= 22);
        // A fresh token each attempt.
        CPPUNIT_ASSERT(poster.posted[0].token != poster.posted[1].token);
        test::adminSql("UPDATE oidc_logout_queue SET due_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = " +
                       std::to_string(a.id));
        deliver(poster);
        CPPUNIT_ASSERT(queued(a.id).empty());
        const auto audit = auditOf(a.id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(std::string("oidc.backchannel_logout.sent"), audit[0][0]);
        CPPUNIT_ASSERT(audit[0][1].find(R"("attempts":3)") != std::string::npos);
    }
    void testARowLeftLeasedByAWorkerThatDiedIsTakenAgain() {
        const TestClient c = newClient("Árva", "https://orphan.example.hu/bcl");
        const test::TestAccount a = test::makeAccount();
        const std::string s = newSession(a.id);
        signIn(c, a.id, s, util::now());
        endSession(s);
        // A worker claimed it and died: attempts counted, lease still running.
        const std::string user = std::to_string(a.id);
        test::adminSql("UPDATE oidc_logout_queue SET attempts = 1, lease_token = REPEAT('d', 32),"
                       " due_at = UTC_TIMESTAMP() + INTERVAL 50 SECOND WHERE user_id = " + user);
        RecordingPoster poster;
        deliver(poster);
        CPPUNIT_ASSERT(poster.posted.empty());
        // Its lease ran out.
        test::adminSql("UPDATE oidc_logout_queue SET due_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = " +
                       user);
        deliver(poster);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), poster.posted.size());
        CPPUNIT_ASSERT(queued(a.id).empty());
        CPPUNIT_ASSERT(auditOf(a.id)[0][1].find(R"("attempts":2)") != std::string::npos);
    }
    void testADeliveryFailingForADayIsGivenUpAndAudited() {
        const TestClient c = newClient("Elérhetetlen", "https://gone.example.hu/bcl");
        const test::TestAccount a = test::makeAccount(), b = test::makeAccount();
        const std::string sa = newSession(a.id), sb = newSession(b.id);
        signIn(c, a.id, sa, util::now());
        signIn(c, b.id, sb, util::now());
        endSession(sa);
        endSession(sb);
        // a: queued a day ago, fails once more; b: left leased by a worker
        // that died on it, a day ago.
        test::adminSql("UPDATE oidc_logout_queue SET created_at = UTC_TIMESTAMP() - INTERVAL 86390 SECOND,"
                       " attempts = 150, last_error = 'http_503' WHERE user_id = " + std::to_string(a.id));
        test::adminSql("UPDATE oidc_logout_queue SET created_at = UTC_TIMESTAMP() - INTERVAL 86401 SECOND,"
                       " attempts = 151, lease_token = REPEAT('d', 32), last_error = 'connect',"
                       " due_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = " + std::to_string(b.id));
        RecordingPoster poster;
        poster.answers = {{false, "http_502"}};
        deliver(poster);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), poster.posted.size());
        CPPUNIT_ASSERT(queued(a.id).empty() && queued(b.id).empty());
        auto audit = auditOf(a.id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(std::string("oidc.backchannel_logout.failed"), audit[0][0]);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"client_id":")") + c.clientId + R"(","sub":")" + subjectOf(a.id) +
                                 R"(","attempts":151,"reason":"http_502"})",
                             audit[0][1]);
        audit = auditOf(b.id);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), audit.size());
        CPPUNIT_ASSERT_EQUAL(std::string("oidc.backchannel_logout.failed"), audit[0][0]);
        CPPUNIT_ASSERT(audit[0][1].find(R"("reason":"connect")") != std::string::npos);
    }
    void testAClientDisabledMeanwhileGetsNothing() {
        const TestClient c = newClient("Később letiltott", "https://later.example.hu/bcl");
        const test::TestAccount a = test::makeAccount();
        const std::string s = newSession(a.id);
        signIn(c, a.id, s, util::now());
        endSession(s);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), queued(a.id).size());
        database().transact([&](db::Tx& tx) { oidc::disableClient(tx, c.clientId, util::now()); });
        RecordingPoster poster;
        deliver(poster);
        CPPUNIT_ASSERT(poster.posted.empty());
        CPPUNIT_ASSERT(queued(a.id).empty());
        CPPUNIT_ASSERT(auditOf(a.id).empty());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcBackchannelTest);
