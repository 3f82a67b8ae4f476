"""The foundation through nginx: the login page, languages, the request
loop's guards, and recovery when the database or a program goes away."""
import os
import re
import signal
import threading
import time

from ktk_test import Client, TestCase, oldest, pool_pids, stack, wait_until


class LoginPageTest(TestCase):
    def test_login_page_has_the_fields_csrf_and_security_headers(self):
        r = Client().get("/login")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        self.assertSecurityHeaders(r)
        form = r.form("/login")
        self.assertIn("email", form)
        self.assertIn("password", form)
        self.assertRegex(form["csrf_token"], r"^[A-Za-z0-9_-]{30,}$")
        self.assertRegex(r.text, r'<input id="password" name="password" type="password"')
        self.assertIn('href="/register"', r.text)
        cookie = next(v for v in r.all_headers("Set-Cookie") if v.startswith("ktk_pre="))
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertNotIn("Secure", cookie)  # plain HTTP here

    def test_hungarian_is_the_default(self):
        r = Client().get("/login")
        self.assertIn('<html lang="hu">', r.text)
        for text in ("Felhasználónév", "Jelszó", "Belépés", "Regisztráció"):
            self.assertIn(text, r.text)

    def test_english_with_lang_query(self):
        c = Client()
        r = c.get("/login?lang=en")
        self.assertIn('<html lang="en">', r.text)
        for text in ("Username", "Password", "Log in", "Register"):
            self.assertIn(text, r.text)
        self.assertNotIn("Felhasználónév", r.text)
        # The choice sticks through the language cookie.
        self.assertIn('<html lang="en">', c.get("/login").text)
        self.assertIn('<html lang="hu">', c.get("/login?lang=hu").text)

    def test_accept_language_picks_english(self):
        r = Client(lang="en-GB,en;q=0.9").get("/login")
        self.assertIn('<html lang="en">', r.text)

    def test_language_switch_links_to_the_same_page(self):
        r = Client().get("/login")
        self.assertIn('href="/login?lang=en"', r.text)

    def test_head_gives_headers_without_body(self):
        r = Client().request("HEAD", "/login")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.raw, b"")

    def test_root_redirects_to_login(self):
        r = Client().get("/")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/login")

    def test_unknown_path_gets_translated_404(self):
        r = Client().get("/no/such/page?lang=en")
        self.assertEqual(r.status, 404)
        self.assertIn("Page not found", r.text)
        self.assertSecurityHeaders(r)

    def test_server_version_is_not_announced(self):
        r = Client().get("/login")
        self.assertEqual(r.header("Server"), "nginx")

    def test_static_files_are_cached_and_carry_security_headers(self):
        r = Client().get("/static/ktk.css")
        self.assertEqual(r.status, 200)
        self.assertIn("max-age=3600", r.header("Cache-Control"))
        self.assertSecurityHeaders(r, no_store=False)

    def test_healthz_says_ok(self):
        r = Client().get("/healthz")
        self.assertEqual((r.status, r.text), (200, "ok\n"))


class GuardTest(TestCase):
    def test_put_gets_405(self):
        r = Client().request("PUT", "/login", body=b"x=1", content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 405)
        self.assertEqual(r.header("Allow"), "GET, HEAD, POST")
        self.assertSecurityHeaders(r)
        self.assertEqual(Client().request("PUT", "/home").header("Allow"), "GET, HEAD")

    def test_delete_and_options_get_405(self):
        for method in ("DELETE", "OPTIONS", "PATCH"):
            self.assertEqual(Client().request(method, "/login").status, 405, method)

    def test_body_over_the_program_cap_gets_413(self):
        c = Client()
        c.get("/login")
        r = c.request("POST", "/login", body=b"a=" + b"x" * 40000,
                      content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 413)

    def test_body_over_the_nginx_cap_gets_413(self):
        r = Client().request("POST", "/login", body=b"a=" + b"x" * 200000,
                             content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 413)
        self.assertIn("Túl sok adat", r.text)
        self.assertSecurityHeaders(r)

    def test_post_without_csrf_token_gets_403(self):
        c = Client()
        c.get("/login")
        r = c.post("/login", {"email": "a@b.hu", "password": "x"})
        self.assertEqual(r.status, 403)

    def test_post_to_a_form_without_csrf_token_gets_403(self):
        c = Client()
        c.get("/login")
        r = c.post("/healthz", {"x": "1"})
        self.assertEqual(r.status, 405)


