"""The second factor through nginx (README, "Second factor"; SPEC §8):
enrolment on /profile/two-factor with real codes from oathtool, the login's
second step on /login/two-factor (a code, a recovery code), replay and
throttle, the pending step's expiry, turning it off, and clerks who must
enrol. Accounts come from ktk_accounts; these tests answer the second step
themselves (their accounts are not in AUTHENTICATORS)."""
import html
import re

from ktk_accounts import account, clerk
from ktk_test import Client, TestCase, fresh_code, mails, server_now, set_clock_offset, sql, totp_code, wait_until

INVALID_CODE = {
    "hu": "A kód nem helyes, vagy már felhasználták.",
    "en": "The code is not correct, or it has been used already.",
}
EXPIRED = {
    "hu": "A belépés második lépése lejárt",
    "en": "The second step of logging in has expired",
}
OFF_SUBJECT = {
    "hu": "Fiókjában kikapcsolták a kétlépcsős belépést",
    "en": "The second factor of your account was turned off",
}
QR_LABEL = {
    "hu": "QR-kód a hitelesítő alkalmazáshoz.",
    "en": "QR code for the authenticator app.",
}
STEP_COOKIE = "ktk_login_step"


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def without_token(text):
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="…"', text)


def login(client, a, lang=None):
    return client.submit("/login" + (f"?lang={lang}" if lang else ""),
                         {"email": a["email"], "password": a["password"]}, action="/login")


def secret_on(page):
    m = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.text)
    assert m, page
    return m.group(1)


def current_step():
    return int(server_now()) // 30


def failures(user_id):
    rows = sql("SELECT failures FROM login_throttle WHERE user_id = %s", user_id)
    return int(rows[0][0]) if rows else 0


def actions(user_id):
    return [r[0] for r in sql("SELECT action FROM audit_log WHERE target_user_id = %s ORDER BY id", user_id)]


class Enrolled:
    """A linked contact with a confirmed authenticator, enrolled through the pages."""

    def __init__(self, language="hu"):
        self.a = account("linked", language=language)
        c = Client()
        assert login(c, self.a).status == 303
        page = c.get("/profile/two-factor")
        self.secret = secret_on(page).replace(" ", "")
        self.step = current_step()
        form = page.form("/profile/two-factor")
        form["code"] = totp_code(self.secret, self.step)
        done = c.post("/profile/two-factor", form)
        self.recovery = re.findall(r'class="recovery-code">([^<]+)<', done.text)
        assert len(self.recovery) == 10, done
        self.entry = {"secret": self.secret, "last": self.step}

    def code(self, step):
        return totp_code(self.secret, step)

    def fresh(self):
        """A code the portal has not accepted yet (ktk_test.fresh_code)."""
        return fresh_code(self.entry)


def second_step(client, fields):
    """Posts the second step's form (read from its page) with `fields`."""
    page = client.get("/login/two-factor")
    form = page.form("/login/two-factor")
    form.update(fields)
    return client.post("/login/two-factor", form)


class ClockTestCase(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)


