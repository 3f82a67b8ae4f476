"""The district office's side of the subsidy applications (/admin/applications):
the inbox with its filters and counts, the application with its timeline,
opening, proposing changes, the decision and messages, the CSV export (web
and `ktk-admin applications export`), the office boundary, and a clerk's
choice to receive no application mails. Contacts submit through their own
pages; offices, municipalities and clerks come from ktk-admin."""
import csv
import html
import io
import json
import re
import subprocess
import urllib.parse

from ktk_accounts import account, clerk, run_admin
from ktk_test import TestCase, mails_to, sql, wait_until
from test_applications import amount, fields, logged_in, pdf_bytes, post_form

BOM = "\ufeff"


def form_of(client, path, action):
    """The fields of the form posting to `action` on the page at `path`."""
    page = client.get(path)
    assert page.status == 200, page
    return page.form(action)


def post_action(client, page_path, action, pairs):
    """Posts `pairs` to `action` with the CSRF token (and the version) of the page's form."""
    form = form_of(client, page_path, action)
    base = [("csrf_token", form["csrf_token"])]
    if "version" in form and not any(k == "version" for k, _ in pairs):
        base.append(("version", form["version"]))
    return client.post(action, base + pairs)


def token_of(client):
    """A CSRF token of the client's session (any form of the clerks' area)."""
    return client.get("/admin/link").form("/admin/link")["csrf_token"]


def state_of(app_id):
    return sql("SELECT state FROM applications WHERE id = %s", app_id)[0][0]


def versions_of(app_id):
    return sql("SELECT version, party FROM application_versions WHERE application_id = %s ORDER BY version", app_id)


def denied_count(user_id):
    return int(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'application.denied' AND actor_user_id = %s",
                   user_id)[0][0])


def queued_updates(address, kind="application_update"):
    return int(sql("SELECT COUNT(*) FROM mail_queue WHERE recipient = %s AND kind = %s", address, kind)[0][0])


