"""`cmake --install` into a prefix: the Debian layout, nothing pointing
back into the source or build tree, the config maker, the pool list and
its runner, and socket activation on fd 3."""
import os
import pathlib
import re
import socket
import stat
import subprocess
import tempfile

import fastcgi
from deploy_checks import DeployTestCase, stack
from deploy_stack import BUILD, DB_MIGRATE_USER, DB_NAME, DB_ROLE, DB_USER, PREFIX, ROOT, clean_env


def text_files(top):
    for path in top.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if b"\0" not in data[:4096]:
                yield path, data


def rodata(path):
    """The read-only data of an ELF file: its string constants, without
    the debug information (which names source files by design)."""
    with tempfile.NamedTemporaryFile() as out:
        subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(path), out.name], check=True)
        return pathlib.Path(out.name).read_bytes()


class InstallLayoutTest(DeployTestCase):
    def test_programs_data_and_docs_are_where_a_debian_administrator_expects_them(self):
        expected = [
            "sbin/ktk-admin",
            "lib/ktk/ktk-mail-worker", "lib/ktk/ktk-pool", "lib/ktk/ktk-supervisor", "lib/ktk/ktk-make-config",
            "lib/ktk/ktk-captcha-draw", "lib/ktk/ktk-logout-post",
            "share/ktk/templates/layout/page.tpl",
            "share/ktk/templates/mail/confirm_registration/subject.tpl",
            "share/ktk/templates/mail/confirm_registration/text.tpl",
            "share/ktk/templates/mail/confirm_registration/html.tpl",
            "share/ktk/locale/hu/LC_MESSAGES/ktk.mo", "share/ktk/locale/en/LC_MESSAGES/ktk.mo",
            "share/ktk/static/ktk.css", "share/ktk/static/errors/503.html",
            "share/ktk/static/errors/413.html", "share/ktk/static/errors/429.html",
            "share/ktk/static/errors/403.html",
            "share/ktk/common_passwords.txt", "share/ktk/pools.list",
            "share/ktk/nginx/ktk.conf", "share/ktk/nginx/ktk-upstreams.conf", "share/ktk/nginx/ktk-locations.conf",
            "share/ktk/nginx/fastcgi_params", "share/ktk/nginx/security_headers.conf",
            "share/ktk/nginx/ktk-log.conf",
            "share/ktk/apache/ktk.conf", "share/ktk/apache/ktk-locations.conf",
            "share/ktk/apache/security_headers.conf", "share/ktk/apache/ktk-log.conf",
            "share/doc/ktk/ktk.conf.example", "share/doc/ktk/msmtprc.example", "share/doc/ktk/OPERATIONS.md",
            "share/man/man8/ktk-admin.8",
            "lib/systemd/system/ktk-fcgi@.socket", "lib/systemd/system/ktk-fcgi@.service",
            "lib/systemd/system/ktk-mail-worker.service", "lib/systemd/system/ktk.target",
        ]
        expected += [f"lib/ktk/{program}" for program in {e[2] for e in stack().pools.entries}]
        for rel in expected:
            self.assertTrue((PREFIX / rel).is_file(), rel)
        for rel in ("sbin/ktk-admin", "lib/ktk/ktk-pool", "lib/ktk/ktk-supervisor", "lib/ktk/ktk-make-config",
                    "lib/ktk/ktk-mail-worker", "lib/ktk/ktk-captcha-draw", "lib/ktk/ktk-logout-post"):
            self.assertTrue(os.access(PREFIX / rel, os.X_OK), rel)
        # Every template and migration of the tree, not just a sample.
        for source, installed, pattern in ((ROOT / "templates", PREFIX / "share/ktk/templates", "*.tpl"),
                                           (ROOT / "sql", PREFIX / "share/ktk/sql", "*.sql")):
            want = sorted(p.relative_to(source) for p in source.rglob(pattern))
            got = sorted(p.relative_to(installed) for p in installed.rglob(pattern))
            self.assertEqual(got, want)
        # The dev stack's nginx template is not a production file.
        self.assertFalse((PREFIX / "share/ktk/nginx/ktk-dev.conf.in").exists())

    def test_cmake_installs_nothing_outside_the_prefix(self):
        installed = (BUILD / "install_manifest.txt").read_text().split()
        self.assertTrue(installed)
        self.assertEqual([f for f in installed if not f.startswith(f"{PREFIX}/")], [])

    def test_nothing_installed_points_into_the_source_or_build_tree(self):
        trees = [str(ROOT / d) for d in ("templates", "fcgi-apps", "sql", "nginx", "contrib")] + [str(BUILD)]
        for path, data in text_files(PREFIX):
            if path.parent == PREFIX / "etc" / "ktk":
                continue  # the test machine's own settings
            for tree in trees:
                self.assertNotIn(tree.encode(), data, f"{path} names {tree}")
        # The programs' string constants name none of the places data could
        # be read from in the tree. (Source file names may be there: the
        # sanitizers record them, and so do assertions.)
        data_places = [str(ROOT / "templates"), str(ROOT / "sql"), str(BUILD / "locale"),
                       str(ROOT / "fcgi-apps/lib/domain/common_passwords.txt"), str(ROOT / "contrib"),
                       str(ROOT / "nginx")]
        programs = [p for p in (PREFIX / "lib/ktk").iterdir() if p.read_bytes()[:4] == b"\x7fELF"]
        programs.append(PREFIX / "sbin/ktk-admin")
        for program in programs:
            constants = rodata(program)
            for place in data_places:
                self.assertNotIn(place.encode(), constants, f"{program} has {place} compiled in")

    def test_installed_text_files_name_the_install_locations(self):
        unit = (PREFIX / "lib/systemd/system/ktk-fcgi@.service").read_text()
        self.assertIn(f"ExecStart={PREFIX}/lib/ktk/ktk-pool %i", unit)
        site = (PREFIX / "share/ktk/nginx/ktk.conf").read_text()
        self.assertIn(f"alias {PREFIX}/share/ktk/static/;", site)
        self.assertIn(f"include {PREFIX}/share/ktk/nginx/ktk-locations.conf;", site)
        self.assertIn(f"include {PREFIX}/share/ktk/nginx/fastcgi_params;",
                      (PREFIX / "share/ktk/nginx/ktk-locations.conf").read_text())
        self.assertIn(f"DocumentRoot {PREFIX}/share/ktk/static", (PREFIX / "share/ktk/apache/ktk.conf").read_text())
        example = (PREFIX / "share/doc/ktk/ktk.conf.example").read_text()
        self.assertIn(f"secret_file = {PREFIX}/etc/ktk/secret", example)
        self.assertIn(f"--file={PREFIX}/etc/ktk/msmtprc", example)
        self.assertIn(f'passwordeval "cat {PREFIX}/etc/ktk/smtp-password"',
                      (PREFIX / "share/doc/ktk/msmtprc.example").read_text())

    def test_installed_migrations_build_the_whole_schema_in_an_empty_database(self):
        s = stack()
        migrations = sorted(p.name for p in (PREFIX / "share/ktk/sql/migrations").glob("*.sql"))
        self.assertEqual([f"applied {m}" for m in migrations], s.migrate_output.split("\n")[:-1])
        self.assertEqual(s.admin("migrate").stdout, "schema is up to date\n")
        tables = {row[0] for row in s.sql("SHOW TABLES")}
        for table in ("users", "sessions", "mail_queue", "captchas", "audit_log"):
            self.assertIn(table, tables)

    def test_migrate_ran_as_the_migration_account_and_granted_the_runtime_role(self):
        s = stack()
        self.assertEqual(s.migrate_errors, "")  # no warning: the installed config names the migration account
        self.assertIn(f"DEFINER=`{DB_MIGRATE_USER}`@`localhost`",
                      s.mariadb(f"SHOW CREATE TRIGGER {DB_NAME}.audit_log_no_delete"))
        grants = s.mariadb(f"SHOW GRANTS FOR {DB_ROLE}")
        self.assertIn(f"GRANT SELECT, INSERT ON `{DB_NAME}`.`audit_log` TO `{DB_ROLE}`", grants)
        self.assertIn(f"GRANT SELECT, INSERT, UPDATE, DELETE ON `{DB_NAME}`.`users` TO `{DB_ROLE}`", grants)
        self.assertEqual(s.mariadb(f"SHOW GRANTS FOR '{DB_USER}'@'localhost'").split("\n")[0],
                         f"GRANT `{DB_ROLE}` TO `{DB_USER}`@`localhost`")


