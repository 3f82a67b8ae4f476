"""Login, sessions, throttling, logout and /home through nginx (issue:
login). Accounts come from ktk_accounts (rows written directly, passwords
hashed by ktk-admin); time moves through the clock offset file."""
import hashlib
import html
import os
import re
import socket
import subprocess
import threading
import time

from ktk_accounts import account, set_password, unique_email
from ktk_test import VAR, Client, TestCase, pool_pids, set_clock_offset, sql, wait_until

INVALID = {
    "hu": "Hibás felhasználónév vagy jelszó.",
    "en": "Wrong username or password.",
}


def login(client, email, password, lang=None):
    """Fills in the login form as a browser would and submits it."""
    return client.submit("/login" + (f"?lang={lang}" if lang else ""), {"email": email, "password": password})


def without_token(text):
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="…"', text)


def alerts(r):
    """The visible text of the page's alert boxes."""
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def session_cookie(r):
    return next((v for v in r.all_headers("Set-Cookie") if v.startswith("ktk_session=")), None)


class ClockTestCase(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)


class LoginOutcomeTest(ClockTestCase):
    def test_linked_contact_gets_a_session_and_home_in_hungarian(self):
        a = account("linked", language="hu")
        c = Client()
        r = login(c, a["email"], a["password"])
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/home")
        self.assertIsNotNone(session_cookie(r))
        home = c.get("/home")
        self.assertEqual(home.status, 200)
        self.assertSecurityHeaders(home)
        self.assertIn('<html lang="hu">', home.text)
        self.assertIn("Kovács Anna", home.text)  # Hungarian order: last name first
        self.assertIn(a["municipality"], home.text)
        self.assertIn(a["tax_number"], home.text)
        self.assertIn("Adószám", home.text)
        self.assertIn('href="/profile"', home.text)
        self.assertIn('href="/profile/security"', home.text)
        self.assertIn("csrf_token", home.form("/logout"))
        self.assertIn("Kilépés", home.text)

    def test_home_is_in_the_users_stored_language(self):
        a = account("linked", language="en", last="Nagy", first="Péter")
        c = Client(lang="hu-HU,hu;q=0.9")  # the browser prefers Hungarian; the account says English
        self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        home = c.get("/home")
        self.assertIn('<html lang="en">', home.text)
        self.assertIn("Péter Nagy", home.text)  # English order
        self.assertIn("Tax number", home.text)
        self.assertIn("Log out", home.text)
        # ?lang= still wins for the page it is on.
        self.assertIn("Nagy Péter", c.get("/home?lang=hu").text)

    def test_clerk_goes_to_the_admin_area(self):
        a = account("clerk")
        c = Client()
        r = login(c, a["email"], a["password"])
        self.assertEqual((r.status, r.header("Location")), (303, "/admin"))
        self.assertIsNotNone(session_cookie(r))
        self.assertEqual(c.get("/").header("Location"), "/admin")

    def test_each_refused_state_is_told_only_after_a_correct_password_in_both_languages(self):
        texts = {
            "pending": {"hu": "még nem erősítette meg", "en": "not confirmed your e-mail address"},
            "unlinked": {"hu": "forduljon a járási hivatalához", "en": "contact your district office"},
            "disabled": {"hu": "le van tiltva", "en": "has been disabled"},
        }
        for state, by_lang in texts.items():
            a = account(state)
            for lang, text in by_lang.items():
                with self.subTest(state=state, lang=lang):
                    c = Client()
                    wrong = login(c, a["email"], a["password"] + "x", lang)
                    self.assertIn(INVALID[lang], alerts(wrong))
                    self.assertNotIn(text, wrong.text)
                    r = login(c, a["email"], a["password"], lang)
                    self.assertEqual(r.status, 200)
                    self.assertIn(f'<html lang="{lang}">', r.text)
                    self.assertIn(text, alerts(r))
                    self.assertNotIn(INVALID[lang], r.text)
                    self.assertIsNone(session_cookie(r), "no session for a refused state")
                    self.assertEqual(c.get("/home").header("Location"), "/login")
        pending = account("pending")
        self.assertIn('href="/confirm/resend"', login(Client(), pending["email"], pending["password"]).text)

    def test_unlinked_message_names_the_tax_number_link(self):
        a = account("unlinked")
        r = login(Client(), a["email"], a["password"], "hu")
        self.assertIn("önkormányzat adószámával", alerts(r))

    def test_email_is_trimmed_and_matched_without_case(self):
        a = account("linked")
        r = login(Client(), "  " + a["email"].upper() + " ", a["password"])
        self.assertEqual((r.status, r.header("Location")), (303, "/home"))

    def test_password_is_case_sensitive(self):
        a = account("linked")
        for lang in ("hu", "en"):
            r = login(Client(), a["email"], a["password"].swapcase(), lang)
            self.assertEqual(r.status, 200)
            self.assertIn(INVALID[lang], alerts(r))
            self.assertIsNone(session_cookie(r))

    def test_missing_fields_get_field_errors_in_both_languages(self):
        for lang, email_text, password_text in (("hu", "Adja meg a felhasználónevét", "Adja meg a jelszavát"),
                                                ("en", "Enter your username", "Enter your password")):
            r = login(Client(), " ", "", lang)
            self.assertEqual(r.status, 422)
            self.assertIn(email_text, r.text)
            self.assertIn(password_text, r.text)
            self.assertIn('aria-invalid="true"', r.text)
            r = login(Client(), "valaki@example.hu", "", lang)
            self.assertIn('value="valaki@example.hu"', r.text)
            self.assertNotIn(email_text, r.text)

    def test_login_form_autocomplete_and_caps_lock_warning(self):
        r = Client().get("/login")
        self.assertRegex(r.text, r'<input id="email" name="email" type="email" autocomplete="username"')
        self.assertRegex(r.text, r'<input id="password" name="password" type="password" autocomplete="current-password"')
        self.assertIn('id="password-capslock" hidden', r.text)
        self.assertRegex(r.text, r'<script src="/static/ktk\.js\?v=[0-9a-f]{12}" defer>')
        self.assertIn("getModifierState('CapsLock')", Client().get("/static/ktk.js").text)

    def test_rehash_when_the_stored_hash_has_older_parameters(self):
        a = account("linked")
        # A hash made elsewhere (the reference argon2 tool) with weaker parameters.
        old = subprocess.run(["argon2", os.urandom(8).hex(), "-id", "-m", "12", "-t", "1", "-p", "1", "-e"],
                             input=a["password"], capture_output=True, text=True, check=True).stdout.strip()
        self.assertTrue(old.startswith("$argon2id$v=19$m=4096,t=1,p=1$"), old)
        sql("UPDATE users SET password_hash = %s WHERE id = %s", old, a["id"])
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 303)
        stored = sql("SELECT password_hash FROM users WHERE id = %s", a["id"])[0][0]
        self.assertNotEqual(stored, old)
        self.assertTrue(stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$"), stored)
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 303)
        self.assertEqual(sql("SELECT password_hash FROM users WHERE id = %s", a["id"])[0][0], stored,
                         "a current hash is left alone")
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password.rehash' AND target_user_id = %s",
                             a["id"])[0][0], "1")


