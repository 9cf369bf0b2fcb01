"""The people an event's posts brought beyond their reach, from the posts table.

Daily exports often lack comments (Meta's per-metric files have none), but
the posts table counts them post by post: a follow-to-enter giveaway's post
gathers far more comments (entries, tagged friends) and likes than its
reach brings, while a bought package lands on no post at all. Some
platforms also attribute follows to the post that brought them; bought
followers are attributed to none.

For each of a post's ``comments``, ``likes`` and ``follows``, the usual
amount per impression (else per person reached, else per view) is the
median over the account's usual posts (those published on the event's
baseline days, else on any day away from the event). Without any reach
column only attributed follows count, against the median per post: more
comments and likes may just be a popular post's. The posts published from
the day before the event to its last day then brought their total less
that usual amount, less ``noise_sds`` times the noise (Poisson counting
plus the spread of the usual posts about their usual amount): the extra
people. Extra commenters and likers are entrants
(:attr:`~smanalytics.growth.people.Crowd.entrants`, explaining
``comment_conversion`` and ``interaction_conversion`` follows each); extra
follows attributed to a post are people who followed from it
(:attr:`~smanalytics.growth.people.Crowd.visitors`, one follow each).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.growth.people import Crowd, People, robust_sd
from smanalytics.growth.settings import SpikeSettings

__all__ = ["POST_SIGNALS", "post_days", "post_people"]

#: Columns of the posts table that count people, the daily-signal name each is shown as, and its crowd.
POST_SIGNALS = {
    "comments": ("post_comments", "entrants"),
    "likes": ("post_likes", "entrants"),
    "follows": ("post_follows", "visitors"),
}
#: Per-post reach columns, in the order preferred as the yardstick.
POST_REACH = ("impressions", "reach", "video_views")
#: Usual posts needed to know what a post usually brings.
MIN_USUAL_POSTS = 5
#: Posts published within this many days of an event are never usual for it.
AWAY_DAYS = 7

DEFAULT = SpikeSettings()


def post_days(posts: pd.DataFrame, dates: pd.DatetimeIndex) -> np.ndarray:
    """Position in ``dates`` of the day each post was published (-1 when outside).

    Examples
    --------
    >>> dates = pd.date_range("2026-01-01", periods=3, freq="D")
    >>> when = pd.to_datetime(["2026-01-02 20:00", "2025-12-01 09:00"], utc=True)
    >>> posts = pd.DataFrame({"published_at": when})
    >>> post_days(posts, dates).tolist()
    [1, -1]
    """
    day = pd.to_datetime(posts["published_at"], utc=True).dt.tz_localize(None).dt.normalize()
    return dates.get_indexer(pd.DatetimeIndex(day))


def post_people(
    crowd: Crowd,
    posts: pd.DataFrame | None,
    days: np.ndarray | None,
    first: int,
    last: int,
    base: np.ndarray,
    settings: SpikeSettings = DEFAULT,
) -> Crowd:
    """``crowd`` with the extra people of the posts published over positions ``first - 1 .. last``.

    ``days`` holds each post's day position (:func:`post_days`).

    Examples
    --------
    >>> posts = pd.DataFrame({"post_id": [f"p{i}" for i in range(11)],
    ...                       "published_at": pd.date_range("2026-01-01", periods=11, freq="D", tz="UTC"),
    ...                       "impressions": [1000.0] * 11, "comments": [10.0] * 10 + [410.0]})
    >>> c = post_people(Crowd(), posts, np.arange(11), 10, 10, np.arange(10))
    >>> p = c.entrants
    >>> p.signal, p.post_id, round(p.extra, 1), p.lift  # p9 and p10: 420 - 20 usual - 2 x sqrt(420)
    ('post_comments', 'p10', 359.0, 21.0)
    """
    if posts is None or days is None or not len(posts):
        return crowd
    event = (days >= first - 1) & (days <= last)
    if not event.any():
        return crowd
    usual = np.isin(days, base)
    if usual.sum() < MIN_USUAL_POSTS:
        usual = (days >= 0) & ((days < first - AWAY_DAYS) | (days > last + AWAY_DAYS))
    conversion = {
        "comments": settings.comment_conversion,
        "likes": settings.interaction_conversion,
        "follows": 1.0,
    }
    for column, (signal, kind) in POST_SIGNALS.items():
        if column not in posts or conversion[column] <= 0:
            continue
        found = _extra(posts, column, event, usual, settings)
        if found is not None:
            extra, lift, top = found
            people = People(
                conversion[column] * extra,
                signal,
                extra,
                lift,
                post_id=None if "post_id" not in posts else str(posts["post_id"].iloc[top]),
            )
            crowd = crowd.with_best(kind, people)
    return crowd


def _extra(posts, column, event, usual, settings) -> tuple[float, float, int] | None:
    """Extra units of ``column`` on the event's posts, their lift, and the post with the most."""
    values = pd.to_numeric(posts[column], errors="coerce").to_numpy(dtype=float)
    reach = _yardstick(posts, event, usual, values)
    if reach is None and column != "follows":  # a popular post's likers are no crowd: reach must say so
        return None
    size = np.ones(len(posts)) if reach is None else reach
    known = np.isfinite(values) & np.isfinite(size) & (size > 0)
    here, usual = event & known, usual & known & ~event
    if not here.any() or usual.sum() < MIN_USUAL_POSTS:
        return None
    rate = float(np.median(values[usual] / size[usual]))
    expected = rate * size
    total, anyway = values[here].sum(), expected[here].sum()
    if total <= 0:
        return None
    spread = robust_sd(values[usual] - expected[usual])
    noise = settings.noise_sds * np.sqrt(total + here.sum() * spread**2)
    extra = max(0.0, total - anyway - noise)
    beyond = np.where(here, values - expected, -np.inf)
    lift = total / anyway if anyway > 0 else np.inf
    return float(extra), float(lift), int(np.argmax(beyond))


def _yardstick(posts, event, usual, values) -> np.ndarray | None:
    """The first per-post reach column known on the event's posts and on enough usual ones."""
    for column in POST_REACH:
        if column not in posts:
            continue
        reach = pd.to_numeric(posts[column], errors="coerce").to_numpy(dtype=float)
        ok = np.isfinite(reach) & (reach > 0) & np.isfinite(values)
        if (ok & event).any() and (ok & usual).sum() >= MIN_USUAL_POSTS:
            return reach
    return None
