"""The database accounts of the running stack, as OPERATIONS.md sets them
up: the programs log in as the runtime account `ktk`, which holds only the
role `ktk_runtime`; `ktk-admin migrate` runs as `ktk_migrate`, owns the DDL
and grants the role its table privileges. Whoever reads the runtime
password can neither empty the audit log nor change the schema."""
import os
import re
import subprocess

from ktk_accounts import run_admin
from ktk_test import VAR, TestCase, sql


def stack_port():
    for line in open(os.path.join(VAR, "stack.env")):
        if line.startswith("DB_PORT="):
            return line.split("=", 1)[1].strip()
    raise AssertionError("no DB_PORT in stack.env")


def as_account(user, password_file, statement, tcp=False):
    """One statement through the mariadb client as `user` (the password
    from the stack's secret file, handed over in the environment)."""
    where = ["--protocol=TCP", "-h", "127.0.0.1", "-P", stack_port()] if tcp else \
        ["-S", os.path.join(VAR, "run", "mysqld.sock")]
    with open(os.path.join(VAR, "secrets", password_file)) as f:
        password = f.read().strip()
    return subprocess.run(["mariadb", "--no-defaults", *where, "-u", user, "-N", "-B", "ktk", "-e", statement],
                          capture_output=True, text=True, env=dict(os.environ, MYSQL_PWD=password))


def as_runtime(statement, tcp=False):
    return as_account("ktk", "db-password", statement, tcp)


def as_migrator(statement):
    return as_account("ktk_migrate", "db-migrate-password", statement)


def migrate():
    return run_admin("migrate")


