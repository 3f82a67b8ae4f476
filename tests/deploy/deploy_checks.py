"""What the deploy tests share: clients for the TLS front ends, accounts in
the deploy database, and the checks a browser's view of a page must pass
behind any production web server."""
import base64
import http.client
import random
import re
import ssl
import subprocess
import time
import uuid

import deploy_stack
from ktk_accounts import enrol_second_factor
from ktk_test import Client, TestCase, wait_until

PASSWORD = "Titkos-Jelszo42"
HSTS = "max-age=31536000; includeSubDomains"


def stack():
    return deploy_stack.current()


def tls_context(**versions):
    """Trusts only the test certificate; `minimum_version` / `maximum_version`
    pin the protocol."""
    ctx = ssl.create_default_context(cafile=stack().ca)
    for k, v in versions.items():
        setattr(ctx, k, v)
    return ctx


def client(server, lang=None, source=None):
    """A browser talking HTTPS to `server` ("nginx" or "apache")."""
    return Client(lang=lang, source=source, url=stack().url(server), tls=tls_context())


def unique_email(prefix="deploy"):
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.hu"


def tax_number():
    base = [random.randint(0, 9) for _ in range(7)]
    s = sum(d * w for d, w in zip(base, (9, 7, 3, 1, 9, 7, 3)))
    base.append((10 - s % 10) % 10)
    return "".join(map(str, base)) + "-1-13"


def linked_account(last="Kovács", first="Anna", language="hu"):
    """A confirmed contact linked to a municipality, in the deploy database;
    the password set by the installed ktk-admin."""
    s = stack()
    email = unique_email()
    office = s.sql("INSERT INTO district_offices (name, county_code, created_at)"
                   " VALUES (%s, '13', '2026-01-05 08:00:00'); SELECT LAST_INSERT_ID()",
                   f"Gödöllői Járási Hivatal {uuid.uuid4().hex[:6]}")[0][0]
    tax = tax_number()
    municipality = s.sql("INSERT INTO municipalities (name, tax_number, office_id, created_at)"
                         " VALUES ('Veresegyház Város Önkormányzata', %s, %s, '2026-01-05 08:00:00');"
                         " SELECT LAST_INSERT_ID()", tax, office)[0][0]
    s.sql("INSERT INTO users (email, email_key, password_hash, last_name, first_name, phone, language, role,"
          " municipality_id, created_at, confirmed_at, linked_at) VALUES (%s, %s, '!', %s, %s, '+36301234567', %s,"
          " 'contact', %s, '2026-01-06 08:00:00', '2026-01-06 09:00:00', '2026-01-07 10:00:00')",
          email, email, last, first, language, municipality)
    s.admin("user", "set-password", "--email", email, stdin=PASSWORD + "\n")
    return {"email": email, "password": PASSWORD, "tax_number": tax, "name": f"{last} {first}"}


def first_clerk():
    """A district office and its clerk, made with the installed ktk-admin as
    contrib/OPERATIONS.md ("The first clerk") says."""
    s = stack()
    office = s.admin("office", "add", f"Gödöllői Járási Hivatal {uuid.uuid4().hex[:6]}", "--county", "Pest")
    email = unique_email("clerk")
    s.admin("clerk", "add", "--office", office.stdout.strip(), "--email", email, "--last-name", "Minta",
            "--first-name", "Mária", stdin=PASSWORD + "\n")
    return {"email": email, "password": PASSWORD}


def login(c, email, password):
    return c.submit("/login", {"email": email, "password": password})


