"""The Security tab's "Where you are logged in" through nginx: each
session of the person with its browser, address and times, this one
marked; logging out one of them and everywhere else, each a POST bound to
the form token; someone else's session refused without a word about it."""
import html
import re

from ktk_accounts import account
from ktk_test import Client, TestCase, set_clock_offset, sql

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/18.1 Mobile/15E148 Safari/604.1")
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                  "Mobile Safari/537.36")


def browser(a, agent, source=None):
    c = Client(source=source)
    r = c.submit("/login", {"email": a["email"], "password": a["password"]}, headers={"User-Agent": agent})
    assert r.status == 303, r
    return c


def sessions(r):
    """The rows of the list: (reference, this device?, cell texts)."""
    table = re.search(r'<table class="sessions" id="sessions">(.*?)</table>', r.text, re.S).group(1)
    out = []
    for attrs, body in re.findall(r'<tr class="session" ([^>]*)>(.*?)</tr>', table, re.S):
        ref = re.search(r'data-session="([0-9a-f]+)"', attrs).group(1)
        cells = [html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<span class="visually-hidden">.*?</span>', "", c,
                                                              flags=re.S))).split()
                 for c in re.findall(r"<td>(.*?)</td>", body, re.S)]
        out.append((ref, 'data-this-device="1"' in attrs, [" ".join(c) for c in cells]))
    return out


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def token(c):
    return c.get("/profile/sessions").form("/profile/sessions/notice")["csrf_token"]


def audited(action, user_id):
    return int(sql("SELECT COUNT(*) FROM audit_log WHERE action = %s AND target_user_id = %s", action,
                   user_id)[0][0])


