"""The profile page and the Security tab through nginx (issue: forgotten
password, profile data and the Security tab). Accounts come from
ktk_accounts; mails are read back from the stack's Maildir."""
import html
import json
import re

from ktk_accounts import account
from ktk_test import Client, TestCase, mails, set_clock_offset, sql, wait_until

NEW_PASSWORD = "Oszi-Level-2026"
SUBJECT_CHANGED = {"hu": "A jelszava megváltozott", "en": "Your password was changed"}
SUBJECT_RESET = {"hu": "Jelszó megújítása", "en": "Renew your password"}


def mails_to(address, subject=None):
    return [m for m in mails() if address.lower() in (m["To"] or "").lower()
            and (subject is None or m["Subject"] == subject)]


def wait_for_mail(address, subject, count=1):
    return wait_until(lambda: (lambda found: found if len(found) >= count else None)(mails_to(address, subject)),
                      timeout=30, what=f"{count} mail(s) '{subject}' to {address}")


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def login(client, email, password):
    return client.submit("/login", {"email": email, "password": password})


def logged_in(**kw):
    a = account("linked", **kw)
    c = Client()
    r = login(c, a["email"], a["password"])
    assert r.status == 303, r
    return a, c


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def stored(user_id):
    return sql("SELECT last_name, first_name, phone, language, password_hash FROM users WHERE id = %s", user_id)[0]


def change_password(client, current, new, confirm=None):
    return client.submit("/profile/security", {"current_password": current, "password": new,
                                               "password_confirm": new if confirm is None else confirm})


def failures(user_id):
    rows = sql("SELECT failures FROM login_throttle WHERE user_id = %s", user_id)
    return int(rows[0][0]) if rows else 0


class ClockTestCase(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)


class AccessTest(ClockTestCase):
    def test_anonymous_visitors_go_to_login(self):
        for path in ("/profile", "/profile/security"):
            r = Client().get(path)
            self.assertEqual((r.status, r.header("Location")), (303, "/login"), path)
            c = Client()
            token = c.get("/login").form()["csrf_token"]
            r = c.post(path, {"csrf_token": token, "last_name": "Nagy", "current_password": "x"})
            self.assertEqual((r.status, r.header("Location")), (303, "/login"), path)

    def test_an_expired_session_is_told_at_login(self):
        a, c = logged_in()
        set_clock_offset(31 * 60)
        self.assertEqual(c.get("/profile").header("Location"), "/login?expired=1")

    def test_posts_need_the_sessions_csrf_token(self):
        a, c = logged_in()
        before = stored(a["id"])
        self.assertEqual(c.post("/profile", {"last_name": "Nagy", "first_name": "Éva", "phone": "06301112222",
                                             "language": "hu"}).status, 403)
        self.assertEqual(c.post("/profile/security", {"current_password": a["password"], "password": NEW_PASSWORD,
                                                      "password_confirm": NEW_PASSWORD}).status, 403)
        self.assertEqual(stored(a["id"]), before)

    def test_logged_in_pages_show_the_navigation(self):
        a, c = logged_in()
        for path, current in (("/home", "/home"), ("/profile", "/profile"), ("/profile/security", "/profile/security")):
            r = c.get(path)
            self.assertEqual(r.status, 200, path)
            nav = re.search(r'<nav class="user-nav"[^>]*>(.*?)</nav>', r.text, re.S)
            self.assertIsNotNone(nav, path)
            for href in ('href="/home"', 'href="/profile"', 'href="/profile/security"', 'action="/logout"'):
                self.assertIn(href, nav.group(1))
            self.assertEqual(re.findall(r'href="([^"]+)" aria-current="page"', nav.group(1)), [current])
            self.assertIn("csrf_token", r.form("/logout"))
        self.assertNotIn("user-nav", Client().get("/login").text)


