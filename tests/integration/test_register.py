"""Registration, the captcha and e-mail confirmation through nginx, with the
mails read back from the stack's real Maildir (worker → msmtp → SMTP sink).
The test stack runs in captcha test mode: every captcha accepts exactly
KTK_CAPTCHA_TEST_ANSWER, still once and for 10 minutes. Time moves through
the clock offset file, never by sleeping."""
import concurrent.futures
import os
import re
import struct
import threading
import urllib.parse
import uuid

from ktk_accounts import admin
from ktk_test import (URL, Client, TestCase, mails, mails_to, set_clock_offset, sql, stack, wait_for_mails,
                      wait_until)

ANSWER = os.environ.get("KTK_CAPTCHA_TEST_ANSWER", "")
PASSWORD = "Tavaszi8Szel"
LINK = re.compile(r"(https?://[^\s<>\"]+/confirm\?token=([A-Za-z0-9_-]{43})&lang=(hu|en))")


def new_address(tag="reg"):
    return f"{tag}.{uuid.uuid4().hex[:12]}@example.hu"


def fields(address, **overrides):
    f = {
        "last_name": "Kovács",
        "first_name": "Anna",
        "email": address,
        "language": "hu",
        "phone": "06 30 123 4567",
        "password": PASSWORD,
        "password_confirm": PASSWORD,
        "captcha": ANSWER.lower(),  # the check ignores case
    }
    f.update(overrides)
    return f


def register(client, values, page="/register", headers=None):
    """Fetches the form (a fresh captcha and CSRF token) and posts `values`."""
    return client.submit(page, values, action="/register", headers=headers)


def users(email):
    return sql("SELECT email, last_name, first_name, phone, language, confirmed_at IS NULL, password_hash "
               "FROM users WHERE email_key = %s", email.strip().lower())


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