class EnumerationTest(ClockTestCase):
    def test_unknown_email_and_wrong_password_give_the_same_bytes_apart_from_the_token(self):
        a = account("linked")
        for lang in ("hu", "en"):
            unknown = login(Client(), unique_email("nobody"), a["password"], lang)
            wrong = login(Client(), a["email"], "Wrong-Password1", lang)
            self.assertEqual(unknown.status, wrong.status)
            self.assertEqual(unknown.status, 200)
            self.assertIn(INVALID[lang], alerts(wrong))
            self.assertEqual(without_token(unknown.text), without_token(wrong.text))
            self.assertEqual(unknown.all_headers("Set-Cookie"), wrong.all_headers("Set-Cookie"))
            self.assertNotEqual(unknown.form()["csrf_token"], wrong.form()["csrf_token"])

    def test_locked_account_gets_the_same_answer_as_a_wrong_password(self):
        a = account("linked")
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until)"
            " VALUES (%s, 10, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 10 MINUTE)", a["id"])
        locked = login(Client(), a["email"], a["password"])  # the correct password
        wrong = login(Client(), unique_email("nobody"), a["password"])
        self.assertEqual(locked.status, wrong.status)
        self.assertEqual(without_token(locked.text), without_token(wrong.text))
        self.assertIsNone(session_cookie(locked))


