"""A throwaway Apache 2.4 of Debian's apache2 package, outside /etc/apache2:
its own main config file with its pid file, runtime directory, mutexes and
error log under a directory of the test's; only the modules it names are
loaded. Run as root, its workers switch to www-data (the parent keeps root
only to open the logs and the port); run as anyone else, it stays that
user. The deploy tier puts the shipped site in one; the browser tier a
sibling service behind mod_auth_openidc."""

import os
import pathlib
import signal
import subprocess
import time

APACHE = "/usr/sbin/apache2"
MODULES = pathlib.Path("/usr/lib/apache2/modules")


def config(directory, listen, modules, body, server_root=None, threads=16):
    """The main config file's text: `listen` host:port pairs, `modules` by
    name (mpm_event, authz_core, …, as /usr/lib/apache2/modules/mod_NAME.so)
    and `body`, the site. `server_root` defaults to `directory`."""
    d = pathlib.Path(directory)
    loads = "\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in modules)
    listens = "\n".join(f"Listen {a}" for a in listen)
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    return f"""ServerRoot {server_root or d}
DefaultRuntimeDir {d}/run
PidFile {d}/run/apache2.pid
Mutex file:{d}/run default
ServerName localhost
{user}ErrorLog {d}/log/error.log
LogLevel warn
{loads}
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \\"%r\\" %>s %O \\"%{{Referer}}i\\" \\"%{{User-Agent}}i\\"" combined
StartServers 1
ServerLimit 1
ThreadsPerChild {threads}
MaxRequestWorkers {threads}
{listens}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
{body}
"""


def prepare(directory):
    """Makes the directory's run/ and log/; as root, run/ belongs to the
    workers' user (mod_cgid's socket, mod_auth_openidc's shared memory)."""
    d = pathlib.Path(directory)
    for sub in ("run", "log"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(d / "run", *_www_data())


def _www_data():
    import pwd
    p = pwd.getpwnam("www-data")
    return p.pw_uid, p.pw_gid


def configtest(conf, env=None):
    """`apache2 -t` on the file: the finished process (stderr says why)."""
    return subprocess.run([APACHE, "-f", str(conf), "-t"], capture_output=True, text=True, env=env)


def start(conf, env=None):
    """Starts Apache in the background (`-k start`: it detaches and writes
    its pid file); returns once the pid file names a live process."""
    r = subprocess.run([APACHE, "-f", str(conf), "-k", "start"], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise AssertionError(f"apache2 -k start failed ({r.returncode}):\n{r.stdout}{r.stderr}")
    pid_file = pathlib.Path(conf).parent / "run" / "apache2.pid"
    deadline = time.time() + 15
    while time.time() < deadline:
        pid = _pid(pid_file)
        if pid:
            return pid
        time.sleep(0.05)
    raise AssertionError(f"Apache wrote no pid file ({pid_file})")


def stop(directory):
    """SIGTERM to the parent named by the pid file (it ends its children),
    SIGKILL after 10 s."""
    pid = _pid(pathlib.Path(directory) / "run" / "apache2.pid")
    if not pid:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 10
    while time.time() < deadline and _alive(pid):
        time.sleep(0.05)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)


def _pid(pid_file):
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _alive(pid) else None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours counts as gone.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False
