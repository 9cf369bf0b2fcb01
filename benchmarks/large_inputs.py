"""Benchmark: large inputs. A ~1 GB export set through load + metrics, and a batch of 200 clients.

Two parts, each run from the repository root:

``large``
    Generates canonical CSV exports (``posts.csv`` + ``daily.csv``) of a given
    size in ``benchmarks/_work/large-<MB>/`` (git-ignored), then runs
    ``smanalytics.load`` and the engagement summaries in a *child process*
    for each size, so that each figure is that child's own: wall time per
    step, RSS after each step (``/proc/self/status``) and the child's peak
    RSS (``ru_maxrss`` from ``os.wait4``, i.e. RUSAGE_CHILDREN for that one
    child). The generated files are deleted afterwards unless ``--keep``::

        .venv/bin/python benchmarks/large_inputs.py large --sizes 125 500 1000

``batch``
    Writes a manifest of 200 clients in ``benchmarks/_work/batch200/`` whose
    exports are the shipped samples (``data/samples/*``, reused round-robin
    under 200 ids) and runs ``smanalytics batch`` on it to the end, timing it
    and counting ok/failed from ``batch.json``::

        .venv/bin/python benchmarks/large_inputs.py batch --clients 200

Results are written up by hand in ``benchmarks/RESULTS-large.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
SAMPLES = ROOT / "data" / "samples"
POSTS_PER_ACCOUNT, DAYS = 1000, 700
#: CSV bytes of one account (posts + daily), measured on the metrics benchmark's set.
BYTES_PER_ACCOUNT = 125_000_000 / 1000


def generate(folder: Path, megabytes: int, *, seed: int = 20261123) -> list[Path]:
    """Canonical posts.csv + daily.csv of about ``megabytes`` MB, written a chunk of accounts at a time."""
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from metrics import TEXTS  # the same texts as the metrics benchmark

    folder.mkdir(parents=True, exist_ok=True)
    posts_path, daily_path = folder / "posts.csv", folder / "daily.csv"
    if posts_path.exists() and daily_path.exists():
        return [posts_path, daily_path]
    accounts = max(1, int(megabytes * 1e6 / BYTES_PER_ACCOUNT))
    rng = np.random.default_rng(seed)
    platforms = np.array(["x", "instagram", "facebook", "tiktok"])
    start = pd.Timestamp("2024-01-01T00:00:00Z").value // 10**9
    days = pd.date_range("2024-01-01", periods=DAYS, freq="D").strftime("%Y-%m-%d")
    chunk = 250
    for first in range(0, accounts, chunk):
        acc = np.arange(first, min(accounts, first + chunk))
        size = np.round(10 ** rng.uniform(2, 5, len(acc))).astype(int)
        n = len(acc) * POSTS_PER_ACCOUNT
        owner = np.repeat(np.arange(len(acc)), POSTS_PER_ACCOUNT)
        followers = np.round(size[owner] * rng.uniform(0.95, 1.05, n)).astype(float)
        followers[rng.random(n) < 0.3] = np.nan
        base = size[owner] ** -0.4 * 0.5
        comments = rng.poisson(base * size[owner] * 0.2).astype(float)
        comments[rng.random(n) < 0.05] = np.nan
        posts = pd.DataFrame(
            {
                "platform": platforms[acc[owner] % 4],
                "account": np.char.add("acct", acc[owner].astype(str)),
                "post_id": (first * POSTS_PER_ACCOUNT + np.arange(n)).astype(str),
                "published_at": pd.to_datetime(
                    start + rng.integers(0, DAYS * 86400, n), unit="s", utc=True
                ).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "text": TEXTS[rng.integers(0, len(TEXTS), n)],
                "paid": np.where(rng.random(n) < 0.1, "true", "false"),
                "impressions": rng.poisson(size[owner] * 0.8),
                "reach": rng.poisson(size[owner] * 0.5),
                "likes": rng.poisson(base * size[owner]),
                "comments": pd.array(comments, dtype="Int64"),
                "shares": rng.poisson(base * size[owner] * 0.1),
                "saves": rng.poisson(base * size[owner] * 0.05),
                "followers": pd.array(followers, dtype="Int64"),
            }
        )
        posts.to_csv(posts_path, index=False, mode="a", header=first == 0)
        d_owner = np.repeat(np.arange(len(acc)), DAYS)
        daily = pd.DataFrame(
            {
                "platform": platforms[acc[d_owner] % 4],
                "account": np.char.add("acct", acc[d_owner].astype(str)),
                "date": np.tile(days, len(acc)),
                "followers": size[d_owner] + np.tile(np.arange(DAYS), len(acc)) // 10,
                "follows": rng.poisson(2, len(d_owner)),
                "impressions": rng.poisson(size[d_owner]),
            }
        )
        daily.to_csv(daily_path, index=False, mode="a", header=first == 0)
    return [posts_path, daily_path]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(paths: list[str], steps: list[str]) -> None:
    """Run in the child: load and each summary, printing one JSON line of seconds and RSS per step."""
    import smanalytics
    from smanalytics import metrics

    out = {"rss_start_mb": round(_rss_mb(), 1), "steps": []}

    def timed(name, fn):
        t = time.perf_counter()
        value = fn()
        seconds = round(time.perf_counter() - t, 2)
        out["steps"].append({"step": name, "seconds": seconds, "rss_mb": round(_rss_mb())})
        return value

    ds = timed("load", lambda: smanalytics.load(paths))
    out["rows"] = {"posts": len(ds.posts), "daily": len(ds.daily), "problems": len(ds.problems)}
    out["frames_mb"] = round(
        (ds.posts.memory_usage(deep=True).sum() + ds.daily.memory_usage(deep=True).sum()) / 2**20
    )
    available = {
        "account_summary": lambda: metrics.account_summary(ds.posts, ds.daily),
        "account_summary_M": lambda: metrics.account_summary(ds.posts, ds.daily, freq="M"),
        "consistency": lambda: metrics.consistency(ds.posts, ds.daily),
        "content_mix": lambda: metrics.content_mix(ds.posts, ds.daily),
        "channel_focus": lambda: metrics.channel_focus(ds.posts, ds.daily),
    }
    for name in steps:
        timed(name, available[name])
    print(json.dumps(out))


def run_child(paths: list[Path], steps: list[str]) -> dict:
    """One child process; its own wall time and peak RSS (``ru_maxrss`` of exactly that child, KiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "child", "--steps", *steps, "--paths", *map(str, paths)],
        stdout=subprocess.PIPE,
        text=True,
    )
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    failed = {"error": f"exit {proc.returncode}"}
    result = json.loads(stdout.strip().splitlines()[-1]) if proc.returncode == 0 else failed
    result["wall_s"] = round(time.perf_counter() - started, 1)
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024)
    return result


