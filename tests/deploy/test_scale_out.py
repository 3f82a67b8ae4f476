"""Scale-out: all state lives in the database, so two application hosts
(A: the pools on unix sockets as systemd runs them; B: the same pools on
TCP) behind one nginx upstream serve one portal, and two mail workers share
one queue."""
import collections
import re

import fastcgi
from deploy_checks import DeployTestCase, client, linked_account, login, stack, unique_email
from ktk_test import mails, wait_until


def served_by(host):
    """The last hop nginx logged for a request that host served."""
    s = stack()
    return f"unix:{s.socket_path('login')}" if host == "a" else f"127.0.0.1:{s.ports['b_login']}"


def upstreams_since(start, marker):
    with open(stack().log / "nginx-ktk.upstream.log") as f:
        f.seek(start)
        return [line.split()[-1] for line in f if marker in line]


def wait_until_nginx_uses(host):
    """nginx rests a server that failed (fail_timeout, 10 s) before trying
    it again; a host just started takes requests only after that. Each nginx
    worker keeps its own count, and on a busy machine the first probe that
    reached host B once came after 20 s, so the wait allows 35 s."""
    log = stack().log / "nginx-ktk.upstream.log"
    c = client("nginx")

    def used():
        start = log.stat().st_size
        c.get("/login?probe")
        return served_by(host) in upstreams_since(start, "/login?probe")

    wait_until(used, timeout=35, interval=0.5, what=f"nginx sending requests to host {host}")


def start_host(host):
    stack().start_host(host)
    wait_until_nginx_uses(host)


class TwoHostsTest(DeployTestCase):
    def tearDown(self):
        s = stack()
        for host in ("a", "b"):
            if f"{host}-login" not in s.procs:
                start_host(host)

    def test_each_host_serves_every_pool_by_itself(self):
        s = stack()
        for host in ("a", "b"):
            for pool in s.pools.names:
                status, _, body = fastcgi.request(s.pool_address(host, pool), "/healthz")
                self.assertEqual((status, body), (200, b"ok\n"), (host, pool))

    def test_a_session_made_on_one_host_works_on_the_other_and_ends_on_both(self):
        s = stack()
        a = linked_account(last="Szabó", first="Péter")
        c = client("nginx")

        s.stop_host("a")  # everything through host B
        self.assertEqual(login(c, a["email"], a["password"]).status, 303)
        self.assertIn("Szabó Péter", c.get("/home").text)
        copied = client("nginx")
        copied.cookies = dict(c.cookies)  # the same session cookie, kept after logout

        start_host("a")
        s.stop_host("b")  # everything through host A
        home = c.get("/home")
        self.assertEqual(home.status, 200)
        self.assertIn("Szabó Péter", home.text)
        out = c.submit("/home", {}, action="/logout")
        self.assertEqual((out.status, out.header("Location")), (303, "/login?logged_out=1"))

        start_host("b")
        s.stop_host("a")  # host B knows the session ended on host A
        self.assertEqual(copied.get("/home").header("Location"), "/login?expired=1")

    def test_both_hosts_take_requests_when_both_run(self):
        """nginx's access log (the test machine logs $upstream_addr) shows
        the round robin reaching both hosts."""
        s = stack()
        log = s.log / "nginx-ktk.upstream.log"
        start = log.stat().st_size
        c = client("nginx")
        for _ in range(8):
            self.assertEqual(c.get("/login?scale-out").status, 200)
        upstreams = wait_until(lambda: (lambda found: found if len(found) == 8 else None)(
            upstreams_since(start, "/login?scale-out")), timeout=5, what="8 lines in nginx's access log")
        self.assertIn(served_by("a"), upstreams)
        self.assertIn(served_by("b"), upstreams)


class TwoWorkersTest(DeployTestCase):
    def test_two_workers_share_the_queue_and_send_every_mail_once(self):
        s = stack()
        logs = {host: (s.log / f"worker-{host}.log") for host in ("a", "b")}
        sizes = {host: path.stat().st_size for host, path in logs.items()}
        addresses = [unique_email("worker") for _ in range(120)]
        args = ["mail", "test"]
        for a in addresses:
            args += ["--to", a]
        ids = s.admin(*args).stdout.split()
        self.assertEqual(len(ids), 120)

        wanted = set(a.lower() for a in addresses)

        def delivered():
            got = [m for m in mails() if (m["To"] or "").strip("<> ").lower() in wanted
                   or any(a in (m["To"] or "").lower() for a in wanted)]
            return got if len(got) >= 120 else None

        got = wait_until(delivered, timeout=90, interval=0.5, what="120 test mails")
        per_id = collections.Counter(m["Message-ID"] for m in got)
        self.assertEqual(len(per_id), 120)
        self.assertEqual(set(per_id.values()), {1})  # none twice
        wait_until(lambda: s.sql("SELECT COUNT(*) FROM mail_queue WHERE status = 'sent' AND id IN (" +
                                 ",".join(ids) + ")") == [["120"]], timeout=30, what="all 120 recorded as sent")
        sent = {}
        for host, path in logs.items():
            with open(path, "rb") as f:
                f.seek(sizes[host])
                text = f.read().decode("utf-8", "replace")
            sent[host] = {int(i) for i in re.findall(r"\bsent id=(\d+)", text)}
        self.assertTrue(sent["a"] and sent["b"], {h: len(v) for h, v in sent.items()})
        self.assertFalse(sent["a"] & sent["b"])
        self.assertEqual(sent["a"] | sent["b"], {int(i) for i in ids})
