"""From a simulated account to the files its owner would download, per platform.

Each ``export_*`` function gives the simulated posts their platform's ids and
texts, adds the figures only that platform reports (X's detail expands, Meta's
link clicks, ...), writes the platform's files with :mod:`._layouts` and
returns the finished posts (used for the truth file and the comments table).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics.samples import _layouts as layouts
from smanalytics.samples._sim import Simulated
from smanalytics.samples._texts import pick_text

__all__ = [
    "Window",
    "windows",
    "export_x",
    "export_instagram",
    "export_facebook",
    "export_meta_daily",
    "export_tiktok",
]

_X_EPOCH_MS = 1288834974657
_SHORTCODE = string.ascii_letters + string.digits + "-_"
_MONTH3 = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Window:
    """The date range of one download."""

    start: pd.Timestamp
    end: pd.Timestamp

    def meta_name(self, prefix: str, export_id: str) -> str:
        def name(d: pd.Timestamp) -> str:
            return f"{_MONTH3[d.month - 1]}-{d.day:02d}-{d.year}"

        return f"{prefix}_{name(self.start)}_{name(self.end)}_{export_id}.csv"

    def iso_name(self) -> str:
        return f"{self.start.date().isoformat()}_{self.end.date().isoformat()}"


def windows(start: pd.Timestamp, end: pd.Timestamp, *, months: int, overlap_days: int = 0) -> list[Window]:
    """Consecutive download windows of ``months`` months covering ``start..end``.

    Examples
    --------
    >>> [w.iso_name() for w in windows(pd.Timestamp("2025-11-01"), pd.Timestamp("2026-10-31"), months=6)]
    ['2025-11-01_2026-04-30', '2026-05-01_2026-10-31']
    """
    out = []
    first = start
    while first <= end:
        last = min(first + pd.DateOffset(months=months) - pd.Timedelta(days=1), end)
        out.append(Window(first - pd.Timedelta(days=overlap_days) if out else first, last))
        first = last + pd.Timedelta(days=1)
    return out


def _digits(rng: np.random.Generator, n: int, first: str = "") -> str:
    body = "".join(str(int(d)) for d in rng.integers(0, 10, n - len(first)))
    return first + body


def _in(posts: pd.DataFrame, window: Window) -> pd.DataFrame:
    day = posts["published_at"].dt.normalize()
    return posts[(day >= window.start) & (day <= window.end)]


def _texts(rng, sim: Simulated, business: str, promo_share: float, *, captions: bool) -> list[str]:
    return [
        pick_text(rng, business, promo_share=promo_share, captions=captions) for _ in range(len(sim.posts))
    ]


def export_x(
    sim: Simulated,
    folder: Path,
    rng: np.random.Generator,
    *,
    business: str,
    promo_share: float = 0.0,
    content_months: int = 12,
    drop_days: int = 6,
    keep: tuple = (),
) -> pd.DataFrame:
    """Write X's account overview and content files; return the posts with their ids."""
    handle = sim.spec.account
    posts = sim.posts.copy()
    ms = (posts["published_at"] - pd.Timestamp("1970-01-01")) // pd.Timedelta(milliseconds=1)
    posts["post_id"] = [str(((int(t) - _X_EPOCH_MS) << 22) | int(rng.integers(0, 1 << 22))) for t in ms]
    posts["text"] = _texts(rng, sim, business, promo_share, captions=False)
    posts["dm_shares"] = rng.binomial(posts["reach"], 0.002)
    posts["detail_expands"] = rng.binomial(posts["impressions"], 0.012)
    posts["hashtag_clicks"] = rng.binomial(posts["impressions"], 0.001)
    posts["permalink_clicks"] = rng.binomial(posts["impressions"], 0.002)
    posts["engagements"] = posts[
        [
            "likes",
            "comments",
            "shares",
            "saves",
            "dm_shares",
            "profile_visits",
            "detail_expands",
            "clicks",
            "hashtag_clicks",
            "permalink_clicks",
        ]
    ].sum(axis=1)
    for window in windows(sim.spec.start, sim.spec.end, months=content_months):
        name = f"{handle}_account_analytics_content_{window.iso_name()}.csv"
        layouts.write_x_content(folder / name, _in(posts, window), handle=handle)
    daily = sim.daily.copy()
    daily["dm_shares"] = rng.binomial(daily["reach"], 0.002)
    daily["media_views"] = rng.binomial(daily["impressions"], 0.06)
    daily["engagements"] = daily[["likes", "comments", "shares", "saves", "profile_visits", "clicks"]].sum(
        axis=1
    ) + (daily["dm_shares"] + rng.binomial(daily["impressions"], 0.014))
    layouts.write_x_overview(
        folder / f"{handle}_account_overview_analytics.csv", _drop_days(daily, rng, drop_days, keep)
    )
    return posts


