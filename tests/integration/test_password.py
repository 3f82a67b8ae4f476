"""The forgotten-password flow through nginx (issue: forgotten password,
profile data and the Security tab): /password/forgot, the mail read back
from the stack's Maildir, /password/reset and the notification. Accounts
come from ktk_accounts; time moves through the clock offset file."""
import hashlib
import html
import os
import re
import urllib.parse

from ktk_accounts import PASSWORD, account, set_password, unique_email
from ktk_test import URL, VAR, Client, TestCase, mails, set_clock_offset, sql, wait_until

NEW_PASSWORD = "Nyari-Zapor-2026"
LINK = re.compile(r"(https?://[^\s<>\"]+/password/reset\?token=([A-Za-z0-9_-]{43})&lang=(hu|en))")
SUBJECT_RESET = {"hu": "Jelszó megújítása", "en": "Renew your password"}
SUBJECT_CHANGED = {"hu": "A jelszava megváltozott", "en": "Your password was changed"}
INVALID_LOGIN = {"hu": "Hibás felhasználónév vagy jelszó.", "en": "Wrong username or password."}


def mails_to(address, subject=None):
    return [m for m in mails() if address.lower() in (m["To"] or "").lower()
            and (subject is None or m["Subject"] == subject)]


def wait_for_mail(address, subject, count=1):
    return wait_until(lambda: (lambda found: found if len(found) >= count else None)(mails_to(address, subject)),
                      timeout=30, what=f"{count} mail(s) '{subject}' to {address}")