def queued(address):
    """Mails queued for an address so far, delivered or not."""
    return int(sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s", address)[0][0])


def confirm_link(message):
    found = LINK.search(text_of(message))
    if not found:
        raise AssertionError("no confirmation link in:\n" + text_of(message))
    return found.group(1)


def local_path(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


def png_size(data):
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    return struct.unpack(">II", data[16:24])


class RegisterPageTest(TestCase):
    def test_form_has_every_field_with_a_label_and_the_password_rule(self):
        r = Client().get("/register")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        form = r.form("/register")
        for name in ("last_name", "first_name", "email", "language", "phone", "password", "password_confirm",
                     "captcha", "captcha_id", "csrf_token"):
            self.assertIn(name, form)
        for label in ("Vezetéknév", "Keresztnév", "E-mail cím", "Nyelv", "Telefon", "Jelszó", "Jelszó megerősítése",
                      "Biztonsági kód"):
            self.assertIn(label, r.text)
        for field in ("last_name", "first_name", "email", "language", "phone", "password", "password_confirm",
                      "captcha"):
            self.assertIn(f'<label for="{field}">', r.text)
        self.assertIn("Legalább 8 karakter", r.text)
        self.assertIn("kisbetű, nagybetű és számjegy", r.text)
        self.assertIn('href="/login"', r.text)
        self.assertIn(f'src="/captcha?id={form["captcha_id"]}"', r.text)
        self.assertIn('name="new_captcha"', r.text)

    def test_english_form(self):
        r = Client().get("/register?lang=en")
        for label in ("Last name", "First name", "E-mail address", "Language", "Phone", "Password",
                      "Confirm password", "Security code", "Get a new code"):
            self.assertIn(label, r.text)
        self.assertNotIn("Vezetéknév", r.text)

    def test_language_defaults_to_the_page_language(self):
        self.assertIn('<option value="hu" selected>', Client().get("/register").text)
        self.assertIn('<option value="en" selected>', Client().get("/register?lang=en").text)

    def test_test_mode_banner_is_shown_on_every_page(self):
        for path in ("/register", "/register/done", "/confirm/resend", "/confirm?token=x", "/login"):
            self.assertIn("TEST MODE", Client().get(path).text, path)

    def test_every_page_has_a_new_captcha(self):
        c = Client()
        first = c.get("/register").form("/register")["captcha_id"]
        second = c.get("/register").form("/register")["captcha_id"]
        self.assertRegex(first, r"^[A-Za-z0-9_-]{43}$")
        self.assertNotEqual(first, second)

    def test_head_stores_no_captcha(self):
        before = int(sql("SELECT COUNT(*) FROM captchas")[0][0])
        r = Client().request("HEAD", "/register")
        self.assertEqual((r.status, r.raw), (200, b""))
        self.assertEqual(int(sql("SELECT COUNT(*) FROM captchas")[0][0]), before)

    def test_only_hashes_of_the_captcha_are_stored(self):
        captcha_id = Client().get("/register").form("/register")["captcha_id"]
        rows = sql("SELECT id_hash, answer_hash, TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM captchas "
                   "WHERE id_hash = SHA2(%s, 256)", captcha_id)
        self.assertEqual(len(rows), 1)
        self.assertNotIn(captcha_id, rows[0][0])
        self.assertNotIn(ANSWER, rows[0][1])
        self.assertEqual(rows[0][2], "600")


class CaptchaImageTest(TestCase):
    def test_captcha_is_a_png_that_is_never_cached(self):
        captcha_id = Client().get("/register").form("/register")["captcha_id"]
        r = Client().get(f"/captcha?id={captcha_id}")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "image/png")
        self.assertSecurityHeaders(r)  # includes Cache-Control: no-store
        self.assertEqual(png_size(r.raw), (220, 70))

    def test_same_id_draws_the_same_picture(self):
        captcha_id = Client().get("/register").form("/register")["captcha_id"]
        self.assertEqual(Client().get(f"/captcha?id={captcha_id}").raw, Client().get(f"/captcha?id={captcha_id}").raw)

    def test_an_id_that_cannot_be_answered_gets_404(self):
        # Never issued, used up by a check, expired: nothing is drawn.
        never = "A" * 43
        self.assertEqual(Client().get(f"/captcha?id={never}").status, 404)
        c = Client()
        form = c.get("/register").form("/register")
        used = form["captcha_id"]
        form.update(fields(new_address(), captcha="WRONG1"))
        c.post("/register", form)
        self.assertEqual(Client().get(f"/captcha?id={used}").status, 404)
        stale = Client().get("/register").form("/register")["captcha_id"]
        self.assertEqual(Client().get(f"/captcha?id={stale}").status, 200)
        set_clock_offset(11 * 60)
        try:
            self.assertEqual(Client().get(f"/captcha?id={stale}").status, 404)
            self.assertEqual(Client().get(f"/captcha/audio?id={stale}").status, 404)
        finally:
            set_clock_offset(0)

    def test_expired_captchas_are_purged_as_new_ones_are_issued(self):
        for _ in range(5):
            Client().get("/register")
        set_clock_offset(11 * 60)
        try:
            # Each new captcha clears up to 100 expired rows.
            backlog = int(sql("SELECT COUNT(*) FROM captchas")[0][0])
            for _ in range(backlog // 100 + 1):
                Client().get("/register")
            # Nothing expired is left (the application's clock is 11 minutes ahead).
            self.assertEqual(sql("SELECT COUNT(*) FROM captchas"
                                 " WHERE expires_at <= UTC_TIMESTAMP() + INTERVAL 11 MINUTE"), [["0"]])
            self.assertGreaterEqual(backlog, 5)
        finally:
            set_clock_offset(0)

    def test_malformed_id_gets_404(self):
        for query in ("", "?id=", "?id=abc", "?id=" + "A" * 44, "?id=%3Cscript%3E"):
            self.assertEqual(Client().get("/captcha" + query).status, 404, query)

    def test_script_gets_a_fresh_stored_captcha_with_the_csrf_token(self):
        c = Client()
        form = c.get("/register").form("/register")
        r = c.post("/captcha/new", {"csrf_token": form["csrf_token"]})
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertRegex(r.text, r"^[A-Za-z0-9_-]{43}$")
        self.assertNotEqual(r.text, form["captcha_id"])
        self.assertEqual(sql("SELECT COUNT(*) FROM captchas WHERE id_hash = SHA2(%s, 256)", r.text), [["1"]])

    def test_new_code_button_without_script_keeps_the_values_but_not_the_passwords(self):
        c = Client()
        email = new_address()
        page = c.get("/register")
        form = page.form("/register")
        form.update(fields(email, last_name="Szűcs", phone="+36 1 234 5678", language="en"))
        form["new_captcha"] = "1"
        r = c.post("/register", form)
        self.assertEqual(r.status, 200)
        again = r.form("/register")
        self.assertEqual(again["last_name"], "Szűcs")
        self.assertEqual(again["email"], email)
        self.assertEqual(again["phone"], "+36 1 234 5678")
        self.assertIn('<option value="en" selected>', r.text)
        self.assertEqual(again["password"], "")
        self.assertEqual(again["password_confirm"], "")
        self.assertEqual(again["captcha"], "")
        self.assertNotEqual(again["captcha_id"], form["captcha_id"])
        self.assertNotIn("field-error", r.text)
        self.assertEqual(users(email), [])


class CsrfTest(TestCase):
    def test_posts_without_the_csrf_token_get_403_and_store_nothing(self):
        email = new_address()
        c = Client()
        form = c.get("/register").form("/register")
        form.update(fields(email))
        del form["csrf_token"]
        self.assertEqual(c.post("/register", form).status, 403)
        self.assertEqual(users(email), [])
        for path, values in (("/confirm", {"token": "x" * 43}), ("/confirm/resend", {"email": email}),
                             ("/captcha/new", {})):
            self.assertEqual(c.post(path, values).status, 403, path)

    def test_a_token_from_another_visitor_gets_403(self):
        email = new_address()
        form = Client().get("/register").form("/register")
        form.update(fields(email))
        other = Client()
        other.get("/register")
        self.assertEqual(other.post("/register", form).status, 403)
        self.assertEqual(users(email), [])


class ValidationTest(TestCase):
    def assertFieldError(self, response, field, text):
        self.assertEqual(response.status, 422, response.text[:500])
        match = re.search(rf'<p class="field-error" id="{field}-error">([^<]*)</p>', response.text)
        self.assertTrue(match, f"no error shown for {field}")
        self.assertIn(text, match.group(1))
        self.assertIn(f'id="{field}"', response.text)
        self.assertIn(f'href="#{field}"', response.text)  # in the summary at the top

    def test_empty_form_names_every_field_and_stores_nothing(self):
        before = int(sql("SELECT COUNT(*) FROM users")[0][0])
        r = register(Client(), {k: "" for k in fields("")})
        expected = {
            "last_name": "Ez a mező kötelező.",
            "first_name": "Ez a mező kötelező.",
            "email": "Adja meg az e-mail címét.",
            "language": "Válassza ki a nyelvet",
            "phone": "Adja meg a telefonszámát.",
            "password": "Adjon meg egy jelszót.",
            "password_confirm": "Írja be a jelszót még egyszer.",
            "captcha": "Írja be a képen látható biztonsági kódot.",
        }
        for field, text in expected.items():
            self.assertFieldError(r, field, text)
        self.assertEqual(int(sql("SELECT COUNT(*) FROM users")[0][0]), before)

    def test_each_invalid_value_gets_its_own_message(self):
        cases = [
            ({"last_name": "Kovács2"}, "last_name", "Csak betűket"),
            ({"first_name": "x" * 101}, "first_name", "Legfeljebb 100 karakter"),
            ({"email": "anna@example"}, "email", "nem érvényes e-mail cím"),
            ({"email": "-anna@example.hu"}, "email", "nem érvényes e-mail cím"),
            ({"email": "a" * 250 + "@example.hu"}, "email", "legfeljebb 254 karakter"),
            ({"phone": "06 30 123"}, "phone", "nem érvényes telefonszám"),
            ({"phone": "hívjon fel"}, "phone", "nem érvényes telefonszám"),
            ({"language": "de"}, "language", "Válassza ki a nyelvet"),
            ({"password": "Rov1d", "password_confirm": "Rov1d"}, "password", "legalább 8 karakter"),
            ({"password": "kisbetu123", "password_confirm": "kisbetu123"}, "password", "nagybetű"),
            ({"password": "NAGYBETU123", "password_confirm": "NAGYBETU123"}, "password", "kisbetű"),
            ({"password": "NincsSzamjegy", "password_confirm": "NincsSzamjegy"}, "password", "számjegy"),
            ({"password": "A1" + "b" * 127, "password_confirm": "A1" + "b" * 127}, "password", "legfeljebb 128"),
            ({"password": "Jelszó123", "password_confirm": "Jelszó123"}, "password", "túl gyakori"),
            ({"password": "Password1", "password_confirm": "Password1"}, "password", "túl gyakori"),
            ({"password": "KOVACS2024x", "password_confirm": "KOVACS2024x"}, "password", "nevét"),
            ({"password_confirm": PASSWORD + "x"}, "password_confirm", "nem egyezik"),
        ]
        for overrides, field, text in cases:
            with self.subTest(field=field, value=overrides):
                email = new_address("invalid")
                r = register(Client(), fields(email, **overrides))
                self.assertFieldError(r, field, text)
                self.assertEqual(users(email), [])

    def test_password_containing_the_email_local_part_is_refused(self):
        email = "Bela.Toth77." + uuid.uuid4().hex[:8] + "@example.hu"
        local = email.split("@")[0]
        r = register(Client(), fields(email, password="X9" + local, password_confirm="X9" + local))
        self.assertFieldError(r, "password", "e-mail címe @ előtti részét")

    def test_typed_values_are_kept_and_passwords_are_not(self):
        email = new_address()
        r = register(Client(), fields(email, last_name="Kovács1", first_name="Éva Mária", phone="+36-30-123-4567",
                                      language="en"))
        form = r.form("/register")
        self.assertEqual(form["last_name"], "Kovács1")
        self.assertEqual(form["first_name"], "Éva Mária")
        self.assertEqual(form["email"], email)
        self.assertEqual(form["phone"], "+36-30-123-4567")
        self.assertIn('<option value="en" selected>', r.text)
        self.assertEqual(form["password"], "")
        self.assertEqual(form["password_confirm"], "")
        self.assertEqual(form["captcha"], "")
        self.assertNotIn(PASSWORD, r.text)
        self.assertIn('aria-invalid="true"', r.text)
        self.assertIn("<title>Hiba – Regisztráció", r.text)

    def test_errors_are_translated(self):
        r = register(Client(), fields(new_address(), email="nope"), page="/register?lang=en")
        self.assertFieldError(r, "email", "This is not a valid e-mail address.")
        self.assertIn("Please correct these fields", r.text)

    def test_crlf_in_a_name_is_refused_and_never_reaches_a_mail(self):
        email = new_address("crlf")
        r = register(Client(), fields(email, last_name="Kovács\r\nBcc: victim@example.hu"))
        self.assertFieldError(r, "last_name", "Csak betűket")
        self.assertEqual(users(email), [])
        self.assertEqual(queued(email), 0)
        r = register(Client(), fields(email, first_name="Anna\nX-Injected: 1"))
        self.assertFieldError(r, "first_name", "Csak betűket")
        self.assertEqual(queued(email), 0)
        for m in mails():
            self.assertNotIn("victim@example.hu", str(m.get("Bcc", "")) + str(m.get("To", "")))
            self.assertIsNone(m.get("X-Injected"))

    def test_script_in_a_name_is_shown_as_text(self):
        r = register(Client(), fields(new_address(), last_name="<script>alert(1)</script>"))
        self.assertFieldError(r, "last_name", "Csak betűket")
        self.assertNotIn("<script>alert(1)", r.text)
        self.assertIn('value="&lt;script&gt;alert(1)&lt;/script&gt;"', r.text)


class CaptchaCheckTest(TestCase):
    def test_wrong_captcha_is_refused_and_nothing_is_stored(self):
        email = new_address()
        r = register(Client(), fields(email, captcha="WRONG7"))
        self.assertEqual(r.status, 422)
        self.assertIn("A biztonsági kód hibás vagy lejárt", r.text)
        self.assertEqual(users(email), [])

    def test_a_used_captcha_is_refused(self):
        c = Client()
        form = c.get("/register").form("/register")
        first, second = new_address(), new_address()
        self.assertEqual(c.post("/register", dict(form, **fields(first))).status, 303)
        r = c.post("/register", dict(form, **fields(second)))
        self.assertEqual(r.status, 422)
        self.assertIn("A biztonsági kód hibás vagy lejárt", r.text)
        self.assertEqual(users(second), [])

    def test_a_wrong_answer_uses_the_captcha_up(self):
        c = Client()
        form = c.get("/register").form("/register")
        email = new_address()
        self.assertEqual(c.post("/register", dict(form, **fields(email, captcha="WRONG7"))).status, 422)
        r = c.post("/register", dict(form, **fields(email)))
        self.assertEqual(r.status, 422, "the right answer after a wrong one must not pass")
        self.assertEqual(users(email), [])

    def test_an_expired_captcha_is_refused(self):
        c = Client()
        form = c.get("/register").form("/register")
        email = new_address()
        try:
            set_clock_offset(601)
            r = c.post("/register", dict(form, **fields(email)))
        finally:
            set_clock_offset(0)
        self.assertEqual(r.status, 422)
        self.assertIn("A biztonsági kód hibás vagy lejárt", r.text)
        self.assertEqual(users(email), [])

    def test_a_captcha_is_good_for_ten_minutes(self):
        c = Client()
        form = c.get("/register").form("/register")
        email = new_address()
        try:
            set_clock_offset(590)
            r = c.post("/register", dict(form, **fields(email)))
        finally:
            set_clock_offset(0)
        self.assertEqual(r.status, 303)
        self.assertEqual(len(users(email)), 1)

    def test_an_invented_captcha_id_is_refused(self):
        c = Client()
        form = c.get("/register").form("/register")
        email = new_address()
        r = c.post("/register", dict(form, **fields(email), captcha_id="A" * 43))
        self.assertEqual(r.status, 422)
        self.assertEqual(users(email), [])


class RegistrationFlowTest(TestCase):
    def flow(self, page_lang, chosen_lang, texts):
        c = Client()
        email = new_address(f"flow-{chosen_lang}")
        r = register(c, fields(email, language=chosen_lang, last_name="Őry", first_name="Zsófia"),
                     page=f"/register?lang={page_lang}")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/register/done")

        done = c.get("/register/done")
        self.assertEqual(done.status, 200)
        for text in texts["done"]:
            self.assertIn(text, done.text)
        self.assertIn("mailto:ktk-hd@lab.hu?subject=regisztr%C3%A1ci%C3%B3s%20probl%C3%A9ma", done.text)

        [row] = users(email)
        self.assertEqual(row[:6], [email, "Őry", "Zsófia", "+36301234567", chosen_lang, "1"])  # still pending
        self.assertTrue(row[6].startswith("$argon2id$v=19$m=19456,t=2,p=1$"))

        [mail] = wait_for_mails(email, 1)
        self.assertEqual(mail["Subject"], texts["subject1"])
        self.assertIn("no-reply@munka.hu", mail["From"])
        self.assertIn(texts["name"], mail["To"])
        body = text_of(mail)
        self.assertIn(texts["greeting"], body)
        link = confirm_link(mail)
        self.assertTrue(link.startswith(URL + "/confirm?token="), link)
        self.assertTrue(link.endswith("&lang=" + chosen_lang), link)
        self.assertIn(link.replace("&", "&amp;"), html_of(mail))
        token = LINK.search(link).group(2)
        self.assertEqual(sql("SELECT COUNT(*) FROM email_confirmations WHERE token_hash = SHA2(%s, 256)", token),
                         [["1"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM email_confirmations WHERE token_hash = %s", token), [["0"]])

        # Opening the link (a mail scanner would) changes nothing.
        browser = Client()
        page = browser.get(local_path(link))
        self.assertEqual(page.status, 200)
        self.assertSecurityHeaders(page)
        self.assertIn(f'<html lang="{chosen_lang}">', page.text)
        self.assertIn(texts["button"], page.text)
        # Who registered, so that someone who did not can tell, and what to do then.
        for text in texts["registrant"]:
            self.assertIn(text, page.text)
        self.assertIn('href="mailto:ktk-hd@lab.hu"', page.text)
        self.assertEqual(browser.request("HEAD", local_path(link)).status, 200)
        self.assertEqual(users(email)[0][5], "1")
        self.assertEqual(len(mails_to(email)), 1)

        form = page.form("/confirm")
        self.assertEqual(form["token"], token)
        confirmed = browser.post("/confirm", form)
        self.assertEqual(confirmed.status, 303)
        self.assertEqual(confirmed.header("Location"), "/confirm/done")
        self.assertEqual(users(email)[0][5], "0")
        done = browser.get("/confirm/done")
        for text in texts["confirmed_page"]:
            self.assertIn(text, done.text)

        second = wait_for_mails(email, 2)[1]
        self.assertEqual(second["Subject"], texts["subject2"])
        body = text_of(second)
        for text in texts["confirmed_mail"]:
            self.assertIn(text, body)
        self.assertIn(URL + "/login", body)
        return email, link

    def test_full_flow_in_hungarian(self):
        self.flow("hu", "hu", {
            "done": ["Sikeres regisztráció", "megerősítő levelet küldtünk", "spam (levélszemét) mappában",
                     "akár 10 percig", "ktk-hd@lab.hu", "„regisztrációs probléma”"],
            "subject1": "Regisztráció megerősítése",
            "name": "Őry Zsófia",
            "greeting": "Kedves Őry Zsófia!",
            "button": "Megerősítés",
            "registrant": ["A regisztrációt erre a névre adták le: <strong>Őry Zsófia</strong>",
                           "Ha nem Ön regisztrált ezen a néven, ne erősítse meg", "Jelezze ezt az ügyfélszolgálatnak"],
            "confirmed_page": ["Regisztrációját megerősítette", "járási hivatal", "adószámát"],
            "subject2": "Regisztrációja megerősítve – forduljon a járási hivatalhoz",
            "confirmed_mail": ["Kedves Őry Zsófia!", "sikeresen megerősítette", "járási hivatal", "adószámát",
                               "személyazonosító igazolványát", "teljes e-mail címével"],
        })

    def test_full_flow_in_english_chosen_on_a_hungarian_page(self):
        self.flow("hu", "en", {
            "done": ["Sikeres regisztráció"],
            "subject1": "Confirm your registration",
            "name": "Zsófia Őry",
            "greeting": "Dear Zsófia Őry,",
            "button": ">Confirm</button>",
            "registrant": ["This registration was made in the name of: <strong>Zsófia Őry</strong>",
                           "If you did not register under this name, do not confirm it",
                           "Please let the helpdesk know"],
            "confirmed_page": ["Your registration is confirmed", "district office", "tax number"],
            "subject2": "Registration confirmed – please contact your district office",
            "confirmed_mail": ["Dear Zsófia Őry,", "is confirmed", "district office", "tax number",
                               "identity card", "full e-mail address"],
        })

    def test_english_pages_say_the_same(self):
        c = Client()
        self.assertEqual(register(c, fields(new_address()), page="/register?lang=en").status, 303)
        done = c.get("/register/done")
        for text in ("Registration successful", "confirmation mail", "spam (junk mail) folder", "up to 10 minutes",
                     "ktk-hd@lab.hu", "„regisztrációs probléma”"):
            self.assertIn(text, done.text)

    def test_a_used_link_says_already_confirmed(self):
        c = Client()
        email = new_address()
        self.assertEqual(register(c, fields(email)).status, 303)
        link = confirm_link(wait_for_mails(email, 1)[0])
        self.assertEqual(c.submit(local_path(link), {}, action="/confirm").status, 303)
        wait_for_mails(email, 2)
        again = c.get(local_path(link))
        self.assertEqual(again.status, 200)
        self.assertIn("A regisztrációja már meg van erősítve", again.text)
        self.assertIn('href="/login"', again.text)
        self.assertNotIn('action="/confirm"', again.text)
        token = LINK.search(link).group(2)
        csrf = c.get("/confirm/resend").form("/confirm/resend")["csrf_token"]
        repost = c.post("/confirm", {"token": token, "csrf_token": csrf})
        self.assertEqual(repost.status, 200)
        self.assertIn("már meg van erősítve", repost.text)
        self.assertEqual(queued(email), 2, "no third mail")

    def test_two_presses_of_the_button_confirm_once(self):
        c = Client()
        email = new_address()
        self.assertEqual(register(c, fields(email)).status, 303)
        link = confirm_link(wait_for_mails(email, 1)[0])
        form = c.get(local_path(link)).form("/confirm")
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            statuses = sorted(pool.map(lambda _: c.post("/confirm", form).status, range(2)))
        self.assertEqual(statuses, [200, 303])
        self.assertEqual(queued(email), 2)

    def test_an_expired_link_offers_a_new_mail(self):
        c = Client()
        email = new_address()
        self.assertEqual(register(c, fields(email)).status, 303)
        old_link = confirm_link(wait_for_mails(email, 1)[0])
        try:
            set_clock_offset(72 * 3600 + 60)
            page = c.get(local_path(old_link))
            self.assertEqual(page.status, 404)
            self.assertIn("A megerősítő link lejárt", page.text)
            self.assertIn('action="/confirm/resend"', page.text)
            self.assertNotIn('action="/confirm"', page.text)
            # The button of a page opened before the expiry does nothing now.
            r = c.post("/confirm", {"token": LINK.search(old_link).group(2),
                                    "csrf_token": page.form("/confirm/resend")["csrf_token"]})
            self.assertEqual(r.status, 404)
            self.assertEqual(users(email)[0][5], "1")
            sent = c.post("/confirm/resend", dict(page.form("/confirm/resend"), email=email.upper()))
            self.assertEqual(sent.status, 303)
            self.assertEqual(sent.header("Location"), "/confirm/resend/sent")
            new_link = confirm_link(wait_for_mails(email, 2)[1])
            self.assertNotEqual(new_link, old_link)
            self.assertEqual(c.submit(local_path(new_link), {}, action="/confirm").status, 303)
        finally:
            set_clock_offset(0)
        self.assertEqual(users(email)[0][5], "0")

    def test_an_unknown_link_offers_a_new_mail(self):
        for token in ("", "nonsense", "A" * 43):
            r = Client().get("/confirm?token=" + token)
            self.assertEqual(r.status, 404, token)
            self.assertIn("Érvénytelen megerősítő link", r.text)
            self.assertIn('action="/confirm/resend"', r.text)


class ResendTest(TestCase):
    def resend(self, email, client=None):
        return (client or Client()).submit("/confirm/resend", {"email": email})

    def test_the_answer_is_the_same_for_every_address(self):
        pending = new_address("pending")
        confirmed = new_address("confirmed")
        for email in (pending, confirmed):
            self.assertEqual(register(Client(), fields(email)).status, 303)
        sql("UPDATE users SET confirmed_at = UTC_TIMESTAMP() WHERE email_key = %s", confirmed)
        answers = set()
        for email in (pending, confirmed, new_address("unknown")):
            r = self.resend(email)
            self.assertEqual((r.status, r.header("Location")), (303, "/confirm/resend/sent"))
            page = Client().get(r.header("Location"))
            answers.add(page.text.split("<main", 1)[1].split("</main>", 1)[0])
        self.assertEqual(len(answers), 1)

    def test_at_most_one_mail_a_minute_and_only_for_pending_registrations(self):
        pending = new_address("pending")
        confirmed = new_address("confirmed")
        unknown = new_address("unknown")
        for email in (pending, confirmed):
            self.assertEqual(register(Client(), fields(email)).status, 303)
        sql("UPDATE users SET confirmed_at = UTC_TIMESTAMP() WHERE email_key = %s", confirmed)
        try:
            self.resend(pending)  # within the minute of the registration mail
            self.assertEqual(queued(pending), 1)
            set_clock_offset(61)
            for email in (pending, pending, confirmed, unknown):
                self.resend(email)
            self.assertEqual(queued(pending), 2)
            set_clock_offset(122)
            self.resend(pending)
            self.assertEqual(queued(pending), 3)
            # Delivered while the clock still stands where they were queued.
            links = [confirm_link(m) for m in wait_for_mails(pending, 3)]
        finally:
            set_clock_offset(0)
        self.assertEqual(len(set(links)), 3)
        self.assertEqual(queued(confirmed), 1)
        self.assertEqual(queued(unknown), 0)

    def test_at_most_five_confirmation_mails_a_day_and_the_same_answer_past_that(self):
        pending = new_address("capped")
        self.assertEqual(register(Client(), fields(pending)).status, 303)
        answers = []
        try:
            for minute in range(1, 6):
                set_clock_offset(minute * 61)
                c = Client()
                r = self.resend(pending, c)
                answers.append((r.status, r.header("Location"),
                                c.get(r.header("Location")).text.split("<main", 1)[1].split("</main>", 1)[0]))
            self.assertEqual(queued(pending), 5, "the registration's mail and four resends")
            self.assertEqual(answers, [answers[0]] * 5)
            set_clock_offset(24 * 3600 + 1)
            self.resend(pending)
            self.assertEqual(queued(pending), 6)
        finally:
            set_clock_offset(0)

    def test_an_empty_field_is_named_and_an_address_the_portal_refuses_gets_the_same_answer(self):
        r = self.resend("   ")
        self.assertEqual(r.status, 422)
        self.assertIn("Adja meg az e-mail címét.", r.text)
        before = sql("SELECT COUNT(*) FROM mail_queue")
        for typed in ("not-an-address", "sé@example.org", "anna@example.hu\r\nBcc: x@example.hu"):
            r = self.resend(typed)
            self.assertEqual((r.status, r.header("Location")), (303, "/confirm/resend/sent"), typed)
        self.assertEqual(sql("SELECT COUNT(*) FROM mail_queue"), before)


class DuplicateTest(TestCase):
    def test_a_confirmed_address_gets_the_same_page_and_its_owner_a_notice(self):
        email = new_address("taken")
        first = Client()
        self.assertEqual(register(first, fields(email, language="en", first_name="Owner")).status, 303)
        wait_for_mails(email, 1)
        sql("UPDATE users SET confirmed_at = UTC_TIMESTAMP() WHERE email_key = %s", email)
        second = Client()
        r = register(second, fields("  " + email.upper() + " ", first_name="Intruder", password="Mas1kJelszo",
                                    password_confirm="Mas1kJelszo"))
        self.assertEqual((r.status, r.header("Location")), (303, "/register/done"))
        self.assertEqual(second.get("/register/done").text.split("<main", 1)[1],
                         first.get("/register/done").text.split("<main", 1)[1])
        [row] = users(email)
        self.assertEqual(row[2], "Owner")
        # Delivered in the same second as the confirmation, perhaps: found by its subject.
        [notice] = [m for m in wait_for_mails(email, 2) if m["Subject"] != "Confirm your registration"]
        # In the owner's language, to the owner's address as stored.
        self.assertEqual(notice["Subject"], "Registration attempt with your e-mail address")
        self.assertIn(email, notice["To"])
        body = text_of(notice)
        self.assertIn("Dear Owner Kovács,", body)
        self.assertIn("already registered", body)
        self.assertIn(URL + "/password/forgot", body)
        self.assertIn(URL + "/login", body)
        self.assertIsNone(LINK.search(body), "a notice carries no confirmation link")
        # A second attempt within ten minutes mails nobody.
        self.assertEqual(register(Client(), fields(email)).status, 303)
        self.assertEqual(queued(email), 2)

    def test_fifty_parallel_registrations_create_one_account(self):
        email = new_address("parallel")
        clients = [Client() for _ in range(50)]
        forms = []
        for i, c in enumerate(clients):
            form = c.get("/register").form("/register")
            form.update(fields(email, first_name="Párhuzamos", last_name="Próba" + "a" * (i % 5)))
            forms.append(form)
        barrier = threading.Barrier(50)

        def post(i):
            barrier.wait()
            return clients[i].post("/register", forms[i]).status

        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            statuses = list(pool.map(post, range(50)))
        self.assertEqual(statuses, [303] * 50)
        self.assertEqual(len(users(email)), 1)
        # Each later one replaced the pending registration (and its link);
        # within the minute of the first mail none of them mails again.
        self.assertIn(sql("SELECT COUNT(*) FROM email_confirmations c JOIN users u ON u.id = c.user_id "
                          "WHERE u.email_key = %s", email), ([["0"]], [["1"]]))
        self.assertEqual(queued(email), 1)

    def test_a_new_registration_replaces_a_pending_one_and_only_its_link_works(self):
        email = new_address("takeover")
        first, second = Client(), Client()
        self.assertEqual(register(first, fields(email, last_name="Támadó", first_name="Tamás",
                                                password="Elso-Jelszo-11", password_confirm="Elso-Jelszo-11")).status, 303)
        old_link = confirm_link(wait_for_mails(email, 1)[0])
        old_hash = users(email)[0][6]
        try:
            set_clock_offset(61)
            r = register(second, fields(email, last_name="Valódi", first_name="Vera", language="en"))
            self.assertEqual((r.status, r.header("Location")), (303, "/register/done"))
            self.assertEqual(second.get("/register/done").text.split("<main", 1)[1],
                             first.get("/register/done").text.split("<main", 1)[1])
            [row] = users(email)
            self.assertEqual(row[1:6], ["Valódi", "Vera", "+36301234567", "en", "1"])
            self.assertNotEqual(row[6], old_hash)
            # The first registrant's link is dead; the new one names the new registrant.
            dead = Client().get(local_path(old_link))
            self.assertEqual(dead.status, 404)
            self.assertIn("Érvénytelen megerősítő link", dead.text)
            new_link = confirm_link(wait_for_mails(email, 2)[1])
            self.assertNotEqual(new_link, old_link)
            page = Client().get(local_path(new_link))
            self.assertIn("<strong>Vera Valódi</strong>", page.text)
            self.assertNotIn("Támadó", page.text)
            self.assertEqual(Client().submit(local_path(new_link), {}, action="/confirm").status, 303)
        finally:
            set_clock_offset(0)
        self.assertEqual(users(email)[0][5], "0")
        audit = sql("SELECT client_address, before_value, after_value FROM audit_log"
                    " WHERE action = 'registration.replaced' AND target_user_id = (SELECT id FROM users"
                    " WHERE email_key = %s)", email)
        self.assertEqual(len(audit), 1)
        self.assertEqual(audit[0][0], "127.0.0.1")
        self.assertIn("Támadó", audit[0][1])
        self.assertIn('"mailed":true', audit[0][2])

    def test_the_name_on_the_confirmation_page_is_escaped(self):
        email = new_address("escape")
        self.assertEqual(register(Client(), fields(email, last_name="O'Brien")).status, 303)
        page = Client().get(local_path(confirm_link(wait_for_mails(email, 1)[0])))
        self.assertIn("<strong>O&#39;Brien Anna</strong>", page.text)

    def test_host_header_does_not_change_the_mail_link(self):
        email = new_address("host")
        c = Client()
        r = register(c, fields(email), headers={"Host": "evil.test", "X-Forwarded-Host": "evil.test"})
        self.assertEqual(r.status, 303)
        [mail] = wait_for_mails(email, 1)
        self.assertNotIn("evil.test", mail.as_string())
        self.assertTrue(confirm_link(mail).startswith(URL + "/confirm?token="))


class PendingPurgeTest(TestCase):
    def registered_days_ago(self, days, confirmed=False):
        email = new_address("purge")
        self.assertEqual(register(Client(), fields(email)).status, 303)
        sql("UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL %s DAY - INTERVAL 1 MINUTE"
            + (", confirmed_at = UTC_TIMESTAMP()" if confirmed else "") + " WHERE email_key = %s", days, email)
        return email

    def purged(self, email, actor):
        return sql("SELECT COUNT(*) FROM audit_log WHERE action = 'registration.purged' AND actor_label LIKE %s"
                   " AND before_value LIKE %s", actor, f"%{email}%") == [["1"]]

    def test_the_operator_removes_registrations_pending_past_the_period(self):
        old, young, confirmed = self.registered_days_ago(7), self.registered_days_ago(6), self.registered_days_ago(30, True)
        link = confirm_link(wait_for_mails(old, 1)[0])
        self.assertGreaterEqual(int(admin("user", "purge-pending").strip()), 1)
        self.assertEqual(users(old), [])
        self.assertTrue(self.purged(old, "cli:%"))
        self.assertEqual(len(users(young)), 1)
        self.assertEqual(len(users(confirmed)), 1)
        self.assertEqual(Client().get(local_path(link)).status, 404)
        # The address is free again.
        self.assertEqual(register(Client(), fields(old)).status, 303)
        self.assertEqual(users(old)[0][5], "1")

    def test_the_mail_worker_does_it_when_it_starts_and_hourly(self):
        old = self.registered_days_ago(8)
        stack("worker-stop")
        stack("worker-start")
        wait_until(lambda: users(old) == [], timeout=30, what="the worker's housekeeping")
        self.assertTrue(self.purged(old, "system:ktk-mail-worker"))
