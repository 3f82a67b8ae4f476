#!/usr/bin/env python3
"""The reliability runs of `contrib/ktk chaos` and their short forms in
`contrib/ktk test`: faults under load, request fuzzing, a soak run and the
Galera cluster. Each scenario is a module scenario_<name>.py here with

    NAME = "<name>"            # what `contrib/ktk chaos NAME` selects
    def run(ctx): ...          # measures, calling ctx.figure(...) per key

ctx.short is True in `contrib/ktk test` (a few seconds to a minute per
scenario, the same checks on less load). Every figure has a value, its goal
and whether the goal is met; the run writes them to --out, merged into what
an earlier run wrote there, so one scenario can be measured again alone.

    run.py --var VAR --root ROOT --build BUILD --url URL --out FILE [--short] [--result FILE] [NAME…]

--result gets "passed failed": a figure whose goal is met passes.
"""
import argparse
import glob
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
import traceback


def log(message):
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


class Context:
    def __init__(self, args):
        self.var = args.var
        self.root = args.root
        self.build = args.build
        self.url = args.url
        self.short = args.short
        self.figures = {}
        self.scenario = None
        with open(os.path.join(self.var, "stack.env")) as f:
            self.env = dict(line.strip().split("=", 1) for line in f if "=" in line)

    def stack(self, action):
        """Acts on this run's stack: db-stop, db-start, db-kill, worker-stop, … (contrib/ktk _stack)."""
        subprocess.run([os.path.join(self.root, "contrib", "ktk"), "_stack", action], check=True,
                       env=dict(os.environ, KTK_VAR=self.var), stdout=subprocess.DEVNULL)

    def figure(self, key, value, goal, met, raw=None, unit=None):
        entry = {"value": value, "goal": goal, "met": bool(met), "scenario": self.scenario,
                 "form": "short" if self.short else "long"}
        if unit:
            entry["unit"] = unit
        if raw is not None:
            entry["raw"] = raw
        self.figures[key] = entry
        log(f"   {key} = {value} (goal {goal}): {'met' if met else 'NOT MET'}")

    def failed(self, key, goal, why):
        self.figures[key] = {"value": None, "goal": goal, "met": False, "scenario": self.scenario,
                             "form": "short" if self.short else "long", "status": "not measured", "why": why}
        log(f"   {key}: not measured ({why})")


def scenarios(root):
    found = {}
    for path in sorted(glob.glob(os.path.join(root, "tests", "chaos", "scenario_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[module.NAME] = module
    return found


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main():
    ap = argparse.ArgumentParser()
    for name in ("var", "root", "build", "url", "out"):
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--short", action="store_true")
    ap.add_argument("--result")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    ctx = Context(args)
    available = scenarios(args.root)
    names = args.names or list(available)
    unknown = [n for n in names if n not in available]
    if unknown:
        sys.exit(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(available)}")
    for name in names:
        ctx.scenario = name
        log(f"== {name}{' (short form)' if args.short else ''}")
        started = time.monotonic()
        try:
            available[name].run(ctx)
        except Exception:  # a scenario that breaks is a failed figure, and the others still run
            traceback.print_exc()
            ctx.failed(f"{name}_run", "completes", "the scenario raised; see the log above")
        log(f"   ({name}: {time.monotonic() - started:.0f} s)")

    doc = {"figures": {}}
    if os.path.exists(args.out):
        with open(args.out) as f:
            doc = json.load(f)
    doc["machine"] = {"cores": os.cpu_count(), "kernel": platform.release(), "cpu": cpu_model()}
    doc["time"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    doc["figures"].update(ctx.figures)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)

    print(f"{'figure':32} {'value':>10}  {'goal':10}  met")
    for key, r in ctx.figures.items():
        value = "—" if r["value"] is None else r["value"]
        print(f"{key:32} {str(value):>10}  {str(r['goal']):10}  {'yes' if r['met'] else 'NO'}")
    passed = sum(1 for r in ctx.figures.values() if r["met"])
    failed = len(ctx.figures) - passed
    if args.result:
        with open(args.result, "w") as f:
            f.write(f"{passed} {failed}\n")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