class MakeConfigTest(DeployTestCase):
    etc = PREFIX / "etc" / "ktk"

    def test_config_and_secrets_are_readable_only_by_root_and_the_group(self):
        for name in ("ktk.conf", "secret", "db-password", "msmtprc", "smtp-password"):
            st = (self.etc / name).stat()
            self.assertEqual(stat.S_IMODE(st.st_mode), 0o640, name)
            self.assertEqual((st.st_uid, st.st_gid), (0, 0), name)  # --group root in the test
        # The migration account's password: root's alone, whatever the group.
        st = (self.etc / "db-migrate-password").stat()
        self.assertEqual((stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid), (0o600, 0, 0))
        self.assertEqual(stat.S_IMODE(self.etc.stat().st_mode), 0o750)
        for name in ("ktk.conf", "secret", "db-password", "db-migrate-password", "msmtprc", "smtp-password"):
            self.assertIn(f"wrote {self.etc}/{name}", stack().make_config_output)

    def test_secrets_are_fresh_and_long_enough(self):
        lines = [l for l in (self.etc / "secret").read_text().splitlines() if l and not l.startswith("#")]
        self.assertEqual(len(lines), 1)
        self.assertRegex(lines[0], r"^[A-Za-z0-9_-]{48}$")
        self.assertRegex((self.etc / "db-password").read_text(), r"^[A-Za-z0-9_-]{32}\n$")
        self.assertRegex((self.etc / "db-migrate-password").read_text(), r"^[A-Za-z0-9_-]{32}\n$")
        self.assertNotEqual((self.etc / "db-password").read_text(), (self.etc / "db-migrate-password").read_text())
        self.assertNotIn(lines[0], (PREFIX / "share/doc/ktk/ktk.conf.example").read_text())
        # The config is the example plus the test machine's lines.
        example = (PREFIX / "share/doc/ktk/ktk.conf.example").read_text()
        self.assertTrue((self.etc / "ktk.conf").read_text().startswith(example))

    def test_running_it_again_overwrites_nothing(self):
        conf = self.etc / "ktk.conf"
        original = conf.read_bytes()
        conf.write_bytes(original + b"# edited by the operator\n")
        try:
            before = {p.name: p.read_bytes() for p in self.etc.iterdir()}
            r = subprocess.run([str(PREFIX / "lib/ktk/ktk-make-config"), "--group", "root"],
                               capture_output=True, text=True, check=True)
            self.assertEqual(r.stdout, "")
            self.assertEqual({p.name: p.read_bytes() for p in self.etc.iterdir()}, before)
        finally:
            conf.write_bytes(original)