class RecoveryTest(TestCase):
    def test_database_down_gives_translated_503_then_recovers_without_restart(self):
        self.assertEqual(Client().get("/login").status, 200)  # an idle pool has no process: one starts
        # Its oldest process now, while every process counted is alive: a
        # second one that an earlier test's load started may go meanwhile.
        kept = oldest(pool_pids("login"))
        # A request a second keeps the process in use, so the pool does not
        # let it go while the database restarts.
        done = threading.Event()
        keeper = threading.Thread(target=lambda: [Client().get("/login") for _ in iter(lambda: done.wait(1), True)])
        keeper.start()
        self.addCleanup(keeper.join)
        self.addCleanup(done.set)
        stack("db-stop")
        try:
            hu = Client().get("/healthz")
            self.assertEqual(hu.status, 503)
            self.assertIn("átmenetileg nem érhető el", hu.text)
            self.assertIn('class="incident"', hu.text)
            self.assertNotIn("2002", hu.text)
            self.assertNotIn("mysqld.sock", hu.text)
            en = Client().get("/healthz?lang=en")
            self.assertEqual(en.status, 503)
            self.assertIn("temporarily unavailable", en.text)
            self.assertSecurityHeaders(en)
            self.assertEqual(Client().get("/login").status, 200)  # pages without the database still work
        finally:
            stack("db-start")
        wait_until(lambda: Client().get("/healthz").status == 200, what="healthz after restart")
        for _ in range(10):
            self.assertEqual(Client().get("/healthz").status, 200)
        # The pool may have grown and shrunk meanwhile; the process it keeps at idle is the same.
        self.assertIn(kept, pool_pids("login"), "the programs were restarted")

    def test_killed_fastcgi_process_comes_back(self):
        self.assertEqual(Client().get("/login").status, 200)
        before = pool_pids("login")
        self.assertTrue(before)
        os.kill(before[0], signal.SIGKILL)
        # Gone first: until the kernel has ended it, the killed process can
        # still take one queued connection from the pool's socket (a task
        # woken by SIGKILL inside accept() takes what is queued before it
        # dies), and nginx answers that request with the 503 page. That
        # request is lost as a crash loses it; what is tested here is what
        # comes after.
        def ended():
            try:
                with open(f"/proc/{before[0]}/stat") as f:
                    return f.read().rsplit(")", 1)[1].split()[0] == "Z"  # dead, not yet reaped
            except FileNotFoundError:
                return True
        wait_until(ended, what="the killed process to end")
        for _ in range(20):
            self.assertEqual(Client().get("/login").status, 200)
        after = wait_until(lambda: (lambda p: p if before[0] not in p and set(p) - set(before) else None)(
            pool_pids("login")), what="the supervisor to replace the process")
        self.assertNotIn(before[0], after)
        self.assertEqual(Client().get("/login").status, 200)

    def test_program_down_gives_our_503_page_not_a_raw_502(self):
        stack("apps-stop")
        try:
            r = Client().get("/login")
            self.assertEqual(r.status, 503)
            self.assertIn("átmenetileg nem érhető el", r.text)
            self.assertIn("temporarily unavailable", r.text)
            self.assertNotIn("502", r.text)
            self.assertSecurityHeaders(r)
        finally:
            stack("apps-start")
        self.assertEqual(Client().get("/login").status, 200)
