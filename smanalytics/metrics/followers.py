"""The follower audience of each post: who could see it when it went out.

Rates per follower need the audience at the time of the post. Exports say it
in different places, so it is looked up in this order:

1. the post's own ``followers`` value (``source = "post"``);
2. else the account's daily ``followers`` on the UTC day the post was
   published (``"daily"``);
3. else the last known daily ``followers`` before that day
   (``"daily_before"``);
4. else unknown (``<NA>``): rates of that post are missing, never 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from smanalytics.metrics._common import (
    ACCOUNT,
    account_codes,
    account_codes_and_names,
    asof,
    canonical,
    day_number,
    order_by,
)

__all__ = ["post_audience", "latest_followers"]


def post_audience(posts: pd.DataFrame, daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """The follower audience of each post and where it came from.

    Parameters
    ----------
    posts
        Canonical posts table.
    daily
        Canonical daily table of the same accounts, used when a post does not
        carry its own ``followers``.

    Returns
    -------
    DataFrame
        Same index and order as ``posts``, columns ``audience`` (Int64) and
        ``audience_source`` (``"post"``, ``"daily"``, ``"daily_before"`` or
        ``<NA>``).

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x", "x", "x"], "account": ["cafe"] * 3,
    ...     "post_id": ["1", "2", "3"], "followers": [500, None, None],
    ...     "published_at": pd.to_datetime(["2026-01-01T09:00Z", "2026-01-02T23:30Z",
    ...                                     "2026-01-05T08:00Z"])})
    >>> daily = pd.DataFrame({"platform": ["x", "x"], "account": ["cafe", "cafe"],
    ...     "date": pd.to_datetime(["2026-01-02", "2026-01-03"]), "followers": [510, 512]})
    >>> post_audience(posts, daily)
       audience audience_source
    0       500            post
    1       510           daily
    2       512    daily_before
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    value, source = audience_values(posts, daily)
    audience = pd.Series(pd.arrays.IntegerArray(value, source < 0), index=posts.index)
    labels = pa.DictionaryArray.from_arrays(
        pa.array(source, mask=source < 0), pa.array(["post", "daily", "daily_before"])
    ).cast(pa.string())
    return pd.DataFrame(
        {"audience": audience, "audience_source": pd.array(labels, dtype="string")}, index=posts.index
    )


def audience_floats(posts: pd.DataFrame, daily: pd.DataFrame | None) -> np.ndarray:
    """Each post's audience (:func:`post_audience`) as float64, NaN where unknown: a rate's denominator."""
    value, source = audience_values(posts, daily)
    return np.where(source >= 0, value, np.nan)


def audience_values(posts: pd.DataFrame, daily: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """:func:`post_audience` as arrays, for the summaries: the audience and where it came from.

    Returns the audience of each post as int64 (0 when unknown) and its
    source as int8: 0 the post's own ``followers``, 1 the daily count of its
    day, 2 an earlier daily count, -1 unknown.
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    daily = canonical(daily, "daily")
    own = posts["followers"]
    value = own.to_numpy(dtype=np.int64, na_value=0)
    source = np.where(own.notna().to_numpy(), 0, -1).astype(np.int8)
    need = source < 0
    known = (daily["followers"].notna() & daily["date"].notna()).to_numpy()
    if need.any() and known.any():
        post_code, daily_code = account_codes(posts, daily)
        left_code = post_code[need]
        left_day = day_number(posts["published_at"])[need]
        right_code, right_day = daily_code[known], day_number(daily["date"])[known]
        order = order_by(right_code, right_day)
        right_code, right_day = right_code[order], right_day[order]
        at = asof(left_code, left_day, right_code, right_day)
        found = at >= 0
        values = daily["followers"].to_numpy(dtype=np.int64, na_value=0)[known][order]
        rows = np.flatnonzero(need)[found]
        value[rows] = values[at[found]]
        source[rows] = np.where(right_day[at[found]] == left_day[found], 1, 2)
    return value, source


def latest_followers(
    posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, until: pd.Series | None = None
) -> pd.DataFrame:
    """The latest known follower count of each account.

    Both the daily ``followers`` (a total at the end of the day) and the
    posts' own ``followers`` count; on the same day the daily figure wins,
    being the later one.

    Parameters
    ----------
    posts, daily
        Canonical tables.
    until
        Optional DataFrame of ``platform, account, end``: for each of its
        rows, the latest count on or before ``end`` is returned instead
        (one row per row of ``until``, in its order).

    Returns
    -------
    DataFrame
        ``platform, account, followers, followers_date`` (one row per account,
        or per row of ``until``).

    Examples
    --------
    >>> daily = pd.DataFrame({"platform": ["x", "x"], "account": ["cafe", "cafe"],
    ...     "date": pd.to_datetime(["2026-01-02", "2026-01-03"]), "followers": [510, None]})
    >>> latest_followers(None, daily)
      platform account  followers followers_date
    0        x    cafe        510     2026-01-02
    """
    posts = canonical(posts, "posts")
    daily = canonical(daily, "daily")
    frames = [posts, daily] + ([until] if until is not None else [])
    codes, names = account_codes_and_names(*frames)
    code, day, rank, time, followers = [], [], [], [], []
    for i, (table_code, table_day, table_time, table_followers) in enumerate(
        [
            (codes[0], day_number(posts["published_at"]), posts["published_at"], posts["followers"]),
            (codes[1], day_number(daily["date"]), daily["date"], daily["followers"]),
        ]
    ):
        value = table_followers.to_numpy(dtype=float, na_value=np.nan)
        keep = ~np.isnan(value) & (table_code >= 0) & (table_day > np.iinfo(np.int64).min // 8)
        code.append(table_code[keep])
        day.append(table_day[keep])
        rank.append(np.full(int(keep.sum()), i, dtype=np.int64))
        time.append(table_time.to_numpy("datetime64[ns]").astype(np.int64)[keep])
        followers.append(value[keep])
    code, day, rank, time, followers = map(np.concatenate, (code, day, rank, time, followers))
    # the later of two observations of a day wins: daily totals (end of day) after posts
    span = 1 << 32
    idx = order_by(code * (2 * span) + (day + span // 2) * 2 + rank, time)
    epoch = np.datetime64("1970-01-01", "D")
    if until is None:
        last = idx[np.r_[code[idx][1:] != code[idx][:-1], True]] if len(idx) else idx
        out = pd.DataFrame(
            {
                "platform": names["platform"].to_numpy()[code[last]],
                "account": names["account"].to_numpy()[code[last]],
                "followers": followers[last],
                "followers_date": (epoch + day[last]).astype("datetime64[ns]"),
            }
        )
        out = out.sort_values(ACCOUNT, kind="stable", ignore_index=True)
        return out.astype({"platform": "string", "account": "string", "followers": "Int64"})
    at = asof(codes[2], day_number(until["end"]), code[idx], day[idx])
    found = at >= 0
    value = np.full(len(until), np.nan)
    value[found] = followers[idx[at[found]]]
    when = np.full(len(until), np.datetime64("NaT"), dtype="datetime64[ns]")
    when[found] = (epoch + day[idx[at[found]]]).astype("datetime64[ns]")
    out = pd.DataFrame(
        {
            "platform": until["platform"].to_numpy(),
            "account": until["account"].to_numpy(),
            "followers": value,
            "followers_date": when,
        }
    )
    return out.astype({"platform": "string", "account": "string", "followers": "Int64"})
