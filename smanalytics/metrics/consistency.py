"""Consistency: how regularly an account posts, its silences, and channels abandoned.

A channel that was started and then left quiet tells visitors the business
is closed: worse than never starting. These functions find that.

"Today" is the day the figures are as of: by default the last day any given
table covers (posts or daily rows, across all accounts), so that the result
depends on the data alone; pass ``today=`` for the real date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import ACCOUNT, canonical, utc_day

__all__ = ["weekly_posts", "silences", "consistency"]


def _days(posts: pd.DataFrame, daily: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    daily = canonical(daily, "daily")
    post_days = pd.DataFrame({"platform": posts["platform"], "account": posts["account"]})
    post_days["day"] = utc_day(posts["published_at"])
    post_days = post_days.dropna()
    covered = pd.concat(
        [post_days, daily[ACCOUNT + ["date"]].rename(columns={"date": "day"}).dropna()],
        ignore_index=True,
    )
    return post_days, covered


def _today(covered: pd.DataFrame, today) -> pd.Timestamp | None:
    if today is not None:
        stamp = pd.Timestamp(today)
        return (stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp).normalize()
    return covered["day"].max() if len(covered) else None


def weekly_posts(posts: pd.DataFrame, daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """Posts per week (Monday to Sunday) of every account, silent weeks included.

    Parameters
    ----------
    posts, daily
        Canonical tables; every week from the first to the last day that the
        account's posts or daily rows cover is listed.

    Returns
    -------
    DataFrame
        ``platform, account, week_start`` (the Monday), ``posts``.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"] * 3, "account": ["cafe"] * 3,
    ...     "post_id": ["1", "2", "3"], "published_at": pd.to_datetime(
    ...     ["2026-03-02T10:00Z", "2026-03-04T10:00Z", "2026-03-18T10:00Z"])})
    >>> weekly_posts(posts)
      platform account week_start  posts
    0        x    cafe 2026-03-02      2
    1        x    cafe 2026-03-09      0
    2        x    cafe 2026-03-16      1
    """
    post_days, covered = _days(posts, daily)
    post_weeks = post_days["day"] - pd.to_timedelta(post_days["day"].dt.day_of_week, unit="D")
    counts = (
        post_days.assign(week_start=post_weeks)
        .groupby(ACCOUNT + ["week_start"], observed=True)
        .size()
        .rename("posts")
        .reset_index()
    )
    span = covered.groupby(ACCOUNT, observed=True)["day"].agg(["min", "max"]).reset_index()
    first = span["min"] - pd.to_timedelta(span["min"].dt.day_of_week, unit="D")
    n = ((span["max"] - first).dt.days // 7 + 1).to_numpy()
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    grid = pd.DataFrame(
        {
            "platform": np.repeat(span["platform"].to_numpy(), n),
            "account": np.repeat(span["account"].to_numpy(), n),
            "week_start": np.repeat(first.to_numpy(), n) + pd.to_timedelta(offsets * 7, unit="D").to_numpy(),
        }
    ).astype({"platform": "string", "account": "string", "week_start": "datetime64[ns]"})
    counts = counts.astype({"platform": "string", "account": "string", "week_start": "datetime64[ns]"})
    out = grid.merge(counts, on=ACCOUNT + ["week_start"], how="left")
    out["posts"] = out["posts"].fillna(0).astype("Int64")
    return out


def silences(
    posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, min_days: int = 14, today=None
) -> pd.DataFrame:
    """Every silence of more than ``min_days`` days between posts, and the one going on.

    A silence runs from one post's UTC day to the next post's; its length is
    the number of calendar days between them. The last one runs to ``today``
    (``ongoing``).

    Returns
    -------
    DataFrame
        ``platform, account, last_post, next_post`` (``NaT`` when ongoing),
        ``days``, ``ongoing``; longest first within each account.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"] * 3, "account": ["cafe"] * 3,
    ...     "post_id": ["1", "2", "3"], "published_at": pd.to_datetime(
    ...     ["2026-03-01T10:00Z", "2026-03-20T10:00Z", "2026-03-25T10:00Z"])})
    >>> silences(posts, min_days=14, today="2026-04-30")[["last_post", "days", "ongoing"]]
       last_post  days  ongoing
    0 2026-03-25    36     True
    1 2026-03-01    19    False
    """
    post_days, covered = _days(posts, daily)
    now = _today(covered, today)
    ordered = post_days.drop_duplicates().sort_values(ACCOUNT + ["day"], kind="stable")
    ordered["next_post"] = ordered.groupby(ACCOUNT, observed=True)["day"].shift(-1)
    ordered = ordered.rename(columns={"day": "last_post"})
    ordered["ongoing"] = ordered["next_post"].isna()
    until = ordered["next_post"].fillna(now) if now is not None else ordered["next_post"]
    ordered["days"] = (until - ordered["last_post"]).dt.days
    out = ordered[ordered["days"] > min_days]
    out = out.sort_values(ACCOUNT + ["days"], ascending=[True, True, False], kind="stable")
    out = out[ACCOUNT + ["last_post", "next_post", "days", "ongoing"]].reset_index(drop=True)
    return out.astype({"days": "Int64", "ongoing": "boolean"})


def consistency(
    posts: pd.DataFrame,
    daily: pd.DataFrame | None = None,
    *,
    silence_days: int = 14,
    abandoned_days: int = 60,
    today=None,
) -> pd.DataFrame:
    """How regularly each account posts, and whether it has been abandoned.

    Parameters
    ----------
    posts, daily
        Canonical tables; an account with daily rows but no post is a channel
        that was never used (``"never posted"``).
    silence_days
        A gap between posts longer than this many days is a silence.
    abandoned_days
        An account that posted before but not in the last ``abandoned_days``
        days (``days_since_last_post >= abandoned_days``) is ``"abandoned"``.
    today
        The day the figures are as of (default: the last day in the data).

    Returns
    -------
    DataFrame
        One row per account: ``first_post, last_post, posts, weeks`` (weeks
        from the first covered day to ``today``), ``active_weeks`` (with at
        least one post), ``active_week_share`` = active_weeks / weeks,
        ``posts_per_week`` = posts / weeks, ``longest_gap_days`` (between
        posts, or since the last post if longer), ``silences`` (count of gaps
        longer than ``silence_days``, the ongoing one included),
        ``days_since_last_post`` and ``status`` (``"active"``,
        ``"abandoned"``, ``"never posted"``).

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x", "x", "instagram"], "account": ["cafe"] * 3,
    ...     "post_id": ["1", "2", "3"], "published_at": pd.to_datetime(
    ...     ["2026-01-05T10:00Z", "2026-01-07T10:00Z", "2026-03-30T10:00Z"])})
    >>> c = consistency(posts, today="2026-04-01")
    >>> c[["platform", "posts", "days_since_last_post", "status"]]
        platform  posts  days_since_last_post     status
    0  instagram      1                     2     active
    1          x      2                    84  abandoned
    """
    post_days, covered = _days(posts, daily)
    now = _today(covered, today)
    columns = ACCOUNT + [
        "first_post", "last_post", "posts", "weeks", "active_weeks", "active_week_share",
        "posts_per_week", "longest_gap_days", "silences", "days_since_last_post", "status",
    ]  # fmt: skip
    if now is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    first_day = covered.groupby(ACCOUNT, observed=True)["day"].min()
    stats = post_days.groupby(ACCOUNT, observed=True)["day"].agg(["min", "max", "size"])
    weekly = weekly_posts(posts, daily)
    quiet = silences(posts, daily, min_days=silence_days, today=now)
    gaps = silences(posts, daily, min_days=-1, today=now)
    active_weeks = (weekly["posts"] > 0).groupby([weekly["platform"], weekly["account"]]).sum()
    longest = gaps.groupby(ACCOUNT, observed=True)["days"].max()
    count = quiet.groupby(ACCOUNT, observed=True).size()
    rows = []
    for key, first in first_day.items():
        weeks = max(1, ((now - first).days // 7) + 1)
        if key in stats.index:
            first_post, last_post, n = stats.loc[key]
            since = (now - last_post).days
            status = "abandoned" if since >= abandoned_days else "active"
            gap = longest.get(key, pd.NA)
        else:
            first_post = last_post = pd.NaT
            n, since, status, gap = 0, pd.NA, "never posted", pd.NA
        active = int(active_weeks.get(key, 0))
        rows.append(
            (*key, first_post, last_post, int(n), weeks, active, active / weeks, int(n) / weeks, gap,
             int(count.get(key, 0)), since, status)
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(
        {
            "platform": "string", "account": "string", "first_post": "datetime64[ns]",
            "last_post": "datetime64[ns]", "posts": "Int64", "weeks": "Int64", "active_weeks": "Int64",
            "active_week_share": "Float64", "posts_per_week": "Float64", "longest_gap_days": "Int64",
            "silences": "Int64", "days_since_last_post": "Int64", "status": "string",
        }
    )  # fmt: skip
