"""The authorization request of the OpenID Connect provider through the
real stack, as a relying party's browser makes it: a bad client or
redirect URI gets our error page and never a redirect; every later
problem goes back to the client with its code, the state and our issuer;
a visitor goes through our own /login (the login hint pre-filled) and
comes back with a code; prompt=none, prompt=login, the consent page of a
service that is not the ministry's, and an account not yet linked."""
import base64
import hashlib
import html
import json
import secrets
import urllib.parse

from ktk_accounts import account, admin
from ktk_test import URL, Client, TestCase, sql

CALLBACK = "https://vkp.example.hu/redirect_uri"


def add_client(*args):
    out = admin("client", "add", "--redirect-uri", CALLBACK, *args)
    return dict(line.split(": ", 1) for line in out.splitlines())["client_id"]


def pkce():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def query(location):
    parts = urllib.parse.urlsplit(location)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", dict(urllib.parse.parse_qsl(parts.query))


def authorize_path(client_id, **extra):
    params = {"client_id": client_id, "redirect_uri": CALLBACK, "response_type": "code",
              "scope": "openid profile email ktk", "state": "st-" + secrets.token_hex(4), "nonce": "n-1"}
    _, challenge = pkce()
    params.update(code_challenge=challenge, code_challenge_method="S256")
    params.update(extra)
    return "/oauth2/authorize?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})


def log_in_through(client, location, person):
    """From a redirect to /login?continue=…: the form posted with the person's password."""
    page = client.get(location)
    assert page.status == 200, page
    form = page.form()
    assert form.get("continue"), "the login form carries the waiting sign-in"
    form.update(email=person["email"], password=person["password"])
    return client.post("/login", form)


