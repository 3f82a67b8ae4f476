"""RP-Initiated Logout 1.0 at /oauth2/logout through the real stack: a
service whose ID token names the logged-in person ends the KTK session
at once and gets the browser back at its registered post-logout URI with
its state; without such a hint the person is asked on our page, whose
answer needs our form token; a URI not registered for the client, a
forged hint or a hint naming someone else never sends anyone anywhere."""
import base64
import json
import urllib.parse

from ktk_accounts import account, admin
from ktk_test import Client, TestCase, sql
from test_oidc_authorize import CALLBACK, authorize_path, log_in_through, pkce, query

BACK = "https://vkp.example.hu/logged-out"


def add_service(name):
    out = admin("client", "add", "--name", name, "--redirect-uri", CALLBACK,
                "--post-logout-redirect-uri", BACK, "--first-party")
    return dict(line.split(": ", 1) for line in out.splitlines())


def signed_in(creds, person):
    """A browser logged in to KTK through the service, and the tokens the service got."""
    browser = Client()
    verifier, challenge = pkce()
    r = browser.get(authorize_path(creds["client_id"], code_challenge=challenge))
    r = log_in_through(browser, r.header("Location"), person)
    _, params = query(browser.get(r.header("Location")).header("Location"))
    basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
    r = Client().post("/oauth2/token", {"grant_type": "authorization_code", "code": params["code"],
                                        "redirect_uri": CALLBACK, "code_verifier": verifier},
                      headers={"Authorization": f"Basic {basic}"})
    assert r.status == 200, r.text
    return browser, json.loads(r.text)


def logout_path(**params):
    return "/oauth2/logout?" + urllib.parse.urlencode(params)


class RpInitiatedLogoutTest(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.service = add_service("Virtuális Közfoglalkoztatási Piac")

    def assertLoggedIn(self, browser, expected=True):
        status = browser.get("/home").status
        self.assertEqual(status == 200, expected, f"/home answered {status}")

    def test_the_persons_own_id_token_ends_the_session_and_returns_to_the_service(self):
        person = account("linked")
        browser, tokens = signed_in(self.service, person)
        self.assertLoggedIn(browser)
        r = browser.get(logout_path(id_token_hint=tokens["id_token"], post_logout_redirect_uri=BACK,
                                    state="st-7 ő"))
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.header("Location"), BACK + "?state=st-7%20%C5%91")
        self.assertLoggedIn(browser, False)
        r = Client().get("/oauth2/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        self.assertEqual(r.status, 401, "the session's tokens ended with it")
        after = sql("SELECT after_value FROM audit_log WHERE action = 'oidc.logout' AND target_user_id = %s",
                    person["id"])
        self.assertEqual(len(after), 1)
        self.assertEqual(json.loads(after[0][0]),
                         {"client_id": self.service["client_id"], "reason": "id_token_hint"})

    def test_the_request_may_come_as_a_form_post_from_the_service(self):
        browser, tokens = signed_in(self.service, account("linked"))
        r = browser.post("/oauth2/logout", {"id_token_hint": tokens["id_token"],
                                            "post_logout_redirect_uri": BACK})
        self.assertEqual((r.status, r.header("Location")), (303, BACK))
        self.assertLoggedIn(browser, False)

    def test_without_a_hint_the_person_is_asked_and_the_answer_needs_our_token(self):
        browser, _ = signed_in(self.service, account("linked", language="en"))
        path = logout_path(client_id=self.service["client_id"], post_logout_redirect_uri=BACK, state="s1")
        page = browser.get(path)
        self.assertEqual(page.status, 200, page)
        self.assertIn("Virtuális Közfoglalkoztatási Piac", page.text)
        self.assertIn("form-action 'self' https://vkp.example.hu", page.header("Content-Security-Policy"))
        self.assertLoggedIn(browser)
        form = page.form("/oauth2/logout")
        forged = dict(form, csrf_token="x" * len(form["csrf_token"]))
        self.assertEqual(browser.post("/oauth2/logout", forged).status, 403)
        self.assertLoggedIn(browser)
        r = browser.post("/oauth2/logout", form)
        self.assertEqual((r.status, r.header("Location")), (303, BACK + "?state=s1"))
        self.assertLoggedIn(browser, False)

    def test_a_uri_not_registered_for_the_client_is_never_used(self):
        browser, tokens = signed_in(self.service, account("linked"))
        for uri in ("https://evil.example/logged-out", BACK + "/x", CALLBACK):
            page = browser.get(logout_path(client_id=self.service["client_id"], post_logout_redirect_uri=uri))
            self.assertEqual(page.status, 200, uri)
            self.assertNotIn(uri, page.text)
        # With the person's own hint the session ends, and the browser stays with us.
        r = browser.get(logout_path(id_token_hint=tokens["id_token"], post_logout_redirect_uri=CALLBACK))
        self.assertEqual((r.status, r.header("Location")), (303, "/login?logged_out=1"))
        self.assertLoggedIn(browser, False)

    def test_a_forged_hint_or_one_of_someone_else_only_brings_the_question(self):
        _, other_tokens = signed_in(self.service, account("linked"))
        browser, tokens = signed_in(self.service, account("linked"))
        header, claims, signature = tokens["id_token"].split(".")
        body = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
        body["sub"] = "someone"
        tampered = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
        for hint in (f"{header}.{tampered}.{signature}", other_tokens["id_token"], "not-a-token"):
            page = browser.get(logout_path(id_token_hint=hint, post_logout_redirect_uri=BACK))
            self.assertEqual(page.status, 200, hint)
            self.assertLoggedIn(browser)
        # Another client's id beside a real hint names nobody either.
        other = add_service("Közmunka Statisztika")
        page = browser.get(logout_path(id_token_hint=tokens["id_token"], client_id=other["client_id"],
                                       post_logout_redirect_uri=BACK))
        self.assertEqual(page.status, 200)
        self.assertNotIn(BACK, page.text)
        self.assertLoggedIn(browser)

    def test_without_a_session_the_browser_just_goes_back(self):
        _, tokens = signed_in(self.service, account("linked"))
        r = Client().get(logout_path(id_token_hint=tokens["id_token"], post_logout_redirect_uri=BACK, state="z"))
        self.assertEqual((r.status, r.header("Location")), (303, BACK + "?state=z"))
        r = Client().get(logout_path(post_logout_redirect_uri=BACK))
        self.assertEqual((r.status, r.header("Location")), (303, "/login?logged_out=1"))
