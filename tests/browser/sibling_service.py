"""A sibling service of the KTK family that no one here wrote the sign-in
of: Apache 2.4 with mod_auth_openidc, configured by
contrib/apache/sibling-openidc.conf.example (what the README gives a
hosting provider), in front of a small CGI page that prints the claims it
is handed. Registered on the test stack with `ktk-admin client add` like an
operator would (confidential, first-party, with post-logout and
back-channel logout URIs).

    python3 sibling_service.py start PORT NAME   → JSON {origin, client_id, dir}
    python3 sibling_service.py stop PORT

Everything lives in $KTK_VAR/sibling-PORT/ (config, pid file, logs);
contrib/ktk's stack_down stops what a broken run left behind."""

import json
import os
import pathlib
import re
import secrets
import socket
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "integration"))

import ktk_accounts  # noqa: E402
import ktk_apache  # noqa: E402

ROOT = pathlib.Path(os.environ.get("KTK_ROOT", HERE.parents[1]))
VAR = pathlib.Path(os.environ["KTK_VAR"])
BASE = os.environ.get("KTK_TEST_URL", "http://127.0.0.1:8080")
EXAMPLE = ROOT / "contrib" / "apache" / "sibling-openidc.conf.example"
MODULES = ["mpm_event", "authn_core", "authz_core", "authz_user", "auth_openidc", "alias", "cgid", "mime"]

# The page: who mod_auth_openidc says is signed in, each claim as it
# arrives (HTML-escaped); ktk_municipality arrives as a JSON object's text,
# so its two fields are shown as well.
PAGE = r'''#!/usr/bin/python3
import html, json, os, sys, urllib.parse
env = os.environb
def claim(name):
    return env.get(b"OIDC_CLAIM_" + name.encode(), b"").decode("utf-8", "replace")
rows = [(n, claim(n)) for n in ("sub", "email", "name", "ktk_role", "ktk_municipality")]
try:
    m = json.loads(claim("ktk_municipality"))
    rows += [("municipality_name", m["name"]), ("municipality_tax_number", m["tax_number"])]
except (ValueError, TypeError, KeyError):
    pass
home = "http://" + env.get(b"HTTP_HOST", b"").decode("ascii", "replace") + "/"
logout = "/oidc/redirect_uri?logout=" + urllib.parse.quote(home, safe="")
body = "".join(f'<dt>{n}</dt><dd id="{n}">{html.escape(v)}</dd>' for n, v in rows)
sys.stdout.buffer.write(("Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n\r\n"
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sibling service</title></head>'
    f'<body><main><h1>Sibling service</h1><dl>{body}</dl>'
    f'<p><a id="logout" href="{html.escape(logout)}">Log out</a></p></main></body></html>\n').encode())
'''


def replace(text, old, new):
    out, n = re.subn(re.escape(old), new.replace("\\", "\\\\"), text)
    if n == 0:
        raise AssertionError(f"{EXAMPLE.name}: expected to find {old!r} (did the example change?)")
    return out


def register(name, origin):
    out = ktk_accounts.admin("client", "add", "--name", name, "--first-party",
                             "--redirect-uri", f"{origin}/oidc/redirect_uri",
                             "--post-logout-redirect-uri", f"{origin}/",
                             "--backchannel-logout-uri", f"{origin}/oidc/redirect_uri?logout=backchannel")
    return dict(line.split(": ", 1) for line in out.splitlines())


def start(port, name):
    origin = f"http://127.0.0.1:{port}"
    d = VAR / f"sibling-{port}"
    ktk_apache.stop(d)
    ktk_apache.prepare(d)
    if os.geteuid() == 0:
        # The workers (www-data) reach the page; the stack's secrets stay 0700 below.
        os.chmod(VAR, 0o711)
        os.chmod(d, 0o755)
    client = register(name, origin)
    (d / "page.py").write_text(PAGE)
    (d / "page.py").chmod(0o755)
    site = EXAMPLE.read_text()
    site = replace(site, "https://ktk.example.hu", BASE)
    site = replace(site, "https://vkp.example.hu", origin)
    site = replace(site, "KTK_CLIENT_ID", client["client_id"])
    site = replace(site, "KTK_CLIENT_SECRET", client["client_secret"])
    site = replace(site, "RANDOM_PASSPHRASE", secrets.token_urlsafe(32))
    (d / "sibling-openidc.conf").write_text(site)
    conf = d / "apache2.conf"
    conf.write_text(ktk_apache.config(d, [f"127.0.0.1:{port}"], MODULES, f"""ScriptSock {d}/run/cgid.sock
CustomLog {d}/log/access.log combined
# The service's one page; the browser's favicon request needs no sign-in.
ScriptAliasMatch ^/$ {d}/page.py
<Directory {d}>
    Options +ExecCGI
</Directory>
Include {d}/sibling-openidc.conf
<Location /favicon.ico>
    AuthType None
    Require all granted
</Location>
"""))
    test = ktk_apache.configtest(conf)
    if test.returncode != 0:
        raise AssertionError(f"apache2 -t refused {conf}:\n{test.stderr}")
    ktk_apache.start(conf)
    deadline = time.time() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            break
        except OSError:
            if time.time() > deadline:
                raise AssertionError(f"the sibling's Apache did not listen on {port} (see {d}/log/error.log)")
            time.sleep(0.05)
    return {"origin": origin, "client_id": client["client_id"], "dir": str(d)}


if __name__ == "__main__":
    if sys.argv[1] == "start":
        print(json.dumps(start(int(sys.argv[2]), sys.argv[3])))
    elif sys.argv[1] == "stop":
        ktk_apache.stop(VAR / f"sibling-{int(sys.argv[2])}")
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
