#!/usr/bin/python3
"""Compares two runs of the benchmark and names every figure that moved by
more than its noise band.

    tests/bench/compare.py OLD NEW [--history FILE] [--bands FILE] [--json]

OLD and NEW are var/bench/latest.json files of two runs. `contrib/ktk bench
--compare OLD` calls it after its run (NEW: the run's latest.json);
`contrib/ktk bench --compare OLD --against NEW` compares two files without
running anything.

A figure's noise band is the spread of its values over the other runs of
NEW's day (neither OLD nor NEW itself), (max - min) / median, read from the
history every run appends to (var/bench/history.jsonl, record_run), when
that day holds at least three such values of it; otherwise its default
band (tests/bench/bands.json, made the same way from the range the
README's Performance table gives). A figure
moved when |new - old| / |old| is larger than its band. Whether that is
better or worse comes from its goal: a "≥" goal wants it higher, a "≤"
goal lower, a range such as "0.90–1.10" nearer its middle.

Prints the report (--json: the same as JSON). Exit status 0 whether or not
figures moved, 2 when an input cannot be read."""
import argparse
import json
import math
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DAY_RUNS = 3  # the fewest runs of a day whose spread is taken as its band


class InputError(Exception):
    """An input file that is missing, unreadable or not what a run writes."""


# ------------------------------------------------------------------ reading

