"""Request-level fuzzing: 100,000 mutated HTTP requests (the short form:
3,000) over every route of the portal and every method, from several
threads on raw sockets.

Each request is drawn from the routes of the README's tables and nginx's
locations (with real and made-up application, version and attachment
numbers), a method (the route's own ones mostly, also HEAD, PUT, DELETE,
OPTIONS, lower case and nonsense), a query string and a body built from
every form field name the templates use and the OAuth parameters, with
values from a list of hostile ones (overlong, invalid UTF-8, NUL, CRLF,
markup, SQL, extreme numbers and dates, broken percent-encoding) or bytes
flipped in a valid value; urlencoded, multipart (broken boundaries, part
headers and file names), JSON, chunked or no body; cookies that are none,
a visitor's real pre-session cookie with its CSRF token, the session of a
real login of a linked contact or of the demo clerk (second factor
enrolled) with its token, kept alive by logging in again when the fuzzing
ends it, or mangled, duplicated and oversized ones; oversized and odd
headers. Each thread sends from its own
range of loopback addresses, so nginx's per-address POST limit does not
turn the run into a test of that limit.

Findings (goal 0): every answer of status 500 or above but nginx's
protocol refusals 501 and 505 (nginx turns 502, 503 and 504 into its 503
page: a program that died or did not answer);
every sanitizer report file written meanwhile (the log_path of
ASAN_OPTIONS / UBSAN_OPTIONS: `contrib/ktk chaos` runs this scenario on
the ASan + UBSan build); every FastCGI process whose supervisor saw it die
and every long-lived process (nginx's master, a supervisor, the mail
worker) that is not the same one afterwards; and a stack that no longer
serves the journey register → confirm → login afterwards.

Figures:
  http_fuzz_requests  the requests sent; met when that is the whole number
                      and each was answered or refused (an answer, or the
                      connection closed) within 30 s.
  http_fuzz_findings  the findings above, each described in raw.
"""
import base64
import collections
import glob
import hashlib
import hmac
import http.client
import json
import os
import random
import re
import socket
import subprocess
import threading
import time
import urllib.parse

from faults_common import captcha_answer, pidfile, supervisor_pools

NAME = "http_fuzz"

LONG_REQUESTS = 100_000
SHORT_REQUESTS = 3_000
THREADS = 12
ANSWER_TIMEOUT = 30
# nginx's own refusals of a request it cannot take (an unknown transfer
# coding, an HTTP version it does not speak): answers, not faults.
PROTOCOL_REFUSALS = {501, 505}
PASSWORD = "Titkos-Kulcs-2026"
# The demo data's municipality (contrib/ktk _stack demo) links the contact.
TAX_NUMBER = "15731034-2-13"

# The portal's routes (README "What runs where", nginx/): a path, with
# {id}, {n}, {a}, {b} filled in per request, and the methods it takes.
ROUTES = [
    ("/", "GET"), ("/login", "GET POST"), ("/login/two-factor", "GET POST"), ("/logout", "GET POST"),
    ("/home", "GET"), ("/language", "POST"), ("/session/keepalive", "POST"), ("/healthz", "GET"),
    ("/nincs/ilyen/oldal", "GET"), ("/register", "GET POST"), ("/register/done", "GET"),
    ("/confirm", "GET POST"), ("/confirm/done", "GET"), ("/confirm/resend", "GET POST"),
    ("/confirm/resend/sent", "GET"), ("/captcha", "GET"), ("/captcha/new", "POST"), ("/captcha/audio", "GET"),
    ("/password/forgot", "GET POST"), ("/password/forgot/sent", "GET"), ("/password/reset", "GET POST"),
    ("/profile", "GET POST"), ("/profile/email", "GET POST"), ("/profile/email/confirm", "GET POST"),
    ("/profile/email/cancel", "GET POST"), ("/profile/security", "GET POST"),
    ("/profile/security/services", "POST"), ("/profile/two-factor", "GET POST"), ("/profile/sessions", "GET"),
    ("/profile/sessions/revoke", "POST"), ("/profile/sessions/notice", "POST"),
    ("/applications", "GET"), ("/applications/new", "GET POST"), ("/applications/{id}", "GET"),
    ("/applications/{id}/edit", "GET POST"), ("/applications/{id}/submit", "POST"),
    ("/applications/{id}/withdraw", "POST"), ("/applications/{id}/accept", "POST"),
    ("/applications/{id}/message", "POST"), ("/applications/{id}/versions/{a}/diff/{b}", "GET"),
    ("/applications/{id}/attachments", "POST"), ("/applications/{id}/attachments/{n}", "GET"),
    ("/applications/{id}/attachments/{n}/remove", "POST"), ("/applications/{id}/pdf", "GET"),
    ("/admin", "GET"), ("/admin/link", "GET POST"), ("/admin/unlink", "GET POST"), ("/admin/disable", "GET POST"),
    ("/admin/enable", "GET POST"), ("/admin/reset-two-factor", "GET POST"), ("/admin/email", "GET POST"),
    ("/admin/audit", "GET"), ("/admin/applications", "GET"), ("/admin/applications.csv", "GET"),
    ("/admin/applications/{id}", "GET"), ("/admin/applications/{id}/propose", "GET POST"),
    ("/admin/applications/{id}/decide", "POST"), ("/admin/applications/{id}/message", "POST"),
    ("/admin/applications/{id}/versions/{a}/diff/{b}", "GET"),
    ("/admin/applications/{id}/attachments/{n}", "GET"), ("/admin/applications/{id}/contract.pdf", "GET"),
    ("/.well-known/openid-configuration", "GET"), ("/.well-known/oauth-authorization-server", "GET"),
    ("/oauth2/jwks", "GET"), ("/oauth2/authorize", "GET POST"), ("/oauth2/consent", "POST"),
    ("/oauth2/token", "POST"), ("/oauth2/userinfo", "GET POST"), ("/oauth2/revoke", "POST"),
    ("/oauth2/introspect", "POST"), ("/static/ktk.css", "GET"), ("/favicon.ico", "GET"), ("/_errors/503.html", "GET"),
]
OTHER_METHODS = ["HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "get", "post", "PROPFIND",
                 "G\x00T", "POST /x", "A" * 300, "", "GET\tX"]
