"""The new-device notice through nginx and the real mail path: a login
from a browser without a device cookie for the account mails its owner
what, when, from which browser and address, and how to secure the
account; a login with the cookie does not. A contact may turn the notice
off on the sessions page (/profile/sessions), a clerk may not."""
from ktk_accounts import account
from ktk_test import Client, TestCase, mails_to, set_clock_offset, sql, wait_for_mails

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SUBJECT = {"hu": "Új bejelentkezés a KTK-fiókjába", "en": "New login to your KTK account"}


def notices(a):
    return [m for m in mails_to(a["email"]) if m["Subject"] == SUBJECT[a["language"]]]


def log_in(a, client=None, agent=FIREFOX, source=None):
    c = client or Client(source=source)
    r = c.submit("/login", {"email": a["email"], "password": a["password"]}, headers={"User-Agent": agent})
    assert r.status == 303, r
    return c


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def notice_token(c):
    return c.get("/profile/sessions").form("/profile/sessions/notice")["csrf_token"]


def choice(a):
    return int(sql("SELECT new_device_mail FROM users WHERE id = %s", a["id"])[0][0])


def settle():
    """Lets the worker deliver what is queued, then the cap's minute pass."""
    set_clock_offset(120)


class NewDeviceNoticeTest(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)

    def test_a_login_from_a_new_browser_is_mailed_with_what_when_browser_and_address(self):
        a = account(language="en")
        log_in(a, source="127.0.0.41")
        [m] = wait_for_mails(a["email"], 1)
        self.assertEqual(m["Subject"], SUBJECT["en"])
        body = text_of(m)
        self.assertIn("Someone logged in to your KTK account from a browser", body)
        self.assertIn("Browser: Firefox (Windows)", body)
        self.assertIn("IP address: 127.0.0.41", body)
        self.assertRegex(body, r"Time: \d{4}-\d\d-\d\d \d\d:\d\d")
        self.assertIn("/password/forgot", body)
        self.assertIn("/profile/sessions", body)
        self.assertIn("you can turn them off", body)
        self.assertIn("Firefox (Windows)", html_of(m))

    def test_hungarian_and_an_unknown_browser(self):
        a = account(language="hu")
        log_in(a, agent="curl/8.0")
        [m] = wait_for_mails(a["email"], 1)
        self.assertEqual(m["Subject"], SUBJECT["hu"])
        self.assertIn("Böngésző: ismeretlen böngésző", text_of(m))
        self.assertIn("kikapcsolhatja", text_of(m))

    def test_the_browser_that_has_the_device_cookie_is_not_reported_again(self):
        a = account(language="en")
        c = log_in(a)
        wait_for_mails(a["email"], 1)
        c.post("/logout", {"csrf_token": c.get("/logout").form("/logout")["csrf_token"]})
        settle()
        log_in(a, client=c)
        # The worker delivers within a second or two: give it the time a
        # second notice would need, then check none came.
        log_in(a)  # a new browser after it, so the wait below has a mail to wait for
        wait_for_mails(a["email"], 2)
        self.assertEqual(len(notices(a)), 2)
        self.assertEqual(int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login.success' AND "
                                 "target_user_id = %s", a["id"])[0][0]), 3)

    def test_at_most_one_notice_a_minute(self):
        a = account(language="en")
        log_in(a)
        log_in(a)
        log_in(a, agent="curl/8.0")
        settle()
        log_in(a)
        wait_for_mails(a["email"], 2)
        self.assertEqual(len(notices(a)), 2)

    def test_a_contact_turns_it_off_and_on_again(self):
        a = account(language="en")
        here = log_in(a)
        wait_for_mails(a["email"], 1)
        page = here.get("/profile/sessions")
        self.assertIn('id="new_device_mail-yes" name="new_device_mail" type="radio" value="yes" checked', page.text)
        r = here.post("/profile/sessions/notice", {"csrf_token": notice_token(here), "new_device_mail": "no"})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/sessions?notice=saved#notice-heading"))
        self.assertEqual(choice(a), 0)
        page = here.get("/profile/sessions?notice=saved")
        self.assertIn("Your choice has been saved.", page.text)
        self.assertIn('value="no" checked', page.text)
        self.assertEqual(int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'notice.new_device' AND "
                                 "target_user_id = %s", a["id"])[0][0]), 1)
        settle()
        log_in(a)
        set_clock_offset(240)
        r = here.post("/profile/sessions/notice", {"csrf_token": notice_token(here), "new_device_mail": "yes"})
        self.assertEqual(choice(a), 1)
        log_in(a)
        wait_for_mails(a["email"], 2)
        self.assertEqual(len(notices(a)), 2)  # the first and the last: none while it was off

    def test_nonsense_changes_nothing_and_the_form_token_is_required(self):
        a = account(language="hu")
        here = log_in(a)
        self.assertEqual(here.post("/profile/sessions/notice", {"new_device_mail": "no"}).status, 403)
        r = here.post("/profile/sessions/notice", {"csrf_token": notice_token(here), "new_device_mail": "nem"})
        self.assertEqual(r.status, 303)
        self.assertEqual(choice(a), 1)
        self.assertEqual(Client().post("/profile/sessions/notice", {"new_device_mail": "no"}).status, 403)

    def test_a_clerk_always_gets_it_and_cannot_turn_it_off(self):
        a = account(state="clerk", language="en")
        here = log_in(a)
        wait_for_mails(a["email"], 1)
        page = here.get("/profile/sessions")
        self.assertIn("District office accounts always get this notice", page.text)
        self.assertNotIn('action="/profile/sessions/notice"', page.text)
        token = here.get("/logout").form("/logout")["csrf_token"]  # the session's form token
        here.post("/profile/sessions/notice", {"csrf_token": token, "new_device_mail": "no"})
        self.assertEqual(choice(a), 1)
        settle()
        log_in(a)
        wait_for_mails(a["email"], 2)
        body = text_of(notices(a)[-1])
        self.assertNotIn("turn them off", body)


class SessionsPageTest(TestCase):
    def test_the_security_tab_links_to_the_sessions_page_in_both_languages(self):
        for lang, link in (("hu", "Bejelentkezései és belépési kísérletei"), ("en", "Your logins and sign-ins")):
            a = account(language=lang)
            here = log_in(a)
            tab = here.get("/profile/security")
            self.assertIn(f'<a href="/profile/sessions" id="sessions-link">{link}</a>', tab.text)
            page = here.get("/profile/sessions")
            self.assertEqual(page.status, 200)
            self.assertSecurityHeaders(page)
            self.assertIn('<table class="sessions" id="sessions">', page.text)
            self.assertIn('id="sign-ins"', page.text)

    def test_the_list_needs_a_login(self):
        r = Client().get("/profile/sessions")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login"))

    def test_the_revoke_route_takes_no_get(self):
        a = account(language="en")
        here = log_in(a)
        self.assertIn(here.get("/profile/sessions/revoke").status, (404, 405))
        self.assertEqual(here.get("/profile/security/sessions").status, 404)