def body_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def text(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def counts(page):
    """{state code or 'all': count} of the inbox's counts."""
    return {code: int(n) for code, n in
            re.findall(r'<li class="state-count[^"]*" data-state="([a-z_]+)">.*?data-count="(\d+)"', page, re.S)}


def inbox_ids(page):
    return re.findall(r'<tr data-application-id="(\d+)">', page)


def pdf_text(pdf):
    """The PDF's text as pdftotext reads it, runs of white space as one space."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.decode())


def timeline(page):
    m = re.search(r'<ol class="timeline-list">(.*?)</ol>', page, re.S)
    return [text(li) for li in re.findall(r"<li[^>]*>(.*?)</li>", m.group(1), re.S)] if m else []


class Office:
    """An office with a municipality, a linked contact (English) and a clerk (Hungarian), logged in."""

    def __init__(self, contact_language="en", office_id=None):
        self.contact = account("linked", language=contact_language, office_id=office_id)
        self.office_id = self.contact["office_id"]
        self.municipality_id = int(sql("SELECT municipality_id FROM users WHERE id = %s", self.contact["id"])[0][0])
        self.c = logged_in(self.contact)
        self.clerk = clerk(self.office_id)
        self.k = logged_in(self.clerk)

    def draft(self, client=None, **over):
        r = post_form(client or self.c, "/applications/new", fields(**over))
        assert r.status == 303, r.text[:3000]
        return r.header("Location").split("?")[0].rsplit("/", 1)[1]

    def submit(self, app_id, client=None):
        client = client or self.c
        path = "/applications/" + app_id
        r = post_action(client, path, path + "/submit", [("confirm", "yes")])
        assert r.status == 303, r.text[:3000]
        return sql("SELECT number FROM applications WHERE id = %s", app_id)[0][0]

    def submitted(self, client=None, **over):
        app_id = self.draft(client, **over)
        return app_id, self.submit(app_id, client)


class InboxTest(TestCase):
    def test_the_inbox_lists_the_offices_submitted_applications_with_counts_and_filters(self):
        o = Office()
        other = account("linked", office_id=o.office_id, municipality_name="Őrbottyán Város Önkormányzata")
        oc = logged_in(other)
        first, first_number = o.submitted(title="Parkgondozás")
        second, _ = o.submitted(title="Árokkotrás")
        theirs, theirs_number = o.submitted(oc, title="Útjavítás")
        draft = o.draft(title="Piszkozat")
        page = o.k.get("/admin/applications")
        self.assertEqual(page.status, 200)
        self.assertIn('href="/admin/applications" aria-current="page"', page.text)
        self.assertEqual(sorted(inbox_ids(page.text)), sorted([first, second, theirs]))
        self.assertNotIn(draft, inbox_ids(page.text))
        self.assertEqual(counts(page.text)["submitted"], 3)
        self.assertEqual(counts(page.text)["all"], 3)
        row = re.search(r'<tr data-application-id="%s">(.*?)</tr>' % first, page.text, re.S).group(1)
        self.assertIn('href="/admin/applications/%s">%s</a>' % (first, first_number), row)
        self.assertIn('data-state="submitted"', row)
        self.assertIn(o.contact["tax_number"], row)
        self.assertRegex(text(row), r"\d Ft")

        # Opening one starts its review; what waits for the office still comes first.
        o.k.get("/admin/applications/" + first)
        sql("UPDATE applications SET state = 'rejected' WHERE id = %s", second)
        page = o.k.get("/admin/applications").text
        self.assertEqual(inbox_ids(page)[-1], second)
        self.assertEqual({k: v for k, v in counts(page).items() if v},
                         {"all": 3, "submitted": 1, "in_review": 1, "rejected": 1})
        page = o.k.get("/admin/applications?state=in_review").text
        self.assertEqual(inbox_ids(page), [first])
        self.assertIn('<option value="in_review" selected>', page)
        self.assertEqual(counts(page)["all"], 3, "the counts follow every filter but the state")

        mid = sql("SELECT municipality_id FROM users WHERE id = %s", other["id"])[0][0]
        page = o.k.get("/admin/applications?municipality=" + mid).text
        self.assertEqual(inbox_ids(page), [theirs])
        self.assertEqual(counts(page)["all"], 1)
        for q in (theirs_number, other["tax_number"], "rbottyán", theirs_number.lower()):
            self.assertEqual(inbox_ids(o.k.get("/admin/applications?q=" + urllib.parse.quote(q)).text), [theirs], q)
        self.assertEqual(inbox_ids(o.k.get("/admin/applications?q=%25").text), [])
        year = first_number.split("-")[1]
        self.assertEqual(len(inbox_ids(o.k.get("/admin/applications?year=" + year).text)), 3)
        self.assertEqual(inbox_ids(o.k.get("/admin/applications?year=2001").text), [])
        r = o.k.get("/admin/applications?year=abc&lang=en")
        self.assertEqual(r.status, 422)
        self.assertIn('id="year-error"', r.text)
        self.assertIn("Enter a year of four digits", r.text)
        self.assertIn('href="#year"', r.text)
        # The filters are a plain GET form that works without script.
        self.assertIn('<form method="get" action="/admin/applications"', page)
        for name in ("q", "state", "municipality", "year"):
            self.assertIn('name="%s"' % name, page)


class OfficeApplicationTest(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.o = Office()
        cls.other = clerk()  # of another office
        cls.ok = logged_in(cls.other)

    def test_opening_a_submitted_application_starts_its_review_once_and_tells_the_municipality(self):
        o = self.o
        app_id, number = o.submitted()
        path = "/admin/applications/" + app_id
        before = queued_updates(o.contact["email"])
        page = o.k.get(path)
        self.assertEqual(page.status, 200)
        self.assertIn('id="application-state" class="state state-app-in_review" data-state="in_review"', page.text)
        self.assertIn('<dd id="application-number">%s</dd>' % number, page.text)
        self.assertIn(o.contact["tax_number"], page.text)
        self.assertIsNotNone(amount(page.text, "budget-total-support"))
        self.assertEqual(state_of(app_id), "in_review")
        o.k.get(path)
        self.assertEqual(sql("SELECT COUNT(*) FROM application_events WHERE application_id = %s AND action = 'open'",
                             app_id), [["1"]])
        self.assertEqual(queued_updates(o.contact["email"]), before + 1)
        rows = sql("SELECT before_value, after_value FROM audit_log WHERE action = 'application.open'"
                   " AND actor_user_id = %s ORDER BY id DESC LIMIT 1", o.clerk["id"])
        self.assertEqual((json.loads(rows[0][0])["state"], json.loads(rows[0][1])["state"]), ("submitted", "in_review"))
        entries = timeline(o.k.get(path + "?lang=en").text)
        self.assertEqual(len(entries), 3, entries)
        self.assertTrue(entries[0].startswith("Version 2 – submitted"), entries[0])
        self.assertIn("Anna Kovács (municipality)", entries[0])
        self.assertTrue(entries[1].startswith("Submitted"), entries[1])
        self.assertRegex(entries[1], r"Draft → .*Submitted")
        self.assertTrue(entries[2].startswith("Review started"), entries[2])
        self.assertRegex(entries[2], r"Submitted → .*In review")
        self.assertIn("Éva Szabó (district office)", entries[2])
        # What the state allows: propose, decide (approve or reject), a message.
        self.assertIn('href="%s/propose"' % path, page.text)
        self.assertIn('value="approve"', page.text)
        self.assertIn('value="reject"', page.text)
        self.assertIn('action="%s/message"' % path, page.text)

    def test_another_offices_clerk_gets_403_on_every_route_and_each_attempt_is_audited(self):
        o = self.o
        app_id, number = o.submitted()
        path = "/admin/applications/" + app_id
        token = token_of(self.ok)
        before = denied_count(self.other["id"])
        for method, route, pairs in (("GET", path, None), ("GET", path + "/propose", None),
                                     ("GET", path + "/attachments/1", None),
                                     ("POST", path + "/propose", fields(message="Kevesebb munkás", version="2")),
                                     ("POST", path + "/decide", [("decision", "reject"), ("reason", "Nem"),
                                                                 ("confirm", "yes"), ("version", "2")]),
                                     ("POST", path + "/message", [("message", "Helló")])):
            if method == "GET":
                r = self.ok.get(route)
            else:
                r = self.ok.post(route, [("csrf_token", token)] + pairs)
            self.assertEqual(r.status, 403, (method, route, r.text[:500]))
        self.assertEqual(denied_count(self.other["id"]), before + 6)
        row = sql("SELECT target_municipality_id, after_value FROM audit_log WHERE action = 'application.denied'"
                  " AND actor_user_id = %s ORDER BY id DESC LIMIT 1", self.other["id"])[0]
        self.assertEqual(int(row[0]), o.municipality_id)
        self.assertEqual(json.loads(row[1])["application_id"], int(app_id))
        self.assertEqual(state_of(app_id), "submitted")
        self.assertEqual(sql("SELECT COUNT(*) FROM application_events WHERE application_id = %s AND party = 'office'",
                             app_id), [["0"]])
        self.assertNotIn(app_id, inbox_ids(self.ok.get("/admin/applications").text))
        self.assertNotIn(number, self.ok.get("/admin/applications.csv").raw.decode())
        # An id that is no application is a plain 404.
        self.assertEqual(self.ok.get("/admin/applications/999999999").status, 404)

    def test_a_proposal_is_checked_like_the_municipalitys_form_then_becomes_a_version_and_is_mailed(self):
        o = self.o
        app_id, number = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        form = o.k.get(path + "/propose")
        self.assertEqual(form.status, 200)
        self.assertIn('value="Parkgondozás 2026"', form.text)
        self.assertIn('name="message"', form.text)
        self.assertIn('<input type="hidden" name="version" value="2">', form.text)
        mails = queued_updates(o.contact["email"])
        r = post_action(o.k, path + "/propose", path + "/propose",
                        [p for p in fields(headcount_basic="sok", end_date="2026-02-01")] + [("message", "")])
        self.assertEqual(r.status, 422)
        for field in ("headcount_basic", "end_date", "message"):
            self.assertIn('href="#%s"' % field, r.text)
            self.assertIn('id="%s-error"' % field, r.text)
        self.assertIn("Írja le a javasolt módosítás indokát.", r.text)
        self.assertIn('value="sok"', r.text)
        self.assertEqual(versions_of(app_id), [["1", "contact"], ["2", "contact"]])
        self.assertEqual(state_of(app_id), "in_review")

        r = post_action(o.k, path + "/propose", path + "/propose",
                        fields(headcount_basic="8") + [("message", "Nyolc munkás elég.")])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?done=proposed"))
        self.assertEqual(state_of(app_id), "proposal")
        self.assertEqual(versions_of(app_id), [["1", "contact"], ["2", "contact"], ["3", "office"]])
        page = o.k.get(path + "?done=proposed").text
        self.assertIn('data-state="proposal"', page)
        self.assertIn("A módosítási javaslatot elküldtük", page)
        self.assertIn("Nyolc munkás elég.", " ".join(timeline(page)))
        self.assertNotIn('href="%s/propose"' % path, page)
        self.assertEqual(queued_updates(o.contact["email"]), mails + 1)
        mail = wait_until(lambda: next((m for m in mails_to(o.contact["email"])
                                        if m["Subject"] == "KTK: application " + number
                                        and "proposed changes" in body_of(m)), None),
                          timeout=30, what="the proposal's mail in English")
        self.assertIn("/applications/" + app_id, body_of(mail))
        self.assertNotIn("Nyolc", body_of(mail))

    def test_the_office_sees_only_what_was_submitted_not_a_revision_in_progress(self):
        o = self.o
        app_id = o.draft()
        contact_path = "/applications/" + app_id
        token = o.c.get(contact_path).form(contact_path + "/attachments")["csrf_token"]
        o.c.post_multipart(contact_path + "/attachments", [("csrf_token", token)],
                           [("file", "terv.pdf", pdf_bytes(), "application/pdf")])
        o.submit(app_id)
        path = "/admin/applications/" + app_id
        o.k.get(path)
        post_action(o.k, path + "/propose", path + "/propose", fields(headcount_basic="8") + [("message", "Kevesebb.")])
        r = o.k.get(path + "/attachments/1")
        self.assertEqual((r.status, r.raw, r.header("Content-Type")), (200, pdf_bytes(), "application/pdf"))
        # The municipality starts a revision: its draft and a new file are its own until submitted.
        r = post_form(o.c, contact_path + "/edit", fields(title="Félkész átdolgozás", headcount_basic="9"), version=3)
        self.assertEqual(r.status, 303, r.text[:2000])
        token = o.c.get(contact_path).form(contact_path + "/attachments")["csrf_token"]
        o.c.post_multipart(contact_path + "/attachments", [("csrf_token", token)],
                           [("file", "uj.pdf", pdf_bytes(text=b"Uj"), "application/pdf")])
        page = o.k.get(path).text
        self.assertNotIn("Félkész átdolgozás", page)
        self.assertIn('<dd id="application-version">3</dd>', page)
        self.assertNotIn("uj.pdf", page)
        self.assertEqual(o.k.get(path + "/attachments/2").status, 404)
        self.assertEqual(len([e for e in timeline(page) if re.match(r"(Változat|Version) \d", e)]), 2, timeline(page))
        # Its row has moved on: a rejection from this page still applies.
        r = post_action(o.k, path, path + "/decide", [("decision", "reject"), ("reason", "Mégsem."), ("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:2000])
        self.assertEqual(state_of(app_id), "rejected")

    def test_approval_needs_the_confirmation_and_shows_the_contract_number(self):
        o = self.o
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/decide", [("decision", "approve"), ("reason", "")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="confirm-error"', r.text)
        self.assertEqual(state_of(app_id), "in_review")
        r = post_action(o.k, path, path + "/decide", [("decision", "maybe"), ("confirm", "yes")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="decision-error"', r.text)
        r = post_action(o.k, path, path + "/decide", [("decision", "approve"), ("confirm", "yes")])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?done=approved"))
        contract = sql("SELECT contract_number FROM applications WHERE id = %s", app_id)[0][0]
        county, code = sql("SELECT county_code, code FROM district_offices WHERE id = %s", o.office_id)[0]
        code = code if code != "NULL" else "JH%s-%02d" % (county, int(o.office_id))
        self.assertRegex(contract, r"^%s/20[0-9]{2}/[0-9]{6}$" % re.escape(code))
        page = o.k.get(path + "?done=approved").text
        self.assertIn('<dd id="contract-number">%s</dd>' % contract, page)
        self.assertIn('data-state="approved"', page)
        self.assertNotIn('action="%s/decide"' % path, page)
        self.assertNotIn('action="%s/message"' % path, page)

    def test_the_office_compares_and_downloads_only_what_it_may_see(self):
        o = self.o
        app_id, number = o.submitted()  # versions 1 (draft), 2 (submitted)
        path = "/admin/applications/" + app_id
        o.k.get(path)
        post_action(o.k, path + "/propose", path + "/propose", fields(headcount_basic="7") + [("message", "Kevesebb.")])
        # The municipality's revision in progress (version 4) is its own.
        contact_path = "/applications/" + app_id
        r = post_form(o.c, contact_path + "/edit", fields(headcount_basic="9", title="Titkos átdolgozás"), version=3)
        self.assertEqual(r.status, 303, r.text[:2000])
        page = o.k.get(path).text
        # The timeline compares the proposal with the submission it answers.
        self.assertIn('href="%s/versions/2/diff/3"' % path, page)
        self.assertNotIn("/versions/3/diff/4", page)
        diff = o.k.get(path + "/versions/2/diff/3")
        self.assertEqual(diff.status, 200)
        self.assertIn(number, diff.text)
        self.assertIn("<del>", diff.text)
        self.assertIn("<ins>", diff.text)
        self.assertNotIn("Titkos", diff.text)
        for unseen in ("/versions/1/diff/2", "/versions/3/diff/4", "/versions/2/diff/99", "/versions/2/diff/4294967296"):
            self.assertEqual(o.k.get(path + unseen).status, 404, unseen)
        # No contract before the approval; another office's clerk is refused and audited.
        self.assertEqual(o.k.get(path + "/contract.pdf").status, 404)
        before = denied_count(self.other["id"])
        self.assertEqual(self.ok.get(path + "/versions/2/diff/3").status, 403)
        self.assertEqual(self.ok.get(path + "/contract.pdf").status, 403)
        self.assertEqual(denied_count(self.other["id"]), before + 2)

    def test_both_sides_download_the_same_contract(self):
        o = self.o
        app_id, number = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/decide", [("decision", "approve"), ("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:2000])
        contract = sql("SELECT contract_number FROM applications WHERE id = %s", app_id)[0][0]
        self.assertIn('href="%s/contract.pdf"' % path, o.k.get(path).text)
        office_copy = o.k.get(path + "/contract.pdf")
        self.assertEqual(office_copy.status, 200)
        self.assertEqual(office_copy.header("Content-Type"), "application/pdf")
        self.assertIn(contract.replace("/", "-") + ".pdf", office_copy.header("Content-Disposition"))
        page = o.c.get("/applications/" + app_id).text
        self.assertIn('href="/applications/%s/contract.pdf"' % app_id, page)
        own_copy = o.c.get("/applications/%s/contract.pdf" % app_id)
        self.assertEqual(own_copy.status, 200)
        text_of = pdf_text(office_copy.raw)
        total = f"{int(amount(page, 'budget-total-support')):,}".replace(",", " ")
        for part in (contract, number, o.contact["tax_number"], total):
            self.assertIn(part, text_of)
        self.assertIn(contract, pdf_text(own_copy.raw))

    def test_an_office_without_a_code_numbers_contracts_with_its_whole_id(self):
        # JH<county>-<id>: an id of three digits is not cut to two (it would be another office's).
        office_id = int(sql("SELECT GREATEST(COALESCE(MAX(id), 0) + 1, 100) FROM district_offices")[0][0])
        sql("INSERT INTO district_offices (id, name, county_code, created_at)"
            " VALUES (%s, %s, '13', UTC_TIMESTAMP())", office_id, "Szentendrei Járási Hivatal %d" % office_id)
        o = Office(office_id=office_id)
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/decide", [("decision", "approve"), ("confirm", "yes")])
        self.assertEqual(r.status, 303, r.text[:1000])
        contract = sql("SELECT contract_number FROM applications WHERE id = %s", app_id)[0][0]
        self.assertRegex(contract, r"^JH13-%d/20[0-9]{2}/000001$" % office_id)

    def test_a_rejection_needs_a_reason_which_the_timeline_shows(self):
        o = self.o
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/decide", [("decision", "reject"), ("reason", " "), ("confirm", "yes")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="reason-error"', r.text)
        self.assertIn('href="#reason"', r.text)
        self.assertEqual(state_of(app_id), "in_review")
        r = post_action(o.k, path, path + "/decide",
                        [("decision", "reject"), ("reason", "A <b>keret</b> elfogyott."), ("confirm", "yes")])
        self.assertEqual(r.status, 303)
        page = o.k.get(path).text
        self.assertIn('data-state="rejected"', page)
        self.assertIn("A &lt;b&gt;keret&lt;/b&gt; elfogyott.", page)
        self.assertIsNone(re.search(r'id="contract-number"', page))

    def test_a_decision_from_a_page_of_an_older_version_is_refused(self):
        o = self.o
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/decide", [("decision", "approve"), ("confirm", "yes"), ("version", "1")])
        self.assertEqual(r.status, 409)
        self.assertIn('id="stale"', r.text)
        self.assertEqual(state_of(app_id), "in_review")

    def test_of_two_decisions_the_second_is_told_the_application_is_already_decided(self):
        o = self.o
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        colleague = logged_in(clerk(o.office_id, language="en"))
        mine = form_of(o.k, path, path + "/decide")
        theirs = form_of(colleague, path, path + "/decide")
        r = o.k.post(path + "/decide", [("csrf_token", mine["csrf_token"]), ("version", mine["version"]),
                                        ("decision", "approve"), ("confirm", "yes")])
        self.assertEqual(r.status, 303)
        r = colleague.post(path + "/decide", [("csrf_token", theirs["csrf_token"]), ("version", theirs["version"]),
                                              ("decision", "reject"), ("reason", "Nem."), ("confirm", "yes")])
        self.assertEqual(r.status, 409)
        self.assertIn('id="already-decided"', r.text)
        self.assertIn("has already been decided", r.text)
        self.assertEqual(state_of(app_id), "approved")
        self.assertEqual(sql("SELECT COUNT(*) FROM application_events WHERE application_id = %s"
                             " AND action IN ('approve', 'reject')", app_id), [["1"]])

    def test_a_message_goes_on_the_timeline_and_to_the_municipality(self):
        o = self.o
        app_id, _ = o.submitted()
        path = "/admin/applications/" + app_id
        o.k.get(path)
        r = post_action(o.k, path, path + "/message", [("message", "")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="message-error"', r.text)
        mails = queued_updates(o.contact["email"])
        r = post_action(o.k, path, path + "/message", [("message", "Kérem, küldjék el a határozatot.")])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?done=message#timeline"))
        entries = timeline(o.k.get(path).text)
        self.assertIn("Üzenet", entries[-1])
        self.assertIn("Kérem, küldjék el a határozatot.", entries[-1])
        self.assertEqual(state_of(app_id), "in_review")
        self.assertEqual(queued_updates(o.contact["email"]), mails + 1)


class ExportTest(TestCase):
    def test_the_csv_is_utf8_with_a_bom_semicolons_quoting_and_no_formulas(self):
        o = Office()
        plain, plain_number = o.submitted(title="Parkgondozás; 2. ütem")
        tricky, tricky_number = o.submitted(title='=HYPERLINK("http://x.hu";"kattints")')
        at, _ = o.submitted(title="@SUM(1)")
        r = o.k.get("/admin/applications.csv")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/csv; charset=utf-8")
        self.assertIn("attachment;", r.header("Content-Disposition"))
        self.assertTrue(r.raw.startswith(b"\xef\xbb\xbf"))
        body = r.raw.decode("utf-8")
        self.assertIn("\r\n", body)
        rows = list(csv.reader(io.StringIO(body[1:], newline=""), delimiter=";"))
        self.assertEqual(rows[0], ["Szám", "Önkormányzat", "Adószám", "Megnevezés", "Programtípus", "Állapot",
                                   "Első nap", "Utolsó nap", "Létszám", "Igényelt támogatás",
                                   "Utolsó változás (magyar idő)"])
        by_number = {row[0]: row for row in rows[1:]}
        self.assertEqual(list(by_number), sorted(by_number))
        row = by_number[plain_number]
        self.assertEqual(row[1:4], ["Veresegyház Város Önkormányzata", o.contact["tax_number"], "Parkgondozás; 2. ütem"])
        self.assertEqual(row[5:9], ["Benyújtva", "2026-03-16", "2026-05-31", "12"])
        self.assertRegex(row[9], r"^[1-9][0-9]+$")
        self.assertIn('"Parkgondozás; 2. ütem"', body)
        self.assertEqual(by_number[tricky_number][3], '\'=HYPERLINK("http://x.hu";"kattints")')
        self.assertIn('"\'=HYPERLINK(""http://x.hu"";""kattints"")"', body)
        self.assertTrue(any(row[3] == "'@SUM(1)" for row in rows))
        year = plain_number.split("-")[1]
        self.assertEqual(o.k.get("/admin/applications.csv?year=" + year).raw, r.raw)
        self.assertEqual(len(o.k.get("/admin/applications.csv?year=2001").raw.decode().splitlines()), 1)
        self.assertEqual(o.k.get("/admin/applications.csv?year=x").status, 404)
        english = o.k.get("/admin/applications.csv?lang=en").raw.decode()
        self.assertIn("Number;Municipality;Tax number;Title", english)

        # The operator's command prints the same file.
        out = run_admin("applications", "export", "--office", o.office_id, "--year", year)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stdout, body.replace("\r\n", "\n"))
        self.assertTrue(out.stdout.startswith(BOM))
        out = run_admin("applications", "export", "--office", o.office_id, "--lang", "en")
        self.assertEqual(out.stdout.replace("\n", "\r\n"), english)
        self.assertEqual(run_admin("applications", "export", "--office", "999999999").returncode, 1)
        self.assertEqual(run_admin("applications", "export", "--office", o.office_id, "--year", "26").returncode, 65)
        self.assertEqual(run_admin("applications", "export").returncode, 64)


class ClerkMailsTest(TestCase):
    def test_a_clerk_who_turns_the_application_mails_off_gets_none_until_turned_on(self):
        o = Office()
        quiet = clerk(o.office_id, language="en")
        q = logged_in(quiet)
        page = q.get("/profile")
        self.assertIn('id="application_mails" name="application_mails" type="checkbox" value="yes" checked', page.text)
        self.assertNotIn('name="application_mails"', o.c.get("/profile").text)
        form = page.form("/profile")
        form.pop("application_mails")
        form.update(phone="+36 30 123 4567", language="en")  # the parser does not read a <select>
        r = q.post("/profile", form)
        self.assertEqual(r.status, 303)
        self.assertNotIn('value="yes" checked', q.get("/profile").text)
        self.assertEqual(sql("SELECT application_mails FROM users WHERE id = %s", quiet["id"]), [["0"]])
        row = sql("SELECT before_value, after_value FROM audit_log WHERE action = 'profile.application_mails'"
                  " AND actor_user_id = %s", quiet["id"])
        self.assertEqual([json.loads(v)["application_mails"] for v in row[0]], [True, False])

        app_id, _ = o.submitted()
        self.assertEqual(queued_updates(o.clerk["email"], "application_submitted_office"), 1)
        self.assertEqual(queued_updates(quiet["email"], "application_submitted_office"), 0)
        token = o.c.get("/applications/" + app_id).form("/applications/%s/withdraw" % app_id)["csrf_token"]
        o.c.post("/applications/%s/withdraw" % app_id, [("csrf_token", token), ("reason", "Tévedés.")])
        self.assertEqual(queued_updates(o.clerk["email"]), 1)
        self.assertEqual(queued_updates(quiet["email"]), 0)

        form = q.get("/profile").form("/profile")
        form.update(application_mails="yes", language="en")
        self.assertEqual(q.post("/profile", form).status, 303)
        o.submitted()
        self.assertEqual(queued_updates(quiet["email"], "application_submitted_office"), 1)