class AuthorizeTest(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.first_party = add_client("--name", "Virtuális Közfoglalkoztatási Piac", "--first-party")
        cls.third_party = add_client("--name", "Közmunka Statisztika")
        cls.public = add_client("--name", "Mobil", "--public", "--first-party")

    def code_for(self, client, person_client_id, **extra):
        """Follows the request from a logged-in browser to the client's callback."""
        r = client.get(authorize_path(person_client_id, **extra))
        self.assertEqual(r.status, 303, r)
        return r

    def test_a_client_or_redirect_uri_we_cannot_trust_gets_our_page_and_no_redirect(self):
        for path, text in [(authorize_path("nincs-ilyen"), "not registered with KTK"),
                           (authorize_path(self.first_party, redirect_uri="https://evil.example/cb"), "return address"),
                           (authorize_path(self.first_party, redirect_uri=CALLBACK + "/"), "return address"),
                           (authorize_path(None), "not registered with KTK")]:
            r = Client(lang="en").get(path)
            self.assertEqual(r.status, 400, path)
            self.assertIsNone(r.header("Location"), path)
            self.assertIn(text, html.unescape(r.text), path)
        r = Client(lang="hu").get(authorize_path("nincs-ilyen"))
        self.assertIn("nincs nyilvántartva a KTK-ban", html.unescape(r.text))

    def test_a_client_id_outside_ascii_is_an_unknown_client_not_a_server_error(self):
        # client_id is an ASCII column: such an id once reached MariaDB and
        # came back as "illegal mix of collations", a 500.
        for client_id in ("kliens-é", "\udcc3\udcc3"):
            path = authorize_path("x").replace("client_id=x", "client_id=" + urllib.parse.quote(
                client_id.encode("utf-8", "surrogateescape")))
            r = Client(lang="en").get(path)
            self.assertEqual(r.status, 400, path)
            self.assertIn("not registered with KTK", html.unescape(r.text))
            r = Client().request("POST", "/oauth2/token", body=(
                "grant_type=refresh_token&refresh_token=x&client_id=" +
                urllib.parse.quote(client_id.encode("utf-8", "surrogateescape"))).encode(),
                content_type="application/x-www-form-urlencoded")
            self.assertEqual((r.status, json.loads(r.text)["error"]), (401, "invalid_client"), r.text)
        # The Security tab's withdrawal looks the client up the same way.
        person = account("linked", language="en")
        c = Client(lang="en")
        c.submit("/login", {"email": person["email"], "password": person["password"]})
        form = c.get("/profile/security").form("/profile/security")
        r = c.post("/profile/security/services", {"csrf_token": form["csrf_token"], "client": "kliens-é"})
        self.assertEqual(r.status, 303, r.text)

    def test_a_visitor_logs_in_on_our_page_and_comes_back_with_a_code_state_and_issuer(self):
        person = account("linked")
        c = Client()
        path = authorize_path(self.first_party, login_hint=person["email"], state="xyz ÁÉ")
        r = c.get(path)
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login?continue="), r.header("Location"))
        page = c.get(r.header("Location"))
        self.assertEqual(page.form()["email"], person["email"])  # the hint, pre-filled
        # The login's POST ends at the service: the page's form-action allows
        # that origin (a browser checks every redirect after a form), no other.
        self.assertIn("form-action 'self' https://vkp.example.hu;", page.header("Content-Security-Policy"))
        self.assertIn("form-action 'self';", Client().get("/login").header("Content-Security-Policy"))
        r = log_in_through(c, r.header("Location"), person)
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/oauth2/authorize?continue="), r.header("Location"))
        back = c.get(r.header("Location"))
        self.assertEqual(back.status, 303)
        where, params = query(back.header("Location"))
        self.assertEqual(where, CALLBACK)
        self.assertRegex(params["code"], r"^[A-Za-z0-9_-]{43}$")
        self.assertEqual(params["state"], "xyz ÁÉ")
        self.assertEqual(params["iss"], URL)
        # Only the code's hash is kept; the waiting request is used up.
        self.assertEqual(sql("SELECT COUNT(*) FROM oidc_codes WHERE code_hash = %s", params["code"])[0][0], "0")
        self.assertEqual(c.get(r.header("Location")).status, 400)
        # Logged in now: the next request goes straight back.
        _, again = query(self.code_for(c, self.first_party).header("Location"))
        self.assertIn("code", again)

    def test_prompt_none_without_a_session_is_login_required_at_the_client(self):
        r = Client().get(authorize_path(self.first_party, prompt="none", state="s1"))
        where, params = query(r.header("Location"))
        self.assertEqual((r.status, where), (303, CALLBACK))
        self.assertEqual(params, {"error": "login_required", "state": "s1", "iss": URL})

    def test_prompt_login_asks_for_the_password_again(self):
        person = account("linked")
        c = Client()
        c.submit("/login", {"email": person["email"], "password": person["password"]})
        r = c.get(authorize_path(self.first_party, prompt="login"))
        self.assertIn("reauth=1", r.header("Location"))
        r = log_in_through(c, r.header("Location"), person)
        _, params = query(c.get(r.header("Location")).header("Location"))
        self.assertIn("code", params)

    def test_errors_after_the_redirect_uri_go_back_to_the_client(self):
        c = Client()
        cases = [
            ({"response_type": "token"}, "unsupported_response_type"),
            ({"response_type": "code id_token"}, "unsupported_response_type"),
            ({"response_type": None}, "invalid_request"),
            ({"code_challenge_method": "plain"}, "invalid_request"),
            ({"code_challenge": "short"}, "invalid_request"),
            ({"scope": "profile email"}, "invalid_scope"),
            ({"scope": "openid offline_access"}, "invalid_scope"),
            ({"prompt": "none login"}, "invalid_request"),
            ({"max_age": "-5"}, "invalid_request"),
            ({"request": "eyJ..."}, "request_not_supported"),
            ({"response_mode": "fragment"}, "invalid_request"),
        ]
        for extra, error in cases:
            r = c.get(authorize_path(self.first_party, state="s2", **extra))
            where, params = query(r.header("Location"))
            self.assertEqual((r.status, where, params.get("error"), params.get("state"), params.get("iss")),
                             (303, CALLBACK, error, "s2", URL), extra)
        # A public client must use PKCE.
        r = c.get(authorize_path(self.public, code_challenge=None, code_challenge_method=None))
        self.assertEqual(query(r.header("Location"))[1]["error"], "invalid_request")
        # A parameter given twice.
        r = c.get(authorize_path(self.first_party) + "&scope=openid")
        self.assertEqual(query(r.header("Location"))[1]["error"], "invalid_request")

    def test_the_request_may_come_as_a_form_post_from_the_service(self):
        person = account("linked")
        c = Client()
        c.submit("/login", {"email": person["email"], "password": person["password"]})
        fields = dict(urllib.parse.parse_qsl(authorize_path(self.first_party).split("?", 1)[1]))
        r = c.post("/oauth2/authorize", fields)  # no CSRF token of ours: another site's form
        self.assertEqual(r.status, 303)
        self.assertIn("code", query(r.header("Location"))[1])

    def test_a_service_not_of_the_ministry_asks_for_consent_once(self):
        person = account("linked", language="en")
        c = Client(lang="en")
        c.submit("/login", {"email": person["email"], "password": person["password"]})
        r = c.get(authorize_path(self.third_party, prompt="none"))
        self.assertEqual(query(r.header("Location"))[1]["error"], "consent_required")
        page = c.get(authorize_path(self.third_party, state="s3"))
        self.assertEqual(page.status, 200)
        text = html.unescape(page.text)
        self.assertIn("Közmunka Statisztika", text)
        for claim in ("your name", "your e-mail address", "tax number"):
            self.assertIn(claim, text)
        self.assertNotIn("phone number", text)
        self.assertIn("form-action 'self' https://vkp.example.hu;", page.header("Content-Security-Policy"))
        form = page.form("/oauth2/consent")
        r = c.post("/oauth2/consent", dict(form, decision="deny"))
        self.assertEqual(query(r.header("Location"))[1], {"error": "access_denied",
                                                          "error_description": "the person did not consent",
                                                          "state": "s3", "iss": URL})
        page = c.get(authorize_path(self.third_party))
        r = c.post("/oauth2/consent", dict(page.form("/oauth2/consent"), decision="allow"))
        self.assertIn("code", query(r.header("Location"))[1])
        # Remembered: no page the next time, a code at once.
        self.assertIn("code", query(c.get(authorize_path(self.third_party)).header("Location"))[1])
        # Asking for more (phone) asks again.
        self.assertEqual(c.get(authorize_path(self.third_party, scope="openid phone")).status, 200)
        # The consent form needs our CSRF token.
        r = c.post("/oauth2/consent", {"continue": form["continue"], "decision": "allow"})
        self.assertEqual(r.status, 403)

    def test_a_consent_is_listed_on_the_security_tab_and_withdrawn_there(self):
        person = account("linked", language="en")
        c = Client(lang="en")
        c.submit("/login", {"email": person["email"], "password": person["password"]})
        tab = c.get("/profile/security")
        self.assertIn("You have not allowed any other service", html.unescape(tab.text))
        page = c.get(authorize_path(self.third_party, scope="openid email"))
        c.post("/oauth2/consent", dict(page.form("/oauth2/consent"), decision="allow"))
        tab = c.get("/profile/security")
        text = html.unescape(tab.text)
        self.assertIn("Közmunka Statisztika", text)
        self.assertIn("your e-mail address", text)
        self.assertNotIn("your phone number", text)
        form = tab.form("/profile/security/services")
        self.assertEqual(form["client"], self.third_party)
        r = c.post("/profile/security/services", form)
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/security?withdrawn=1"))
        self.assertIn("You have not allowed any other service", html.unescape(c.get("/profile/security").text))
        rows = sql("SELECT after_value FROM audit_log WHERE action = 'oidc.consent.withdrawn' AND target_user_id = %s",
                   person["id"])
        self.assertEqual(len(rows), 1)
        self.assertIn(self.third_party, rows[0][0])
        # Asked again next time.
        self.assertEqual(c.get(authorize_path(self.third_party, scope="openid email")).status, 200)
        # Without our token the withdrawal is refused.
        self.assertEqual(c.post("/profile/security/services", {"client": self.third_party}).status, 403)

    def test_an_account_not_yet_linked_gets_the_explanation_and_no_code(self):
        person = account("unlinked", language="en")
        c = Client(lang="en")
        r = c.get(authorize_path(self.first_party))
        r = log_in_through(c, r.header("Location"), person)
        self.assertEqual(r.status, 200)
        self.assertIn("has not been linked to your municipality", html.unescape(r.text))
        self.assertIsNone(r.header("Location"))


def b64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rs256_valid(token, jwks):
    """RSASSA-PKCS1-v1_5 with SHA-256 checked with integers alone (RFC 8017
    §8.2.2), against the JWKS: apart from the provider's OpenSSL."""
    header_b64, claims_b64, sig_b64 = token.split(".")
    header = json.loads(b64(header_b64))
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    assert header["alg"] == "RS256" and key["kty"] == "RSA"
    n, e = int.from_bytes(b64(key["n"]), "big"), int.from_bytes(b64(key["e"]), "big")
    size = (n.bit_length() + 7) // 8
    em = pow(int.from_bytes(b64(sig_b64), "big"), e, n).to_bytes(size, "big")
    digest = hashlib.sha256(f"{header_b64}.{claims_b64}".encode()).digest()
    info = bytes.fromhex("3031300d060960864801650304020105000420") + digest
    return em == b"\x00\x01" + b"\xff" * (size - len(info) - 3) + b"\x00" + info


class CodeFlowTest(TestCase):
    def test_the_whole_code_flow_from_the_authorization_request_to_a_refresh(self):
        out = admin("client", "add", "--name", "Teljes folyamat", "--redirect-uri", CALLBACK, "--first-party")
        creds = dict(line.split(": ", 1) for line in out.splitlines())
        person = account("linked")
        verifier, challenge = pkce()
        c = Client()
        r = c.get(authorize_path(creds["client_id"], code_challenge=challenge, nonce="n-42",
                                 scope="openid profile email ktk"))
        r = log_in_through(c, r.header("Location"), person)
        _, params = query(c.get(r.header("Location")).header("Location"))
        basic = base64.b64encode(f"{creds['client_id']}:{creds['client_secret']}".encode()).decode()
        server = Client()
        r = server.post("/oauth2/token", {"grant_type": "authorization_code", "code": params["code"],
                                          "redirect_uri": CALLBACK, "code_verifier": verifier},
                        headers={"Authorization": f"Basic {basic}"})
        self.assertEqual(r.status, 200, r.text)
        tokens = json.loads(r.text)
        self.assertEqual((tokens["token_type"], tokens["expires_in"]), ("Bearer", 600))
        jwks = json.loads(Client().get("/oauth2/jwks").text)
        self.assertTrue(rs256_valid(tokens["id_token"], jwks))
        claims = json.loads(b64(tokens["id_token"].split(".")[1]))
        self.assertEqual((claims["iss"], claims["aud"], claims["nonce"]), (URL, creds["client_id"], "n-42"))
        self.assertEqual(claims["email"], person["email"])
        self.assertEqual(claims["ktk_municipality"]["tax_number"], person["tax_number"])
        self.assertNotIn(str(person["id"]), claims["sub"])
        info = json.loads(Client().get("/oauth2/userinfo",
                                       headers={"Authorization": f"Bearer {tokens['access_token']}"}).text)
        self.assertEqual(info, {k: v for k, v in claims.items()
                                if k not in ("iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "azp")})
        # The code is used up; its second use revokes what it gave.
        again = server.post("/oauth2/token", {"grant_type": "authorization_code", "code": params["code"],
                                              "redirect_uri": CALLBACK, "code_verifier": verifier},
                            headers={"Authorization": f"Basic {basic}"})
        self.assertEqual(json.loads(again.text)["error"], "invalid_grant")
        self.assertEqual(Client().get("/oauth2/userinfo",
                                      headers={"Authorization": f"Bearer {tokens['access_token']}"}).status, 401)
        # Logging out of KTK ends the tokens of that session too.
        r = c.get(authorize_path(creds["client_id"], code_challenge=challenge))
        _, params = query(r.header("Location"))
        fresh = json.loads(server.post("/oauth2/token", {"grant_type": "authorization_code", "code": params["code"],
                                                         "redirect_uri": CALLBACK, "code_verifier": verifier},
                                       headers={"Authorization": f"Basic {basic}"}).text)
        refreshed = json.loads(server.post("/oauth2/token", {"grant_type": "refresh_token",
                                                             "refresh_token": fresh["refresh_token"]},
                                           headers={"Authorization": f"Basic {basic}"}).text)
        self.assertTrue(rs256_valid(refreshed["id_token"], jwks))
        c.submit("/logout", {})
        r = server.post("/oauth2/token", {"grant_type": "refresh_token", "refresh_token": refreshed["refresh_token"]},
                        headers={"Authorization": f"Basic {basic}"})
        self.assertEqual(json.loads(r.text)["error"], "invalid_grant")
