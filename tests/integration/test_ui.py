"""The shared user interface through nginx: the layout every page gets
(versioned static files, labels, the TEST MODE banner), the language switch
(a link for visitors, a CSRF-protected POST that also stores the language for
logged-in users), the spoken captcha, and the warning before the idle
timeout with its "stay logged in" action."""
import html
import os
import re
import struct
import subprocess
import uuid

from ktk_accounts import account
from ktk_test import ROOT, Client, TestCase, set_clock_offset, sql

ANSWER = os.environ.get("KTK_CAPTCHA_TEST_ANSWER", "KTK7TEST")


def login(client, a, lang=None):
    r = client.submit("/login" + (f"?lang={lang}" if lang else ""), {"email": a["email"], "password": a["password"]})
    assert r.status == 303, r
    return r


def stored_language(user_id):
    return sql("SELECT language FROM users WHERE id = %s", user_id)[0][0]


def attr(text, element_re, name):
    """The value of attribute `name` of the first tag matching `element_re`."""
    tag = re.search(element_re, text)
    assert tag, f"no tag matching {element_re}"
    value = re.search(rf'\s{name}="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None


class LayoutTest(TestCase):
    PAGES = ("/login", "/register", "/register/done", "/confirm/resend", "/confirm/resend/sent", "/confirm?token=x",
             "/password/forgot", "/password/forgot/sent", "/password/reset?token=x", "/no/such/page")

    def test_static_files_are_linked_with_a_version_and_kept_for_a_year(self):
        page = Client().get("/login").text
        version = re.search(r'href="/static/ktk\.css\?v=([0-9a-f]{12})"', page).group(1)
        self.assertIn(f'<script src="/static/ktk.js?v={version}" defer></script>', page)
        for name in ("ktk.css", "ktk.js"):
            versioned = Client().get(f"/static/{name}?v={version}")
            self.assertEqual(versioned.status, 200)
            self.assertEqual(versioned.header("Cache-Control"), "public, max-age=31536000, immutable")
            self.assertSecurityHeaders(versioned, no_store=False)
            plain = Client().get(f"/static/{name}")
            self.assertEqual(plain.header("Cache-Control"), "public, max-age=3600")
            self.assertEqual(plain.raw, versioned.raw)

    def test_the_version_is_the_hash_of_the_files_served(self):
        import hashlib
        css = Client().get("/static/ktk.css").raw
        js = Client().get("/static/ktk.js").raw
        version = hashlib.sha256(css + js).hexdigest()[:12]
        self.assertIn(f"/static/ktk.css?v={version}", Client().get("/register").text)

    def test_pages_load_nothing_from_another_site_and_have_no_inline_script_or_style(self):
        for path in self.PAGES:
            text = Client().get(path).text
            with self.subTest(path=path):
                self.assertIsNone(re.search(r'(src|href|action)="(https?:)?//', text), "nothing from another site")
                self.assertIsNone(re.search(r"<script(?![^>]*\ssrc=)", text), "no inline script")
                self.assertNotIn("<style", text)
                self.assertIsNone(re.search(r"\sstyle=", text), "no style attributes")
                self.assertIsNone(re.search(r"\son[a-z]+=", text), "no event-handler attributes")

    def test_every_page_has_the_header_footer_and_skip_link(self):
        for path in self.PAGES:
            for lang, helpdesk in (("hu", "Ügyfélszolgálat:"), ("en", "Helpdesk:")):
                text = Client().get(path + ("&" if "?" in path else "?") + f"lang={lang}").text
                with self.subTest(path=path, lang=lang):
                    self.assertIn('<a class="skip-link" href="#main">', text)
                    self.assertIn('<span class="brand-mark">KTK</span>', text)
                    self.assertIn('<main id="main"', text)
                    self.assertIn(helpdesk, text)
                    self.assertIn('href="mailto:ktk-hd@lab.hu', text)
                    self.assertIn('class="lang-switch"', text)

    def test_helpdesk_links_on_registration_pages_fill_in_the_guides_subject_in_both_languages(self):
        """The helpdesk sorts by „regisztrációs probléma": the same Hungarian
        subject on English pages; other pages' links carry none."""
        registration = ("/register", "/register/done", "/confirm/resend", "/confirm/resend/sent", "/confirm?token=x")
        for path in self.PAGES:
            for lang in ("hu", "en"):
                text = Client().get(path + ("&" if "?" in path else "?") + f"lang={lang}").text
                links = re.findall(r'href="(mailto:[^"]*)"', text)
                with self.subTest(path=path, lang=lang):
                    self.assertTrue(links)
                    want = "mailto:ktk-hd@lab.hu" + (
                        "?subject=regisztr%C3%A1ci%C3%B3s%20probl%C3%A9ma" if path in registration else "")
                    self.assertEqual(set(links), {want})
        # The form, its captcha help and the page after it all ask the same.
        for path in ("/register", "/register/done", "/confirm/resend/sent"):
            self.assertGreaterEqual(Client().get(path).text.count("?subject=regisztr%C3%A1ci%C3%B3s%20probl"), 2, path)

    def test_public_entry_pages_carry_a_translated_description(self):
        described = {"/login": ("Belépés a Közfoglalkoztatási Támogatások Keretrendszerébe", "Log in to KTK"),
                     "/register": ("Regisztráció a KTK-ba", "Register for KTK"),
                     "/password/forgot": ("Elfelejtette a KTK-jelszavát?", "Forgotten your KTK password?")}
        for path in self.PAGES:
            for i, lang in enumerate(("hu", "en")):
                text = Client().get(path + ("&" if "?" in path else "?") + f"lang={lang}").text
                found = [html.unescape(d) for d in re.findall(r'<meta name="description" content="([^"]*)">', text)]
                with self.subTest(path=path, lang=lang):
                    if path in described:
                        self.assertEqual(len(found), 1, found)
                        self.assertTrue(found[0].startswith(described[path][i]), found)
                    else:
                        self.assertEqual(found, [])
        # A form shown again with its errors keeps it (only an empty field
        # is named on this page).
        r = Client().submit("/password/forgot?lang=en", {"email": "   "})
        self.assertEqual(r.status, 422)
        self.assertIn('<meta name="description" content="Forgotten your KTK password?', r.text)

    def test_test_mode_banner_says_codes_are_still_checked(self):
        hu = Client().get("/login?lang=hu").text
        en = Client().get("/login?lang=en").text
        self.assertIn("TEST MODE", hu)
        self.assertIn("a biztonsági kódot ellenőrizzük", hu)
        self.assertIn("egyszer használható, 10 percig érvényes", hu)
        self.assertIn("security codes are still checked", en)
        self.assertIn("single use, valid for 10 minutes", en)
        self.assertNotIn("switched off", en)
        self.assertNotIn("ki van kapcsolva", hu)
        self.assertNotIn(ANSWER, hu + en, "the banner does not give the code away")

    def test_every_field_has_a_label_and_the_right_autocomplete(self):
        expected = {
            "/login": {"email": "username", "password": "current-password"},
            "/register": {"last_name": "family-name", "first_name": "given-name", "email": "email", "phone": "tel",
                          "password": "new-password", "password_confirm": "new-password", "captcha": "off"},
            "/confirm/resend": {"email": "email"},
            "/confirm?token=x": {"email": "email"},
            "/password/forgot": {"email": "email"},
        }
        for path, fields in expected.items():
            text = Client().get(path).text
            for field, autocomplete in fields.items():
                with self.subTest(path=path, field=field):
                    self.assertIn(f'<label for="{field}">', text)
                    self.assertEqual(attr(text, rf'<input id="{field}"[^>]*>', "autocomplete"), autocomplete)
            # Every visible control has a label.
            for control in re.findall(r'<(?:input|select|textarea)\b[^>]*>', text):
                if re.search(r'type="(hidden|submit)"', control):
                    continue
                ident = re.search(r'\sid="([^"]+)"', control)
                with self.subTest(path=path, control=control):
                    self.assertTrue(ident and f'<label for="{ident.group(1)}">' in text)

    def test_required_fields_are_marked_and_the_mark_is_explained(self):
        for path in ("/login", "/register", "/confirm/resend", "/confirm?token=x", "/password/forgot"):
            text = Client().get(path).text
            with self.subTest(path=path):
                self.assertIn("A *-gal jelölt mezők kitöltése kötelező.", text)
                labels = re.findall(r'<label for="[^"]+">.*?</label>', text)
                self.assertTrue(labels)
                for label in labels:
                    self.assertIn('<span class="req" aria-hidden="true">*</span>', label)

    def test_errors_are_summarised_at_the_top_and_tied_to_their_fields(self):
        c = Client()
        r = c.submit("/confirm/resend?lang=en", {"email": " "})
        self.assertEqual(r.status, 422)
        self.assertIn("<title>Error – ", r.text)
        summary = re.search(r'<div class="alert alert-error error-summary" id="error-summary" role="alert"[^>]*>(.*?)</div>', r.text, re.S)
        self.assertIsNotNone(summary)
        self.assertIn('<a href="#email">E-mail address: ', summary.group(1))
        self.assertLess(r.text.index("error-summary"), r.text.index("<h1>"))
        self.assertEqual(attr(r.text, r'<input id="email"[^>]*>', "aria-invalid"), "true")
        self.assertEqual(attr(r.text, r'<input id="email"[^>]*>', "aria-describedby"), "email-error")
        self.assertIn('<p class="field-error" id="email-error">', r.text)


class LanguageSwitchTest(TestCase):
    def tearDown(self):
        set_clock_offset(0)

    def test_visitors_switch_with_a_link_to_the_same_page_keeping_its_query(self):
        text = Client().get("/confirm/resend?x=1&lang=hu").text
        self.assertIn('<a href="/confirm/resend?x=1&amp;lang=en" hreflang="en" lang="en">English</a>', text)
        self.assertNotIn('action="/language"', text)

    def test_logged_in_users_switch_with_a_post_that_stores_their_language(self):
        a = account("linked", language="hu")
        c = Client()
        login(c, a)
        home = c.get("/home")
        self.assertIn('<html lang="hu">', home.text)
        form = home.form("/language")
        self.assertEqual((form["lang"], form["return"]), ("en", "/home"))
        r = c.post("/language", form)
        self.assertEqual((r.status, r.header("Location")), (303, "/home"))
        self.assertEqual(stored_language(a["id"]), "en")
        self.assertIn('<html lang="en">', c.get("/home").text)
        # The stored language is what a new browser gets after login.
        fresh = Client()
        login(fresh, a)
        self.assertIn('<html lang="en">', fresh.get("/home").text)
        back = c.post("/language", c.get("/home").form("/language"))
        self.assertEqual(back.header("Location"), "/home")
        self.assertEqual(stored_language(a["id"]), "hu")

    def test_the_switch_returns_to_the_page_with_its_query(self):
        a = account("linked")
        c = Client()
        login(c, a)
        page = c.get("/logout?x=1")
        form = page.form("/language")
        self.assertEqual(form["return"], "/logout?x=1")
        self.assertEqual(c.post("/language", form).header("Location"), "/logout?x=1")

    def test_the_switch_needs_the_sessions_token(self):
        a = account("linked", language="hu")
        c = Client()
        login(c, a)
        self.assertEqual(c.post("/language", {"lang": "en", "return": "/home"}).status, 403)
        self.assertEqual(stored_language(a["id"]), "hu")

    def test_a_get_with_lang_changes_no_account(self):
        # ?lang= on a GET changes only the page and the cookie: a state change
        # on GET could be triggered by any site with a link or an image.
        a = account("linked", language="hu")
        c = Client()
        login(c, a)
        self.assertIn('<html lang="en">', c.get("/home?lang=en").text)
        self.assertEqual(stored_language(a["id"]), "hu")

    def test_the_switch_only_returns_to_this_site(self):
        a = account("linked")
        c = Client()
        login(c, a)
        token = c.get("/home").form("/language")["csrf_token"]
        for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "",
                       "/" + "a" * 3000):
            r = c.post("/language", {"csrf_token": token, "lang": "en", "return": target})
            with self.subTest(target=target):
                self.assertEqual((r.status, r.header("Location")), (303, "/"))

    def test_an_unknown_language_changes_nothing(self):
        a = account("linked", language="hu")
        c = Client()
        login(c, a)
        token = c.get("/home").form("/language")["csrf_token"]
        r = c.post("/language", {"csrf_token": token, "lang": "de", "return": "/home"})
        self.assertEqual(r.header("Location"), "/home")
        self.assertEqual(stored_language(a["id"]), "hu")

    def test_a_login_starts_in_the_accounts_language(self):
        a = account("linked", language="en")
        c = Client()
        c.get("/login?lang=hu")  # an earlier visitor's choice on this browser
        self.assertEqual(c.cookies.get("ktk_lang"), "hu")
        login(c, a)
        self.assertIn('<html lang="en">', c.get("/home").text)
        self.assertEqual(c.cookies.get("ktk_lang"), "en")

    def test_after_the_session_expires_the_login_page_speaks_the_users_language(self):
        a = account("linked", language="en")
        c = Client(lang="hu-HU,hu;q=0.9")
        login(c, a)
        c.get("/home")
        set_clock_offset(31 * 60)
        r = c.get("/home")
        self.assertEqual(r.header("Location"), "/login?expired=1")
        page = c.get("/login?expired=1")
        self.assertIn('<html lang="en">', page.text)
        self.assertIn("Your session has expired. Please log in again.", page.text)

    def test_get_language_is_not_allowed(self):
        self.assertEqual(Client().get("/language?lang=en").status, 405)


