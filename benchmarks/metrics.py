"""Benchmark: load + every engagement summary against a plain pandas.read_csv.

Generates 1,000 accounts with 1,000,000 posts and ~700,000 daily rows as
canonical CSV in ``benchmarks/_work/`` (git-ignored; generated once, reused),
then times, in the same run:

* plain: ``pandas.read_csv`` of the same two files (the C engine, default
  options: what an analyst would type);
* pipeline: ``smanalytics.load`` of both files, then ``account_summary``,
  ``account_summary(freq="M")``, ``size_benchmark``, ``consistency``,
  ``content_mix`` and ``channel_focus``.

Run from the repository root::

    .venv/bin/python benchmarks/metrics.py [--repeat 2] [--profile]

Results are written up by hand in ``benchmarks/RESULTS-metrics.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import time
from pathlib import Path

import numpy as np
import pandas as pd

import smanalytics
from smanalytics import metrics

WORK = Path(__file__).resolve().parent / "_work"
ACCOUNTS, POSTS_PER_ACCOUNT, DAYS = 1000, 1000, 700
TEXTS = np.array(
    [
        "Fresh bread this morning",
        "What cake should we bake next?",
        "Flash sale: 20% off all cakes",
        "Thank you for a lovely week",
        "RT @market: Saturday market is on",
        "Behind the scenes with our team",
        "Rainy day, hot chocolate time",
        "New menu, prices from £4.50",
    ]
)


def generate(work: Path = WORK, *, seed: int = 20261123) -> tuple[Path, Path]:
    """Write posts.csv and daily.csv (canonical form); return their paths."""
    work.mkdir(parents=True, exist_ok=True)
    posts_path, daily_path = work / "posts.csv", work / "daily.csv"
    if posts_path.exists() and daily_path.exists():
        return posts_path, daily_path
    rng = np.random.default_rng(seed)
    platforms = np.array(["x", "instagram", "facebook", "tiktok"])
    acc = np.arange(ACCOUNTS)
    size = np.round(10 ** rng.uniform(2, 5, ACCOUNTS)).astype(int)
    n = ACCOUNTS * POSTS_PER_ACCOUNT
    owner = np.repeat(acc, POSTS_PER_ACCOUNT)
    start = pd.Timestamp("2024-01-01T00:00:00Z").value // 10**9
    seconds = start + rng.integers(0, DAYS * 86400, n)
    followers = np.round(size[owner] * rng.uniform(0.95, 1.05, n)).astype(float)
    followers[rng.random(n) < 0.3] = np.nan  # 30 % need the daily look-up
    base = size[owner] ** -0.4 * 0.5
    comments = rng.poisson(base * size[owner] * 0.2).astype(float)
    comments[rng.random(n) < 0.05] = np.nan
    posts = pd.DataFrame(
        {
            "platform": platforms[owner % 4],
            "account": np.char.add("acct", owner.astype(str)),
            "post_id": np.arange(n).astype(str),
            "published_at": pd.to_datetime(seconds, unit="s", utc=True).strftime("%Y-%m-%dT%H:%M:%SZ"),
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
    posts.to_csv(posts_path, index=False)
    days = pd.date_range("2024-01-01", periods=DAYS, freq="D").strftime("%Y-%m-%d")
    d_owner = np.repeat(acc, DAYS)
    growth = np.tile(np.arange(DAYS), ACCOUNTS)
    daily = pd.DataFrame(
        {
            "platform": platforms[d_owner % 4],
            "account": np.char.add("acct", d_owner.astype(str)),
            "date": np.tile(days, ACCOUNTS),
            "followers": size[d_owner] + growth // 10,
            "follows": rng.poisson(2, ACCOUNTS * DAYS),
            "impressions": rng.poisson(size[d_owner]),
        }
    )
    daily.to_csv(daily_path, index=False)
    return posts_path, daily_path


def plain(paths) -> list[pd.DataFrame]:
    return [pd.read_csv(p) for p in paths]


def arrow_typed(paths) -> None:
    """The floor of ``load``: pyarrow reads both files at their canonical types, timestamps parsed.

    The same reader and options as the canonical fast path, without the
    checks, the conversion to pandas, the merge and the sort.
    """
    from smanalytics.io import canonical
    from smanalytics.io.source import Source

    for path in paths:
        source = Source(Path(path))
        header = source.header_fields()
        table = canonical.canonical_table_of(header)
        kinds = smanalytics.schema.TABLES[table]
        canonical._arrow_csv(source, {name: canonical._arrow_type(kinds[name]) for name in header})


def plain_summary(paths) -> None:
    """A hand-rolled equivalent a pandas user might write: typed read, naive per-account rates.

    Not the same figures (no follower look-up from the daily table, no
    organic split, no periods): a yardstick for what the library adds.
    """
    posts = pd.read_csv(paths[0], parse_dates=["published_at"])
    pd.read_csv(paths[1], parse_dates=["date"])
    ok = posts["comments"].notna() & posts["followers"].notna()
    sums = posts[ok].groupby(["platform", "account"])[["comments", "followers"]].sum()
    (sums["comments"] / sums["followers"]).rename("conversation_rate")


def pipeline(paths) -> dict[str, tuple[float, float]]:
    """Load and summarise; return the seconds of each step, wall clock and this process's CPU.

    On a shared machine the CPU seconds move less than the wall clock from
    one run to the next: another program's work delays this one, it does
    not add to its CPU time (but for the caches it evicts).
    """
    steps: dict[str, tuple[float, float]] = {}

    def timed(name, fn):
        t, cpu = time.perf_counter(), time.process_time()
        value = fn()
        steps[name] = (time.perf_counter() - t, time.process_time() - cpu)
        return value

    ds = timed("load", lambda: smanalytics.load(paths))
    summary = timed("account_summary", lambda: metrics.account_summary(ds.posts, ds.daily))
    timed("account_summary(M)", lambda: metrics.account_summary(ds.posts, ds.daily, freq="M"))
    timed("size_benchmark", lambda: metrics.size_benchmark(summary))
    timed("consistency", lambda: metrics.consistency(ds.posts, ds.daily))
    timed("content_mix", lambda: metrics.content_mix(ds.posts, ds.daily))
    timed("channel_focus", lambda: metrics.channel_focus(ds.posts, ds.daily))
    return steps


def machine() -> str:
    import os

    import pyarrow

    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        mem = f"{kb / 2**20:.0f} GiB RAM"
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {mem}, Python {platform.python_version()}, pandas {pd.__version__}, "
        f"numpy {np.__version__}, pyarrow {pyarrow.__version__}, load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", action="store_true", help="profile one pipeline run")
    args = parser.parse_args()
    t = time.perf_counter()
    paths = generate()
    print(f"data ready in {time.perf_counter() - t:.1f} s: " + ", ".join(
        f"{p.name} {p.stat().st_size / 2**20:.0f} MiB" for p in paths
    ))  # fmt: skip
    print(machine())
    for run in range(1, args.repeat + 1):
        t, cpu = time.perf_counter(), time.process_time()
        frames = plain(paths)
        read, read_cpu = time.perf_counter() - t, time.process_time() - cpu
        t = time.perf_counter()
        plain_summary(paths)
        hand = time.perf_counter() - t
        t = time.perf_counter()
        arrow_typed(paths)
        floor = time.perf_counter() - t
        steps = pipeline(paths)
        total, total_cpu = (sum(parts) for parts in zip(*steps.values(), strict=True))
        rows = sum(len(f) for f in frames)
        print(f"run {run}: plain read_csv {read:.2f} s (CPU {read_cpu:.2f} s, {rows:,} rows); "
              f"hand-rolled pandas summary {hand:.1f} s; pyarrow typed read {floor:.2f} s; "
              f"pipeline {total:.2f} s = {total / read:.1f}x the plain read "
              f"(CPU {total_cpu:.2f} s = {total_cpu / read_cpu:.1f}x); "
              f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
        for name, (seconds, cpu_seconds) in steps.items():
            print(f"    {name:<20} {seconds:6.2f} s  (CPU {cpu_seconds:5.2f} s)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        pipeline(paths)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        print(out.getvalue())


if __name__ == "__main__":
    main()
