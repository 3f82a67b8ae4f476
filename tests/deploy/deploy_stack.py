"""The production-shaped stack the deploy tests run against, built beside
the test stack (whose MariaDB and SMTP sink it borrows):

- the tree `cmake --install`ed into a prefix the build was configured with
  (var/deploy-prefix), configured by its own ktk-make-config, with its own
  database and its two accounts made by the SQL of contrib/OPERATIONS.md
  (step 2, under the test's names) and migrated by the installed ktk-admin;
- application host A: every pool of pools.list started with the ExecStart of
  the installed ktk-fcgi@.service and the socket as standard input, as
  systemd's StandardInput=socket does; application host B: the same pools
  on TCP through spawn-fcgi (KTK_PROCESSES=1), as a second machine would;
- two mail workers at once, one per host, on the one queue;
- nginx with the shipped site (nginx/ktk.conf: TLS, upstreams of both hosts);
- Apache 2.4 with the shipped site (contrib/apache/ktk.conf) on host A;
- the Debian package, built in the background from a copy of the tree
  (package_build.py; contrib/ktk test starts it right after the main build).

The shipped configs are used as installed; only what a test machine must
change is replaced (ports, certificate, socket and log directories), and
every replacement must find its text, so a changed config fails here."""
import os
import pathlib
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time

import ktk_apache
import package_build

ROOT = pathlib.Path(os.environ.get("KTK_ROOT", pathlib.Path(__file__).resolve().parents[2]))
VAR = pathlib.Path(os.environ["KTK_VAR"])
BUILD = pathlib.Path(os.environ.get("KTK_BUILD", ROOT / "build"))
PREFIX = ROOT / "var" / "deploy-prefix"
ANSWER = os.environ.get("KTK_CAPTCHA_TEST_ANSWER", "KTK7TEST")
DB_NAME = "ktk_deploy"
DB_USER = "ktk_deploy"                  # the runtime account
DB_MIGRATE_USER = "ktk_deploy_migrate"  # the migration account
DB_ROLE = "ktk_deploy_runtime"          # the runtime role (the test stack's is ktk_runtime)
HOSTS = ("a", "b")
# The package build contrib/ktk test started early (package_build.py), if any.
PACKAGE_DIR = pathlib.Path(os.environ["KTK_PACKAGE_DIR"]) if os.environ.get("KTK_PACKAGE_DIR") else None

_current = None


def current():
    return _current


def free_port(address="127.0.0.1"):
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


def stack_env():
    values = {}
    for line in (VAR / "stack.env").read_text().splitlines():
        k, _, v = line.partition("=")
        values[k] = v.strip("'")
    return values


