#!/usr/bin/python3
"""Measures how fast ktk-mail-worker flushes the queue into the local sink.

    KTK_VAR=var/test-XXXXXX contrib/bench_mail.py [COUNT]

Against a running stack (`contrib/ktk test --keep` leaves one; `contrib/ktk
up` is var/): stops the stack's worker daemon, queues COUNT (default 1000)
test mails through `ktk-admin mail test`, times one `ktk-mail-worker --once`
from start to exit, checks that every mail reached the Maildir and is
marked sent, prints mails/s, and starts the daemon again.
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv):
    count = int(argv[1]) if len(argv) > 1 else 1000
    var = os.path.abspath(os.environ.get("KTK_VAR", os.path.join(ROOT, "var")))
    with open(os.path.join(var, "stack.env")) as f:
        build = dict(line.strip().split("=", 1) for line in f if "=" in line)["BUILD"]
    env = dict(os.environ, KTK_CONFIG=os.path.join(var, "ktk.conf"), KTK_VAR=var)
    ktk = os.path.join(ROOT, "contrib", "ktk")
    maildir = os.path.join(var, "maildir", "new")

    subprocess.run([ktk, "_stack", "worker-stop"], env=env, check=True)
    try:
        tag = f"bench-{int(time.time())}"
        ids = []
        for start in range(0, count, 500):
            args = [os.path.join(build, "bin", "ktk-admin"), "mail", "test", "--lang", "hu"]
            for i in range(start, min(start + 500, count)):
                args += ["--to", f"{tag}-{i}@example.test"]
            r = subprocess.run(args, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"bench: ktk-admin mail test failed: {r.stderr.strip()}", file=sys.stderr)
                return 1
            ids += r.stdout.split()
        before = len(os.listdir(maildir))
        with open(os.path.join(var, "log", "bench-worker.log"), "a") as log:
            t0 = time.monotonic()
            subprocess.run([os.path.join(build, "bin", "ktk-mail-worker"), "--once"], env=env, check=True,
                           stdout=log, stderr=log)
            elapsed = time.monotonic() - t0
        arrived = len(os.listdir(maildir)) - before
        sent = subprocess.run(
            ["mariadb", f"--defaults-file={var}/mariadb.cnf", "-uroot", "-N", "-B", "ktk", "-e",
             f"SELECT COUNT(*) FROM mail_queue WHERE status = 'sent' AND id BETWEEN {ids[0]} AND {ids[-1]}"],
            check=True, capture_output=True, text=True).stdout.strip()
        print(f"{count} mails queued, {arrived} arrived, {sent} marked sent in {elapsed:.2f} s: "
              f"{count / elapsed:.0f} mails/s")
        return 0 if arrived == count and int(sent) == count else 1
    finally:
        subprocess.run([ktk, "_stack", "worker-start"], env=env, check=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
