#!/usr/bin/python3
"""The Debian package build of the deploy stage, apart from it so that it
can start early: `package_build.py start DIR [--nice N]` copies the tree
(tracked and new files, nothing ignored) with contrib/debian as debian/
into DIR/ktk-VERSION and runs `dpkg-buildpackage -us -uc -b` there
(DEB_BUILD_OPTIONS="nocheck parallel=2"), in a session of its own at CPU
priority N. The package lands in DIR, the build's output in
DIR/deb-build.log; DIR/pid names the build's session leader while it runs,
and DIR/status ("EXIT_CODE SECONDS") appears when it has ended.

contrib/ktk test starts it right after the main build at the lowest
priority, so it runs while the machine waits on the other tiers; the
deploy stage (deploy_stack.py) waits for it with `wait()`, which also sees
a build that died without writing its status. Run alone, the deploy stage
starts it itself."""
import argparse
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = pathlib.Path(os.environ.get("KTK_ROOT", pathlib.Path(__file__).resolve().parents[2]))


def version():
    m = re.search(r"project\(ktk VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
    return m.group(1)


def deb_path(directory):
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    return pathlib.Path(directory) / f"ktk_{version()}_{arch}.deb"


def log_path(directory):
    return pathlib.Path(directory) / "deb-build.log"


def copy_tree(directory):
    """The tree as git sees it (tracked and new files, nothing ignored),
    with contrib/debian as debian/; returns the source directory."""
    src = pathlib.Path(directory) / f"ktk-{version()}"
    files = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "-co", "--exclude-standard"],
                           capture_output=True, check=True).stdout.split(b"\0")
    for f in files:
        if not f:
            continue
        rel = f.decode()
        if not (ROOT / rel).is_file():
            continue  # deleted but still tracked
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    shutil.copytree(ROOT / "contrib" / "debian", src / "debian")
    return src


def lower_priority(nice):
    """CPU priority `nice` for this process and its children. With the
    kernel's autogroups (Debian's default) a session competes with the
    other sessions as one, whatever its processes' nice values, so the
    session's own priority is lowered too."""
    os.nice(max(0, nice - os.nice(0)))
    try:
        pathlib.Path("/proc/self/autogroup").write_text(f"{nice}\n")
    except OSError:
        pass  # no autogroups: the processes' nice value is what counts


def build(directory, nice, env, owner=None):
    """Runs in the background session: the build, then DIR/status. When
    the process `owner` (contrib/ktk test) is gone, the build stops too."""
    directory = pathlib.Path(directory)
    started = time.time()
    rc = 1
    log = open(log_path(directory), "ab")
    try:
        lower_priority(nice)
        src = copy_tree(directory)
        p = subprocess.Popen(["dpkg-buildpackage", "-us", "-uc", "-b"], cwd=src, stdout=log,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        while True:
            try:
                rc = p.wait(timeout=1)
                break
            except subprocess.TimeoutExpired:
                if owner and not _alive(owner):
                    log.write(b"package_build: the test run has ended; stopping the build\n")
                    log.flush()
                    signal.signal(signal.SIGTERM, signal.SIG_IGN)
                    os.killpg(0, signal.SIGTERM)  # the build's whole process group, not this process
                    owner = None
    except Exception as e:  # reported through the status and the log
        log.write(f"package_build: {e!r}\n".encode())
    finally:
        log.close()
        tmp = directory / "status.tmp"
        tmp.write_text(f"{rc} {time.time() - started:.0f}\n")
        tmp.rename(directory / "status")
    return rc


def start(directory, nice=19, env=None, owner=None):
    """Starts the build in a session of its own (its own process group, so
    stop() ends all of it) and returns its leader's Popen at once."""
    directory = pathlib.Path(directory)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    if env is None:  # the build reads no setting of the test run
        env = {k: v for k, v in os.environ.items() if not k.startswith("KTK_")}
    env = dict(env)
    env["DEB_BUILD_OPTIONS"] = "nocheck parallel=2"
    owner_args = ["--owner", str(owner)] if owner else []
    p = subprocess.Popen([sys.executable, __file__, "_build", str(directory), "--nice", str(nice), *owner_args],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=env, start_new_session=True)
    (directory / "pid").write_text(f"{p.pid}\n")
    return p


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own child, not yet reaped) has ended too.
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def status(directory):
    """(exit code, seconds) once the build has ended, else None."""
    f = pathlib.Path(directory) / "status"
    if not f.exists():
        return None
    rc, seconds = f.read_text().split()
    return int(rc), float(seconds)


def raise_priority(pid):
    """Back to normal priority, for a build someone now waits for: every
    process of its group and its session's autogroup (needs root, like
    the deploy stage; otherwise it stays where it is)."""
    try:
        os.setpriority(os.PRIO_PGRP, pid, 0)
        pathlib.Path(f"/proc/{pid}/autogroup").write_text("0\n")
    except OSError:
        pass


def wait(directory, timeout=1200):
    """Waits for the build in DIR; returns (exit code, build seconds,
    seconds waited here). A build still running is raised to normal
    priority first: nothing else runs while the deploy stage waits. A
    build that ended without its status (killed, crashed) or outran the
    timeout is a failure (exit code -1), and what happened is added to
    its log."""
    directory = pathlib.Path(directory)
    t0 = time.time()
    pid = int((directory / "pid").read_text()) if (directory / "pid").exists() else None
    if pid is not None and status(directory) is None and _alive(pid):
        raise_priority(pid)
    while True:
        s = status(directory)
        if s:
            return s[0], s[1], time.time() - t0
        if pid is None or not _alive(pid):
            time.sleep(0.2)  # the status is written just before the leader ends
            s = status(directory)
            if s:
                return s[0], s[1], time.time() - t0
            note = "the package build ended without a status (killed or crashed)"
            break
        if time.time() - t0 > timeout:
            stop(directory)
            note = f"the package build did not end in {timeout} s (stopped)"
            break
        time.sleep(0.5)
    with open(log_path(directory), "a") as log:
        log.write(f"\n{note}\n")
    return -1, 0.0, time.time() - t0


def stop(directory):
    """Ends the build's whole session (TERM, then KILL) if it still runs."""
    f = pathlib.Path(directory) / "pid"
    if not f.exists():
        return
    pid = int(f.read_text())
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.time() + grace
        while time.time() < deadline:
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["start", "wait", "stop", "_build"])
    ap.add_argument("directory")
    ap.add_argument("--nice", type=int, default=19)
    ap.add_argument("--timeout", type=int, default=1200)
    ap.add_argument("--owner", type=int, help="stop when this process has ended")
    args = ap.parse_args()
    if args.action == "start":
        start(args.directory, args.nice, owner=args.owner)
    elif args.action == "_build":
        return 0 if build(args.directory, args.nice, os.environ, args.owner) == 0 else 1
    elif args.action == "wait":
        rc, seconds, waited = wait(args.directory, args.timeout)
        print(f"package build: exit {rc}, {seconds:.0f} s, waited {waited:.0f} s")
        return 0 if rc == 0 else 1
    else:
        stop(args.directory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
