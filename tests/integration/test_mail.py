"""The mail path end to end: messages queued through the real enqueue code
(`ktk-admin mail test`), delivered by ktk-mail-worker through msmtp to the
stack's SMTP sink, read back from its Maildir with Python's email parser.
Waiting on backoffs and leases moves the portal's clock instead of sleeping."""
import email
import email.policy
import mailbox
import os
import re
import secrets
import signal
import subprocess
import sys

from ktk_test import ROOT, VAR, TestCase, set_clock_offset, sql, stack, wait_until

FAKE_SENDMAIL = os.path.join(ROOT, "tests", "integration", "fake_sendmail.py")


def stack_env():
    with open(os.path.join(VAR, "stack.env")) as f:
        return dict(line.strip().split("=", 1) for line in f if "=" in line)


def config_value(key):
    with open(os.path.join(VAR, "ktk.conf")) as f:
        for line in f:
            k, _, v = line.partition("=")
            if k.strip() == key:
                return v.strip()
    return None


def program(name):
    return os.path.join(stack_env()["BUILD"], "bin", name)


def env(**overrides):
    e = dict(os.environ, KTK_CONFIG=os.path.join(VAR, "ktk.conf"))
    e.update({k: str(v) for k, v in overrides.items()})
    return e


def admin(*args, check=True):
    return subprocess.run([program("ktk-admin"), *args], env=env(), check=check, capture_output=True, text=True)


def queue(addresses, lang, name=None):
    """Queues one test mail per address through ktk-admin; returns the queue ids."""
    args = ["mail", "test", "--lang", lang]
    if name:
        args += ["--name", name]
    for a in addresses:
        args += ["--to", a]
    return [int(x) for x in admin(*args).stdout.split()]


def msmtp_command():
    return config_value("mail.sendmail_command")


def fake_command(*options):
    """The stack's msmtp command behind the fake sendmail with OPTIONS."""
    return " ".join(["/usr/bin/python3", FAKE_SENDMAIL, *options, msmtp_command()])


