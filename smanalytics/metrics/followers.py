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

import pandas as pd

from smanalytics.metrics._common import ACCOUNT, canonical, utc_day

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
    daily = canonical(daily, "daily")
    own = posts["followers"]
    audience = own.astype("Int64").copy()
    source = pd.Series(pd.NA, index=posts.index, dtype="string")
    source[own.notna().to_numpy()] = "post"
    need = own.isna().to_numpy()
    known = daily.loc[daily["followers"].notna(), ACCOUNT + ["date", "followers"]]
    if need.any() and len(known):
        left = posts.loc[need, ACCOUNT].assign(day=utc_day(posts.loc[need, "published_at"]))
        left["_row"] = range(len(left))
        left = left[left["day"].notna()].sort_values("day", kind="stable")
        right = known.drop_duplicates(ACCOUNT + ["date"], keep="last").sort_values("date", kind="stable")
        right = right.rename(columns={"followers": "_followers"})
        matched = pd.merge_asof(left, right, left_on="day", right_on="date", by=ACCOUNT, direction="backward")
        matched = matched[matched["_followers"].notna()]
        index = posts.index[need][matched["_row"].to_numpy()]
        audience.loc[index] = matched["_followers"].to_numpy()
        same_day = (matched["date"] == matched["day"]).to_numpy()
        source.loc[index] = pd.array(["daily" if s else "daily_before" for s in same_day], dtype="string")
    return pd.DataFrame({"audience": audience, "audience_source": source}, index=posts.index)


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
    obs = pd.concat(
        [
            pd.DataFrame(
                {
                    "platform": posts["platform"],
                    "account": posts["account"],
                    "date": utc_day(posts["published_at"]),
                    "followers": posts["followers"],
                    "_rank": 0,
                    "_time": posts["published_at"].dt.tz_localize(None)
                    if isinstance(posts["published_at"].dtype, pd.DatetimeTZDtype)
                    else posts["published_at"],
                }
            ),
            pd.DataFrame(
                {
                    "platform": daily["platform"],
                    "account": daily["account"],
                    "date": daily["date"],
                    "followers": daily["followers"],
                    "_rank": 1,
                    "_time": daily["date"],
                }
            ),
        ],
        ignore_index=True,
    )
    obs = obs[obs["followers"].notna() & obs["date"].notna()]
    obs = obs.sort_values(["date", "_rank", "_time"], kind="stable")
    if until is None:
        last = obs.drop_duplicates(ACCOUNT, keep="last").sort_values(ACCOUNT, kind="stable")
        out = last[ACCOUNT + ["followers", "date"]].rename(columns={"date": "followers_date"})
        out = out.reset_index(drop=True).astype({"platform": "string", "account": "string"})
        return out.astype({"followers": "Int64"})
    left = until[ACCOUNT + ["end"]].copy()
    left["_row"] = range(len(left))
    left = left.sort_values("end", kind="stable")
    right = obs[ACCOUNT + ["date", "followers"]].rename(columns={"date": "followers_date"})
    matched = pd.merge_asof(
        left, right, left_on="end", right_on="followers_date", by=ACCOUNT, direction="backward"
    ).sort_values("_row")
    out = matched[ACCOUNT + ["followers", "followers_date"]].reset_index(drop=True)
    return out.astype({"followers": "Int64"})
