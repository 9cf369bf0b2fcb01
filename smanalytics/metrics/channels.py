"""Channel focus: which one or two channels are worth the owner's time.

Social media is not free: every channel costs hours. An owner does better on
one or two channels that bring conversation than on five that do not. This
ranks an owner's channels (``platform, account``) by conversation per post
and, when the hours are known, by conversation per hour.

Hours come from an effort table (``date, platform, hours``: summed per
platform over the days from the first to the last post in the data) or, for
platforms the table does not cover, from ``hours_per_week`` (the owner's
total): hours_per_week x weeks in the data, shared between channels in
proportion to their posts. When every channel has hours, channels are ranked
by conversation per hour; otherwise by conversation per post.

The recommendation keeps the best channel, and the second too when it earns
at least half the best one's score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import ACCOUNT, account_index, canonical, conversation_sums, ratio, utc_day
from smanalytics.metrics.rates import rate_terms

__all__ = ["channel_focus"]


def channel_focus(
    posts: pd.DataFrame,
    daily: pd.DataFrame | None = None,
    *,
    effort: pd.DataFrame | None = None,
    hours_per_week: float | None = None,
) -> pd.DataFrame:
    """Rank an owner's channels by conversation per post and per hour; recommend one or two.

    Parameters
    ----------
    posts
        Canonical posts table of one owner's channels.
    daily
        Canonical daily table (follower look-up for ``conversation_rate``).
    effort
        Canonical effort table: the owner's hours per day and platform.
    hours_per_week
        The owner's hours a week on social media in total, when there is no
        effort table (or it misses a platform).

    Returns
    -------
    DataFrame
        One row per channel, best first: ``platform, account, posts,
        comments``, ``comments_per_post`` = sum(comments) / posts with a
        known comment count, ``conversation_rate`` = sum(comments) /
        sum(followers), ``hours``, ``comments_per_hour`` = sum(comments) /
        hours, ``ranked_by`` (``"comments_per_hour"`` or
        ``"comments_per_post"``), ``rank`` and ``recommended``.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x", "x", "instagram", "facebook"],
    ...     "account": ["cafe"] * 4, "post_id": list("abcd"),
    ...     "published_at": pd.to_datetime(["2026-03-01T10:00Z"] * 3 + ["2026-03-14T10:00Z"]),
    ...     "comments": [1, 3, 12, 1]})
    >>> focus = channel_focus(posts, hours_per_week=2)  # 4 hours over 2 weeks, split by posts
    >>> focus[["platform", "comments_per_post", "hours", "comments_per_hour", "recommended"]]
        platform  comments_per_post  hours  comments_per_hour  recommended
    0  instagram               12.0    1.0               12.0         True
    1          x                2.0    2.0                2.0        False
    2   facebook                1.0    1.0                1.0        False
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    terms = rate_terms(posts, daily)
    code, names = account_index(posts)
    sums = conversation_sums(terms["comments"], terms["audience"], code)
    g = pd.DataFrame(
        {
            "platform": names["platform"].to_numpy()[sums["key"]],
            "account": names["account"].to_numpy()[sums["key"]],
            "posts": sums["size"],
            "comments": sums["comments"],
            "known": sums["known"].astype(np.int64),
            "num": sums["num"],
            "den": sums["den"],
        }
    )
    out = g[ACCOUNT + ["posts"]].copy()
    out["comments"] = pd.array(np.where(g["known"] > 0, g["comments"], np.nan), dtype="Float64")
    out["comments_per_post"] = ratio(out["comments"], g["known"])
    out["conversation_rate"] = ratio(g["num"].where(g["den"] > 0), g["den"])
    out["hours"] = _hours(utc_day(posts["published_at"])[code >= 0], out, effort, hours_per_week)
    out["comments_per_hour"] = ratio(out["comments"], out["hours"])
    by_hour = len(out) > 0 and bool(out["comments_per_hour"].notna().all())
    score_name = "comments_per_hour" if by_hour else "comments_per_post"
    score = out[score_name].astype(float)
    out["ranked_by"] = score_name
    order = np.argsort(-score.fillna(-np.inf).to_numpy(), kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    score = score.iloc[order].reset_index(drop=True)
    out["rank"] = pd.array(range(1, len(out) + 1), dtype="Int64")
    best = score.iloc[0] if len(score) else np.nan
    keep = score.notna() & (best > 0)
    keep &= (out["rank"] == 1) | ((out["rank"] == 2) & (score >= 0.5 * best))
    out["recommended"] = keep.fillna(False).astype(bool)
    out["posts"] = out["posts"].astype("Int64")
    return out.astype({"platform": "string", "account": "string", "ranked_by": "string"})


def _hours(
    days: pd.Series, out: pd.DataFrame, effort: pd.DataFrame | None, hours_per_week: float | None
) -> pd.Series:
    """Hours per channel of ``out`` over ``days`` (its posts' UTC days), from effort or hours_per_week."""
    hours = pd.Series(np.nan, index=out.index, dtype=float)
    days = days.dropna()
    if not len(days):
        return hours.astype("Float64")
    first, last = days.min(), days.max()
    if effort is not None:
        effort = canonical(effort, "effort")
        inside = effort[(effort["date"] >= first) & (effort["date"] <= last)]
        per_platform = inside.groupby("platform", observed=True)["hours"].sum().astype(float)
        counts = out.groupby("platform")["posts"].transform("sum")
        share = out["posts"] / counts
        hours = out["platform"].map(per_platform).astype(float) * share.astype(float)
    if hours_per_week is not None:
        weeks = ((last - first).days + 1) / 7
        total = hours_per_week * weeks
        share = out["posts"] / out["posts"].sum()
        hours = hours.fillna(total * share.astype(float))
    return pd.Series(hours, index=out.index).astype("Float64")