class ProfileTest(ClockTestCase):
    def test_the_form_shows_the_stored_values_and_the_address_read_only(self):
        a, c = logged_in(last="Szabó", first="Éva")
        r = c.get("/profile")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        form = r.form("/profile")
        self.assertEqual({k: form[k] for k in ("last_name", "first_name", "phone")},
                         {"last_name": "Szabó", "first_name": "Éva", "phone": "+36301234567"})
        self.assertIn('<option value="hu" selected>', r.text)
        self.assertNotIn("email", form, "the address is not a field")
        self.assertIn(a["email"], r.text)
        self.assertIn("járási hivatal", r.text)
        for field in ("last_name", "first_name", "phone", "language"):
            self.assertIn(f'<label for="{field}">', r.text)
        en = c.get("/profile?lang=en")
        self.assertIn("district office", en.text)
        self.assertIn("Last name", en.text)

    def test_an_edit_is_saved_audited_and_shown_after_the_redirect(self):
        a, c = logged_in()
        r = c.submit("/profile", {"last_name": "Kovácsné Szabó", "first_name": "Anna Mária", "phone": "06 1 234 5678",
                                  "language": "hu"})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile?saved=1"))
        page = c.get(r.header("Location"))
        self.assertIn("Az adatait elmentettük.", alerts(page))
        self.assertEqual(page.form("/profile")["phone"], "+3612345678")
        self.assertEqual(stored(a["id"])[:4], ["Kovácsné Szabó", "Anna Mária", "+3612345678", "hu"])
        self.assertIn("Kovácsné Szabó Anna Mária", c.get("/home").text)
        row = sql("SELECT actor_label, client_address, before_value, after_value FROM audit_log"
                  " WHERE action = 'profile.changed' AND target_user_id = %s", a["id"])
        self.assertEqual(len(row), 1)
        self.assertEqual(row[0][:2], [f"user:{a['id']}", "127.0.0.1"])
        self.assertEqual(json.loads(row[0][2]), {"last_name": "Kovács", "first_name": "Anna", "phone": "+36301234567"})
        self.assertEqual(json.loads(row[0][3]), {"last_name": "Kovácsné Szabó", "first_name": "Anna Mária",
                                                 "phone": "+3612345678"})

    def test_saving_unchanged_values_writes_no_audit_row(self):
        a, c = logged_in()
        form = c.get("/profile").form("/profile")
        form["language"] = "hu"  # the selected option, as a browser sends it
        self.assertEqual(c.post("/profile", form).status, 303)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'profile.changed'"
                             " AND target_user_id = %s", a["id"]), [["0"]])

    def test_bad_values_are_refused_with_field_errors_and_nothing_is_stored(self):
        a, c = logged_in()
        before = stored(a["id"])
        for lang, texts in (("hu", ("Ez a mező kötelező.", "Csak betűket", "Ez nem érvényes telefonszám.",
                                    "Válassza ki a nyelvet")),
                            ("en", ("This field is required.", "letters", "This is not a valid phone number.",
                                    "Choose a language"))):
            c.get(f"/profile?lang={lang}")
            r = c.submit("/profile", {"last_name": "  ", "first_name": "<script>alert(1)</script>", "phone": "123",
                                      "language": "de"})
            self.assertEqual(r.status, 422)
            self.assertIn(f'<html lang="{lang}">', r.text)
            for field in ("last_name", "first_name", "phone", "language"):
                self.assertIn(f'id="{field}-error"', r.text)
                self.assertIn(f'href="#{field}"', r.text)
            for text in texts:
                self.assertIn(text, r.text)
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", r.text)
            self.assertNotIn("<script>alert", r.text)
            self.assertEqual(r.form("/profile")["phone"], "123", "typed values are kept")
        self.assertEqual(stored(a["id"]), before)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'profile.changed'"
                             " AND target_user_id = %s", a["id"]), [["0"]])

    def test_a_language_change_switches_the_pages_and_the_mails(self):
        a, c = logged_in(language="hu")
        c.get("/profile?lang=hu")  # this browser chose Hungarian on a page earlier
        form = c.get("/profile").form("/profile")
        form["language"] = "en"
        r = c.post("/profile", form)
        self.assertEqual(r.status, 303)
        page = c.get(r.header("Location"))
        self.assertIn('<html lang="en">', page.text)
        self.assertIn("Your details have been saved.", alerts(page))
        self.assertIn('<html lang="en">', c.get("/home").text)
        self.assertEqual(stored(a["id"])[3], "en")
        # Later mails: the notification of a password change and a reset link.
        self.assertEqual(change_password(c, a["password"], NEW_PASSWORD).status, 303)
        changed = wait_for_mail(a["email"], SUBJECT_CHANGED["en"])[0]
        self.assertIn("Dear Anna Kovács,", text_of(changed))
        self.assertEqual(mails_to(a["email"], SUBJECT_CHANGED["hu"]), [])
        self.assertEqual(Client().submit("/password/forgot", {"email": a["email"]}).status, 303)
        link_mail = wait_for_mail(a["email"], SUBJECT_RESET["en"])[0]
        self.assertIn("&lang=en", text_of(link_mail))
        # And back: Hungarian again from the next page on.
        form = c.get("/profile").form("/profile")
        form["language"] = "hu"
        self.assertEqual(c.post("/profile", form).status, 303)
        self.assertIn('<html lang="hu">', c.get("/profile?saved=1").text)


