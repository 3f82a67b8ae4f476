"""The soak run: people registering, confirming, logging in and resetting
their passwords for 20 minutes (the short form: a minute), while the
memory of the portal's processes is sampled.

The load is the `journey` mode of ktk-bench-driver (tests/bench/driver.cpp):
a few clients, each from its own loopback address and with a new browser
(cookies, CSRF tokens, a kept connection) for each person, go through
register → the confirmation link from the mail → confirm → login → home,
profile and logout → forgotten password → the reset link from the mail →
new password → login with it. A freshly confirmed account is not linked to
a municipality yet: its correct password is answered with the login form
and the explanation that the district office links it, with no session;
so home, profile and logout send it to the login form. That is the
product's answer and counts as success; anything else is an error.

Figures:
  soak_errors          journeys that met an unexpected status or a link
                       that did not come, mails a completed journey caused
                       that never arrived (four each), connections that
                       failed, and FastCGI processes that died; goal 0.
  soak_rss_growth_pct  the summed RSS of nginx (master and workers), the
                       supervisors, their FastCGI processes and the mail
                       worker, sampled every 10 s (short form: 5 s): the
                       mean of the last minute (10 s) against the mean of
                       the first minute after minute 2 (of 20–30 s);
                       goal ≤ 5 (the short form: at the first window's
                       number of FastCGI processes, see run()). Not
                       judged on the ASan + UBSan build,
                       whose quarantine and shadow memory grow by design. Pools start and stop processes with the
                       load, so the process count of each window is
                       recorded too, with the mean RSS per FastCGI process.
                       The argon2 memory a hashing process keeps while
                       requests wait (19 MiB, crypto/password.cpp; its
                       own region, flagged "dd" in /proc/PID/smaps) is
                       counted apart: whether a process holds it at a
                       sample is the load of that moment, not growth (one
                       short run's plain sums moved 86–167 MB). The sums
                       with it are recorded too.
"""
import json
import os
import re
import subprocess
import time

from faults_common import captcha_answer, pidfile, supervisor_pools

NAME = "soak"

LONG = {"seconds": 20 * 60, "sample": 10, "baseline": (120, 180), "final": 60}
SHORT = {"seconds": 60, "sample": 5, "baseline": (20, 30), "final": 10}
CLIENTS = 6
GROWTH_GOAL = 5.0


def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def portal_processes(var):
    """{role: [pid…]}: nginx, the pools' supervisor, each pool's processes, the mail worker."""
    procs = {}
    master = pidfile(var, "nginx")
    if master:
        procs["nginx"] = [master] + children(master)
    sup = pidfile(var, "supervisor")  # one for every pool (contrib/ktk apps_start)
    if sup:
        procs["supervisor"] = [sup]
        procs.update(supervisor_pools(var))
    worker = pidfile(var, "worker")
    if worker:
        procs["mail worker"] = [worker]
    return procs


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def smaps_kb(pid):
    """(RSS, the part of it in the argon2 memory kept between hashes) from
    one read of /proc/PID/smaps: that memory is the anonymous region left
    out of core dumps (MADV_DONTDUMP, flag "dd"). One read, so that a hash
    starting between two reads cannot count on one side only."""
    total = kept = rss = 0
    anonymous = False
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                fields = line.split()
                if "-" in fields[0] and not fields[0].endswith(":"):  # a region's first line
                    anonymous, rss = len(fields) == 5, 0
                elif fields[0] == "Rss:":
                    rss = int(fields[1])
                    total += rss
                elif fields[0] == "VmFlags:" and anonymous and "dd" in fields[1:]:
                    kept += rss
    except OSError:
        pass
    return total, kept


def is_fastcgi(role):
    return role not in ("nginx", "mail worker") and not role.endswith("supervisor")


