"""The Debian package: `dpkg-buildpackage -us -uc -b` with contrib/debian as
debian/ (built in the background while the other deploy tests run), its
contents, lintian, and what installing it does — tried in a copy-on-write
overlay of this machine, so dpkg, adduser and the postinst run for real and
nothing reaches the host."""
import pathlib
import re
import subprocess
import uuid

from deploy_checks import DeployTestCase, stack
from deploy_stack import DB_MIGRATE_USER, DB_ROLE, DB_USER, PREFIX, VAR, free_port

HERE = pathlib.Path(__file__).resolve().parent


def built():
    s = stack()
    if not hasattr(s, "deb_rc"):
        s.deb_rc = s.wait_package()
    if s.deb_rc != 0:
        log = s.package_log.read_text(errors="replace")
        raise AssertionError("dpkg-buildpackage failed:\n" + log[-3000:])
    return s.deb()


class PackageBuildTest(DeployTestCase):
    def test_the_package_builds(self):
        deb = built()
        self.assertTrue(deb.is_file(), deb)
        self.assertRegex(deb.name, r"^ktk_[0-9.]+_[a-z0-9]+\.deb$")

    def test_the_package_holds_the_debian_layout(self):
        listing = subprocess.run(["dpkg-deb", "-c", str(built())], capture_output=True, text=True,
                                 check=True).stdout
        paths = {line.split()[-1].lstrip(".") for line in listing.splitlines()}
        for path in ["/usr/sbin/ktk-admin", "/usr/lib/ktk/ktk-pool", "/usr/lib/ktk/ktk-supervisor", "/usr/lib/ktk/ktk-make-config",
                     "/usr/lib/ktk/ktk-mail-worker", "/usr/lib/ktk/ktk-captcha-draw", "/usr/lib/ktk/ktk-logout-post",
                     "/lib/systemd/system/ktk-fcgi@.socket",
                     "/lib/systemd/system/ktk-fcgi@.service", "/lib/systemd/system/ktk-mail-worker.service",
                     "/lib/systemd/system/ktk.target", "/usr/share/ktk/pools.list",
                     "/usr/share/ktk/templates/layout/page.tpl", "/usr/share/ktk/locale/hu/LC_MESSAGES/ktk.mo",
                     "/usr/share/ktk/static/errors/503.html", "/usr/share/ktk/nginx/ktk.conf",
                     "/usr/share/ktk/nginx/ktk-upstreams.conf", "/usr/share/ktk/nginx/ktk-locations.conf",
                     "/usr/share/ktk/apache/ktk.conf", "/usr/share/ktk/apache/ktk-locations.conf",
                     "/usr/share/ktk/common_passwords.txt",
                     "/usr/share/doc/ktk/OPERATIONS.md", "/usr/share/doc/ktk/ktk.conf.example",
                     "/usr/share/doc/ktk/copyright", "/usr/share/man/man8/ktk-admin.8.gz"]:
            self.assertIn(path, paths)
        for program in {e[2] for e in stack().pools.entries}:
            self.assertIn(f"/usr/lib/ktk/{program}", paths)
        self.assertFalse([p for p in paths if p.startswith("/etc/")], "no conffiles: postinst writes /etc/ktk")
        info = subprocess.run(["dpkg-deb", "-f", str(built()), "Depends"], capture_output=True, text=True).stdout
        for dep in ("adduser", "espeak-ng", "msmtp", "fonts-dejavu-core", "libfcgi0ldbl"):
            self.assertIn(dep, info)

    def test_lintian_reports_no_errors(self):
        r = subprocess.run(["lintian", "--no-tag-display-limit", str(built())], capture_output=True, text=True)
        tags = [line for line in r.stdout.splitlines() if re.match(r"^[EWIPX]: ", line)]
        (stack().d / "lintian.txt").write_text("\n".join(tags) + "\n")
        errors = [t for t in tags if t.startswith("E: ")]
        self.assertEqual(errors, [], "\n".join(tags))
        self.assertNotIn(r.returncode, (1,), r.stderr)  # 1 = lintian itself failed