class EnrolmentTest(ClockTestCase):
    def enrol_in(self, lang):
        a = account("linked", language=lang)
        c = Client()
        self.assertEqual(login(c, a).status, 303)
        security = c.get("/profile/security")
        self.assertIn('href="/profile/two-factor"', security.text)
        self.assertIn('id="security-two-factor-state"', security.text)
        page = c.get("/profile/two-factor")
        self.assertEqual(page.status, 200)
        self.assertSecurityHeaders(page)
        grouped = secret_on(page)
        secret = grouped.replace(" ", "")
        self.assertEqual(len(secret), 32, "160 bits in base32")
        self.assertTrue(all(len(g) == 4 for g in grouped.split(" ")[:-1]), grouped)
        # The QR code is drawn here: inline SVG, an image with a name, no style attribute.
        svg = re.search(r"<svg[^>]*>.*?</svg>", page.text, re.S).group(0)
        self.assertIn('role="img"', svg)
        self.assertIn(QR_LABEL[lang], html.unescape(svg))
        self.assertNotIn("style=", svg)
        self.assertNotIn("http://chart", page.text)
        self.assertIn('autocomplete="one-time-code"', page.text)
        self.assertIn('inputmode="numeric"', page.text)
        # Stored sealed, not confirmed; a reload shows the same secret.
        sealed, confirmed = sql("SELECT secret_sealed, confirmed_at IS NOT NULL FROM user_totp WHERE user_id ="
                                " (SELECT id FROM users WHERE email = %s)", a["email"])[0]
        self.assertEqual(confirmed, "0")
        self.assertNotIn(secret, sealed)
        self.assertNotIn(secret.lower(), sealed.lower())
        self.assertEqual(secret_on(c.get("/profile/two-factor")), grouped)
        uid = sql("SELECT id FROM users WHERE email = %s", a["email"])[0][0]

        # A wrong code: the error, nothing changes.
        step = current_step()
        form = page.form("/profile/two-factor")
        form["code"] = totp_code(secret, step + 5)
        wrong = c.post("/profile/two-factor", form)
        self.assertEqual(wrong.status, 422)
        self.assertIn('id="code-error"', wrong.text)
        self.assertEqual(sql("SELECT confirmed_at IS NULL FROM user_totp WHERE user_id = %s", uid), [["1"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = %s", uid), [["0"]])

        # The right one: on, ten recovery codes shown once, stored hashed.
        form["code"] = totp_code(secret, step)
        done = c.post("/profile/two-factor", form)
        self.assertEqual(done.status, 200)
        self.assertEqual(done.header("Cache-Control"), "no-store")
        codes = re.findall(r'class="recovery-code">([^<]+)<', done.text)
        self.assertEqual(len(codes), 10)
        self.assertEqual(len(set(codes)), 10)
        row = sql("SELECT confirmed_at IS NOT NULL, last_step FROM user_totp WHERE user_id = %s", uid)[0]
        self.assertEqual(row[0], "1")
        self.assertGreaterEqual(int(row[1]), step, "the enrolment's code is used")
        hashes = [r[0] for r in sql("SELECT code_hash FROM user_recovery_codes WHERE user_id = %s", uid)]
        self.assertEqual(len(hashes), 10)
        for code in codes:
            self.assertNotIn(code.replace("-", ""), " ".join(hashes))
        # Afterwards: on, how many codes remain; not the codes again.
        again = c.get("/profile/two-factor")
        self.assertIn('id="two-factor-state"', again.text)
        self.assertIn("10", re.search(r'id="recovery-left">([^<]*)<', again.text).group(1))
        self.assertNotIn('class="recovery-code"', again.text)
        self.assertNotIn('id="totp-secret"', again.text)
        self.assertIn('name="disable"', again.text)
        self.assertIn("two_factor.enabled", actions(uid))
        self.assertIn("two_factor.enrolment_wrong_code", actions(uid))
        return a, secret, step

    def test_enrolment_in_hungarian(self):
        self.enrol_in("hu")

    def test_enrolment_in_english(self):
        self.enrol_in("en")

    def test_the_forms_are_csrf_bound(self):
        a = account("linked")
        c = Client()
        login(c, a)
        c.get("/profile/two-factor")
        self.assertEqual(c.post("/profile/two-factor", {"code": "123456"}).status, 403)
        self.assertEqual(c.post("/profile/two-factor", {"code": "123456", "csrf_token": "x" * 43}).status, 403)
        e = Enrolled()
        c2 = Client()
        self.assertEqual(login(c2, e.a).header("Location"), "/login/two-factor")
        self.assertEqual(c2.post("/login/two-factor", {"code": e.code(current_step())}).status, 403)


class SecondStepTest(ClockTestCase):
    def test_a_code_completes_the_login_once(self):
        e = Enrolled()
        c = Client()
        r = login(c, e.a)
        self.assertEqual((r.status, r.header("Location")), (303, "/login/two-factor"))
        self.assertFalse(any(v.startswith("ktk_session=") for v in r.all_headers("Set-Cookie")), "no session yet")
        step_cookie = next(v for v in r.all_headers("Set-Cookie") if v.startswith(STEP_COOKIE + "="))
        self.assertIn("HttpOnly", step_cookie)
        self.assertIn("SameSite=Lax", step_cookie)
        self.assertIn("Max-Age=300", step_cookie)
        # The value is stored only as a hash.
        value = c.cookies[STEP_COOKIE]
        self.assertEqual(sql("SELECT COUNT(*) FROM login_second_steps WHERE id_hash = %s", value), [["0"]])
        self.assertEqual(c.get("/home").status, 303, "not logged in yet")
        page = c.get("/login/two-factor")
        self.assertEqual(page.status, 200)
        self.assertIn('autocomplete="one-time-code"', page.text)
        self.assertIn('inputmode="numeric"', page.text)
        self.assertIn('name="recovery_code"', page.text)
        # The enrolment's own code is refused: it was used.
        refused = second_step(c, {"code": e.code(e.step)})
        self.assertEqual(refused.status, 200)
        self.assertIn(INVALID_CODE["hu"], alerts(refused))
        self.assertEqual(failures(self.uid(e)), 1)
        fresh = e.fresh()
        done = second_step(c, {"code": fresh})
        self.assertEqual((done.status, done.header("Location")), (303, "/home"))
        self.assertTrue(any(v.startswith("ktk_session=") for v in done.all_headers("Set-Cookie")))
        self.assertEqual(c.get("/home").status, 200)
        self.assertEqual(failures(self.uid(e)), 0, "a complete login clears the count")
        success = sql("SELECT after_value FROM audit_log WHERE action = 'login.success' AND target_user_id = %s"
                      " ORDER BY id DESC LIMIT 1", self.uid(e))[0][0]
        self.assertIn('"second_factor":"totp"', success)
        # The step is used up; the same code does not log in again (replay).
        self.assertEqual(c.get("/login/two-factor").status, 303)
        other = Client()
        login(other, e.a)
        again = second_step(other, {"code": fresh})
        self.assertIn(INVALID_CODE["hu"], alerts(again))
        self.assertEqual(other.get("/home").status, 303)

    def uid(self, e):
        return e.a["id"]

    def test_a_recovery_code_logs_in_once_and_says_how_many_remain(self):
        for lang, left in (("hu", "Még 9 fel nem használt"), ("en", "You have 9 unused recovery codes left")):
            e = Enrolled(language=lang)
            c = Client(lang=lang)
            login(c, e.a, lang=lang)
            code = e.recovery[0]
            done = second_step(c, {"recovery_code": code.upper().replace("-", " ")})
            self.assertEqual(done.status, 200)
            self.assertIn(left, html.unescape(done.text))
            self.assertIn('href="/home"', done.text)
            self.assertEqual(c.get("/home").status, 200)
            self.assertEqual(sql("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = %s AND used_at IS NULL",
                                 self.uid(e)), [["9"]])
            other = Client(lang=lang)
            login(other, e.a, lang=lang)
            refused = second_step(other, {"recovery_code": code})
            self.assertIn(INVALID_CODE[lang], alerts(refused))
            self.assertEqual(other.get("/home").status, 303)

    def test_wrong_codes_share_the_password_throttle_and_a_lock_gets_the_same_answer(self):
        e = Enrolled()
        uid = self.uid(e)
        c = Client()
        login(c, e.a)
        far = current_step() + 10
        reference = None
        for n in range(1, 4):
            reference = second_step(c, {"code": e.code(far + n)})
            self.assertEqual(failures(uid), n)
        second_step(c, {"recovery_code": "aaaa-bbbb-cccc"})
        self.assertEqual(failures(uid), 4)
        # A wrong password counts on the same counter.
        login(Client(), {"email": e.a["email"], "password": "Wrong-Password1"})
        self.assertEqual(failures(uid), 5)
        # A lock that starts after the password: the right code gets the wrong code's answer.
        sql("UPDATE login_throttle SET failures = 10, locked_until = UTC_TIMESTAMP() + INTERVAL 1 HOUR"
            " WHERE user_id = %s", uid)
        locked = second_step(c, {"code": e.fresh()})
        self.assertEqual(locked.status, reference.status)
        self.assertEqual(without_token(locked.text), without_token(reference.text))
        self.assertEqual(c.get("/home").status, 303)
        self.assertIn("login.refused_locked", actions(uid))

    def test_from_a_known_browser_wrong_codes_count_for_the_device_and_a_lock_does_not_hold_it_back(self):
        e = Enrolled()
        uid = self.uid(e)
        c = Client()
        login(c, e.a)
        second_step(c, {"code": e.fresh()})
        self.assertIn("ktk_device", c.cookies, "a device cookie after a complete login")
        c.post("/logout", c.get("/logout").form("/logout"))
        # Others locked the account; this browser is known.
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until)"
            " VALUES (%s, 10, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR)", uid)
        self.assertEqual(login(c, e.a).header("Location"), "/login/two-factor")
        wrong = second_step(c, {"code": e.code(current_step() + 10)})
        self.assertIn(INVALID_CODE["hu"], alerts(wrong))
        self.assertEqual(failures(uid), 10, "the account's count is left alone")
        self.assertEqual(sql("SELECT failures FROM login_devices WHERE user_id = %s", uid), [["1"]])
        done = second_step(c, {"code": e.fresh()})
        self.assertEqual(done.header("Location"), "/home")
        self.assertEqual(failures(uid), 10, "a lock that runs stays for everyone else")
        # A browser the portal does not know is held back by the lock at the password already.
        self.assertEqual(login(Client(), e.a).status, 200)

    def test_an_expired_used_or_missing_step_goes_back_to_the_login(self):
        e = Enrolled(language="en")
        c = Client(lang="en")
        login(c, e.a, lang="en")
        form = c.get("/login/two-factor").form("/login/two-factor")
        set_clock_offset(301)
        r = c.get("/login/two-factor")
        self.assertEqual((r.status, r.header("Location")), (303, "/login?second_step=expired"))
        form["code"] = e.code(current_step())
        self.assertEqual(c.post("/login/two-factor", form).header("Location"), "/login?second_step=expired")
        page = c.get("/login?second_step=expired")
        self.assertIn(EXPIRED["en"], alerts(page))
        set_clock_offset(0)
        # No step at all.
        fresh = Client()
        self.assertEqual(fresh.get("/login/two-factor").header("Location"), "/login?second_step=expired")
        self.assertIn(EXPIRED["hu"], alerts(fresh.get("/login?second_step=expired")))

    def test_a_password_change_voids_a_pending_step(self):
        e = Enrolled()
        c = Client()
        login(c, e.a)
        sql("UPDATE users SET password_hash = CONCAT(password_hash, 'x') WHERE email = %s", e.a["email"])
        r = second_step(c, {"code": e.code(current_step())})
        self.assertEqual(r.header("Location"), "/login?second_step=expired")


class DisableTest(ClockTestCase):
    def test_password_and_code_turn_it_off_and_the_owner_is_mailed(self):
        e = Enrolled(language="en")
        uid = e.a["id"]
        c = Client()
        login(c, e.a)
        second_step(c, {"code": e.fresh()})
        self.assertEqual(c.get("/home").status, 200)
        page = c.get("/profile/two-factor")
        form = page.form("/profile/two-factor")
        self.assertEqual(form.get("disable"), "1")
        now = current_step()
        wrong_password = c.post("/profile/two-factor", dict(form, password="Wrong-Password1", code=e.code(now)))
        self.assertEqual(wrong_password.status, 422)
        self.assertIn('id="password-error"', wrong_password.text)
        self.assertEqual(failures(uid), 1)
        wrong_code = c.post("/profile/two-factor", dict(form, password=e.a["password"], code=e.code(now + 9)))
        self.assertEqual(wrong_code.status, 422)
        self.assertIn('id="code-error"', wrong_code.text)
        self.assertEqual(failures(uid), 2)
        self.assertEqual(sql("SELECT COUNT(*) FROM user_totp WHERE user_id = %s", uid), [["1"]])
        done = c.post("/profile/two-factor", dict(form, password=e.a["password"], code=e.fresh()))
        self.assertEqual((done.status, done.header("Location")), (303, "/profile/security?two_factor=off"))
        self.assertEqual(sql("SELECT COUNT(*) FROM user_totp WHERE user_id = %s", uid), [["0"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = %s", uid), [["0"]])
        self.assertIn("two_factor.disabled", actions(uid))
        wait_until(lambda: [m for m in mails() if e.a["email"] in (m["To"] or "")
                            and m["Subject"] == OFF_SUBJECT["en"]], timeout=30, what="the notice")
        # The password alone logs in again.
        self.assertEqual(login(Client(), e.a).header("Location"), "/home")

    def test_a_clerk_cannot_turn_it_off(self):
        cl = clerk(enrol=False)
        c = Client()
        login(c, cl)
        page = c.get("/profile/two-factor")
        secret = secret_on(page).replace(" ", "")
        form = page.form("/profile/two-factor")
        entry = {"secret": secret, "last": current_step()}
        form["code"] = totp_code(secret, entry["last"])
        self.assertEqual(c.post("/profile/two-factor", form).status, 200)
        on = c.get("/profile/two-factor")
        self.assertNotIn('name="disable"', on.text)
        form = on.form()
        r = c.post("/profile/two-factor", dict(form, disable="1", password=cl["password"],
                                               code=fresh_code(entry)))
        self.assertEqual(r.status, 403)
        self.assertEqual(sql("SELECT COUNT(*) FROM user_totp WHERE user_id = %s AND confirmed_at IS NOT NULL",
                             cl["id"]), [["1"]])


class ClerkMustEnrolTest(ClockTestCase):
    def test_a_clerk_without_a_second_factor_reaches_only_the_enrolment(self):
        cl = clerk(enrol=False, language="en")
        c = Client()
        r = login(c, cl)
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/two-factor"))
        for path in ("/admin", "/admin/applications", "/admin/audit"):
            self.assertEqual(c.get(path).header("Location"), "/profile/two-factor", path)
        self.assertEqual(c.get("/").header("Location"), "/admin")
        page = c.get("/profile/two-factor")
        self.assertEqual(page.status, 200)
        self.assertIn("District office staff must use a second factor", html.unescape(page.text))
        secret = secret_on(page).replace(" ", "")
        form = page.form("/profile/two-factor")
        entry = {"secret": secret, "last": current_step()}
        form["code"] = totp_code(secret, entry["last"])
        done = c.post("/profile/two-factor", form)
        self.assertEqual(done.status, 200)
        self.assertIn('href="/admin"', done.text)
        self.assertEqual(c.get("/admin").status, 200)
        # From now on the clerk's login asks for the code.
        other = Client()
        self.assertEqual(login(other, cl).header("Location"), "/login/two-factor")
        ok = second_step(other, {"code": fresh_code(entry)})
        self.assertEqual(ok.header("Location"), "/admin")


class SingleSignOnTest(ClockTestCase):
    """The second step inside a sign-in to a sibling service, and clerks
    who have not enrolled (README, "Second factor")."""

    @classmethod
    def setUpClass(cls):
        from test_oidc_authorize import add_client
        cls.service = add_client("--name", "Virtuális Közfoglalkoztatási Piac", "--first-party")

    def test_a_waiting_sign_in_goes_on_after_the_code(self):
        from test_oidc_authorize import CALLBACK, authorize_path, log_in_through, query
        e = Enrolled()
        c = Client()
        r = c.get(authorize_path(self.service))
        r = log_in_through(c, r.header("Location"), e.a)
        self.assertTrue(r.header("Location").startswith("/login/two-factor?continue="), r.header("Location"))
        page = c.get(r.header("Location"))
        self.assertIn("form-action 'self' https://vkp.example.hu;", page.header("Content-Security-Policy"))
        form = page.form("/login/two-factor")
        self.assertTrue(form.get("continue"), "the step carries the waiting sign-in")
        form["code"] = e.fresh()
        done = c.post("/login/two-factor", form)
        self.assertTrue(done.header("Location").startswith("/oauth2/authorize?continue="), done.header("Location"))
        where, params = query(c.get(done.header("Location")).header("Location"))
        self.assertEqual(where, CALLBACK)
        self.assertIn("code", params)

    def test_a_clerk_without_a_second_factor_gets_no_code(self):
        from test_oidc_authorize import authorize_path, query
        cl = clerk(enrol=False)
        c = Client()
        login(c, cl)
        r = c.get(authorize_path(self.service))
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/two-factor"))
        r = c.get(authorize_path(self.service, prompt="none"))
        _, params = query(r.header("Location"))
        self.assertEqual(params.get("error"), "interaction_required")
