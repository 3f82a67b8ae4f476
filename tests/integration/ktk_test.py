"""Helpers for the integration tests: an HTTP client with a cookie jar that
talks to the throwaway stack through nginx, form parsing, the stack's
database and Maildir, and the clock override. Standard library only."""
import email
import email.policy
import html.parser
import http.client
import mailbox
import os
import subprocess
import time
import unittest
import urllib.parse
import uuid

URL = os.environ.get("KTK_TEST_URL", "http://127.0.0.1:8080")
VAR = os.environ.get("KTK_VAR", "")
ROOT = os.environ.get("KTK_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
_parsed = urllib.parse.urlsplit(URL)
HOST, PORT = _parsed.hostname, _parsed.port


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.raw = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def all_headers(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def form(self, action=None):
        """The fields of the page's first form in <main> (or of the first form posting to
        `action`, wherever it is): the header's language and logout forms are not the page's form."""
        p = _FormParser(action)
        p.feed(self.text)
        return p.fields

    def __repr__(self):
        return f"<Response {self.status} {self.text[:200]!r}>"


class _FormParser(html.parser.HTMLParser):
    def __init__(self, action):
        super().__init__()
        self.action, self.fields, self.inside, self.done, self.in_main = action, {}, False, False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.in_main = True
        if tag == "form" and not self.done and (a.get("action") == self.action if self.action else self.in_main):
            self.inside = True
        elif self.inside and tag in ("input", "select", "textarea") and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.setdefault(a["name"], a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


# Authenticators of test accounts that enrolled a second factor through
# the pages (ktk_accounts.enrol_second_factor): e-mail key → {"secret":
# base32, "last": newest step used, "recovery": [codes]}. A Client that
# logs one of these in with the password answers the second step by
# itself (Client.post), so tests about other things log clerks in as
# before; test_two_factor uses accounts of its own.
AUTHENTICATORS = {}


def server_now():
    """The stack's clock: the real one plus the test's clock offset."""
    try:
        with open(os.path.join(VAR, "clock-offset")) as f:
            return time.time() + int(f.read().strip() or 0)
    except (FileNotFoundError, ValueError):
        return time.time()


def totp_code(secret, step):
    """The code of 30-second step `step` for a base32 secret, by oathtool."""
    return subprocess.run(["oathtool", "--totp", "-b", "-N", f"@{step * 30}", secret.replace(" ", "")],
                          check=True, capture_output=True, text=True).stdout.strip()


def fresh_code(entry):
    """A code of an enrolled authenticator (`entry`: "secret", "last", as
    in AUTHENTICATORS) that the portal has not seen: the oldest step of
    its window (one step either side) newer than the last one used; waits
    for the next step when all three are used."""
    while True:
        now = server_now()
        current = int(now) // 30
        # The step before only well inside a step: the portal's clock may
        # reach the next step before it checks.
        for step in ((current - 1, current, current + 1) if now % 30 < 27 else (current, current + 1)):
            if step > entry["last"]:
                entry["last"] = step
                return totp_code(entry["secret"], step)
        time.sleep(30 - now % 30 + 0.2)


class Client:
    """One browser: keeps cookies, never follows redirects by itself."""

    def __init__(self, lang=None, source=None, url=None, tls=None):
        self.cookies = {}
        self.lang = lang
        self.source = source  # another loopback address to send from, e.g. "127.0.0.2"
        # Another front end than the stack's nginx (the deploy tests); `tls`
        # is the ssl.SSLContext for an https URL.
        parts = urllib.parse.urlsplit(url or URL)
        self.host, self.port, self.tls = parts.hostname, parts.port, tls

    def request(self, method, path, body=None, headers=None, content_type=None):
        h = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.lang:
            h["Accept-Language"] = self.lang
        if content_type:
            h["Content-Type"] = content_type
        h.update(headers or {})
        source = (self.source, 0) if self.source else None
        if self.tls:
            conn = http.client.HTTPSConnection(self.host, self.port, timeout=30, source_address=source,
                                               context=self.tls)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=source)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        for value in resp.all_headers("Set-Cookie"):
            name, _, rest = value.partition("=")
            val = rest.split(";", 1)[0]
            if "Max-Age=0" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = val
        return resp

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, headers=None):
        body = urllib.parse.urlencode(fields).encode()
        r = self.request("POST", path, body=body, headers=headers,
                         content_type="application/x-www-form-urlencoded")
        # A password login of an account enrolled by the helpers: its
        # second step, with a fresh code, as the person would.
        if path == "/login" and r.status == 303 and (r.header("Location") or "").startswith("/login/two-factor"):
            key = str(dict(fields).get("email", "")).strip().lower()
            if key in AUTHENTICATORS:
                step = self.get(r.header("Location"))
                form = step.form("/login/two-factor")
                form["code"] = fresh_code(AUTHENTICATORS[key])
                return self.post("/login/two-factor", form, headers=headers)
        return r

    def post_multipart(self, path, fields, files, headers=None):
        """A form with files, as a browser sends it: `files` holds
        (field, file name, bytes, declared type) tuples."""
        boundary = "----ktktest" + uuid.uuid4().hex
        body = bytearray()
        for name, value in fields:
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f'{value}\r\n').encode()
        for name, filename, data, declared in files:
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: {declared}\r\n\r\n').encode() + data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body=bytes(body), headers=headers,
                            content_type=f"multipart/form-data; boundary={boundary}")

    def submit(self, page_path, fields, action=None, headers=None):
        """GET a page, keep its hidden fields (CSRF token), POST `fields` to its form."""
        page = self.get(page_path)
        form = page.form(action)
        form.update(fields)
        return self.post(action or page_path.split("?")[0], form, headers=headers)


