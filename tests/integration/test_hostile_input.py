"""Every form field of every route, and the e-mail arguments of ktk-admin,
given hostile values through nginx: non-ASCII, NUL, CR/LF, 10 kB, invalid
UTF-8, right-to-left marks, and the field twice in one body (the hostile
value first, the normal one second: the value the portal reads is the
first, everywhere). Each request carries a valid CSRF token (except where
the token itself is the field under attack), so the handler really runs.

Asserted for every request: no 5xx, no SQL, exception or incident text,
and nothing written: users, offices, municipalities, links, throttles,
sessions and the mail queue are as they were, and the audit log gained
only anonymous failed-login rows. An address the portal refuses gets the
route's normal answer: the wrong-password page on /login, the same
answer as any address on forgot and resend, a field error in the clerks'
area and on registration. A 10 kB value over a route's body cap gets 413
before the handler runs, over nginx's URL limit 414: refusals too.
Requests come from their own client address and are paced under the test
stack's POST limit (50/s)."""
import hashlib
import html
import os
import re
import secrets
import time
import urllib.parse

from ktk_accounts import account, municipality, run_admin, unique_email
from ktk_test import Client, TestCase, set_clock_offset, sql

SOURCE = "127.0.0.9"  # its own client address: nginx's POST limit of other tests is theirs
PAUSE = 0.03          # below 50 POSTs a second

# Each kind of hostile value made from a field's normal value (bytes go
# into the body as they are), so that a field's other checks would pass.
HOSTILE = (
    ("non-ASCII", lambda v: "sé@example.org"),
    ("NUL", lambda v: v[:2] + "\x00" + v[2:]),
    ("CR/LF", lambda v: v + "\r\nBcc: all@example.org"),
    ("10 kB", lambda v: v + "a" * 10240),
    ("invalid UTF-8", lambda v: v.encode() + b"\xc3\x28\xff"),
    ("right-to-left", lambda v: "\u202e" + v + "\u200f"),
)
REPEATED = "sé@example.org"  # the first of the two values of a repeated field; the normal one follows

# What a failure inside the portal would leak into a page.
LEAKS = re.compile(r"Illegal mix|collation|SQLSTATE|MariaDB|mysql|Connector|syntax to use|Traceback|"
                   r"std::|what\(\)|exception|Hibaazonosító|Incident", re.I)

ANSWER = os.environ.get("KTK_CAPTCHA_TEST_ANSWER", "")
INVALID_LOGIN = "Hibás felhasználónév vagy jelszó."


def tables():
    """What a hostile request must not change: every table but the
    captchas (each form shown issues one) and the audit log (checked
    apart). Sessions only by their ids (a page view renews last_seen_at)."""
    out = {}
    for table in ("users", "district_offices", "municipalities", "login_throttle", "mail_throttle",
                  "password_resets", "email_confirmations", "schema_migrations"):
        out[table] = sql(f"CHECKSUM TABLE {table}")[0][1]
        assert out[table] != "NULL", table
    out["sessions"] = sql("SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT(id_hash, user_id, created_at))), 0)"
                          " FROM sessions")[0]
    out["mail_queue"] = sql("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM mail_queue")[0]
    return out


def encode(pairs):
    """A urlencoded body or query from (name, value) pairs; bytes values raw."""
    return "&".join(urllib.parse.quote_plus(k) + "=" + urllib.parse.quote_plus(v) for k, v in pairs)


