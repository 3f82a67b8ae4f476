"""MariaDB killed (SIGKILL, as a crash would) twice under a registration
load, and started again each time.

Eight browsers register continuously through nginx, each from its own
loopback address (nginx limits POSTs per address): the form (its CSRF
token and captcha), then the POST with the captcha test answer. Beside
them one reads /login every 100 ms and each program's pages every 2 s.
The figures:

  db_kill_lost_registrations  answered with the redirect to /register/done
                              but missing from users afterwards (goal 0)
  db_kill_500s                answers other than the page, the redirect or
                              the portal's translated 503 page (goal 0)
  db_kill_recovery_s          from MariaDB accepting connections again to
                              the first registration answered, the worst
                              of the two kills (goal ≤ 5)
  db_kill_program_failures    programs that exited, wedged or stopped
                              working (goal 0): every pool answers a
                              request afterwards, the mail worker is the
                              same process and mails every registration
                              answered; a process the supervisor had to
                              replace is counted in raw.pool_restarts

Nothing is restarted by hand but MariaDB."""
import os
import socket
import threading
import time
import uuid

from faults_common import (Client, LogTail, captcha_answer, Maildir, is_translated_503, pid_of, pool_logs, restarts, sql,
                           wait_until)

NAME = "db_kill"

PASSWORD = "Tavaszi8Szel"


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.registered = []     # (email, time answered)
        self.bad = []            # (what, status, first bytes)
        self.statuses = {}
        self.unavailable = 0

    def answer(self, what, r, ok):
        with self.lock:
            self.statuses[r.status] = self.statuses.get(r.status, 0) + 1
            if ok:
                return True
            if is_translated_503(r):
                self.unavailable += 1
                return False
            self.bad.append((what, r.status, r.text[:160]))
            return False

    def failure(self, what, error):
        with self.lock:
            self.bad.append((what, "no answer", repr(error)[:160]))


def registrant(ctx, n, tag, rec, stop):
    answer = captcha_answer(ctx)
    i = 0
    while not stop.is_set():
        c = Client(url=ctx.url, source=f"127.0.21.{n + 1}")
        try:
            page = c.get("/register")
            if not rec.answer("GET /register", page, page.status == 200):
                time.sleep(0.2)
                continue
            form = page.form("/register")
            i += 1
            address = f"dbkill.{tag}.{n}.{i}@example.hu"
            form.update({"last_name": "Kovács", "first_name": "Anna", "email": address, "language": "hu",
                         "phone": "06 30 123 4567", "password": PASSWORD, "password_confirm": PASSWORD,
                         "captcha": answer})
            r = c.post("/register", form)
            ok = r.status == 303 and r.header("Location") == "/register/done"
            if rec.answer("POST /register", r, ok):
                with rec.lock:
                    rec.registered.append((address, time.monotonic()))
            else:
                time.sleep(0.2)
        except Exception as e:  # a connection refused or cut is a failure too
            rec.failure("registration", e)
            time.sleep(0.2)


def reader(ctx, rec, stop):
    """GET /login every 100 ms, and every 2 s one request to each pool, so
    that every program holds a database connection when MariaDB dies."""
    c = Client(url=ctx.url, source="127.0.21.100")
    n = 0
    while not stop.is_set():
        requests = [("/login", {200})] + (SWEEP if n % 20 == 0 else [])
        for path, good in requests:
            try:
                r = c.get(path)
                rec.answer("GET " + path, r, r.status in good)
            except Exception as e:
                rec.failure("GET " + path, e)
        n += 1
        stop.wait(0.1)


def accepting_at(ctx, stop):
    """Watches MariaDB's socket from now on; returns a function giving the
    first time it sent a client its greeting (None before)."""
    path = os.path.join(ctx.var, "run", "mysqld.sock")
    seen = []

    def watch():
        while not stop.is_set() and not seen:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.settimeout(1)
                    s.connect(path)
                    if s.recv(4):
                        seen.append(time.monotonic())
                        return
            except OSError:
                pass
            time.sleep(0.01)

    threading.Thread(target=watch, daemon=True).start()
    return lambda: seen[0] if seen else None


# One request per pool, answered afterwards by each unless it wedged:
# (path, the answers that show the program working).
SWEEP = [("/login", {200}), ("/register", {200}), ("/register/done", {200}), ("/confirm/resend", {200}),
         ("/password/forgot", {200}), ("/profile", {303}), ("/applications", {303}), ("/admin", {200, 303}),
         ("/.well-known/openid-configuration", {200}), ("/healthz", {200})]