class SessionTest(ClockTestCase):
    def logged_in(self, state="linked", **kw):
        a = account(state, **kw)
        c = Client()
        r = login(c, a["email"], a["password"])
        self.assertEqual(r.status, 303)
        return a, c, r

    def test_cookie_flags_and_only_the_hash_is_stored(self):
        a, c, r = self.logged_in()
        cookie = session_cookie(r)
        value = cookie.split(";")[0].split("=", 1)[1]
        self.assertRegex(value, r"^[A-Za-z0-9_-]{43}$")  # 256 bits
        attrs = [p.strip() for p in cookie.split(";")[1:]]
        self.assertIn("Path=/", attrs)
        self.assertIn("HttpOnly", attrs)
        self.assertIn("SameSite=Lax", attrs)
        self.assertNotIn("Secure", attrs)  # plain HTTP on this stack (TLS: unit test_session)
        self.assertFalse(any(p.startswith(("Max-Age", "Expires")) for p in attrs), "ends with the browser")
        stored = sql("SELECT id_hash FROM sessions WHERE user_id = %s", a["id"])
        self.assertEqual(stored, [[hashlib.sha256(value.encode()).hexdigest()]])
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE id_hash = %s", value), [["0"]])

    def test_a_cookie_planted_before_login_is_dead_after_it(self):
        a = account("linked")
        c = Client()
        planted = "A" * 43
        c.cookies["ktk_session"] = planted
        page = c.get("/login")
        pre_before = c.cookies["ktk_pre"]
        r = c.post("/login", {"csrf_token": page.form()["csrf_token"], "email": a["email"], "password": a["password"]})
        self.assertEqual(r.status, 303)
        self.assertNotEqual(c.cookies["ktk_session"], planted)
        self.assertNotEqual(c.cookies["ktk_pre"], pre_before, "the pre-session cookie is replaced at login")
        attacker = Client()
        attacker.cookies["ktk_session"] = planted
        self.assertEqual(attacker.get("/home").status, 303)
        self.assertEqual(c.get("/home").status, 200)

    def test_logging_in_again_issues_a_new_id_and_ends_the_old_session(self):
        a, c, r = self.logged_in()
        first = c.cookies["ktk_session"]
        self.assertEqual(c.get("/login").header("Location"), "/home")  # already logged in
        token = c.get("/home").form("/logout")["csrf_token"]
        r = c.post("/login", {"csrf_token": token, "email": a["email"], "password": a["password"]})
        self.assertEqual(r.status, 303)
        self.assertNotEqual(c.cookies["ktk_session"], first)
        old = Client()
        old.cookies["ktk_session"] = first
        self.assertEqual(old.get("/home").header("Location"), "/login?expired=1")
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", a["id"]), [["1"]])

    def test_logged_in_forms_need_a_token_bound_to_the_session(self):
        a = account("linked")
        c = Client()
        before = c.get("/login").form()["csrf_token"]  # bound to the pre-session cookie
        self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        self.assertEqual(c.post("/logout", {"csrf_token": before}).status, 403)
        self.assertEqual(c.post("/logout", {}).status, 403)
        self.assertEqual(c.get("/home").status, 200, "a refused logout leaves the session alone")

    def test_logout_ends_the_session_server_side_and_a_replay_is_refused(self):
        a, c, r = self.logged_in()
        cookie = c.cookies["ktk_session"]
        home = c.get("/home")
        token = home.form("/logout")["csrf_token"]
        out = c.post("/logout", {"csrf_token": token})
        self.assertEqual((out.status, out.header("Location")), (303, "/login?logged_out=1"))
        expired = next(v for v in out.all_headers("Set-Cookie") if v.startswith("ktk_session="))
        self.assertIn("Max-Age=0", expired)
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", a["id"]), [["0"]])
        self.assertIn("Sikeresen kilépett", c.get("/login?logged_out=1").text)
        # The old cookie, replayed: anonymous everywhere.
        replay = Client()
        replay.cookies["ktk_session"] = cookie
        self.assertEqual(replay.get("/home").header("Location"), "/login?expired=1")
        replay.cookies["ktk_session"] = cookie
        replay.cookies["ktk_pre"] = c.cookies.get("ktk_pre", "")
        # Refused: the token was bound to the ended session; the loop tells the
        # browser the session is over instead of acting.
        refused = replay.post("/logout", {"csrf_token": token})
        self.assertEqual((refused.status, refused.header("Location")), (303, "/login?expired=1"))
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'logout' AND target_user_id = %s",
                             a["id"]), [["1"]])

    def test_logout_page_asks_before_logging_out(self):
        a, c, r = self.logged_in()
        page = c.get("/logout?lang=en")
        self.assertEqual(page.status, 200)
        self.assertIn("csrf_token", page.form("/logout"))
        self.assertEqual(c.get("/home").status, 200, "a GET logs nobody out")
        self.assertEqual(Client().get("/logout").header("Location"), "/login")

    def test_root_and_home_send_anonymous_visitors_to_login(self):
        self.assertEqual(Client().get("/home").header("Location"), "/login")
        self.assertEqual(Client().get("/").header("Location"), "/login")
        a, c, r = self.logged_in()
        self.assertEqual(c.get("/").header("Location"), "/home")

    def test_idle_timeout_of_30_minutes(self):
        a, c, r = self.logged_in()
        set_clock_offset(29 * 60)
        self.assertEqual(c.get("/home").status, 200)
        set_clock_offset(58 * 60)  # 29 minutes after the last request
        self.assertEqual(c.get("/home").status, 200)
        set_clock_offset(58 * 60 + 30 * 60 + 5)
        r = c.get("/home")
        self.assertEqual((r.status, r.header("Location")), (303, "/login?expired=1"))
        self.assertIn("Max-Age=0", session_cookie(r) or "")
        self.assertIn("A munkamenete lejárt", c.get("/login?expired=1").text)
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", a["id"]), [["0"]])

    def test_absolute_timeout_of_12_hours_despite_activity(self):
        a, c, r = self.logged_in()
        for minutes in range(25, 12 * 60, 25):
            set_clock_offset(minutes * 60)
            self.assertEqual(c.get("/home").status, 200, f"after {minutes} minutes")
        set_clock_offset(12 * 3600 + 60)
        self.assertEqual(c.get("/home").header("Location"), "/login?expired=1")

    def test_setting_a_new_password_ends_every_session_of_the_account(self):
        a, c, r = self.logged_in()
        other = Client()
        self.assertEqual(login(other, a["email"], a["password"]).status, 303)
        set_password(a["email"], "Masik-Jelszo-99")
        self.assertEqual(c.get("/home").header("Location"), "/login?expired=1")
        self.assertEqual(other.get("/home").header("Location"), "/login?expired=1")
        row = sql("SELECT actor_label, after_value FROM audit_log WHERE action = 'password.set'"
                  " AND target_user_id = %s ORDER BY id DESC LIMIT 1", a["id"])[0]
        self.assertTrue(row[0].startswith("cli:"), row)
        self.assertIn('"sessions_ended":2', row[1])

    def test_disabling_an_account_ends_its_sessions(self):
        a, c, r = self.logged_in()
        sql("UPDATE users SET disabled_at = UTC_TIMESTAMP() WHERE id = %s", a["id"])
        self.assertEqual(c.get("/home").status, 303)


