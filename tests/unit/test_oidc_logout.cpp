// Who asks for an RP-initiated logout and where the browser may go after
// (oidc/logout.h): only a client that named itself, by a verified hint or
// its client_id, and only to the URI registered for it.
#include <cppunit/extensions/HelperMacros.h>

#include <map>

#include "oidc/logout.h"

using namespace ktk;

namespace {

const std::string kBack = "https://vkp.example.hu/logged-out";

oidc::Client client(const std::string& id, bool enabled = true) {
    oidc::Client c;
    c.clientId = id;
    c.name = "VKP " + id;
    c.postLogoutRedirectUri = kBack;
    if (!enabled) c.disabledAt = "2026-12-01 10:00:00";
    return c;
}

struct Fixture {
    std::map<std::string, std::string> params;
    std::map<std::string, util::Json> hints;  // hint text → its claims, for the ones that "verify"

    oidc::LogoutRequest read() const {
        return oidc::readLogout(
            [&](std::string_view n) {
                auto it = params.find(std::string(n));
                return it == params.end() ? std::string() : it->second;
            },
            [&](std::string_view h) -> std::optional<util::Json> {
                auto it = hints.find(std::string(h));
                if (it == hints.end()) return std::nullopt;
                return it->second;
            },
            [&](std::string_view id) -> std::optional<oidc::Client> {
                if (id == "good") return client("good");
                if (id == "other") return client("other");
                if (id == "off") return client("off", false);
                return std::nullopt;
            });
    }
};

}  // namespace

class OidcLogoutTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(OidcLogoutTest);
    CPPUNIT_TEST(testAVerifiedHintNamesItsClientAndSubjectAndAllowsTheRegisteredUri);
    CPPUNIT_TEST(testAnAudienceArrayOfOneCounts);
    CPPUNIT_TEST(testAHintThatDoesNotVerifyNamesNobody);
    CPPUNIT_TEST(testAClientIdThatDisagreesWithTheHintNamesNobody);
    CPPUNIT_TEST(testAClientIdAloneAllowsTheRedirectButProvesNoSubject);
    CPPUNIT_TEST(testOnlyTheExactRegisteredUriIsUsed);
    CPPUNIT_TEST(testADisabledOrUnknownClientGetsNoRedirect);
    CPPUNIT_TEST_SUITE_END();

public:
    void testAVerifiedHintNamesItsClientAndSubjectAndAllowsTheRegisteredUri() {
        Fixture f;
        f.hints["h"] = util::Json{{"aud", "good"}, {"sub", "s1"}};
        f.params = {{"id_token_hint", "h"}, {"post_logout_redirect_uri", kBack}, {"state", "xyz"}};
        oidc::LogoutRequest r = f.read();
        CPPUNIT_ASSERT(r.client);
        CPPUNIT_ASSERT_EQUAL(std::string("good"), r.client->clientId);
        CPPUNIT_ASSERT_EQUAL(std::string("s1"), r.hintSubject);
        CPPUNIT_ASSERT_EQUAL(kBack, r.redirectUri);
        CPPUNIT_ASSERT_EQUAL(std::string("xyz"), r.state);
        f.params["client_id"] = "good";  // the same client named twice is fine
        CPPUNIT_ASSERT_EQUAL(kBack, f.read().redirectUri);
    }

    void testAnAudienceArrayOfOneCounts() {
        Fixture f;
        f.hints["h"] = util::Json{{"aud", util::Json::array({"good"})}, {"sub", "s1"}};
        f.params = {{"id_token_hint", "h"}, {"post_logout_redirect_uri", kBack}};
        CPPUNIT_ASSERT_EQUAL(kBack, f.read().redirectUri);
        f.hints["h"] = util::Json{{"aud", util::Json::array({"good", "other"})}, {"sub", "s1"}};
        CPPUNIT_ASSERT(!f.read().client);
    }

    void testAHintThatDoesNotVerifyNamesNobody() {
        Fixture f;
        f.params = {{"id_token_hint", "forged"}, {"client_id", "good"}, {"post_logout_redirect_uri", kBack}};
        oidc::LogoutRequest r = f.read();
        CPPUNIT_ASSERT(!r.client);
        CPPUNIT_ASSERT(r.redirectUri.empty());
        CPPUNIT_ASSERT(r.hintSubject.empty());
    }

    void testAClientIdThatDisagreesWithTheHintNamesNobody() {
        Fixture f;
        f.hints["h"] = util::Json{{"aud", "good"}, {"sub", "s1"}};
        f.params = {{"id_token_hint", "h"}, {"client_id", "other"}, {"post_logout_redirect_uri", kBack}};
        oidc::LogoutRequest r = f.read();
        CPPUNIT_ASSERT(!r.client);
        CPPUNIT_ASSERT(r.redirectUri.empty());
        CPPUNIT_ASSERT(r.hintSubject.empty());
    }

    void testAClientIdAloneAllowsTheRedirectButProvesNoSubject() {
        Fixture f;
        f.params = {{"client_id", "good"}, {"post_logout_redirect_uri", kBack}, {"state", "s"}};
        oidc::LogoutRequest r = f.read();
        CPPUNIT_ASSERT(r.client);
        CPPUNIT_ASSERT_EQUAL(kBack, r.redirectUri);
        CPPUNIT_ASSERT(r.hintSubject.empty());
    }

    void testOnlyTheExactRegisteredUriIsUsed() {
        Fixture f;
        for (const std::string& uri : std::vector<std::string>{kBack + "/", kBack + "?x=1", "https://evil.example/logged-out",
                                                          "HTTPS://vkp.example.hu/logged-out"}) {
            f.params = {{"client_id", "good"}, {"post_logout_redirect_uri", uri}, {"state", "s"}};
            oidc::LogoutRequest r = f.read();
            CPPUNIT_ASSERT_MESSAGE(uri, r.client.has_value());
            CPPUNIT_ASSERT_MESSAGE(uri, r.redirectUri.empty());
            CPPUNIT_ASSERT_MESSAGE(uri, r.state.empty());
        }
    }

    void testADisabledOrUnknownClientGetsNoRedirect() {
        Fixture f;
        for (const std::string id : {"off", "nobody", ""}) {
            f.params = {{"client_id", id}, {"post_logout_redirect_uri", kBack}};
            oidc::LogoutRequest r = f.read();
            CPPUNIT_ASSERT_MESSAGE(id, !r.client);
            CPPUNIT_ASSERT_MESSAGE(id, r.redirectUri.empty());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(OidcLogoutTest);
