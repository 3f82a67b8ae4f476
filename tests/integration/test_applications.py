"""Subsidy applications: the rules kept as data (ktk-admin programme and
rates), and the municipality's applications through nginx."""
import hashlib
import json
import re
import subprocess
import uuid

from ktk_accounts import account, municipality, run_admin
from ktk_test import Client, TestCase, sql, wait_for_mails


def logged_in(a):
    c = Client()
    r = c.submit("/login", {"email": a["email"], "password": a["password"]})
    assert r.status == 303, r
    return c


def fields(**over):
    """A complete application (the worked example of the README's budget)."""
    f = [("title", "Parkgondozás 2026"), ("programme_type", "long_term"),
         ("public_task", "A település közterületeinek gondozása"), ("work_locations", "Fő utca\nSzőlő utca"),
         ("start_date", "2026-03-16"), ("end_date", "2026-05-31"), ("daily_hours", "8"),
         ("headcount_basic", "10"), ("headcount_skilled", "2"), ("headcount_leaders", "0"),
         ("headcount_leaders_skilled", "0"),
         ("material_item_name", "Munkaruha"), ("material_item_amount", "300 000"),
         ("material_item_name", "Kéziszerszámok"), ("material_item_amount", "150000"),
         ("material_item_name", ""), ("material_item_amount", ""),
         ("wage_support_pct", "90"), ("material_support", "400000")]
    out = [(k, over.pop(k) if k in over and k not in ("material_item_name", "material_item_amount") else v)
           for k, v in f]
    return out + list(over.items())


def post_form(client, path, pairs, version=None):
    page = client.get(path)
    token = page.form()["csrf_token"]
    extra = [("csrf_token", token)] + ([("version", str(version))] if version is not None else [])
    return client.post(path, extra + pairs)


def amount(text, element_id):
    m = re.search(r'id="%s" data-amount="(-?\d+)"' % element_id, text)
    return int(m.group(1)) if m else None


def audit_after(action):
    rows = sql("SELECT before_value, after_value, actor_label FROM audit_log WHERE action = %s ORDER BY id", action)
    return [(None if b == "NULL" else json.loads(b), json.loads(a), actor) for b, a, actor in rows]


class RulesCommandTest(TestCase):
    def test_the_published_rates_and_programme_types_are_shipped_with_what_is_unconfirmed(self):
        r = run_admin("rates", "list")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = {line.split("\t")[0]: line.split("\t") for line in r.stdout.splitlines()[1:]}
        self.assertEqual(rows["2026"][1:3], ["161400", "186600"])
        self.assertEqual(rows["2026"][5], "13.00")
        self.assertIn("wage_leader", rows["2026"][6])
        r = run_admin("programme", "list")
        codes = {line.split("\t")[0]: line.split("\t") for line in r.stdout.splitlines()[1:]}
        self.assertEqual(codes["long_term"][1:5], ["4-8", "12", "100", "20"])
        self.assertEqual(codes["special"][1], "6-6")

    def test_rates_are_set_checked_and_audited(self):
        year = "2091"
        sql("DELETE FROM yearly_rates WHERE year = %s", year)
        r = run_admin("rates", "set", "--year", year, "--wage-basic", "170000")
        self.assertEqual(r.returncode, 64)
        self.assertIn("a new year needs --wage-skilled", r.stderr)
        for bad in (("--wage-basic", "-5"), ("--wage-basic", "1e5"), ("--contribution-pct", "13.555"),
                    ("--contribution-pct", "101")):
            r = run_admin("rates", "set", "--year", year, *bad)
            self.assertEqual(r.returncode, 65, bad)
        r = run_admin("rates", "set", "--year", year, "--wage-basic", "170000", "--wage-skilled", "190000",
                      "--wage-leader", "-", "--contribution-pct", "12.5", "--source", "Test decree 1/2091.")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sql("SELECT wage_basic, wage_leader, contribution_basis_points FROM yearly_rates"
                             " WHERE year = %s", year), [["170000", "NULL", "1250"]])
        r = run_admin("rates", "set", "--year", year, "--wage-leader", "187000")
        self.assertEqual(r.returncode, 0, r.stderr)
        before, after, actor = audit_after("rates.set")[-1]
        self.assertIsNone(before["wage_leader"])
        self.assertEqual(after["wage_leader"], 187000)
        self.assertTrue(actor.startswith("cli:"))
        # The basic wage cannot be taken away: every application needs it.
        r = run_admin("rates", "set", "--year", year, "--wage-basic", "-")
        self.assertEqual(r.returncode, 65)
        self.assertEqual(sql("SELECT wage_basic FROM yearly_rates WHERE year = %s", year), [["170000"]])

    def test_programme_types_are_added_changed_and_audited(self):
        code = "t" + uuid.uuid4().hex[:12]
        r = run_admin("programme", "set", code, "--name-hu", "Próba")
        self.assertEqual(r.returncode, 64)
        full = ["--name-hu", "Próba program", "--name-en", "Trial programme", "--min-hours", "6", "--max-hours", "4",
                "--max-months", "8", "--max-wage-support-pct", "70", "--material-share-pct", "10", "--source", "Teszt"]
        r = run_admin("programme", "set", code, *full)
        self.assertEqual(r.returncode, 65)
        self.assertIn("daily hours", r.stderr)
        full[7] = "8"
        self.assertEqual(run_admin("programme", "set", code, *full).returncode, 0)
        self.assertEqual(run_admin("programme", "set", code, "--active", "no").returncode, 0)
        self.assertEqual(sql("SELECT min_daily_hours, max_daily_hours, max_wage_support_pct, active FROM programme_types"
                             " WHERE code = %s", code), [["6", "8", "70", "0"]])
        before, after, _ = audit_after("programme.set")[-1]
        self.assertEqual((before["active"], after["active"]), (True, False))
        r = run_admin("programme", "set", "Bad Code", *full)
        self.assertEqual(r.returncode, 65)


