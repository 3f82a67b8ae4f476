"""Subsidy applications: the rules kept as data (ktk-admin programme and
rates), and the municipality's applications through nginx."""
import json
import uuid

from ktk_accounts import run_admin
from ktk_test import TestCase, sql


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