OAUTH_FIELDS = ["grant_type", "code", "redirect_uri", "client_id", "client_secret", "refresh_token", "code_verifier",
                "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt",
                "max_age", "login_hint", "access_token", "token", "token_type_hint", "continue", "decision",
                "response_mode", "request", "request_uri", "id_token_hint", "post_logout_redirect_uri"]
QUERY_FIELDS = ["lang", "token", "id", "page", "q", "state", "municipality", "year", "email", "continue",
                "password_reset", "v", "return", "session", "client"]
HOSTILE = ["", " ", "0", "-1", "1", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999",
           "1e308", "NaN", "0x10", "007", "+1", "1.5", "árvíztűrő tükörfúrógép", "ÁRVÍZTŰRŐ", "\u202eevil",
           "\U0001F600" * 20, "\x00", "a\x00b", "\r\nSet-Cookie: x=1", "\n", "<script>alert(1)</script>",
           "\"><img src=x onerror=1>", "' OR 1=1 -- ", "'; DROP TABLE users; --", "\\", "%s%n%x", "{{TITLE}}",
           "{{#X}}", "../../../../etc/passwd", "%00", "%", "%zz", "%c3", "%ff%fe", "+", "&", "=", ";",
           "2026-02-30", "0000-00-00", "9999-12-31", "2026-13-01", "-0001-01-01", "15731034-2-13", "00000000-0-00",
           "a@b", "@", "x" * 300 + "@example.hu", "valaki@example.hu", "valaki@[127.0.0.1]", "hu", "en", "de",
           "yes", "no", "allow", "deny", "approve", "reject", "authorization_code", "refresh_token", "openid",
           "S256", "plain", "https://evil.example/", "//evil.example", "/home", "javascript:alert(1)",
           "a" * 1000, "é" * 5000]
# The fields each route's forms and links carry (the templates, the README's
# tables), so that most requests name what the handler reads; the rest name
# any field of any form.
APPLICATION_FIELDS = ["title", "programme_type", "public_task", "start_date", "end_date", "daily_hours",
                      "headcount_basic", "headcount_skilled", "headcount_leaders", "headcount_leaders_skilled",
                      "wage_support_pct", "material_support", "material_item_name", "material_item_amount",
                      "work_locations", "version"]
ADMIN_FIELDS = ["email", "tax_number", "municipality_name", "q", "new_email", "decision", "reason", "confirm",
                "version", "message", "state", "municipality", "year", "user", "page"] + APPLICATION_FIELDS