def large(args) -> None:
    print(machine())
    for megabytes in args.sizes:
        folder = WORK / f"large-{megabytes}"
        t = time.perf_counter()
        paths = generate(folder, megabytes)
        data_mb = sum(p.stat().st_size for p in paths) / 2**20
        print(f"\n== {data_mb:.0f} MiB of CSV ({', '.join(p.name for p in paths)}), generated in "
              f"{time.perf_counter() - t:.0f} s")  # fmt: skip
        result = run_child(paths, args.steps)
        result["data_mb"] = round(data_mb)
        result["peak_over_data"] = round(result["peak_rss_mb"] / data_mb, 2)
        print(json.dumps(result, indent=1))
        if not args.keep:
            shutil.rmtree(folder)


def batch(args) -> None:
    import yaml

    print(machine())
    folder = WORK / f"batch{args.clients}"
    out = folder / "out"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_dir())
    clients = [
        {
            "id": f"client-{i:03d}",
            "name": f"Client {i} ({samples[i % len(samples)].name})",
            "exports": [str(samples[i % len(samples)] / "*.csv")],
            "hours_per_week": 2,
        }
        for i in range(args.clients)
    ]
    manifest = folder / "clients.yaml"
    manifest.write_text(yaml.safe_dump({"clients": clients}), encoding="utf-8")
    command = [str(Path(sys.executable).with_name("smanalytics")), "batch", str(manifest), "--out", str(out)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    saved = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    seconds = sorted(c["seconds"] for c in saved["clients"])
    temporaries = [str(p) for p in out.rglob("*.tmp")]
    print(done.stdout[-1500:])
    print(
        json.dumps(
            {
                "exit": done.returncode,
                "wall_s": round(wall, 1),
                "counts": saved["counts"],
                "per_client_s": {"median": seconds[len(seconds) // 2], "max": seconds[-1]},
                "clients_per_minute": round(len(seconds) / wall * 60, 1),
                "temporaries_left": temporaries,
                "out_mb": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20),
            },
            indent=1,
        )
    )
    if not args.keep:
        shutil.rmtree(folder)


def machine() -> str:
    import pandas as pd

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')} | {platform.platform()} | {len(os.sched_getaffinity(0))} cores, "
        f"{memory:.0f} GiB RAM (shared machine) | Python {platform.python_version()}, pandas {pd.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("large")
    p.add_argument("--sizes", type=int, nargs="+", default=[125, 500, 1000], help="MB of CSV per run")
    p.add_argument(
        "--steps",
        nargs="*",
        default=["account_summary", "account_summary_M", "consistency", "content_mix", "channel_focus"],
    )
    p.add_argument("--keep", action="store_true", help="keep the generated files")
    b = sub.add_parser("batch")
    b.add_argument("--clients", type=int, default=200)
    b.add_argument("--workers", type=int)
    b.add_argument("--keep", action="store_true")
    c = sub.add_parser("child")
    c.add_argument("--steps", nargs="*", default=[])
    c.add_argument("--paths", nargs="+", required=True)
    args = parser.parse_args()
    if args.part == "child":
        child(args.paths, args.steps)
    else:
        {"large": large, "batch": batch}[args.part](args)


if __name__ == "__main__":
    main()
