"""What the sample businesses share: the period, weekly and seasonal rhythms, the owner's logs.

The owner's logs are the canonical CSVs no platform exports: ``followers.csv``
(the follower count noted day by day, for platforms whose exports give new
follows but no totals) and ``effort.csv`` (hours spent per platform per week).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics.samples import _layouts as layouts
from smanalytics.samples._sim import AccountSpec, Simulated

__all__ = [
    "END",
    "MONTHS_12",
    "MONTHS_18",
    "MONTHS_24",
    "WEEKEND",
    "SALON_WEEK",
    "WORK_WEEK",
    "SUMMER",
    "AUTUMN",
    "NEW_YEAR",
    "Client",
    "season",
    "hash12",
    "account_entry",
    "followers_csv",
    "effort_csv",
    "spec",
]

#: Every sample history ends on this day (the owners download their exports the day after).
#: Every sample history ends on this day (the day the owners downloaded their exports).
END = pd.Timestamp("2026-10-31")
MONTHS_12 = pd.Timestamp("2025-11-01")
MONTHS_18 = pd.Timestamp("2025-05-01")
MONTHS_24 = pd.Timestamp("2024-11-01")

WEEKEND = (0.85, 0.8, 0.85, 0.9, 1.1, 1.6, 1.5)
SALON_WEEK = (0.6, 1.0, 1.0, 1.1, 1.2, 1.3, 0.7)
WORK_WEEK = (1.2, 1.1, 1.1, 1.0, 0.9, 0.8, 0.9)
SUMMER = {1: 0.5, 2: 0.5, 3: 0.7, 4: 0.9, 5: 1.1, 6: 1.5, 7: 1.8, 8: 1.8, 9: 1.1, 10: 0.8, 11: 0.5, 12: 0.6}
AUTUMN = {1: 1.1, 2: 0.9, 3: 0.9, 4: 0.9, 5: 0.9, 6: 0.8, 7: 0.8, 8: 0.8, 9: 1.0, 10: 1.2, 11: 1.4, 12: 1.5}
NEW_YEAR = {1: 1.5, 2: 1.2, 3: 1.1, 4: 1.0, 5: 1.0, 6: 1.0, 7: 0.8, 8: 0.8, 9: 1.1, 10: 1.0, 11: 0.9, 12: 0.8}


@dataclass(frozen=True)
class Client:
    """One sample business: its id (folder name), display name, weekly hours, what it is, and its builder.

    ``build(folder, rng)`` writes the business's exports into ``folder`` and
    returns its ``accounts`` and ``events`` for the truth file.
    """

    id: str
    name: str
    hours_per_week: float
    what: str
    build: Callable[[Path, np.random.Generator], dict]


def season(table: dict[int, float]) -> Callable[[int], float]:
    """A month -> busyness function from a table of twelve factors.

    Examples
    --------
    >>> season(SUMMER)(7), season(SUMMER)(1)
    (1.8, 0.5)
    """
    return table.__getitem__


def hash12(name: str) -> str:
    """A commenter's name as the comments table stores it: the first 12 hex digits of its SHA-256.

    Examples
    --------
    >>> hash12("Maya K.")
    'f84e3fd63a80'
    """
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]


def account_entry(sim: Simulated, posts: pd.DataFrame) -> dict:
    """An account's line in the truth file: platform, account, period, followers, posts."""
    d = sim.daily
    return {
        "platform": sim.spec.platform,
        "account": sim.spec.account,
        "start": sim.spec.start.date().isoformat(),
        "end": sim.spec.end.date().isoformat(),
        "followers_start": int(d["followers"].iloc[0]),
        "followers_end": int(d["followers"].iloc[-1]),
        "posts": len(posts),
    }


def followers_csv(folder: Path, sims: list[Simulated], rng: np.random.Generator, *, keep: tuple = ()) -> None:
    """The owner's follower log (canonical daily CSV) for accounts whose exports give no totals."""
    frames = []
    for sim in sims:
        d = sim.daily[["date", "followers"]].copy()
        gone = rng.choice(d.index[~d["date"].isin(list(keep))], size=len(d) // 60, replace=False)
        d = d.drop(index=sorted(gone))
        frames.append(
            pd.DataFrame(
                {
                    "platform": sim.spec.platform,
                    "account": sim.spec.account,
                    "date": [x.date().isoformat() for x in d["date"]],
                    "followers": d["followers"].astype(int),
                }
            )
        )
    layouts.write_plain_csv(folder / "followers.csv", pd.concat(frames, ignore_index=True))


def effort_csv(folder: Path, plan: list[tuple[str, float, pd.Timestamp, pd.Timestamp]], rng) -> None:
    """The owner's time log (canonical effort CSV): hours per platform per week (Mondays)."""
    rows = []
    for platform, hours, start, end in plan:
        for monday in pd.date_range(start, end, freq="W-MON"):
            h = round(hours * float(np.exp(rng.normal(0.0, 0.25))) * 4) / 4
            rows.append((monday.date().isoformat(), platform, f"{max(h, 0.25):.2f}"))
    rows.sort()
    layouts.write_plain_csv(folder / "effort.csv", pd.DataFrame(rows, columns=["date", "platform", "hours"]))


def spec(platform: str, account: str, start: pd.Timestamp, **kw) -> AccountSpec:
    """An :class:`AccountSpec` from ``start`` to :data:`END`."""
    return AccountSpec(platform=platform, account=account, start=start, end=END, **kw)