ROUTE_FIELDS = [
    ("/login/two-factor", ["code", "recovery_code"]),
    ("/login", ["email", "password", "continue", "password_reset"]),
    ("/language", ["lang", "return"]),
    ("/register", ["last_name", "first_name", "language", "email", "phone", "password", "password_confirm",
                   "captcha", "captcha_id"]),
    ("/confirm/resend", ["email"]),
    ("/confirm", ["token", "lang"]),
    ("/captcha", ["id", "lang"]),
    ("/password/forgot", ["email"]),
    ("/password/reset", ["token", "password", "password_confirm", "lang"]),
    ("/profile/email/", ["token"]),
    ("/profile/email", ["new_email", "current_password"]),
    ("/profile/security/services", ["client"]),
    ("/profile/security", ["current_password", "password", "password_confirm"]),
    ("/profile/two-factor", ["code", "password", "disable"]),
    ("/profile/sessions", ["session", "all_others", "new_device_mail"]),
    ("/profile", ["last_name", "first_name", "phone", "language", "application_mails"]),
    ("/applications/{id}/submit", ["version", "confirm"]),
    ("/applications/{id}/withdraw", ["reason", "version"]),
    ("/applications/{id}/accept", ["version", "message"]),
    ("/applications/{id}/message", ["message"]),
    ("/applications", APPLICATION_FIELDS + ["page", "file"]),
    ("/admin", ADMIN_FIELDS),
    ("/oauth2", OAUTH_FIELDS),
    ("/", ["lang", "return", "continue"]),
]
# Values that look right for a field, to get past the first checks.
PLAUSIBLE = {
    "email": ["valaki@example.hu", "Valaki@Example.HU", " valaki@example.hu ", "árvíz@example.hu", "x@é.hu",
              "a" * 64 + "@example.hu", "a@" + "b" * 250 + ".hu", "\"a b\"@example.hu", "a@[::1]"],
    "new_email": ["uj@example.hu", "ÚJ@example.hu"],
    "phone": ["06 30 123 4567", "+36301234567", "0036 1 234 5678", "+1 202 555 0100", "06 99 123 4567"],
    "language": ["hu", "en"], "lang": ["hu", "en", "HU", "hu-HU"],
    "start_date": ["2026-03-01", "2026-02-29", "2025-12-31", "1900-01-01"],
    "end_date": ["2026-11-30", "2027-02-28", "2026-01-01"],
    "tax_number": ["15731034-2-13", "15731034213", "12345678-1-42", "1573103"],
    "version": ["1", "2", "0", "-1", "3"], "year": ["2026", "0", "99999"], "page": ["1", "2", "0", "-5", "1000000"],
    "decision": ["approve", "reject", "allow", "deny"], "confirm": ["yes", "no", "1"],
    "new_device_mail": ["yes", "no"], "all_others": ["1", "0"], "disable": ["1"],
    "code": ["123456", "000000", "12345", "1234567"], "recovery_code": ["abcd-efgh-ijkl", "ABCDEFGHIJKL"],
    "daily_hours": ["4", "8", "6.5", "24", "0"], "wage_support_pct": ["70", "100", "101", "0"],
    "headcount_basic": ["5", "0", "100000"], "material_item_amount": ["100000", "1e9", "-1"],
    "programme_type": ["startmunka", "hosszabb", "orszagos", "x"], "state": ["submitted", "draft", "approved"],
    "return": ["/home", "/profile?x=1", "//evil.example", "https://evil.example/", "/\\evil"],
    "continue": ["x", "A" * 43], "grant_type": ["authorization_code", "refresh_token", "client_credentials"],
    "response_type": ["code", "token"], "scope": ["openid", "openid profile email ktk", "openid x"],
    "code_challenge_method": ["S256", "plain"], "redirect_uri": ["https://vkp.example.hu/redirect_uri"],
    "prompt": ["none", "login", "consent"], "max_age": ["0", "60", "-1"],
}
BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80",
             b"\x00", b"\x7f", b"\x1b[31m"]


# ------------------------------------------------------------------ a browser for the setup