def queued(address, kind):
    return int(sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s AND kind = %s", address, kind)[0][0])


def processed():
    """Waits until the mail worker has handled every forgotten-password
    request (the POST only records it)."""
    wait_until(lambda: sql("SELECT COUNT(*) FROM password_reset_requests") == [["0"]], timeout=30,
               what="the forgotten-password requests handled")


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def reset_link(message):
    found = LINK.search(text_of(message))
    if not found:
        raise AssertionError("no reset link in:\n" + text_of(message))
    return found.group(1)


def local_path(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


def token_of(link):
    return LINK.search(link).group(2)


def forgot(client, email, headers=None):
    """Fills in the forgotten-password form as a browser would."""
    return client.submit("/password/forgot", {"email": email}, headers=headers)


def request_link(a, client=None):
    """Asks for a reset mail for account `a` and returns the link in it."""
    before = len(mails_to(a["email"], SUBJECT_RESET[a["language"]]))
    r = forgot(client or Client(), a["email"])
    assert r.status == 303, r
    message = wait_for_mail(a["email"], SUBJECT_RESET[a["language"]], before + 1)[-1]
    return reset_link(message)


def reset(client, link, password, confirm=None):
    """Opens the link and presses *Jelszó megújítása*. When the page has no
    form any more (the link is refused), posts the way a form kept open in
    another tab would."""
    form = client.get(local_path(link)).form("/password/reset")
    if not form:
        form = {"csrf_token": client.get("/password/forgot").form()["csrf_token"], "token": token_of(link)}
    form.update(password=password, password_confirm=password if confirm is None else confirm)
    return client.post("/password/reset", form)


def login(client, email, password):
    return client.submit("/login", {"email": email, "password": password})


def without_token(text):
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value="…"', text)


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def audit_actions(user_id):
    return [row[0] for row in sql("SELECT action FROM audit_log WHERE target_user_id = %s ORDER BY id", user_id)]


class ClockTestCase(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)


class ForgotPageTest(ClockTestCase):
    def test_form_has_the_email_field_the_token_and_the_spam_folder_in_both_languages(self):
        for lang, texts in (("hu", ("Elfelejtette a jelszavát?", "E-mail cím", "spam (levélszemét) mappában")),
                            ("en", ("Forgot your password?", "E-mail address", "spam (junk mail) folder"))):
            r = Client().get(f"/password/forgot?lang={lang}")
            self.assertEqual(r.status, 200)
            self.assertSecurityHeaders(r)
            self.assertIn(f'<html lang="{lang}">', r.text)
            form = r.form("/password/forgot")
            self.assertEqual(set(form), {"csrf_token", "email"})
            self.assertIn('<label for="email">', r.text)
            self.assertIn('autocomplete="email"', r.text)
            for text in texts:
                self.assertIn(text, r.text)

    def test_login_page_links_here(self):
        self.assertIn('href="/password/forgot"', Client().get("/login").text)

    def test_an_empty_field_gets_a_field_error(self):
        r = forgot(Client(), "  ")
        self.assertEqual(r.status, 422)
        self.assertIn("Adja meg az e-mail címét.", r.text)
        self.assertIn('aria-invalid="true"', r.text)
        self.assertIn('href="#email"', r.text)

    def test_an_address_the_portal_refuses_gets_the_same_answer_as_any_other(self):
        before = int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password.reset_requested'")[0][0])
        for typed in ("nem-cim", "sé@example.org", "a" * 300 + "@example.hu"):
            r = forgot(Client(), typed)
            self.assertEqual((r.status, r.header("Location")), (303, "/password/forgot/sent"), typed)
        # Nothing was looked up, so nothing was audited.
        self.assertEqual(int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'password.reset_requested'")[0][0]),
                         before)

    def test_post_without_the_csrf_token_is_refused(self):
        a = account("linked")
        r = Client().post("/password/forgot", {"email": a["email"]})
        self.assertEqual(r.status, 403)
        self.assertEqual(queued(a["email"], "password_reset"), 0)

    def test_sent_page_tells_about_the_spam_folder_and_the_helpdesk(self):
        r = Client().get("/password/forgot/sent")
        self.assertEqual(r.status, 200)
        self.assertIn("spam (levélszemét) mappában", r.text)
        self.assertIn("1 óráig", r.text)
        self.assertIn("mailto:ktk-hd@lab.hu", r.text)
        self.assertIn("spam (junk mail) folder", Client().get("/password/forgot/sent?lang=en").text)


class EnumerationTest(ClockTestCase):
    def answer(self, email):
        """The POST's answer and the page it leads to, as a new visitor sees them."""
        c = Client()
        r = forgot(c, email)
        headers = sorted((k, v) for k, v in r.headers if k.lower() != "date")
        follow = c.get(r.header("Location"))
        return (r.status, headers, r.raw), (follow.status, without_token(follow.text))

    def test_known_unknown_pending_disabled_and_locked_addresses_get_the_same_bytes(self):
        known = account("linked")
        pending = account("pending")
        disabled = account("disabled")
        locked = account("linked")
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until)"
            " VALUES (%s, 10, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 10 MINUTE)", locked["id"])
        unknown = unique_email("nobody")
        reference = self.answer(known["email"])
        self.assertEqual(reference[0][0], 303)
        self.assertIn(("Location", "/password/forgot/sent"), reference[0][1])
        for email in (unknown, pending["email"], disabled["email"], locked["email"],
                      known["email"],  # again within the minute: no mail, same answer
                      unknown.upper()):
            with self.subTest(email=email):
                self.assertEqual(self.answer(email), reference)

    def test_unknown_and_disabled_addresses_get_no_mail_and_registered_ones_one(self):
        known = account("linked")
        pending = account("pending", language="en")
        disabled = account("disabled")
        unknown = unique_email("nobody")
        for email in (unknown, disabled["email"], known["email"], pending["email"]):
            self.assertEqual(forgot(Client(), email).status, 303)
        processed()
        wait_for_mail(known["email"], SUBJECT_RESET["hu"])
        wait_for_mail(pending["email"], SUBJECT_RESET["en"])
        self.assertEqual(queued(unknown, "password_reset"), 0)
        self.assertEqual(queued(disabled["email"], "password_reset"), 0)
        self.assertEqual(mails_to(unknown), [])
        self.assertEqual(int(sql("SELECT COUNT(*) FROM password_resets WHERE user_id = %s", disabled["id"])[0][0]), 0)
        row = sql("SELECT actor_label, client_address, after_value FROM audit_log"
                  " WHERE action = 'password.reset_requested' AND after_value LIKE %s", f"%{unknown}%")
        self.assertEqual(len(row), 1)
        self.assertEqual(row[0][:2], ["anonymous", "127.0.0.1"])
        self.assertIn('"mailed":false', row[0][2])

    def test_at_most_one_mail_a_minute_per_address(self):
        a = account("linked")
        for spelling in (a["email"], a["email"].upper(), " " + a["email"]):
            self.assertEqual(forgot(Client(), spelling).status, 303)
        processed()
        self.assertEqual(queued(a["email"], "password_reset"), 1)
        set_clock_offset(61)
        self.assertEqual(forgot(Client(), a["email"]).status, 303)
        processed()
        self.assertEqual(queued(a["email"], "password_reset"), 2)
        reasons = [r[0] for r in sql("SELECT after_value FROM audit_log WHERE action = 'password.reset_requested'"
                                     " AND target_user_id = %s ORDER BY id", a["id"])]
        self.assertEqual(sum('"mailed":true' in r for r in reasons), 2)
        self.assertEqual(sum('"too_soon"' in r for r in reasons), 2)

    def test_at_most_five_mails_a_day_and_the_same_answer_past_that(self):
        a = account("linked")
        answers = []
        for minute in range(6):
            set_clock_offset(minute * 61)
            answers.append(self.answer(a["email"]))
            processed()
        self.assertEqual(queued(a["email"], "password_reset"), 5)
        self.assertEqual(answers, [answers[0]] * 6)
        reasons = [r[0] for r in sql("SELECT after_value FROM audit_log WHERE action = 'password.reset_requested'"
                                     " AND target_user_id = %s ORDER BY id", a["id"])]
        self.assertEqual(sum('"mailed":true' in r for r in reasons), 5)
        self.assertIn('"daily_cap"', reasons[-1])
        set_clock_offset(24 * 3600 + 1)  # the first of the five is a day old
        self.assertEqual(self.answer(a["email"]), answers[0])
        processed()
        self.assertEqual(queued(a["email"], "password_reset"), 6)

    def test_the_client_address_limit_answers_429_past_the_burst(self):
        flood = Client(source="127.0.0.3")  # its own client address: other tests keep theirs
        statuses = []
        for _ in range(400):
            r = flood.post("/password/forgot", {"email": "a@b.hu"})  # no token: 403, nothing done
            statuses.append(r.status)
            if r.status == 429:
                break
        self.assertEqual(statuses[-1], 429, f"no 429 after {len(statuses)} POSTs")
        self.assertEqual(set(statuses[:-1]), {403})