class ApplicationPagesTest(TestCase):
    def test_a_contact_saves_a_draft_and_sees_the_servers_budget(self):
        a = account("linked")
        c = logged_in(a)
        r = c.get("/applications")
        self.assertEqual(r.status, 200)
        self.assertIn("Az önkormányzatnak még nincs kérelme.", r.text)
        r = post_form(c, "/applications/new", fields())
        self.assertEqual(r.status, 303, r.text[:2000])
        path = r.header("Location").split("?")[0]
        self.assertRegex(path, r"^/applications/[1-9][0-9]*$")
        page = c.get(path).text
        self.assertIn('id="application-state" class="state state-app-draft" data-state="draft"', page)
        # 2026 rates: 161 400 and 186 600 Ft; 16 of 31 days of March, April, May.
        basic = 10 * (round(161400 * 16 / 31) + 2 * 161400)
        skilled = 2 * (round(186600 * 16 / 31) + 2 * 186600)
        wage = basic + skilled
        contribution = (wage * 13 * 2 + 100) // 200  # half up
        support = (wage + contribution) * 90 // 100
        self.assertEqual(amount(page, "budget-wage"), wage)
        self.assertEqual(amount(page, "budget-contribution"), contribution)
        self.assertEqual(amount(page, "budget-wage-support"), support)
        self.assertEqual(amount(page, "budget-material-support"), 400000)
        self.assertEqual(amount(page, "budget-total-support"), support + 400000)
        self.assertEqual(amount(page, "budget-own-share"), wage + contribution + 450000 - support - 400000)
        listing = c.get("/applications?lang=en").text
        self.assertIn("Parkgondozás 2026", listing)
        self.assertIn('data-state="draft"', listing)
        self.assertIn("Long-term public employment", listing)

    def test_an_incomplete_draft_is_saved_and_bad_input_is_refused_whole(self):
        a = account("linked")
        c = logged_in(a)
        r = post_form(c, "/applications/new", [("title", "Csak a cím")])
        self.assertEqual(r.status, 303)
        path = r.header("Location").split("?")[0]
        page = c.get(path).text
        self.assertIn('id="budget-none"', page)
        self.assertIn("A benyújtás előtt még szükséges", page)
        before = sql("SELECT COUNT(*) FROM applications")[0][0]
        for bad, field, message in ((fields(headcount_basic="-3"), "headcount_basic", "nem lehet negatív"),
                                    (fields(end_date="2026-02-31"), "end_date", "Valós dátumot"),
                                    (fields(end_date="2026-03-01"), "end_date", "nem lehet korábbi"),
                                    (fields(programme_type="forged"), "programme_type", "Válasszon programtípust"),
                                    (fields(title="ő" * 201), "title", "Legfeljebb 200 karaktert"),
                                    (fields(wage_support_pct="101"), "wage_support_pct", "legfeljebb 100")):
            r = post_form(c, "/applications/new", bad)
            self.assertEqual(r.status, 422, field)
            self.assertIn(f'id="{field}-error"', r.text, field)
            self.assertIn(message, r.text, field)
            self.assertIn('href="#%s"' % field, r.text, field)
        # A 100 kB title is over the body cap: the translated 413 page.
        r = post_form(c, "/applications/new", fields(title="x" * 100000))
        self.assertEqual(r.status, 413)
        self.assertIn("Túl sok adat", r.text)
        self.assertEqual(sql("SELECT COUNT(*) FROM applications")[0][0], before)

    def test_every_contact_of_the_municipality_shares_them_and_no_one_else_sees_them(self):
        a = account("linked")
        colleague = account("unlinked")
        mid = sql("SELECT municipality_id FROM users WHERE id = %s", a["id"])[0][0]
        sql("UPDATE users SET municipality_id = %s, linked_at = UTC_TIMESTAMP() WHERE id = %s", mid, colleague["id"])
        stranger = account("linked")
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields()).header("Location").split("?")[0]
        app_id = path.rsplit("/", 1)[1]
        self.assertIn("Parkgondozás 2026", logged_in(colleague).get("/applications").text)
        other = logged_in(stranger)
        self.assertNotIn("Parkgondozás 2026", other.get("/applications").text)
        for p in (path, path + "/edit"):
            self.assertEqual(other.get(p).status, 404, p)
        token = other.get("/applications/new").form()["csrf_token"]
        r = other.post(path + "/edit", [("csrf_token", token), ("version", "1")] + fields(title="Átvéve"))
        self.assertEqual(r.status, 404)
        self.assertEqual(sql("SELECT title, version FROM applications WHERE id = %s", app_id),
                         [["Parkgondozás 2026", "1"]])
        denied = sql("SELECT actor_user_id, after_value FROM audit_log WHERE action = 'application.denied'"
                     " AND actor_user_id = %s", stranger["id"])
        self.assertGreaterEqual(len(denied), 3)
        self.assertEqual(json.loads(denied[0][1])["application_id"], int(app_id))
        # A clerk does not use these routes.
        clerk_page = logged_in(account("clerk")).get("/applications")
        self.assertNotEqual(clerk_page.status, 200)
        self.assertNotIn("Parkgondozás", clerk_page.text)
        for bad in ("/applications/0", "/applications/01", "/applications/abc", "/applications/1/edit/x"):
            self.assertEqual(c.get(bad).status, 404, bad)

    def test_a_long_list_comes_in_pages_of_25_newest_first(self):
        a = account("linked")
        mid = sql("SELECT municipality_id FROM users WHERE id = %s", a["id"])[0][0]
        values = ", ".join(
            "(%s, 'draft', 1, 'Lapozás %02d', 'long_term', 3, '2026-01-01 08:%02d:00', '2026-01-01 08:%02d:00')"
            % (mid, n, n, n) for n in range(1, 28))
        sql("INSERT INTO applications (municipality_id, state, version, title, programme_type, headcount,"
            " created_at, updated_at) VALUES " + values)
        c = logged_in(a)
        first = c.get("/applications")
        titles = re.findall(r">Lapozás (\d+)<", first.text)
        self.assertEqual(titles, ["%02d" % n for n in range(27, 2, -1)])
        self.assertIn("Hosszabb időtartamú közfoglalkoztatás", first.text)
        self.assertIn("A(z) 1–25. kérelem, a legutóbb módosítottól kezdve.", first.text)
        self.assertIn('<a href="/applications?page=2" rel="next">', first.text)
        self.assertNotIn('rel="prev"', first.text)
        second = c.get("/applications?page=2&lang=en")
        self.assertEqual(re.findall(r">Lapozás (\d+)<", second.text), ["02", "01"])
        self.assertIn("Applications 26 to 27, newest change first.", second.text)
        self.assertIn('<a href="/applications" rel="prev">', second.text)
        self.assertNotIn('rel="next"', second.text)
        self.assertIn("Long-term public employment", second.text)
        for odd in ("0", "-1", "abc", "02", "1e3", "99999999999"):
            r = c.get("/applications?page=" + odd)
            self.assertEqual(r.status, 200, odd)
            self.assertEqual(re.findall(r">Lapozás (\d+)<", r.text)[0], "27", odd)
        r = c.get("/applications?page=3")
        self.assertEqual((r.status, r.header("Location")), (303, "/applications"))

    def test_two_contacts_editing_one_draft_do_not_overwrite_each_other(self):
        a = account("linked")
        b = account("unlinked")
        mid = sql("SELECT municipality_id FROM users WHERE id = %s", a["id"])[0][0]
        sql("UPDATE users SET municipality_id = %s, linked_at = UTC_TIMESTAMP() WHERE id = %s", mid, b["id"])
        ca, cb = logged_in(a), logged_in(b)
        path = post_form(ca, "/applications/new", fields()).header("Location").split("?")[0]
        form_a = ca.get(path + "/edit").form()
        form_b = cb.get(path + "/edit").form()
        self.assertEqual((form_a["version"], form_b["version"]), ("1", "1"))
        r = ca.post(path + "/edit", [("csrf_token", form_a["csrf_token"]), ("version", "1")] +
                    fields(title="Anna változata"))
        self.assertEqual(r.status, 303)
        r = cb.post(path + "/edit", [("csrf_token", form_b["csrf_token"]), ("version", "1")] +
                    fields(title="Béla változata"))
        self.assertEqual(r.status, 409)
        self.assertIn("A kérelmet időközben módosították", r.text)
        self.assertIn("Anna változata", r.text)  # theirs, shown
        self.assertEqual(r.form()["title"], "Béla változata")  # ours, kept in the form
        self.assertEqual(r.form()["version"], "2")
        self.assertEqual(sql("SELECT title, version FROM applications WHERE id = %s", path.rsplit("/", 1)[1]),
                         [["Anna változata", "2"]])
        # Saved again knowingly, ours becomes version 3; every version is kept.
        r = cb.post(path + "/edit", [("csrf_token", form_b["csrf_token"]), ("version", "2")] +
                    fields(title="Béla változata"))
        self.assertEqual(r.status, 303)
        versions = sql("SELECT version, JSON_VALUE(fields, '$.title') FROM application_versions"
                       " WHERE application_id = %s ORDER BY version", path.rsplit("/", 1)[1])
        self.assertEqual(versions, [["1", "Parkgondozás 2026"], ["2", "Anna változata"], ["3", "Béla változata"]])
        saves = sql("SELECT before_value, after_value FROM audit_log WHERE action = 'application.save'"
                    " AND target_municipality_id = %s ORDER BY id", mid)
        self.assertEqual([(json.loads(b)["version"], json.loads(a)["version"]) for b, a in saves], [(1, 2), (2, 3)])


