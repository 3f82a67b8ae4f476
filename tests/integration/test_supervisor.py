"""ktk-supervisor, which runs every pool, on a socket of its own with the
stack's ktk-login: it starts a process with the first request, grows while
every process is busy, shrinks when the pool is quiet (to none, once the
last process has been unused for a quiet period), never cuts a request off
when it lets a process go or stops, and gives up on a program that cannot
start; and how a process of a pool ends each connection."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from ktk_test import ROOT, VAR, TestCase, wait_until

sys.path.insert(0, os.path.join(ROOT, "tests", "deploy"))
import fastcgi  # noqa: E402


def build_dir():
    with open(os.path.join(VAR, "stack.env")) as f:
        return dict(line.strip().split("=", 1) for line in f if "=" in line)["BUILD"]


class PoolTest(TestCase):
    """A pool of the stack's ktk-login on a socket of its own."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sv-", dir=VAR)
        self.path = os.path.join(self.dir, "pool.sock")
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.path)
        self.listener.listen(64)
        self.addCleanup(self.listener.close)
        self.held = []
        self.addCleanup(lambda: [s.close() for s in self.held])
        self.log_path = os.path.join(self.dir, "supervisor.log")

    def start(self, *options, program=None):
        program = program or os.path.join(build_dir(), "bin", "ktk-login")
        with open(self.log_path, "ab") as log:
            p = subprocess.Popen([os.path.join(build_dir(), "bin", "ktk-supervisor"), *options, "--", program],
                                 stdin=self.listener.fileno(), stdout=log, stderr=subprocess.STDOUT,
                                 env=dict(os.environ, KTK_CONFIG=os.path.join(VAR, "ktk.conf")),
                                 start_new_session=True)
        self.addCleanup(self.kill, p)
        return p

    def kill(self, p):
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()

    def children(self, p):
        out = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout
        return sorted(int(x) for x in out.split())

    def log(self):
        with open(self.log_path, encoding="utf-8") as f:
            return f.read()

    def hold(self, request_part=b""):
        """A connection that keeps a process busy: the request never completes."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(self.path)
        if request_part:
            s.sendall(request_part)
        self.held.append(s)
        return s


class SupervisorTest(PoolTest):
    def test_grows_while_every_process_is_busy_and_shrinks_when_quiet(self):
        p = self.start("--min", "1", "--max", "3", "--idle-seconds", "1")
        wait_until(lambda: len(self.children(p)) == 1, what="the first process")
        for n in (2, 3):
            self.hold()
            self.hold()  # waits: every process is busy
            wait_until(lambda: len(self.children(p)) >= n, what=f"the pool to grow to {n}")
            self.held.pop().close()
        self.hold()
        self.hold()
        time.sleep(0.5)
        self.assertEqual(len(self.children(p)), 3, "never more than --max")
        for s in self.held:
            s.close()
        self.held = []
        self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)
        wait_until(lambda: len(self.children(p)) == 1, timeout=15, what="the pool to shrink to --min")
        self.assertIn("asked to go", self.log())
        self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)

    def test_an_empty_pool_starts_a_process_with_the_first_request_and_ends_it_when_unused(self):
        p = self.start("--min", "0", "--max", "2", "--idle-seconds", "1")
        wait_until(lambda: "started 0 of at most 2" in self.log(), what="the supervisor to start")
        time.sleep(0.3)
        self.assertEqual(self.children(p), [], "no process before a request")
        self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)
        first = self.children(p)
        self.assertEqual(len(first), 1)
        # Requests now and then, never two at once: the pool keeps its process.
        for _ in range(6):
            time.sleep(0.5)
            self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)
        self.assertEqual(self.children(p), first, "a process in use is kept")
        wait_until(lambda: self.children(p) == [], timeout=10, what="the unused process to go")
        self.assertEqual(fastcgi.request(self.path, "/login", query="lang=en")[0], 200)
        self.assertEqual(len(self.children(p)), 1)
        self.assertEqual(p.poll(), None)

    def test_a_process_asked_to_go_finishes_the_request_in_hand(self):
        p = self.start("--min", "1", "--max", "1")
        child = wait_until(lambda: self.children(p), what="the process")[0]
        whole = fastcgi.encode("/login")
        s = self.hold(whole[:40])  # in the middle of the parameters
        time.sleep(0.3)
        os.kill(child, signal.SIGUSR1)
        time.sleep(0.3)
        s.sendall(whole[40:])
        s.settimeout(10)
        self.assertEqual(fastcgi.read_response(s)[0], 200)
        s.close()
        wait_until(lambda: child not in self.children(p) and self.children(p), what="a process in its place")
        self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)

    def test_stop_lets_the_request_in_hand_finish_then_exits(self):
        p = self.start("--min", "2", "--max", "2")
        children = wait_until(lambda: (lambda c: c if len(c) == 2 else None)(self.children(p)), what="two processes")
        whole = fastcgi.encode("/login")
        s = self.hold(whole[:40])
        time.sleep(0.3)
        p.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        self.assertIsNone(p.poll(), "the supervisor waits for the request in hand")
        s.sendall(whole[40:])
        s.settimeout(10)
        self.assertEqual(fastcgi.read_response(s)[0], 200)
        s.close()
        self.assertEqual(p.wait(timeout=10), 0)
        for child in children:
            self.assertFalse(os.path.exists(f"/proc/{child}"), f"process {child} outlived the supervisor")

    def test_gives_up_on_a_program_that_dies_at_once(self):
        p = self.start("--min", "2", "--max", "2", program="/bin/false")
        self.assertEqual(p.wait(timeout=15), 1)
        self.assertIn("giving up", self.log())

    def test_refuses_without_a_listening_socket_or_with_bad_options(self):
        supervisor = os.path.join(build_dir(), "bin", "ktk-supervisor")
        login = os.path.join(build_dir(), "bin", "ktk-login")
        r = subprocess.run([supervisor, "--max", "2", "--", login], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 64)
        self.assertIn("not a listening socket", r.stderr)
        for options in (["--max", "0"], ["--min", "3", "--max", "2"], ["--max", "two"], ["--min", "-1", "--max", "2"], []):
            r = subprocess.run([supervisor, *options, "--", login], stdin=self.listener.fileno(),
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 64, options)
            self.assertIn("usage:", r.stderr)


class ConnectionEndTest(PoolTest):
    """How a process ends its connection (web/fcgi_finish.h): at once after
    a request read to its end, so that it is free for the next request while
    the web server has not yet closed its side; with libfcgi's careful close
    (its sending side shut, what still comes read and dropped until the web
    server closes) when input is left unread."""

    def test_a_request_read_to_its_end_is_closed_at_once(self):
        p = self.start("--min", "1", "--max", "1")
        wait_until(lambda: self.children(p), what="the process")
        s = self.hold(fastcgi.encode("/login"))
        s.settimeout(10)
        self.assertEqual(fastcgi.read_response(s)[0], 200)
        # The process has closed its end: writing to it fails, while the
        # connection is still open on this side.
        with self.assertRaises((BrokenPipeError, ConnectionResetError)):
            s.sendall(b"more")
        # And the only process answers the next request meanwhile, well
        # before libfcgi's wait for this side's close (two seconds) ends.
        started = time.monotonic()
        self.assertEqual(fastcgi.request(self.path, "/login", timeout=1.5)[0], 200)
        self.assertLess(time.monotonic() - started, 1.5)

    def test_a_request_with_its_body_unread_keeps_the_careful_close(self):
        p = self.start("--min", "1", "--max", "1")
        wait_until(lambda: self.children(p), what="the process")
        # /home answers a POST 405 without reading its body.
        s = self.hold(fastcgi.encode("/home", method="POST", body=b"a=1&b=2"))
        s.settimeout(10)
        self.assertEqual(fastcgi.read_response(s)[0], 405)
        # Its sending side is shut; it still reads (and drops) what comes,
        # until this side closes.
        s.sendall(b"more")
        s.close()
        self.held.remove(s)
        self.assertEqual(fastcgi.request(self.path, "/login")[0], 200)


class SeveralPoolsTest(TestCase):
    """One supervisor for several pools (the dev stack's form): each pool on
    the socket the supervisor binds, with its own size, priority and log,
    grows and stops on its own; one that gives up leaves the others be."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="svp-", dir=VAR)
        self.held = []
        self.addCleanup(lambda: [s.close() for s in self.held])

    def sock(self, pool):
        return os.path.join(self.dir, pool + ".sock")

    def log(self, pool):
        with open(os.path.join(self.dir, pool + ".log"), encoding="utf-8") as f:
            return f.read()

    def start(self, *pools):
        """pools: (name, max, nice, program or None for ktk-login)."""
        args = [os.path.join(build_dir(), "bin", "ktk-supervisor"), "--idle-seconds", "1"]
        for name, most, nice, program in pools:
            args += ["--pool", name, "--socket", self.sock(name), "--max", str(most), "--nice", str(nice),
                     "--log", os.path.join(self.dir, name + ".log"), "--",
                     program or os.path.join(build_dir(), "bin", "ktk-login")]
        with open(os.path.join(self.dir, "supervisor.log"), "ab") as log:
            p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                 env=dict(os.environ, KTK_CONFIG=os.path.join(VAR, "ktk.conf")),
                                 start_new_session=True)
        self.addCleanup(self.kill, p)
        for name, *_ in pools:
            wait_until(lambda: os.path.exists(self.sock(name)), what=f"the socket of {name}")
        return p

    def kill(self, p):
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()

    def processes(self, p, pool):
        """The supervisor's children that serve `pool` (KTK_POOL in their environment)."""
        out = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout
        found = []
        for pid in (int(x) for x in out.split()):
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if f"KTK_POOL={pool}".encode() in f.read().split(b"\0"):
                        found.append(pid)
            except OSError:
                pass
        return sorted(found)

    def hold(self, pool):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(self.sock(pool))
        self.held.append(s)
        return s

    def test_each_pool_has_its_socket_size_priority_and_log(self):
        p = self.start(("pages", 2, 0, None), ("hashing", 1, 5, None))
        for name in ("pages", "hashing"):
            self.assertEqual(os.stat(self.sock(name)).st_mode & 0o777, 0o666, "the web server connects as another user")
        time.sleep(0.3)
        self.assertEqual(self.processes(p, "pages") + self.processes(p, "hashing"), [], "no process before a request")
        self.assertEqual(fastcgi.request(self.sock("hashing"), "/login")[0], 200)
        self.assertEqual(self.processes(p, "pages"), [], "a request to one pool starts no process of another")
        [hasher] = self.processes(p, "hashing")
        self.assertEqual(os.getpriority(os.PRIO_PROCESS, hasher), os.getpriority(os.PRIO_PROCESS, p.pid) + 5)
        # In a session of its own, whose scheduling group has that priority
        # too: nice alone only orders processes inside one group.
        self.assertEqual(os.getsid(hasher), hasher)
        if os.path.exists(f"/proc/{hasher}/autogroup"):
            with open(f"/proc/{hasher}/autogroup") as f:
                self.assertRegex(f.read(), rf" nice {os.getpriority(os.PRIO_PROCESS, p.pid) + 5}$")
        # The hashing pool busy at its size: it stays at one, while the
        # other pool answers and grows while every process of its own is busy.
        self.hold("hashing")
        self.hold("hashing")
        self.assertEqual(fastcgi.request(self.sock("pages"), "/login")[0], 200)
        [page] = self.processes(p, "pages")
        self.assertEqual(os.getpriority(os.PRIO_PROCESS, page), os.getpriority(os.PRIO_PROCESS, p.pid))
        self.assertEqual(os.getsid(page), os.getsid(p.pid), "a pool at the supervisor's priority stays in its session")
        stdin = {pid: os.readlink(f"/proc/{pid}/fd/0") for pid in (page, hasher)}
        self.assertTrue(all(v.startswith("socket:") for v in stdin.values()), stdin)
        self.assertNotEqual(stdin[page], stdin[hasher], "each process has its own pool's socket")
        self.hold("pages")
        self.hold("pages")
        wait_until(lambda: len(self.processes(p, "pages")) == 2, what="the pages pool to grow to 2")
        time.sleep(0.5)
        self.assertEqual(self.processes(p, "hashing"), [hasher], "never more than its --max")
        self.assertIn("every process busy: grew to 2", self.log("pages"))
        self.assertNotIn("grew", self.log("hashing"))
        self.assertIn("ktk-login info started", self.log("hashing"), "the programs' lines go to their pool's log")
        # Quiet again: each pool lets its processes go.
        for s in self.held:
            s.close()
        self.held = []
        wait_until(lambda: not self.processes(p, "pages") and not self.processes(p, "hashing"), timeout=15,
                   what="both pools to let their processes go")
        self.assertIn("asked to go", self.log("pages"))
        self.assertIn("asked to go", self.log("hashing"))
        self.assertIsNone(p.poll())

    def test_processes_in_a_session_of_their_own_end_with_the_supervisor(self):
        p = self.start(("hashing", 1, 5, None))
        self.assertEqual(fastcgi.request(self.sock("hashing"), "/login")[0], 200)
        [hasher] = self.processes(p, "hashing")
        self.assertNotEqual(os.getsid(hasher), os.getsid(p.pid))
        os.kill(p.pid, signal.SIGKILL)  # no chance to stop its processes itself
        p.wait()

        def gone():
            try:
                with open(f"/proc/{hasher}/stat") as f:
                    return f.read().split(") ")[1][0] == "Z"  # ended; its new parent has not reaped it yet
            except FileNotFoundError:
                return True
        wait_until(gone, timeout=10, what="the pool's process to end with its supervisor")

    def test_a_pool_that_gives_up_leaves_the_others_be(self):
        p = self.start(("pages", 1, 0, None), ("broken", 1, 0, "/bin/false"))
        for _ in range(5):  # each request starts a process that dies at once
            try:
                fastcgi.request(self.sock("broken"), "/login", timeout=2)
            except OSError:
                pass
            if "giving up" in self.log("broken"):
                break
            time.sleep(1.1)  # the next start comes with the next request
        wait_until(lambda: "giving up" in self.log("broken"), timeout=15, what="the supervisor to give up on broken")
        wait_until(lambda: not os.path.exists(self.sock("broken")), what="the broken pool's socket to go")
        self.assertEqual(fastcgi.request(self.sock("pages"), "/login")[0], 200)
        self.assertIsNone(p.poll(), "the other pools go on")
        p.send_signal(signal.SIGTERM)
        self.assertEqual(p.wait(timeout=10), 1, "the exit status tells a pool gave up")

    def test_stop_lets_each_pools_request_in_hand_finish(self):
        p = self.start(("one", 1, 0, None), ("two", 1, 0, None))
        whole = fastcgi.encode("/login")
        held = []
        for name in ("one", "two"):
            self.assertEqual(fastcgi.request(self.sock(name), "/login")[0], 200)
            s = self.hold(name)
            s.sendall(whole[:40])
            held.append(s)
        children = self.processes(p, "one") + self.processes(p, "two")
        self.assertEqual(len(children), 2)
        time.sleep(0.3)
        p.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        self.assertIsNone(p.poll(), "the supervisor waits for the requests in hand")
        for s in held:
            s.sendall(whole[40:])
            s.settimeout(10)
            self.assertEqual(fastcgi.read_response(s)[0], 200)
        self.assertEqual(p.wait(timeout=10), 0)
        for child in children:
            self.assertFalse(os.path.exists(f"/proc/{child}"), f"process {child} outlived the supervisor")
        self.assertFalse(os.path.exists(self.sock("one")), "the supervisor removes the sockets it bound")

    def test_refuses_bad_pools(self):
        supervisor = os.path.join(build_dir(), "bin", "ktk-supervisor")
        login = os.path.join(build_dir(), "bin", "ktk-login")
        a = ["--pool", "a", "--socket", self.sock("a"), "--max", "1", "--", login]
        for args in (["--pool", "a", "--max", "1", "--", login],              # no socket
                     a + ["--pool", "a", "--socket", self.sock("b"), "--max", "1", "--", login],  # twice
                     a + ["--pool", "b", "--socket", self.sock("a"), "--max", "1", "--", login],  # one socket
                     ["--pool", "A/b", "--socket", self.sock("a"), "--max", "1", "--", login],
                     ["--pool", "a", "--socket", self.sock("a"), "--max", "1", "--nice", "30", "--", login],
                     ["--pool", "a", "--socket", "rel.sock", "--max", "1", "--", login],
                     ["--pool", "a", "--socket", self.sock("a"), "--max", "1", "--", "ktk-login"],
                     ["--max", "1", "--pool", "a", "--socket", self.sock("a"), "--", login]):
            r = subprocess.run([supervisor, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True)
            self.assertEqual(r.returncode, 64, args)
            self.assertIn("usage:", r.stderr)
        with open(self.sock("a"), "w") as f:  # not a socket: left alone
            f.write("x")
        r = subprocess.run([supervisor, *a], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=10)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot listen", r.stderr)
        with open(self.sock("a")) as f:
            self.assertEqual(f.read(), "x")
