"""What the fault scenarios (scenario_db_kill, scenario_mail_kill,
scenario_smtp_down) share: the integration tests' HTTP client, the stack's
database and Maildir read back, pool logs read from an offset, and the
portal's own 503 page told apart from anything else."""
import email
import email.policy
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from ktk_test import Client  # noqa: E402,F401  (one browser: cookies, forms, a source address)
from ktk_test import supervisor_pools  # noqa: E402,F401  (the stack's pools and their processes)

# Both 503 pages the portal has: the programs' own (the request loop's,
# when the database is away) and nginx's static one (a program down); each
# says so in Hungarian, with the English text beside it or on ?lang=en.
UNAVAILABLE_HU = "átmenetileg nem érhető el"
# What must never reach a client, whatever the fault.
LEAKS = ("mysqld.sock", "SQLException", "Can't connect", "Lost connection", "MySQL server has gone away",
         "terminate called", "what():", "sql::", "errno")


def is_translated_503(response):
    """A 503 whose body is the portal's translated page and nothing else."""
    return (response.status == 503 and UNAVAILABLE_HU in response.text
            and not any(leak in response.text for leak in LEAKS))


def sql(ctx, query):
    """One statement as the database root on the scenario's stack; rows of strings."""
    out = subprocess.run(["mariadb", f"--defaults-file={ctx.var}/mariadb.cnf", "-uroot", "-N", "-B", "ktk",
                          "-e", query], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def admin(ctx, *args):
    """ktk-admin against the scenario's stack."""
    return subprocess.run([os.path.join(ctx.build, "bin", "ktk-admin"), *args], check=True, capture_output=True,
                          text=True, env=dict(os.environ, KTK_CONFIG=os.path.join(ctx.var, "ktk.conf"))).stdout


def config_value(ctx, key):
    """A setting of the stack's ktk.conf, or None."""
    with open(os.path.join(ctx.var, "ktk.conf")) as f:
        for line in f:
            k, _, v = line.partition("=")
            if k.strip() == key:
                return v.strip()
    return None


def captcha_answer(ctx):
    """The stack's captcha test answer (the runner's environment, else its config)."""
    return os.environ.get("KTK_CAPTCHA_TEST_ANSWER") or config_value(ctx, "captcha.test_answer") or ""


def pidfile(var, name):
    """The pid written in var/run/<name>.pid, or None."""
    try:
        with open(os.path.join(var, "run", name + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def pid_of(ctx, name):
    """The live process of var/run/<name>.pid, or None."""
    pid = pidfile(ctx.var, name)
    try:
        if pid is not None:
            os.kill(pid, 0)
        return pid
    except OSError:
        return None


class Maildir:
    """The sink's Maildir: (recipient, Message-ID) of every mail, each file parsed once."""

    def __init__(self, ctx):
        self.new = os.path.join(ctx.var, "maildir", "new")
        self.seen = {}

    def skip_existing(self):
        """Leaves the mails already there out of every later scan, unread."""
        for name in os.listdir(self.new):
            self.seen.setdefault(name, None)

    def scan(self):
        for name in os.listdir(self.new):
            if name in self.seen:
                continue
            path = os.path.join(self.new, name)
            try:
                with open(path, "rb") as f:
                    head = f.read(16384).split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
            except FileNotFoundError:
                continue
            m = email.message_from_bytes(head + b"\n\n", policy=email.policy.default)
            self.seen[name] = ((m["X-RcptTo"] or "").strip(), (m["Message-ID"] or "").strip(),
                               os.stat(path).st_mtime)
        return [entry for entry in self.seen.values() if entry is not None]

    def matching(self, part):
        return [entry for entry in self.scan() if part in entry[0]]


class LogTail:
    """The lines a set of log files got since this object was made."""

    def __init__(self, paths):
        self.start = {}
        for p in paths:
            try:
                self.start[p] = os.path.getsize(p)
            except OSError:
                self.start[p] = 0

    def lines(self):
        out = {}
        for p, offset in self.start.items():
            try:
                with open(p, "rb") as f:
                    f.seek(offset)
                    out[p] = f.read().decode("utf-8", "replace").splitlines()
            except OSError:
                out[p] = []
        return out


def pool_logs(ctx):
    """The FastCGI pools' logs (their supervisor's and their programs' lines)."""
    return [os.path.join(ctx.var, "log", pool + ".log") for pool in sorted(supervisor_pools(ctx.var))]


# ktk-supervisor's lines when a process of its pool ended unasked (main.cpp).
RESTART = re.compile(r"ktk-supervisor\[[^]]+\] (?:warn|error) process \d+ .*")


def restarts(tail):
    """pool → the supervisor's lines about processes that died since `tail` began."""
    out = {}
    for path, lines in tail.lines().items():
        found = [l for l in lines if RESTART.search(l)]
        if found:
            out[os.path.basename(path)[:-4]] = found
    return out


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def wait_until(predicate, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