class SubmissionTest(TestCase):
    def draft(self, **over):
        a = account("linked")
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields(**over)).header("Location").split("?")[0]
        return a, c, path, path.rsplit("/", 1)[1]

    def submit(self, c, path, confirm=True, version=None):
        page = c.get(path)
        form = page.form(path + "/submit")
        if version is not None:
            form["version"] = str(version)
        pairs = [("csrf_token", form["csrf_token"]), ("version", form["version"])]
        return c.post(path + "/submit", pairs + ([("confirm", "yes")] if confirm else []))

    def test_submission_freezes_a_version_numbers_it_and_tells_the_municipality_and_the_office(self):
        a, c, path, app_id = self.draft()
        office_id = sql("SELECT m.office_id FROM users u JOIN municipalities m ON m.id = u.municipality_id"
                        " WHERE u.id = %s", a["id"])[0][0]
        clerk_user = account("clerk")
        sql("UPDATE users SET office_id = %s WHERE id = %s", office_id, clerk_user["id"])
        r = self.submit(c, path, confirm=False)
        self.assertEqual(r.status, 422)
        self.assertIn('id="confirm-error"', r.text)
        self.assertEqual(sql("SELECT state FROM applications WHERE id = %s", app_id), [["draft"]])
        r = self.submit(c, path)
        self.assertEqual(r.status, 303)
        page = c.get(path).text
        self.assertIn('data-state="submitted"', page)
        number = sql("SELECT number, version FROM applications WHERE id = %s", app_id)[0]
        self.assertRegex(number[0], r"^KTK-20[0-9]{2}-[0-9]{6}$")
        self.assertEqual(number[1], "2")
        self.assertIn(number[0], page)
        self.assertEqual(sql("SELECT submitted_at IS NOT NULL, budget IS NOT NULL FROM application_versions"
                             " WHERE application_id = %s ORDER BY version", app_id), [["0", "1"], ["1", "1"]])
        # Frozen: no edit, no second submission; the rates may change, the figures do not.
        self.assertEqual(c.get(path + "/edit").status, 303)
        total = amount(page, "budget-total-support")
        run_admin("rates", "set", "--year", "2026", "--wage-basic", "161401")
        try:
            self.assertEqual(amount(c.get(path).text, "budget-total-support"), total)
        finally:
            run_admin("rates", "set", "--year", "2026", "--wage-basic", "161400")
        token = c.get(path).form(path + "/withdraw")["csrf_token"]
        r = c.post(path + "/submit", [("csrf_token", token), ("version", "2"), ("confirm", "yes")])
        self.assertEqual((r.status, r.header("Location")), (303, path))
        self.assertEqual(sql("SELECT COUNT(*) FROM application_versions WHERE application_id = %s", app_id), [["2"]])
        contact_mail = wait_for_mails(a["email"], 1, subject=number[0])[-1]
        self.assertIn(number[0], contact_mail["Subject"])
        self.assertIn("/applications/" + app_id, contact_mail.get_body(preferencelist=("plain",)).get_content())
        office_mail = wait_for_mails(clerk_user["email"], 1, subject=number[0])[-1]
        self.assertIn(number[0], office_mail["Subject"])
        self.assertIn("Parkgondozás 2026", office_mail.get_body(preferencelist=("plain",)).get_content())
        row = sql("SELECT after_value FROM audit_log WHERE action = 'application.submit' AND actor_user_id = %s", a["id"])
        self.assertEqual(json.loads(row[0][0])["number"], number[0])

    def test_an_incomplete_or_stale_draft_is_not_submitted(self):
        a, c, path, app_id = self.draft(public_task="")
        r = self.submit(c, path)
        self.assertEqual(r.status, 422)
        self.assertIn("A benyújtás előtt még szükséges", r.text)
        self.assertEqual(sql("SELECT state, number FROM applications WHERE id = %s", app_id), [["draft", "NULL"]])
        r = self.submit(c, path, version=0)
        self.assertEqual((r.status, r.header("Location")), (303, path + "?stale=1"))
        # Group leaders need their wage, which no public source confirmed (as shipped for 2025 and 2026).
        self.assertEqual(run_admin("rates", "set", "--year", "2092", "--wage-basic", "170000", "--wage-skilled",
                                   "190000", "--wage-leader", "-", "--contribution-pct", "13",
                                   "--source", "Teszt").returncode, 0)
        a, c, path, app_id = self.draft(headcount_leaders="1", start_date="2092-03-16", end_date="2092-05-31")
        r = self.submit(c, path)
        self.assertEqual(r.status, 422)
        self.assertIn("bérkategóriának", r.text)

    def test_a_submitted_application_is_withdrawn_with_a_reason(self):
        a, c, path, app_id = self.draft()
        self.assertEqual(self.submit(c, path).status, 303)
        token = c.get(path).form(path + "/withdraw")["csrf_token"]
        r = c.post(path + "/withdraw", [("csrf_token", token), ("reason", "  ")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="reason-error"', r.text)
        r = c.post(path + "/withdraw", [("csrf_token", token), ("reason", "A képviselő-testület visszavonta.")])
        self.assertEqual(r.status, 303)
        self.assertIn('data-state="withdrawn"', c.get(path).text)
        after = json.loads(sql("SELECT after_value FROM audit_log WHERE action = 'application.withdraw'"
                               " AND actor_user_id = %s", a["id"])[0][0])
        self.assertEqual(after["reason"], "A képviselő-testület visszavonta.")
        # A draft cannot be withdrawn, and a stranger gets 404.
        b, cb, draft_path, _ = self.draft()
        r = cb.post(draft_path + "/withdraw", [("csrf_token", cb.get(draft_path).form()["csrf_token"]),
                                               ("reason", "x")])
        self.assertEqual(r.status, 303)
        r = cb.post(path + "/withdraw", [("csrf_token", cb.get(draft_path).form()["csrf_token"]), ("reason", "x")])
        self.assertEqual(r.status, 404)


class PdfTest(TestCase):
    def test_the_pdf_carries_the_municipality_the_fields_and_the_budget(self):
        import subprocess
        a = account("linked")
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields()).header("Location").split("?")[0]
        total = amount(c.get(path).text, "budget-total-support")
        r = c.get(path + "/pdf")
        self.assertEqual((r.status, r.header("Content-Type")), (200, "application/pdf"))
        self.assertTrue(r.raw.startswith(b"%PDF-"))
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.raw, capture_output=True).stdout.decode()
        for wanted in ("Közfoglalkoztatási támogatási kérelem", "Veresegyház Város Önkormányzata", a["tax_number"],
                       "Kovács Anna", a["email"], "Parkgondozás 2026", "Munkaruha", "Szőlő utca",
                       "{:,}".format(total).replace(",", "\u00a0") + "\u00a0Ft"):
            self.assertIn(wanted.replace("\u00a0", " "), text.replace("\u00a0", " "), wanted)
        self.assertEqual(logged_in(account("linked")).get(path + "/pdf").status, 404)


