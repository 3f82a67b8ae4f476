"""The audit log's hash chains through the real stack: after real logins,
failures and clerks' acts, `ktk-admin audit verify` finds every chain
intact, `audit head` gives each chain's last row and hash, and an earlier
head held against the chain with --anchor still fits after more rows."""
import os
import tempfile

from ktk_accounts import account, clerk, run_admin, unique_email
from ktk_test import Client, TestCase, sql


def log_in(email, password):
    return Client().submit("/login", {"email": email, "password": password})


def heads():
    """`ktk-admin audit head` as {chain: (rows, last row, last hash)}."""
    r = run_admin("audit", "head")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "chain\trows\tlast_row\tlast_hash", lines[0]
    return {c: (int(n), int(last), h) for c, n, last, h in (line.split("\t") for line in lines[1:])}


class AuditChainTest(TestCase):
    def setUp(self):
        # Real acts that write audit rows: a contact's login, a clerk's
        # login, a wrong password, an address nobody registered.
        self.contact = account("linked")
        self.clerk = clerk(self.contact["office_id"])
        self.assertEqual(log_in(self.contact["email"], self.contact["password"]).status, 303)
        self.assertEqual(log_in(self.clerk["email"], self.clerk["password"]).status, 303)
        log_in(self.contact["email"], "Rossz-jelszo-123")
        log_in(unique_email("nobody"), "Rossz-jelszo-123")

    def test_verify_finds_every_chain_intact_after_real_actions(self):
        r = run_admin("audit", "verify")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[-1].startswith("OK: "), lines)
        office = f"office {self.contact['office_id']}: OK, "
        self.assertTrue(any(line.startswith(office) for line in lines), lines)
        self.assertTrue(any(line.startswith("no office: OK, ") for line in lines), lines)

    def test_the_rows_of_the_offices_acts_are_in_its_chain(self):
        office = self.contact["office_id"]
        chained = sql("SELECT a.action FROM audit_log a JOIN audit_chain c ON c.audit_id = a.id"
                      " WHERE c.chain_key = %s ORDER BY c.seq", office)
        actions = [row[0] for row in chained]
        for action in ("municipality.create", "login.success", "login.failure"):
            self.assertIn(action, actions)
        r = run_admin("audit", "verify", "--office", office)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, rf"office {office}: OK, {len(actions)} rows from row \d+\n")
        self.assertIn("OK: ", run_admin("audit", "verify", "--office", "none").stdout)

    def test_a_head_kept_outside_still_fits_after_more_rows(self):
        before = heads()
        office = str(self.contact["office_id"])
        self.assertIn(office, before)
        self.assertEqual(before[office][1], int(sql("SELECT MAX(a.id) FROM audit_log a JOIN audit_chain c"
                                                    " ON c.audit_id = a.id WHERE c.chain_key = %s", office)[0][0]))
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            # As a mail client may pass it on: tabs turned into spaces, a note above.
            f.write("# KTK audit heads\n" + run_admin("audit", "head").stdout.replace("\t", "  "))
        self.addCleanup(os.unlink, f.name)
        log_in(self.contact["email"], self.contact["password"])
        self.assertGreater(heads()[office][0], before[office][0])
        r = run_admin("audit", "verify", "--anchor", f.name)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"anchor office {office} number {before[office][0]} (row {before[office][1]}): OK", r.stdout)

    def test_an_anchor_that_the_chain_does_not_hold_fails(self):
        office = str(self.contact["office_id"])
        rows, last, _ = heads()[office]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(f"{office}\t{rows}\t{last}\t{'0' * 64}\n")
        self.addCleanup(os.unlink, f.name)
        r = run_admin("audit", "verify", "--anchor", f.name)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("the chain was rewritten", r.stdout)
        self.assertIn("does not verify", r.stderr)

    def test_bad_arguments_are_usage_errors(self):
        for args in (("audit",), ("audit", "verify", "--office", "x"), ("audit", "verify", "extra"),
                     ("audit", "head", "--office", "0"), ("audit", "verify", "--anchor", "/nonexistent"),
                     ("audit", "adopt", "now")):
            with self.subTest(args=args):
                self.assertEqual(run_admin(*args).returncode, 64)