def sample(var, t):
    procs = portal_processes(var)
    fcgi = {p for role, pids in procs.items() if is_fastcgi(role) for p in pids}
    # The FastCGI processes' RSS without the kept argon2 memory (see the module's text).
    memory = {p: smaps_kb(p) for p in fcgi}
    by_role = {role: sum(memory[p][0] - memory[p][1] if p in memory else rss_kb(p) for p in pids)
               for role, pids in procs.items()}
    return {"t": round(t, 1), "rss_kb": sum(by_role.values()), "hash_memory_kb": sum(m[1] for m in memory.values()),
            "processes": sum(len(p) for p in procs.values()),
            "fastcgi_processes": len(fcgi), "fastcgi_rss_kb": sum(by_role[r] for r in procs if is_fastcgi(r)),
            "by_role_kb": by_role}


def window(samples, start, end):
    chosen = [s for s in samples if start <= s["t"] <= end]
    if not chosen:
        return None
    n = len(chosen)
    fcgi = sum(s["fastcgi_processes"] for s in chosen)
    return {"from_s": start, "to_s": end, "samples": n,
            "mean_rss_mb": round(sum(s["rss_kb"] for s in chosen) / n / 1024, 2),
            "mean_hash_memory_mb": round(sum(s["hash_memory_kb"] for s in chosen) / n / 1024, 2),
            "mean_long_lived_rss_mb": round(sum(s["rss_kb"] - s["fastcgi_rss_kb"] for s in chosen) / n / 1024, 2),
            "mean_processes": round(sum(s["processes"] for s in chosen) / n, 1),
            "mean_fastcgi_processes": round(fcgi / n, 1),
            "mean_rss_mb_per_fastcgi_process":
                round(sum(s["fastcgi_rss_kb"] for s in chosen) / fcgi / 1024, 2) if fcgi else None}


DEATH = re.compile(r" (warn|error) process \d+ ")


def supervisor_logs(var):
    """Each pool's log, var/log/<pool>.log (its supervisor's lines; contrib/ktk apps_start)."""
    return [os.path.join(var, "log", pool + ".log") for pool in supervisor_pools(var)]


def log_sizes(var):
    return {p: os.path.getsize(p) for p in supervisor_logs(var) if os.path.exists(p)}


def deaths_since(var, sizes):
    """The supervisors' lines about a process that died, written since `sizes`."""
    found = []
    for path in supervisor_logs(var):
        if not os.path.exists(path):
            continue
        with open(path, errors="replace") as f:
            f.seek(sizes.get(path, 0))
            found += [os.path.basename(path) + ": " + line.strip() for line in f if DEATH.search(line)]
    return found


def sanitized(build):
    """Whether BUILD is the ASan + UBSan build (its CMake cache says so)."""
    try:
        with open(os.path.join(build, "CMakeCache.txt")) as f:
            return any(line.strip() == "KTK_SANITIZE:BOOL=ON" for line in f)
    except OSError:
        return False