class Worker:
    """A ktk-mail-worker of the test's own, logging to var/log/NAME.log."""

    def __init__(self, name, *args, **overrides):
        self.log_path = os.path.join(VAR, "log", name + ".log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen([program("ktk-mail-worker"), *args], env=env(**overrides),
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait(self, timeout=60):
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self.log.close()

    def text(self):
        with open(self.log_path) as f:
            return f.read()

    def sent_ids(self):
        return {int(m) for m in re.findall(r" sent id=(\d+) ", self.text())}


def run_once(name, **overrides):
    w = Worker(name, "--once", **overrides)
    rc = w.wait()
    return rc, w.text()


class Maildir:
    """The sink's Maildir, parsed once per file."""

    def __init__(self):
        self.cache = {}

    def mails(self, rcpt_part):
        box = mailbox.Maildir(os.path.join(VAR, "maildir"), factory=None, create=False)
        out = []
        for key in box.keys():
            if key not in self.cache:
                with box.get_file(key) as f:
                    self.cache[key] = email.message_from_binary_file(f, policy=email.policy.default)
            m = self.cache[key]
            if rcpt_part in (m["X-RcptTo"] or ""):
                out.append(m)
        return out


def rows(ids):
    """id → (status, attempts, message_id, recipient, due_at, last_error, body is null)."""
    got = sql("SET time_zone = '+00:00'; SELECT id, status, attempts, message_id, recipient, UNIX_TIMESTAMP(due_at), IFNULL(last_error, ''),"
              " message IS NULL FROM mail_queue WHERE id IN (" + ",".join(str(int(i)) for i in ids) + ")")
    return {int(r[0]): (r[1], int(r[2]), r[3], r[4], int(r[5]), r[6], r[7] == "1") for r in got}


def statuses(ids):
    return sorted({r[0] for r in rows(ids).values()})


class MailTestCase(TestCase):
    def setUp(self):
        self.tag = secrets.token_hex(4)
        self.maildir = Maildir()
        path = os.path.join(VAR, "clock-offset")
        self.original_offset = int(open(path).read().strip() or 0) if os.path.exists(path) else 0
        self.offset = self.original_offset

    def tearDown(self):
        set_clock_offset(self.original_offset)
        stack("worker-start")

    def move_clock(self, seconds):
        self.offset += seconds
        set_clock_offset(self.offset)

    def addresses(self, n, prefix="", domain="example.test"):
        return [f"{prefix}{self.tag}-{i}@{domain}" for i in range(n)]

    def assertLogShowsNoContent(self, log, addresses):
        for a in addresses:
            self.assertNotIn(a.split("@")[0], log)
        for text in ("KTK test", "tesztüzenet", "Kovács", "Subject", "http://"):
            self.assertNotIn(text, log)


class DeliveryTest(MailTestCase):
    def test_200_queued_mails_arrive_exactly_once_in_each_language(self):
        hu = self.addresses(100, "hu-", "example.hu")
        en = self.addresses(100, "en-")
        ids = queue(hu, "hu", name="Őrsi-Űrhegyi Kovács Éva") + queue(en, "en", name="Éva Kovács")
        self.assertEqual(len(set(ids)), 200)
        wait_until(lambda: statuses(ids) == ["sent"], timeout=90, what="the worker to send 200 mails")
        got = self.maildir.mails(self.tag)
        self.assertEqual(len(got), 200)
        db = {r[3]: r for r in rows(ids).values()}
        self.assertEqual(sorted(m["X-RcptTo"] for m in got), sorted(hu + en))
        self.assertEqual(len({m["Message-ID"] for m in got}), 200)
        base = config_value("base_url")
        for m in got:
            rcpt = m["X-RcptTo"]
            self.assertEqual(m["Message-ID"], db[rcpt][2], "the Message-ID fixed at enqueue")
            self.assertEqual(db[rcpt][1], 1)
            self.assertTrue(db[rcpt][6], "the body of a sent mail is not kept")
            self.assertEqual(m["To"].addresses[0].addr_spec, rcpt)
            self.assertEqual(m["From"].addresses[0].display_name, "KTK")
            self.assertEqual(m["From"].addresses[0].addr_spec, config_value("mail.from"))
            self.assertIsNotNone(m["Date"].datetime)
            self.assertEqual(m.get_content_type(), "multipart/alternative")
            text = m.get_body(("plain",)).get_content()
            html = m.get_body(("html",)).get_content()
            self.assertIn(base + "/login", text)
            self.assertIn(f'href="{base}/login"', html)
            if rcpt.startswith("hu-"):
                self.assertEqual(str(m["Subject"]), "KTK tesztüzenet – a levélküldés ellenőrzése")
                self.assertEqual(m["To"].addresses[0].display_name, "Őrsi-Űrhegyi Kovács Éva")
                self.assertTrue(text.startswith("Kedves Őrsi-Űrhegyi Kovács Éva!\n"), text[:80])
                self.assertIn("ne válaszoljon rá", text)
                self.assertIn('<html lang="hu">', html)
            else:
                self.assertEqual(str(m["Subject"]), "KTK test message – checking the mail path")
                self.assertEqual(m["To"].addresses[0].display_name, "Éva Kovács")
                self.assertTrue(text.startswith("Dear Éva Kovács,\n"), text[:80])
                self.assertIn("please do not reply", text)
                self.assertIn('<html lang="en">', html)
        log = open(os.path.join(VAR, "log", "worker.log")).read()
        self.assertIn(f" sent id={ids[0]} kind=test to=@example.hu", log)
        self.assertLogShowsNoContent(log, hu + en)

    def test_contrib_mail_lists_the_decoded_subject_and_link(self):
        [qid] = queue([f"list-{self.tag}@example.hu"], "hu")
        wait_until(lambda: statuses([qid]) == ["sent"], what="the test mail")
        out = subprocess.run([os.path.join(ROOT, "contrib", "ktk"), "mail"], env=dict(os.environ, KTK_VAR=VAR),
                             check=True, capture_output=True, text=True).stdout
        line = next(l for l in out.splitlines() if f"list-{self.tag}@example.hu" in l)
        self.assertIn("KTK tesztüzenet – a levélküldés ellenőrzése", line)
        self.assertIn(config_value("base_url") + "/login", out)

    def test_admin_refuses_an_address_with_a_line_break(self):
        before = sql("SELECT COUNT(*) FROM mail_queue")[0][0]
        r = admin("mail", "test", "--to", "x@example.test\r\nBcc: y@evil.test", check=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("not a valid e-mail address", r.stderr)
        self.assertEqual(sql("SELECT COUNT(*) FROM mail_queue")[0][0], before)


class FailureTest(MailTestCase):
    def test_worker_killed_mid_batch_loses_nothing_and_duplicates_keep_their_message_id(self):
        stack("worker-stop")
        addresses = self.addresses(40, "crash-")
        ids = queue(addresses, "en")
        # Parse what the Maildir already holds now, so that watching for the
        # first deliveries below is quick even on a busy machine (else the
        # slow worker may finish before the kill).
        self.maildir.mails(self.tag)
        w = Worker(f"worker-crash-{self.tag}", KTK_MAIL_SENDMAIL_COMMAND=fake_command("--delay", "1.0"),
                   KTK_MAIL_PARALLEL=4)
        wait_until(lambda: len(self.maildir.mails(self.tag)) >= 6, what="the slow worker to send some")
        os.kill(w.proc.pid, signal.SIGKILL)
        w.wait()
        before = rows(ids)
        leased = [i for i, r in before.items() if r[0] == "sending"]
        self.assertTrue(leased, "the worker was killed between batches, not in the middle of one")
        # Another worker sends what was still queued, but leaves a leased
        # message alone until its lease runs out …
        rc, _ = run_once(f"worker-crash-early-{self.tag}")
        self.assertEqual(rc, 0)
        self.assertEqual(sorted(i for i, r in rows(ids).items() if r[0] != "sent"), sorted(leased))
        # … then the daemon claims it again.
        self.move_clock(int(config_value("mail.lease_seconds") or 120) + 1)
        stack("worker-start")
        wait_until(lambda: statuses(ids) == ["sent"], timeout=60, what="every message to be sent after the lease")
        after = rows(ids)
        by_rcpt = {}
        for m in self.maildir.mails(self.tag):
            by_rcpt.setdefault(m["X-RcptTo"], []).append(m["Message-ID"])
        lost = [a for a in addresses if a not in by_rcpt]
        duplicates = sum(len(v) - 1 for v in by_rcpt.values())
        print(f"\n    crash test: {len(ids)} queued, {len(leased)} leased at the kill, "
              f"{len(lost)} lost, {duplicates} duplicate(s)", file=sys.stderr)
        self.assertEqual(lost, [])
        for qid, r in after.items():
            self.assertEqual(set(by_rcpt[r[3]]), {r[2]}, "a duplicate carries the same Message-ID")
        self.assertEqual(sql("SELECT COUNT(*) FROM mail_queue WHERE status = 'sending'"), [["0"]])
        self.assertIn("reclaimed id=", open(os.path.join(VAR, "log", "worker.log")).read())

    def test_sink_down_mails_are_retried_then_delivered(self):
        stack("worker-stop")
        stack("sink-stop")
        try:
            addresses = self.addresses(5, "down-")
            ids = queue(addresses, "hu")
            rc, log = run_once(f"worker-down-{self.tag}")
            self.assertEqual(rc, 0)
            now = int(sql("SELECT UNIX_TIMESTAMP()")[0][0]) + self.offset
            for status, attempts, _, _, due, error, _ in rows(ids).values():
                self.assertEqual((status, attempts), ("queued", 1))
                self.assertAlmostEqual(due, now + 60, delta=5)
                self.assertTrue(error.startswith("exit 75 (temporary failure)"), error)
            self.assertEqual(log.count(" retry id="), 5)
            self.assertIn("attempt=1/8 (exit 75 (temporary failure)) next in 60s", log)
            self.assertLogShowsNoContent(log, addresses)
        finally:
            stack("sink-start")
        self.assertEqual(self.maildir.mails(self.tag), [])
        # Back up, but not yet due: nothing is sent before the backoff.
        run_once(f"worker-down-early-{self.tag}")
        self.assertEqual(statuses(ids), ["queued"])
        self.move_clock(61)
        stack("worker-start")
        wait_until(lambda: statuses(ids) == ["sent"], what="the retried mails")
        self.assertEqual(sorted(m["X-RcptTo"] for m in self.maildir.mails(self.tag)), sorted(addresses))
        self.assertEqual({r[1] for r in rows(ids).values()}, {2})

    def test_permanent_failure_is_abandoned_after_max_attempts(self):
        stack("worker-stop")
        addresses = self.addresses(1, "perm-")
        [qid] = queue(addresses, "hu", name="Kovács Éva")
        failing = dict(KTK_MAIL_SENDMAIL_COMMAND=fake_command("--exit", "69"), KTK_MAIL_MAX_ATTEMPTS=3)
        logs = ""
        for attempt, expected in ((1, "queued"), (2, "queued"), (3, "abandoned")):
            rc, log = run_once(f"worker-perm-{attempt}-{self.tag}", **failing)
            self.assertEqual(rc, 0)
            logs += log
            status, attempts, _, _, _, error, body_gone = rows([qid])[qid]
            self.assertEqual((status, attempts), (expected, attempt))
            self.assertEqual(error, "exit 69: fake sendmail: 550 5.1.1 mailbox unavailable")
            self.assertFalse(body_gone, "an unsent message keeps its body")
            if expected == "queued":
                self.move_clock(60 * 2 ** (attempt - 1))  # the backoff: 60 s, then 120 s
        self.assertIn(f"retry id={qid} kind=test to=@example.test attempt=1/3 (exit 69) next in 60s", logs)
        self.assertIn(f"retry id={qid} kind=test to=@example.test attempt=2/3 (exit 69) next in 120s", logs)
        self.assertIn(f"abandoned id={qid} kind=test to=@example.test attempts=3 last=exit 69", logs)
        self.assertLogShowsNoContent(logs, addresses)
        # Abandoned for good: later runs leave it alone.
        self.move_clock(86400)
        run_once(f"worker-perm-later-{self.tag}", **failing)
        self.assertEqual(rows([qid])[qid][:2], ("abandoned", 3))
        self.assertEqual(self.maildir.mails(self.tag), [])


    def test_a_sendmail_that_cannot_start_is_retried_by_the_same_daemon_then_abandoned(self):
        stack("worker-stop")
        [qid] = queue(self.addresses(1, "nostart-"), "en")
        w = Worker(f"worker-nostart-{self.tag}", KTK_MAIL_SENDMAIL_COMMAND="/nonexistent/sendmail -- {rcpt}",
                   KTK_MAIL_MAX_ATTEMPTS=2)
        try:
            wait_until(lambda: rows([qid])[qid][:2] == ("queued", 1), what="the first attempt")
            self.assertEqual(rows([qid])[qid][5], "cannot start /nonexistent/sendmail: No such file or directory")
            self.move_clock(61)
            wait_until(lambda: rows([qid])[qid][:2] == ("abandoned", 2), what="the second attempt, then abandon")
        finally:
            w.proc.send_signal(signal.SIGTERM)
            self.assertEqual(w.wait(), 0)
        self.assertIn(f"abandoned id={qid} kind=test to=@example.test attempts=2", w.text())


class ConcurrencyTest(MailTestCase):
    def test_two_workers_at_once_send_each_message_once(self):
        stack("worker-stop")
        addresses = self.addresses(300, "two-")
        ids = queue(addresses, "en")
        a = Worker(f"worker-a-{self.tag}")
        b = Worker(f"worker-b-{self.tag}")
        try:
            wait_until(lambda: statuses(ids) == ["sent"], timeout=90, what="two workers to send 300 mails")
        finally:
            for w in (a, b):
                w.proc.send_signal(signal.SIGTERM)
            self.assertEqual([a.wait(), b.wait()], [0, 0])
        got = self.maildir.mails(self.tag)
        self.assertEqual(sorted(m["X-RcptTo"] for m in got), sorted(addresses))
        sent_a, sent_b = a.sent_ids(), b.sent_ids()
        self.assertTrue(sent_a and sent_b, "both workers took a share")
        self.assertEqual(sent_a & sent_b, set())
        self.assertEqual(sent_a | sent_b, set(ids))

    def test_sigterm_finishes_the_messages_in_flight_then_stops(self):
        stack("worker-stop")
        addresses = self.addresses(20, "term-")
        ids = queue(addresses, "hu")
        w = Worker(f"worker-term-{self.tag}", KTK_MAIL_SENDMAIL_COMMAND=fake_command("--delay", "0.5"),
                   KTK_MAIL_PARALLEL=2)
        wait_until(lambda: len(self.maildir.mails(self.tag)) >= 1, what="the first mail")
        w.proc.send_signal(signal.SIGTERM)
        self.assertEqual(w.wait(timeout=10), 0)
        after = rows(ids)
        sent = {i for i, r in after.items() if r[0] == "sent"}
        self.assertEqual(len(self.maildir.mails(self.tag)), len(sent), "what was in flight was finished and recorded")
        self.assertEqual({r[0] for i, r in after.items() if i not in sent}, {"queued"}, "the rest was given back")
        self.assertTrue(len(sent) < 20)
        self.assertEqual({r[1] for i, r in after.items() if i not in sent}, {0}, "an unsent claim is no attempt")
        self.assertIn("stopping: finishing", w.text())
        stack("worker-start")
        wait_until(lambda: statuses(ids) == ["sent"], what="the daemon to send the rest")
        self.assertEqual(sorted(m["X-RcptTo"] for m in self.maildir.mails(self.tag)), sorted(addresses))
