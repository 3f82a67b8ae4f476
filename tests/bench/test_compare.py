#!/usr/bin/python3
"""Tests of tests/bench/compare.py on crafted runs, a crafted history and
crafted default bands: which figures it names as moved, their direction,
the band and where the band came from; and its exit status on input it
cannot read. Needs no stack; CTest runs it with the unit tests. Ends with
"N passed, N failed"."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import compare  # noqa: E402

OLD = {
    "time": "2026-12-01T10:00:00Z",
    "figures": {
        "get_login_vs_hello": {"value": 0.80, "goal": "≥ 0.85", "met": False},
        "home_vs_hello_db": {"value": 0.66, "goal": "≥ 0.85", "met": False},
        "mails_per_second": {"value": 210, "goal": "≥ 300", "met": False},
        "idle_rss_mb_total": {"value": 32.3, "goal": "≤ 64", "met": True},
        "max_idle_rss_mb_per_fcgi": {"value": 7.5, "goal": "≤ 8", "met": True},
        "login_p50_1m_vs_1k": {"value": 1.0, "goal": "≤ 1.10", "met": True},
        "forgot_p50_registered_vs_unknown": {"value": 1.0, "goal": "0.90–1.10", "met": True},
        "spread_ratio": {"value": 1.6, "goal": "0.90–1.10", "met": False},
        "hash_ceiling": {"value": 58.7, "unit": "hashes/s per core"},
        "admin_inbox_vs_hello_db": {"value": 0.021, "goal": "≥ 0.5", "met": False},
        "oidc_refresh_per_s_per_core": {"value": 247, "goal": "≥ 600", "met": False},
        "retired_figure": {"value": 3.0, "goal": "≥ 1", "met": True},
    },
}

NEW = {
    "time": "2026-12-04T12:00:00Z",
    # Measured alone a day earlier (--only), so its band is that day's.
    "only_updated": {"admin_inbox_vs_hello_db": "2026-12-03T09:00:00Z"},
    "figures": {
        "get_login_vs_hello": {"value": 0.60, "goal": "≥ 0.85", "met": False},      # -25 %, day's band 5 %
        "home_vs_hello_db": {"value": 0.70, "goal": "≥ 0.85", "met": False},        # +6.1 %, default 12.9 %
        "mails_per_second": {"value": 300, "goal": "≥ 300", "met": True},           # +42.9 %, default 33.3 %
        "idle_rss_mb_total": {"value": 30.0, "goal": "≤ 64", "met": True},          # -7.1 %, default 1.6 %
        "max_idle_rss_mb_per_fcgi": {"value": 7.6, "goal": "≤ 8", "met": True},     # +1.3 %, default 3.9 %
        "login_p50_1m_vs_1k": {"value": 0.98, "goal": "≤ 1.10", "met": True},       # -2 %, day's runs alike: floor 1 %
        "forgot_p50_registered_vs_unknown": {"value": 1.4, "goal": "0.90–1.10", "met": False},  # +40 %, fallback
        "spread_ratio": {"value": 1.0, "goal": "0.90–1.10", "met": True},           # -37.5 %, at the middle
        "hash_ceiling": {"value": 40.0, "unit": "hashes/s per core"},               # -31.9 %, default 30.8 %
        "admin_inbox_vs_hello_db": {"value": 0.030, "goal": "≥ 0.5", "met": False},  # +42.9 %, band 10 % of 12-03
        "oidc_refresh_per_s_per_core": {"value": None, "goal": "≥ 600", "met": False, "status": "not measured",
                                        "why": "the provider did not answer"},
        "applications_list_vs_hello_db": {"value": 0.14, "goal": "≥ 0.5", "met": False},
    },
}

BANDS = {
    "floor": 0.01,
    "ranges": {
        "get_login_vs_hello": [0.63, 1.05],        # 0.42 / 0.84 = 50 %
        "home_vs_hello_db": [0.65, 0.74],          # 12.9 %
        "mails_per_second": [210, 294],            # 33.3 %
        "idle_rss_mb_total": [31.9, 32.4],         # 1.6 %
        "max_idle_rss_mb_per_fcgi": [7.49, 7.79],  # 3.9 %
        "login_p50_1m_vs_1k": [0.93, 1.03],        # 10.2 %
        "hash_ceiling": [44, 60],                  # 30.8 %
    },                                             # median of the seven: 12.9 %
}

# What the report must name as moved: direction, band (%) and its source.
MOVED = {
    "get_login_vs_hello": ("worse", 5.0, "day's runs (3 on 2026-12-04)"),
    "mails_per_second": ("better", 33.3, "default (range 210–294; 0 runs on 2026-12-04)"),
    "idle_rss_mb_total": ("better", 1.6, "default (range 31.9–32.4; 0 runs on 2026-12-04)"),
    "login_p50_1m_vs_1k": ("better", 1.0, "day's runs (3 on 2026-12-04)"),
    "forgot_p50_registered_vs_unknown": ("worse", 12.9, "default (no range known: the median of the defaults)"),
    "spread_ratio": ("better", 12.9, "default (no range known: the median of the defaults)"),
    "hash_ceiling": ("no goal", 30.8, "default (range 44–60; 0 runs on 2026-12-04)"),
    "admin_inbox_vs_hello_db": ("better", 10.0, "day's runs (3 on 2026-12-03)"),
}


class CompareTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        self.old, self.new, self.bands = (os.path.join(d, n) for n in ("old.json", "new.json", "bands.json"))
        self.history = os.path.join(d, "bench", "history.jsonl")
        for path, doc in ((self.old, OLD), (self.new, NEW), (self.bands, BANDS)):
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
        # The day's runs, through the function bench.py records them with.
        for i, (login, p50) in enumerate([(0.78, 1.0), (0.80, 1.0), (0.82, 1.0)]):
            compare.record_run(self.history, {"get_login_vs_hello": {"value": login},
                                              "login_p50_1m_vs_1k": {"value": p50},
                                              "home_vs_hello_db": {"value": 0.6 + i / 100} if i < 2 else {},
                                              "oidc_refresh_per_s_per_core": {"value": None}},
                               f"2026-12-04T0{i}:00:00Z")
        # Another day's runs count only for a figure measured that day.
        for v in (0.028, 0.030, 0.031):
            compare.record_run(self.history, {"admin_inbox_vs_hello_db": {"value": v},
                                              "get_login_vs_hello": {"value": v}}, "2026-12-03T08:00:00Z")
        with open(self.history, "a") as f:
            f.write('{"time": "2026-12-04T05:00:00Z", "figu\n')  # a run stopped while writing

    def tearDown(self):
        self.dir.cleanup()

    def run_cli(self, *args):
        return subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), *args],
                              capture_output=True, text=True, timeout=60)

    def test_history_records(self):
        runs, skipped = compare.read_history(self.history)
        self.assertEqual(len(runs), 6)
        self.assertEqual(skipped, 1)
        self.assertEqual(runs[0], ("2026-12-04T00:00:00Z", {"get_login_vs_hello": 0.78, "login_p50_1m_vs_1k": 1.0,
                                                            "home_vs_hello_db": 0.6}))

    def test_moved_figures(self):
        runs, _ = compare.read_history(self.history)
        report = compare.compare(OLD, NEW, runs, BANDS)
        got = {m["key"]: (m["direction"], m["band_pct"], m["band_from"]) for m in report["moved"]}
        self.assertEqual(got, MOVED)
        self.assertEqual(sorted(report["within"]), ["home_vs_hello_db", "max_idle_rss_mb_per_fcgi"])
        self.assertEqual(report["only_old"], ["retired_figure"])
        self.assertEqual(report["only_new"], ["applications_list_vs_hello_db"])
        self.assertEqual(report["unmeasured"], [{"key": "oidc_refresh_per_s_per_core", "side": "new",
                                                 "why": "the provider did not answer"}])
        changes = {m["key"]: m["change_pct"] for m in report["moved"]}
        self.assertEqual(changes["get_login_vs_hello"], -25.0)
        self.assertEqual(changes["spread_ratio"], -37.5)
        self.assertEqual(changes["hash_ceiling"], -31.9)

    def test_the_runs_compared_are_not_their_own_band(self):
        """bench.py records a run in the history before comparing it: the
        day's band comes from the day's other runs, or one outlier would be
        a band wide enough to hide itself (24.7 → 17.9 MB read as noise)."""
        def run(when, value):
            return {"time": when, "figures": {"idle_rss_mb_total": {"value": value, "goal": "≤ 24"}}}
        old, new = run("2026-12-05T01:00:00Z", 24.7), run("2026-12-05T04:00:00Z", 17.85)
        history = [(when, {"idle_rss_mb_total": v}) for when, v in
                   (("2026-12-05T00:00:00Z", 24.6), (old["time"], 24.7), ("2026-12-05T02:00:00Z", 24.5),
                    ("2026-12-05T03:00:00Z", 24.8), (new["time"], 17.85))]
        report = compare.compare(old, new, history, BANDS)
        self.assertEqual([(m["key"], m["direction"], m["band_pct"], m["band_from"]) for m in report["moved"]],
                         [("idle_rss_mb_total", "better", 1.2, "day's runs (3 on 2026-12-05)")])
        # With two other runs of the day left, the default band.
        report = compare.compare(old, new, history[1:], BANDS)
        self.assertEqual(report["moved"][0]["band_from"], "default (range 31.9–32.4; 2 runs on 2026-12-05)")

    def test_report_text(self):
        r = self.run_cli(self.old, self.new, "--history", self.history, "--bands", self.bands)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertIn("moved beyond the noise band (8 of 10 figures measured in both runs):", lines)
        start = lines.index("moved beyond the noise band (8 of 10 figures measured in both runs):") + 2
        rows = [line.split() for line in lines[start:start + len(MOVED)]]
        self.assertEqual({row[0] for row in rows}, set(MOVED))
        by_key = {line.split()[0]: line for line in lines[start:start + len(MOVED)]}
        self.assertIn(" 0.8       0.6  -25.0 %   ±5.0 %  worse   day's runs (3 on 2026-12-04)",
                      by_key["get_login_vs_hello"])
        self.assertIn("±1.6 %  better  default (range 31.9–32.4", by_key["idle_rss_mb_total"])
        self.assertIn("within the band: home_vs_hello_db, max_idle_rss_mb_per_fcgi", lines)
        self.assertIn("only in the old run: retired_figure", lines)
        self.assertIn("only in the new run: applications_list_vs_hello_db", lines)
        self.assertIn("not measured in the new run: oidc_refresh_per_s_per_core (the provider did not answer)", lines)
        self.assertIn("history: 1 line that was no record, skipped", lines)

    def test_nothing_moved(self):
        r = self.run_cli(self.new, self.new, "--history", self.history, "--bands", self.bands, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        report = json.loads(r.stdout)
        self.assertEqual(report["moved"], [])
        self.assertEqual(len(report["within"]), 11)
        r = self.run_cli(self.new, self.new, "--history", self.history, "--bands", self.bands)
        self.assertIn("no figure moved beyond its noise band (11 figures measured in both runs)", r.stdout)

    def test_goals(self):
        self.assertEqual(compare.direction("≥ 600", 500, 550), "better")
        self.assertEqual(compare.direction("≤ 3.0", 2.0, 2.5), "worse")
        self.assertEqual(compare.direction("0.90–1.10", 1.2, 0.85), "better")
        self.assertEqual(compare.direction("0.9-1.1", 0.95, 1.05), "even")
        self.assertEqual(compare.direction(None, 1, 2), "no goal")
        self.assertIsNone(compare.parse_goal("fast"))
        self.assertIsNone(compare.parse_goal("≥ 1.2.3"))
        self.assertEqual(compare.day_of({"only_updated": ["x"], "time": "2026-12-04T01:00:00Z"}, "x"), "2026-12-04")
        self.assertIsNone(compare.day_of({"time": 20261204}, "x"))

    def test_shipped_bands(self):
        """The default bands load, and each names a figure bench.py writes."""
        bands = compare.load_bands(os.path.join(HERE, "bands.json"))
        with open(os.path.join(HERE, "bench.py"), encoding="utf-8") as f:
            source = f.read()
        for key in bands["ranges"]:
            self.assertIn(f'"{key}"', source)
        self.assertGreater(len(bands["ranges"]), 10)

    def test_unreadable_input(self):
        bad = os.path.join(self.dir.name, "bad.json")
        with open(bad, "w") as f:
            f.write("{ not json")
        nofigures = os.path.join(self.dir.name, "nofigures.json")
        with open(nofigures, "w") as f:
            json.dump({"time": "2026-12-04T00:00:00Z"}, f)
        textvalue = os.path.join(self.dir.name, "textvalue.json")
        with open(textvalue, "w") as f:
            json.dump({"figures": {"a": {"value": "fast"}}}, f)
        missing = os.path.join(self.dir.name, "missing.json")
        for old, new, says in ((missing, self.new, "missing.json"), (self.old, bad, "not JSON"),
                               (nofigures, self.new, "no \"figures\""), (self.old, textvalue, "not a number")):
            r = self.run_cli(old, new, "--history", self.history, "--bands", self.bands)
            self.assertEqual(r.returncode, 2, (old, new, r.stdout))
            self.assertIn(says, r.stderr)
            self.assertEqual(r.stdout, "")
        self.assertEqual(self.run_cli("--check", missing).returncode, 2)
        self.assertEqual(self.run_cli("--check", self.old).returncode, 0)
        r = self.run_cli(self.old, self.new, "--history", self.history, "--bands", bad)
        self.assertEqual(r.returncode, 2)

    def test_contrib_ktk(self):
        """contrib/ktk bench --compare OLD --against NEW: a report and no run;
        an unreadable file fails before anything starts."""
        ktk = os.path.join(ROOT, "contrib", "ktk")
        r = subprocess.run([ktk, "bench", "--compare", self.old, "--against", self.new],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith(f"bench compare: {self.old} (2026-12-01T10:00:00Z) → {self.new}"), r.stdout)
        self.assertIn("only in the new run: applications_list_vs_hello_db", r.stdout)
        missing = os.path.join(self.dir.name, "missing.json")
        for args in (["--compare", missing, "--against", self.new], ["--compare", missing],
                     ["--against", self.new], ["--compare", self.old, "--against", self.new, "--only", "x"]):
            r = subprocess.run([ktk, "bench", *args], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(r.returncode, 0, args)
            self.assertIn("ktk: bench:", r.stderr)
            self.assertNotIn("installing", r.stderr)


if __name__ == "__main__":
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(CompareTest))
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
