"""The municipality's side of the negotiation through nginx: the timeline
on the application page, messages to the office after submission, the
diff page between two versions (draft saves are versions too), and a
withdrawal that tells the office. What needs the office's actions (a
proposal to accept or revise, a decision) is tested in the database tier
(tests/db/test_db_negotiation_contact.cpp) until the clerks' pages exist."""
import html
import re

from ktk_accounts import account, clerk
from ktk_test import TestCase, sql, wait_for_mails
from test_applications import fields, logged_in, post_form


def entries(page):
    """The timeline's entries in page order: (id, data-kind, the entry's text)."""
    found = re.search(r'<section id="timeline".*?</section>', page, re.S)
    assert found, "no timeline"
    out = []
    for entry_id, kind, body in re.findall(r'<li class="timeline-entry [^"]*" id="timeline-([a-z0-9-]+)"'
                                           r' data-kind="([a-z]+)"[^>]*>(.*?)</li>', found.group(0), re.S):
        out.append((entry_id, kind, body))
    return out


def text(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def diff_row(page, row_id):
    m = re.search(r'<tr id="diff-%s" data-changed="(true|false)"[^>]*>(.*?)</tr>' % re.escape(row_id), page, re.S)
    return (m.group(1) == "true", m.group(2)) if m else None


# The office's mails about an application ("KTK: új kérelem, …", "KTK:
# kérelem …"); the clerk's own login notices are not among them.
APPLICATION_MAIL = "KTK: "


class NegotiationContactTest(TestCase):
    def submitted(self):
        """A contact's application, edited once (version 2) and submitted (version 3), in an office with a clerk."""
        a = account("linked")
        office_clerk = clerk(a["office_id"])
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields()).header("Location").split("?")[0]
        r = post_form(c, path + "/edit", fields(headcount_basic="9", title="Parkgondozás 2026/B"), version=1)
        self.assertEqual(r.status, 303, r.text[:500])
        form = c.get(path).form(path + "/submit")
        r = c.post(path + "/submit", [("csrf_token", form["csrf_token"]), ("version", form["version"]),
                                      ("confirm", "yes")])
        self.assertEqual(r.status, 303)
        return a, office_clerk, c, path

    def test_the_timeline_lists_versions_and_the_submission_and_messages_reach_the_office(self):
        a, office_clerk, c, path = self.submitted()
        page = c.get(path).text
        self.assertIn('data-state="submitted"', page)
        timeline = entries(page)
        self.assertEqual([e[0].rsplit("-", 1)[0] + ":" + e[1] for e in timeline][:4],
                         ["version:version", "version:version", "version:version", "event:transition"])
        self.assertIn("1. változat – mentett piszkozat", text(timeline[0][2]))
        self.assertIn("Kovács Anna (önkormányzat)", text(timeline[0][2]))
        self.assertIn("3. változat – benyújtott változat", text(timeline[2][2]))
        self.assertIn('/versions/2/diff/3"', timeline[2][2])
        self.assertIn("Piszkozat", text(timeline[3][2]))
        self.assertIn("Benyújtva", text(timeline[3][2]))
        wait_for_mails(office_clerk["email"], 1, subject=APPLICATION_MAIL)  # the submission's

        # A message: escaped, its lines kept, on the timeline; the office is told.
        token = c.get(path).form(path + "/message")["csrf_token"]
        hostile = "Kérdésünk <script>alert(1)</script>\nmásodik sor & \"idézet\""
        r = c.post(path + "/message", [("csrf_token", token), ("message", hostile)])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?sent=1#timeline"))
        page = c.get(path + "?sent=1").text
        self.assertIn("Üzenetét elküldtük a járási hivatalnak.", page)
        self.assertNotIn("<script>alert(1)", page)
        last = entries(page)[-1]
        self.assertEqual(last[1], "message")
        self.assertIn("Kérdésünk &lt;script&gt;alert(1)&lt;/script&gt;\nmásodik sor &amp; &quot;idézet&quot;", last[2])
        mail = wait_for_mails(office_clerk["email"], 2, subject=APPLICATION_MAIL)[-1]
        body = mail.get_body(preferencelist=("plain",)).get_content()
        self.assertIn("/admin/applications/" + path.rsplit("/", 1)[1], body)
        self.assertNotIn("alert(1)", body)  # a mail says what happened, never the content

        # An empty message is refused with the form's own error; in English too.
        r = c.post(path + "/message?lang=en", [("csrf_token", token), ("message", "  \n ")])
        self.assertEqual(r.status, 422)
        self.assertIn('id="message-error"', r.text)
        self.assertIn('href="#message"', r.text)
        self.assertIn("Write the message.", r.text)
        en = c.get(path + "?lang=en").text
        self.assertIn("History", en)
        self.assertIn("Version 3 – submitted", text(en))
        self.assertIn("Anna Kovács (municipality)", text(en))

    def test_a_draft_has_no_message_form_and_a_stranger_cannot_post_one(self):
        a = account("linked")
        c = logged_in(a)
        path = post_form(c, "/applications/new", [("title", "Csak piszkozat")]).header("Location").split("?")[0]
        page = c.get(path)
        self.assertNotIn('action="%s/message"' % path, page.text)
        self.assertNotIn('action="%s/accept"' % path, page.text)
        token = page.form()["csrf_token"]
        r = c.post(path + "/message", [("csrf_token", token), ("message", "Korai")])
        self.assertEqual((r.status, r.header("Location")), (303, path))
        r = c.post(path + "/accept", [("csrf_token", token), ("version", "1")])
        self.assertEqual((r.status, r.header("Location")), (303, path))
        self.assertEqual(sql("SELECT COUNT(*) FROM application_events WHERE application_id = %s",
                             path.rsplit("/", 1)[1]), [["0"]])
        # Another municipality's contact: 404.
        other = logged_in(account("linked"))
        r = other.post(path + "/message", [("csrf_token", other.get("/applications/new").form()["csrf_token"]),
                                           ("message", "Betolakodó")])
        self.assertEqual(r.status, 404)

    def test_the_diff_page_compares_any_two_versions_of_the_municipality_only(self):
        a = account("linked")
        c = logged_in(a)
        path = post_form(c, "/applications/new", fields()).header("Location").split("?")[0]
        r = post_form(c, path + "/edit", fields(headcount_basic="8", work_locations="Fő utca\nPiactér"), version=1)
        self.assertEqual(r.status, 303)
        r = c.get(path + "/versions/1/diff/2")
        self.assertEqual(r.status, 200)
        self.assertSecurityHeaders(r)
        page = r.text
        self.assertIn("<h1>Változatok összevetése: 1. és 2.</h1>", page)
        changed, row = diff_row(page, "headcount_basic")
        self.assertTrue(changed)
        self.assertIn("Módosult", row)
        self.assertIn("<del>10</del>", row)
        self.assertIn("<ins>8</ins>", row)
        changed, row = diff_row(page, "work_locations")
        self.assertTrue(changed)
        self.assertIn("Fő utca\nPiactér", row)
        self.assertFalse(diff_row(page, "title")[0])
        self.assertFalse(diff_row(page, "material_support")[0])
        self.assertTrue(diff_row(page, "budget-total-support")[0])  # fewer workers, less support
        self.assertIn('href="%s"' % path, page)
        # Either order, and in English; a version that does not exist is 404.
        en = c.get(path + "/versions/2/diff/1?lang=en")
        self.assertEqual(en.status, 200)
        self.assertIn("Versions 2 and 1 compared", en.text)
        self.assertIn("Changed", diff_row(en.text, "headcount_basic")[1])
        for missing in ("/versions/1/diff/3", "/versions/0/diff/1", "/versions/99999999999/diff/1"):
            self.assertEqual(c.get(path + missing).status, 404, missing)
        # Another municipality's contact: 404, audited.
        b = account("linked")
        r = logged_in(b).get(path + "/versions/1/diff/2")
        self.assertEqual(r.status, 404)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'application.denied'"
                             " AND actor_user_id = %s", b["id"]), [["1"]])

    def test_a_withdrawal_tells_the_office_and_shows_its_reason(self):
        a, office_clerk, c, path = self.submitted()
        wait_for_mails(office_clerk["email"], 1, subject=APPLICATION_MAIL)
        token = c.get(path).form(path + "/withdraw")["csrf_token"]
        r = c.post(path + "/withdraw", [("csrf_token", token), ("reason", "A testület\nmásként döntött.")])
        self.assertEqual((r.status, r.header("Location")), (303, path + "?withdrawn=1"))
        page = c.get(path).text
        self.assertIn('data-state="withdrawn"', page)
        self.assertIn('<div class="pre" id="withdrawal-reason">A testület\nmásként döntött.</div>', page)
        self.assertEqual(entries(page)[-1][1], "transition")
        self.assertIn('data-action="withdraw"', page)
        self.assertNotIn('action="%s/message"' % path, page)
        mail = wait_for_mails(office_clerk["email"], 2, subject=APPLICATION_MAIL)[-1]
        self.assertIn("visszavonta", mail.get_body(preferencelist=("plain",)).get_content())
