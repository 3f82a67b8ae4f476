"""The web servers' access logs never hold a one-time token: a registration,
its confirmation and a password reset through the shipped nginx and Apache
sites, then every access log of both read back (nginx/ktk-log.conf,
contrib/apache/ktk-log.conf)."""
import http.client
import re
import uuid

from deploy_checks import DeployTestCase, client, linked_account, stack
from test_password import reset_link, token_of, wait_for_mail
from test_register import LINK, confirm_link, fields, local_path, new_address, register, wait_for_mails

# `token=` followed by anything but the marker the shipped formats write.
UNREDACTED = re.compile(r"token=(?!\[redacted\](?:[&\s\"]|$))", re.I)


def access_logs():
    s = stack()
    return {"nginx": [s.log / "nginx-ktk.access.log", s.log / "nginx-ktk.upstream.log"],
            "apache": [s.d / "apache" / "log" / "ktk-access.log"]}


def log_text():
    return "".join(path.read_text(errors="replace") for paths in access_logs().values() for path in paths)


def plain_http_get(server, path):
    """A link opened with http:// (the port that only redirects)."""
    conn = http.client.HTTPConnection("127.0.0.1", stack().ports[f"{server}_http"], timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


class AccessLogTest(DeployTestCase):
    def journey(self, server):
        """Registration, confirmation and a password reset through `server`;
        the tokens it used."""
        c = client(server)
        email = new_address(f"log-{server}")
        self.assertEqual(register(c, fields(email)).status, 303)
        link = confirm_link(wait_for_mails(email, 1)[0])
        confirm_token = LINK.search(link).group(2)
        page = c.get(local_path(link))
        self.assertEqual(page.status, 200)
        self.assertEqual(c.post("/confirm", page.form("/confirm")).status, 303)

        a = linked_account()
        self.assertEqual(c.submit("/password/forgot", {"email": a["email"]}).status, 303)
        reset = reset_link(wait_for_mail(a["email"], "Jelszó megújítása")[-1])
        form = c.get(local_path(reset)).form("/password/reset")
        form.update(password="Uj-Jelszo-2026x", password_confirm="Uj-Jelszo-2026x")
        self.assertEqual(c.post("/password/reset", form).status, 303)

        # Any route, a token in any place of the query, several of them, and
        # the plain-http port that only redirects.
        probes = [f"probe{uuid.uuid4().hex}" for _ in range(4)]
        self.assertEqual(c.get(f"/no/such/route?lang=en&token={probes[0]}").status, 404)
        c.get(f"/login?token={probes[1]}&x=1&TOKEN={probes[2]}")
        self.assertEqual(plain_http_get(server, f"/confirm?token={probes[3]}&lang=hu"), 301)
        return [confirm_token, token_of(reset)] + probes

    def test_no_token_reaches_the_access_logs_of_either_server(self):
        tokens = self.journey("nginx") + self.journey("apache")
        for server, paths in access_logs().items():
            for path in paths:
                text = path.read_text(errors="replace")
                # The requests were logged, with the path and the other
                # parameters kept.
                self.assertIn("/confirm?token=[redacted]&lang=hu", text, path)
                self.assertIn("/password/reset?token=[redacted]&lang=hu", text, path)
                for token in tokens:
                    self.assertNotIn(token, text, f"{path}: {token}")
                self.assertEqual([line for line in text.splitlines() if UNREDACTED.search(line)], [], path)
        for server in ("nginx", "apache"):
            self.assertIn("/no/such/route?lang=en&token=[redacted]", "".join(
                p.read_text() for p in access_logs()[server]), server)