class RuntimeAccountTest(TestCase):
    REFUSED = [
        ("TRUNCATE audit_log", "DROP"),
        ("DELETE FROM audit_log", "DELETE"),
        ("UPDATE audit_log SET actor_label = 'x'", "UPDATE"),
        ("DROP TRIGGER audit_log_no_delete", "TRIGGER"),
        ("DROP TRIGGER audit_log_no_update", "TRIGGER"),
        ("CREATE TRIGGER audit_log_sneak BEFORE INSERT ON audit_log FOR EACH ROW SET NEW.actor_label = 'x'",
         "TRIGGER"),
        ("DELETE FROM audit_chain", "DELETE"),
        ("UPDATE audit_chain SET row_hash = ''", "UPDATE"),
        ("DROP TRIGGER audit_chain_no_update", "TRIGGER"),
        ("DELETE FROM audit_chain_heads", "DELETE"),
        ("INSERT INTO audit_chain_start VALUES (0, NOW())", "INSERT"),
        ("ALTER TABLE users ADD COLUMN sneak INT", "ALTER"),
        ("ALTER TABLE audit_log DISABLE KEYS", "ALTER"),
        ("CREATE TABLE sneak (id INT)", "CREATE"),
        ("DROP TABLE sneak", "DROP"),
        ("GRANT SELECT ON ktk.users TO ktk_runtime", None),
        ("SELECT COUNT(*) FROM schema_migrations", "SELECT"),
    ]

    def test_the_runtime_account_may_not_empty_the_audit_log_or_change_the_schema(self):
        rows = sql("SELECT COUNT(*) FROM audit_log")[0][0]
        triggers = sql("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_TABLE = 'audit_log'"
                       " AND TRIGGER_SCHEMA = 'ktk' ORDER BY 1")
        self.assertEqual(triggers, [["audit_log_no_delete"], ["audit_log_no_update"]])
        for tcp in (False, True):
            # The account logs in and reads: what follows is refused for want of privileges.
            ok = as_runtime("SELECT COUNT(*) FROM audit_log", tcp)
            self.assertEqual(ok.returncode, 0, ok.stderr)
            for statement, privilege in self.REFUSED:
                with self.subTest(statement=statement, tcp=tcp):
                    r = as_runtime(statement, tcp)
                    self.assertNotEqual(r.returncode, 0, f"{statement} was allowed")
                    # 1142: "<PRIVILEGE> command denied", 1044/1045: access denied,
                    # never the audit log's own trigger (1644) refusing a permitted DELETE.
                    self.assertRegex(r.stderr, r"ERROR (1142|1044|1227|1045)", r.stderr)
                    if privilege:
                        self.assertIn(f"{privilege} command denied", r.stderr)
        self.assertEqual(sql("SELECT COUNT(*) FROM audit_log")[0][0], rows)
        self.assertEqual(sql("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE "
                             "EVENT_OBJECT_TABLE = 'audit_log' AND TRIGGER_SCHEMA = 'ktk' ORDER BY 1"), triggers)
        self.assertEqual(sql("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'ktk' "
                             "AND COLUMN_NAME = 'sneak'"), [["0"]])

    def test_the_runtime_account_holds_only_the_role_and_the_role_only_table_dml(self):
        grants = as_runtime("SHOW GRANTS")
        self.assertEqual(grants.returncode, 0, grants.stderr)
        own = [g for g in grants.stdout.splitlines() if re.search(r" TO `ktk`@", g) and not g.startswith("SET ")]
        self.assertEqual(sorted(re.sub(r" IDENTIFIED BY .*", "", g) for g in own),
                         ["GRANT USAGE ON *.* TO `ktk`@`localhost`", "GRANT `ktk_runtime` TO `ktk`@`localhost`"])
        role = {}
        for g in grants.stdout.splitlines():
            m = re.fullmatch(r"GRANT (.+) ON (\S+) TO `ktk_runtime`", g)
            if m:
                role[m.group(2)] = m.group(1)
        tables = [t for (t,) in sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'ktk'")]
        self.assertIn("audit_log", tables)
        self.assertEqual(role.pop("*.*"), "USAGE")
        self.assertEqual(role.pop("`ktk`.`audit_log`"), "SELECT, INSERT")
        self.assertEqual(role.pop("`ktk`.`audit_chain`"), "SELECT, INSERT")
        self.assertEqual(role.pop("`ktk`.`audit_chain_heads`"), "SELECT, INSERT, UPDATE")
        self.assertEqual(role.pop("`ktk`.`audit_chain_start`"), "SELECT")
        expected = {f"`ktk`.`{t}`": "SELECT, INSERT, UPDATE, DELETE" for t in tables
                    if t not in ("audit_log", "audit_chain", "audit_chain_heads", "audit_chain_start",
                                 "schema_migrations")}
        self.assertEqual(role, expected)


class MigrateGrantsTest(TestCase):
    """`ktk-admin migrate` keeps the runtime grants right: a table a later
    migration adds gets them, and whatever is broader is taken back."""

    def tearDown(self):
        # MariaDB keeps a dropped table's grants: they are revoked below.
        sql("DROP TABLE IF EXISTS later_table")
        # Whatever a failed test left behind: the account back as db_setup makes it.
        sql("GRANT ktk_runtime TO 'ktk'@'localhost'")
        sql("SET DEFAULT ROLE ktk_runtime FOR 'ktk'@'localhost'")
        for statement in ("REVOKE ALL PRIVILEGES ON ktk.later_table FROM ktk_runtime",
                          "REVOKE ALL PRIVILEGES ON ktk.* FROM 'ktk'@'localhost'",
                          "REVOKE ALL PRIVILEGES ON ktk.audit_log FROM 'ktk'@'localhost'"):
            try:
                sql(statement)
            except subprocess.CalledProcessError:
                pass  # no such grant
        r = migrate()
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_a_table_the_migration_account_adds_gets_the_runtime_grants_at_the_next_migrate(self):
        r = as_migrator("CREATE TABLE later_table (id INT PRIMARY KEY)")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("SELECT command denied", as_runtime("SELECT * FROM later_table").stderr)
        r = migrate()
        self.assertEqual((r.returncode, r.stdout), (0, "schema is up to date\n"), r.stderr)
        for statement in ("INSERT INTO later_table VALUES (1)", "UPDATE later_table SET id = 2",
                          "SELECT * FROM later_table", "DELETE FROM later_table"):
            r = as_runtime(statement)
            self.assertEqual(r.returncode, 0, statement + ": " + r.stderr)
        self.assertIn("DROP command denied", as_runtime("DROP TABLE later_table").stderr)

    def test_migrate_takes_back_what_is_broader_than_the_runtime_grants(self):
        # The single account of an older installation, and a role widened by hand.
        sql("GRANT ALL PRIVILEGES ON ktk.* TO 'ktk'@'localhost'")
        sql("GRANT DELETE, DROP ON ktk.audit_log TO 'ktk'@'localhost'")
        sql("GRANT DROP, TRIGGER, ALTER ON ktk.audit_log TO ktk_runtime")
        sql("GRANT UPDATE (actor_label) ON ktk.audit_log TO 'ktk'@'localhost'")
        self.assertEqual(as_runtime("DROP TRIGGER IF EXISTS no_such_trigger").returncode, 0)
        r = migrate()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("revoked ALL PRIVILEGES ON `ktk`.* FROM 'ktk'@'localhost'", r.stderr)
        self.assertIn("revoked ALL PRIVILEGES ON `ktk`.`audit_log` FROM 'ktk'@'localhost'", r.stderr)
        for statement, privilege in RuntimeAccountTest.REFUSED[:4] + [
                ("UPDATE audit_log SET actor_label = 'x' WHERE id = 0", "UPDATE")]:
            r = as_runtime(statement)
            self.assertIn(f"{privilege} command denied", r.stderr, statement)
        self.assertEqual(as_runtime("SELECT COUNT(*) FROM users").returncode, 0)
        # Nothing left to take back the next time.
        r = migrate()
        self.assertEqual((r.returncode, r.stderr), (0, ""))

    def test_migrate_refuses_while_the_runtime_account_lacks_the_role_and_says_what_to_do(self):
        sql("REVOKE ktk_runtime FROM 'ktk'@'localhost'")
        r = migrate()
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("does not have the role ktk_runtime as its default role", r.stderr)
        self.assertIn("GRANT ktk_runtime TO 'ktk'@'localhost'", r.stderr)
