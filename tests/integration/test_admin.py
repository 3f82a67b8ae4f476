"""The district-office clerks' area (/admin) and the operator's command
line (ktk-admin) through the real stack: linking, unlinking, disabling
and enabling accounts, the office boundary, the audit trail with its
before and after values, the users' mails, nginx's allow-list, and the
dev stack's demo data. Offices, municipalities and clerks are made with
ktk-admin; contacts with ktk_accounts."""
import html
import json
import os
import re
import subprocess
import urllib.parse

from ktk_accounts import (PASSWORD, account, clerk, enrol_second_factor, municipality, office, run_admin, tax_number,
                          unique_email)
from ktk_test import ROOT, URL, VAR, Client, TestCase, mails, sql, wait_until

ADMIN_PAGES = ("/admin", "/admin/link", "/admin/unlink", "/admin/disable", "/admin/enable", "/admin/email",
               "/admin/audit")


def login(client, a):
    r = client.submit("/login", {"email": a["email"], "password": a["password"]})
    assert r.status == 303, r
    return r


def clerk_client(office_id=None, language="hu"):
    """A clerk of the office (a new one when none is given), logged in."""
    c = clerk(office_id, language=language)
    client = Client()
    r = login(client, c)
    assert r.header("Location") == "/admin", r.header("Location")
    return c, client