def _drop_days(daily: pd.DataFrame, rng: np.random.Generator, n: int, keep: tuple) -> pd.DataFrame:
    """Leave out ``n`` random days (exports have gaps), never the days in ``keep``."""
    candidates = daily.index[~daily["date"].isin(list(keep))]
    gone = rng.choice(candidates, size=n, replace=False) if n else []
    return daily.drop(index=sorted(gone))


def _instagram_ids(posts: pd.DataFrame, rng) -> pd.DataFrame:
    posts["post_id"] = [_digits(rng, 17, "18") for _ in range(len(posts))]
    posts["shortcode"] = [
        "D" + "".join(_SHORTCODE[int(i)] for i in rng.integers(0, 64, 10)) for _ in range(len(posts))
    ]
    posts["duration"] = [int(rng.integers(9, 60)) if k == "reel" else 0 for k in posts["post_type"]]
    return posts


def export_instagram(
    sim: Simulated,
    folder: Path,
    rng: np.random.Generator,
    *,
    business: str,
    name: str,
    promo_share: float = 0.0,
    content_months: int = 6,
    overlap_days: int = 0,
    order: str = "follows-before-comments",
) -> pd.DataFrame:
    """Write Meta Business Suite Instagram content exports (6-month windows by default)."""
    username = sim.spec.account
    posts = _instagram_ids(sim.posts.copy(), rng)
    posts["text"] = _texts(rng, sim, business, promo_share, captions=True)
    account_id = _digits(rng, 17, "178414")
    for window in windows(sim.spec.start, sim.spec.end, months=content_months, overlap_days=overlap_days):
        path = folder / window.meta_name(username, _digits(rng, 16, "1"))
        layouts.write_meta_instagram_content(
            path, _in(posts, window), account_id=account_id, username=username, name=name, order=order
        )
    return posts


def export_facebook(
    sim: Simulated,
    folder: Path,
    rng: np.random.Generator,
    *,
    business: str,
    handle: str,
    promo_share: float = 0.0,
    content_months: int = 6,
) -> pd.DataFrame:
    """Write Meta Business Suite Facebook content exports (6-month windows by default).

    The account of a Facebook page is its name (``Page name``, as the importer
    reads it); ``handle`` is the page's address (``facebook.com/<handle>``),
    used in the permalinks and as the files' name prefix.
    """
    page_name = sim.spec.account
    posts = sim.posts.copy()
    page_id = _digits(rng, 15, "10")
    posts["post_id"] = [_digits(rng, 15, "9") for _ in range(len(posts))]
    posts["text"] = _texts(rng, sim, business, promo_share, captions=True)
    posts["link_clicks"] = rng.binomial(posts["clicks"], 0.4)
    posts["duration"] = [int(rng.integers(15, 90)) if k == "video" else 0 for k in posts["post_type"]]
    posts["seconds_viewed"] = (posts["video_views"] * posts["duration"] * 0.3).astype(int)
    for window in windows(sim.spec.start, sim.spec.end, months=content_months):
        path = folder / window.meta_name(handle, _digits(rng, 15, "6"))
        layouts.write_meta_facebook_content(
            path, _in(posts, window), page_id=page_id, page_name=page_name, handle=handle
        )
    return posts