class Browser:
    """Keeps cookies, follows no redirects; for the setup and the session keeper."""

    def __init__(self, port, source):
        self.port, self.source, self.cookies = port, source, {}

    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.source, 0))
        headers = {"Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body, headers)
        r = conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        for value in r.msg.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return r.status, r.getheader("Location") or "", text


def input_value(page, name):
    m = re.search(r'<input[^>]*name="' + re.escape(name) + r'"[^>]*value="([^"]*)"', page)
    return m.group(1) if m else ""


def mailed_link(var, address, path, timeout=60):
    """The local path of the first link to `path` in a mail to `address` (quoted-printable undone)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for name in os.listdir(os.path.join(var, "maildir", "new")):
            with open(os.path.join(var, "maildir", "new", name), "rb") as f:
                raw = f.read().decode("utf-8", "replace")
            if address not in raw:
                continue
            text = re.sub(r"=\r?\n", "", raw)
            text = re.sub(r"=([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), text)
            m = re.search(re.escape(path) + r"[^\s<>\"]+", text)
            if m:
                return m.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no mail with {path} to {address}")


def login(port, email, password):
    b = Browser(port, "127.0.29.1")
    _, _, page = b.request("GET", "/login")
    status, location, _ = b.request("POST", "/login", {"email": email, "password": password,
                                                        "csrf_token": input_value(page, "csrf_token")})
    if status != 303 or location != "/home":
        raise AssertionError(f"the login of the linked contact answered {status} {location}")
    _, _, home = b.request("GET", "/home")
    return b, input_value(home, "csrf_token")


def totp(secret, at):
    """RFC 6238's six digits for a base32 secret (as an authenticator app)."""
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8))
    digest = hmac.new(key, (int(at) // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return "%06d" % ((int.from_bytes(digest[offset:offset + 4], "big") & 0x7FFFFFFF) % 1000000)


def clerk_login(ctx, port):
    """The demo clerk (contrib/ktk _stack demo) logged in, its second factor
    enrolled at this first login as the portal asks: the admin area's session."""
    with open(os.path.join(ctx.var, "secrets", "demo-clerk-password")) as f:
        password = f.read().strip()
    b = Browser(port, "127.0.29.3")
    _, _, page = b.request("GET", "/login")
    status, location, _ = b.request("POST", "/login", {"email": "demo.ugyintezo@example.hu", "password": password,
                                                        "csrf_token": input_value(page, "csrf_token")})
    kept = os.path.join(ctx.var, "chaos-demo-clerk-totp")
    if location == "/profile/two-factor":
        _, _, page = b.request("GET", location)
        secret = re.search(r'id="totp-secret"[^>]*>([^<]+)<', page).group(1)
        with open(kept, "w") as f:
            f.write(secret)
        b.request("POST", "/profile/two-factor", {"csrf_token": input_value(page, "csrf_token"),
                                                  "code": totp(secret, time.time())})
    elif location.startswith("/login/two-factor"):
        # Enrolled by an earlier run on this stack: its second step. A code is
        # taken once, so the next step's code when this one may be used.
        with open(kept) as f:
            secret = f.read().strip()
        _, _, page = b.request("GET", location)
        for at in (time.time(), time.time() + 30):
            status, location, page = b.request("POST", "/login/two-factor", {
                "csrf_token": input_value(page, "csrf_token"), "continue": input_value(page, "continue"),
                "code": totp(secret, at)})
            if status == 303:
                break
            time.sleep(1)
    status, _, page = b.request("GET", "/admin")
    if status != 200:
        raise AssertionError(f"the demo clerk's session opens /admin with {status}")
    return b, input_value(page, "csrf_token")


def setup(ctx, port):
    """A linked contact registered the real way, logged in, with one draft
    application: the valid-looking material the mutations start from."""
    ctx.stack("demo")
    email = f"fuzz.{int(time.time())}@example.hu"
    b = Browser(port, "127.0.29.2")
    _, _, page = b.request("GET", "/register")
    status, location, _ = b.request("POST", "/register", {
        "last_name": "Próba", "first_name": "Fanni", "language": "hu", "email": email, "phone": "06 30 123 4567",
        "password": PASSWORD, "password_confirm": PASSWORD, "captcha": captcha_answer(ctx),
        "csrf_token": input_value(page, "csrf_token"), "captcha_id": input_value(page, "captcha_id")})
    if status != 303:
        raise AssertionError(f"the registration answered {status}")
    link = mailed_link(ctx.var, email, "/confirm?token=")
    _, _, page = b.request("GET", link)
    status, _, _ = b.request("POST", "/confirm", {"csrf_token": input_value(page, "csrf_token"),
                                                   "token": input_value(page, "token")})
    if status != 303:
        raise AssertionError(f"the confirmation answered {status}")
    subprocess.run([os.path.join(ctx.build, "bin", "ktk-admin"), "link", "--email", email,
                    "--tax-number", TAX_NUMBER], check=True, capture_output=True,
                   env=dict(os.environ, KTK_CONFIG=os.path.join(ctx.var, "ktk.conf")))
    session, token = login(port, email, PASSWORD)
    _, _, page = session.request("GET", "/applications/new")
    status, location, _ = session.request("POST", "/applications/new", {
        "csrf_token": input_value(page, "csrf_token") or token, "title": "Fuzz próba"})
    found = re.match(r"/applications/(\d+)", location)
    app_id = found.group(1) if found else "1"
    anonymous = []
    for i in range(4):
        v = Browser(port, f"127.0.29.{10 + i}")
        _, _, page = v.request("GET", "/login")
        anonymous.append((dict(v.cookies), input_value(page, "csrf_token")))
    clerk, clerk_token = clerk_login(ctx, port)
    return {"email": email, "session": session, "token": token, "app_id": app_id, "anonymous": anonymous,
            "clerk": clerk.cookies, "clerk_token": clerk_token,
            "login_lock": threading.Lock()}


# ------------------------------------------------------------------ mutations

def field_names(root):
    names = set(OAUTH_FIELDS)
    for path in glob.glob(os.path.join(root, "templates", "**", "*.tpl"), recursive=True):
        with open(path, errors="replace") as f:
            names.update(re.findall(r'name="([a-z_]+)"', f.read()))
    return sorted(names)


def flip(rng, value):
    """A valid value with a few bytes changed, cut short or made longer."""
    b = bytearray(value.encode() if isinstance(value, str) else value)
    choice = rng.random()
    if not b or choice < 0.2:
        return bytes(b) + bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
    if choice < 0.4:
        return bytes(b[:rng.randrange(len(b))])
    for _ in range(rng.randint(1, 4)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


class Generator:
    def __init__(self, rng, env, fields):
        self.rng, self.env, self.fields = rng, env, fields
        self.names = fields

    def value(self, name=None):
        r = self.rng.random()
        if name in PLAUSIBLE and r < 0.5:
            v = self.rng.choice(PLAUSIBLE[name]).encode()
            return v if self.rng.random() < 0.8 else flip(self.rng, v)
        if name in ("token", "session", "client", "captcha_id", "id", "refresh_token", "code_verifier") and r < 0.4:
            # The shape of a real token: 43 base64url characters, now and then one off.
            alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            return "".join(self.rng.choice(alphabet) for _ in range(self.rng.choice([43, 43, 42, 44, 22, 64]))).encode()
        r = self.rng.random()
        if r < 0.55:
            v = self.rng.choice(HOSTILE)
            return v.encode("utf-8", "surrogatepass")
        if r < 0.7:
            return self.rng.choice(BAD_BYTES) * self.rng.randint(1, 5)
        if r < 0.85:
            return flip(self.rng, self.rng.choice([self.env["token"], self.env["app_id"], "Fuzz próba",
                                                   self.env["anonymous"][0][1], "2026-01-01", "06 30 123 4567"]))
        if r < 0.97:
            return str(self.rng.randint(-10, 10 ** self.rng.randint(1, 20))).encode()
        return b"x" * self.rng.choice([4096, 20000, 70000])

    def number(self):
        return self.rng.choice([self.env["app_id"], "1", "2", "0", "-1", "00001", "99999999", "18446744073709551616",
                                "abc", "1.0", "%31", "1;", " 1", "", "１"])

    def route_fields(self, template):
        if self.rng.random() < 0.75:
            for prefix, names in ROUTE_FIELDS:
                if template.startswith(prefix):
                    return names
        return QUERY_FIELDS + self.fields

    def path(self):
        template, methods = self.rng.choice(ROUTES)
        self.template = template
        self.names = self.route_fields(template)
        path = template
        for part in ("{id}", "{n}", "{a}", "{b}"):
            while part in path:
                path = path.replace(part, self.number(), 1)
        r = self.rng.random()
        if r < 0.05:
            path += "/" + self.rng.choice(["..", "%2e%2e", "x", "", "%00", "é", "//"])
        elif r < 0.08:
            path = path.replace("/", self.rng.choice(["//", "/./", "%2f"]), 1)
        elif r < 0.1:
            path = path.upper()
        path = path.encode("utf-8")
        if self.rng.random() < 0.6:
            query = self.urlencoded(self.names, raw=0.03)
            # Most request lines stay under nginx's 8 KB header buffer, to reach a program.
            path += b"?" + (query[:self.rng.randint(0, 2000)] if len(query) > 6000 and self.rng.random() < 0.9
                            else query)
        if self.rng.random() < 0.01:
            path += b"&x=" + b"y" * self.rng.choice([5000, 9000, 70000])
        return path, methods.split()

    def urlencoded(self, names, raw=0.2):
        """name=value pairs; a share `raw` of the values goes unencoded."""
        parts = []
        for _ in range(self.rng.randint(0, 8)):
            name = self.rng.choice(names)
            v = self.value(name)
            name = name.encode()
            if self.rng.random() < 0.05:
                name = self.value()
            r = self.rng.random()
            if r < 0.6:
                v = urllib.parse.quote_from_bytes(v).encode()
            elif r < 1 - raw:
                v = urllib.parse.quote_plus(v.decode("latin-1")).encode()
            parts.append(name + (b"" if self.rng.random() < 0.05 else b"=") + v)
        return self.rng.choice([b"&", b"&", b"&", b";", b"&&"]).join(parts)

    def form(self, token):
        body = self.urlencoded(self.names)
        if token is not None and self.rng.random() < 0.8:
            body = b"csrf_token=" + urllib.parse.quote(token).encode() + (b"&" + body if body else b"")
        return body

    def multipart(self, token):
        boundary = self.rng.choice([b"----ktkfuzz" + str(self.rng.randrange(10 ** 9)).encode(), b"x", b"",
                                    b"a" * 200, b"\"quoted\"", b"--", b"b\xff"])
        out = b""
        fields = [("csrf_token", token.encode())] if token is not None and self.rng.random() < 0.8 else []
        for _ in range(self.rng.randint(0, 6)):
            name = self.rng.choice(self.names + ["file"])
            fields.append((name, self.value(name)))
        for name, value in fields:
            out += b"--" + boundary + b"\r\n"
            disposition = b'Content-Disposition: form-data; name="' + name.encode() + b'"'
            r = self.rng.random()
            if name == "file" or r < 0.2:
                filename = self.rng.choice([b"a.pdf", b"", b"../../x.png", b"\xff.jpg", b"a" * 500 + b".pdf",
                                            b"x\"; name=\"csrf_token", b"kep.JPEG"])
                disposition += b'; filename="' + filename + b'"'
                ctype = self.rng.choice([b"application/pdf", b"image/png", b"image/jpeg", b"text/html", b""])
                disposition += b"\r\nContent-Type: " + ctype
                value = self.rng.choice([b"%PDF-1.4\n" + value, b"\x89PNG\r\n\x1a\n" + value,
                                         b"\xff\xd8\xff\xe0" + value, value])
            elif r < 0.3:
                disposition = self.rng.choice([b"Content-Disposition: form-data", b"Content-Disposition: x",
                                               b"Content-Disposition: form-data; name=", b"X: y"])
            out += disposition + b"\r\n\r\n" + value + b"\r\n"
        if self.rng.random() < 0.8:
            out += b"--" + boundary + b"--\r\n"
        ctype = b"multipart/form-data; boundary=" + boundary
        if self.rng.random() < 0.1:
            ctype = self.rng.choice([b"multipart/form-data", b"multipart/form-data; boundary=",
                                     b"multipart/form-data; boundary=\"" + boundary + b"\"",
                                     b"multipart/mixed; boundary=" + boundary])
        return out, ctype

    def cookies(self):
        """The Cookie header and the CSRF token that belongs to it (None: none)."""
        r = self.rng.random()
        anon_cookies, anon_token = self.rng.choice(self.env["anonymous"])
        session = self.env["session"].cookies
        if r < 0.15:
            return None, None
        if r < 0.45:
            return "; ".join(f"{k}={v}" for k, v in anon_cookies.items()), anon_token
        if r < 0.65:
            return "; ".join(f"{k}={v}" for k, v in session.items()), self.env["token"]
        if r < 0.8:
            return "; ".join(f"{k}={v}" for k, v in self.env["clerk"].items()), self.env["clerk_token"]
        pairs = list(session.items()) + list(anon_cookies.items())
        mangled = []
        for k, v in pairs:
            choice = self.rng.random()
            if choice < 0.4:
                v = flip(self.rng, v).decode("latin-1")
            elif choice < 0.5:
                k = self.rng.choice(["__Host-" + k, k.upper(), k + " ", ""])
            mangled.append(f"{k}={v}")
        if self.rng.random() < 0.2:
            mangled.append(mangled[0] if mangled else "ktk_session=")
        if self.rng.random() < 0.1:
            mangled.append("x=" + "y" * self.rng.choice([2000, 9000, 40000]))
        if self.rng.random() < 0.1:
            mangled += [f"c{i}=v" for i in range(300)]
        return self.rng.choice(["; ", ";", ", "]).join(mangled), self.rng.choice(
            [anon_token, self.env["token"], flip(self.rng, self.env["token"]).decode("latin-1")])

    def request(self):
        path, methods = self.path()
        r = self.rng.random()
        method = self.rng.choice(methods) if r < 0.85 else self.rng.choice(OTHER_METHODS + ["GET", "POST"])
        cookie, token = self.cookies()
        if self.template == "/logout" and token is not None and self.rng.random() < 0.95:
            # A logout with the right token ends the shared session for every
            # thread until the keeper logs in again: mostly a token one off.
            token = flip(self.rng, token).decode("latin-1")
        host = b"127.0.0.1" if self.rng.random() < 0.95 else self.rng.choice(
            [b"", b"evil.example", b"a" * 3000, b"127.0.0.1:1", b"[::1"])
        headers = [b"Host: " + host]
        if self.rng.random() < 0.03:
            headers = []  # no Host at all
        if cookie is not None:
            headers.append(b"Cookie: " + cookie.encode("latin-1", "replace"))
        for name, values in ((b"Accept-Language", [b"hu", b"en-GB,en;q=0.9", b"*", b"q=;;", b"x" * 500, b"\xff"]),
                             (b"User-Agent", [b"Mozilla/5.0 (Windows NT 6.1) Firefox/52.0", b"", b"\xff" * 30,
                                              b"A" * 8000]),
                             (b"X-Forwarded-For", [b"1.2.3.4", b"junk", b"::1, 127.0.0.1"]),
                             (b"Origin", [b"http://127.0.0.1", b"null", b"https://evil.example"]),
                             (b"Referer", [b"http://127.0.0.1/login", b"\xff", b"https://evil.example/"]),
                             (b"Authorization", [b"Basic " + b"Zm9vOmJhcg==", b"Basic !!!", b"Bearer x.y.z",
                                                 b"Bearer " + b"A" * 5000, b"Basic", b"Digest x"]),
                             (b"If-Modified-Since", [b"Thu, 01 Jan 1970 00:00:00 GMT", b"garbage"]),
                             (b"Range", [b"bytes=0-1", b"bytes=-1", b"bytes=9-1,0-0"])):
            if self.rng.random() < 0.12:
                headers.append(name + b": " + self.rng.choice(values))
        if self.rng.random() < 0.02:
            headers.append(b"X-Big: " + b"z" * self.rng.choice([8000, 17000, 70000]))
        if self.rng.random() < 0.01:
            headers.append(self.rng.choice([b"No colon here", b": empty name", b"Bad Name: x", b"X:\x00"]))

        body, ctype = b"", None
        if method.upper() in ("POST", "PUT", "PATCH") or self.rng.random() < 0.05:
            r = self.rng.random()
            if r < 0.6:
                body, ctype = self.form(token), b"application/x-www-form-urlencoded"
                if self.rng.random() < 0.05:
                    ctype = self.rng.choice([b"application/x-www-form-urlencoded; charset=latin1",
                                             b"APPLICATION/X-WWW-FORM-URLENCODED", b"text/plain"])
            elif r < 0.85:
                body, ctype = self.multipart(token)
            elif r < 0.93:
                body, ctype = json.dumps({n: self.value().decode("latin-1") for n in
                                          self.rng.sample(self.fields, 3)}).encode(), b"application/json"
            elif r < 0.97:
                body, ctype = self.value(), self.rng.choice([b"", b"\xff/\xff", b"application/octet-stream"])
        if ctype is not None and self.rng.random() < 0.97:
            headers.append(b"Content-Type: " + ctype)
        if body or method.upper() == "POST":
            r = self.rng.random()
            if r < 0.05:
                # Chunked, sometimes with a broken chunk size.
                size = b"%x" % len(body) if self.rng.random() < 0.8 else self.rng.choice([b"zz", b"-1", b"ffffffffff"])
                body = size + b"\r\n" + body + b"\r\n0\r\n\r\n"
                headers.append(b"Transfer-Encoding: chunked")
            elif r < 0.08 and body:
                # Shorter than the body: the rest reads as a next request.
                headers.append(b"Content-Length: %d" % self.rng.randrange(len(body)))
            elif r < 0.09:
                headers.append(self.rng.choice([b"Content-Length: -1", b"Content-Length: abc",
                                                b"Content-Length: 1, 2", b"Content-Length: 99999999999999999999"]))
                body = b""
            else:
                headers.append(b"Content-Length: %d" % len(body))
        version = b"HTTP/1.1" if self.rng.random() < 0.95 else self.rng.choice(
            [b"HTTP/1.0", b"HTTP/2.0", b"HTTP/0.9", b"HTTP/1.1x", b""])
        headers.append(b"Connection: close")
        head = method.encode("latin-1", "replace") + b" " + path + b" " + version + b"\r\n"
        return method, path, head + b"\r\n".join(headers) + b"\r\n\r\n" + body


# ------------------------------------------------------------------ sending

def send(port, source, data):
    """The answer's status; 0 when the connection closed without one, -1 when
    nothing came within ANSWER_TIMEOUT."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.settimeout(ANSWER_TIMEOUT)
        s.bind((source, 0))
        s.connect(("127.0.0.1", port))
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused before the whole request was read: the answer may still be there
        got = b""
        while b"\r\n" not in got:
            try:
                chunk = s.recv(4096)
            except ConnectionResetError:
                break
            if not chunk:
                break
            got += chunk
        m = re.match(rb"HTTP/1\.[01] (\d{3})", got)
        return int(m.group(1)) if m else 0
    except socket.timeout:
        return -1
    finally:
        s.close()


def is_fault(status):
    return status >= 500 and status not in PROTOCOL_REFUSALS


class Run:
    def __init__(self, ctx, port, env, total, seed):
        self.ctx, self.port, self.env, self.total, self.seed = ctx, port, env, total, seed
        self.fields = field_names(ctx.root)
        self.next = 0
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.by_route = collections.Counter()
        self.server_errors = []
        self.unanswered = []
        self.closed = []
        self.sent = 0
        self.done = threading.Event()

    def take(self):
        with self.lock:
            if self.next >= self.total:
                return None
            self.next += 1
            return self.next

    def worker(self, index):
        rng = random.Random(self.seed * 1000 + index)
        gen = Generator(rng, self.env, self.fields)
        n = 0
        while self.take() is not None:
            method, path, data = gen.request()
            source = f"127.0.{30 + index}.{2 + n % 250}"
            n += 1
            status = send(self.port, source, data)
            with self.lock:
                self.sent += 1
                self.statuses[status] += 1
                self.by_route[path.split(b"?")[0].decode("utf-8", "replace")[:60]] += 1
                if is_fault(status):
                    self.server_errors.append({"status": status, "method": method[:20],
                                               "request": data[:600].decode("latin-1")}
                                              if len(self.server_errors) < 50 else {"status": status})
                if status == 0 and len(self.closed) < 10:
                    self.closed.append(data[:200].decode("latin-1"))
                if status == -1 and len(self.unanswered) < 20:
                    self.unanswered.append(data[:300].decode("latin-1"))

    def keeper(self):
        """Logs in again when the fuzzing ended the contact's or the clerk's
        session (a valid logout, a revocation), so those cookies keep opening
        the pages: checked every second, each dead session otherwise turns
        the requests after it into refusals of a stale cookie."""
        while not self.done.wait(1):
            for who, page in (("contact", "/home"), ("clerk", "/admin")):
                jar = self.env["session"].cookies if who == "contact" else self.env["clerk"]
                probe = Browser(self.port, "127.0.29.50")
                probe.cookies = dict(jar)
                if probe.request("GET", page)[0] == 200:
                    continue
                try:
                    if who == "contact":
                        self.env["session"], self.env["token"] = login(self.port, self.env["email"], PASSWORD)
                    else:
                        clerk, self.env["clerk_token"] = clerk_login(self.ctx, self.port)
                        self.env["clerk"] = clerk.cookies
                    self.env["relogins"] = self.env.get("relogins", 0) + 1
                except Exception as e:  # the journey afterwards tells whether the stack still serves
                    self.env["relogin_failures"] = self.env.get("relogin_failures", []) + [f"{who}: {e}"]

    def go(self):
        threads = [threading.Thread(target=self.worker, args=(i,)) for i in range(THREADS)]
        keeper = threading.Thread(target=self.keeper)
        keeper.start()
        started = time.monotonic()
        for t in threads:
            t.start()
        last = started
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            if time.monotonic() - last > 60:
                last = time.monotonic()
                self.ctx_log(f"   {self.sent} sent, {time.monotonic() - started:.0f} s")
        for t in threads:
            t.join()
        self.done.set()
        keeper.join()
        return time.monotonic() - started

    def ctx_log(self, message):
        print(time.strftime("%H:%M:%S"), message, flush=True)


# ------------------------------------------------------------------ the checks around it

DEATH = re.compile(r" (warn|error) process \d+ ")


def log_sizes(var):
    return {p: os.path.getsize(p) for p in glob.glob(os.path.join(var, "log", "*.log"))}


def supervisor_logs(var):
    """Each pool's log, var/log/<pool>.log (its supervisor's lines; contrib/ktk apps_start)."""
    return [os.path.join(var, "log", pool + ".log") for pool in supervisor_pools(var)]


def new_lines(var, sizes, paths, regex):
    found = []
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path, errors="replace") as f:
            f.seek(sizes.get(path, 0))
            found += [os.path.basename(path) + ": " + line.strip()[:300] for line in f if regex.search(line)]
    return found


def long_lived(var):
    names = ["nginx.pid", "worker.pid", "supervisor.pid"]
    out = {}
    for name in names:
        pid = pidfile(var, name[:-len(".pid")])
        alive = pid is not None and os.path.exists(f"/proc/{pid}")
        out[name] = pid if alive else None
    return out


def sanitizer_prefixes(root):
    """Where the sanitizers write their reports (log_path of ASAN_OPTIONS and
    UBSAN_OPTIONS), else where `contrib/ktk test --sanitize` sends them."""
    found = set()
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        for option in re.split(r"[:\s]", os.environ.get(var, "")):
            if option.startswith("log_path="):
                found.add(option[len("log_path="):])
    return sorted(found) or [os.path.join(root, "var", "asan")]


def sanitizer_reports(prefixes):
    return {p for prefix in prefixes for p in glob.glob(prefix + "*")}


def journey_check(ctx):
    """One register → confirm → login journey by the soak's driver afterwards."""
    driver = os.path.join(ctx.build, "bench", "ktk-bench-driver")
    out = subprocess.run([driver, "journey", ctx.env["HTTP_PORT"], "1", "1", captcha_answer(ctx),
                          os.path.join(ctx.var, "maildir")], capture_output=True, text=True, timeout=300).stdout
    r = json.loads(out)
    return r["ok"] == 1 and r["failed"] == 0 and r["mails_missing"] == 0 and r["errors"] == 0, r


def run(ctx):
    total = SHORT_REQUESTS if ctx.short else LONG_REQUESTS
    port = int(ctx.env["HTTP_PORT"])
    prefixes = sanitizer_prefixes(ctx.root)
    reports_before = sanitizer_reports(prefixes)
    env = setup(ctx, port)
    sizes = log_sizes(ctx.var)
    before = long_lived(ctx.var)
    seed = int(os.environ.get("KTK_FUZZ_SEED", time.time()))
    run_ = Run(ctx, port, env, total, seed)
    seconds = run_.go()
    time.sleep(2)  # a process that died at the end: its supervisor has logged it

    after = long_lived(ctx.var)
    deaths = new_lines(ctx.var, sizes, supervisor_logs(ctx.var), DEATH)
    incidents = new_lines(ctx.var, sizes, supervisor_logs(ctx.var), re.compile(r" error incident="))
    upstream = new_lines(ctx.var, sizes, [os.path.join(ctx.var, "log", "nginx-error.log")],
                         re.compile(r"upstream|fastcgi", re.I))
    replaced = [name for name, pid in before.items() if after.get(name) != pid]
    journey_ok, journey = journey_check(ctx)
    # Reports of processes that ended meanwhile (LeakSanitizer writes at exit).
    time.sleep(1)
    reports = sorted(sanitizer_reports(prefixes) - reports_before)

    server_errors = sum(n for status, n in run_.statuses.items() if is_fault(status))
    findings = server_errors + len(reports) + len(deaths) + len(replaced) + (0 if journey_ok else 1)
    unanswered = run_.statuses.get(-1, 0)
    answered = {str(k): v for k, v in sorted(run_.statuses.items())}
    ctx.figure("http_fuzz_requests", run_.sent, str(total), run_.sent == total and unanswered == 0,
               raw={"seconds": round(seconds, 1), "requests_per_s": round(run_.sent / seconds, 1),
                    "statuses": answered, "closed_without_answer": run_.statuses.get(0, 0),
                    "closed_samples": run_.closed,
                    "unanswered_within_30s": unanswered, "unanswered_samples": run_.unanswered,
                    "threads": THREADS, "seed": seed, "routes": len(ROUTES), "field_names": len(run_.fields),
                    "session_relogins": env.get("relogins", 0),
                    "relogin_failures": env.get("relogin_failures", [])[:5],
                    "requests_by_path_top": dict(run_.by_route.most_common(15))})
    details = []
    for report in reports[:10]:
        with open(report, errors="replace") as f:
            details.append({"file": report, "head": f.read(3000)})
    ctx.figure("http_fuzz_findings", findings, "0", findings == 0,
               raw={"server_errors": server_errors, "server_error_samples": run_.server_errors[:20],
                    "sanitizer_reports": len(reports), "sanitizer_report_heads": details,
                    "sanitizer_log_paths": prefixes,
                    "processes_died": deaths[:20], "long_lived_replaced": replaced,
                    "nginx_upstream_errors": upstream[:20],
                    "program_incidents": incidents[:20],
                    "journey_after": {"ok": journey_ok, "result": journey},
                    "build": ctx.build})
