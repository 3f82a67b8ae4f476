#!/usr/bin/python3
"""Runs every tests/integration/test_*.py against the stack named by the
environment (KTK_TEST_URL, KTK_VAR). Prints one line per test and ends
with "N passed, N failed"; --result FILE also writes "N M" there."""
import argparse
import importlib.util
import pathlib
import sys
import time
import unittest


class TimedResult(unittest.TextTestResult):
    """Keeps each test's duration, so a run can say where its time goes."""
    durations = []

    def startTest(self, test):
        self._started = time.time()
        super().startTest(test)

    def stopTest(self, test):
        TimedResult.durations.append((time.time() - self._started, test.id()))
        super().stopTest(test)


def run_suite(directory, only=None, resultclass=unittest.TextTestResult):
    """Every test_*.py of `directory` (only the tests whose id contains
    `only`, when given), one line per test; returns (passed, failed). The
    deploy stage runs its tests with it too."""
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for path in sorted(pathlib.Path(directory).glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        suite.addTests(loader.loadTestsFromModule(module))
    if only:
        def flatten(s):
            for t in s:
                yield from (flatten(t) if isinstance(t, unittest.TestSuite) else [t])
        suite = unittest.TestSuite(t for t in flatten(suite) if only in t.id())
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=resultclass).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    return result.testsRun - failed - len(result.skipped), failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--result")
    ap.add_argument("-k", help="only tests whose id contains this")
    args = ap.parse_args()
    here = pathlib.Path(__file__).parent
    sys.path.insert(0, str(here))
    passed, failed = run_suite(here, args.k, resultclass=TimedResult)
    slow = sorted(TimedResult.durations, reverse=True)[:8]
    print("slowest tests: " + ", ".join(f"{t.split('.', 1)[-1]} {d:.1f} s" for d, t in slow))
    print(f"{passed} passed, {failed} failed")
    if args.result:
        pathlib.Path(args.result).write_text(f"{passed} {failed}\n")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