def export_meta_daily(
    folder: Path,
    prefix: str,
    *,
    facebook: Simulated | None = None,
    instagram: Simulated | None = None,
    reach: tuple = (),
    views: bool = False,
) -> None:
    """Write Meta Business Suite per-metric daily files, as one download of both platforms gives them.

    ``Follows.csv`` and ``Visits.csv`` stack a Facebook block (titled ``Follows``
    and ``Facebook visits``) and an Instagram block (``Instagram follows``,
    ``Instagram profile visits``), as in the real mh4u export; an account on
    one platform gets single-block files. ``reach`` lists the platforms that
    get a reach file (``Facebook reach`` in ``Reach.csv``, Instagram's
    ``Reach`` in ``Reach (1).csv`` when both), ``views`` adds Instagram's
    ``Views.csv``.
    """

    def series(sim: Simulated, column: str) -> pd.Series:
        return sim.daily.set_index("date")[column]

    follows, visits = [], []
    if facebook is not None:
        follows.append(("Follows", series(facebook, "follows")))
        visits.append(("Facebook visits", series(facebook, "profile_visits")))
    if instagram is not None:
        follows.append(("Instagram follows", series(instagram, "follows")))
        visits.append(("Instagram profile visits", series(instagram, "profile_visits")))
    layouts.write_meta_daily(folder / f"{prefix}_Follows.csv", follows)
    layouts.write_meta_daily(folder / f"{prefix}_Visits.csv", visits)
    names = iter(["Reach", "Reach (1)"])
    if "facebook" in reach and facebook is not None:
        layouts.write_meta_daily(
            folder / f"{prefix}_{next(names)}.csv", [("Facebook reach", series(facebook, "reach"))]
        )
    if "instagram" in reach and instagram is not None:
        layouts.write_meta_daily(
            folder / f"{prefix}_{next(names)}.csv", [("Reach", series(instagram, "reach"))]
        )
    if views and instagram is not None:
        layouts.write_meta_daily(
            folder / f"{prefix}_Views.csv", [("Views", series(instagram, "impressions"))]
        )


def export_tiktok(
    sim: Simulated, folder: Path, rng: np.random.Generator, *, business: str, unknown_days: int = 2
) -> pd.DataFrame:
    """Write TikTok Studio Overview, Content and FollowerHistory files (one 365-day download)."""
    handle = sim.spec.account
    posts = sim.posts.copy()
    seconds = (posts["published_at"] - pd.Timestamp("1970-01-01")) // pd.Timedelta(seconds=1)
    posts["post_id"] = [str((int(s) << 32) | int(rng.integers(0, 1 << 32))) for s in seconds]
    posts["text"] = _texts(rng, sim, business, 0.0, captions=False)
    daily = sim.daily.copy()
    # TikTok writes dates without a year; the download date in the file name pins the year
    stamp = f"{sim.spec.end:%Y-%m-%d}"
    layouts.write_tiktok_overview(folder / f"{handle}_Overview_{stamp}.csv", daily)
    layouts.write_tiktok_content(
        folder / f"{handle}_Content_{stamp}.csv", posts, handle=handle, window_start=sim.spec.start
    )
    middle = daily["date"].iloc[30:-30]
    unknown = (
        set(rng.choice(middle.to_numpy(), size=unknown_days, replace=False).tolist())
        if unknown_days
        else set()
    )
    unknown = {pd.Timestamp(d) for d in unknown}
    layouts.write_tiktok_follower_history(
        folder / f"{handle}_FollowerHistory_{stamp}.csv", daily, unknown=unknown
    )
    return posts