def run(ctx):
    short = ctx.short
    clients = 8
    warm, down, between, after = (4, 3, 6, 6) if short else (20, 5, 30, 30)
    tag = uuid.uuid4().hex[:8]
    rec = Recorder()
    stop = threading.Event()
    tail = LogTail(pool_logs(ctx))
    worker_pid = pid_of(ctx, "worker")
    maildir = Maildir(ctx)
    maildir.skip_existing()  # only mails from now on
    threads = [threading.Thread(target=registrant, args=(ctx, n, tag, rec, stop), daemon=True)
               for n in range(clients)]
    threads.append(threading.Thread(target=reader, args=(ctx, rec, stop), daemon=True))
    for t in threads:
        t.start()
    time.sleep(warm)
    recoveries = []
    kills = []
    for k in range(2):
        with rec.lock:
            before = len(rec.registered)
        ctx.stack("db-kill")
        killed = time.monotonic()
        time.sleep(down)
        watching = threading.Event()
        greeted = accepting_at(ctx, watching)
        ctx.stack("db-start")  # returns once MariaDB answers a ping
        # From its first greeting to a client (before the ping's answer).
        up = greeted() or time.monotonic()
        watching.set()
        first = wait_until(lambda: next((t for _, t in rec.registered if t >= up), None), timeout=60, interval=0.05)
        recoveries.append(None if first is None else round(first - up, 2))
        kills.append({"registered_before": before, "down_s": round(up - killed, 1)})
        time.sleep(between if k == 0 else after)
    stop.set()
    for t in threads:
        t.join(timeout=40)

    answered = [a for a, _ in rec.registered]
    # Lost: answered as registered, but no row.
    present = set()
    for i in range(0, len(answered), 500):
        chunk = answered[i:i + 500]
        present |= {r[0] for r in sql(ctx, "SELECT email_key FROM users WHERE email_key IN (" +
                                      ",".join(f"'{a}'" for a in chunk) + ")")}
    lost = [a for a in answered if a not in present]
    ctx.figure("db_kill_lost_registrations", len(lost), 0, len(answered) > 0 and not lost,
               raw={"answered": len(answered), "lost": lost[:20], "kills": kills})

    ctx.figure("db_kill_500s", len(rec.bad), 0, not rec.bad,
               raw={"statuses": rec.statuses, "translated_503": rec.unavailable, "first": rec.bad[:10]})

    worst = None if None in recoveries else max(recoveries)
    ctx.figure("db_kill_recovery_s", worst, "≤ 5", worst is not None and worst <= 5,
               raw={"per_kill_s": recoveries}, unit="s")

    # The programs: every pool answers, the worker lives on and mails
    # every registration answered (the confirmation queued with the row).
    problems = []
    sweep = {}
    for path, good in SWEEP:
        try:
            r = Client(url=ctx.url, source="127.0.21.101").get(path)
            sweep[path] = r.status
            if r.status not in good:
                problems.append(f"{path} answered {r.status} afterwards")
        except Exception as e:
            problems.append(f"{path}: {e!r}")
    if worker_pid is None or pid_of(ctx, "worker") != worker_pid:
        problems.append("the mail worker is not the process it was before the kills")
    wanted = set(answered)
    got = wait_until(lambda: (lambda s: s if wanted <= s else None)(
        {r for r, _, _ in maildir.matching(f"dbkill.{tag}.")}), timeout=90, interval=1) or \
        {r for r, _, _ in maildir.matching(f"dbkill.{tag}.")}
    unmailed = sorted(wanted - got)
    if unmailed:
        problems.append(f"{len(unmailed)} registration(s) answered but never mailed")
    pool_restarts = restarts(tail)
    for pool, lines in pool_restarts.items():
        if any("giving up" in l for l in lines):
            problems.append(f"the supervisor of {pool} gave up")
    ctx.figure("db_kill_program_failures", len(problems), 0, not problems,
               raw={"problems": problems, "sweep": sweep, "unmailed": unmailed[:10],
                    "pool_restarts": {p: len(l) for p, l in pool_restarts.items()},
                    "pool_restart_lines": {p: l[:3] for p, l in pool_restarts.items()}})
