"""Simulating one social account: its posts and its days.

The model is deliberately simple and every number in it has a meaning a
business owner would recognise:

* the *organic audience* (followers who really follow) sees a share of each
  post (``reach_rate``), more on busy weekdays and in the busy season;
* of the people reached, some like, comment, share, save, click, visit the
  profile and follow, each at its own rate;
* a post's lifetime figures arrive over three days (70 %, 20 %, 10 %), and the
  account also gets a little exposure on days without posts (old posts,
  search, the profile);
* followers grow by the follows and shrink by a small daily churn.

Stories are layered on top: a bought follower package (follows with no
exposure, partly lost again), a viral post (one post reaching many times the
usual audience, bringing visits and follows with it) and an abandoned channel
(no post after a date). All randomness comes from one seeded
:class:`numpy.random.Generator`, so the same seed gives the same account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Bought", "Viral", "AccountSpec", "Simulated", "simulate", "split_integer"]

#: How a post's lifetime figures arrive over its first days in the daily series.
SPREAD = (0.7, 0.2, 0.1)


@dataclass(frozen=True)
class Bought:
    """A bought follower package: ``parts`` follows on consecutive days from ``start``.

    ``lost_share`` of them unfollow again over the ``lost_days`` after the last day.
    """

    start: pd.Timestamp
    parts: tuple[int, ...]
    lost_share: float = 0.3
    lost_days: int = 42

    @property
    def size(self) -> int:
        return int(sum(self.parts))

    @property
    def lost(self) -> int:
        return round(self.size * self.lost_share)


@dataclass(frozen=True)
class Viral:
    """A post on ``day`` that reaches ``multiplier`` times the usual audience."""

    day: pd.Timestamp
    multiplier: float
    follow_rate: float = 0.012
    visit_rate: float = 0.03


@dataclass(frozen=True)
class AccountSpec:
    """What is known about one account before simulating it."""

    platform: str
    account: str
    start: pd.Timestamp
    end: pd.Timestamp
    followers: int
    posts_per_week: float
    reach_rate: float
    like_rate: float
    comment_rate: float
    share_rate: float
    save_rate: float = 0.01
    click_rate: float = 0.01
    visit_rate: float = 0.008
    follow_rate: float = 0.0015
    churn: float = 0.00015
    impressions_per_reach: float = 1.35
    background: float = 0.05
    weekday: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    post_weekday: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)
    season: Callable[[int], float] | None = None
    hours: tuple[int, int] = (8, 20)
    last_post: pd.Timestamp | None = None
    bought: Bought | None = None
    viral: Viral | None = None
    noise: float = 0.45
    post_kinds: tuple[str, ...] = ("photo",)


@dataclass
class Simulated:
    """A simulated account: ``posts`` (one row per post) and ``daily`` (one row per day)."""

    spec: AccountSpec
    posts: pd.DataFrame
    daily: pd.DataFrame
    viral_post: int | None = None


def split_integer(total: int, weights) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights`` that add up exactly.

    Examples
    --------
    >>> split_integer(10, (0.7, 0.2, 0.1))
    [7, 2, 1]
    >>> sum(split_integer(600, [5, 4, 3, 2, 1]))
    600
    """
    weights = np.asarray(weights, dtype=float)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(int)
    rest = int(total - parts.sum())
    order = np.argsort(-(raw - parts), kind="stable")
    parts[order[:rest]] += 1
    return [int(p) for p in parts]