def read_json(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise InputError(f"{what} {path}: {e.strerror or e}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"{what} {path}: not JSON ({e})") from None


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def load_run(path):
    """A run's document (what bench.py writes): {"figures": {key: {"value": …}}}."""
    doc = read_json(path, "run")
    figures = doc.get("figures") if isinstance(doc, dict) else None
    if not isinstance(figures, dict):
        raise InputError(f"run {path}: no \"figures\" object, not a bench run")
    for key, fig in figures.items():
        if not isinstance(fig, dict) or "value" not in fig:
            raise InputError(f"run {path}: figure {key} has no value")
        if fig["value"] is not None and not is_number(fig["value"]):
            raise InputError(f"run {path}: figure {key}: value {fig['value']!r} is not a number")
    return doc


def load_bands(path):
    doc = read_json(path, "bands")
    ranges = doc.get("ranges") if isinstance(doc, dict) else None
    if not isinstance(ranges, dict) or not is_number(doc.get("floor")):
        raise InputError(f"bands {path}: needs \"floor\" and \"ranges\"")
    for key, r in ranges.items():
        if not (isinstance(r, list) and len(r) == 2 and all(is_number(v) for v in r) and r[0] <= r[1]):
            raise InputError(f"bands {path}: range of {key} is not [low, high]")
    return doc


def read_history(path):
    """The runs recorded in the history file: [(time, {key: value})]. A
    missing file is an empty history; a line that is not a record (a run
    stopped while writing it) is skipped and counted."""
    runs, skipped = [], 0
    try:
        f = open(path, encoding="utf-8")
    except FileNotFoundError:
        return runs, skipped
    except OSError as e:
        raise InputError(f"history {path}: {e.strerror or e}") from None
    with f:
        for line in f:
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                skipped += 1
                continue
            if not (isinstance(rec, dict) and isinstance(rec.get("time"), str)
                    and isinstance(rec.get("figures"), dict)):
                skipped += 1
                continue
            runs.append((rec["time"], {k: v for k, v in rec["figures"].items() if is_number(v)}))
    return runs, skipped


def record_run(path, figures, when=None):
    """Appends one run's measured figures to the history, one line:
    {"time": …, "figures": {key: value}}. bench.py calls it after each run
    (with --only, the figures it measured)."""
    rec = {"time": when or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
           "figures": {k: f["value"] for k, f in figures.items() if isinstance(f, dict) and is_number(f.get("value"))}}
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------ bands

def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def spread(values):
    """(max - min) / median, or None when the median is 0."""
    m = median(values)
    return (max(values) - min(values)) / abs(m) if m else None


def measured_at(doc, key):
    """When a figure of a run was measured (the time its history line
    carries): a figure measured alone (--only) has its own time in
    "only_updated"."""
    alone = doc.get("only_updated")
    when = (alone.get(key) if isinstance(alone, dict) else None) or doc.get("time")
    return when if isinstance(when, str) else None


def day_of(doc, key):
    """The day (YYYY-MM-DD, UTC) a figure of a run was measured."""
    when = measured_at(doc, key)
    return when[:10] if when and re.match(r"\d{4}-\d\d-\d\d", when) else None


class Bands:
    def __init__(self, history, bands_doc):
        self.history = history
        self.floor = bands_doc["floor"]
        self.ranges = bands_doc["ranges"]
        defaults = [b for b in (spread(r) for r in self.ranges.values()) if b is not None]
        self.fallback = median(defaults) if defaults else None

    def band(self, key, day, leave_out=()):
        """(band, where it comes from) for a figure measured on `day`. The
        runs measured at the times in `leave_out` (the two being compared)
        do not count: a band spanning the new value itself would call any
        change within it."""
        values = [figs[key] for when, figs in self.history
                  if day and when[:10] == day and key in figs and when not in leave_out]
        if len(values) >= DAY_RUNS:
            b = spread(values)
            if b is not None:
                return max(b, self.floor), f"day's runs ({len(values)} on {day})"
        lo_hi = self.ranges.get(key)
        b = spread(lo_hi) if lo_hi else None
        if b is not None:
            why = f"{len(values)} run{'' if len(values) == 1 else 's'} on {day}" if day else "no day"
            return max(b, self.floor), f"default (range {fmt(lo_hi[0])}–{fmt(lo_hi[1])}; {why})"
        if self.fallback is None:
            raise InputError(f"no band for {key}: the bands file has no range")
        return max(self.fallback, self.floor), "default (no range known: the median of the defaults)"


# ------------------------------------------------------------------ goals

def parse_goal(goal):
    """("min", x) for "≥ x", ("max", x) for "≤ x", ("range", lo, hi) for
    "lo–hi"; None for no goal or one not understood."""
    if not isinstance(goal, str):
        return None
    g = goal.strip().replace(">=", "≥").replace("<=", "≤")
    number = r"(-?\d+(?:\.\d+)?)"
    m = re.fullmatch(r"([≥≤])\s*" + number + r"\s*%?", g)
    if m:
        return ("min" if m.group(1) == "≥" else "max", float(m.group(2)))
    m = re.fullmatch(number + r"\s*[–-]\s*" + number + r"\s*%?", g)
    if m and float(m.group(1)) <= float(m.group(2)):
        return ("range", float(m.group(1)), float(m.group(2)))
    return None


def direction(goal, old, new):
    """"better", "worse", "even" (a range's middle as far either way) or
    "no goal"."""
    g = parse_goal(goal)
    if g is None:
        return "no goal"
    if g[0] == "min":
        return "better" if new > old else "worse"
    if g[0] == "max":
        return "better" if new < old else "worse"
    middle = (g[1] + g[2]) / 2
    d_old, d_new = abs(old - middle), abs(new - middle)
    return "better" if d_new < d_old else "worse" if d_new > d_old else "even"


# ------------------------------------------------------------------ comparing

def compare(old_doc, new_doc, history, bands_doc):
    """The report as a dict: moved (one entry per figure that moved by more
    than its band), within (keys that did not), only_old, only_new, and
    unmeasured (a key in both whose value is missing from one: {key, side,
    why})."""
    bands = Bands(history, bands_doc)
    old, new = old_doc["figures"], new_doc["figures"]
    report = {"old_time": old_doc.get("time"), "new_time": new_doc.get("time"), "moved": [], "within": [],
              "only_old": [k for k in old if k not in new], "only_new": [k for k in new if k not in old],
              "unmeasured": []}
    for key in new:
        if key not in old:
            continue
        a, b = old[key]["value"], new[key]["value"]
        if a is None or b is None:
            for side, v, fig in (("old", a, old[key]), ("new", b, new[key])):
                if v is None:
                    report["unmeasured"].append({"key": key, "side": side, "why": fig.get("why", "")})
            continue
        band, source = bands.band(key, day_of(new_doc, key), {measured_at(old_doc, key), measured_at(new_doc, key)})
        change = (b - a) / abs(a) if a else (0.0 if b == a else math.inf)
        if abs(change) <= band:
            report["within"].append(key)
            continue
        goal = new[key].get("goal", old[key].get("goal"))
        report["moved"].append({"key": key, "old": a, "new": b,
                                "change_pct": None if math.isinf(change) else round(change * 100, 1),
                                "band_pct": round(band * 100, 1), "band_from": source,
                                "direction": direction(goal, a, b), "goal": goal})
    return report


def fmt(v):
    return f"{v:g}" if isinstance(v, float) else str(v)


def print_report(report, old_path, new_path, skipped, out=sys.stdout):
    p = lambda s="": print(s, file=out)  # noqa: E731
    p(f"bench compare: {old_path} ({report['old_time'] or 'no time'}) → {new_path} ({report['new_time'] or 'no time'})")
    both = len(report["moved"]) + len(report["within"])
    figures = f"{both} figure{'' if both == 1 else 's'} measured in both runs"
    if report["moved"]:
        p(f"moved beyond the noise band ({len(report['moved'])} of {figures}):")
        p(f"  {'figure':32} {'old':>9} {'new':>9} {'change':>8} {'band':>8}  {'':6}  band from")
        for m in report["moved"]:
            change = "—" if m["change_pct"] is None else f"{m['change_pct']:+.1f} %"
            p(f"  {m['key']:32} {fmt(m['old']):>9} {fmt(m['new']):>9} {change:>8} {'±' + format(m['band_pct'], '.1f') + ' %':>8}"
              f"  {m['direction']:6}  {m['band_from']}")
    else:
        p(f"no figure moved beyond its noise band ({figures})")
    if report["within"]:
        p("within the band: " + ", ".join(report["within"]))
    if report["only_old"]:
        p("only in the old run: " + ", ".join(report["only_old"]))
    if report["only_new"]:
        p("only in the new run: " + ", ".join(report["only_new"]))
    for u in report["unmeasured"]:
        p(f"not measured in the {u['side']} run: {u['key']}" + (f" ({u['why']})" if u["why"] else ""))
    if skipped:
        p(f"history: {skipped} line{' that was' if skipped == 1 else 's that were'} no record, skipped")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Names the bench figures that moved beyond their noise band.")
    ap.add_argument("old", help="the earlier run's latest.json")
    ap.add_argument("new", nargs="?", help="the later run's latest.json")
    ap.add_argument("--history", default=os.path.join(ROOT, "var", "bench", "history.jsonl"))
    ap.add_argument("--bands", default=os.path.join(HERE, "bands.json"))
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--check", action="store_true", help="only check that OLD can be read (before a run)")
    ap.add_argument("--old-name", help="the name to print for OLD (a copy of it is compared)")
    args = ap.parse_args(argv)
    try:
        old_doc = load_run(args.old)
        if args.check:
            return 0
        if args.new is None:
            ap.error("NEW is needed unless --check")
        new_doc = load_run(args.new)
        history, skipped = read_history(args.history)
        report = compare(old_doc, new_doc, history, load_bands(args.bands))
    except InputError as e:
        print(f"bench compare: {e}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print_report(report, args.old_name or args.old, args.new, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main())