class ResetFlowTest(ClockTestCase):
    def test_forgot_mail_reset_and_notification_in_both_languages(self):
        for lang, name, other_order in (("hu", "Kovács Anna", "Anna Kovács"), ("en", "Anna Kovács", "Kovács Anna")):
            with self.subTest(lang=lang):
                a = account("linked", language=lang)
                c = Client()
                self.assertEqual(forgot(c, a["email"]).status, 303)
                mail = wait_for_mail(a["email"], SUBJECT_RESET[lang])[0]
                self.assertEqual(mail["From"].addresses[0].addr_spec, "no-reply@munka.hu")
                self.assertEqual(mail["Content-Language"], lang)
                link = reset_link(mail)
                self.assertTrue(link.startswith(URL + "/password/reset?token="), link)
                self.assertIn(link.replace("&", "&amp;"), html_of(mail))
                self.assertIn("spam (levélszemét)" if lang == "hu" else "spam (junk mail)", text_of(mail))
                self.assertIn(("Kedves " if lang == "hu" else "Dear ") + name, text_of(mail))

                page = Client().get(local_path(link))
                self.assertEqual(page.status, 200)
                self.assertSecurityHeaders(page)
                self.assertIn(f'<html lang="{lang}">', page.text)
                self.assertIn(name, page.text)
                self.assertNotIn(other_order, page.text)
                self.assertIn("Jelszó megújítása" if lang == "hu" else "Renew password", page.text)
                self.assertEqual(set(page.form("/password/reset")),
                                 {"csrf_token", "token", "password", "password_confirm"})

                browser = Client()
                r = reset(browser, link, NEW_PASSWORD)
                self.assertEqual((r.status, r.header("Location")), (303, "/login?password_reset=1"))
                self.assertNotIn("ktk_session", "".join(r.all_headers("Set-Cookie")), "no automatic login")
                notice = browser.get("/login?password_reset=1")
                self.assertIn(f'<html lang="{lang}">', notice.text)
                self.assertIn("A jelszava megváltozott" if lang == "hu" else "Your password has been changed",
                              alerts(notice))

                changed = wait_for_mail(a["email"], SUBJECT_CHANGED[lang])[0]
                body = text_of(changed)
                self.assertIn("127.0.0.1", body)
                self.assertRegex(body, r"\d{4}(\. |-)\d\d(\. |-)\d\d\.? \d\d:\d\d:\d\d \((magyarországi idő|Hungarian"
                                       r" time), UTC\+[12]\)")
                self.assertIn("/password/forgot", body)
                self.assertIn("ktk-hd@lab.hu", body)
                self.assertIn("Ha NEM Ön" if lang == "hu" else "If you did NOT", body)

                wrong = login(Client(), a["email"], a["password"])
                self.assertIn(INVALID_LOGIN["hu"], alerts(wrong), "the old password fails")
                self.assertEqual(login(Client(), a["email"], NEW_PASSWORD).header("Location"), "/home")
                actions = audit_actions(a["id"])
                self.assertIn("password.reset_requested", actions)
                self.assertIn("password.reset_completed", actions)

    def test_a_used_link_is_refused(self):
        a = account("linked")
        link = request_link(a)
        self.assertEqual(reset(Client(), link, NEW_PASSWORD).status, 303)
        again = Client().get(local_path(link))
        self.assertEqual(again.status, 410)
        self.assertIn("A link már nem érvényes", again.text)
        self.assertIn('href="/password/forgot"', again.text)
        self.assertNotIn('name="password"', again.text)
        # Posting it again (a form kept open) changes nothing either.
        c = Client()
        token = c.get("/password/forgot").form()["csrf_token"]
        r = c.post("/password/reset", {"csrf_token": token, "token": token_of(link),
                                        "password": "Masodik-Jelszo-77", "password_confirm": "Masodik-Jelszo-77"})
        self.assertEqual(r.status, 410)
        self.assertEqual(login(Client(), a["email"], NEW_PASSWORD).status, 303)
        self.assertEqual(login(Client(), a["email"], "Masodik-Jelszo-77").status, 200)

    def test_two_presses_of_the_button_reset_once(self):
        a = account("linked")
        link = request_link(a)
        c = Client()
        form = c.get(local_path(link)).form("/password/reset")
        first = c.post("/password/reset", dict(form, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD))
        second = c.post("/password/reset", dict(form, password="Masodik-Jelszo-77", password_confirm="Masodik-Jelszo-77"))
        self.assertEqual((first.status, second.status), (303, 410))
        self.assertEqual(audit_actions(a["id"]).count("password.reset_completed"), 1)

    def test_a_reset_voids_every_other_outstanding_link(self):
        a = account("linked")
        first = request_link(a)
        set_clock_offset(61)  # past the one-mail-a-minute limit
        second = request_link(a)
        self.assertNotEqual(token_of(first), token_of(second))
        self.assertEqual(reset(Client(), second, NEW_PASSWORD).status, 303)
        self.assertEqual(Client().get(local_path(first)).status, 410)
        self.assertEqual(sql("SELECT COUNT(*) FROM password_resets WHERE user_id = %s AND used_at IS NULL", a["id"]),
                         [["0"]])

    def test_a_link_past_one_hour_is_refused(self):
        a = account("linked")
        link = request_link(a)
        c = Client()
        set_clock_offset(3540)
        form = c.get(local_path(link)).form("/password/reset")
        self.assertIn("token", form, "still valid a minute before the hour")
        set_clock_offset(3601)
        page = Client().get(local_path(link))
        self.assertEqual(page.status, 410)
        self.assertIn("A link lejárt", page.text)
        self.assertIn("1 óráig", page.text)
        self.assertIn('href="/password/forgot"', page.text)
        r = c.post("/password/reset", dict(form, password=NEW_PASSWORD, password_confirm=NEW_PASSWORD))
        self.assertEqual(r.status, 410)
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 303, "the password did not change")

    def test_get_and_head_never_use_the_link_up(self):
        a = account("linked")
        link = request_link(a)
        for method in ("GET", "HEAD", "GET"):
            self.assertEqual(Client().request(method, local_path(link)).status, 200)
        self.assertEqual(sql("SELECT COUNT(*) FROM password_resets WHERE token_hash = %s AND used_at IS NULL",
                             hashlib.sha256(token_of(link).encode()).hexdigest()), [["1"]])
        self.assertEqual(reset(Client(), link, NEW_PASSWORD).status, 303)

    def test_only_the_hash_of_the_token_is_stored_and_it_lives_one_hour(self):
        a = account("linked")
        token = token_of(request_link(a))
        rows = sql("SELECT token_hash, TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM password_resets"
                   " WHERE user_id = %s", a["id"])
        self.assertEqual(rows, [[hashlib.sha256(token.encode()).hexdigest(), "3600"]])
        everything = "\n".join("\t".join(r) for r in sql("SELECT * FROM password_resets"))
        self.assertNotIn(token, everything)
        self.assertNotIn(token, "\n".join("\t".join(r) for r in sql("SELECT * FROM audit_log")))

    def test_unknown_and_malformed_links_get_a_clear_page(self):
        for query in ("", "?token=", "?token=abc", "?token=" + "A" * 43, "?token=%3Cscript%3E"):
            r = Client().get("/password/reset" + query)
            self.assertEqual(r.status, 404, query)
            self.assertIn("Érvénytelen link", r.text)
            self.assertIn('href="/password/forgot"', r.text)
            self.assertNotIn("<script>", r.text)
        self.assertIn("Invalid link", Client().get("/password/reset?lang=en&token=x").text)

    def test_host_header_does_not_change_the_link(self):
        a = account("linked")
        r = forgot(Client(), a["email"], headers={"Host": "evil.test"})
        self.assertEqual(r.status, 303)
        link = reset_link(wait_for_mail(a["email"], SUBJECT_RESET["hu"])[0])
        self.assertTrue(link.startswith(URL + "/"), link)
        self.assertNotIn("evil.test", link)

    def test_a_name_with_script_is_shown_as_text(self):
        a = account("linked", last="<script>alert(1)</script>", first="Anna")
        link = request_link(a)
        page = Client().get(local_path(link))
        self.assertEqual(page.status, 200)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Anna", page.text)
        self.assertNotIn("<script>alert", page.text)
        r = reset(Client(), link, "rovid")  # the error page shows the name too
        self.assertEqual(r.status, 422)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Anna", r.text)
        self.assertNotIn("<script>alert", r.text)
        mail = wait_for_mail(a["email"], SUBJECT_RESET["hu"])[0]
        self.assertNotIn("<script>alert", html_of(mail))

    def test_the_reset_page_never_shows_the_email_address(self):
        a = account("linked", email=unique_email("Titok.Cim"))
        link = request_link(a)
        pages = [Client().get(local_path(link)), Client().get(local_path(link).replace("lang=hu", "lang=en")),
                 reset(Client(), link, "rovid"), reset(Client(), link, NEW_PASSWORD, "Mas-Jelszo-2026")]
        self.assertEqual([p.status for p in pages], [200, 200, 422, 422])
        for page in pages:
            self.assertIn("Kovács Anna" if '<html lang="hu">' in page.text else "Anna Kovács", page.text)
            self.assertNotIn(a["email"].lower(), page.text.lower())
            self.assertNotIn(a["email"].split("@")[0].lower(), page.text.lower())

    def test_policy_violations_are_shown_per_field_and_keep_the_link(self):
        a = account("linked")
        link = request_link(a)
        for password, confirm, field, text in (
                ("rovid", "rovid", "password", "legalább 8 karakter"),
                ("csakkisbetu1", "csakkisbetu1", "password", "nagybetű"),
                ("Password1", "Password1", "password", "túl gyakori"),
                ("Kovacs-Anna-99", "Kovacs-Anna-99", "password", "nem tartalmazhatja a nevét"),
                (NEW_PASSWORD, "", "password_confirm", "Írja be a jelszót még egyszer."),
                (NEW_PASSWORD, NEW_PASSWORD + "x", "password_confirm", "A két jelszó nem egyezik.")):
            with self.subTest(password=password, confirm=confirm):
                r = reset(Client(), link, password, confirm)
                self.assertEqual(r.status, 422)
                self.assertIn(f'id="{field}-error"', r.text)
                self.assertIn(text, r.text)
                self.assertIn(f'href="#{field}"', r.text)
                self.assertEqual(r.form("/password/reset")["token"], token_of(link))
                self.assertEqual(r.form("/password/reset")["password"], "", "passwords are never sent back")
        self.assertEqual(sql("SELECT COUNT(*) FROM password_resets WHERE user_id = %s AND used_at IS NULL",
                             a["id"]), [["1"]])
        self.assertEqual(login(Client(), a["email"], a["password"]).status, 303)
        self.assertEqual(reset(Client(), link, NEW_PASSWORD).status, 303)

    def test_a_reset_while_locked_works_and_lifts_the_lock(self):
        a = account("linked")
        sql("INSERT INTO login_throttle (user_id, failures, last_failure_at, locked_until)"
            " VALUES (%s, 12, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 15 MINUTE)", a["id"])
        self.assertIn(INVALID_LOGIN["hu"], alerts(login(Client(), a["email"], a["password"])))
        link = request_link(a)
        self.assertEqual(reset(Client(), link, NEW_PASSWORD).status, 303)
        self.assertEqual(sql("SELECT COUNT(*) FROM login_throttle WHERE user_id = %s", a["id"]), [["0"]])
        self.assertEqual(login(Client(), a["email"], NEW_PASSWORD).header("Location"), "/home")
        after = sql("SELECT after_value FROM audit_log WHERE action = 'password.reset_completed'"
                    " AND target_user_id = %s", a["id"])[0][0]
        self.assertIn('"lock_lifted":true', after)

    def test_a_reset_ends_every_session_of_the_account(self):
        a = account("linked")
        phone, laptop = Client(), Client()
        for c in (phone, laptop):
            self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        link = request_link(a)
        self.assertEqual(reset(laptop, link, NEW_PASSWORD).status, 303)
        for c in (phone, laptop):
            self.assertEqual(c.get("/home").header("Location"), "/login?expired=1")
        self.assertEqual(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", a["id"]), [["0"]])
        self.assertIn('"sessions_ended":2', sql("SELECT after_value FROM audit_log WHERE action ="
                                                " 'password.reset_completed' AND target_user_id = %s",
                                                a["id"])[0][0])

    def test_a_link_unused_when_the_password_changes_on_the_security_tab_is_refused(self):
        a = account("linked")
        link = request_link(a)
        c = Client()
        self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        r = c.submit("/profile/security", {"current_password": a["password"], "password": NEW_PASSWORD,
                                           "password_confirm": NEW_PASSWORD})
        self.assertEqual(r.status, 303)
        self.assertEqual(Client().get(local_path(link)).status, 410)
        self.assertEqual(reset(Client(), link, "Harmadik-Jelszo-5").status, 410)
        self.assertEqual(login(Client(), a["email"], NEW_PASSWORD).status, 303)

    def test_a_link_unused_when_an_operator_sets_the_password_is_refused(self):
        a = account("linked")
        link = request_link(a)
        set_password(a["email"], "Uzemelteto-Jelszo-1")
        self.assertEqual(Client().get(local_path(link)).status, 410)
        self.assertEqual(login(Client(), a["email"], "Uzemelteto-Jelszo-1").status, 303)

    def test_a_link_of_an_account_disabled_since_the_mail_does_nothing(self):
        a = account("linked")
        link = request_link(a)
        stored = sql("SELECT password_hash FROM users WHERE id = %s", a["id"])
        sql("UPDATE users SET disabled_at = UTC_TIMESTAMP() WHERE id = %s", a["id"])
        self.assertEqual(Client().get(local_path(link)).status, 404)
        self.assertEqual(reset(Client(), link, NEW_PASSWORD).status, 404)
        self.assertEqual(sql("SELECT password_hash FROM users WHERE id = %s", a["id"]), stored)
        self.assertNotIn("password.reset_completed", audit_actions(a["id"]))


class AccessLogTest(TestCase):
    def test_nginx_logs_a_reset_link_with_its_token_hidden(self):
        """nginx/ktk-log.conf, as the production sites use it: the path and
        the other parameters stay, the token does not."""
        link = request_link(account("linked"))
        marker = unique_email("log").split("@")[0]
        self.assertEqual(Client().get(local_path(link) + f"&n={marker}").status, 200)
        self.assertEqual(Client().get(f"/confirm?lang=en&token=made-up-{marker}x&n={marker}").status, 404)
        log = os.path.join(VAR, "log", "nginx-access.log")

        def logged():
            with open(log, encoding="utf-8", errors="replace") as f:
                lines = [line for line in f if marker in line]
            return lines if len(lines) == 2 else None

        reset_line, confirm_line = wait_until(logged, what="both requests in nginx's access log")
        self.assertIn(f'"GET /password/reset?token=[redacted]&lang=hu&n={marker} HTTP/1.1" 200 ', reset_line)
        self.assertIn(f'"GET /confirm?lang=en&token=[redacted]&n={marker} HTTP/1.1" 404 ', confirm_line)
        self.assertNotIn(token_of(link), reset_line)
        self.assertNotIn("made-up-", confirm_line)