class HostileInputTest(TestCase):
    @classmethod
    def setUpClass(cls):
        set_clock_offset(0)
        cls.contact = account("linked")
        cls.unlinked = account("unlinked")
        cls.clerk_account = account("clerk")
        # The clerk's office and a municipality in it; the contact linked there.
        office_id = cls.clerk_account["office_id"]
        cls.municipality_id, cls.tax = municipality(office_id)
        sql("UPDATE users SET municipality_id = %s WHERE id = %s", cls.municipality_id, cls.contact["id"])
        cls.clients = {"anon": Client(source=SOURCE)}
        for who, a in (("contact", cls.contact), ("clerk", cls.clerk_account)):
            c = Client(source=SOURCE)
            r = c.submit("/login", {"email": a["email"], "password": a["password"]})
            assert r.status == 303, (who, r)
            cls.clients[who] = c
        # A live reset link of the contact, made the way the portal stores one.
        cls.reset_token = secrets.token_urlsafe(32)
        sql("INSERT INTO password_resets (user_id, token_hash, created_at, expires_at)"
            " VALUES (%s, %s, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR)",
            cls.contact["id"], hashlib.sha256(cls.reset_token.encode()).hexdigest())

    def setUp(self):
        self.before = tables()
        self.audit_from = int(sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0])

    def tearDown(self):
        self.assertEqual(tables(), self.before, "a hostile request changed the database")
        rows = sql("SELECT action, target_user_id FROM audit_log WHERE id > %s", self.audit_from)
        self.assertEqual([r for r in rows if r != ["login.failure", "NULL"]], [],
                         "audit rows other than anonymous failed logins")

    def check(self, r, what):
        self.assertLess(r.status, 500, f"{what}: {r.status} {r.text[:300]}")
        self.assertIsNone(LEAKS.search(r.text), f"{what}: leaks {LEAKS.search(r.text)}")
        location = r.header("Location")
        if location is not None:
            self.assertRegex(location, r"^/(?![/\\])[\x21-\x7e]*$", f"{what}: Location {location!r}")

    # --- the forms -----------------------------------------------------

    def forms(self):
        """(who, the page holding the form, the POST path, its normal values, an expectation for a refused
        e-mail address or None). Every field of the form is attacked, the CSRF token too."""
        c, u = self.contact, self.unlinked
        strong = "Tavaszi8Szel-Uj"
        return (
            ("anon", "/login", "/login", {"email": unique_email("nobody"), "password": "Rossz-Jelszo1"}, "login"),
            ("anon", "/register", "/register",
             {"last_name": "Kovács", "first_name": "Anna", "email": unique_email("reg"), "language": "hu",
              "phone": "06 30 123 4567", "password": "Tavaszi8Szel", "password_confirm": "Tavaszi8Szel",
              "captcha": ANSWER, "new_captcha": ""}, "field"),
            ("anon", "/confirm/resend", "/confirm/resend", {"email": unique_email("resend")}, "sent"),
            ("anon", "/password/forgot", "/password/forgot", {"email": unique_email("forgot")}, "sent"),
            ("anon", "/confirm?token=" + "x" * 43, "/confirm", {"token": secrets.token_urlsafe(32)}, None),
            ("anon", "/password/reset?token=" + self.reset_token, "/password/reset",
             {"token": self.reset_token, "password": strong, "password_confirm": strong + "x"}, None),
            ("anon", "/login", "/language", {"lang": "hu", "return": "/login"}, None),
            ("contact", "/home", "/language", {"lang": c["language"], "return": "/home"}, None),
            ("contact", "/home", "/session/keepalive", {}, None),
            ("anon", "/register", "/captcha/new", {}, None),
            ("contact", "/profile", "/profile",
             {"last_name": c["last"], "first_name": c["first"], "phone": "+36301234567", "language": "hu"}, None),
            ("contact", "/profile/security", "/profile/security",
             {"current_password": c["password"], "password": strong, "password_confirm": strong + "x"}, None),
            # The account's own address: refused before the password is checked (or counted).
            ("contact", "/profile/email", "/profile/email", {"new_email": c["email"], "current_password": "Rossz-1a"},
             None),
            # An unknown link's page has no form: the login page's token serves.
            ("anon", "/login", "/profile/email/confirm",
             {"token": secrets.token_urlsafe(32)}, None),
            ("anon", "/login", "/profile/email/cancel",
             {"token": secrets.token_urlsafe(32)}, None),
            ("clerk", "/admin/email?email=" + c["email"], "/admin/email", {"email": c["email"], "new_email": ""},
             "field"),
            ("clerk", "/admin/link", "/admin/link",
             {"email": u["email"], "tax_number": self.tax, "municipality_name": ""}, "field"),
            ("clerk", "/admin/unlink?email=" + c["email"], "/admin/unlink", {"email": c["email"]}, "field"),
            ("clerk", "/admin/disable?email=" + c["email"], "/admin/disable", {"email": c["email"]}, "field"),
            ("clerk", "/admin/enable?email=" + c["email"], "/admin/enable", {"email": c["email"]}, "field"),
            ("clerk", "/admin/reset-two-factor?email=" + c["email"], "/admin/reset-two-factor", {"email": c["email"]},
             "field"),
            ("contact", "/home", "/logout", {}, None),
        )

    def post(self, client, path, pairs):
        time.sleep(PAUSE)
        return client.request("POST", path, body=encode(pairs).encode(),
                              content_type="application/x-www-form-urlencoded")

    def page_form(self, client, page, path):
        """The form posting to `path` on `page` (else the user bar's logout form, else the page's form):
        a fresh CSRF token and, on /register, a fresh captcha."""
        r = client.get(page)
        form = r.form(path) or r.form("/logout") or r.form()
        assert "csrf_token" in form, (page, path, r)
        return form

    def expect_for_refused_address(self, r, kind, what):
        if kind == "login":
            self.assertEqual(r.status, 200, what)
            self.assertIn(INVALID_LOGIN, r.text, what)
        elif kind == "sent":
            self.assertEqual(r.status, 303, what)
            self.assertTrue(r.header("Location").endswith("/sent"), what)
        elif kind == "field":
            self.assertIn(r.status, (404, 422), what)
            self.assertIn('class="alert', r.text, what)

    def test_every_form_field_refuses_hostile_values_without_a_5xx_or_a_write(self):
        for who, page, path, normal, refused in self.forms():
            before = tables()
            client = self.clients[who]
            for field in list(normal) + ["csrf_token"]:
                attempts = [(name, make) for name, make in HOSTILE] + [("repeated", None)]
                for name, make in attempts:
                    form = self.page_form(client, page, path)
                    values = dict(form, **normal) if path in ("/login", "/register", "/profile", "/profile/security",
                                                              "/password/reset", "/password/forgot",
                                                              "/confirm/resend", "/admin/link") else \
                        dict(normal, csrf_token=form["csrf_token"])
                    pairs = [(k, v) for k, v in values.items() if k != field]
                    if make is None:
                        pairs += [(field, REPEATED), (field, values.get(field, ""))]
                    else:
                        pairs.append((field, make(values.get(field, ""))))
                    what = f"{who} POST {path} {field} {name}"
                    with self.subTest(what):
                        r = self.post(client, path, pairs)
                        self.check(r, what)
                        if r.status == 413 and name == "10 kB":
                            continue  # the route's body cap answered before the handler
                        if field == "email" and refused:
                            self.expect_for_refused_address(r, refused, what)
                        if field == "csrf_token":
                            self.assertEqual(r.status, 403, what)
            self.assertEqual(tables(), before, f"{who} POST {path} changed the database")

    # --- query parameters and paths ------------------------------------

    def test_every_query_parameter_refuses_hostile_values_without_a_5xx_or_a_write(self):
        email = self.contact["email"]
        gets = (
            ("anon", "/login", {"lang": "en"}),
            ("anon", "/confirm", {"token": secrets.token_urlsafe(32)}),
            ("anon", "/password/reset", {"token": self.reset_token}),
            ("anon", "/captcha", {"id": secrets.token_urlsafe(16)}),
            ("anon", "/captcha/audio", {"id": secrets.token_urlsafe(16), "lang": "en"}),
            ("contact", "/home", {"lang": "en"}),
            ("clerk", "/admin", {"q": "Kovács", "done": "linked"}),
            ("clerk", "/admin/audit", {"user": email, "municipality": self.tax}),
            ("clerk", "/admin/link", {"email": self.unlinked["email"]}),
            ("clerk", "/admin/unlink", {"email": email}),
            ("clerk", "/admin/disable", {"email": email}),
            ("clerk", "/admin/enable", {"email": email}),
            ("clerk", "/admin/reset-two-factor", {"email": email}),
        )
        for who, path, normal in gets:
            for field in normal:
                for name, make in HOSTILE + (("repeated", None),):
                    pairs = [(k, v) for k, v in normal.items() if k != field]
                    pairs += [(field, REPEATED), (field, normal[field])] if make is None else [(field, make(normal[field]))]
                    what = f"{who} GET {path} {field} {name}"
                    with self.subTest(what):
                        r = self.clients[who].get(path + "?" + encode(pairs))
                        self.check(r, what)
                        if field in ("email", "user") and path != "/admin/link" and r.status != 414:
                            self.assertIn(r.status, (404, 422), what)

    def test_a_hostile_path_never_reaches_the_language_switch_as_a_way_off_the_site(self):
        for path in ("/%09/evil.example", "/%5Cevil.example", "/%0d%0aSet-Cookie:x=1", "/%C3%A9",
                     "/%E9%80%AE", "/%E2%80%AE/x", "/admin%09"):
            for who in ("anon", "contact"):
                with self.subTest(f"{who} {path}"):
                    r = self.clients[who].get(path)
                    self.check(r, path)
                    targets = re.findall(r'name="return" value="([^"]*)"', r.text)
                    targets += re.findall(r'href="([^"]*[?&]lang=[^"]*)"', r.text)
                    self.assertTrue(targets, f"{who} {path}: no language switch")
                    for target in targets:
                        self.assertRegex(html.unescape(target), r"^/(?![/\\])[\x21-\x7e]*$", f"{path}: {target!r}")

    def test_language_return_takes_only_a_local_path(self):
        client = Client(source=SOURCE)
        for target in ("/\t/evil.example", "/\n/evil.example", "/\r\nSet-Cookie: x=1", "//evil.example",
                       "/\\evil.example", "\\\\evil.example", "/%09/evil.example", "/%2F/evil.example",
                       "/%5Cevil.example", "/%2e%2e%5cevil", "https://evil.example/", "javascript:alert(1)",
                       "/\x00/evil", "/\x7f/evil", "/\u0085/evil", "/%C2%85/evil", "/\u2028/evil", "/\u202e/evil",
                       "/%zz", " /home", ""):
            with self.subTest(repr(target)):
                form = self.page_form(client, "/login", "/language")
                r = self.post(client, "/language", [("lang", "en"), ("return", target), ("csrf_token", form["csrf_token"])])
                self.assertEqual(r.status, 303)
                self.assertEqual(r.header("Location"), "/", repr(target))
        form = self.page_form(client, "/login", "/language")
        r = self.post(client, "/language", [("lang", "en"), ("return", "/password/forgot?x=%C3%A9&y=1"),
                                             ("csrf_token", form["csrf_token"])])
        self.assertEqual(r.header("Location"), "/password/forgot?x=%C3%A9&y=1")

    # --- ktk-admin -----------------------------------------------------

    def test_ktk_admin_refuses_hostile_addresses_as_invalid_input(self):
        for name, make in HOSTILE:
            value = make(unique_email("cli"))
            if isinstance(value, bytes) or "\x00" in value:
                continue  # not expressible as a command-line argument
            for args in (("user", "show", value), ("link", "--email", value, "--tax-number", self.tax),
                         ("unlink", "--email", value), ("clerk", "disable", "--email", value),
                         ("user", "set-password", "--email", value), ("user", "reset-2fa", "--email", value),
                         ("mail", "test", "--to", value)):
                with self.subTest(f"{args[0]} {args[1]} {name}"):
                    r = run_admin(*args, stdin="Tavaszi8Szel-Uj\n")
                    self.assertEqual(r.returncode, 65, f"{args[:2]} {name}: {r.returncode} {r.stderr}")
                    self.assertIsNone(LEAKS.search(r.stderr), r.stderr)