def run(ctx):
    form = SHORT if ctx.short else LONG
    driver = os.path.join(ctx.build, "bench", "ktk-bench-driver")
    if not os.access(driver, os.X_OK):
        for key, goal in (("soak_errors", "0"), ("soak_rss_growth_pct", f"≤ {GROWTH_GOAL:g}")):
            ctx.failed(key, goal, f"{driver} is missing (build the tests)")
        return
    sizes = log_sizes(ctx.var)
    supervisors = {role: pids for role, pids in portal_processes(ctx.var).items() if not is_fastcgi(role)}
    proc = subprocess.Popen([driver, "journey", ctx.env["HTTP_PORT"], str(CLIENTS), str(form["seconds"]),
                             captcha_answer(ctx), os.path.join(ctx.var, "maildir")],
                            stdout=subprocess.PIPE, text=True)
    started = time.monotonic()
    samples = []
    try:
        next_at = 0.0
        while proc.poll() is None:
            t = time.monotonic() - started
            if t > form["seconds"]:
                break  # the driver now waits for the last mails: no load any more
            if t >= next_at:
                samples.append(sample(ctx.var, t))
                next_at += form["sample"]
            time.sleep(min(1.0, max(0.05, next_at - (time.monotonic() - started))))
        out, _ = proc.communicate(timeout=form["seconds"] + 180)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    result = json.loads(out)
    deaths = deaths_since(ctx.var, sizes)
    # The long-lived processes (nginx's master, the supervisors, the worker) must be the same ones.
    after = {role: pids for role, pids in portal_processes(ctx.var).items() if not is_fastcgi(role)}
    replaced = [role for role, pids in supervisors.items() if role != "nginx" and after.get(role) != pids]
    if after.get("nginx", [None])[0] != supervisors.get("nginx", [None])[0]:
        replaced.append("nginx master")

    errors = result["failed"] + result["mails_missing"] + result["errors"] + len(deaths) + len(replaced)
    if result["ok"] == 0:
        errors += 1  # nothing completed is never a success
    raw = {"journeys_completed": result["ok"], "journeys_failed": result["failed"],
           "failed_at": result["failed_at"], "failures": result["failures"],
           "mails_missing": result["mails_missing"], "connection_errors": result["errors"],
           "statuses": result["statuses"], "journey_p50_ms": result["p50_ms"], "journey_p99_ms": result["p99_ms"],
           "processes_died": deaths[:20], "long_lived_replaced": replaced,
           "clients": CLIENTS, "seconds": form["seconds"]}
    ctx.figure("soak_errors", errors, "0", errors == 0, raw=raw)

    first = window(samples, *form["baseline"])
    last = window(samples, form["seconds"] - form["final"], form["seconds"])
    if not first or not last:
        ctx.failed("soak_rss_growth_pct", f"≤ {GROWTH_GOAL:g}", "too few memory samples")
        return
    sum_growth = (last["mean_rss_mb"] - first["mean_rss_mb"]) / first["mean_rss_mb"] * 100
    growth = sum_growth
    if ctx.short:
        # In a minute, one pool process more or less in a 10 s window is
        # ±7 % of the sum and says nothing about a leak: the short form
        # compares the sum at the first window's number of FastCGI
        # processes (the long-lived processes plus that many of the mean
        # FastCGI process). The long form's windows are long enough for
        # the plain sum, as the goal defines it.
        def at_first_count(w):
            per = w["mean_rss_mb_per_fastcgi_process"] or 0
            return w["mean_long_lived_rss_mb"] + per * first["mean_fastcgi_processes"]
        growth = (at_first_count(last) - at_first_count(first)) / at_first_count(first) * 100
    if sanitized(ctx.build):
        # AddressSanitizer keeps freed memory in quarantine and grows its
        # shadow and allocator caches for a long while: the processes' RSS
        # then tells nothing about the product's. The figure is the
        # uninstrumented build's; here the growth is only logged.
        print(f"   soak_rss_growth_pct: not judged on the sanitizer build ({growth:.2f} % there)", flush=True)
        return

    def pct(key):
        a, b = first[key], last[key]
        return round((b - a) / a * 100, 2) if a and b else None
    ctx.figure("soak_rss_growth_pct", round(growth, 2), f"≤ {GROWTH_GOAL:g}", growth <= GROWTH_GOAL, unit="%",
               raw={"method": f"summed VmRSS of the portal's processes every {form['sample']} s, "
                              "without the kept argon2 memory; "
                              "mean of the last window against the mean of the first"
                              + ("; at the first window's number of FastCGI processes" if ctx.short else ""),
                    "summed_growth_pct": round(sum_growth, 2),
                    "summed_growth_with_hash_memory_pct": round(
                        (last["mean_rss_mb"] + last["mean_hash_memory_mb"]
                         - first["mean_rss_mb"] - first["mean_hash_memory_mb"])
                        / (first["mean_rss_mb"] + first["mean_hash_memory_mb"]) * 100, 2),
                    "first": first, "last": last,
                    # The same windows seen apart from the pools' size: nginx, the
                    # supervisors and the worker alone, and the FastCGI processes per process.
                    "long_lived_growth_pct": pct("mean_long_lived_rss_mb"),
                    "per_fastcgi_process_growth_pct": pct("mean_rss_mb_per_fastcgi_process"),
                    "samples": [{k: s[k] for k in ("t", "rss_kb", "hash_memory_kb", "processes", "fastcgi_processes")}
                                for s in samples],
                    "by_role_kb_first": next(s["by_role_kb"] for s in samples if s["t"] >= form["baseline"][0]),
                    "by_role_kb_last": samples[-1]["by_role_kb"]})