def pdf_bytes(size=None, text=b"Hatarozat"):
    """A PDF as the portal recognises one (header, %%EOF at the end), padded to `size` bytes."""
    head, tail = b"%PDF-1.4\n% " + text + b"\n", b"\n%%EOF\n"
    pad = (size - len(head) - len(tail)) if size else 0
    return head + b"0" * pad + tail


def png_bytes():
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


class AttachmentTest(TestCase):
    def draft(self, lang="hu"):
        a = account("linked", language=lang)
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields()).header("Location").split("?")[0]
        return a, c, path, path.rsplit("/", 1)[1]

    def attach(self, c, path, name, data, declared="application/pdf"):
        token = c.get(path).form(path + "/attachments")["csrf_token"]
        return c.post_multipart(path + "/attachments", [("csrf_token", token)], [("file", name, data, declared)])

    def stored(self, app_id):
        return int(sql("SELECT COUNT(*) FROM application_attachments WHERE application_id = %s", app_id)[0][0])

    def test_attachments_are_kept_in_the_database_and_only_the_municipality_downloads_them(self):
        a, c, path, app_id = self.draft()
        page = c.get(path)
        self.assertIn('enctype="multipart/form-data"', page.text)
        self.assertIn("Még nincs melléklet.", page.text)
        resolution = pdf_bytes()
        r = self.attach(c, path, "C:\\fakepath\\képviselő-testületi határozat.exe", resolution, "application/x-msdownload")
        self.assertEqual(r.status, 303)
        self.assertEqual(r.header("Location"), path + "?attached=1#attachments")
        r = self.attach(c, path, "munkaterv.png", png_bytes(), "image/png")
        self.assertEqual(r.status, 303)
        page = c.get(path + "?attached=1")
        self.assertIn("A fájlt csatoltuk.", page.text)
        self.assertIn('<a href="%s/attachments/1">képviselő-testületi határozat.pdf</a>' % path, page.text)
        self.assertIn('<a href="%s/attachments/2">munkaterv.png</a>' % path, page.text)
        # Every contact of the municipality downloads the bytes as they were sent.
        colleague = account("unlinked")
        mid = sql("SELECT municipality_id FROM users WHERE id = %s", a["id"])[0][0]
        sql("UPDATE users SET municipality_id = %s, linked_at = UTC_TIMESTAMP() WHERE id = %s", mid, colleague["id"])
        r = logged_in(colleague).get(path + "/attachments/1")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.raw, resolution)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertEqual(r.header("Content-Disposition"),
                         "attachment; filename=\"k_pvisel_-test_leti hat_rozat.pdf\"; "
                         "filename*=UTF-8''k%C3%A9pvisel%C5%91-test%C3%BCleti%20hat%C3%A1rozat.pdf")
        self.assertEqual(c.get(path + "/attachments/2").header("Content-Type"), "image/png")
        pdf = subprocess.run(["pdftotext", "-layout", "-", "-"], input=c.get(path + "/pdf").raw,
                             capture_output=True).stdout.decode()
        self.assertIn("Mellékletek", pdf)
        self.assertIn("képviselő-testületi határozat.pdf", pdf)
        for missing in ("/attachments/3", "/attachments/0", "/attachments/65537", "/attachments/4294967297"):
            self.assertEqual(c.get(path + missing).status, 404, missing)
        # Nobody else: 404, audited, nothing added.
        stranger = logged_in(account("linked"))
        self.assertEqual(stranger.get(path + "/attachments/1").status, 404)
        token = stranger.get("/applications/new").form()["csrf_token"]
        r = stranger.post_multipart(path + "/attachments", [("csrf_token", token)],
                                    [("file", "x.pdf", pdf_bytes(), "application/pdf")])
        self.assertEqual(r.status, 404)
        self.assertEqual(self.stored(app_id), 2)
        attach = [json.loads(after) for (after,) in sql(
            "SELECT after_value FROM audit_log WHERE action = 'application.attach' AND target_municipality_id = %s"
            " ORDER BY id", mid)]
        self.assertEqual([(x["attachment"], x["name"], x["media_type"], x["size"]) for x in attach],
                         [(1, "képviselő-testületi határozat.pdf", "application/pdf", len(resolution)),
                          (2, "munkaterv.png", "image/png", len(png_bytes()))])
        self.assertEqual(attach[0]["sha256"], hashlib.sha256(resolution).hexdigest())
        # A submitted application takes no more.
        token = c.get(path).form(path + "/submit")["csrf_token"]
        r = c.post(path + "/submit", [("csrf_token", token), ("confirm", "yes"), ("version", "1")])
        self.assertEqual(r.status, 303, r.text)
        page = c.get(path)
        self.assertNotIn('action="%s/attachments"' % path, page.text)
        self.assertIn("képviselő-testületi határozat.pdf", page.text)
        token = page.form(path + "/withdraw")["csrf_token"]
        r = c.post_multipart(path + "/attachments", [("csrf_token", token)], [("file", "y.pdf", pdf_bytes(), "application/pdf")])
        self.assertEqual(r.status, 303)
        self.assertEqual(self.stored(app_id), 2)

    def test_an_attachment_is_removed_until_it_goes_with_a_submission(self):
        a, c, path, app_id = self.draft()
        for name in ("rossz.pdf", "jo.pdf"):
            self.assertEqual(self.attach(c, path, name, pdf_bytes(text=name.encode())).status, 303)
        page = c.get(path)
        self.assertIn('aria-label="Eltávolítás: rossz.pdf"', page.text)
        token = page.form(path + "/attachments/1/remove")["csrf_token"]
        # Another municipality's contact: 404, audited, nothing removed.
        stranger = logged_in(account("linked"))
        other_token = stranger.get("/applications/new").form()["csrf_token"]
        self.assertEqual(stranger.post(path + "/attachments/1/remove", [("csrf_token", other_token)]).status, 404)
        r = c.post(path + "/attachments/1/remove", [("csrf_token", token)])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?removed=1#attachments"))
        page = c.get(path + "?removed=1")
        self.assertIn("A mellékletet eltávolítottuk.", page.text)
        self.assertNotIn("rossz.pdf", page.text)
        self.assertEqual(c.get(path + "/attachments/1").status, 404)
        self.assertEqual(sql("SELECT number, LENGTH(content), removed_at IS NOT NULL FROM application_attachments"
                             " WHERE application_id = %s ORDER BY number", app_id), [["1", "0", "1"], ["2", "25", "0"]])
        detach = sql("SELECT before_value, after_value FROM audit_log WHERE action = 'application.detach'"
                     " AND actor_user_id = %s", a["id"])
        self.assertEqual(len(detach), 1)
        self.assertEqual(json.loads(detach[0][0])["name"], "rossz.pdf")
        # A number is never given twice.
        self.assertEqual(self.attach(c, path, "harmadik.png", png_bytes(), "image/png").status, 303)
        self.assertIn('href="%s/attachments/3"' % path, c.get(path).text)
        # Submitted, they stay for good.
        token = c.get(path).form(path + "/submit")["csrf_token"]
        self.assertEqual(c.post(path + "/submit", [("csrf_token", token), ("confirm", "yes"), ("version", "1")]).status, 303)
        page = c.get(path)
        self.assertNotIn("/remove", page.text)
        r = c.post(path + "/attachments/2/remove", [("csrf_token", token)])
        self.assertEqual(r.status, 303)
        self.assertEqual(c.get(path + "/attachments/2").status, 200)
        self.assertEqual(sql("SELECT COUNT(*) FROM application_attachments WHERE application_id = %s AND submitted",
                             app_id), [["2"]])

    def test_a_wrong_missing_or_too_large_file_gets_a_field_error_and_nothing_is_stored(self):
        for lang, wrong, missing, large in (
                ("hu", "Csak PDF-, JPEG- vagy PNG-fájl csatolható", "Válasszon ki egy fájlt.",
                 "Egy fájl legfeljebb 10 MB lehet."),
                ("en", "Only PDF, JPEG or PNG files can be attached", "Choose a file.", "A file can be at most 10 MB.")):
            _, c, path, app_id = self.draft(lang)
            cases = [("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, wrong),  # an .exe renamed .pdf
                     ("page.html", b"<html><script>alert(1)</script></html>", wrong),
                     ("", b"", missing),  # no file chosen
                     ("big.pdf", pdf_bytes(10 * 1024 * 1024 + 1), large)]
            for name, data, message in cases:
                r = self.attach(c, path, name, data)
                self.assertEqual(r.status, 422, name)
                self.assertIn(message, r.text, name)
                self.assertIn('href="#file"', r.text)  # the error summary
                self.assertIn('id="file-error"', r.text)
                self.assertEqual(self.stored(app_id), 0, name)
            # Past what the web server lets through: its translated 413 page.
            r = self.attach(c, path, "huge.pdf", pdf_bytes(12 * 1024 * 1024))
            self.assertEqual(r.status, 413)
            self.assertIn("Túl sok adat" if lang == "hu" else "Too much data", r.text)
            self.assertEqual(self.stored(app_id), 0)
        # Exactly 10 MB goes through whole, and back.
        whole = pdf_bytes(10 * 1024 * 1024, text=b"tiz")
        self.assertEqual(self.attach(c, path, "terv.pdf", whole).status, 303)
        self.assertEqual(c.get(path + "/attachments/1").raw, whole)
        # At most ten per application.
        for n in range(2, 11):
            self.assertEqual(self.attach(c, path, "m%d.pdf" % n, pdf_bytes()).status, 303)
        page = c.get(path)
        self.assertNotIn('action="%s/attachments"' % path, page.text)
        token = page.form(path + "/submit")["csrf_token"]
        r = c.post_multipart(path + "/attachments", [("csrf_token", token)], [("file", "m11.pdf", pdf_bytes(), "application/pdf")])
        self.assertEqual(r.status, 422)
        self.assertIn("An application can have at most 10 attachments.", r.text)
        self.assertEqual(self.stored(app_id), 10)
