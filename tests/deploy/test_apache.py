"""The shipped Apache 2.4 site (contrib/apache/ktk.conf) with mod_proxy_fcgi
in front of the same pools (host A): the smoke checks run against nginx,
and a registration through to the confirmation mail, so every parameter the
programs read (DOCUMENT_URI, QUERY_STRING, CONTENT_*, HTTPS, cookies,
Accept-Language) is shown to arrive."""

from deploy_checks import DeployTestCase, client, linked_account, login, stack
from ktk_test import wait_until
from test_register import confirm_link, fields, local_path, new_address, register, text_of, wait_for_mails


class ApacheSiteTest(DeployTestCase):
    def test_configtest_accepts_the_shipped_site(self):
        self.assertIn("Syntax OK", stack().apache_test.stderr)

    def test_curl_fetches_the_login_page_over_tls(self):
        self.assertCurlSeesTheLoginPage("apache")

    def test_login_page_over_tls_has_host_cookies_hsts_and_the_security_headers(self):
        r = client("apache").get("/login")
        self.assertEqual(r.status, 200)
        self.assertIn("Belépés", r.text)
        self.assertTlsPage(r)
        self.assertTrue(any(c.startswith("__Host-") for c in r.all_headers("Set-Cookie")))
        self.assertEqual(r.header("Server"), "Apache")  # no version

    def test_query_string_and_accept_language_reach_the_programs(self):
        self.assertIn("Log in", client("apache").get("/login?lang=en").text)
        self.assertIn('<html lang="en">', client("apache", lang="en").get("/login").text)
        self.assertIn('<html lang="hu">', client("apache").get("/login").text)

    def test_each_route_reaches_its_program(self):
        c = client("apache")
        register_page = c.get("/register")
        self.assertEqual(register_page.status, 200)
        captcha_id = register_page.form("/register")["captcha_id"]
        image = c.get(f"/captcha?id={captcha_id}")
        self.assertEqual((image.status, image.header("Content-Type")), (200, "image/png"))
        self.assertEqual(c.get("/confirm/resend").status, 200)
        self.assertEqual(c.get("/no/such/page").status, 404)  # the login program's translated 404
        self.assertEqual(c.get("/healthz").text, "ok\n")

    def test_attachment_uploads_alone_may_bring_a_large_body(self):
        self.assertAttachmentUploadsHaveTheirOwnBodyCap("apache")

    def test_static_files_and_apache_own_pages_carry_the_same_headers(self):
        self.assertStaticFilesAndOwnPagesCarryTheHeaders("apache")

    def test_versioned_assets_are_cached_for_a_year_and_the_spoken_captcha_plays(self):
        self.assertPageAssetsAndSpokenCaptcha("apache")

    def test_http_redirects_to_https_on_the_configured_name(self):
        self.assertHttpRedirectsToHttps("apache")

    def test_the_clerks_area_only_from_the_clerks_network(self):
        self.assertClerksAreaOnlyFromTheClerksNetwork("apache")

    def test_the_authorization_header_reaches_the_token_side(self):
        self.assertAuthorizationReachesTheTokenSide("apache")

    def test_login_and_home(self):
        a = linked_account()
        c = client("apache")
        r = login(c, a["email"], a["password"])
        self.assertEqual((r.status, r.header("Location")), (303, "/home"))
        self.assertTlsPage(r)
        home = c.get("/home")
        self.assertEqual(home.status, 200)
        self.assertIn(a["name"], home.text)

    def test_posts_that_hash_a_password_go_to_their_own_pools(self):
        self.assertPostsGoToTheirOwnPools("apache", ("a",))

    def test_registration_through_to_the_confirmation_mail(self):
        s = stack()
        email = new_address("apache")
        c = client("apache")
        r = register(c, fields(email, last_name="Őry", first_name="Zsófia"))
        self.assertEqual((r.status, r.header("Location")), (303, "/register/done"))
        done = c.get("/register/done")
        self.assertIn("Sikeres regisztráció", done.text)
        self.assertTlsPage(done)
        self.assertEqual(s.sql("SELECT last_name, confirmed_at IS NULL FROM users WHERE email_key = %s", email),
                         [["Őry", "1"]])

        # The installed worker sends it through the installed msmtprc.
        [mail] = wait_for_mails(email, 1)
        self.assertEqual(mail["Subject"], "Regisztráció megerősítése")
        self.assertIn("Kedves Őry Zsófia!", text_of(mail))
        link = confirm_link(mail)
        self.assertTrue(link.startswith(s.url("nginx") + "/confirm?token="), link)  # base_url, never Host

        page = c.get(local_path(link))
        self.assertEqual(page.status, 200)
        self.assertIn("Megerősítés", page.text)
        confirmed = c.post("/confirm", page.form("/confirm"))
        self.assertEqual((confirmed.status, confirmed.header("Location")), (303, "/confirm/done"))
        self.assertEqual(s.sql("SELECT confirmed_at IS NULL FROM users WHERE email_key = %s", email), [["0"]])
        second = wait_for_mails(email, 2)[1]
        self.assertEqual(second["Subject"], "Regisztrációja megerősítve – forduljon a járási hivatalhoz")
        wait_until(lambda: s.sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s AND status = 'sent'",
                                 email) == [["2"]], what="both mails recorded as sent")