class PackageInstallTest(DeployTestCase):
    """dpkg -i on a copy of this machine (which has the package's
    dependencies: the test stack needs them too)."""

    @classmethod
    def setUpClass(cls):
        cls.deb = built()
        cls.install = stack().chroot("install", f"dpkg -i {cls.deb}")

    def inside(self, script):
        r = stack().chroot("install", script)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r.stdout

    def test_install_succeeds_and_says_what_to_do_next(self):
        self.assertEqual(self.install.returncode, 0, self.install.stdout + self.install.stderr)
        out = self.install.stdout + self.install.stderr
        self.assertIn("KTK is installed but not started", out)
        self.assertIn("/usr/share/doc/ktk/OPERATIONS.md", out)

    def test_a_ktk_system_user_and_group(self):
        passwd = self.inside("getent passwd ktk").strip().split(":")
        self.assertLess(int(passwd[2]), 1000)
        self.assertEqual(passwd[6], "/usr/sbin/nologin")
        self.assertEqual(self.inside("id -gn ktk").strip(), "ktk")

    def test_config_and_fresh_secrets_readable_only_by_root_and_ktk(self):
        out = self.inside("stat -c '%n %a %U %G %s' /etc/ktk /etc/ktk/ktk.conf /etc/ktk/secret "
                          "/etc/ktk/db-password /etc/ktk/db-migrate-password /etc/ktk/msmtprc "
                          "/etc/ktk/smtp-password")
        self.assertEqual([line.rsplit(" ", 1)[0] for line in out.splitlines()],
                         ["/etc/ktk 750 root ktk", "/etc/ktk/ktk.conf 640 root ktk",
                          "/etc/ktk/secret 640 root ktk", "/etc/ktk/db-password 640 root ktk",
                          "/etc/ktk/db-migrate-password 600 root root",
                          "/etc/ktk/msmtprc 640 root ktk", "/etc/ktk/smtp-password 640 root ktk"])
        self.assertEqual(out.splitlines()[-1].rsplit(" ", 1)[1], "0")  # empty until a relay wants a login
        self.assertEqual(self.inside("cat /etc/ktk/ktk.conf"), self.inside("cat /usr/share/doc/ktk/ktk.conf.example"))
        secret = [l for l in self.inside("cat /etc/ktk/secret").splitlines() if l and not l.startswith("#")]
        self.assertEqual(len(secret), 1)
        self.assertRegex(secret[0], r"^[A-Za-z0-9_-]{48}$")
        # Fresh: another machine (another overlay) gets another secret.
        other = stack().chroot("install-2", f"dpkg -i {self.deb} >/dev/null && cat /etc/ktk/secret")
        self.assertEqual(other.returncode, 0, other.stderr)
        self.assertNotIn(secret[0], other.stdout)

    def test_msmtp_takes_the_relay_login_from_the_packaged_layout_as_ktk(self):
        """What OPERATIONS.md tells an operator whose relay wants a login:
        msmtprc stays 0640 root:ktk (not writable by the programs' user),
        the password goes into smtp-password; the configured sendmail
        command, run as ktk, logs in and hands the mail on. The password in
        msmtprc itself, as this guide once said, msmtp refuses."""
        password = f"relay-{uuid.uuid4().hex}"
        port = free_port()
        sink = subprocess.Popen(["/usr/bin/python3", str(HERE / "smtp_auth_sink.py"), str(port), "ktk@example.hu",
                                 password], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        try:
            self.assertEqual(sink.stdout.readline().strip(), "ready")
            r = stack().chroot("relay", f"""
dpkg -i {self.deb} >/dev/null
sed -i -e 's/^host localhost$/host 127.0.0.1/' -e 's/^port 25$/port {port}/' -e 's/^auth off$/auth plain/' \\
    -e 's/^#   \\(user \\|passwordeval \\)/\\1/' /etc/ktk/msmtprc
echo '{password}' >/etc/ktk/smtp-password
stat -c '%n %a %U %G' /etc/ktk/msmtprc /etc/ktk/smtp-password
command=$(sed -n 's/^mail.sendmail_command = //p' /etc/ktk/ktk.conf \\
    | sed -e 's/{{from}}/no-reply@example.hu/' -e 's/{{rcpt}}/relay@example.hu/')
printf 'Subject: relay\\n\\nhello\\n' | runuser -u ktk -- $command && echo sent
sed -i 's/^passwordeval .*/password {password}/' /etc/ktk/msmtprc
printf 'Subject: relay\\n\\nhello\\n' | runuser -u ktk -- $command 2>&1 || echo "refused $?"
""")
        finally:
            events = sink.communicate(input="", timeout=30)[0].splitlines()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[:3], ["/etc/ktk/msmtprc 640 root ktk", "/etc/ktk/smtp-password 640 root ktk", "sent"],
                         r.stdout + r.stderr)
        self.assertEqual(events, ["auth ok ktk@example.hu", "mail no-reply@example.hu relay@example.hu"])
        self.assertIn("contains secrets and therefore must be owned by you", r.stdout)
        self.assertEqual(lines[-1], "refused 78")

    def test_nothing_is_enabled_or_started(self):
        # No unit linked into a target, neither by systemctl nor by the record
        # deb-systemd-helper keeps of what it enabled.
        out = self.inside("find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled "
                          "-path '*.wants/ktk*' 2>/dev/null; "
                          "deb-systemd-helper --quiet was-enabled ktk.target && echo ktk.target enabled || true")
        self.assertEqual(out, "")
        postinst = self.inside("cat /var/lib/dpkg/info/ktk.postinst")
        self.assertNotRegex(postinst, r"deb-systemd-invoke[^\n]* start")
        # The one restart: an upgrade of a portal that runs, after migrating.
        self.assertEqual(re.findall(r"deb-systemd-invoke \S+ \S+", postinst),
                         ["deb-systemd-invoke restart ktk.target"])

    def test_the_installed_units_verify(self):
        units = [f"ktk-fcgi@{p}.socket ktk-fcgi@{p}.service" for p in stack().pools.names]
        out = self.inside(f"SYSTEMD_LOG_COLOR=0 systemd-analyze verify {' '.join(units)} "
                          "ktk-mail-worker.service ktk.target 2>&1")
        self.assertEqual(out, "")

    def test_the_packaged_programs_find_everything_from_their_compiled_in_paths(self):
        """The installed /etc/ktk/ktk.conf plus this machine's database, then
        ktk-admin migrate from /usr/share/ktk/sql and a pool started by
        ktk-pool from /usr/lib/ktk answering /login."""
        s = stack()
        script = f"""
cat >>/etc/ktk/ktk.conf <<EOF
db.socket = {VAR}/run/mysqld.sock
db.name = ktk_deploy
db.user = {DB_USER}
db.migrate_user = {DB_MIGRATE_USER}
db.runtime_role = {DB_ROLE}
base_url = https://ktk.example.hu
EOF
cp {PREFIX}/etc/ktk/db-password /etc/ktk/db-password
cp {PREFIX}/etc/ktk/db-migrate-password /etc/ktk/db-migrate-password
ktk-admin migrate
mkdir -p /run/ktk-test
spawn-fcgi -n -s /run/ktk-test/login.sock -M 0666 -- /usr/lib/ktk/ktk-pool login >/dev/null 2>&1 &
python3 - <<'PY'
import sys, time
sys.path.insert(0, "{HERE}")
import fastcgi
for _ in range(100):
    try:
        status, headers, body = fastcgi.request("/run/ktk-test/login.sock", "/login")
        break
    except OSError:
        time.sleep(0.1)
print(status, "Belépés" in body.decode())
PY
kill $!
wait $! || true
"""
        out = s.chroot("programs", f"dpkg -i {self.deb} >/dev/null\n" + script, binds=[f"{VAR}/run"])
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertIn("schema is up to date", out.stdout)
        self.assertIn("200 True", out.stdout)


class PackageReinstallTest(DeployTestCase):
    def test_an_operators_config_survives_reinstall_and_purge_removes_it(self):
        deb = built()
        r = stack().chroot("reinstall", f"""
dpkg -i {deb} >/dev/null
echo '# edited by the operator' >>/etc/ktk/ktk.conf
sha256sum /etc/ktk/* >/tmp/before
dpkg -i {deb} >/dev/null
sha256sum /etc/ktk/* >/tmp/after
cmp /tmp/before /tmp/after && echo unchanged
tail -1 /etc/ktk/ktk.conf
dpkg --purge ktk >/dev/null
test -e /etc/ktk && echo "etc/ktk left" || echo "etc/ktk removed"
test -e /usr/lib/ktk/ktk-login && echo "programs left" || echo "programs removed"
getent passwd ktk >/dev/null && echo "user kept"
""")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["unchanged", "# edited by the operator", "etc/ktk removed",
                                                 "programs removed", "user kept"])