class DeployTestCase(TestCase):
    def assertCurlSeesTheLoginPage(self, server):
        """What an operator types: curl against the TLS port, trusting only
        the site's certificate."""
        r = subprocess.run(["curl", "-sS", "--fail", "--cacert", stack().ca, "--tlsv1.2", "-D", "-",
                            "-o", "/dev/null", stack().url(server) + "/login"],
                           capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        headers = [line.strip() for line in r.stdout.splitlines()]
        self.assertRegex(headers[0], r"^HTTP/\S+ 200")
        self.assertIn(f"strict-transport-security: {HSTS}".lower(), [h.lower() for h in headers])
        cookies = [h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("set-cookie:")]
        self.assertTrue(cookies)
        for cookie in cookies:
            self.assertTrue(cookie.startswith("__Host-"), cookie)
            self.assertIn("; Secure", cookie)

    def assertPostsGoToTheirOwnPools(self, server, hosts):
        """Every "POST /path" pool of pools.list: with it stopped, a POST to
        the path gets the server's 503 page while a GET of the same page
        still works; started again, the POST is answered by the program."""
        s = stack()
        routed = [(e[0], e[4].split()[1]) for e in s.pools.entries if e[4].startswith("POST ")]
        self.assertTrue(routed)
        for pool, _ in routed:
            for host in hosts:
                s.stop(f"{host}-{pool}")
        try:
            for pool, path in routed:
                c = client(server)
                self.assertEqual(c.get(path).status, 200, path)
                r = c.submit(path, {})
                self.assertEqual(r.status, 503, path)
                self.assertIn("átmenetileg nem érhető el", r.text)
                self.assertServerPage(r, "no-store")
        finally:
            for pool, _ in routed:
                for host in hosts:
                    (s.start_pool_a if host == "a" else s.start_pool_b)(pool)
            for pool, _ in routed:
                for host in hosts:
                    s.wait_pool(host, pool)
        # nginx rests a server that failed for its fail_timeout (10 s) when
        # the upstream has another; Apache tries again at once.
        def answered(path):
            r = client(server).submit(path, {})
            return r.status in (200, 422) and 'name="csrf_token"' in r.text  # the form again, with errors

        for pool, path in routed:
            wait_until(lambda: answered(path), timeout=20, interval=0.5, what=f"POST {path} answered by {pool} again")

    def assertAuthorizationReachesTheTokenSide(self, server):
        """The Authorization header reaches ktk-oidc (nginx: fastcgi_params;
        Apache: CGIPassAuth): a Basic credential is answered as one (its
        challenge comes only after Basic was tried), a bearer token too
        (without one the answer names no error)."""
        c = client(server)
        basic = "Basic " + base64.b64encode(b"no-such-client:secret").decode()
        r = c.post("/oauth2/token", {"grant_type": "authorization_code", "code": "x", "redirect_uri": "https://x/"},
                   headers={"Authorization": basic})
        self.assertEqual((r.status, r.header("WWW-Authenticate")), (401, 'Basic realm="ktk"'))
        self.assertEqual(r.header("Cache-Control"), "no-store")
        r = c.get("/oauth2/userinfo", headers={"Authorization": "Bearer " + "A" * 43})
        self.assertEqual((r.status, r.header("WWW-Authenticate")), (401, 'Bearer error="invalid_token"'))

    def assertClerksAreaOnlyFromTheClerksNetwork(self, server):
        """A clerk logged in from an allowed address gets the clerks' area;
        the same session from another address gets the web server's 403."""
        clerk = first_clerk()
        # Five POSTs in a row from this address follow, under the shipped
        # limits (2 a second, a burst of 10) that the tests before may have
        # used up, some of them polling until a pool answers again.
        time.sleep(5)
        # A clerk enrols a second factor before the clerks' area opens (README, "Second factor").
        enrol_second_factor(clerk["email"], clerk["password"], make_client=lambda: client(server))
        inside = client(server)
        r = login(inside, clerk["email"], clerk["password"])
        self.assertEqual(r.header("Location"), "/admin", f"the login answered {r.status}: {r.text[:300]}")
        page = inside.get("/admin")
        self.assertEqual(page.status, 200)
        self.assertIn("Regisztrációk keresése", page.text)
        outside = client(server, source="127.0.0.2")
        outside.cookies = dict(inside.cookies)
        for path in ("/admin", "/admin/", "/admin/link?email=x"):
            r = outside.get(path)
            self.assertEqual(r.status, 403, path)
            self.assertIn("Ez az oldal innen nem érhető el", r.text)  # the server's page, not the program's
            self.assertServerPage(r, "no-store")

    def assertTlsPage(self, r, no_store=True):
        """Security headers of the programs, HSTS, and cookies that only
        travel over TLS to this host."""
        self.assertSecurityHeaders(r, no_store=no_store)
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        self.assertEqual(r.all_headers("Strict-Transport-Security"), [HSTS])
        for cookie in r.all_headers("Set-Cookie"):
            attrs = [a.strip() for a in cookie.split(";")]
            # Every cookie that guards something (session, CSRF) is pinned to
            # this host; only the language preference has a plain name.
            if not attrs[0].startswith("ktk_lang="):
                self.assertTrue(attrs[0].startswith("__Host-"), cookie)
            self.assertIn("Secure", attrs, cookie)
            self.assertIn("HttpOnly", attrs, cookie)
            # The device cookie is only ever sent by the site's own login form.
            same_site = "SameSite=Strict" if attrs[0].startswith("__Host-ktk_device=") else "SameSite=Lax"
            self.assertIn(same_site, attrs, cookie)
            self.assertIn("Path=/", attrs, cookie)
            self.assertFalse(any(a.lower().startswith("domain=") for a in attrs), cookie)

    def assertServerPage(self, r, cache_control):
        """A response the web server made itself (static file, error page)."""
        self.assertSecurityHeaders(r, no_store=False)
        self.assertEqual(r.header("X-Frame-Options"), "DENY")
        self.assertEqual(r.all_headers("Strict-Transport-Security"), [HSTS])
        self.assertEqual(r.all_headers("Cache-Control"), [cache_control])

    def assertPageAssetsAndSpokenCaptcha(self, server):
        """The stylesheet and script a page links (?v=<content hash>) are
        served by the web server and may be kept for a year; the spoken
        captcha reaches the captcha program and is never stored."""
        c = client(server)
        page = c.get("/register")
        self.assertEqual(page.status, 200)
        assets = re.findall(r'(?:href|src)="(/static/ktk\.(?:css|js)\?v=[0-9a-f]+)"', page.text)
        self.assertEqual(len(assets), 2, page.text[:600])
        for url in assets:
            r = c.get(url)
            self.assertEqual(r.status, 200, url)
            self.assertServerPage(r, "public, max-age=31536000, immutable")
        audio = re.search(r'<a id="captcha-audio" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
        r = c.get(audio)
        self.assertEqual((r.status, r.header("Content-Type")), (200, "audio/wav"), audio)
        self.assertEqual(r.raw[:4], b"RIFF")
        self.assertIn("no-store", r.header("Cache-Control"))
        self.assertTlsPage(r)

    def assertStaticFilesAndOwnPagesCarryTheHeaders(self, server):
        """Files and error pages the web server serves itself carry the
        programs' headers, HSTS and their own caching."""
        c = client(server)
        css = c.get("/static/ktk.css")
        self.assertEqual(css.status, 200)
        self.assertServerPage(css, "public, max-age=3600")
        self.assertEqual(c.get("/favicon.ico").status, 200)
        big = c.request("POST", "/register", body=b"x" * (70 * 1024),
                        content_type="application/x-www-form-urlencoded")
        self.assertEqual(big.status, 413)
        self.assertIn("Túl sok adat", big.text)
        self.assertServerPage(big, "no-store")

    def assertAttachmentUploadsHaveTheirOwnBodyCap(self, server):
        """Only an attachment upload may bring a body over 64 kB, up to
        11 MB: a file of 10 MB + 1 byte reaches the program (a field error),
        12 MB gets the server's 413 page, and an exact 10 MB is stored."""
        a = linked_account()
        c = client(server)
        self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        new = c.get("/applications/new")
        r = c.post("/applications/new", [("csrf_token", new.form()["csrf_token"]), ("title", "Parkgondozás")])
        self.assertEqual(r.status, 303)
        path = r.header("Location").split("?")[0]
        token = c.get(path).form(path + "/attachments")["csrf_token"]

        def upload(size):
            data = b"%PDF-1.4\n" + b"0" * (size - 16) + b"\n%%EOF\n"
            return c.post_multipart(path + "/attachments", [("csrf_token", token)],
                                    [("file", "terv.pdf", data, "application/pdf")])
        r = upload(10 * 1024 * 1024 + 1)
        self.assertEqual(r.status, 422)
        self.assertIn("Egy fájl legfeljebb 10 MB lehet.", r.text)
        r = upload(12 * 1024 * 1024)
        self.assertEqual(r.status, 413)
        self.assertIn("Túl sok adat", r.text)
        self.assertEqual(upload(10 * 1024 * 1024).status, 303)
        self.assertEqual(len(c.get(path + "/attachments/1").raw), 10 * 1024 * 1024)

    def assertHttpRedirectsToHttps(self, server):
        """Plain http answers only with a redirect to the configured name."""
        conn = http.client.HTTPConnection("127.0.0.1", stack().ports[f"{server}_http"], timeout=10)
        try:
            conn.request("GET", "/login?lang=en")
            r = conn.getresponse()
            self.assertEqual(r.status, 301)
            self.assertEqual(r.getheader("Location"), "https://ktk.example.hu/login?lang=en")
        finally:
            conn.close()
