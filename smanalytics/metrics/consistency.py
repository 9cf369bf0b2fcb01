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

from smanalytics.metrics._common import (
    ACCOUNT,
    account_codes_and_names,
    canonical,
    day_number,
    distinct,
    utc_day,
)

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
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    daily = canonical(daily, "daily")
    (post_code, daily_code), names = account_codes_and_names(posts, daily)
    post_day = day_number(posts["published_at"])
    daily_day = day_number(daily["date"])
    post_ok = (post_code >= 0) & posts["published_at"].notna().to_numpy()
    daily_ok = (daily_code >= 0) & daily["date"].notna().to_numpy()
    post_code, post_day = post_code[post_ok], post_day[post_ok]
    columns = ACCOUNT + [
        "first_post", "last_post", "posts", "weeks", "active_weeks", "active_week_share",
        "posts_per_week", "longest_gap_days", "silences", "days_since_last_post", "status",
    ]  # fmt: skip
    covered_last = max(post_day.max(initial=_NONE), daily_day[daily_ok].max(initial=_NONE))
    if today is None and covered_last == _NONE:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    now = _today(pd.DataFrame({"day": [_EPOCH + covered_last]}), today)
    now_day = int(day_number(pd.Series([now], dtype="datetime64[ns]"))[0])
    n_codes = len(names)
    # first covered day, and first and last post day, of every account
    first = np.full(n_codes, np.iinfo(np.int64).max)
    np.minimum.at(first, post_code, post_day)
    np.minimum.at(first, daily_code[daily_ok], daily_day[daily_ok])
    n = np.bincount(post_code, minlength=n_codes)
    first_post = np.full(n_codes, np.iinfo(np.int64).max)
    np.minimum.at(first_post, post_code, post_day)
    last_post = np.full(n_codes, np.iinfo(np.int64).min)
    np.maximum.at(last_post, post_code, post_day)
    # distinct post days in order: gaps between consecutive ones, and the one going on
    span = 1 << 32
    pairs = distinct(post_code * span + (post_day + span // 2))
    code, day = pairs // span, pairs % span - span // 2
    last_of_code = np.r_[code[1:] != code[:-1], True] if len(code) else np.zeros(0, bool)
    gap = np.where(last_of_code, now_day - day, np.r_[day[1:], 0] - day)
    longest = np.full(n_codes, -1)
    np.maximum.at(longest, code[gap > -1], gap[gap > -1])
    count = np.bincount(code[gap > silence_days], minlength=n_codes)
    # weeks (Monday to Sunday) with at least one post
    week = day - (day + 3) % 7  # 1970-01-01 was a Thursday
    active = np.bincount(distinct(code * span + (week + span // 2)) // span, minlength=n_codes)
    has = first != np.iinfo(np.int64).max
    posted = n > 0
    weeks = np.maximum(1, (now_day - first) // 7 + 1)
    since = now_day - last_post
    stamp = lambda days, ok: np.where(ok, _EPOCH + np.where(ok, days, 0), np.datetime64("NaT"))  # noqa: E731
    out = pd.DataFrame(
        {
            "platform": names["platform"].to_numpy(),
            "account": names["account"].to_numpy(),
            "first_post": stamp(first_post, posted).astype("datetime64[ns]"),
            "last_post": stamp(last_post, posted).astype("datetime64[ns]"),
            "posts": n,
            "weeks": weeks,
            "active_weeks": active,
            "active_week_share": active / weeks,
            "posts_per_week": n / weeks,
            "longest_gap_days": pd.array(np.where(posted & (longest >= 0), longest, 0), dtype="Int64"),
            "silences": count,
            "days_since_last_post": pd.array(np.where(posted, since, 0), dtype="Int64"),
            "status": np.where(
                posted, np.where(since >= abandoned_days, "abandoned", "active"), "never posted"
            ),
        }
    )
    out.loc[~(posted & (longest >= 0)), "longest_gap_days"] = pd.NA
    out.loc[~posted, "days_since_last_post"] = pd.NA
    out = out[has].reset_index(drop=True)
    return out.astype(
        {
            "platform": "string", "account": "string", "first_post": "datetime64[ns]",
            "last_post": "datetime64[ns]", "posts": "Int64", "weeks": "Int64", "active_weeks": "Int64",
            "active_week_share": "Float64", "posts_per_week": "Float64", "longest_gap_days": "Int64",
            "silences": "Int64", "days_since_last_post": "Int64", "status": "string",
        }
    )  # fmt: skip


_NONE = np.iinfo(np.int64).min // 4  # day_number of NaT
_EPOCH = np.datetime64("1970-01-01", "D")
