#!/usr/bin/python3
"""The deploy stage of contrib/ktk test: builds the production-shaped stack
of deploy_stack.py beside a running test stack (KTK_VAR), runs every
tests/deploy/test_*.py against it, tears it down and ends with
"N passed, N failed" (--result FILE also writes "N M" there).
KTK_KEEP=1 leaves the stack's processes stopped but its files in place."""
import argparse
import importlib.util
import os
import pathlib
import shutil
import sys
import time
import traceback
import unittest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "integration"))

import deploy_stack  # noqa: E402


def _integration_runner():
    """tests/integration/run.py (a module of the same name as this one)."""
    spec = importlib.util.spec_from_file_location("integration_run", HERE.parent / "integration" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TimedResult(unittest.TextTestResult):
    """Keeps each test's duration, so the stage can say where its time goes."""
    durations = []

    def startTest(self, test):
        self._started = time.time()
        super().startTest(test)

    def stopTest(self, test):
        TimedResult.durations.append((time.time() - self._started, test.id()))
        super().stopTest(test)


def run_tests(args):
    return _integration_runner().run_suite(HERE, args.k, resultclass=TimedResult)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--result")
    ap.add_argument("-k", help="only tests whose id contains this")
    args = ap.parse_args()
    started = time.time()

    # The deploy hosts keep the real time (their config names no clock
    # offset file), while the clients compute TOTP codes from the test
    # stack's clock (ktk_test.server_now reads its clock-offset file): an
    # offset an earlier tier left there would give codes of another step.
    offset_file = pathlib.Path(os.environ["KTK_VAR"]) / "clock-offset"
    if offset_file.exists() and offset_file.read_text().strip() not in ("", "0"):
        print(f"the test stack's clock offset was {offset_file.read_text().strip()} s; the deploy stage sets it to 0",
              flush=True)
    offset_file.write_text("0")

    stack = None
    passed = failed = 0
    try:
        stack = deploy_stack.start()
    except Exception:
        traceback.print_exc()
        print("the deploy stack did not come up (logs: var/test-*/deploy/log/)")
        failed = 1
        if deploy_stack.current():
            deploy_stack.current().down()
    if stack:
        try:
            passed, failed = run_tests(args)
        finally:
            stack.down()
        if os.environ.get("KTK_KEEP") != "1":
            shutil.rmtree(deploy_stack.PREFIX, ignore_errors=True)
        print("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in stack.timings.items()))
        slow = sorted(TimedResult.durations, reverse=True)[:5]
        print("slowest tests: " + ", ".join(f"{t.rsplit('.', 1)[-1]} {d:.0f} s" for d, t in slow))
        lintian = stack.d / "lintian.txt"
        if lintian.exists():
            print("lintian on the package:\n" + (lintian.read_text().strip() or "(nothing to report)"))
    print(f"deploy stage: {time.time() - started:.0f} s")
    print(f"{passed} passed, {failed} failed")
    if args.result:
        pathlib.Path(args.result).write_text(f"{passed} {failed}\n")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
