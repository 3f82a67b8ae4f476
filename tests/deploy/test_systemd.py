"""The systemd units as `cmake --install` put them in the prefix:
`systemd-analyze verify` for every pool's instances, the worker and the
target; the hardening, measured by `systemd-analyze security --offline`.
(The same units from the package are verified where the package installs
them: test_package.)"""
import os
import socket
import subprocess

from deploy_checks import DeployTestCase, stack
from deploy_stack import PREFIX, clean_env
from ktk_test import wait_until

UNITS = PREFIX / "lib" / "systemd" / "system"
MAX_EXPOSURE = 20  # tenths on systemd's scale (0 safest … 10, "OK" below 5): at most 2.0


def analyze(*args):
    # The prefix's unit directory first, then the machine's (sysinit.target …).
    env = clean_env(SYSTEMD_UNIT_PATH=f"{UNITS}:", SYSTEMD_LOG_COLOR="0")
    return subprocess.run(["systemd-analyze", *args], capture_output=True, text=True, env=env)


def unit_names():
    names = []
    for pool in stack().pools.names:
        names += [f"ktk-fcgi@{pool}.socket", f"ktk-fcgi@{pool}.service"]
    return names + ["ktk-mail-worker.service", "ktk.target"]


class SystemdUnitsTest(DeployTestCase):
    def test_verify_accepts_every_unit_without_a_word(self):
        r = analyze("verify", *unit_names())
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))

    def test_verify_would_notice_a_broken_unit(self):
        """The check above can fail: the same verify on a copy with a typo."""
        broken = stack().d / "broken-units"
        broken.mkdir(exist_ok=True)
        text = (UNITS / "ktk-fcgi@.service").read_text().replace("ProtectClock=", "ProtectClocks=")
        (broken / "ktk-fcgi@.service").write_text(text)
        (broken / "ktk-fcgi@.socket").write_text((UNITS / "ktk-fcgi@.socket").read_text())
        env = clean_env(SYSTEMD_UNIT_PATH=f"{broken}:", SYSTEMD_LOG_COLOR="0")
        r = subprocess.run(["systemd-analyze", "verify", "ktk-fcgi@login.service"], capture_output=True,
                           text=True, env=env)
        self.assertIn("Unknown key 'ProtectClocks'", r.stderr)

    def test_every_service_is_hardened(self):
        for service in [f"ktk-fcgi@{p}.service" for p in stack().pools.names] + ["ktk-mail-worker.service"]:
            r = analyze("security", "--offline=yes", f"--threshold={MAX_EXPOSURE}", "--no-pager", service)
            self.assertEqual(r.returncode, 0, f"{service}:\n{r.stdout}{r.stderr}")
            self.assertRegex(r.stdout, r"Overall exposure level for .*: [0-9.]+ OK")

    def test_services_run_as_ktk_restart_on_failure_and_keep_the_socket_as_stdin(self):
        s = stack()
        fcgi = s.unit("ktk-fcgi@.service")
        worker = s.unit("ktk-mail-worker.service")
        for unit in (fcgi, worker):
            self.assertEqual(unit["User"], ["ktk"])
            self.assertEqual(unit["Group"], ["ktk"])
            self.assertEqual(unit["Restart"], ["on-failure"])
            for key in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "ProtectKernelTunables",
                        "ProtectKernelModules", "ProtectControlGroups", "RestrictSUIDSGID"):
                self.assertEqual(unit[key], ["yes"], key)
            self.assertEqual(unit["ProtectSystem"], ["strict"])
            self.assertEqual(unit["CapabilityBoundingSet"], [""])
            self.assertNotIn("ReadWritePaths", unit)  # nothing on disk to write
        self.assertEqual(fcgi["StandardInput"], ["socket"])
        self.assertEqual(fcgi["StandardOutput"], ["journal"])  # not the socket
        self.assertEqual(fcgi["Requires"], ["ktk-fcgi@%i.socket"])
        self.assertEqual(worker["KillMode"], ["mixed"])  # sendmail in flight may finish
        self.assertEqual(fcgi["KillMode"], ["mixed"])    # the supervisor ends its processes itself
        sock = s.unit("ktk-fcgi@.socket")
        self.assertEqual(sock["ListenStream"], ["/run/ktk/%i.sock"])
        self.assertEqual((sock["SocketGroup"], sock["SocketMode"]), (["www-data"], ["0660"]))

    def test_the_target_starts_every_pool_and_the_worker(self):
        wants = set(stack().unit("ktk.target")["Wants"])
        self.assertEqual(wants, {f"ktk-fcgi@{p}.socket" for p in stack().pools.names} | {"ktk-mail-worker.service"})
        for name in ("ktk-fcgi@.socket", "ktk-fcgi@.service", "ktk-mail-worker.service"):
            self.assertEqual(stack().unit(name)["PartOf"], ["ktk.target"], name)
        self.assertTrue(os.access(PREFIX / "lib/ktk/ktk-pool", os.X_OK))

    def test_the_hashing_pools_run_at_a_lower_cpu_priority(self):
        """ktk-pool (the units' ExecStart, host A) starts the pools sized
        "cores" at nice 10, every other pool at 0: the supervisor and each of
        its processes."""
        s = stack()
        for entry in s.pools.entries:
            pool, processes = entry[0], entry[1]
            supervisor = s.procs[f"a-{pool}"].pid
            # An idle pool has no process: a connection starts one.
            with socket.socket(socket.AF_UNIX) as c:
                c.connect(s.socket_path(pool))
                children = wait_until(lambda: subprocess.run(["pgrep", "-P", str(supervisor)], capture_output=True,
                                                             text=True).stdout.split(), what=f"a {pool} process")
            for pid in [supervisor, *map(int, children)]:
                self.assertEqual(os.getpriority(os.PRIO_PROCESS, pid), 10 if processes == "cores" else 0,
                                 f"{pool}: pid {pid}")