def catalog(lang):
    """The spoken-captcha phrases of templates/i18n/<lang>/captcha.po."""
    text = open(os.path.join(ROOT, "templates", "i18n", lang, "captcha.po"), encoding="utf-8").read()
    return dict(re.findall(r'msgid "(captcha\.audio\.[^"]+)"\nmsgstr "([^"]*)"', text))


def expected_speech(answer, lang):
    """What the captcha program must send for `answer`: espeak-ng on the same
    text with the same settings, made 8-bit at half the rate the same way."""
    phrases = catalog(lang)
    spelled = "".join(phrases[f"captcha.audio.char.{c}"] + ". " for c in answer)
    text = f'{phrases["captcha.audio.intro"]} {spelled}{phrases["captcha.audio.again"]} {spelled}'
    voice = "hu" if lang == "hu" else "en-gb"
    raw = subprocess.run(["/usr/bin/espeak-ng", "-v", voice, "-s", "125", "-g", "6", "-b", "1", "--stdout", text],
                         capture_output=True, check=True).stdout
    data = raw[raw.index(b"data") + 8:]
    samples = struct.unpack(f"<{len(data) // 2}h", data[: len(data) // 2 * 2])

    def mean(a, b):  # C++ integer division: towards zero
        s = a + b
        return s // 2 if s >= 0 else -(-s // 2)

    return bytes((mean(samples[i], samples[i + 1]) >> 8) + 128 for i in range(0, len(samples) - 1, 2))


def wav_info(data):
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", data[:12]
    channels, rate, byte_rate, _, bits = struct.unpack("<HIIHH", data[22:36])
    assert data[36:40] == b"data"
    (size,) = struct.unpack("<I", data[40:44])
    return {"channels": channels, "rate": rate, "bits": bits, "size": size, "riff": struct.unpack("<I", data[4:8])[0],
            "pcm": data[44:44 + size]}


class CaptchaAudioTest(TestCase):
    def tearDown(self):
        set_clock_offset(0)

    def fresh(self, lang="hu"):
        c = Client()
        page = c.get(f"/register?lang={lang}")
        return c, page, page.form("/register")["captcha_id"]

    def test_the_form_offers_the_code_as_sound_and_the_picture_a_text_alternative(self):
        for lang, alt_word, link_text in (("hu", "betűk és számok", "A kód meghallgatása"),
                                          ("en", "letters and digits", "Listen to the code")):
            c, page, captcha_id = self.fresh(lang)
            self.assertEqual(attr(page.text, r'<a id="captcha-audio"[^>]*>', "href"),
                             f"/captcha/audio?id={captcha_id}&lang={lang}")
            self.assertIn(link_text, page.text)
            alt = attr(page.text, r'<img id="captcha-image"[^>]*>', "alt")
            self.assertIn(alt_word, alt)
            self.assertNotIn(ANSWER, alt.upper().replace(" ", ""))

    def test_the_sound_is_a_wav_that_is_never_cached(self):
        c, page, captcha_id = self.fresh()
        r = c.get(f"/captcha/audio?id={captcha_id}&lang=hu")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "audio/wav")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertSecurityHeaders(r)
        info = wav_info(r.raw)
        self.assertEqual((info["channels"], info["rate"], info["bits"]), (1, 11025, 8))
        self.assertEqual(info["size"], len(r.raw) - 44 - (info["size"] & 1))
        self.assertEqual(info["riff"], len(r.raw) - 8)
        seconds = info["size"] / 11025
        self.assertTrue(10 < seconds < 90, f"{seconds:.1f} s")
        self.assertLess(len(r.raw), 1_000_000)

    def test_the_sound_spells_exactly_the_code_in_the_pages_language(self):
        for lang in ("hu", "en"):
            c, page, captcha_id = self.fresh(lang)
            got = wav_info(c.get(f"/captcha/audio?id={captcha_id}&lang={lang}").raw)["pcm"]
            with self.subTest(lang=lang):
                self.assertEqual(got, expected_speech(ANSWER, lang))

    def test_the_same_code_sounds_the_same_every_time(self):
        c, page, captcha_id = self.fresh()
        first = c.get(f"/captcha/audio?id={captcha_id}&lang=hu").raw
        self.assertEqual(Client().get(f"/captcha/audio?id={captcha_id}&lang=hu").raw, first)

    def test_a_used_code_is_not_spoken_any_more(self):
        c, page, captcha_id = self.fresh()
        form = page.form("/register")
        form.update({"captcha": "WRONG1", "email": "nem-cím"})
        self.assertEqual(c.post("/register", form).status, 422)  # the check uses the captcha up
        r = c.get(f"/captcha/audio?id={captcha_id}&lang=hu")
        self.assertEqual(r.status, 404)
        self.assertNotEqual(r.header("Content-Type"), "audio/wav")

    def test_an_expired_code_is_not_spoken(self):
        c, page, captcha_id = self.fresh()
        set_clock_offset(9 * 60)
        self.assertEqual(c.get(f"/captcha/audio?id={captcha_id}&lang=hu").status, 200)
        set_clock_offset(10 * 60 + 5)
        self.assertEqual(c.get(f"/captcha/audio?id={captcha_id}&lang=hu").status, 404)

    def test_an_invented_or_malformed_id_gets_404(self):
        for captcha_id in ("A" * 43, "short", "../../etc/passwd", "x" * 43 + "'"):
            with self.subTest(captcha_id=captcha_id):
                self.assertEqual(Client().get(f"/captcha/audio?id={captcha_id}").status, 404)

    def test_listening_does_not_use_the_code_up(self):
        c, page, captcha_id = self.fresh()
        self.assertEqual(c.get(f"/captcha/audio?id={captcha_id}&lang=hu").status, 200)
        email = f"audio.{uuid.uuid4().hex[:10]}@example.hu"
        form = page.form("/register")
        form.update({"last_name": "Kovács", "first_name": "Anna", "email": email, "language": "hu",
                     "phone": "06 30 123 4567", "password": "Tavaszi8Szel", "password_confirm": "Tavaszi8Szel",
                     "captcha": ANSWER})
        r = c.post("/register", form)
        self.assertEqual((r.status, r.header("Location")), (303, "/register/done"))


class SessionExpiryTest(TestCase):
    def setUp(self):
        set_clock_offset(0)

    def tearDown(self):
        set_clock_offset(0)

    def test_logged_in_pages_carry_the_warning_and_visitors_pages_do_not(self):
        a = account("linked")
        c = Client()
        login(c, a)
        home = c.get("/home").text
        dialog = re.search(r'<dialog id="session-warning"[^>]*>', home)
        self.assertIsNotNone(dialog)
        # A page view renews the session at most once a minute: the script
        # counts 29 minutes and warns 5 minutes before.
        self.assertIn('data-idle-seconds="1740"', dialog.group(0))
        self.assertIn('data-warn-seconds="300"', dialog.group(0))
        self.assertIn('action="/session/keepalive"', home)
        self.assertIn("A munkamenete hamarosan lejár", home)
        self.assertIn("Bejelentkezve maradok", home)
        self.assertIn('href="/login?expired=1"', home)
        self.assertIn("30 perc tétlenség után", home)  # said on the page too, for browsers without script
        self.assertNotIn("session-warning", Client().get("/login").text)

    def test_stay_logged_in_renews_the_session(self):
        a = account("linked")
        c = Client()
        login(c, a)
        token = c.get("/home").form("/session/keepalive")["csrf_token"]
        set_clock_offset(25 * 60)  # the warning shows 24 minutes after the last page
        r = c.post("/session/keepalive", {"csrf_token": token})
        self.assertEqual((r.status, r.text), (200, "ok\n"))
        self.assertEqual(r.header("Cache-Control"), "no-store")
        set_clock_offset(25 * 60 + 29 * 60)
        self.assertEqual(c.get("/home").status, 200, "29 minutes after staying, still logged in")

    def test_without_staying_the_session_ends(self):
        a = account("linked")
        c = Client()
        login(c, a)
        c.get("/home")
        set_clock_offset(30 * 60 + 5)
        r = c.get("/home")
        self.assertEqual((r.status, r.header("Location")), (303, "/login?expired=1"))

    def test_staying_needs_the_sessions_token(self):
        a = account("linked")
        c = Client()
        login(c, a)
        self.assertEqual(c.post("/session/keepalive", {}).status, 403)
        self.assertEqual(Client().get("/session/keepalive").status, 405)

    def test_a_form_sent_after_the_session_expired_leads_to_a_clear_message(self):
        a = account("linked")
        c = Client()
        login(c, a)
        token = c.get("/home").form("/logout")["csrf_token"]
        set_clock_offset(31 * 60)
        r = c.post("/logout", {"csrf_token": token})
        self.assertEqual((r.status, r.header("Location")), (303, "/login?expired=1"))
        page = c.get("/login?expired=1")
        self.assertIn("A munkamenete lejárt. Kérjük, lépjen be újra.", page.text)
        self.assertIn('role="status"', page.text)
