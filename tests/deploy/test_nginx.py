"""The shipped production site for nginx (nginx/ktk.conf) with a
self-signed certificate, in front of the installed pools of two
application hosts: TLS only in its modern forms, the redirect from http,
the headers and cookies a browser sees, the limits and the /admin
allow-list."""
import base64
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor

import fastcgi
from deploy_checks import DeployTestCase, client, linked_account, login, stack, tls_context


class NginxSiteTest(DeployTestCase):
    def test_nginx_t_accepts_the_shipped_site(self):
        self.assertIn("syntax is ok", stack().nginx_test.stderr)
        self.assertIn("test is successful", stack().nginx_test.stderr)

    def test_curl_fetches_the_login_page_over_tls(self):
        self.assertCurlSeesTheLoginPage("nginx")

    def test_login_page_over_tls_has_host_cookies_hsts_and_the_security_headers(self):
        r = client("nginx").get("/login")
        self.assertEqual(r.status, 200)
        self.assertIn("Belépés", r.text)
        self.assertIn("csrf_token", r.form())
        self.assertTlsPage(r)
        self.assertTrue(any(c.startswith("__Host-") for c in r.all_headers("Set-Cookie")))
        self.assertEqual(r.header("Server"), "nginx")  # no version

    def test_login_and_home_over_tls(self):
        a = linked_account()
        c = client("nginx")
        r = login(c, a["email"], a["password"])
        self.assertEqual((r.status, r.header("Location")), (303, "/home"))
        self.assertTlsPage(r)
        session = [v for v in r.all_headers("Set-Cookie") if v.startswith("__Host-ktk_session=")]
        self.assertEqual(len(session), 1, r.all_headers("Set-Cookie"))
        home = c.get("/home")
        self.assertEqual(home.status, 200)
        self.assertIn(a["name"], home.text)
        self.assertIn(a["tax_number"], home.text)
        self.assertTlsPage(home)

    def test_attachment_uploads_alone_may_bring_a_large_body(self):
        self.assertAttachmentUploadsHaveTheirOwnBodyCap("nginx")

    def test_static_files_and_nginx_own_pages_carry_the_same_headers(self):
        self.assertStaticFilesAndOwnPagesCarryTheHeaders("nginx")

    def test_versioned_assets_are_cached_for_a_year_and_the_spoken_captcha_plays(self):
        self.assertPageAssetsAndSpokenCaptcha("nginx")

    def test_http_redirects_to_https_on_the_configured_name(self):
        self.assertHttpRedirectsToHttps("nginx")

    def test_only_tls_1_2_and_1_3(self):
        port = stack().ports["nginx_https"]
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            ctx = tls_context(minimum_version=version, maximum_version=version)
            with socket.create_connection(("127.0.0.1", port)) as raw, \
                    ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
                self.assertEqual(s.version(), {ssl.TLSVersion.TLSv1_2: "TLSv1.2",
                                               ssl.TLSVersion.TLSv1_3: "TLSv1.3"}[version])
        for version in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
            ctx = tls_context(minimum_version=version, maximum_version=version)
            ctx.set_ciphers("ALL:@SECLEVEL=0")  # let this client offer the old protocol at all
            with socket.create_connection(("127.0.0.1", port)) as raw:
                with self.assertRaises(ssl.SSLError, msg=version):
                    ctx.wrap_socket(raw, server_hostname="127.0.0.1")

    def test_tls_1_2_offers_only_forward_secret_aead_ciphers(self):
        port = stack().ports["nginx_https"]
        v12 = dict(minimum_version=ssl.TLSVersion.TLSv1_2, maximum_version=ssl.TLSVersion.TLSv1_2)
        for weak in ("AES128-SHA", "AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384"):
            ctx = tls_context(**v12)
            ctx.set_ciphers(weak)
            with socket.create_connection(("127.0.0.1", port)) as raw:
                with self.assertRaises(ssl.SSLError, msg=weak):
                    ctx.wrap_socket(raw, server_hostname="127.0.0.1")
        ctx = tls_context(**v12)
        ctx.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256")
        with socket.create_connection(("127.0.0.1", port)) as raw, \
                ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            self.assertEqual(s.cipher()[0], "ECDHE-ECDSA-AES128-GCM-SHA256")

    def test_posts_that_hash_a_password_go_to_their_own_pools(self):
        self.assertPostsGoToTheirOwnPools("nginx", ("a", "b"))

    def test_the_clerks_area_only_from_the_clerks_network(self):
        self.assertClerksAreaOnlyFromTheClerksNetwork("nginx")

    def test_the_authorization_header_reaches_the_token_side(self):
        self.assertAuthorizationReachesTheTokenSide("nginx")

    def test_a_post_flood_from_one_address_gets_429(self):
        """Strict production limits: 2 POSTs a second, a burst of 10."""
        c = client("nginx", source="127.0.0.3")
        statuses = []
        for _ in range(16):
            statuses.append(c.post("/login", {"email": "flood@example.hu", "password": "x"}).status)
        self.assertNotIn(429, statuses[:10], statuses)
        self.assertIn(429, statuses, statuses)
        r = c.post("/login", {"email": "flood@example.hu", "password": "x"})
        self.assertEqual(r.status, 429)
        self.assertIn("Túl sok kérés", r.text)
        self.assertServerPage(r, "no-store")
        # GETs are never limited.
        self.assertEqual(c.get("/login").status, 200)
        time.sleep(0.6)  # the zone refills at 2 r/s; other tests use other addresses

    def test_the_token_endpoints_have_a_zone_of_their_own_for_the_services_servers(self):
        """A service's server refreshes the tokens of all its users from one
        address: 50 requests a second with a burst of 100 at /oauth2/token,
        /introspect and /revoke, not the 2 POSTs a second of people's forms,
        whose zone they leave alone; past that, 429."""
        basic = {"Authorization": "Basic " + base64.b64encode(b"no-such-client:secret").decode()}
        form = {"grant_type": "refresh_token", "refresh_token": "x", "token": "x"}
        c = client("nginx", source="127.0.0.7")
        statuses = [c.post(path, form, headers=basic).status
                    for path in ("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke") * 10]
        self.assertEqual(set(statuses), {401}, statuses)
        self.assertNotEqual(c.post("/login", {"email": "token@example.hu", "password": "x"}).status, 429)

        def flood(_):
            one = client("nginx", source="127.0.0.8")
            return [one.post("/oauth2/token", form, headers=basic).status for _ in range(60)]

        with ThreadPoolExecutor(8) as pool:
            statuses = sum(pool.map(flood, range(8)), [])
        self.assertGreaterEqual(statuses.count(401), 100, statuses)
        self.assertIn(429, statuses, statuses)
        self.assertEqual(set(statuses), {401, 429}, statuses)
        time.sleep(2)  # the zone refills at 50 r/s

    def test_the_spoken_captcha_is_limited_for_gets_too(self):
        """It starts a speech synthesiser: 2 a second, a burst of 10, per address."""
        c = client("nginx", source="127.0.0.4")
        statuses = [c.get("/captcha/audio?id=0&lang=hu").status for _ in range(16)]
        self.assertNotIn(429, statuses[:10], statuses)
        self.assertIn(429, statuses, statuses)
        self.assertEqual(c.get("/captcha?id=0").status, 404)  # the image is not limited by it
        time.sleep(0.6)

    def test_captcha_pictures_are_limited_per_address(self):
        """Each picture is drawn by a program of its own: 2 a second, a
        burst of 10, per address; pages and other addresses go on."""
        c = client("nginx", source="127.0.0.5")
        statuses = [c.get("/captcha?id=0").status for _ in range(16)]
        self.assertNotIn(429, statuses[:10], statuses)
        self.assertIn(429, statuses, statuses)
        r = c.get("/captcha?id=0")
        self.assertEqual(r.status, 429)
        self.assertIn("Túl sok kérés", r.text)
        self.assertServerPage(r, "no-store")
        self.assertEqual(c.get("/login").status, 200)
        self.assertEqual(client("nginx", source="127.0.0.6").get("/captcha?id=0").status, 404)
        time.sleep(0.6)

    def test_the_programs_see_the_request_as_tls_through_nginx(self):
        """HTTPS and REQUEST_SCHEME from fastcgi_params: the same page asked
        directly, without them, has neither HSTS nor __Host- cookies."""
        status, headers, _ = fastcgi.request(stack().pool_address("a", "login"), "/login")
        self.assertEqual(status, 200)
        self.assertFalse([v for k, v in headers if k.lower() == "strict-transport-security"])
        cookies = [v for k, v in headers if k.lower() == "set-cookie"]
        self.assertTrue(cookies)
        self.assertFalse([c for c in cookies if c.startswith("__Host-") or "Secure" in c])
        via = client("nginx").get("/login")
        self.assertTlsPage(via)
        self.assertTrue([c for c in via.all_headers("Set-Cookie") if c.startswith("__Host-")])