class SessionsListTest(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def test_each_session_with_browser_address_times_and_this_device_marked(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        browser(a, SAFARI, source="127.0.0.2")
        r = here.get("/profile/sessions")
        self.assertEqual(r.status, 200)
        rows = sessions(r)
        self.assertEqual(len(rows), 2)
        ref, this, cells = rows[0]
        self.assertTrue(this)
        self.assertEqual(cells[0], "Firefox (Windows) (ez az eszköz)")
        self.assertEqual(cells[1], "127.0.0.1")
        self.assertRegex(cells[2], r"^\d{4}\. \d\d\. \d\d\. \d\d:\d\d:\d\d$")
        self.assertRegex(cells[3], r"^\d{4}\. \d\d\. \d\d\. \d\d:\d\d:\d\d$")
        self.assertEqual(cells[4], "")  # no "Log out" for this browser: the menu's logout is the one
        ref2, this2, cells2 = rows[1]
        self.assertFalse(this2)
        self.assertEqual(cells2[:2], ["Safari (iPhone)", "127.0.0.2"])
        self.assertEqual(cells2[4], "Kiléptetés")
        self.assertRegex(ref2, r"^[0-9a-f]{32}$")
        # The reference is no cookie nor a key of the table.
        self.assertNotIn(ref2, " ".join(v for c in [here] for v in c.cookies.values()))
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE id_hash LIKE %s", ref2 + "%"), [["0"]])
        self.assertIn('id="log-out-others"', r.text)

    def test_english_names_and_dates_and_an_unknown_browser(self):
        a = account("linked", language="en")
        here = browser(a, CHROME_ANDROID)
        browser(a, "curl/8.5.0")
        rows = sessions(here.get("/profile/sessions"))
        self.assertEqual(rows[0][2][0], "Chrome on Android (this device)")
        self.assertRegex(rows[0][2][2], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")
        self.assertEqual(rows[1][2][0], "Unknown browser")
        self.assertIn("Where you are logged in", here.get("/profile/sessions").text)

    def test_alone_there_is_nothing_else_to_log_out(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        r = here.get("/profile/sessions")
        self.assertEqual(len(sessions(r)), 1)
        self.assertIn('id="no-other-sessions"', r.text)
        self.assertNotIn('id="log-out-others"', r.text)


class SessionsRevokeTest(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def test_log_out_one_session_ends_that_browser_only(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        phone = browser(a, SAFARI)
        tablet = browser(a, CHROME_ANDROID)
        self.assertEqual(phone.get("/profile/security").status, 200)
        phone_ref = [ref for ref, _, cells in sessions(here.get("/profile/sessions")) if "Safari" in cells[0]][0]
        r = here.post("/profile/sessions/revoke", {"csrf_token": token(here), "session": phone_ref})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/sessions?sessions=ended#sessions-heading"))
        self.assertEqual(phone.get("/profile/security").header("Location").split("?")[0], "/login")
        self.assertEqual(tablet.get("/profile/security").status, 200)
        page = here.get("/profile/sessions?sessions=ended")
        self.assertEqual(page.status, 200)
        self.assertIn("Azt a böngészőt kiléptettük.", alerts(page))
        self.assertEqual([cells[0] for _, _, cells in sessions(page)],
                         ["Firefox (Windows) (ez az eszköz)", "Chrome (Android)"])
        self.assertEqual(audited("session.revoked", a["id"]), 1)

    def test_log_out_everywhere_else_keeps_this_browser(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        others = [browser(a, SAFARI), browser(a, CHROME_ANDROID)]
        r = here.post("/profile/sessions/revoke", {"csrf_token": token(here), "all_others": "1"})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/sessions?sessions=others#sessions-heading"))
        for c in others:
            self.assertEqual(c.get("/profile/security").header("Location").split("?")[0], "/login")
        page = here.get("/profile/sessions?sessions=others")
        self.assertEqual(page.status, 200)
        self.assertEqual(len(sessions(page)), 1)
        self.assertIn('id="no-other-sessions"', page.text)
        self.assertEqual(sql("SELECT JSON_VALUE(after_value, '$.sessions_ended') FROM audit_log WHERE action = "
                             "'session.revoked_others' AND target_user_id = %s", a["id"]), [["2"]])

    def test_without_the_form_token_nothing_ends(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        phone = browser(a, SAFARI)
        phone_ref = sessions(here.get("/profile/sessions"))[1][0]
        self.assertEqual(here.post("/profile/sessions/revoke", {"session": phone_ref}).status, 403)
        self.assertEqual(here.post("/profile/sessions/revoke", {"all_others": "1"}).status, 403)
        self.assertEqual(here.post("/profile/sessions/revoke", {"csrf_token": "x" * 43, "all_others": "1"}).status,
                         403)
        # A token from another browser's form is not this browser's.
        self.assertEqual(here.post("/profile/sessions/revoke",
                                   {"csrf_token": token(phone), "session": phone_ref}).status, 403)
        self.assertEqual(phone.get("/profile/security").status, 200)
        self.assertEqual(audited("session.revoked", a["id"]) + audited("session.revoked_others", a["id"]), 0)

    def test_someone_elses_session_is_refused_like_a_made_up_one(self):
        a = account("linked")
        victim = account("linked")
        here = browser(a, FIREFOX)
        theirs = browser(victim, SAFARI)
        theirs_ref = sessions(theirs.get("/profile/sessions"))[0][0]
        r = here.post("/profile/sessions/revoke", {"csrf_token": token(here), "session": theirs_ref})
        made_up = here.post("/profile/sessions/revoke", {"csrf_token": token(here), "session": "0" * 32})
        self.assertEqual((r.status, r.header("Location")), (made_up.status, made_up.header("Location")))
        self.assertEqual(r.header("Location"), "/profile/sessions?sessions=gone#sessions-heading")
        page = here.get("/profile/sessions?sessions=gone")
        self.assertIn("Az a munkamenet már véget ért, vagy nem az Öné.", alerts(page))
        self.assertNotIn(theirs_ref, page.text)
        self.assertEqual(theirs.get("/profile/sessions").status, 200)
        self.assertEqual(audited("session.revoked", victim["id"]), 0)

    def test_logging_out_this_session_by_its_reference_logs_this_browser_out(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        ref = sessions(here.get("/profile/sessions"))[0][0]
        r = here.post("/profile/sessions/revoke", {"csrf_token": token(here), "session": ref})
        self.assertEqual((r.status, r.header("Location")), (303, "/login?logged_out=1"))
        self.assertEqual(here.get("/profile/sessions").header("Location").split("?")[0], "/login")


def sign_ins(r):
    """The rows of "Recent sign-ins": (kind, [cell texts])."""
    table = re.search(r'<table class="sign-ins" id="sign-ins">(.*?)</table>', r.text, re.S)
    if not table:
        return []
    return [(kind, [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split())
                    for c in re.findall(r"<td>(.*?)</td>", body, re.S)])
            for kind, body in re.findall(r'<tr class="sign-in ([a-z-]+)">(.*?)</tr>', table.group(1), re.S)]


def attempt(c, a, password, agent):
    return c.submit("/login", {"email": a["email"], "password": password}, headers={"User-Agent": agent})


class SignInsTest(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def test_successes_and_failures_with_time_browser_and_address(self):
        a = account("linked")
        stranger = Client(source="127.0.0.3")
        self.assertEqual(attempt(stranger, a, "Nem-Ez-A-Jelszo-1", SAFARI).status, 200)
        here = browser(a, FIREFOX)
        r = here.get("/profile/sessions")
        rows = sign_ins(r)
        self.assertEqual([k for k, _ in rows], ["success", "wrong-password"])
        self.assertEqual(rows[0][1][1:], ["Sikeres bejelentkezés", "Firefox (Windows)", "127.0.0.1"])
        self.assertEqual(rows[1][1][1:], ["Hibás jelszó", "Safari (iPhone)", "127.0.0.3"])
        self.assertRegex(rows[1][1][0], r"^\d{4}\. \d\d\. \d\d\. \d\d:\d\d:\d\d$")

    def test_a_failure_held_back_by_the_lock_and_one_from_a_known_browser_are_marked(self):
        a = account("linked", language="en")
        known = browser(a, FIREFOX)
        known.post("/logout", {"csrf_token": known.get("/profile").form("/logout")["csrf_token"]})
        # The account is locked (by others' wrong passwords): a browser
        # without the device cookie is held back unchecked; the known one's
        # wrong password counts for it alone.
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until) VALUES "
            "(%s, 10, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 HOUR)", a["id"])
        self.assertEqual(attempt(Client(), a, a["password"], CHROME_ANDROID).status, 200)
        self.assertEqual(attempt(known, a, "Nem-Ez-A-Jelszo-1", FIREFOX).status, 200)
        self.assertEqual(attempt(known, a, a["password"], FIREFOX).status, 303)
        rows = sign_ins(known.get("/profile/sessions"))
        self.assertEqual([k for k, _ in rows],
                         ["success", "wrong-password-known-browser", "held-back", "success"])
        self.assertTrue(rows[1][1][1].startswith("Wrong password, from a browser that had logged in before"))
        self.assertTrue(rows[2][1][1].startswith("Held back: your account was locked"))
        self.assertEqual(rows[2][1][2], "Chrome on Android")
        self.assertRegex(rows[0][1][0], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")

    def test_only_the_last_twenty_and_not_the_security_tabs_own_checks(self):
        a = account("linked")
        here = browser(a, FIREFOX)
        for _ in range(3):
            here.submit("/profile/security", {"current_password": "Nem-Ez-A-Jelszo-1", "password": "Oszi-Level-2026",
                                              "password_confirm": "Oszi-Level-2026"})
        sql("DELETE FROM login_throttle WHERE user_id = %s", a["id"])
        for _ in range(21):
            browser(a, "curl/8.5.0")
        rows = sign_ins(here.get("/profile/sessions"))
        self.assertEqual(len(rows), 20)
        self.assertEqual({(k, cells[2]) for k, cells in rows}, {("success", "Ismeretlen böngésző")})
