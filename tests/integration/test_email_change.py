"""Changing one's e-mail address (SPEC §8; README, "Changing the e-mail
address"): /profile/email, the confirmation link to the new address
(/profile/email/confirm), the cancel link to the old one
(/profile/email/cancel), and a clerk starting it from /admin/email. Mails
are read back from the stack's Maildir; time moves through the clock
offset file."""
import html
import re
import urllib.parse

from ktk_accounts import PASSWORD, account, clerk, unique_email
from ktk_test import Client, TestCase, mails, set_clock_offset, sql, wait_until

SUBJECTS = {
    "hu": {"confirm": "Erősítse meg az új e-mail címét",
           "notice": "Kérés a KTK-fiókja e-mail címének módosítására",
           "taken": "Az e-mail címét egy másik KTK-fiókhoz adták meg",
           "changed": "Megváltozott a KTK-fiókja e-mail címe",
           "reverted": "Visszaállították a KTK-fiókja korábbi e-mail címét"},
    "en": {"confirm": "Confirm your new e-mail address",
           "notice": "Request to change your KTK account's e-mail address",
           "taken": "Your e-mail address was given for another KTK account",
           "changed": "Your KTK account's e-mail address has changed",
           "reverted": "Your KTK account's previous e-mail address is back"},
}


def mails_to(address, subject=None):
    return [m for m in mails() if address.lower() in (m["To"] or "").lower()
            and (subject is None or m["Subject"] == subject)]


def wait_for_mail(address, subject, count=1):
    return wait_until(lambda: (lambda found: found if len(found) >= count else None)(mails_to(address, subject)),
                      timeout=30, what=f"{count} mail(s) '{subject}' to {address}")


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def link_in(message, path):
    m = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\?token=[A-Za-z0-9_-]+&lang=(?:hu|en))", text_of(message))
    assert m, f"no {path} link in:\n{text_of(message)}"
    return m.group(1)


def login(client, email, password=PASSWORD):
    return client.submit("/login", {"email": email, "password": password})


def logged_in(language="hu", **kw):
    a = account("linked", language=language, **kw)
    c = Client()
    r = login(c, a["email"])
    assert r.status == 303, r
    return a, c


def ask(client, new_email, password=PASSWORD):
    return client.submit("/profile/email", {"new_email": new_email, "current_password": password})


def stored_email(user_id):
    return sql("SELECT email, email_key FROM users WHERE id = %s", user_id)[0]


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def field_error(r, field):
    m = re.search(r'<p class="field-error" id="' + field + r'-error">(.*?)</p>', r.text, re.S)
    return html.unescape(m.group(1)) if m else None


def audit_actions(user_id):
    return [row[0] for row in sql("SELECT action FROM audit_log WHERE target_user_id = %s AND action LIKE 'email.%%'"
                                  " ORDER BY id", user_id)]


def is_logged_in(client):
    return client.get("/profile").status == 200


def requested(test, language="hu"):
    """A logged-in account that asked for a change to a fresh address; returns
    (account, client, new address, confirm link, cancel link)."""
    a, c = logged_in(language)
    new = unique_email("new")
    r = ask(c, new)
    test.assertEqual((r.status, r.header("Location")), (303, "/profile/email?sent=1"), r.text[:2000])
    s = SUBJECTS[language]
    confirm = link_in(wait_for_mail(new, s["confirm"])[0], "/profile/email/confirm")
    cancel = link_in(wait_for_mail(a["email"], s["notice"])[0], "/profile/email/cancel")
    return a, c, new, confirm, cancel


class ClockTestCase(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)