def clean_env(**extra):
    """The environment of an installed program: no KTK_* from the test run,
    so the installed config file (found through the compiled-in path) is
    what it reads."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KTK_", "ASAN_", "UBSAN_", "LSAN_"))}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    env.update(extra)
    return env


def replace(text, old, new, what):
    """Replaces every `old` (a regex); fails when there is none."""
    out, n = re.subn(old, new, text, flags=re.M)
    if n == 0:
        raise AssertionError(f"{what}: expected to find /{old}/ (did the shipped config change?)")
    return out


def wait_for(check, timeout, what):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            if check():
                return
        except OSError as e:
            last = e
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come up in {timeout} s ({last})")


def connectable(address):
    s = socket.socket(socket.AF_UNIX if isinstance(address, str) else socket.AF_INET)
    try:
        s.settimeout(1)
        s.connect(address)
        return True
    finally:
        s.close()


class Pools:
    """The routes of pools.list: (name, processes, program, access, route),
    one entry per route ("/prefix" or "POST /path"), so a pool with several
    prefixes has an entry for each."""

    def __init__(self, path):
        self.entries = []
        for line in pathlib.Path(path).read_text().splitlines():
            line = line.split("#", 1)[0].split()
            if not line:
                continue
            routes = [" ".join(line[4:])] if line[4] in ("GET", "POST") else line[4:]
            for route in routes:
                self.entries.append((line[0], line[1], line[2], line[3], route))

    @property
    def names(self):
        return list(dict.fromkeys(e[0] for e in self.entries))


class Stack:
    def __init__(self):
        self.d = VAR / "deploy"
        self.env = stack_env()
        self.smtp_port = int(self.env["SMTP_PORT"])
        self.log = self.d / "log"
        self.procs = {}        # name → Popen, each the leader of its own process group
        self.ports = {}
        self.timings = {}
        self.deb_build = None

    # ------------------------------------------------------------ helpers

    def run(self, *cmd, check=True, env=None, input=None, timeout=600):
        r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, input=input,
                           timeout=timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"{' '.join(map(str, cmd))} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
        return r

    def spawn(self, name, cmd, env=None, stdin=subprocess.DEVNULL, cwd=None):
        log = open(self.log / f"{name}.log", "ab")
        p = subprocess.Popen([str(c) for c in cmd], stdin=stdin, stdout=log, stderr=subprocess.STDOUT,
                             env=env or clean_env(), start_new_session=True, cwd=cwd)
        log.close()
        self.procs[name] = p
        return p

    def stop(self, name):
        """SIGTERM to the process we started (ktk-supervisor, nginx's master,
        Apache's parent), as systemd's KillMode=mixed does; it ends its own
        children. Whatever is left of the group after that is killed."""
        p = self.procs.pop(name, None)
        if p is None:
            return
        try:
            os.kill(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        # The supervisor's children are in the same group; make sure none outlive it.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def mariadb(self, sql, database=None):
        cmd = ["mariadb", f"--defaults-file={VAR}/mariadb.cnf", "-uroot", "-N", "-B"]
        if database:
            cmd.append(database)
        return self.run(*cmd, "-e", sql).stdout

    def sql(self, query, *params):
        """One statement on the deploy database as root; rows of strings."""
        for p in params:
            query = query.replace("%s", "NULL" if p is None else
                                  "'" + str(p).replace("\\", "\\\\").replace("'", "''") + "'", 1)
        return [line.split("\t") for line in self.mariadb(query, DB_NAME).splitlines()]

    def admin(self, *args, stdin=None, check=True):
        """The installed ktk-admin, with only its compiled-in config path."""
        return self.run(PREFIX / "sbin" / "ktk-admin", *args, input=stdin, env=clean_env(), check=check)

    def url(self, server, scheme="https"):
        return f"{scheme}://127.0.0.1:{self.ports[f'{server}_{scheme}']}"

    # ------------------------------------------------------------ steps

    def up(self):
        if os.geteuid() != 0:
            raise AssertionError("the deploy tests need root (web servers switch to www-data, "
                                 "the package is installed in a throwaway overlay)")
        shutil.rmtree(self.d, ignore_errors=True)
        for sub in ("log", "a/run", "tls", "nginx", "apache/log", "apache/run", "deb", "chroot"):
            (self.d / sub).mkdir(parents=True, exist_ok=True)
        # www-data (nginx and Apache workers) must reach the sockets and the
        # installed files; the test stack's own secrets stay 0700 below.
        os.chmod(VAR, 0o711)
        self.timed("package build started", self.start_package_build)
        self.timed("install", self.install)
        self.timed("configure", self.configure)
        self.timed("database", self.database)
        self.timed("pools", self.start_pools)
        self.timed("workers", self.start_workers)
        self.timed("certificate", self.certificate)
        self.timed("nginx", self.start_nginx)
        self.timed("apache", self.start_apache)

    def timed(self, what, step):
        t = time.time()
        step()
        self.timings[what] = time.time() - t

    def down(self):
        for name in list(self.procs):
            self.stop(name)
        if self.deb_build:  # only the build started here; contrib/ktk ends its own
            package_build.stop(self.package_dir)
            self.deb_build.wait()
        try:
            self.mariadb(self.drop_database())
        except AssertionError:
            pass

    def install(self):
        """Configures the build with the prefix (only the compiled-in paths
        change: one source file and the links), builds and installs."""
        shutil.rmtree(PREFIX, ignore_errors=True)
        self.run("cmake", "-S", ROOT, "-B", BUILD, f"-DCMAKE_INSTALL_PREFIX={PREFIX}")
        self.run("cmake", "--build", BUILD, "-j", "2", timeout=1200)
        self.run("cmake", "--install", BUILD)
        self.pools = Pools(PREFIX / "share" / "ktk" / "pools.list")

    def configure(self):
        """ktk-make-config as the package's postinst runs it (the test runs as
        root, so the group is root's), then the test machine's settings."""
        self.make_config_output = self.run(PREFIX / "lib" / "ktk" / "ktk-make-config", "--group", "root").stdout
        etc = PREFIX / "etc" / "ktk"
        rc = (etc / "msmtprc").read_text()
        rc = replace(rc, r"^host localhost$", "host 127.0.0.1", "msmtprc")
        rc = replace(rc, r"^port 25$", f"port {self.smtp_port}", "msmtprc")
        (etc / "msmtprc").write_text(rc)
        self.ports.update({f"{s}_{scheme}": free_port() for s in ("nginx", "apache") for scheme in ("https", "http")})
        with open(etc / "ktk.conf", "a") as f:
            f.write("\n# --- the deploy tests' machine (tests/deploy/deploy_stack.py) ---\n"
                    f"db.socket = {VAR}/run/mysqld.sock\n"
                    f"db.name = {DB_NAME}\n"
                    f"db.user = {DB_USER}\n"
                    f"db.migrate_user = {DB_MIGRATE_USER}\n"
                    f"db.runtime_role = {DB_ROLE}\n"
                    f"base_url = {self.url('nginx')}\n"
                    f"captcha.test_answer = {ANSWER}\n")

    def drop_database(self):
        return (f"DROP DATABASE IF EXISTS {DB_NAME};"
                f"DROP USER IF EXISTS '{DB_USER}'@'localhost', '{DB_MIGRATE_USER}'@'localhost';"
                f"DROP ROLE IF EXISTS {DB_ROLE};")

    def operations_database_sql(self):
        """The SQL of the installed OPERATIONS.md's step 2 ("The database"),
        its passwords from the installed /etc/ktk, under the test's names
        (every renaming must find its text, so a changed guide fails here)."""
        guide = (PREFIX / "share" / "doc" / "ktk" / "OPERATIONS.md").read_text()
        m = re.search(r"^### 2\. The database\n.*?^mariadb <<SQL\n(.*?)^SQL$", guide, re.S | re.M)
        if not m:
            raise AssertionError("OPERATIONS.md: no `mariadb <<SQL` block in step 2 (did the guide change?)")
        text, etc = m.group(1), PREFIX / "etc" / "ktk"
        for name in ("db-migrate-password", "db-password"):
            password = (etc / name).read_text().strip()
            text = replace(text, rf"\$\(cat {re.escape(str(etc))}/{name}\)", password, "OPERATIONS.md step 2")
        text = replace(text, r"\bktk_migrate\b", DB_MIGRATE_USER, "OPERATIONS.md step 2")
        text = replace(text, r"\bktk_runtime\b", DB_ROLE, "OPERATIONS.md step 2")
        text = replace(text, r"'ktk'@", f"'{DB_USER}'@", "OPERATIONS.md step 2")
        text = replace(text, r"\bktk\.\*", f"{DB_NAME}.*", "OPERATIONS.md step 2")
        return replace(text, r"^CREATE DATABASE ktk ", f"CREATE DATABASE {DB_NAME} ", "OPERATIONS.md step 2")

    def database(self):
        """The database and its accounts as contrib/OPERATIONS.md makes them
        (under the test's names), then the installed migrations, run as the
        migration account."""
        self.database_sql = self.operations_database_sql()
        self.mariadb(self.drop_database() + self.database_sql)
        r = self.admin("migrate")
        self.migrate_output, self.migrate_errors = r.stdout, r.stderr

    # ------------------------------------------------------------ pools

    def unit(self, name):
        """key → [values] of an installed systemd unit."""
        keys = {}
        for line in (PREFIX / "lib" / "systemd" / "system" / name).read_text().splitlines():
            if "=" in line and not line.startswith(("#", "[")):
                k, _, v = line.partition("=")
                keys.setdefault(k.strip(), []).append(v.strip())
        return keys

    def socket_path(self, pool):
        return str(self.d / "a" / "run" / f"{pool}.sock")

    def start_pool_a(self, pool):
        """What systemd does for ktk-fcgi@POOL: the ExecStart of the
        installed unit, %i = the pool, the listening socket as stdin."""
        unit = self.unit("ktk-fcgi@.service")
        assert unit["StandardInput"] == ["socket"], unit["StandardInput"]
        cmd = shlex.split(unit["ExecStart"][0].replace("%i", pool))
        path = self.socket_path(pool)
        if os.path.exists(path):
            os.unlink(path)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        os.chmod(path, 0o666)
        s.listen(128)
        try:
            self.spawn(f"a-{pool}", cmd, stdin=s.fileno())
        finally:
            s.close()

    def start_pool_b(self, pool):
        port = self.ports.setdefault(f"b_{pool}", free_port())
        self.spawn(f"b-{pool}", ["spawn-fcgi", "-n", "-a", "127.0.0.1", "-p", port, "--",
                                 PREFIX / "lib" / "ktk" / "ktk-pool", pool], env=clean_env(KTK_PROCESSES="1"))

    def pool_address(self, host, pool):
        return self.socket_path(pool) if host == "a" else ("127.0.0.1", self.ports[f"b_{pool}"])

    def start_host(self, host):
        for pool in self.pools.names:
            (self.start_pool_a if host == "a" else self.start_pool_b)(pool)
        for pool in self.pools.names:
            self.wait_pool(host, pool)

    def stop_host(self, host):
        for pool in self.pools.names:
            self.stop(f"{host}-{pool}")

    def wait_pool(self, host, pool):
        from fastcgi import request
        address = self.pool_address(host, pool)
        wait_for(lambda: request(address, "/healthz")[0] == 200, 20, f"pool {pool} on host {host}")

    def start_pools(self):
        self.start_host("a")
        self.start_host("b")

    def start_workers(self):
        for host in HOSTS:
            self.spawn(f"worker-{host}", [PREFIX / "lib" / "ktk" / "ktk-mail-worker"])

    # ------------------------------------------------------------ front ends

    def certificate(self):
        tls = self.d / "tls"
        self.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                 "-nodes", "-days", "2", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                 "-keyout", tls / "privkey.pem", "-out", tls / "fullchain.pem")
        os.chmod(tls, 0o700)
        self.ca = str(tls / "fullchain.pem")

    def start_nginx(self):
        n = self.d / "nginx"
        share = PREFIX / "share" / "ktk" / "nginx"
        site = (share / "ktk.conf").read_text()
        site = replace(site, r"/etc/ssl/ktk/", f"{self.d}/tls/", "nginx site")
        site = replace(site, r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{self.ports['nginx_http']};", "nginx site")
        site = replace(site, r"^(\s*)listen 443 ssl http2;",
                       rf"\g<1>listen 127.0.0.1:{self.ports['nginx_https']} ssl http2;", "nginx site")
        site = replace(site, r"^\s*listen \[::\]:.*\n", "", "nginx site")  # no IPv6 on every test machine
        # Beside the shipped log, one that names the application host of each
        # request (the scale-out test reads it).
        site = replace(site, r"^(\s*)(access_log /var/log/nginx/ktk\.access\.log ktk;)",
                       r"\g<1>\g<2>\n\g<1>access_log /var/log/nginx/ktk.upstream.log upstream;", "nginx site")
        site = replace(site, r"/var/log/nginx/", f"{self.log}/nginx-", "nginx site")
        # The pools' sockets are in the test's directory; application host B
        # is a second server in every upstream, as OPERATIONS.md says.
        upstreams = replace((share / "ktk-upstreams.conf").read_text(), r"/run/ktk/", f"{self.d}/a/run/",
                            "nginx upstreams")
        for pool in self.pools.names:
            upstreams = replace(upstreams, rf"^(\s*)server unix:{re.escape(self.socket_path(pool))};$",
                                rf"\g<0>\n\g<1>server 127.0.0.1:{self.ports[f'b_{pool}']};", "nginx upstreams")
        (n / "ktk-upstreams.conf").write_text(upstreams)
        site = replace(site, rf"include {re.escape(str(share))}/ktk-upstreams.conf;",
                       f"include {n}/ktk-upstreams.conf;", "nginx site")
        (n / "site.conf").write_text(site)
        # Debian's own nginx.conf around it (its http-level TLS defaults
        # included), with this machine's paths and the site in place of
        # sites-enabled/.
        main = pathlib.Path("/etc/nginx/nginx.conf").read_text()
        main = replace(main, r"^pid /run/nginx.pid;", f"daemon off;\npid {n}/nginx.pid;", "nginx.conf")
        main = replace(main, r"^error_log /var/log/nginx/error.log;", f"error_log {self.log}/nginx-main-error.log;",
                       "nginx.conf")
        main = replace(main, r"^worker_processes auto;", "worker_processes 1;", "nginx.conf")
        temp = "".join(f"{kind}_temp_path {n}/{kind}; " for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        main = replace(main, r"^(\s*)access_log /var/log/nginx/access.log;", lambda m: (
            f"{m.group(1)}access_log off;\n"
            f"{m.group(1)}# Which application host served each request (the scale-out test reads it);\n"
            f"{m.group(1)}# the request line as the shipped format logs it (nginx/ktk-log.conf).\n"
            f"{m.group(1)}log_format upstream '$remote_addr \"$ktk_request\" $status $upstream_addr';\n"
            f"{m.group(1)}{temp}"), "nginx.conf")
        main = replace(main, r"^(\s*)include /etc/nginx/sites-enabled/\*;", rf"\g<1>include {n}/site.conf;",
                       "nginx.conf")
        if os.geteuid() != 0:
            main = replace(main, r"^user www-data;", "", "nginx.conf")
        (n / "nginx.conf").write_text(main)
        self.nginx_test = self.run("/usr/sbin/nginx", "-t", "-p", n, "-c", n / "nginx.conf", check=False)
        if self.nginx_test.returncode != 0:
            raise AssertionError("nginx -t refused the shipped site:\n" + self.nginx_test.stderr)
        self.spawn("nginx", ["/usr/sbin/nginx", "-p", n, "-c", n / "nginx.conf"], env=clean_env())
        wait_for(lambda: connectable(("127.0.0.1", self.ports["nginx_https"])), 15, "nginx")

    def start_apache(self):
        a = self.d / "apache"
        share = PREFIX / "share" / "ktk" / "apache"
        site = (share / "ktk.conf").read_text()
        site = replace(site, r"/etc/ssl/ktk/", f"{self.d}/tls/", "Apache site")
        site = replace(site, r"<VirtualHost \*:80>", f"<VirtualHost 127.0.0.1:{self.ports['apache_http']}>",
                       "Apache site")
        site = replace(site, r"<VirtualHost \*:443>", f"<VirtualHost 127.0.0.1:{self.ports['apache_https']}>",
                       "Apache site")
        locations = replace((share / "ktk-locations.conf").read_text(), r"/run/ktk/", f"{self.d}/a/run/",
                            "Apache locations")
        (a / "ktk-locations.conf").write_text(locations)
        site = replace(site, rf"Include {re.escape(str(share))}/ktk-locations.conf",
                       f"Include {a}/ktk-locations.conf", "Apache site")
        (a / "site.conf").write_text(site)
        shutil.chown(a / "run", "www-data", "www-data")
        modules = ["mpm_event", "authz_core", "authz_host", "alias", "mime", "headers", "setenvif", "proxy",
                   "proxy_fcgi", "socache_shmcb", "ssl"]
        # What Debian's apache2.conf and the modules `a2enmod ssl headers
        # proxy_fcgi setenvif` enable give the shipped site.
        (a / "apache2.conf").write_text(ktk_apache.config(
            a, [f"127.0.0.1:{self.ports['apache_http']}", f"127.0.0.1:{self.ports['apache_https']}"], modules,
            f"""Define APACHE_LOG_DIR {a}/log
# conf-enabled/ comes before sites-enabled/ (Debian enables security.conf).
Include /etc/apache2/conf-available/security.conf
Include {a}/site.conf""", server_root="/etc/apache2"))
        self.apache_test = ktk_apache.configtest(a / "apache2.conf")
        if self.apache_test.returncode != 0:
            raise AssertionError("apache2 -t refused the shipped site:\n" + self.apache_test.stderr)
        self.spawn("apache", ["/usr/sbin/apache2", "-f", a / "apache2.conf", "-DFOREGROUND"], env=clean_env())
        wait_for(lambda: connectable(("127.0.0.1", self.ports["apache_https"])), 15, "Apache")

    # ------------------------------------------------------------ the package

    def version(self):
        return package_build.version()

    def start_package_build(self):
        """The package build of package_build.py: the one contrib/ktk test
        started right after the main build (KTK_PACKAGE_DIR names it), else
        one started here in the background at low priority; test_package
        waits for it."""
        if PACKAGE_DIR:
            self.package_dir = PACKAGE_DIR
            return
        self.package_dir = self.d / "deb"
        self.deb_build = package_build.start(self.package_dir, nice=10, env=clean_env())

    @property
    def package_log(self):
        return package_build.log_path(self.package_dir)

    def wait_package(self, timeout=1200):
        rc, seconds, waited = package_build.wait(self.package_dir, timeout)
        self.timings.setdefault("package build", seconds)
        self.timings.setdefault("waited for the package", waited)
        return rc

    def deb(self):
        return package_build.deb_path(self.package_dir)

    def chroot(self, name, script, timeout=300, binds=()):
        """Runs `script` (sh) as root in a copy-on-write view of this
        machine: an overlay over / in a private mount namespace, so dpkg,
        adduser and postinst work on the real system files and nothing
        reaches the host. Calls with the same name share one overlay.
        `binds` are host directories seen as they are (a unix socket is
        reachable only through its real directory, not through the overlay)."""
        base = self.d / "chroot" / name
        for sub in ("upper", "work", "root"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        mounts = "".join(f"mount --bind {b} {base}/root{b}\n" for b in binds)
        outer = f"""set -e
mount -t overlay overlay -o lowerdir=/,upperdir={base}/upper,workdir={base}/work {base}/root
mount -t proc proc {base}/root/proc
mount --rbind /dev {base}/root/dev
{mounts}exec chroot {base}/root /bin/sh -ec "$1"
"""
        return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", outer, "sh", script],
                              capture_output=True, text=True, timeout=timeout, env=clean_env())


def start():
    global _current
    _current = Stack()
    _current.up()
    return _current