class ThrottleTest(ClockTestCase):
    def attempt(self, email, password, at):
        set_clock_offset(at)
        return login(Client(), email, password)

    def failures(self, user_id):
        rows = sql("SELECT failures FROM login_throttle WHERE user_id = %s", user_id)
        return int(rows[0][0]) if rows else 0

    def test_lock_sequence_refuses_even_the_right_password_with_the_same_message(self):
        a = account("linked")
        wrong = "Wrong-Password1"
        t = 0
        for _ in range(4):
            self.assertIn(INVALID["hu"], alerts(self.attempt(a["email"], wrong, t)))
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 303, "4 failures: no delay yet")
        self.assertEqual(self.failures(a["id"]), 0, "a success starts the count again")
        for _ in range(4):
            self.attempt(a["email"], wrong, t)
        reference = self.attempt(a["email"], wrong, t)  # failure 5: a delay begins
        refused = self.attempt(a["email"], a["password"], t)
        self.assertEqual(refused.status, 200)
        self.assertEqual(without_token(refused.text), without_token(reference.text))
        self.assertEqual(self.failures(a["id"]), 5, "an attempt refused unchecked is not counted")
        # The delays grow: 2, 4, 8, 16, 32 seconds after failures 5–9. (The
        # offset adds to the real clock, which moves on a little between
        # requests: checks keep two seconds clear of each end.)
        for failures, delay in ((5, 2), (6, 4), (7, 8), (8, 16)):
            self.assertIn(INVALID["hu"], alerts(self.attempt(a["email"], a["password"], t + delay - 2)))
            t += delay
            self.attempt(a["email"], wrong, t)
            self.assertEqual(self.failures(a["id"]), failures + 1)
        t += 32
        self.attempt(a["email"], wrong, t)  # failure 10: locked for 60 s
        self.assertEqual(self.failures(a["id"]), 10)
        for later in (0, 30, 58):
            r = self.attempt(a["email"], a["password"], t + later)
            self.assertEqual(without_token(r.text), without_token(reference.text))
            self.assertIsNone(session_cookie(r))
        # Failure 11 after the lock: 120 s.
        t += 60
        self.attempt(a["email"], wrong, t)
        self.assertEqual(self.failures(a["id"]), 11)
        self.assertIn(INVALID["hu"], alerts(self.attempt(a["email"], a["password"], t + 118)))
        r = self.attempt(a["email"], a["password"], t + 120)
        self.assertEqual((r.status, r.header("Location")), (303, "/home"))
        self.assertEqual(self.failures(a["id"]), 0)
        actions = [row[0] for row in sql("SELECT action FROM audit_log WHERE target_user_id = %s ORDER BY id", a["id"])]
        self.assertEqual(actions.count("login.locked"), 2)
        self.assertEqual(actions.count("login.failure"), 4 + 11)
        self.assertEqual(actions.count("login.refused_locked"), 9)
        self.assertEqual(actions.count("login.success"), 2)

    def test_the_count_starts_again_after_12_hours_without_failures(self):
        a = account("linked")
        t = 0
        for _ in range(9):
            self.attempt(a["email"], "Wrong-Password1", t)
            t += 40
        self.assertEqual(self.failures(a["id"]), 9)
        t += 12 * 3600
        self.attempt(a["email"], "Wrong-Password1", t)
        self.assertEqual(self.failures(a["id"]), 1, "nine old failures forgotten, not ten counted")
        self.assertEqual(self.attempt(a["email"], a["password"], t).status, 303, "no lock, no delay")

    def test_case_variants_of_the_address_share_one_counter(self):
        a = account("linked")
        local, domain = a["email"].split("@")
        variants = [a["email"].upper(), " " + a["email"], local.capitalize() + "@" + domain.upper(),
                    a["email"] + "  ", a["email"].swapcase()]
        for v in variants:
            self.attempt(v, "Wrong-Password1", 0)
        self.assertEqual(self.failures(a["id"]), 5)
        r = self.attempt(a["email"], a["password"], 0)
        self.assertIn(INVALID["hu"], alerts(r), "the delay holds for every spelling")

    def test_failures_against_an_unknown_address_do_not_block_its_registration(self):
        email = unique_email("later")
        throttle_rows = sql("SELECT COUNT(*) FROM login_throttle")[0][0]
        for _ in range(12):
            self.attempt(email.upper(), "Wrong-Password1", 0)
        self.assertEqual(sql("SELECT COUNT(*) FROM login_throttle")[0][0], throttle_rows)
        self.assertEqual(sql("SELECT COUNT(*) FROM users WHERE email_key = %s", email), [["0"]])
        a = account("linked", email=email)  # the address registers afterwards
        self.assertEqual(self.attempt(email, a["password"], 0).status, 303)

    def test_a_password_reset_works_while_locked(self):
        a = account("linked")
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until)"
            " VALUES (%s, 12, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 MINUTE)", a["id"])
        self.assertIn(INVALID["hu"], alerts(login(Client(), a["email"], a["password"])))
        set_password(a["email"], "Uj-Jelszo-2026")
        self.assertEqual(login(Client(), a["email"], "Uj-Jelszo-2026").status, 303)

    def test_audit_records_time_account_and_address_and_no_password_anywhere(self):
        a = account("linked")
        secret_wrong = "Nem-Ez-A-Jelszo-77"
        login(Client(), a["email"], secret_wrong)
        login(Client(), a["email"], a["password"])
        nobody = unique_email("nobody")
        login(Client(), nobody, secret_wrong)
        rows = sql("SELECT action, actor_label, client_address, created_at, after_value FROM audit_log"
                   " WHERE target_user_id = %s ORDER BY id", a["id"])
        self.assertEqual([r[0] for r in rows][-2:], ["login.failure", "login.success"])
        failure, success = rows[-2], rows[-1]
        self.assertEqual(failure[1:3], ["anonymous", "127.0.0.1"])
        self.assertEqual(success[1:3], [f"user:{a['id']}", "127.0.0.1"])
        self.assertRegex(success[3], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
        unknown = sql("SELECT client_address, after_value FROM audit_log WHERE action = 'login.failure'"
                      " AND after_value LIKE %s", f"%{nobody}%")
        self.assertEqual(len(unknown), 1)
        self.assertEqual(unknown[0][0], "127.0.0.1")
        everything = "\n".join("\t".join(r) for r in sql("SELECT * FROM audit_log"))
        for secret in (secret_wrong, a["password"]):
            self.assertNotIn(secret, everything)
            for name in os.listdir(os.path.join(VAR, "log")):
                with open(os.path.join(VAR, "log", name), "rb") as f:
                    self.assertNotIn(secret.encode(), f.read(), name)

    def test_the_audit_log_refuses_changes(self):
        account("linked")
        for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
            r = subprocess.run(["mariadb", f"--defaults-file={VAR}/mariadb.cnf", "-uroot", "ktk", "-e", statement],
                               capture_output=True, text=True)
            self.assertNotEqual(r.returncode, 0, statement)
            self.assertIn("append-only", r.stderr)


class RateLimitTest(TestCase):
    def test_nginx_answers_429_with_a_bilingual_page_past_the_post_burst(self):
        flood = Client(source="127.0.0.2")  # its own client address: other tests keep theirs
        statuses = []
        for _ in range(400):
            r = flood.post("/login", {"email": "a@b.hu", "password": "x"})  # no token: 403 without hashing
            statuses.append(r.status)
            if r.status == 429:
                break
        self.assertEqual(statuses[-1], 429, f"no 429 after {len(statuses)} POSTs")
        self.assertEqual(set(statuses[:-1]), {403})
        self.assertIn("Túl sok kérés", r.text)
        self.assertIn("Too many requests", r.text)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        self.assertSecurityHeaders(r)
        # Per client address: another address and GETs are not limited.
        self.assertEqual(Client().post("/login", {"email": "a@b.hu"}).status, 403)
        self.assertEqual(flood.get("/login").status, 200)

    def test_nginx_answers_429_past_a_burst_of_captcha_pictures(self):
        """Each picture is drawn by a program of its own, so GETs of /captcha
        are limited per address as well."""
        flood = Client(source="127.0.0.5")
        statuses = []
        for _ in range(400):
            r = flood.get("/captcha?id=0")  # an unknown id: nothing is drawn
            statuses.append(r.status)
            if r.status == 429:
                break
        self.assertEqual(statuses[-1], 429, f"no 429 after {len(statuses)} GETs")
        self.assertNotIn(429, statuses[:-1])
        self.assertIn("Túl sok kérés", r.text)
        # Per client address, and only /captcha: pages and other addresses go on.
        self.assertEqual(flood.get("/login").status, 200)
        self.assertNotEqual(Client().get("/captcha?id=0").status, 429)


class LoginPoolTest(TestCase):
    def test_login_posts_have_their_own_pool_so_other_pages_keep_working(self):
        hashers = pool_pids("login-post")
        self.assertTrue(len(hashers) <= os.cpu_count())  # none at idle
        self.assertTrue(set(hashers).isdisjoint(pool_pids("login")))
        a = account("linked")
        c = Client()
        token = c.get("/login").form()["csrf_token"]
        # Every hashing process busy, the pool grown to its size (one per
        # CPU), the worst case of a flood: each holds a request that never
        # completes …
        held = []
        for n in range(os.cpu_count()):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(os.path.join(VAR, "run", "login-post.sock"))
            held.append(s)
            wait_until(lambda: len(pool_pids("login-post")) > n, what=f"{n + 1} hashing processes")
        time.sleep(0.3)
        self.assertEqual(len(pool_pids("login-post")), os.cpu_count(), "the pool stops at its size")
        for pid in pool_pids("login-post"):  # below page rendering on the CPU
            self.assertEqual(os.getpriority(os.PRIO_PROCESS, pid), 10, f"the priority of hashing process {pid}")
        result = {}
        try:
            t = threading.Thread(target=lambda: result.setdefault(
                "r", c.post("/login", {"csrf_token": token, "email": a["email"], "password": a["password"]})))
            t.start()
            t.join(1.5)
            self.assertTrue(t.is_alive(), "POST /login must wait for the hashing pool")
            # … and every other page still answers.
            for path in ("/login", "/", "/home", "/healthz"):
                self.assertIn(Client().get(path).status, (200, 303), path)
        finally:
            for s in held:
                s.close()
        t.join(30)
        self.assertEqual(result["r"].status, 303)
