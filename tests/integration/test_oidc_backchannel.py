"""Back-channel logout through the real stack (OpenID Connect Back-Channel
Logout 1.0): a service registered with a back-channel URI (a small HTTP
receiver on a loopback port here) signs a person in with the code flow;
when the person's portal session ends, by logging out or by a password
change made in another browser, the running mail worker POSTs it a
logout token, which is checked as a relying party checks it: the
signature against the JWKS (with integers, apart from OpenSSL), typ
logout+jwt, and the claims, its sid the ID token's. A service that
answers 500 gets the token again after the backoff."""
import base64
import http.server
import json
import threading
import time
import urllib.parse

from ktk_accounts import account, admin
from ktk_test import URL, Client, TestCase, sql, wait_until
from test_oidc_authorize import CALLBACK, authorize_path, b64, log_in_through, pkce, query, rs256_valid
from test_profile import NEW_PASSWORD, change_password

EVENT = "http://schemas.openid.net/event/backchannel-logout"


class Receiver:
    """A service's back-channel endpoint: keeps every POST; answers with
    the statuses in `answers` in turn, then 200."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.posts = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                receiver.posts.append({"path": self.path, "content_type": self.headers.get("Content-Type"),
                                       "form": urllib.parse.parse_qs(body)})
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.uri = f"http://127.0.0.1:{self.server.server_address[1]}/backchannel-logout"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count):
        return wait_until(lambda: len(self.posts) >= count, timeout=30, what=f"{count} logout token(s)")


class BackchannelLogoutTest(TestCase):
    def setUp(self):
        self.receiver = Receiver()
        self.addCleanup(self.receiver.close)

    def service(self, name):
        out = admin("client", "add", "--name", name, "--redirect-uri", CALLBACK, "--first-party",
                    "--backchannel-logout-uri", self.receiver.uri)
        return dict(line.split(": ", 1) for line in out.splitlines())

    def sign_in(self, creds, browser, person, logged_in=False):
        """The code flow in `browser`; returns the ID token's claims."""
        verifier, challenge = pkce()
        r = browser.get(authorize_path(creds["client_id"], code_challenge=challenge))
        if not logged_in:
            r = browser.get(log_in_through(browser, r.header("Location"), person).header("Location"))
        _, params = query(r.header("Location"))
        basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
        r = Client().post("/oauth2/token", {"grant_type": "authorization_code", "code": params["code"],
                                           "redirect_uri": CALLBACK, "code_verifier": verifier},
                          headers={"Authorization": f"Basic {basic}"})
        self.assertEqual(r.status, 200, r.text)
        return json.loads(b64(json.loads(r.text)["id_token"].split(".")[1]))

    def check_logout_token(self, post, creds, id_claims):
        """The POST as §2.5 has it and the token as a relying party checks it; returns its claims."""
        self.assertEqual(post["path"], "/backchannel-logout")
        self.assertEqual(post["content_type"], "application/x-www-form-urlencoded")
        self.assertEqual(list(post["form"]), ["logout_token"])
        token = post["form"]["logout_token"][0]
        jwks = json.loads(Client().get("/oauth2/jwks").text)
        self.assertTrue(rs256_valid(token, jwks))
        header = json.loads(b64(token.split(".")[0]))
        self.assertEqual((header["typ"], header["alg"]), ("logout+jwt", "RS256"))
        claims = json.loads(b64(token.split(".")[1]))
        self.assertEqual(sorted(claims), ["aud", "events", "exp", "iat", "iss", "jti", "sid", "sub"])
        self.assertEqual((claims["iss"], claims["aud"]), (URL, creds["client_id"]))
        self.assertEqual((claims["sub"], claims["sid"]), (id_claims["sub"], id_claims["sid"]))
        self.assertEqual(claims["events"], {EVENT: {}})
        self.assertLess(abs(claims["iat"] - time.time()), 120)
        self.assertEqual(claims["exp"], claims["iat"] + 120)
        self.assertGreaterEqual(len(claims["jti"]), 16)
        return claims

    def test_logging_out_sends_the_service_a_signed_logout_token_for_that_session(self):
        creds = self.service("Kijelentkeztetett szolgáltatás")
        person = account("linked")
        browser = Client()
        id_claims = self.sign_in(creds, browser, person)
        self.assertEqual(self.receiver.posts, [], "nothing is sent while the session lives")
        browser.submit("/logout", {})
        self.receiver.wait_for(1)
        self.check_logout_token(self.receiver.posts[0], creds, id_claims)
        wait_until(lambda: sql("SELECT COUNT(*) FROM oidc_logout_queue WHERE user_id = %s", person["id"]) == [["0"]],
                   what="the delivered row to go")
        audit = sql("SELECT after_value FROM audit_log WHERE action = 'oidc.backchannel_logout.sent'"
                    " AND target_user_id = %s", person["id"])
        self.assertEqual([json.loads(a[0]) for a in audit],
                         [{"client_id": creds["client_id"], "sub": id_claims["sub"], "attempts": 1}])
        time.sleep(1.5)
        self.assertEqual(len(self.receiver.posts), 1, "told once")

    def test_a_service_that_answers_500_gets_a_new_token_after_the_backoff(self):
        self.receiver.answers = [500]
        creds = self.service("Akadozó szolgáltatás")
        person = account("linked")
        browser = Client()
        id_claims = self.sign_in(creds, browser, person)
        browser.submit("/logout", {})
        self.receiver.wait_for(1)
        row = wait_until(lambda: (lambda r: r if r and r[0][2] == "http_500" else None)(
            sql("SELECT attempts, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), due_at), last_error"
                " FROM oidc_logout_queue WHERE user_id = %s", person["id"])), what="the failure recorded")
        self.assertEqual(row[0][0], "1")
        self.assertTrue(5 <= int(row[0][1]) <= 10, row)
        # Rather than waiting out the backoff: due now.
        sql("UPDATE oidc_logout_queue SET due_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE user_id = %s",
            person["id"])
        self.receiver.wait_for(2)
        first = self.check_logout_token(self.receiver.posts[0], creds, id_claims)
        second = self.check_logout_token(self.receiver.posts[1], creds, id_claims)
        self.assertNotEqual(first["jti"], second["jti"])
        wait_until(lambda: sql("SELECT COUNT(*) FROM oidc_logout_queue WHERE user_id = %s", person["id"]) == [["0"]],
                   what="the delivered row to go")
        self.assertIn('"attempts":2', sql("SELECT after_value FROM audit_log WHERE action ="
                                          " 'oidc.backchannel_logout.sent' AND target_user_id = %s",
                                          person["id"])[0][0])

    def test_a_password_change_in_another_browser_logs_the_service_out_of_the_other_session(self):
        creds = self.service("Jelszócserét követő szolgáltatás")
        person = account("linked")
        phone, laptop = Client(), Client()
        id_claims = self.sign_in(creds, phone, person)
        r = laptop.submit("/login", {"email": person["email"], "password": person["password"]})
        self.assertEqual(r.status, 303)
        laptop_claims = self.sign_in(creds, laptop, person, logged_in=True)
        self.assertNotEqual(id_claims["sid"], laptop_claims["sid"])
        self.assertEqual(change_password(laptop, person["password"], NEW_PASSWORD).status, 303)
        self.receiver.wait_for(1)
        self.check_logout_token(self.receiver.posts[0], creds, id_claims)
        time.sleep(1.5)
        self.assertEqual(len(self.receiver.posts), 1, "the session that changed the password goes on")
