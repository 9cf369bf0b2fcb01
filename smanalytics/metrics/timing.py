"""Best time to post: conversation by weekday and part of the day, against the account's usual.

Each organic post's conversation rate (comments per follower when it went
out; per person reached, or per impression, for an account with no follower
count) is divided by the account's **usual** rate: the median over all its
organic posts, so a typical post scores 1. A cell (a weekday, or a weekday
and a part of the day) scores the median of its posts' scores, so "2.1" means
its typical post got 2.1 times the conversation of the account's typical
post. Where the account's median post gets fewer than :data:`FEW_COMMENTS`
comments (a small account), a median of whole comments jumps between 0, 1
and 2 (a cell whose posts got 0 or 1 comments would read 0x), so means stand
in for both medians: a cell scores its posts' mean rate over the account's
mean rate. Cells with fewer than :data:`MIN_POSTS` posts are kept but
marked, and are never called the best.

Times are the posts' ``published_at`` as the exports give them: Meta Business
Suite writes the account's local time (and the importer keeps it), most other
platforms UTC. Exports that give only the day (X's content export) have every
post at midnight: such an account gets weekday cells only (``hour`` missing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.metrics._common import ACCOUNT, canonical
from smanalytics.metrics.rates import post_rates
from smanalytics.metrics.summary import CONVERSATION_BASES

__all__ = [
    "best_times",
    "best_cells",
    "post_times",
    "PARTS_OF_DAY",
    "MIN_POSTS",
    "STANDS_OUT",
    "FEW_COMMENTS",
]

#: Parts of the day: name, first hour, first hour after it.
PARTS_OF_DAY: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 6),
    ("morning", 6, 12),
    ("afternoon", 12, 18),
    ("evening", 18, 24),
)

#: Fewest posts for a cell to be judged.
MIN_POSTS = 5

#: Below this many comments on the account's median post, cells are scored by means, not medians.
FEW_COMMENTS = 3

#: A best cell "stands out" when its posts got at least this many times the usual conversation.
STANDS_OUT = 1.25

#: An account whose posts are nearly all at midnight exactly was exported by day, not by time.
_DAY_ONLY_SHARE = 0.9

_TIME_COLUMNS = [
    *ACCOUNT, "post_id", "published_at", "weekday", "hour", "rate", "basis", "score", "by_mean",
]  # fmt: skip


def post_times(posts: pd.DataFrame, daily: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each organic post's weekday, hour and conversation against its account's usual.

    Parameters
    ----------
    posts, daily
        Canonical tables (``daily`` for the follower count of posts that do
        not carry it).

    Returns
    -------
    DataFrame
        One row per organic post whose conversation rate is known:
        ``platform, account, post_id, published_at``, ``weekday`` (0 =
        Monday), ``hour`` (0-23, ``<NA>`` when the account's exports give
        only days), ``rate`` (comments over the ``basis`` denominator:
        ``followers``, ``reach`` or ``impressions``, the first of these the
        account has for most of its posts), ``score`` (rate / the account's
        median rate, or / its mean rate when its median post gets fewer
        than :data:`FEW_COMMENTS` comments) and ``by_mean`` (whether it is
        the mean).

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": "x", "account": "cafe", "post_id": ["1", "2", "3"],
    ...     "published_at": pd.to_datetime(["2026-03-07T09:00Z", "2026-03-08T19:30Z",
    ...                                     "2026-03-09T10:00Z"]),
    ...     "followers": 1000, "comments": [6, 2, 3]})
    >>> t = post_times(posts)  # the median rate is 3 / 1000
    >>> t["weekday"].tolist(), t["hour"].tolist(), t["score"].round(2).tolist()
    ([5, 6, 0], [9, 19, 10], [2.0, 0.67, 1.0])
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    rates = post_rates(posts, daily)
    organic = (posts["paid"] != True).fillna(True).to_numpy(bool)  # noqa: E712
    stamps = posts["published_at"]
    if isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_convert("UTC").dt.tz_localize(None)
    frame = pd.DataFrame(
        {
            "platform": posts["platform"].astype("string"),
            "account": posts["account"].astype("string"),
            "post_id": posts["post_id"],
            "published_at": posts["published_at"],
            "weekday": stamps.dt.day_of_week.astype("Int64"),
            "hour": stamps.dt.hour.astype("Int64"),
            "_midnight": (stamps == stamps.dt.normalize()).to_numpy(bool),
            "_comments": posts["comments"].to_numpy(dtype=float, na_value=np.nan),
        }
    )
    for basis, column in CONVERSATION_BASES:
        frame[f"_{basis}"] = rates[column].to_numpy(dtype=float, na_value=np.nan)
    frame = frame[organic & stamps.notna().to_numpy()]
    parts = []
    for _, mine in frame.groupby(ACCOUNT, sort=True):
        parts.append(_scored(mine))
    if not parts:
        return schema.empty_of(_EMPTY_TYPES)
    out = pd.concat(parts, ignore_index=True)
    return out[_TIME_COLUMNS].astype(_EMPTY_TYPES)


_EMPTY_TYPES = {
    "platform": "string",
    "account": "string",
    "post_id": "string",
    "published_at": "datetime64[ns, UTC]",
    "weekday": "Int64",
    "hour": "Int64",
    "rate": "float64",
    "basis": "string",
    "score": "float64",
    "by_mean": "bool",
}


def _scored(mine: pd.DataFrame) -> pd.DataFrame:
    """One account's posts with a known rate, each scored against the account's usual rate."""
    basis = next(
        (b for b, _ in CONVERSATION_BASES if mine[f"_{b}"].notna().mean() >= 0.5),
        next((b for b, _ in CONVERSATION_BASES if mine[f"_{b}"].notna().any()), "followers"),
    )
    mine = mine.assign(rate=mine[f"_{basis}"], basis=basis).dropna(subset=["rate"])
    if mine["_midnight"].mean() >= _DAY_ONLY_SHARE:
        mine = mine.assign(hour=pd.array([pd.NA] * len(mine), dtype="Int64"))
    by_mean = bool(len(mine)) and float(mine["_comments"].median()) < FEW_COMMENTS
    usual = float(mine["rate"].mean() if by_mean else mine["rate"].median()) if len(mine) else np.nan
    score = mine["rate"] / usual if usual > 0 else np.nan
    return mine.assign(score=score, by_mean=by_mean)


def best_times(posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, min_posts: int = MIN_POSTS):
    """Conversation by weekday and part of the day, per account, against the account's usual.

    Parameters
    ----------
    posts, daily
        Canonical tables: the whole history counts (the more posts, the
        surer), not only the period reported on.
    min_posts
        Fewest posts for a cell to be judged (``enough``).

    Returns
    -------
    DataFrame
        One row per account and cell, two kinds of cell: per weekday and part
        of the day (``hour`` is the part's first hour: 0 night, 6 morning, 12
        afternoon, 18 evening; ``hours`` = 6), for accounts whose exports give
        times, and per weekday (``hour`` and ``hours`` missing), for every
        account. Columns: ``platform, account, weekday`` (0 = Monday),
        ``hour``, ``hours``, ``posts``, ``ratio`` (the median score of the
        cell's posts, see :func:`post_times`; the mean score where the
        account's median rate is 0), ``enough`` (posts >= ``min_posts``) and
        ``basis`` (the rate's denominator).

    Examples
    --------
    >>> stamps = pd.to_datetime(["2026-03-07T09:00Z"] * 5 + ["2026-03-09T19:00Z"] * 5)
    >>> posts = pd.DataFrame({"platform": "x", "account": "cafe", "post_id": list("abcdefghij"),
    ...     "published_at": stamps, "followers": 1000, "comments": [4] * 5 + [1] * 5})
    >>> t = best_times(posts)   # median rate: (1 + 4) / 2 / 1000 = 0.0025
    >>> t[t["hour"].notna()][["weekday", "hour", "posts", "ratio", "enough"]]
       weekday  hour  posts  ratio  enough
    0        0    18      5    0.4    True
    1        5     6      5    1.6    True
    """
    scored = post_times(posts, daily)
    columns = [*ACCOUNT, "weekday", "hour", "hours", "posts", "ratio", "enough", "basis"]
    if not len(scored):
        return pd.DataFrame(columns=columns)
    scored = scored[scored["score"].notna()].copy()
    starts = np.array([first for _, first, _ in PARTS_OF_DAY])
    hour = scored["hour"].to_numpy(dtype=float, na_value=np.nan)
    part = np.searchsorted(starts, hour, side="right") - 1
    scored["part_hour"] = pd.array(np.where(np.isnan(hour), np.nan, starts[np.clip(part, 0, None)]),
                                   dtype="Int64")  # fmt: skip
    cells = []
    for keys, level in ((["weekday", "part_hour"], "time"), (["weekday"], "day")):
        frame = scored if level == "day" else scored[scored["part_hour"].notna()]
        if not len(frame):
            continue
        grouped = frame.groupby([*ACCOUNT, *keys], sort=True)
        table = grouped.agg(
            posts=("score", "size"),
            median=("score", "median"),
            mean=("score", "mean"),
            by_mean=("by_mean", "any"),
            basis=("basis", "first"),
        ).reset_index()
        table["ratio"] = np.where(table["by_mean"], table["mean"], table["median"])
        if level == "time":
            table = table.rename(columns={"part_hour": "hour"})
            table["hours"] = pd.array([PARTS_OF_DAY[0][2]] * len(table), dtype="Int64")
        else:
            table["hour"] = pd.array([pd.NA] * len(table), dtype="Int64")
            table["hours"] = pd.array([pd.NA] * len(table), dtype="Int64")
        cells.append(table)
    out = pd.concat(cells, ignore_index=True)
    out["enough"] = out["posts"] >= min_posts
    out = out.astype({"weekday": "Int64", "hour": "Int64", "hours": "Int64", "posts": "Int64"})
    return out[columns].reset_index(drop=True)


def best_cells(times: pd.DataFrame, *, stands_out: float = STANDS_OUT) -> pd.DataFrame:
    """Each account's best cell of :func:`best_times`: the finest with enough posts and the most conversation.

    A weekday and part of the day when any such cell has enough posts, else
    a weekday; ties go to the cell with more posts.

    Returns
    -------
    DataFrame
        One row per account: ``platform, account, weekday, hour, hours,
        posts, ratio`` of its best cell (all missing but ``posts`` when no
        cell has enough posts), ``total_posts`` (posts scored),
        ``stands_out`` (ratio >= ``stands_out``) and ``basis``.

    Examples
    --------
    >>> stamps = pd.to_datetime(["2026-03-07T09:00Z"] * 5 + ["2026-03-09T19:00Z"] * 5)
    >>> posts = pd.DataFrame({"platform": "x", "account": "cafe", "post_id": list("abcdefghij"),
    ...     "published_at": stamps, "followers": 1000, "comments": [4] * 5 + [1] * 5})
    >>> best_cells(best_times(posts))[["weekday", "hour", "posts", "ratio", "stands_out"]]
       weekday  hour  posts  ratio  stands_out
    0        5     6      5    1.6        True
    """
    columns = [*ACCOUNT, "weekday", "hour", "hours", "posts", "ratio", "total_posts", "stands_out", "basis"]
    rows = []
    for (platform, account), mine in times.groupby(ACCOUNT, sort=True) if len(times) else []:
        days = mine[mine["hour"].isna()]
        total = int(days["posts"].sum())
        enough = mine[mine["enough"].astype(bool)]
        finest = enough[enough["hour"].notna()]
        pool = finest if len(finest) else enough
        if len(pool):
            best = pool.sort_values(["ratio", "posts"], ascending=False, kind="stable").iloc[0]
            ratio = float(best["ratio"])
            cell = (best["weekday"], best["hour"], best["hours"], best["posts"], ratio)
            rows.append((platform, account, *cell, total, ratio >= stands_out, best["basis"]))
        else:
            rows.append(
                (platform, account, pd.NA, pd.NA, pd.NA, pd.NA, np.nan, total, False, mine["basis"].iloc[0])
            )
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"weekday": "Int64", "hour": "Int64", "hours": "Int64", "posts": "Int64",
                       "total_posts": "Int64", "stands_out": bool})  # fmt: skip