def stack(action):
    """Stops or starts one part of the test stack (db-stop, db-start, apps-stop, …)."""
    subprocess.run([os.path.join(ROOT, "contrib", "ktk"), "_stack", action], check=True,
                   env=dict(os.environ, KTK_VAR=VAR), stdout=subprocess.DEVNULL)


def sql(query, *params):
    """Runs one statement as the database root; returns rows of strings."""
    for p in params:
        query = query.replace("%s", "'" + str(p).replace("\\", "\\\\").replace("'", "''") + "'", 1)
    out = subprocess.run(["mariadb", f"--defaults-file={VAR}/mariadb.cnf", "-uroot", "-N", "-B", "ktk", "-e", query],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def set_clock_offset(seconds):
    with open(os.path.join(VAR, "clock-offset"), "w") as f:
        f.write(str(int(seconds)))


def supervisor_pools(var=None):
    """{pool: [pid…]} of the stack's one ktk-supervisor (var/run/supervisor.pid,
    contrib/ktk apps_start): its pools, from its command line (--pool NAME),
    each with its processes: the supervisor's children that have
    KTK_POOL=<pool> in their environment. {} when it does not run."""
    try:
        with open(os.path.join(var or VAR, "run", "supervisor.pid")) as f:
            parent = int(f.read().strip())
        with open(f"/proc/{parent}/cmdline", "rb") as f:
            args = f.read().split(b"\0")
    except (OSError, ValueError):
        return {}
    pools = {args[i + 1].decode(): [] for i in range(len(args) - 1) if args[i] == b"--pool"}
    out = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True).stdout
    for pid in (int(p) for p in out.split()):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:  # gone meanwhile
            continue
        for entry in env:
            if entry.startswith(b"KTK_POOL="):
                pools.setdefault(entry[len(b"KTK_POOL="):].decode(), []).append(pid)
    return pools


def pool_pids(pool):
    """The processes of one pool of the stack, sorted."""
    return sorted(supervisor_pools().get(pool, []))


def oldest(pid_list):
    """The longest-running of the processes (start time in /proc)."""
    def started(pid):
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[19])
    return min(pid_list, key=started)


def mails():
    """Every message in the stack's Maildir, parsed, oldest first."""
    box = mailbox.Maildir(os.path.join(VAR, "maildir"), factory=None, create=False)
    out = []
    for key in box.keys():
        with box.get_file(key) as f:
            out.append(email.message_from_binary_file(f, policy=email.policy.default))
    out.sort(key=lambda m: m["Date"].datetime if m["Date"] else 0)
    return out


def mails_to(address):
    """The messages to `address`, oldest first."""
    return [m for m in mails() if address.lower() in (m["To"] or "").lower()]


def wait_for_mails(address, count, subject=None):
    """At least `count` messages to `address` (waits up to 30 s for the
    worker); with `subject`, only those whose subject contains it (a login
    from a new browser mails a notice that may come first)."""
    def found():
        ms = [m for m in mails_to(address) if subject is None or subject in (m["Subject"] or "")]
        return ms if len(ms) >= count else None
    return wait_until(found, timeout=30, what=f"{count} mail(s) to {address}" + (f" about {subject}" if subject else ""))


def wait_until(predicate, timeout=20, interval=0.1, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


class TestCase(unittest.TestCase):
    maxDiff = 2000

    def assertSecurityHeaders(self, r, no_store=True):
        csp = r.header("Content-Security-Policy") or ""
        self.assertIn("default-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        if no_store:
            self.assertEqual(r.header("Cache-Control"), "no-store")
