"""The contact's home page shows the municipality's applications: what
waits for the contact (#home-waiting) and the newest ones
(#home-applications), in both languages; nothing of another
municipality's, and nothing for a contact without one."""
import html
import re

from ktk_accounts import account
from ktk_test import TestCase, sql
from test_applications import fields, logged_in, post_form

TEXTS = {
    "hu": {"waiting": "Teendői", "nothing_waiting": "Most egyik kérelem sem vár az Ön lépésére.",
           "recent": "Az önkormányzat kérelmei", "no_applications": "Az önkormányzatnak még nincs kérelme.",
           "untitled": "(megnevezés nélkül)", "draft": "Piszkozat", "submitted": "Benyújtva",
           "no_number": "még nincs benyújtva", "all": "Az önkormányzat összes kérelme", "new": "Új kérelem",
           "unlinked": "A fiókja jelenleg nincs önkormányzathoz kapcsolva."},
    "en": {"waiting": "Waiting for you", "nothing_waiting": "No application is waiting for you to act now.",
           "recent": "Your municipality's applications", "no_applications": "Your municipality has no application yet.",
           "untitled": "(untitled)", "draft": "Draft", "submitted": "Submitted",
           "no_number": "not submitted yet", "all": "All applications of your municipality", "new": "New application",
           "unlinked": "Your account is not linked to a municipality at the moment."},
}


def section(page, section_id):
    """The HTML of <section id=…>, or None."""
    m = re.search(r'<section id="%s"[^>]*>(.*?)</section>' % section_id, page, re.S)
    return m.group(1) if m else None


def text(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def waiting_items(page):
    """{application id: the item's text} of #home-waiting, checking each links to its application."""
    items = {}
    for app_id, body in re.findall(r'<li class="waiting-item" data-application-id="(\d+)"[^>]*>(.*?)</li>',
                                   section(page, "home-waiting") or "", re.S):
        assert 'href="/applications/%s"' % app_id in body, body
        items[app_id] = text(body)
    return items


def recent_rows(page):
    """{application id: (data-state, the row's text)} of #home-applications."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", section(page, "home-applications") or "", re.S):
        link = re.search(r'href="/applications/(\d+)"', row)
        if link:
            rows[link.group(1)] = (re.search(r'data-state="([a-z_]+)"', row).group(1), text(row))
    return rows


def submit(client, path):
    form = client.get(path).form(path + "/submit")
    r = client.post(path + "/submit", [("csrf_token", form["csrf_token"]), ("version", form["version"]),
                                       ("confirm", "yes")])
    assert r.status == 303, r


def new_application(client, pairs):
    r = post_form(client, "/applications/new", pairs)
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


class HomeApplicationsTest(TestCase):
    def test_a_new_municipality_sees_both_sections_empty(self):
        c = logged_in(account("linked"))
        for lang, t in TEXTS.items():
            page = c.get("/home?lang=" + lang)
            self.assertEqual(page.status, 200)
            waiting, recent = section(page.text, "home-waiting"), section(page.text, "home-applications")
            self.assertIn(t["waiting"], text(waiting), lang)
            self.assertIn(t["nothing_waiting"], text(waiting), lang)
            self.assertNotIn("waiting-item", waiting, lang)
            self.assertIn(t["recent"], text(recent), lang)
            self.assertIn(t["no_applications"], text(recent), lang)
            self.assertNotIn("<table", recent, lang)
            self.assertIn('<a href="/applications">%s</a>' % t["all"], recent, lang)
            self.assertIn('<a href="/applications/new">%s</a>' % t["new"], recent, lang)

    def test_a_draft_waits_and_a_submitted_one_is_listed_but_does_not_wait(self):
        a = account("linked")
        c = logged_in(a)
        submitted = new_application(c, fields(title="Parkgondozás <2026>"))
        submit(c, "/applications/" + submitted)
        number = sql("SELECT number FROM applications WHERE id = %s", submitted)[0][0]
        draft = new_application(c, [("title", "Járdafelújítás")])
        untitled = new_application(c, [("title", "")])
        for lang, t in TEXTS.items():
            page = c.get("/home?lang=" + lang).text
            waiting = waiting_items(page)
            self.assertEqual(set(waiting), {draft, untitled}, lang)
            self.assertIn("Járdafelújítás", waiting[draft])
            self.assertIn(t["draft"], waiting[draft])
            self.assertIn(t["untitled"], waiting[untitled])
            self.assertNotIn(t["nothing_waiting"], page, lang)
            rows = recent_rows(page)
            self.assertEqual(list(rows), [untitled, draft, submitted], lang)  # newest change first
            state, row = rows[submitted]
            self.assertEqual(state, "submitted")
            self.assertIn(t["submitted"], row)
            self.assertIn(number, row)
            self.assertIn("Parkgondozás <2026>", row)
            self.assertEqual(rows[draft][0], "draft")
            self.assertIn(t["no_number"], rows[draft][1])
            self.assertIn(t["draft"], rows[draft][1])
        self.assertIn("Parkgondozás &lt;2026&gt;", c.get("/home").text)

    def test_another_municipalitys_contact_sees_none_of_them(self):
        c = logged_in(account("linked"))
        submitted = new_application(c, fields(title="Parkgondozás 2026"))
        submit(c, "/applications/" + submitted)
        draft = new_application(c, [("title", "Járdafelújítás")])
        other = logged_in(account("linked"))
        for lang, t in TEXTS.items():
            page = other.get("/home?lang=" + lang).text
            self.assertEqual(waiting_items(page), {}, lang)
            self.assertEqual(recent_rows(page), {}, lang)
            for app_id in (submitted, draft):
                self.assertNotIn("/applications/%s" % app_id, page, lang)
            self.assertNotIn("Járdafelújítás", page, lang)
            self.assertNotIn("Parkgondozás", page, lang)
            self.assertIn(t["nothing_waiting"], page, lang)

    def test_a_contact_without_a_municipality_sees_no_applications(self):
        a = account("linked")
        colleague = account("unlinked")
        mid = sql("SELECT municipality_id FROM users WHERE id = %s", a["id"])[0][0]
        sql("UPDATE users SET municipality_id = %s, linked_at = UTC_TIMESTAMP() WHERE id = %s", mid, colleague["id"])
        new_application(logged_in(a), [("title", "Járdafelújítás")])
        c = logged_in(colleague)
        self.assertIn("Járdafelújítás", c.get("/home").text)
        # Unlinked while logged in: the session lives on, the applications do not show.
        sql("UPDATE users SET municipality_id = NULL, linked_at = NULL WHERE id = %s", colleague["id"])
        for lang, t in TEXTS.items():
            page = c.get("/home?lang=" + lang)
            self.assertEqual(page.status, 200)
            self.assertIn(t["unlinked"], page.text, lang)
            self.assertIsNone(section(page.text, "home-waiting"), lang)
            self.assertIsNone(section(page.text, "home-applications"), lang)
            self.assertNotIn("Járdafelújítás", page.text, lang)
            self.assertNotIn('href="/applications', page.text, lang)
