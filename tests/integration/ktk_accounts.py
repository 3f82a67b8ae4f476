"""Accounts for the integration tests, made the way the portal makes them:
district offices, municipalities and clerks through the operator's own
command line (`ktk-admin office add`, `municipality add`, `clerk add`);
contacts as rows written with sql() until every flow exists, their
passwords always hashed by the portal's own code (`ktk-admin user
set-password`), never hard-coded hashes."""
import os
import random
import subprocess
import uuid

import re

from ktk_test import AUTHENTICATORS, ROOT, VAR, Client, server_now, sql, totp_code

PASSWORD = "Titkos-Jelszo42"


def run_admin(*args, stdin=None):
    """Runs ktk-admin against the test stack; returns the CompletedProcess."""
    return subprocess.run([os.path.join(ROOT, "contrib", "ktk"), "admin", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=dict(os.environ, KTK_VAR=VAR))


def admin(*args, stdin=None):
    """Runs ktk-admin against the test stack; returns stdout, raises on failure."""
    r = run_admin(*args, stdin=stdin)
    if r.returncode != 0:
        raise AssertionError(f"ktk-admin {' '.join(map(str, args))} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def set_password(email, password):
    admin("user", "set-password", "--email", email, stdin=password + "\n")


def unique_email(prefix="user"):
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.hu"


def tax_number(county="13"):
    """A valid, random tax number NNNNNNNN-V-CC (check digit as fcgi-apps/lib/domain/tax_number.h computes it)."""
    base = [random.randint(0, 9) for _ in range(7)]
    s = sum(d * w for d, w in zip(base, (9, 7, 3, 1, 9, 7, 3)))
    base.append((10 - s % 10) % 10)
    return "".join(map(str, base)) + f"-1-{county}"


def literal(value):
    """An SQL literal for sql(): NULL, a number, or a quoted string."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def insert(query, *params):
    return int(sql(query + "; SELECT LAST_INSERT_ID()", *params)[0][0])


def office(name=None, county="Pest"):
    """A new district office (`ktk-admin office add`); returns its id."""
    return int(admin("office", "add", name or f"Gödöllői Járási Hivatal {uuid.uuid4().hex[:6]}",
                     "--county", county))


def municipality(office_id, name="Veresegyház Város Önkormányzata"):
    """A new municipality of the office (`ktk-admin municipality add`); returns (id, tax number)."""
    tax = tax_number()
    mid = int(admin("municipality", "add", "--office", office_id, "--name", name, "--tax-number", tax))
    return mid, tax


def clerk(office_id=None, language="hu", last="Szabó", first="Éva", email=None, password=PASSWORD, enrol=True):
    """A clerk of the office (a new office when none is given) made with
    `ktk-admin clerk add`, with a second factor enrolled through the pages
    unless `enrol` is false; returns a dict like account()."""
    office_id = office_id or office()
    email = email or unique_email("clerk")
    cid = int(admin("clerk", "add", "--office", office_id, "--email", email, "--last-name", last,
                    "--first-name", first, "--lang", language, stdin=password + "\n"))
    info = {"id": cid, "email": email, "password": password, "last": last, "first": first,
            "language": language, "office_id": office_id}
    # A clerk reaches no office page before enrolling a second factor.
    if enrol:
        entry = enrol_second_factor(email, password)
        # For the browser tests, which answer the second step themselves.
        info.update(totp_secret=entry["secret"], totp_last=entry["last"], recovery_codes=entry["recovery"])
    return info


def enrol_second_factor(email, password, make_client=Client):
    """Enrols an authenticator for the account through the pages, as a
    person would: logs in, reads the secret from /profile/two-factor,
    confirms it with a code from oathtool, logs out. Records the secret in
    AUTHENTICATORS (later password logins answer the second step by
    themselves); returns the entry, the recovery codes included.
    `make_client`: another front end's client (the deploy tests)."""
    c = make_client()
    r = c.submit("/login", {"email": email, "password": password}, action="/login")
    if r.status != 303:
        raise AssertionError(f"enrol_second_factor: login of {email} answered {r.status}")
    page = c.get("/profile/two-factor")
    m = re.search(r'id="totp-secret"[^>]*>([A-Z2-7 ]+)<', page.text)
    if not m:
        raise AssertionError(f"enrol_second_factor: no secret on the page ({page.status})")
    secret = m.group(1).replace(" ", "")
    step = int(server_now()) // 30
    form = page.form("/profile/two-factor")
    form["code"] = totp_code(secret, step)
    done = c.post("/profile/two-factor", form)
    codes = re.findall(r'class="recovery-code">([^<]+)<', done.text)
    if done.status != 200 or len(codes) != 10:
        raise AssertionError(f"enrol_second_factor: confirming answered {done.status}")
    entry = {"secret": secret, "last": step, "recovery": codes}
    AUTHENTICATORS[email.strip().lower()] = entry
    c.post("/logout", c.get("/logout").form("/logout"))
    return entry


def account(state="linked", language="hu", last="Kovács", first="Anna", email=None, password=PASSWORD,
            municipality_name="Veresegyház Város Önkormányzata", office_id=None):
    """A user in one of the states the login tells apart: 'pending',
    'unlinked' (confirmed), 'linked', 'disabled' (linked, then disabled) or
    'clerk'. Returns a dict with id, email, password and, when linked, the
    municipality's name and tax number."""
    if state == "clerk":
        return clerk(language=language, last=last, first=first, email=email, password=password)
    email = email or unique_email(state)
    info = {"email": email, "password": password, "last": last, "first": first, "language": language}
    municipality_id = None
    if state in ("linked", "disabled"):
        office_id = office_id or office()
        info["office_id"] = office_id
        municipality_id, info["tax_number"] = municipality(office_id, municipality_name)
        info["municipality"] = municipality_name
    confirmed = None if state == "pending" else "2026-01-06 09:00:00"
    linked = "2026-01-07 10:00:00" if municipality_id else None
    disabled = "2026-01-08 11:00:00" if state == "disabled" else None
    columns = {
        "email": email, "email_key": email.strip().lower(),
        "password_hash": "!",  # matches no password until set_password below
        "last_name": last, "first_name": first, "phone": "+36301234567", "language": language,
        "role": "contact", "municipality_id": municipality_id, "office_id": None,
        "created_at": "2026-01-06 08:00:00", "confirmed_at": confirmed, "disabled_at": disabled,
        "linked_at": linked,
    }
    info["id"] = insert(f"INSERT INTO users ({', '.join(columns)}) VALUES ({', '.join(map(literal, columns.values()))})")
    set_password(email, password)
    return info
