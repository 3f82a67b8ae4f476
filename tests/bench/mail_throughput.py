#!/usr/bin/python3
"""How fast ktk-mail-worker flushes the queue into the stack's SMTP sink.

    KTK_VAR=var/test-XXXXXX tests/bench/mail_throughput.py [COUNT] [ROUNDS]

Against a running stack (`contrib/ktk bench` calls measure() on its own;
by hand, a kept test stack restarted with `contrib/ktk _stack up`): stops
the stack's worker daemon, queues COUNT (default 1000) test mails through
`ktk-admin mail test`, times one `ktk-mail-worker --once` from start to
exit, checks that every mail reached the Maildir and is marked sent, and
starts the daemon again. With several rounds the best one counts: noise on
a shared machine only ever slows a run down.
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def one_round(var, build, count, env):
    tag = f"bench-{time.time_ns()}"
    first = last = None
    for start in range(0, count, 500):
        args = [os.path.join(build, "bin", "ktk-admin"), "mail", "test", "--lang", "hu"]
        for i in range(start, min(start + 500, count)):
            args += ["--to", f"{tag}-{i}@example.test"]
        ids = subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout.split()
        first = first or ids[0]
        last = ids[-1]
    maildir = os.path.join(var, "maildir", "new")
    before = len(os.listdir(maildir))
    with open(os.path.join(var, "log", "bench-worker.log"), "a") as log:
        t0 = time.monotonic()
        subprocess.run([os.path.join(build, "bin", "ktk-mail-worker"), "--once"], env=env, check=True,
                       stdout=log, stderr=log)
        seconds = time.monotonic() - t0
    arrived = len(os.listdir(maildir)) - before
    sent = int(subprocess.run(
        ["mariadb", f"--defaults-file={var}/mariadb.cnf", "-uroot", "-N", "-B", "ktk", "-e",
         f"SELECT COUNT(*) FROM mail_queue WHERE status = 'sent' AND id BETWEEN {int(first)} AND {int(last)}"],
        check=True, capture_output=True, text=True).stdout.strip())
    return {"per_second": round(count / seconds, 1), "seconds": round(seconds, 2), "queued": count,
            "arrived": arrived, "marked_sent": sent}


def measure(var, build, count=1000, rounds=1):
    """The best of `rounds` flushes of `count` mails, with every round's figures."""
    env = dict(os.environ, KTK_CONFIG=os.path.join(var, "ktk.conf"), KTK_VAR=var)
    ktk = os.path.join(ROOT, "contrib", "ktk")
    subprocess.run([ktk, "_stack", "worker-stop"], env=env, check=True)
    try:
        runs = [one_round(var, build, count, env) for _ in range(rounds)]
    finally:
        subprocess.run([ktk, "_stack", "worker-start"], env=env, check=True)
    best = dict(max(runs, key=lambda r: r["per_second"]))
    best["complete"] = all(r["arrived"] == count and r["marked_sent"] == count for r in runs)
    best["runs_per_second"] = [r["per_second"] for r in runs]
    return best


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 1000
    rounds = int(argv[2]) if len(argv) > 2 else 1
    var = os.path.abspath(os.environ.get("KTK_VAR", os.path.join(ROOT, "var")))
    with open(os.path.join(var, "stack.env")) as f:
        build = dict(line.strip().split("=", 1) for line in f if "=" in line)["BUILD"]
    r = measure(var, build, count, rounds)
    print(f"{count} mails queued, {r['arrived']} arrived, {r['marked_sent']} marked sent in {r['seconds']} s: "
          f"{r['per_second']:.0f} mails/s (rounds: {r['runs_per_second']})")
    return 0 if r["complete"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
