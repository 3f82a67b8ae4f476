"""Resetting a lost second factor ("Losing the phone") through the real
stack: the operator's `ktk-admin user reset-2fa` for any account, and a
clerk's /admin/reset-two-factor for a contact of their office. Each
removes the authenticator and the recovery codes, ends the account's
sessions, is audited with who did it, and mails the person in their
language; nothing happens to an unknown address, to an account without a
second factor, to a clerk's account in the admin area, or without the
session's CSRF token. Enrolled accounts are set up in the database (the
secret's content does not matter to a reset)."""
import urllib.parse

from ktk_accounts import account, clerk, office, run_admin
from ktk_test import Client, TestCase, sql
from test_admin import alerts, audit_rows, clerk_client, login, sessions, text_of, visible_text, wait_for_mail


def enrol(user_id, recovery_codes=3):
    """The account as a finished enrolment leaves it: a confirmed
    authenticator and unused recovery codes."""
    sql("INSERT INTO user_totp (user_id, secret_sealed, kek_id, created_at, confirmed_at)"
        " VALUES (%s, 'c2VhbGVk', 'k1', UTC_TIMESTAMP(), UTC_TIMESTAMP())", user_id)
    for n in range(recovery_codes):
        sql("INSERT INTO user_recovery_codes (user_id, code_hash) VALUES (%s, SHA2(%s, 256))", user_id, f"{user_id}-{n}")


def factor_rows(user_id):
    return sum(int(sql(f"SELECT COUNT(*) FROM {table} WHERE user_id = %s", user_id)[0][0])
               for table in ("user_totp", "user_recovery_codes"))


def queued(address):
    return int(sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s AND kind = 'second_factor_reset'",
                   address)[0][0])


HU_SUBJECT = "KTK: kikapcsoltuk a fiókja kétlépcsős azonosítását"
EN_SUBJECT = "KTK: two-step verification was turned off for your account"


def reset_page(email):
    return "/admin/reset-two-factor?email=" + urllib.parse.quote(email)


