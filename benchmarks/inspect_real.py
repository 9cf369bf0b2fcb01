"""Benchmark: ``smanalytics inspect`` over every real export in ``../shared/real-exports*``.

Issue 10's goal: the command, run as a user runs it (a fresh process: interpreter start,
imports, reading every file, the summary), takes under 15 s on this machine. Each run is
a child process timed from outside: wall time, and its user + system CPU from
``os.wait4``. The machine's load average is taken before every run, and the results are
written to ``benchmarks/RESULTS-inspect.md``::

    .venv/bin/python benchmarks/inspect_real.py --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = [ROOT.parent / "shared" / "real-exports", ROOT.parent / "shared" / "real-exports-wild"]
RESULTS = ROOT / "benchmarks" / "RESULTS-inspect.md"
GOAL_SECONDS = 15.0


def _one_run(command: list[str]) -> tuple[float, float, int]:
    """(wall s, CPU s of the child, exit status) of one run of ``command``."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    folders = [f for f in FOLDERS if f.is_dir()]
    if not folders:
        print(f"no real exports at {FOLDERS[0]}: nothing to measure", file=sys.stderr)
        return 2
    files = sum(1 for folder in folders for p in folder.rglob("*") if p.is_file())
    command = [str(Path(sys.executable).parent / "smanalytics"), "inspect", *map(str, folders)]
    rows = []
    for run in range(1, args.runs + 1):
        load = os.getloadavg()[0]
        wall, cpu, code = _one_run(command)
        rows.append((run, wall, cpu, load, code))
        print(f"run {run}: {wall:.2f} s wall, {cpu:.2f} s CPU, load {load:.2f}, exit {code}")
    walls = sorted(r[1] for r in rows)
    median = walls[len(walls) // 2]
    verdict = "met" if max(walls) < GOAL_SECONDS else "not met"
    lines = [
        "# `smanalytics inspect` over every real export",
        "",
        f"Measured by `benchmarks/inspect_real.py` on {dt.datetime.now():%Y-%m-%d %H:%M} at commit"
        f" {_commit()}: {os.cpu_count()} cores, {platform.processor() or platform.machine()},"
        f" Python {platform.python_version()}. The command reads {files} files in"
        f" {', '.join('../shared/' + f.name for f in folders)}; each run is a fresh process timed"
        " from outside (interpreter start, imports, reading, the summary).",
        "",
        "| run | wall s | CPU s (user + system) | load average before | exit |",
        "|---|---|---|---|---|",
        *(f"| {r} | {w:.2f} | {c:.2f} | {load:.2f} | {code} |" for r, w, c, load, code in rows),
        "",
        f"Median {median:.2f} s, slowest {walls[-1]:.2f} s. Goal: under {GOAL_SECONDS:.0f} s on this"
        f" machine: **{verdict}**.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