def visible_text(r):
    """The page's text as a person reads it (tags dropped, entities decoded)."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", r.text, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def alerts(r):
    found = re.findall(r'<div class="alert[^"]*"[^>]*>(.*?)</div>', r.text, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", a)) for a in found)


def mails_to(address):
    return [m for m in mails() if address.lower() in (m["To"] or "").lower()]


def wait_for_mail(address, subject):
    def found():
        return next((m for m in mails_to(address) if m["Subject"] == subject), None)
    return wait_until(found, timeout=30, what=f"the mail '{subject}' to {address}")


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def queued(address, kind):
    return int(sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s AND kind = %s", address, kind)[0][0])


def audit_rows(action, user_id=None, municipality_id=None):
    """Audit rows of one action, oldest first, as dicts with parsed JSON values."""
    rows = sql("SELECT actor_label, client_address, target_user_id, target_municipality_id, before_value, after_value"
               " FROM audit_log WHERE action = %s ORDER BY id", action)
    out = []
    for actor, address, user, muni, before, after in rows:
        row = {"actor": actor, "address": None if address == "NULL" else address, "user": None if user == "NULL" else int(user),
               "municipality": None if muni == "NULL" else int(muni),
               "before": None if before == "NULL" else json.loads(before),
               "after": None if after == "NULL" else json.loads(after)}
        if (user_id is None or row["user"] == user_id) and (municipality_id is None or row["municipality"] == municipality_id):
            out.append(row)
    return out


def user_row(user_id):
    r = sql("SELECT municipality_id, linked_at, disabled_at FROM users WHERE id = %s", user_id)[0]
    return [None if v == "NULL" else v for v in r]


def municipality_id(tax):
    return int(sql("SELECT id FROM municipalities WHERE tax_number = %s", tax)[0][0])


def link(client, email, tax, name=None):
    fields = {"email": email, "tax_number": tax}
    if name is not None:
        fields["municipality_name"] = name
    return client.submit("/admin/link?email=" + urllib.parse.quote(email), fields, action="/admin/link")


def act(client, action, email):
    """Opens /admin/<action>?email=… and presses its confirm button."""
    return client.submit(f"/admin/{action}?email=" + urllib.parse.quote(email), {}, action=f"/admin/{action}")


def sessions(user_id):
    return int(sql("SELECT COUNT(*) FROM sessions WHERE user_id = %s", user_id)[0][0])


class AccessTest(TestCase):
    def test_anonymous_visitors_are_sent_to_login(self):
        for path in ADMIN_PAGES:
            r = Client().get(path)
            self.assertEqual((r.status, r.header("Location")), (303, "/login"), path)

    def test_a_contact_gets_403_on_every_admin_page_and_the_attempt_is_audited(self):
        a = account("linked")
        c = Client()
        login(c, a)
        for path in ADMIN_PAGES:
            r = c.get(path + "?lang=en")
            self.assertEqual(r.status, 403, path)
            self.assertIn("only for the clerks of the district offices", visible_text(r))
            self.assertSecurityHeaders(r)
        denied = audit_rows("access.denied")
        mine = [d for d in denied if d["actor"] == f"user:{a['id']}"]
        self.assertEqual(sorted(d["after"]["attempted"] for d in mine), sorted(ADMIN_PAGES))
        self.assertTrue(all(d["after"]["reason"] == "not_a_clerk" for d in mine))
        self.assertTrue(all(d["address"] == "127.0.0.1" for d in mine))

    def test_admin_pages_are_never_cached_and_carry_the_security_headers(self):
        _, c = clerk_client()
        for path in ("/admin", "/admin/link", "/admin/audit"):
            r = c.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertSecurityHeaders(r, no_store=True)

    def test_the_clerk_sees_their_name_and_office(self):
        off = office("Aszódi Járási Hivatal " + unique_email("x")[2:8])
        c, client = clerk_client(off)
        r = client.get("/admin")
        text = visible_text(r)
        self.assertIn("Szabó Éva", text)
        self.assertIn("Aszódi Járási Hivatal", text)
        self.assertIn('action="/logout"', r.text)

    def test_nginx_refuses_admin_to_an_address_outside_the_allow_list(self):
        env = open(os.path.join(VAR, "stack.env")).read()
        allow = re.search(r"^ADMIN_ALLOW='([^']*)'", env, re.M).group(1).split()
        refused = [e[1:] for e in allow if e.startswith("!")]
        self.assertTrue(refused, f"the test stack's allow-list refuses no address: {allow}")
        outsider = Client(source=refused[0])
        for path in ("/admin", "/admin/link", "/admin/audit?user=x"):
            r = outsider.get(path)
            self.assertEqual(r.status, 403, path)
            self.assertIn("Not available from here", r.text)  # nginx's own page, not the program's
            self.assertNotIn("csrf_token", r.text)
        r = outsider.post("/admin/link", {"email": "x@example.hu"})
        self.assertEqual(r.status, 403)
        self.assertIn("Not available from here", r.text)
        # The rest of the portal is open to that address, and /admin to the allowed ones.
        self.assertEqual(outsider.get("/login").status, 200)
        self.assertEqual(Client().get("/admin").status, 303)
        self.assertEqual(Client(source="127.0.0.3").get("/admin").status, 303)


class SearchTest(TestCase):
    def test_search_finds_by_email_or_name_with_state_and_registration_date(self):
        off = office()
        _, c = clerk_client(off)
        tag = unique_email("x")[2:10]
        pending = account("pending", last="Pendinger" + tag, first="Pál")
        confirmed = account("unlinked", last="Kovács" + tag, first="Anna")
        linked = account("linked", office_id=off, last="Linder" + tag, first="Lili")
        disabled = account("unlinked", last="Tiltott" + tag, first="Tamás")
        sql("UPDATE users SET disabled_at = '2026-02-01 10:00:00' WHERE id = %s", disabled["id"])
        r = c.get("/admin?q=" + urllib.parse.quote(tag))
        self.assertEqual(r.status, 200)
        text = visible_text(r)
        for a, state in ((pending, "Megerősítésre vár"), (confirmed, "Megerősítve"), (linked, "Összekapcsolva"),
                         (disabled, "Letiltva")):
            row = re.search(r"<tr>(?:(?!</tr>).)*" + re.escape(a["email"]) + r".*?</tr>", r.text, re.S)
            self.assertIsNotNone(row, a["email"])
            self.assertIn(state, html.unescape(row.group(0)))
            self.assertIn("2026. 01. 06.", row.group(0))  # the registration date, Hungarian style
        self.assertIn(f"{linked['municipality']}", text)
        self.assertIn(linked["tax_number"], text)
        # By e-mail address, by "last first" and "first last", ignoring case and accents.
        for q in (confirmed["email"].upper(), f"kovacs{tag} anna", f"Anna Kovács{tag}"):
            self.assertIn(confirmed["email"], c.get("/admin?q=" + urllib.parse.quote(q)).text, q)
        en = c.get("/admin?lang=en&q=" + urllib.parse.quote(tag))
        self.assertIn("Pending confirmation", en.text)
        self.assertIn("2026-01-06", en.text)

    def test_without_a_query_the_confirmed_registrations_waiting_for_a_link_are_listed(self):
        _, c = clerk_client()
        waiting = account("unlinked")
        pending = account("pending")
        r = c.get("/admin")
        self.assertIn(waiting["email"], r.text)
        self.assertNotIn(pending["email"], r.text)
        self.assertIn(f'href="/admin/link?email={urllib.parse.quote(waiting["email"])}"', r.text)

    def test_wildcards_in_the_query_match_only_themselves(self):
        _, c = clerk_client()
        account("unlinked")
        r = c.get("/admin?q=%25")
        self.assertIn("Nincs a keresésnek megfelelő regisztráció", visible_text(r))
        r = c.get("/admin?q=_")
        self.assertIn("Nincs a keresésnek megfelelő regisztráció", visible_text(r))


class LinkTest(TestCase):
    def test_a_clerk_links_a_confirmed_user_who_gets_the_mail_and_can_log_in(self):
        off = office()
        mid, tax = municipality(off, "Veresegyház Város Önkormányzata")
        c, client = clerk_client(off)
        user = account("unlinked", last="Kiss", first="Péter")
        # The user cannot log in yet.
        self.assertEqual(Client().submit("/login", {"email": user["email"], "password": user["password"]}).status, 200)
        form = client.get("/admin/link?email=" + urllib.parse.quote(user["email"]))
        self.assertIn("Kiss Péter", visible_text(form))
        self.assertIn(f'<option value="{tax}"', form.text)  # the office's municipalities to choose from
        r = link(client, user["email"], tax.replace("-", ""))  # without hyphens
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), "/admin?q=" + urllib.parse.quote(user["email"], safe="") + "&done=linked")
        page = client.get(r.header("Location"))
        self.assertIn("Az összekapcsolás megtörtént", alerts(page))
        self.assertIn("Összekapcsolva", visible_text(page))
        self.assertEqual(int(user_row(user["id"])[0]), mid)

        mail = wait_for_mail(user["email"], "KTK: fiókját összekapcsolták az önkormányzatával")
        body = text_of(mail)
        self.assertIn("Kedves Kiss Péter!", body)
        self.assertIn("Veresegyház Város Önkormányzata", body)
        self.assertIn(tax, body)
        self.assertIn(URL + "/login", body)

        home_client = Client()
        self.assertEqual(login(home_client, user).header("Location"), "/home")
        home = home_client.get("/home")
        self.assertIn("Veresegyház Város Önkormányzata", home.text)
        self.assertIn(tax, home.text)

    def test_the_link_mail_is_in_the_users_language(self):
        off = office()
        _, tax = municipality(off, "Gödöllő Város Önkormányzata")
        _, client = clerk_client(off)
        user = account("unlinked", language="en", last="Nagy", first="Péter")
        self.assertEqual(link(client, user["email"], tax).status, 303)
        mail = wait_for_mail(user["email"], "KTK: your account is now linked to your municipality")
        body = text_of(mail)
        self.assertIn("Dear Péter Nagy,", body)
        self.assertIn("Gödöllő Város Önkormányzata", body)
        self.assertIn("you can log in", body)

    def test_a_new_tax_number_with_a_name_adds_the_municipality_to_the_clerks_office(self):
        off = office()
        c, client = clerk_client(off)
        user = account("unlinked")
        tax = tax_number()
        r = link(client, user["email"], tax)
        self.assertEqual(r.status, 422)
        self.assertIn("Ez az adószám még nem szerepel a rendszerben", alerts(r))
        self.assertEqual(sql("SELECT COUNT(*) FROM municipalities WHERE tax_number = %s", tax), [["0"]])
        self.assertEqual(link(client, user["email"], tax, "Mogyoród Község Önkormányzata").status, 303)
        row = sql("SELECT name, office_id FROM municipalities WHERE tax_number = %s", tax)
        self.assertEqual(row, [["Mogyoród Község Önkormányzata", str(off)]])
        mid = municipality_id(tax)
        created = audit_rows("municipality.create", municipality_id=mid)
        self.assertEqual(len(created), 1)
        self.assertEqual(created[0]["actor"], f"user:{c['id']}")
        self.assertEqual(created[0]["after"]["tax_number"], tax)
        self.assertEqual(created[0]["after"]["office_id"], off)
        self.assertEqual(len(audit_rows("user.link", user_id=user["id"])), 1)

    def test_a_new_tax_number_of_another_county_is_refused_naming_the_offices_county(self):
        # The review's case: a Pest office's clerk adds a Baranya (02) tax number.
        off = office()
        _, client = clerk_client(off)
        user = account("unlinked")
        tax = tax_number("02")
        for lang, text in (("hu", "csak erről a területről vehet fel önkormányzatot: Pest."),
                           ("en", "can add municipalities of this area only: Pest.")):
            r = client.submit(f"/admin/link?lang={lang}", {"email": user["email"], "tax_number": tax,
                                                            "municipality_name": "Kozármisleny Város Önkormányzata"},
                              action="/admin/link")
            self.assertEqual(r.status, 422)
            self.assertIn(text, alerts(r))
            self.assertIn('id="tax_number-error"', r.text)
        self.assertEqual(sql("SELECT COUNT(*) FROM municipalities WHERE tax_number = %s", tax), [["0"]])
        self.assertEqual(user_row(user["id"])[0], None)
        self.assertEqual(audit_rows("user.link", user_id=user["id"]), [])
        # A Budapest office takes the older Budapest codes too.
        budapest = office(county="Budapest")
        _, bp = clerk_client(budapest)
        self.assertEqual(link(bp, user["email"], tax_number("31"), "Budapest XI. kerület Önkormányzata").status, 303)

    def test_linking_a_pending_user_is_refused_with_a_clear_message(self):
        off = office()
        _, tax = municipality(off)
        _, client = clerk_client(off)
        user = account("pending")
        for lang, text in (("hu", "még nincs megerősítve"), ("en", "not confirmed yet")):
            r = client.submit(f"/admin/link?lang={lang}&email=" + urllib.parse.quote(user["email"]),
                              {"email": user["email"], "tax_number": tax}, action="/admin/link")
            self.assertEqual(r.status, 422)
            self.assertIn(text, alerts(r))
            self.assertIn('aria-invalid="true"', r.text)
        self.assertEqual(user_row(user["id"])[0], None)
        self.assertEqual(audit_rows("user.link", user_id=user["id"]), [])
        self.assertEqual(queued(user["email"], "account_linked"), 0)

    def test_linking_a_disabled_user_is_refused(self):
        off = office()
        _, tax = municipality(off)
        _, client = clerk_client(off)
        user = account("unlinked")
        sql("UPDATE users SET disabled_at = '2026-02-01 10:00:00' WHERE id = %s", user["id"])
        r = link(client, user["email"], tax)
        self.assertEqual(r.status, 422)
        self.assertIn("le van tiltva", alerts(r))
        self.assertEqual(user_row(user["id"])[0], None)

    def test_every_kind_of_bad_input_gets_its_own_message(self):
        _, client = clerk_client()
        user = account("unlinked")
        cases = (
            ({"email": "", "tax_number": "15731034-2-13"}, "email", "Adja meg az e-mail címét"),
            ({"email": "nem-cim", "tax_number": "15731034-2-13"}, "email", "nem érvényes e-mail cím"),
            ({"email": unique_email("nobody"), "tax_number": "15731034-2-13"}, "email", "nincs regisztráció"),
            ({"email": user["email"], "tax_number": ""}, "tax_number", "Adja meg az önkormányzat adószámát"),
            ({"email": user["email"], "tax_number": "1573103-2-13"}, "tax_number", "11 számjegyből áll"),
            ({"email": user["email"], "tax_number": "15731035-2-13"}, "tax_number", "ellenőrző számjegy"),
            ({"email": user["email"], "tax_number": "15731034-7-13"}, "tax_number", "áfakód"),
            ({"email": user["email"], "tax_number": "15731034-2-99"}, "tax_number", "területi kód"),
            ({"email": user["email"], "tax_number": tax_number(), "municipality_name": "Város 2000 <b>"},
             "municipality_name", "Csak betűket, számjegyeket"),
        )
        for fields, field, text in cases:
            with self.subTest(fields=fields):
                r = client.submit("/admin/link", fields)
                self.assertEqual(r.status, 422)
                self.assertIn(text, alerts(r))
                self.assertRegex(r.text, rf'id="{field}"[^>]*aria-invalid="true"')
        self.assertEqual(user_row(user["id"])[0], None)

    def test_linking_again_to_the_same_municipality_changes_nothing(self):
        off = office()
        _, client = clerk_client(off)
        user = account("linked", office_id=off)
        r = link(client, user["email"], user["tax_number"])
        self.assertEqual(r.status, 409)
        self.assertIn("már ehhez az önkormányzathoz van kapcsolva", alerts(r))
        self.assertEqual(queued(user["email"], "account_linked"), 0)

    def test_a_linked_user_can_be_moved_to_another_municipality_of_the_office(self):
        off = office()
        _, client = clerk_client(off)
        user = account("linked", office_id=off)
        old = municipality_id(user["tax_number"])
        new, tax = municipality(off, "Őrbottyán Város Önkormányzata")
        self.assertEqual(link(client, user["email"], tax).status, 303)
        row = audit_rows("user.link", user_id=user["id"])[-1]
        self.assertEqual(row["before"]["municipality_id"], old)
        self.assertEqual(row["before"]["tax_number"], user["tax_number"])
        self.assertEqual(row["after"]["municipality_id"], new)
        self.assertEqual(row["after"]["municipality"], "Őrbottyán Város Önkormányzata")

    def test_a_post_without_the_sessions_csrf_token_is_refused(self):
        off = office()
        _, tax = municipality(off)
        _, client = clerk_client(off)
        user = account("unlinked")
        r = client.post("/admin/link", {"email": user["email"], "tax_number": tax})
        self.assertEqual(r.status, 403)
        self.assertEqual(user_row(user["id"])[0], None)


class OfficeBoundaryTest(TestCase):
    def setUp(self):
        self.home_office = office()
        self.other_office = office()
        self.user = account("linked", office_id=self.home_office)
        self.other_clerk, self.client = clerk_client(self.other_office)

    def denied_rows(self, attempted):
        return [d for d in audit_rows("access.denied")
                if d["actor"] == f"user:{self.other_clerk['id']}" and d["after"]["attempted"] == attempted]

    def test_linking_to_a_municipality_of_another_office_gets_403_and_is_audited(self):
        waiting = account("unlinked")
        mid = municipality_id(self.user["tax_number"])
        r = link(self.client, waiting["email"], self.user["tax_number"])
        self.assertEqual(r.status, 403)
        self.assertIn("nem az Ön járási hivatalához tartozik", visible_text(r))
        self.assertEqual(user_row(waiting["id"])[0], None)
        rows = self.denied_rows("user.link")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["after"]["reason"], "municipality_outside_office")
        self.assertEqual((rows[0]["user"], rows[0]["municipality"]), (waiting["id"], mid))
        self.assertEqual(rows[0]["address"], "127.0.0.1")

    def test_relinking_a_user_of_another_office_gets_403_and_is_audited(self):
        _, tax = municipality(self.other_office)
        r = link(self.client, self.user["email"], tax)
        self.assertEqual(r.status, 403)
        self.assertEqual(int(user_row(self.user["id"])[0]), municipality_id(self.user["tax_number"]))
        self.assertEqual(self.denied_rows("user.link")[0]["after"]["reason"], "user_outside_office")

    def test_unlink_disable_and_enable_outside_the_office_get_403_and_are_audited(self):
        token = self.client.get("/admin/link").form("/admin/link")["csrf_token"]
        for action in ("unlink", "disable", "enable"):
            with self.subTest(action=action):
                page = self.client.get(f"/admin/{action}?email=" + urllib.parse.quote(self.user["email"]))
                self.assertEqual(page.status, 403)
                self.assertNotIn(self.user["email"], page.text)
                r = self.client.post(f"/admin/{action}", {"csrf_token": token, "email": self.user["email"]})
                self.assertEqual(r.status, 403)
                self.assertEqual(len(self.denied_rows(f"user.{action}")), 2)
        self.assertEqual(user_row(self.user["id"])[2], None)
        self.assertIsNotNone(user_row(self.user["id"])[0])

    def test_the_other_offices_users_and_audit_are_not_shown(self):
        r = self.client.get("/admin?q=" + urllib.parse.quote(self.user["email"]))
        self.assertEqual(r.status, 200)
        self.assertIn("Nincs a keresésnek megfelelő regisztráció", visible_text(r))
        self.assertNotIn("<tr>", r.text)
        self.assertEqual(self.client.get("/admin/audit?user=" + urllib.parse.quote(self.user["email"])).status, 403)
        self.assertEqual(self.client.get("/admin/audit?municipality=" + self.user["tax_number"]).status, 403)
        self.assertEqual(len(self.denied_rows("audit.view")), 2)
        self.assertNotIn(self.user["tax_number"], self.client.get("/admin/link").text)


class AccountActionTest(TestCase):
    def setUp(self):
        self.office = office()
        self.clerk, self.client = clerk_client(self.office)
        self.user = account("linked", office_id=self.office, language="hu", last="Tóth", first="Gábor")
        self.user_client = Client()
        login(self.user_client, self.user)
        self.assertEqual(self.user_client.get("/home").status, 200)

    def test_unlink_asks_first_then_unlinks_ends_the_sessions_audits_and_mails(self):
        mid = municipality_id(self.user["tax_number"])
        page = self.client.get("/admin/unlink?email=" + urllib.parse.quote(self.user["email"]))
        self.assertEqual(page.status, 200)
        self.assertIn(self.user["municipality"], page.text)
        self.assertIsNotNone(user_row(self.user["id"])[0], "a GET changes nothing")
        r = act(self.client, "unlink", self.user["email"])
        self.assertEqual(r.status, 303)
        self.assertIn("&done=unlinked", r.header("Location"))
        self.assertIn("leválasztotta az önkormányzatról", alerts(self.client.get(r.header("Location"))))
        self.assertEqual(user_row(self.user["id"])[:2], [None, None])
        self.assertEqual(sessions(self.user["id"]), 0)
        self.assertEqual(self.user_client.get("/home").header("Location"), "/login?expired=1")
        row = audit_rows("user.unlink", user_id=self.user["id"])[-1]
        self.assertEqual(row["actor"], f"user:{self.clerk['id']}")
        self.assertEqual(row["municipality"], mid)
        self.assertEqual(row["before"]["municipality_id"], mid)
        self.assertEqual(row["before"]["tax_number"], self.user["tax_number"])
        self.assertEqual(row["before"]["linked_at"], "2026-01-07 10:00:00")
        self.assertIsNone(row["after"]["municipality_id"])
        self.assertEqual(row["after"]["sessions_ended"], 1)
        mail = wait_for_mail(self.user["email"], "KTK: fiókját leválasztották az önkormányzatról")
        self.assertIn(self.user["municipality"], text_of(mail))
        self.assertIn("Kedves Tóth Gábor!", text_of(mail))
        # Once more: nothing left to unlink.
        again = self.client.get("/admin/unlink?email=" + urllib.parse.quote(self.user["email"]))
        self.assertIn("nincs önkormányzathoz kapcsolva", alerts(again))
        self.assertNotIn('action="/admin/unlink"', again.text)

    def test_disable_then_enable_each_audit_mail_and_change_the_login(self):
        r = act(self.client, "disable", self.user["email"])
        self.assertEqual(r.status, 303)
        self.assertIn("&done=disabled", r.header("Location"))
        disabled_at = user_row(self.user["id"])[2]
        self.assertIsNotNone(disabled_at)
        self.assertEqual(sessions(self.user["id"]), 0)
        self.assertEqual(self.user_client.get("/home").header("Location"), "/login?expired=1")
        row = audit_rows("user.disable", user_id=self.user["id"])[-1]
        self.assertEqual(row["before"], {"disabled_at": None})
        self.assertEqual(row["after"], {"disabled_at": disabled_at, "sessions_ended": 1})
        wait_for_mail(self.user["email"], "KTK: fiókját letiltották")
        refused = Client().submit("/login", {"email": self.user["email"], "password": self.user["password"]})
        self.assertIn("le van tiltva", alerts(refused))

        r = act(self.client, "enable", self.user["email"])
        self.assertEqual(r.status, 303)
        self.assertIn("&done=enabled", r.header("Location"))
        self.assertIsNone(user_row(self.user["id"])[2])
        row = audit_rows("user.enable", user_id=self.user["id"])[-1]
        self.assertEqual(row["before"], {"disabled_at": disabled_at})
        self.assertEqual(row["after"], {"disabled_at": None})
        mail = wait_for_mail(self.user["email"], "KTK: fiókja ismét használható")
        self.assertIn(self.user["municipality"], text_of(mail))
        self.assertIn(URL + "/login", text_of(mail))
        self.assertEqual(login(Client(), self.user).header("Location"), "/home")

    def test_enabling_an_account_that_is_not_disabled_is_refused(self):
        page = self.client.get("/admin/enable?email=" + urllib.parse.quote(self.user["email"]))
        self.assertIn("nincs letiltva", alerts(page))
        token = self.client.get("/admin/link").form("/admin/link")["csrf_token"]
        r = self.client.post("/admin/enable", {"csrf_token": token, "email": self.user["email"]})
        self.assertEqual(r.status, 409)
        self.assertEqual(audit_rows("user.enable", user_id=self.user["id"]), [])

    def test_an_unknown_address_gets_a_clear_page(self):
        r = self.client.get("/admin/disable?email=" + urllib.parse.quote(unique_email("nobody")))
        self.assertEqual(r.status, 404)
        self.assertIn("nincs regisztráció", alerts(r))

    def test_clerks_accounts_are_not_acted_on_from_the_web(self):
        other = clerk(self.office)
        r = self.client.get("/admin/disable?email=" + urllib.parse.quote(other["email"]))
        self.assertEqual(r.status, 404)
        self.assertNotIn('action="/admin/disable"', r.text)


class AuditPageTest(TestCase):
    def test_the_audit_page_shows_before_and_after_filtered_by_user_or_municipality(self):
        off = office()
        c, client = clerk_client(off)
        user = account("unlinked", last="Fekete", first="Judit")
        _, tax = municipality(off, "Csomád Község Önkormányzata")
        self.assertEqual(link(client, user["email"], tax).status, 303)
        self.assertEqual(act(client, "disable", user["email"]).status, 303)
        by_user = client.get("/admin/audit?user=" + urllib.parse.quote(user["email"]))
        self.assertEqual(by_user.status, 200)
        text = visible_text(by_user)
        self.assertIn("Összekapcsolás önkormányzattal", text)
        self.assertIn("Fiók letiltása", text)
        self.assertIn("Fekete Judit", text)
        self.assertIn(c["email"], text)  # who did it
        link_row = re.search(r"<tr>(?:(?!</tr>).)*user\.link.*?</tr>", by_user.text, re.S).group(0)
        before, after = re.findall(r"<td>(<dl.*?</dl>)</td>", link_row, re.S)
        self.assertIn("<dt>municipality_id</dt><dd>–</dd>", before)
        self.assertIn(f"<dt>tax_number</dt><dd>{tax}</dd>", after)
        self.assertIn("<dt>municipality</dt><dd>Csomád Község Önkormányzata</dd>", after)
        by_municipality = client.get("/admin/audit?municipality=" + tax.replace("-", ""))
        self.assertIn("user.link", by_municipality.text)
        office_wide = client.get("/admin/audit")
        self.assertIn("user.link", office_wide.text)
        self.assertIn("Csomád Község Önkormányzata", visible_text(office_wide))

    def test_unknown_filters_get_field_messages(self):
        _, client = clerk_client()
        r = client.get("/admin/audit?user=" + urllib.parse.quote(unique_email("nobody")))
        self.assertEqual(r.status, 422)
        self.assertIn("nincs regisztráció", visible_text(r))
        r = client.get("/admin/audit?municipality=15731035-2-13")
        self.assertEqual(r.status, 422)
        self.assertIn("ellenőrző számjegy", visible_text(r))


class EscapingTest(TestCase):
    SCRIPT = "<script>alert(1)</script>"

    def test_markup_in_names_is_shown_as_text_on_every_admin_page(self):
        off = office()
        c, client = clerk_client(off)
        # The validators refuse markup, so it can only come from the database itself.
        self.assertEqual(run_admin("municipality", "add", "--office", off, "--name", self.SCRIPT,
                                   "--tax-number", tax_number()).returncode, 65)
        user = account("linked", office_id=off, last=self.SCRIPT, first='"><img src=x onerror=alert(2)>')
        sql("UPDATE municipalities SET name = %s WHERE tax_number = %s", self.SCRIPT, user["tax_number"])
        act(client, "disable", user["email"])
        pages = (
            "/admin?q=" + urllib.parse.quote(user["email"]),
            "/admin/link?email=" + urllib.parse.quote(user["email"]),
            "/admin/enable?email=" + urllib.parse.quote(user["email"]),
            "/admin/audit?user=" + urllib.parse.quote(user["email"]),
            "/admin/audit",
        )
        for path in pages:
            r = client.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertNotIn(self.SCRIPT, r.text, path)
            self.assertNotIn("<img src=x", r.text, path)
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", r.text, path)
            self.assertIn(self.SCRIPT, visible_text(r), path)  # shown, as text


class CliTest(TestCase):
    def assertFails(self, result, code, text):
        self.assertEqual(result.returncode, code, result.stderr)
        self.assertIn(text, result.stderr)
        self.assertEqual(result.stdout, "")

    def test_office_add_prints_the_id_and_refuses_a_bad_county_or_a_duplicate(self):
        name = "Monori Járási Hivatal " + unique_email("x")[2:8]
        r = run_admin("office", "add", name, "--county", "Pest")
        self.assertEqual(r.returncode, 0, r.stderr)
        oid = int(r.stdout)
        self.assertEqual(sql("SELECT name, county_code FROM district_offices WHERE id = %s", oid), [[name, "13"]])
        listed = run_admin("office", "list").stdout.splitlines()
        self.assertIn(f"{oid}\t13\tPest\tJH13-{oid:02d}\t0\t0\t{name}", listed)
        self.assertFails(run_admin("office", "add", name, "--county", "13"), 1, "already exists")
        self.assertFails(run_admin("office", "add", "Valami Hivatal", "--county", "Pestis"), 65, "unknown county")
        self.assertIn("Győr-Moson-Sopron", run_admin("office", "add", "X Hivatal", "--county", "Atlantis").stderr)
        r = run_admin("office", "add", "Győri Járási Hivatal " + unique_email("x")[2:8], "--county", "08")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFails(run_admin("office", "add", "--county", "Pest"), 64, "usage")
        row = audit_rows("office.create")[-1]
        self.assertTrue(row["actor"].startswith("cli:"))
        self.assertEqual(row["after"]["county"], "Győr-Moson-Sopron")

    def test_office_set_code_gives_the_contract_numbers_their_code(self):
        oid, other = office(), office()
        code = "PM-" + unique_email("x")[2:8].upper()  # unique across runs on one stack
        self.assertEqual(run_admin("office", "set-code", str(oid), code).returncode, 0)
        self.assertEqual(sql("SELECT code FROM district_offices WHERE id = %s", oid), [[code]])
        self.assertIn(f"{oid}\t13\tPest\t{code}\t", run_admin("office", "list").stdout)
        self.assertFails(run_admin("office", "set-code", str(other), code), 1, "already has the code")
        for bad in ("pm-god", "-PM", "PM GOD", "A" * 17, "PM/GOD", ""):
            self.assertFails(run_admin("office", "set-code", str(other), bad), 65, "office code")
        self.assertFails(run_admin("office", "set-code", "999999999", "XY"), 1, "no office")
        self.assertFails(run_admin("office", "set-code", str(oid)), 64, "usage")
        self.assertEqual(sql("SELECT COALESCE(code, '-') FROM district_offices WHERE id = %s", other), [["-"]])
        row = audit_rows("office.code")[-1]
        self.assertEqual(row["after"], {"office_id": int(oid), "code": code})
        self.assertEqual(row["before"]["own"], False)

    def test_municipality_add_and_move_keep_a_municipality_in_its_county(self):
        pest, baranya, other_pest = office(), office(county="Baranya"), office()
        self.assertFails(run_admin("municipality", "add", "--office", pest, "--name", "Kozármisleny",
                                   "--tax-number", tax_number("02")), 1, "is of Baranya")
        # A municipality added to the wrong office before the check is moved back.
        tax = tax_number("02")
        sql("INSERT INTO municipalities (name, tax_number, office_id, created_at)"
            " VALUES ('Kozármisleny Város Önkormányzata', %s, %s, UTC_TIMESTAMP())", tax, pest)
        mid = municipality_id(tax)
        contact = account("unlinked")
        sql("UPDATE users SET municipality_id = %s, linked_at = UTC_TIMESTAMP() WHERE id = %s", mid, contact["id"])
        self.assertFails(run_admin("municipality", "move", "--tax-number", tax, "--office", other_pest), 1,
                         "is of Baranya")
        self.assertFails(run_admin("municipality", "move", "--tax-number", tax, "--office", pest), 1, "already")
        self.assertFails(run_admin("municipality", "move", "--tax-number", tax_number("02"), "--office", baranya), 1,
                         "no municipality")
        self.assertFails(run_admin("municipality", "move", "--tax-number", tax), 64, "usage")
        r = run_admin("municipality", "move", "--tax-number", tax, "--office", baranya)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sql("SELECT office_id FROM municipalities WHERE id = %s", mid), [[str(baranya)]])
        out, into = audit_rows("municipality.move_out", municipality_id=mid), audit_rows("municipality.move_in",
                                                                                          municipality_id=mid)
        self.assertEqual((len(out), len(into)), (1, 1))
        self.assertTrue(out[0]["actor"].startswith("cli:"))
        self.assertEqual((out[0]["before"]["office_id"], out[0]["after"]["office_id"]), (pest, baranya))
        # The Baranya office's clerk now sees its side of the move; the Pest office's gets 403.
        _, b = clerk_client(baranya)
        r = b.get("/admin/audit?municipality=" + tax)
        self.assertEqual(r.status, 200)
        self.assertIn("Önkormányzat átvétele másik hivataltól", visible_text(r))
        self.assertNotIn("Önkormányzat átadása másik hivatalnak", visible_text(r))
        _, p = clerk_client(pest)
        self.assertEqual(p.get("/admin/audit?municipality=" + tax).status, 403)

    def test_municipality_add_refuses_each_kind_of_bad_tax_number_and_duplicates(self):
        off = office()
        cases = (
            ("", "Enter the municipality's tax number"),
            ("1573103-2-13", "11 digits"),
            ("15731035-2-13", "check digit"),
            ("15731034-6-13", "VAT code"),
            ("15731034-2-21", "territorial code"),
        )
        for tax, text in cases:
            with self.subTest(tax=tax):
                self.assertFails(run_admin("municipality", "add", "--office", off, "--name", "Tápió", "--tax-number",
                                           tax), 65, text)
        tax = tax_number()
        r = run_admin("municipality", "add", "--office", off, "--name", "Vácrátót Község Önkormányzata",
                      "--tax-number", tax.replace("-", ""))
        self.assertEqual(r.returncode, 0, r.stderr)
        mid = int(r.stdout)
        self.assertEqual(sql("SELECT tax_number FROM municipalities WHERE id = %s", mid), [[tax]])  # canonical
        self.assertFails(run_admin("municipality", "add", "--office", off, "--name", "Másik", "--tax-number", tax), 1,
                         "already registered: 'Vácrátót Község Önkormányzata'")
        self.assertFails(run_admin("municipality", "add", "--office", "999999", "--name", "Sehol",
                                   "--tax-number", tax_number()), 1, "no office with id 999999")
        listed = run_admin("municipality", "list", "--office", off).stdout.splitlines()
        self.assertEqual(listed[1:], [f"{mid}\t{tax}\t{off}\t0\tVácrátót Község Önkormányzata"])
        self.assertEqual(audit_rows("municipality.create", municipality_id=mid)[0]["after"]["tax_number"], tax)

    def test_clerk_add_checks_the_password_policy_and_the_clerk_can_log_in(self):
        off = office()
        email = unique_email("ugyintezo")
        weak = (("rövid1A", "at least 8 characters"), ("jelszo12", "uppercase"), ("Password1", "too common"),
                ("Szabo-Eva-2026", "must not contain your name"))
        for password, text in weak:
            with self.subTest(password=password):
                r = run_admin("clerk", "add", "--office", off, "--email", email, "--last-name", "Szabó",
                              "--first-name", "Éva", stdin=password + "\n")
                self.assertFails(r, 65, text)
                self.assertNotIn(password, r.stderr)
        self.assertEqual(sql("SELECT COUNT(*) FROM users WHERE email_key = %s", email), [["0"]])
        r = run_admin("clerk", "add", "--office", off, "--email", email, stdin=PASSWORD + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        cid = int(r.stdout)
        self.assertEqual(sql("SELECT role, office_id, last_name, first_name, confirmed_at IS NOT NULL FROM users"
                             " WHERE id = %s", cid), [["clerk", str(off), "Járási", "Ügyintéző", "1"]])
        self.assertFails(run_admin("clerk", "add", "--office", off, "--email", email, stdin=PASSWORD + "\n"), 1,
                         "already exists")
        self.assertFails(run_admin("clerk", "add", "--office", "999999", "--email", unique_email(),
                                   stdin=PASSWORD + "\n"), 1, "no office")
        # A new clerk enrols a second factor first (README, "Second factor").
        self.assertEqual(login(Client(), {"email": email, "password": PASSWORD}).header("Location"),
                         "/profile/two-factor")
        enrol_second_factor(email, PASSWORD)
        c = Client()
        self.assertEqual(login(c, {"email": email, "password": PASSWORD}).header("Location"), "/admin")
        self.assertIn("Járási Ügyintéző", visible_text(c.get("/admin")))
        self.assertEqual(audit_rows("clerk.create", user_id=cid)[0]["after"]["office_id"], off)

    def test_clerk_disable_ends_the_sessions_and_the_login(self):
        cl, client = clerk_client()
        r = run_admin("clerk", "disable", "--email", cl["email"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(client.get("/admin").status, 303)
        self.assertIn("le van tiltva", alerts(Client().submit("/login", {"email": cl["email"],
                                                                          "password": cl["password"]})))
        self.assertEqual(run_admin("clerk", "disable", "--email", cl["email"]).returncode, 0)  # already is
        self.assertFails(run_admin("clerk", "disable", "--email", account("linked")["email"]), 1, "not a clerk")

    def test_link_and_unlink_round_trip_with_mail_audit_and_error_exits(self):
        off = office()
        _, tax = municipality(off, "Erdőkertes Község Önkormányzata")
        user = account("unlinked", language="en")
        pending = account("pending")
        self.assertFails(run_admin("link", "--email", unique_email("nobody"), "--tax-number", tax), 1,
                         "no account with the e-mail address")
        self.assertFails(run_admin("link", "--email", pending["email"], "--tax-number", tax), 1,
                         "has not confirmed")
        self.assertFails(run_admin("link", "--email", user["email"], "--tax-number", "15731035-2-13"), 65,
                         "check digit")
        self.assertFails(run_admin("link", "--email", user["email"], "--tax-number", tax_number()), 1,
                         "municipality add")
        r = run_admin("link", "--email", user["email"], "--tax-number", tax)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Erdőkertes Község Önkormányzata", r.stdout)
        self.assertEqual(int(user_row(user["id"])[0]), municipality_id(tax))
        mail = wait_for_mail(user["email"], "KTK: your account is now linked to your municipality")
        self.assertIn(tax, text_of(mail))
        row = audit_rows("user.link", user_id=user["id"])[-1]
        self.assertTrue(row["actor"].startswith("cli:"))
        self.assertIsNone(row["address"])  # no client address at the command line
        self.assertEqual(row["after"]["tax_number"], tax)
        self.assertEqual(run_admin("link", "--email", user["email"], "--tax-number", tax).returncode, 0)  # already
        self.assertEqual(queued(user["email"], "account_linked"), 1)

        shown = run_admin("user", "show", user["email"])
        self.assertEqual(shown.returncode, 0, shown.stderr)
        self.assertIn("state: linked", shown.stdout)
        self.assertIn(f"tax_number: {tax}", shown.stdout)
        self.assertNotIn("argon2", shown.stdout)
        listed = run_admin("user", "list", "--query", user["email"]).stdout
        self.assertIn(f"{user['id']}\tlinked\tcontact", listed)
        self.assertNotIn("argon2", listed)

        r = run_admin("unlink", "--email", user["email"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(user_row(user["id"])[0], None)
        wait_for_mail(user["email"], "KTK: your account is no longer linked to a municipality")
        self.assertEqual(run_admin("unlink", "--email", user["email"]).returncode, 0)  # nothing left to do
        self.assertFails(run_admin("unlink", "--email", unique_email("nobody")), 1, "no account")
        self.assertFails(run_admin("user", "show", unique_email("nobody")), 1, "no account")

    def test_usage_errors_exit_64(self):
        for args in (("office",), ("office", "add", "X", "--county"), ("link", "--email", "a@b.hu"),
                     ("municipality", "add", "--office", "1", "--office", "2"), ("clerk", "add", "--bogus", "1")):
            with self.subTest(args=args):
                self.assertEqual(run_admin(*args).returncode, 64)


class DemoDataTest(TestCase):
    def test_demo_data_is_made_once_and_the_demo_clerk_links_a_registration(self):
        password = "Godollo-Kapu-2026"
        env = dict(os.environ, KTK_VAR=VAR, KTK_DEMO_CLERK_PASSWORD=password)
        without = dict(env)
        del without["KTK_DEMO_CLERK_PASSWORD"]
        # Twice with the password chosen, then once without: the one in force stays.
        outputs = [subprocess.run([os.path.join(ROOT, "contrib", "ktk"), "_stack", "demo"], env=e,
                                  capture_output=True, text=True) for e in (env, env, without)]
        for out in outputs:
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("demo.ugyintezo@example.hu", out.stderr)
            self.assertIn(password, out.stderr)
        self.assertEqual(sql("SELECT COUNT(*) FROM district_offices WHERE name = 'Gödöllői Járási Hivatal'"), [["1"]])
        self.assertEqual(sql("SELECT name FROM municipalities WHERE tax_number = '15731034-2-13'"),
                         [["Veresegyház Város Önkormányzata"]])
        self.assertEqual(sql("SELECT COUNT(*) FROM users WHERE email_key = 'demo.ugyintezo@example.hu'"), [["1"]])

        enrol_second_factor("demo.ugyintezo@example.hu", password)
        demo = Client()
        self.assertEqual(login(demo, {"email": "demo.ugyintezo@example.hu", "password": password})
                         .header("Location"), "/admin")
        user = account("unlinked", last="Demó", first="Dóra")
        self.assertIn(user["email"], demo.get("/admin?q=" + urllib.parse.quote("Demó Dóra")).text)
        self.assertEqual(link(demo, user["email"], "15731034-2-13").status, 303)
        mail = wait_for_mail(user["email"], "KTK: fiókját összekapcsolták az önkormányzatával")
        self.assertIn("Veresegyház Város Önkormányzata", text_of(mail))
