#!/usr/bin/python3
"""The measurements behind `contrib/ktk bench`.

Runs against a stack that contrib/ktk started (same configuration as `up`,
captcha test mode) plus the baselines it started beside it, and compares
side by side in one run: throughput figures are ratios against a baseline
measured minutes apart on the same machine, memory figures are absolute.
Prints a table and writes one JSON key per figure."""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time

import mail_throughput

ARGS = None


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ load

def wrk(path, seconds=8, connections=64, threads=2, script=None, env=None):
    """One wrk run; returns requests/s, latency percentiles (ms) and errors."""
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", script]
    cmd.append(ARGS.url + path)
    out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **(env or {}))).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {}
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        lat[pct] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    return {"rps": rps, "p50_ms": lat.get("50"), "p99_ms": lat.get("99"), "errors": errors}


def best_of(path, rounds=2, **kw):
    """The best of a few runs: noise on a shared machine only ever slows a run down."""
    runs = [wrk(path, **kw) for _ in range(rounds)]
    best = max(runs, key=lambda r: r["rps"])
    best["runs_rps"] = [round(r["rps"], 1) for r in runs]
    return best


# ------------------------------------------------------------------ memory

def children(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except FileNotFoundError:
        pass
    return 0.0


def pidfile(name):
    path = os.path.join(ARGS.var, "run", name)
    with open(path) as f:
        return int(f.read().strip())


def portal_processes():
    """{role: [pid…]} for nginx, each program's supervisor and processes, the worker."""
    procs = {}
    master = pidfile("nginx.pid")
    procs["nginx"] = [master] + children(master)
    for name in sorted(os.listdir(os.path.join(ARGS.var, "run"))):
        if name.startswith("app-") and name.endswith(".pid"):
            sup = pidfile(name)
            program = name[4:-4]
            procs[f"{program} supervisor"] = [sup]
            procs[program] = children(sup)
    if os.path.exists(os.path.join(ARGS.var, "run", "worker.pid")):
        procs["mail worker"] = [pidfile("worker.pid")]
    return procs


# ------------------------------------------------------------------ figures

def figure(results, key, ratio, goal, met, raw, unit="ratio"):
    results[key] = {"value": round(ratio, 3), "unit": unit, "goal": goal, "met": bool(met), "raw": raw}


def not_measured(results, key, goal, why):
    results[key] = {"value": None, "goal": goal, "met": False, "status": "not measured", "why": why}


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--var", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seconds", type=int, default=8)
    ARGS = ap.parse_args()
    results = {}

    # Warm every page once so "idle" means after real work, then rest.
    for path in ("/login", "/bench/hello", "/bench/hello-db", "/static/ktk.css"):
        wrk(path, seconds=1, connections=4, threads=1)
    time.sleep(2)
    procs = portal_processes()
    bench_pids = set()
    for role in list(procs):
        if role.startswith("bench-"):
            bench_pids.update(procs.pop(role))
    per_role = {role: round(sum(rss_mb(p) for p in pids), 2) for role, pids in procs.items()}
    fcgi = [(role, p, rss_mb(p)) for role, pids in procs.items()
            if role not in ("nginx", "mail worker") and not role.endswith("supervisor") for p in pids]
    total = sum(per_role.values())
    figure(results, "idle_rss_mb_total", total, "≤ 64", total <= 64, {"by_role_mb": per_role}, unit="MB")
    largest = max(fcgi, key=lambda x: x[2]) if fcgi else ("none", 0, 0.0)
    figure(results, "max_idle_rss_mb_per_fcgi", largest[2], "≤ 8", largest[2] <= 8,
           {"program": largest[0], "pid": largest[1]}, unit="MB")

    s = ARGS.seconds
    log("GET /login against the FastCGI hello baseline …")
    static = best_of("/bench/static", seconds=s)
    hello = best_of("/bench/hello", seconds=s)
    login_page = best_of("/login", seconds=s)
    figure(results, "get_login_vs_hello", login_page["rps"] / hello["rps"], "≥ 0.85",
           login_page["rps"] / hello["rps"] >= 0.85,
           {"login_rps": login_page, "hello_rps": hello, "nginx_static_rps": static})

    log("hash ceiling …")
    cores = os.cpu_count() or 1
    ceiling = float(subprocess.run([os.path.join(ARGS.build, "bench", "ktk-bench-hash"), "5"],
                                   capture_output=True, text=True, check=True).stdout)
    results["hash_ceiling"] = {"value": round(ceiling, 2), "unit": "hashes/s per core", "cores": cores}

    log("mail worker: 1,000 mails into the local sink …")
    mail = mail_throughput.measure(ARGS.var, ARGS.build, count=1000, rounds=2)
    figure(results, "mails_per_second", mail["per_second"], "≥ 300",
           mail["per_second"] >= 300 and mail["complete"], mail, unit="mails/s")

    for key, goal, why in (
        ("home_vs_hello_db", "≥ 0.85", "needs /home and sessions"),
        ("login_vs_hash_ceiling", "≥ 0.90", "needs POST /login"),
        ("register_vs_hash_ceiling", "≥ 0.85", "needs POST /register"),
        ("login_p50_1m_vs_1k", "≤ 1.10", "needs POST /login"),
        ("get_login_p99_flood_vs_idle", "≤ 3.0", "needs POST /login"),
    ):
        not_measured(results, key, goal, why)

    doc = {
        "machine": {"cores": cores, "kernel": platform.release(), "cpu": cpu_model()},
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "figures": results,
    }
    os.makedirs(os.path.dirname(ARGS.out), exist_ok=True)
    with open(ARGS.out, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
    print_table(results)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def print_table(results):
    print(f"{'figure':32} {'value':>10}  {'goal':8}  met")
    for key, r in results.items():
        if "goal" not in r:
            print(f"{key:32} {r['value']:>10}  {'':8}  ({r['unit']})")
            continue
        value = "—" if r["value"] is None else r["value"]
        print(f"{key:32} {value:>10}  {r['goal']:8}  {'yes' if r['met'] else 'NO'}"
              + (f"  ({r['why']})" if r.get("status") else ""))


if __name__ == "__main__":
    main()