class OperatorResetTest(TestCase):
    def test_the_command_removes_the_factor_ends_the_sessions_audits_and_mails(self):
        user = account("linked", language="hu")
        browser = Client()
        login(browser, user)
        enrol(user["id"])
        self.assertEqual(sessions(user["id"]), 1)
        r = run_admin("user", "reset-2fa", "--email", "  " + user["email"].upper() + " ")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(user["email"], r.stdout)
        self.assertIn("1 session(s) ended", r.stdout)
        self.assertEqual(factor_rows(user["id"]), 0)
        self.assertEqual(sessions(user["id"]), 0)
        self.assertEqual(browser.get("/profile").status, 303)  # logged out
        rows = audit_rows("twofactor.reset", user_id=user["id"])
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["actor"].startswith("cli:"), rows[0]["actor"])
        self.assertEqual(rows[0]["after"], {"second_factor": None, "sessions_ended": 1})
        body = text_of(wait_for_mail(user["email"], HU_SUBJECT))
        for text in ("Kedves Kovács Anna!", "kikapcsoltuk a kétlépcsős azonosítást", "Ki végezte: a KTK üzemeltetője.",
                     "a Biztonság fülön", "Ha NEM Ön kérte", "/password/forgot?lang=hu"):
            self.assertIn(text, body)

    def test_a_clerks_factor_is_reset_and_the_english_mail_says_to_enrol_at_the_next_login(self):
        c = clerk(language="en", last="Tóth", first="Gábor", enrol=False)
        enrol(c["id"])
        r = run_admin("user", "reset-2fa", "--email", c["email"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(factor_rows(c["id"]), 0)
        body = text_of(wait_for_mail(c["email"], EN_SUBJECT))
        for text in ("Dear Gábor Tóth,", "Done by: the KTK operator.", "At your next login", "If you did NOT ask"):
            self.assertIn(text, body)
        self.assertNotIn("Security tab", body)

    def test_an_unknown_address_is_refused_and_nothing_is_mailed(self):
        r = run_admin("user", "reset-2fa", "--email", "nobody.lost.a.phone@example.hu")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no account with the e-mail address nobody.lost.a.phone@example.hu", r.stderr)
        self.assertEqual(queued("nobody.lost.a.phone@example.hu"), 0)

    def test_an_account_without_a_second_factor_is_refused_and_keeps_its_sessions(self):
        user = account("linked")
        login(Client(), user)
        r = run_admin("user", "reset-2fa", "--email", user["email"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("has no second factor", r.stderr)
        self.assertEqual(sessions(user["id"]), 1)
        self.assertEqual(audit_rows("twofactor.reset", user_id=user["id"]), [])
        self.assertEqual(queued(user["email"]), 0)

    def test_usage_and_an_invalid_address(self):
        self.assertEqual(run_admin("user", "reset-2fa").returncode, 64)
        self.assertEqual(run_admin("user", "reset-2fa", "--email", "not an address").returncode, 65)
        self.assertIn("user reset-2fa --email E", run_admin().stderr)


class AdminAreaResetTest(TestCase):
    def setUp(self):
        self.office = office()
        self.clerk, self.client = clerk_client(self.office)
        self.user = account("linked", office_id=self.office, language="en", last="Nagy", first="Péter")
        self.browser = Client()
        login(self.browser, self.user)  # before the second factor: the login's second step is not the subject here
        enrol(self.user["id"])

    def test_the_search_offers_the_reset_only_for_a_contact_with_a_second_factor(self):
        other = account("linked", office_id=self.office)
        page = self.client.get("/admin?q=" + urllib.parse.quote(self.user["email"]))
        self.assertIn("/admin/reset-two-factor?email=", page.text)
        page = self.client.get("/admin?q=" + urllib.parse.quote(other["email"]))
        self.assertNotIn("/admin/reset-two-factor", page.text)
        r = self.client.get(reset_page(other["email"]) + "&lang=en")
        self.assertEqual(r.status, 200)
        self.assertIn("This account has no two-step verification turned on", alerts(r))
        self.assertNotIn('action="/admin/reset-two-factor"', r.text)

    def test_a_clerk_resets_a_contacts_factor_with_audit_and_the_users_mail(self):
        self.assertEqual(sessions(self.user["id"]), 1)
        page = self.client.get(reset_page(self.user["email"]))
        self.assertEqual(page.status, 200)
        self.assertIn("Kétlépcsős azonosítás kikapcsolása", visible_text(page))
        self.assertIn("visszahívta", visible_text(page))
        self.assertIn("Telefonszám +36301234567", visible_text(page))  # to call the person back on
        r = self.client.submit(reset_page(self.user["email"]), {}, action="/admin/reset-two-factor")
        self.assertEqual(r.status, 303)
        self.assertIn("done=two_factor_reset", r.header("Location"))
        done = self.client.get(r.header("Location"))
        self.assertIn("A kétlépcsős azonosítást kikapcsolta", alerts(done))
        self.assertNotIn("/admin/reset-two-factor", done.text)  # nothing left to reset
        self.assertEqual(factor_rows(self.user["id"]), 0)
        self.assertEqual(sessions(self.user["id"]), 0)
        self.assertEqual(self.browser.get("/home").status, 303)  # logged out
        rows = audit_rows("twofactor.reset", user_id=self.user["id"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["actor"], f"user:{self.clerk['id']}")
        self.assertEqual(rows[0]["address"], "127.0.0.1")
        body = text_of(wait_for_mail(self.user["email"], EN_SUBJECT))
        self.assertIn("Dear Péter Nagy,", body)
        self.assertIn("Done by: a clerk of the district office (", body)
        self.assertIn("on the Security tab", body)
        # The office's audit page names the event in the page's language.
        audit = self.client.get("/admin/audit?lang=en&user=" + urllib.parse.quote(self.user["email"]))
        self.assertIn("Two-step verification turned off", visible_text(audit))

    def test_the_page_in_both_languages(self):
        hu = visible_text(self.client.get(reset_page(self.user["email"]) + "&lang=hu"))
        en = visible_text(self.client.get(reset_page(self.user["email"]) + "&lang=en"))
        self.assertIn("Kikapcsolom a kétlépcsős azonosítást", hu)
        self.assertIn("értesítő levelet kap", hu)
        self.assertIn("Turn off two-step verification", en)
        self.assertIn("gets a notification mail", en)
        self.assertIn(self.user["email"], en)

    def test_a_clerks_account_is_refused_in_the_admin_area(self):
        colleague = clerk(self.office, enrol=False)
        enrol(colleague["id"])
        page = self.client.get(reset_page(colleague["email"]) + "&lang=en")
        self.assertEqual(page.status, 403)
        self.assertIn("Only the KTK operator can turn off a clerk's two-step verification", alerts(page))
        token = self.client.get("/admin/link").form("/admin/link")["csrf_token"]
        r = self.client.post("/admin/reset-two-factor", {"csrf_token": token, "email": colleague["email"]})
        self.assertEqual(r.status, 403)
        self.assertEqual(factor_rows(colleague["id"]), 4)
        self.assertEqual(queued(colleague["email"]), 0)
        denied = [d for d in audit_rows("access.denied", user_id=colleague["id"])
                  if d["after"]["attempted"] == "twofactor.reset" and d["after"]["reason"] == "clerk_account"]
        self.assertEqual(len(denied), 2)  # the page and the POST
        self.assertEqual(audit_rows("twofactor.reset", user_id=colleague["id"]), [])

    def test_a_contact_of_another_office_is_refused_and_audited(self):
        stranger = account("linked")  # an office of its own
        enrol(stranger["id"])
        self.assertEqual(self.client.get(reset_page(stranger["email"])).status, 403)
        token = self.client.get("/admin/link").form("/admin/link")["csrf_token"]
        r = self.client.post("/admin/reset-two-factor", {"csrf_token": token, "email": stranger["email"]})
        self.assertEqual(r.status, 403)
        self.assertEqual(factor_rows(stranger["id"]), 4)
        self.assertEqual(queued(stranger["email"]), 0)

    def test_a_post_without_the_sessions_csrf_token_is_refused(self):
        r = self.client.post("/admin/reset-two-factor", {"email": self.user["email"]})
        self.assertEqual(r.status, 403)
        other = Client()
        other_token = other.get("/login").form("/login")["csrf_token"]
        r = self.client.post("/admin/reset-two-factor", {"csrf_token": other_token, "email": self.user["email"]})
        self.assertEqual(r.status, 403)
        self.assertEqual(factor_rows(self.user["id"]), 4)
        self.assertEqual(sessions(self.user["id"]), 1)
        self.assertEqual(queued(self.user["email"]), 0)

    def test_only_clerks_reach_the_page(self):
        self.assertEqual(Client().get(reset_page(self.user["email"])).header("Location"), "/login")
        contact = Client()
        login(contact, account("linked"))
        self.assertEqual(contact.get(reset_page(self.user["email"])).status, 403)