def simulate(spec: AccountSpec, rng: np.random.Generator) -> Simulated:
    """Simulate ``spec`` day by day with ``rng``; return its posts and daily series."""
    days = pd.date_range(spec.start, spec.end, freq="D")
    n = len(days)
    dows = days.day_of_week.to_numpy()
    seasons = np.array([spec.season(m) if spec.season else 1.0 for m in days.month])
    last = n - 1 if spec.last_post is None else int(days.searchsorted(spec.last_post, side="right")) - 1
    viral_day = days.get_loc(spec.viral.day) if spec.viral is not None else -1
    spread = len(SPREAD)
    counts = np.zeros((len(_DAILY_COUNTS), n + spread), dtype=np.int64)
    follows = np.zeros(n, dtype=np.int64)
    unfollows = np.zeros(n, dtype=np.int64)
    followers = np.zeros(n, dtype=np.int64)
    bought_in, bought_out = _bought_schedule(spec, days)
    bought_left = np.cumsum(bought_in - bought_out)
    post_rows: list[list[int]] = []
    post_days: list[int] = []
    viral_post = None
    weekday_norm = 7 / sum(spec.post_weekday)
    level = spec.followers
    trend = 1.0
    reach_row = _DAILY_COUNTS.index("reach")
    for i in range(n):
        dow = dows[i]
        trend = min(max(trend * float(np.exp(rng.normal(0.0, 0.02))), 0.7), 1.4)
        busy = spec.weekday[dow] * seasons[i] * trend
        organic = max(level - int(bought_left[i - 1] if i else 0), 1)
        n_posts = int(rng.poisson(spec.posts_per_week / 7 * spec.post_weekday[dow] * weekday_norm))
        if i > last:
            n_posts = 0
        if i == viral_day:
            n_posts = max(n_posts, 1)
        for k in range(n_posts):
            multiplier = spec.viral.multiplier if i == viral_day and k == 0 else 1.0
            if multiplier > 1:
                viral_post = len(post_rows)
            row = _post(spec, rng, organic, busy, multiplier)
            post_rows.append(row)
            post_days.append(i)
            values = np.asarray(row[3:], dtype=np.int64)
            first = np.rint(values * SPREAD[0]).astype(np.int64)
            second = np.rint(values * SPREAD[1]).astype(np.int64)
            counts[:, i] += first
            counts[:, i + 1] += second
            counts[:, i + 2] += values - first - second
        base = organic * spec.reach_rate * spec.background * busy
        bg_reach = int(rng.poisson(max(base * float(np.exp(rng.normal(0, 0.3))), 0.0)))
        counts[reach_row, i] += bg_reach
        counts[0, i] += int(round(bg_reach * spec.impressions_per_reach))
        counts[_VISITS, i] += int(rng.binomial(bg_reach, spec.visit_rate))
        counts[_FOLLOWS, i] += int(rng.binomial(bg_reach, spec.follow_rate))
        follows[i] = counts[_FOLLOWS, i] + bought_in[i]
        unfollows[i] = int(rng.poisson(organic * spec.churn)) + bought_out[i]
        level = level + int(follows[i]) - int(unfollows[i])
        followers[i] = level
    daily = pd.DataFrame({"date": days})
    for j, key in enumerate(_DAILY_COUNTS):
        daily[key] = counts[j, :n]
    daily["follows"] = follows
    daily["unfollows"] = unfollows
    daily["followers"] = followers
    daily["posts"] = np.bincount(np.asarray(post_days, dtype=np.int64), minlength=n).astype(np.int64)
    posts = pd.DataFrame(post_rows, columns=["hour", "minute", "kind", *_DAILY_COUNTS])
    offsets = pd.to_timedelta(posts["hour"] * 60 + posts["minute"], unit="min")
    posts.insert(0, "published_at", days[np.asarray(post_days, dtype=np.int64)] + offsets.to_numpy())
    posts = posts.drop(columns=["hour", "minute"]).rename(columns={"kind": "post_type"})
    return Simulated(spec, posts, daily, viral_post)


_DAILY_COUNTS = (
    "impressions",
    "reach",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "video_views",
    "profile_visits",
    "follows",
)
_VISITS = _DAILY_COUNTS.index("profile_visits")
_FOLLOWS = _DAILY_COUNTS.index("follows")


def _bought_schedule(spec: AccountSpec, days: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    n = len(days)
    into = np.zeros(n, dtype=np.int64)
    out = np.zeros(n, dtype=np.int64)
    if spec.bought is None:
        return into, out
    first = days.get_loc(spec.bought.start)
    for j, part in enumerate(spec.bought.parts):
        into[first + j] = part
    after = first + len(spec.bought.parts)
    weights = np.exp(-np.arange(spec.bought.lost_days) / 12.0)
    for j, part in enumerate(split_integer(spec.bought.lost, weights)):
        if after + j < n:
            out[after + j] = part
    return into, out


def _post(spec: AccountSpec, rng: np.random.Generator, organic: int, busy: float, multiplier: float) -> list:
    """One post: hour, minute, kind, then its lifetime figures in ``_DAILY_COUNTS`` order."""
    hour = int(rng.integers(spec.hours[0], spec.hours[1] + 1))
    minute = int(rng.integers(0, 60))
    kind = spec.post_kinds[int(rng.integers(0, len(spec.post_kinds)))]
    quality = float(np.exp(rng.normal(0.0, spec.noise)))
    reach = int(rng.poisson(max(organic * spec.reach_rate * busy * quality * multiplier, 1.0)))
    viral = multiplier > 1
    video = kind in ("video", "reel")
    return [
        hour,
        minute,
        kind,
        int(round(reach * spec.impressions_per_reach * float(rng.uniform(0.95, 1.1)))),
        reach,
        int(rng.binomial(reach, min(spec.like_rate * quality**0.3, 0.9))),
        int(rng.binomial(reach, min(spec.comment_rate * quality**0.3, 0.9))),
        int(rng.binomial(reach, spec.share_rate * (2.0 if viral else 1.0))),
        int(rng.binomial(reach, spec.save_rate)),
        int(rng.binomial(reach, spec.click_rate)),
        int(round(reach * float(rng.uniform(1.1, 1.6)))) if video else 0,
        int(rng.binomial(reach, spec.viral.visit_rate if viral else spec.visit_rate)),
        int(rng.binomial(reach, spec.viral.follow_rate if viral else spec.follow_rate)),
    ]