class RequestTest(ClockTestCase):
    def test_the_profile_links_to_the_form_which_shows_the_current_address(self):
        a, c = logged_in()
        self.assertIn('href="/profile/email"', c.get("/profile").text)
        r = c.get("/profile/email")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        self.assertIn(a["email"], r.text)
        form = r.form("/profile/email")
        self.assertIn("csrf_token", form)
        self.assertIn('name="new_email"', r.text)
        self.assertIn('name="current_password"', r.text)
        self.assertIn('<label for="new_email">', r.text)

    def test_visitors_go_to_login(self):
        self.assertEqual(Client().get("/profile/email").header("Location"), "/login")

    def test_a_request_changes_nothing_but_mails_both_addresses(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(stored_email(a["id"]), [a["email"], a["email"].lower()])
        sent = c.get("/profile/email?sent=1")
        self.assertIn("Elküldtük a megerősítő levelet", alerts(sent))
        self.assertIn("spam", alerts(sent))
        notice = text_of(mails_to(a["email"], SUBJECTS["hu"]["notice"])[0])
        self.assertIn(new, notice)
        self.assertIn("az Ön jelszavával", notice)
        self.assertIn("72 óráig", notice)
        to_new = text_of(mails_to(new, SUBJECTS["hu"]["confirm"])[0])
        self.assertIn("24 óráig", to_new)
        self.assertNotIn(a["email"], to_new, "the old address is not told to the new one")
        self.assertEqual(audit_actions(a["id"]), ["email.change_requested"])
        # Only hashes are stored.
        token = confirm.split("token=")[1].split("&")[0]
        self.assertEqual(sql("SELECT COUNT(*) FROM email_changes WHERE confirm_hash = %s OR cancel_hash = %s",
                             token, token), [["0"]])

    def test_a_wrong_password_is_counted_and_nothing_is_stored(self):
        a, c = logged_in()
        new = unique_email("new")
        r = ask(c, new, "Rossz-Jelszo-1")
        self.assertEqual(r.status, 422)
        self.assertIn("A jelszó nem helyes", field_error(r, "current_password"))
        self.assertIn(f'value="{new}"', r.text, "the typed address is kept")
        self.assertNotIn("Rossz-Jelszo-1", r.text)
        self.assertEqual(sql("SELECT failures FROM login_throttle WHERE user_id = %s", a["id"]), [["1"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM email_changes WHERE user_id = %s", a["id"]), [["0"]])
        row = sql("SELECT actor_label FROM audit_log WHERE action = 'login.failure' AND target_user_id = %s",
                  a["id"])
        self.assertEqual(row, [[f"user:{a['id']}"]])
        self.assertEqual(mails_to(new), [])

    def test_bad_addresses_and_a_missing_password_are_refused_per_field(self):
        a, c = logged_in()
        cases = [("", "new_email"), ("nem-cim", "new_email"), ("a@" + "b" * 250 + ".hu", "new_email"),
                 (a["email"].upper(), "new_email"), ("-x@example.hu", "new_email")]
        for typed, field in cases:
            with self.subTest(typed=typed):
                r = ask(c, typed)
                self.assertEqual(r.status, 422)
                self.assertTrue(field_error(r, field), r.text[:3000])
        r = ask(c, unique_email("new"), "")
        self.assertEqual(r.status, 422)
        self.assertEqual(field_error(r, "current_password"), "Adja meg a jelenlegi jelszavát.")
        self.assertEqual(sql("SELECT COUNT(*) FROM email_changes WHERE user_id = %s", a["id"]), [["0"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM login_throttle WHERE user_id = %s AND failures > 0", a["id"]),
                         [["0"]], "no password was checked")
        b, en = logged_in("en")
        self.assertEqual(field_error(ask(en, b["email"]), "new_email"),
                         "This is your current e-mail address. Enter a different one.")

    def test_posts_need_the_csrf_token(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(c.post("/profile/email", {"new_email": unique_email(), "current_password": PASSWORD}).status,
                         403)
        token = confirm.split("token=")[1].split("&")[0]
        self.assertEqual(Client().post("/profile/email/confirm", {"token": token}).status, 403)
        ctoken = cancel.split("token=")[1].split("&")[0]
        self.assertEqual(Client().post("/profile/email/cancel", {"token": ctoken}).status, 403)
        self.assertEqual(stored_email(a["id"])[0], a["email"])
        self.assertEqual(sql("SELECT confirmed_at IS NULL, cancelled_at IS NULL FROM email_changes"
                             " WHERE user_id = %s", a["id"]), [["1", "1"]])

    def test_a_taken_address_gets_the_same_answer_and_its_owner_a_notice(self):
        other = account("linked", language="en")
        a, c = logged_in()
        free = unique_email("free")
        r_free = ask(c, free)
        set_clock_offset(61)  # one request a minute
        r_taken = ask(c, other["email"].upper())
        self.assertEqual((r_taken.status, r_taken.header("Location")), (r_free.status, r_free.header("Location")))
        # The old address hears of both requests alike.
        notices = wait_for_mail(a["email"], SUBJECTS["hu"]["notice"], 2)
        self.assertIn(other["email"].upper(), text_of(notices[1]))
        self.assertIn("/profile/email/cancel?token=", text_of(notices[1]))
        # The owner of the taken address is told, in their language; no link goes to it.
        taken = wait_for_mail(other["email"], SUBJECTS["en"]["taken"])
        self.assertNotIn("/profile/email/confirm", text_of(taken[0]))
        self.assertEqual([m["Subject"] for m in mails_to(other["email"])], [SUBJECTS["en"]["taken"]])
        self.assertEqual(stored_email(a["id"])[0], a["email"])
        self.assertEqual(stored_email(other["id"])[0], other["email"])

    def test_one_request_a_minute_and_five_a_day(self):
        a, c = logged_in()
        self.assertEqual(ask(c, unique_email("new")).status, 303)
        r = ask(c, unique_email("new"))
        self.assertEqual(r.status, 422)
        self.assertIn("Egy percen belül csak egyszer", field_error(r, "new_email"))
        for minute in range(1, 5):
            set_clock_offset(minute * 61)
            self.assertEqual(ask(c, unique_email("new")).status, 303, minute)
        set_clock_offset(5 * 61)
        r = ask(c, unique_email("new"))
        self.assertEqual(r.status, 422)
        self.assertIn("24 óra múlva", field_error(r, "new_email"))
        self.assertEqual(len(wait_for_mail(a["email"], SUBJECTS["hu"]["notice"], 5)), 5)
        # Only the newest request can be confirmed.
        self.assertEqual(sql("SELECT COUNT(*) FROM email_changes WHERE user_id = %s AND cancelled_at IS NULL",
                             a["id"]), [["1"]])


class ConfirmTest(ClockTestCase):
    def test_the_link_shows_a_button_and_only_the_post_changes_the_address(self):
        a, c, new, confirm, cancel = requested(self)
        other_session = Client()
        login(other_session, a["email"])
        d = Client()
        for _ in range(2):  # a mail scanner's GET changes nothing
            r = d.get(confirm)
            self.assertEqual(r.status, 200)
            self.assertSecurityHeaders(r)
            self.assertIn(new, r.text)
            self.assertIn("Megerősítés", r.text)
        self.assertEqual(stored_email(a["id"])[0], a["email"])
        r = d.submit(confirm, {})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/email/confirm?done=1"))
        self.assertIn("megváltozott", alerts(d.get("/profile/email/confirm?done=1")))
        self.assertEqual(stored_email(a["id"]), [new, new.lower()])
        # Every session ended (the confirming browser had none of the account).
        self.assertFalse(is_logged_in(c))
        self.assertFalse(is_logged_in(other_session))
        # The new address logs in, the old one no longer.
        self.assertEqual(login(Client(), new).status, 303)
        self.assertEqual(login(Client(), a["email"]).status, 200)
        # Both addresses are told; the old one with the link back.
        to_new = text_of(wait_for_mail(new, SUBJECTS["hu"]["changed"])[0])
        self.assertIn("ezzel a címmel lépjen be", to_new)
        to_old = wait_for_mail(a["email"], SUBJECTS["hu"]["changed"])[0]
        self.assertIn(new, text_of(to_old))
        link_in(to_old, "/profile/email/cancel")
        self.assertEqual(audit_actions(a["id"]), ["email.change_requested", "email.changed"])
        self.assertEqual(sql("SELECT devices_revoked_at IS NOT NULL FROM users WHERE id = %s", a["id"]), [["1"]])

    def test_confirming_in_the_accounts_own_browser_keeps_that_session_only(self):
        a, c, new, confirm, cancel = requested(self)
        other_session = Client()
        login(other_session, a["email"])
        r = c.submit(confirm, {})
        self.assertEqual(r.status, 303)
        self.assertTrue(is_logged_in(c))
        self.assertIn(new, c.get("/profile").text)
        self.assertFalse(is_logged_in(other_session))

    def test_a_link_works_once(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(Client().submit(confirm, {}).status, 303)
        d = Client()
        r = d.get(confirm)
        self.assertEqual(r.status, 410)
        self.assertIn("már nem érvényes", r.text)
        self.assertEqual(Client().get(cancel).status, 200, "the cancel link still works after the change")
        self.assertEqual(len(wait_for_mail(new, SUBJECTS["hu"]["changed"])), 1)

    def test_a_second_press_of_the_button_changes_nothing_more(self):
        a, c, new, confirm, cancel = requested(self)
        d = Client()
        form = d.get(confirm).form("/profile/email/confirm")
        self.assertEqual(d.post("/profile/email/confirm", form).status, 303)
        r = d.post("/profile/email/confirm", form)
        self.assertEqual(r.status, 410)
        self.assertEqual(audit_actions(a["id"]).count("email.changed"), 1)

    def test_a_link_expires_after_24_hours(self):
        a, c, new, confirm, cancel = requested(self)
        set_clock_offset(24 * 3600 + 60)
        r = Client().get(confirm)
        self.assertEqual(r.status, 410)
        self.assertIn("24 óráig érvényes", r.text)
        d = Client()
        csrf = d.get("/login").form()["csrf_token"]
        token = confirm.split("token=")[1].split("&")[0]
        self.assertEqual(d.post("/profile/email/confirm", {"csrf_token": csrf, "token": token}).status, 410)
        self.assertEqual(stored_email(a["id"])[0], a["email"])

    def test_unknown_links(self):
        for token in ("", "x" * 43, "nonsense", "'; DROP TABLE users; --"):
            query = urllib.parse.urlencode({"token": token})
            r = Client().get("/profile/email/confirm?" + query)
            self.assertEqual(r.status, 404, token)
            self.assertIn("Ismeretlen link", r.text)
            self.assertEqual(Client().get("/profile/email/cancel?" + query).status, 404)

    def test_an_address_taken_meanwhile_changes_nothing(self):
        a, c, new, confirm, cancel = requested(self)
        other = account("unlinked", email=new)
        r = Client().submit(confirm, {})
        self.assertEqual(r.status, 409)
        self.assertIn("egy másik fiók kezdte használni", alerts(r))
        self.assertEqual(stored_email(a["id"])[0], a["email"])
        self.assertEqual(stored_email(other["id"])[0], new)
        self.assertTrue(is_logged_in(c), "nothing changed: the sessions go on")
        self.assertEqual(mails_to(new, SUBJECTS["hu"]["changed"]), [])

    def test_a_newer_request_voids_the_older_link(self):
        a, c, new, confirm, cancel = requested(self)
        set_clock_offset(61)
        newer = unique_email("newer")
        self.assertEqual(ask(c, newer).status, 303)
        self.assertEqual(Client().get(confirm).status, 410)
        link = link_in(wait_for_mail(newer, SUBJECTS["hu"]["confirm"])[0], "/profile/email/confirm")
        self.assertEqual(Client().submit(link, {}).status, 303)
        self.assertEqual(stored_email(a["id"])[0], newer)


class CancelTest(ClockTestCase):
    def test_cancelling_a_pending_change(self):
        a, c, new, confirm, cancel = requested(self)
        d = Client()
        r = d.get(cancel)
        self.assertEqual(r.status, 200)
        self.assertIn(new, r.text)
        r = d.submit(cancel, {})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/email/cancel?done=cancelled"))
        self.assertIn("visszavontuk", alerts(d.get(r.header("Location"))))
        self.assertEqual(Client().get(confirm).status, 410)
        self.assertEqual(Client().get(cancel).status, 410)
        self.assertEqual(stored_email(a["id"])[0], a["email"])
        self.assertTrue(is_logged_in(c))
        self.assertEqual(audit_actions(a["id"]), ["email.change_requested", "email.change_cancelled"])

    def test_cancelling_after_the_change_switches_back_and_ends_every_session(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(c.submit(confirm, {}).status, 303)  # kept its session
        newcomer = Client()
        self.assertEqual(login(newcomer, new).status, 303)
        d = Client()
        r = d.get(cancel)
        self.assertEqual(r.status, 200)
        self.assertIn("A korábbi cím visszaállítása", r.text)
        r = d.submit(cancel, {})
        self.assertEqual((r.status, r.header("Location")), (303, "/profile/email/cancel?done=reverted"))
        self.assertIn("/password/forgot", d.get(r.header("Location")).text)
        self.assertEqual(stored_email(a["id"]), [a["email"], a["email"].lower()])
        self.assertFalse(is_logged_in(c))
        self.assertFalse(is_logged_in(newcomer))
        self.assertEqual(login(Client(), a["email"]).status, 303)
        self.assertEqual(login(Client(), new).status, 200)
        wait_for_mail(a["email"], SUBJECTS["hu"]["reverted"])
        wait_for_mail(new, SUBJECTS["hu"]["reverted"])
        self.assertEqual(audit_actions(a["id"]),
                         ["email.change_requested", "email.changed", "email.change_reverted"])
        # Done once: both cancel links are used up.
        revert = link_in(wait_for_mail(a["email"], SUBJECTS["hu"]["changed"])[0], "/profile/email/cancel")
        self.assertEqual(Client().get(revert).status, 410)
        self.assertEqual(Client().get(cancel).status, 410)

    def test_a_later_request_does_not_take_the_way_back(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(c.submit(confirm, {}).status, 303)
        set_clock_offset(61)
        self.assertEqual(ask(c, unique_email("third")).status, 303)
        self.assertEqual(Client().get(cancel).status, 200)
        self.assertEqual(Client().submit(cancel, {}).status, 303)
        self.assertEqual(stored_email(a["id"])[0], a["email"])

    def test_the_link_in_the_changed_mail_switches_back_too(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(Client().submit(confirm, {}).status, 303)
        revert = link_in(wait_for_mail(a["email"], SUBJECTS["hu"]["changed"])[0], "/profile/email/cancel")
        self.assertEqual(Client().submit(revert, {}).status, 303)
        self.assertEqual(stored_email(a["id"])[0], a["email"])

    def test_switching_back_works_for_72_hours_after_the_change(self):
        a, c, new, confirm, cancel = requested(self)
        set_clock_offset(3600)
        self.assertEqual(Client().submit(confirm, {}).status, 303)
        set_clock_offset(3600 + 72 * 3600 + 60)
        r = Client().get(cancel)
        self.assertEqual(r.status, 410)
        self.assertIn("72", r.text)
        self.assertEqual(stored_email(a["id"])[0], new)

    def test_a_pending_change_cannot_be_cancelled_after_it_expired(self):
        a, c, new, confirm, cancel = requested(self)
        set_clock_offset(24 * 3600 + 60)
        self.assertEqual(Client().get(cancel).status, 410)

    def test_an_old_address_taken_meanwhile_is_not_switched_back(self):
        a, c, new, confirm, cancel = requested(self)
        self.assertEqual(Client().submit(confirm, {}).status, 303)
        squatter = account("pending", email=a["email"])
        r = Client().submit(cancel, {})
        self.assertEqual(r.status, 409)
        self.assertEqual(stored_email(a["id"])[0], new)
        self.assertEqual(stored_email(squatter["id"])[0], a["email"])
        self.assertIn("email.revert_refused", audit_actions(a["id"]))


class ClerkTest(ClockTestCase):
    def test_a_clerk_only_starts_the_confirmation(self):
        a = account("linked", language="en")
        k = clerk(office_id=a["office_id"])
        kc = Client()
        self.assertEqual(login(kc, k["email"]).status, 303)
        search = kc.get("/admin?q=" + a["email"])
        self.assertIn("/admin/email?email=", search.text)
        r = kc.get("/admin/email?email=" + a["email"])
        self.assertEqual(r.status, 200)
        self.assertIn(a["email"], r.text)
        new = unique_email("new")
        r = kc.submit("/admin/email?email=" + a["email"], {"new_email": new}, action="/admin/email")
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertIn("done=email_change", r.header("Location"))
        self.assertEqual(stored_email(a["id"])[0], a["email"], "nothing changes before the confirmation")
        notice = text_of(wait_for_mail(a["email"], SUBJECTS["en"]["notice"])[0])
        self.assertIn("district office", notice)
        confirm = link_in(wait_for_mail(new, SUBJECTS["en"]["confirm"])[0], "/profile/email/confirm")
        row = sql("SELECT actor_user_id, actor_label FROM audit_log WHERE action = 'email.change_requested'"
                  " AND target_user_id = %s", a["id"])
        self.assertEqual(row, [[str(k["id"]), f"user:{k['id']}"]])
        self.assertEqual(Client().submit(confirm, {}).status, 303)
        self.assertEqual(stored_email(a["id"])[0], new)

    def test_a_clerk_of_another_office_is_refused(self):
        a = account("linked")
        k = clerk()
        kc = Client()
        login(kc, k["email"])
        self.assertEqual(kc.get("/admin/email?email=" + a["email"]).status, 403)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied' AND actor_user_id = %s"
                             " AND target_user_id = %s", k["id"], a["id"]), [["1"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM email_changes WHERE user_id = %s", a["id"]), [["0"]])

    def test_the_clerk_form_validates_the_address(self):
        a = account("linked")
        k = clerk(office_id=a["office_id"])
        kc = Client()
        login(kc, k["email"])
        r = kc.submit("/admin/email?email=" + a["email"], {"new_email": "nem-cim"}, action="/admin/email")
        self.assertEqual(r.status, 422)
        self.assertTrue(field_error(r, "new_email"))
        self.assertEqual(kc.post("/admin/email", {"email": a["email"], "new_email": unique_email()}).status, 403)


class EnglishTest(ClockTestCase):
    def test_the_whole_change_in_english(self):
        a, c, new, confirm, cancel = requested(self, "en")
        self.assertIn("We sent the confirmation mail", alerts(c.get("/profile/email?sent=1")))
        d = Client(lang="en")
        r = d.get(confirm)
        self.assertIn("Confirm the new e-mail address", r.text)
        self.assertEqual(d.submit(confirm, {}).status, 303)
        self.assertIn("has changed", alerts(d.get("/profile/email/confirm?done=1")))
        wait_for_mail(new, SUBJECTS["en"]["changed"])
        self.assertIn("Switch back", Client(lang="en").get(cancel).text)