class PoolListTest(DeployTestCase):
    def test_generated_parts_of_the_production_configs_are_up_to_date(self):
        r = subprocess.run([str(ROOT / "contrib/pools-sync"), "--check"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_the_dev_stack_runs_the_same_pools_and_programs(self):
        apps = re.search(r"^APPS=\(([^)]*)\)", (ROOT / "contrib/ktk").read_text(), re.M).group(1).split()
        dev = {}
        for a in apps:
            parts = a.split(":")
            dev[parts[0]] = "ktk-" + (parts[2] if len(parts) > 2 else parts[0])
        prod = {e[0]: e[2] for e in stack().pools.entries}
        self.assertEqual(dev, prod, "APPS in contrib/ktk and contrib/pools.list must name the same pools")

    def test_the_dev_nginx_routes_match_the_list(self):
        """Every route of either, asked with GET and POST (and one level
        below it), reaches the same pool in the dev site and in the list."""
        conf = (ROOT / "nginx/ktk-dev.conf.in").read_text()
        upstreams = dict(re.findall(r"upstream (\w+)\s*\{\s*server unix:@VAR@/run/([\w-]+)\.sock;", conf))
        maps = {m.group(1): dict(re.findall(r"(\S+)\s+(\S+);", m.group(2)))
                for m in re.finditer(r"map \$request_method \$(\w+) \{(.*?)\}", conf, re.S)}
        exact, prefix, clerks = {}, {}, set()
        for m in re.finditer(r"location (=\s*)?(/\S*) \{(.*?)\n        \}", conf, re.S):
            target = re.search(r"fastcgi_pass (\S+);", m.group(3))
            if target:
                (exact if m.group(1) else prefix)[m.group(2)] = target.group(1)
                if "@ADMIN_ACCESS@" in m.group(3):
                    clerks.add(m.group(2))

        def pool_of(target, method):
            if target.startswith("$"):
                choice = maps[target[1:]]
                target = choice.get(method, choice["default"])
            if target.startswith("unix:"):
                return re.fullmatch(r"unix:@VAR@/run/([\w-]+)\.sock", target).group(1)
            return upstreams[target]

        def dev(method, path):
            if path in exact:
                return pool_of(exact[path], method)
            best = max((p for p in prefix if path.startswith(p)), key=len)
            return pool_of(prefix[best], method)

        entries = stack().pools.entries

        def listed(method, path):
            for name, _, _, _, route in entries:
                if route == f"{method} {path}":
                    return name
            return max(((e[4], e[0]) for e in entries if " " not in e[4] and path.startswith(e[4])),
                       key=lambda r: len(r[0]))[1]

        paths = {e[4].split()[-1] for e in entries} | set(exact) | {p.rstrip("/") or "/" for p in prefix}
        for path in sorted(paths):
            for sample in (path, path.rstrip("/") + "/x"):
                for method in ("GET", "POST"):
                    self.assertEqual(dev(method, sample), listed(method, sample),
                                     f"{method} {sample}: nginx/ktk-dev.conf.in and contrib/pools.list differ")
        self.assertEqual({dev("GET", p) for p in clerks}, {e[0] for e in entries if e[3] == "clerks"})

    def test_ktk_pool_refuses_without_a_socket_and_for_an_unknown_pool(self):
        pool = PREFIX / "lib/ktk/ktk-pool"
        r = subprocess.run([str(pool), "login"], stdin=subprocess.DEVNULL, capture_output=True, text=True)
        self.assertEqual(r.returncode, 64)
        self.assertIn("standard input is not the pool's listening socket", r.stderr)
        with socket.socket(socket.AF_UNIX) as s:
            s.bind(str(stack().d / "unknown.sock"))
            s.listen(1)
            r = subprocess.run([str(pool), "nosuchpool"], stdin=s.fileno(), capture_output=True, text=True)
            self.assertEqual(r.returncode, 64)
            self.assertIn('no pool "nosuchpool"', r.stderr)
            r = subprocess.run([str(pool), "login"], stdin=s.fileno(), capture_output=True, text=True,
                               env=clean_env(KTK_PROCESSES="many"))
            self.assertEqual(r.returncode, 64)
            self.assertIn("must be a positive number", r.stderr)
            r = subprocess.run([str(pool), "login"], stdin=s.fileno(), capture_output=True, text=True,
                               env=clean_env(KTK_MIN_PROCESSES="-1"))
            self.assertEqual(r.returncode, 64)
            self.assertIn("must be 0 or a positive number", r.stderr)


class SocketActivationTest(DeployTestCase):
    def test_a_program_accepts_on_fd_3_when_listen_pid_is_its_own(self):
        """systemd's socket passing without StandardInput=socket: LISTEN_FDS,
        LISTEN_PID and the socket as fd 3, while fd 0 is /dev/null."""
        path = str(stack().d / "fd3.sock")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(path)
        listener.listen(8)
        program = str(PREFIX / "lib/ktk/ktk-login")
        pid = os.fork()
        if pid == 0:
            try:
                if listener.fileno() != 3:
                    os.dup2(listener.fileno(), 3)
                os.set_inheritable(3, True)
                null = os.open("/dev/null", os.O_RDWR)
                os.dup2(null, 0)
                log = os.open(str(stack().log / "fd3.log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                os.dup2(log, 1)
                os.dup2(log, 2)
                os.closerange(4, 1024)
                env = clean_env(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()))
                os.execve(program, [program], env)
            finally:
                os._exit(127)
        listener.close()
        try:
            status, headers, body = fastcgi.request(path, "/healthz")
            self.assertEqual((status, body), (200, b"ok\n"))
            status, _, body = fastcgi.request(path, "/login")
            self.assertEqual(status, 200)
            self.assertIn("Belépés".encode(), body)
        finally:
            os.kill(pid, 15)
            os.waitpid(pid, 0)