class SecurityTabTest(ClockTestCase):
    def test_the_form_asks_for_the_current_and_the_new_password_twice(self):
        a, c = logged_in()
        r = c.get("/profile/security")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        self.assertEqual(set(r.form("/profile/security")),
                         {"csrf_token", "current_password", "password", "password_confirm"})
        self.assertIn('autocomplete="current-password"', r.text)
        self.assertEqual(r.text.count('autocomplete="new-password"'), 2)
        self.assertIn("Jelenlegi jelszó", r.text)
        self.assertIn("Current password", c.get("/profile/security?lang=en").text)

    def test_a_wrong_current_password_is_refused_and_counted(self):
        a, c = logged_in()
        before = stored(a["id"])
        r = change_password(c, "Nem-Ez-A-Jelszo-1", NEW_PASSWORD)
        self.assertEqual(r.status, 422)
        self.assertIn('id="current_password-error"', r.text)
        self.assertIn("A jelenlegi jelszó nem helyes.", r.text)
        self.assertEqual(r.form("/profile/security")["current_password"], "")
        self.assertEqual(stored(a["id"]), before)
        self.assertEqual(failures(a["id"]), 1)
        after = sql("SELECT actor_label, after_value FROM audit_log WHERE action = 'login.failure'"
                    " AND target_user_id = %s", a["id"])
        self.assertEqual(after[0][0], f"user:{a['id']}")
        self.assertIn('"reason":"wrong_current_password"', after[0][1])
        self.assertEqual(c.get("/home").status, 200, "the session goes on")
        self.assertEqual(mails_to(a["email"], SUBJECT_CHANGED["hu"]), [])

    def test_wrong_current_passwords_share_the_login_throttle(self):
        a, c = logged_in()
        for _ in range(5):
            self.assertEqual(change_password(c, "Nem-Ez-A-Jelszo-1", NEW_PASSWORD).status, 422)
        self.assertEqual(failures(a["id"]), 5)
        # A delay runs now: the login refuses even the right password …
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 200)
        # … and so does the Security tab, without checking or counting.
        r = change_password(c, a["password"], NEW_PASSWORD)
        self.assertEqual(r.status, 422)
        self.assertIn("átmenetileg szünetel", r.text)
        self.assertEqual(failures(a["id"]), 5)
        self.assertEqual(sql("SELECT password_hash FROM users WHERE id = %s", a["id"]), [[stored(a["id"])[4]]])
        set_clock_offset(5)  # the 2-second delay is over
        self.assertEqual(change_password(c, a["password"], NEW_PASSWORD).status, 303)
        self.assertEqual(failures(a["id"]), 0, "a change clears the count like a login")

    def test_policy_violations_are_shown_per_field_and_nothing_is_checked(self):
        a, c = logged_in()
        before = stored(a["id"])
        for current, new, confirm, field, text in (
                ("", NEW_PASSWORD, NEW_PASSWORD, "current_password", "Adja meg a jelenlegi jelszavát."),
                (a["password"], "rovid", "rovid", "password", "legalább 8 karakter"),
                (a["password"], "csakkisbetu1", "csakkisbetu1", "password", "nagybetű"),
                (a["password"], "Password1", "Password1", "password", "túl gyakori"),
                (a["password"], "Anna-Kovacs-77", "Anna-Kovacs-77", "password", "nem tartalmazhatja a nevét"),
                (a["password"], NEW_PASSWORD, NEW_PASSWORD + "x", "password_confirm", "A két jelszó nem egyezik.")):
            with self.subTest(field=field, new=new):
                r = change_password(c, current, new, confirm)
                self.assertEqual(r.status, 422)
                self.assertIn(f'id="{field}-error"', r.text)
                self.assertIn(f'href="#{field}"', r.text)
                self.assertIn(text, r.text)
                self.assertEqual({r.form("/profile/security")[k] for k in ("current_password", "password",
                                                                             "password_confirm")}, {""})
        self.assertEqual(stored(a["id"]), before)
        self.assertEqual(failures(a["id"]), 0, "a form with problems checks no password")
        c.get("/profile/security?lang=en")
        r = change_password(c, a["password"], "short", "short")
        self.assertIn('<html lang="en">', r.text)
        self.assertIn("at least 8 characters", r.text)

    def test_success_notifies_ends_the_other_sessions_and_renews_this_one(self):
        a, c = logged_in()
        other = Client()
        self.assertEqual(login(other, a["email"], a["password"]).status, 303)
        old_cookie = c.cookies["ktk_session"]
        r = change_password(c, a["password"], NEW_PASSWORD)
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/security?changed=1"))
        self.assertNotEqual(c.cookies["ktk_session"], old_cookie, "a new session id")
        page = c.get("/profile/security?changed=1")
        self.assertEqual(page.status, 200, "this browser stays logged in")
        self.assertIn("A jelszava megváltozott.", alerts(page))
        self.assertIn("spam (levélszemét) mappában", alerts(page))
        self.assertEqual(other.get("/home").header("Location"), "/login?expired=1")
        replay = Client()
        replay.cookies["ktk_session"] = old_cookie
        self.assertEqual(replay.get("/home").header("Location"), "/login?expired=1")
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", a["id"]), [["1"]])

        mail = wait_for_mail(a["email"], SUBJECT_CHANGED["hu"])[0]
        body = text_of(mail)
        self.assertIn("Kedves Kovács Anna!", body)
        self.assertIn("Biztonság fülön", body)
        self.assertIn("127.0.0.1", body)
        self.assertIn("Ha NEM Ön változtatta meg", body)
        self.assertIn("/password/forgot", body)

        self.assertEqual(login(Client(), a["email"], a["password"]).status, 200, "the old password fails")
        self.assertEqual(login(Client(), a["email"], NEW_PASSWORD).header("Location"), "/home")
        row = sql("SELECT actor_label, after_value FROM audit_log WHERE action = 'password.changed'"
                  " AND target_user_id = %s", a["id"])
        self.assertEqual(row[0][0], f"user:{a['id']}")
        self.assertIn('"sessions_ended":1', row[0][1])
        everything = "\n".join("\t".join(r) for r in sql("SELECT * FROM audit_log WHERE target_user_id = %s",
                                                           a["id"]))
        for secret in (a["password"], NEW_PASSWORD):
            self.assertNotIn(secret, everything)

    def test_the_english_notification(self):
        a, c = logged_in(language="en", last="Nagy", first="Péter")
        self.assertEqual(change_password(c, a["password"], NEW_PASSWORD).status, 303)
        body = text_of(wait_for_mail(a["email"], SUBJECT_CHANGED["en"])[0])
        self.assertIn("Dear Péter Nagy,", body)
        self.assertIn("on the Security tab", body)
        self.assertIn("If you did NOT change it", body)
