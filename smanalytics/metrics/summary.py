"""Account and account-period summaries of the engagement-quality rates.

Each rate of an account (or of one month or week of it) is
``sum(numerator) / sum(denominator)`` over the posts for which the per-post
rate is defined (numerator known, denominator known and above zero): a
denominator-weighted mean of the per-post rates of
:func:`~smanalytics.metrics.rates.post_rates`. For the three follower rates
that is a follower-weighted mean. Boosted (``paid``) posts are separated: the
``organic_*`` columns use only posts that are not marked paid.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.errors import SmanalyticsError
from smanalytics.metrics._common import (
    ACCOUNT,
    account_codes_and_names,
    canonical,
    day_number,
    group_sums,
    utc_day,
)
from smanalytics.metrics.followers import latest_followers
from smanalytics.metrics.rates import RATES, rate_terms

__all__ = ["account_summary", "RATE_NAMES", "SUMMARY_COLUMNS", "CONVERSATION_BASES"]

#: The rates an account summary reports, in order.
RATE_NAMES: tuple[str, ...] = tuple(name for name, _, _ in RATES)

_FREQS = {"M": "M", "W": "W-SUN", "Q": "Q-DEC"}

#: Columns of :func:`account_summary` (``period`` comes after ``account`` when ``freq`` is given).
SUMMARY_COLUMNS: tuple[str, ...] = (
    "platform",
    "account",
    "start",
    "end",
    "days",
    "posts",
    "paid_posts",
    "followers",
    *RATE_NAMES,
    "conversation_basis",
    "headline_conversation_rate",
    "organic_posts",
    *(f"organic_{name}" for name in RATE_NAMES),
    "posts_per_week",
    "longest_gap_days",
    "last_post",
    "days_since_last_post",
)


def account_summary(
    posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, freq: str | None = None
) -> pd.DataFrame:
    """Engagement-quality figures per account, optionally per month or week.

    Parameters
    ----------
    posts
        Canonical posts table.
    daily
        Canonical daily table: the follower look-up of posts without their
        own ``followers``, the latest follower count, and the period covered.
    freq
        ``None`` for one row per account, ``"M"`` per calendar month,
        ``"W"`` per week (Monday to Sunday) or ``"Q"`` per calendar quarter,
        every period from the account's first to its last covered day,
        silent ones included.

    Returns
    -------
    DataFrame
        One row per ``platform, account`` (and ``period``), sorted, with:

        * ``start``, ``end``, ``days``: the period covered, from the first to
          the last day that the account's posts or daily rows cover, inclusive
          (with ``freq``, clipped to the calendar period);
        * ``posts``, ``paid_posts`` (posts marked paid), ``organic_posts``;
        * ``followers``: the latest known follower count up to ``end``;
        * ``conversation_rate`` = sum(comments) / sum(audience),
          ``amplification_rate`` = sum(shares) / sum(audience),
          ``applause_rate`` = sum(likes) / sum(audience),
          ``engagement_rate_reach`` = sum(likes + comments + shares + saves) / sum(reach),
          ``engagement_rate_impressions`` = the same / sum(impressions),
          ``conversation_share`` = sum(comments) / sum(likes + comments + shares),
          ``conversation_rate_reach`` = sum(comments) / sum(reach) and
          ``conversation_rate_impressions`` = sum(comments) / sum(impressions),
          each over the posts whose own rate is defined, and ``organic_*``
          the same over posts not marked paid (missing ``paid`` counts as
          organic); missing (``<NA>``) when no post has the denominator;
        * ``headline_conversation_rate``: the conversation rate to show, over
          the best denominator known, which ``conversation_basis`` names:
          ``conversation_rate`` (``"followers"``), else
          ``conversation_rate_reach`` (``"reach"``: comments per person
          reached, when no follower count is known), else
          ``conversation_rate_impressions`` (``"impressions"``); missing
          (basis ``<NA>``) when none is known;
        * ``posts_per_week`` = posts / days x 7;
        * ``longest_gap_days``: the most calendar days between two
          consecutive posts in the period (``<NA>`` with fewer than two posts);
        * ``last_post`` and ``days_since_last_post`` = end - last post day.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"] * 3, "account": ["cafe"] * 3,
    ...     "post_id": ["1", "2", "3"], "paid": [False, True, False],
    ...     "published_at": pd.to_datetime(["2026-01-01T09:00Z", "2026-01-04T12:00Z",
    ...                                     "2026-01-14T08:00Z"]),
    ...     "followers": [100, 100, 200], "comments": [2, 8, 1], "likes": [10, 30, 5]})
    >>> s = account_summary(posts).iloc[0]
    >>> float(s.conversation_rate)           # (2 + 8 + 1) / (100 + 100 + 200)
    0.0275
    >>> float(s.organic_conversation_rate)   # (2 + 1) / (100 + 200)
    0.01
    >>> float(s.posts_per_week), int(s.longest_gap_days)  # 3 posts in 14 days; 4th -> 14th
    (1.5, 10)
    """
    if freq is not None and freq not in _FREQS:
        raise SmanalyticsError(
            f"freq={freq!r} is not supported; expected None, 'M' (month), 'W' (week) or 'Q' (quarter)"
        )
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    daily = canonical(daily, "daily")
    terms = rate_terms(posts, daily)
    day, marked = utc_day(posts["published_at"]), posts["paid"]
    (post_code, daily_code), names = account_codes_and_names(posts, daily)
    dated = day.notna().to_numpy()
    if not dated.all():  # an undated post belongs to no period
        terms = {name: values[dated] for name, values in terms.items()}
        day, marked, post_code = day[dated], marked[dated], post_code[dated]
    frame = _frame(day, post_code, daily, daily_code, names, freq)
    keys = ["_code"] + (["period"] if freq else [])
    if not len(frame):
        return _empty(freq)
    # only numbers from here on: one integer per account (and period), sums with bincount
    group = _Groups(post_code, day, freq)
    paid = (marked == True).fillna(False).to_numpy(bool)  # noqa: E712
    organic = (marked != True).fillna(True).to_numpy(bool)  # noqa: E712
    frame = frame.merge(group.counts(paid, organic), on=keys, how="left")
    frame = frame.merge(group.rates(_rate_sums(terms), organic), on=keys, how="left")
    frame = frame.merge(group.gaps(), on=keys, how="left")
    latest = latest_followers(posts, daily, until=frame[ACCOUNT + ["end"]])
    frame["followers"] = pd.array(latest["followers"].to_numpy(), dtype="Int64")
    for name in ("posts", "paid_posts", "organic_posts"):
        frame[name] = frame[name].fillna(0).astype("Int64")
    frame["days"] = ((frame["end"] - frame["start"]).dt.days + 1).astype("Int64")
    frame["posts_per_week"] = (frame["posts"] / frame["days"] * 7).astype("Float64")
    frame["days_since_last_post"] = (frame["end"] - frame["last_post"]).dt.days.astype("Int64")
    frame["longest_gap_days"] = frame["longest_gap_days"].astype("Int64")
    for name in RATE_NAMES:
        for column in (name, f"organic_{name}"):
            frame[column] = frame[column].astype("Float64")
    frame["conversation_basis"], frame["headline_conversation_rate"] = _headline(frame)
    columns = list(SUMMARY_COLUMNS)
    if freq:
        columns.insert(2, "period")
    return frame[columns].sort_values(ACCOUNT + keys[1:], kind="stable", ignore_index=True)


#: The denominators of the headline conversation rate, best first: (basis, summary column).
CONVERSATION_BASES: tuple[tuple[str, str], ...] = (
    ("followers", "conversation_rate"),
    ("reach", "conversation_rate_reach"),
    ("impressions", "conversation_rate_impressions"),
)


def _headline(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per row, the best known conversation rate and the name of its denominator."""
    basis = pd.Series(pd.NA, index=frame.index, dtype="string")
    rate = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    for name, column in CONVERSATION_BASES:
        take = basis.isna() & frame[column].notna()
        basis[take] = name
        rate[take] = frame.loc[take, column]
    return basis, rate


def _frame(
    post_day: pd.Series,
    post_code: np.ndarray,
    daily: pd.DataFrame,
    daily_code: np.ndarray,
    names: pd.DataFrame,
    freq: str | None,
) -> pd.DataFrame:
    """One row per account (and period) with the days it covers: ``_code, platform, account, start, end``.

    ``post_day`` and ``post_code`` are the UTC day and account code of each
    post; ``names`` the ``platform, account`` of each code.
    """
    has_date = daily["date"].notna().to_numpy()
    code = np.concatenate([post_code, daily_code[has_date]])
    day = np.concatenate(
        [post_day.to_numpy("datetime64[ns]"), daily["date"].to_numpy("datetime64[ns]")[has_date]]
    ).view(np.int64)
    keep = code >= 0
    start = np.full(len(names), np.iinfo(np.int64).max)
    np.minimum.at(start, code[keep], day[keep])
    end = np.full(len(names), np.iinfo(np.int64).min)
    np.maximum.at(end, code[keep], day[keep])
    covered = np.flatnonzero(start <= end)  # accounts with a post or daily row
    cover = pd.DataFrame(
        {
            "_code": covered,
            "start": start[covered].view("datetime64[ns]"),
            "end": end[covered].view("datetime64[ns]"),
            "platform": names["platform"].to_numpy()[covered],
            "account": names["account"].to_numpy()[covered],
        }
    ).astype({"platform": "string", "account": "string"})
    if not freq:
        return cover
    freq = _FREQS[freq]
    first = pd.PeriodIndex(cover["start"], freq=freq).asi8
    last = pd.PeriodIndex(cover["end"], freq=freq).asi8
    n = last - first + 1
    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    periods = pd.PeriodIndex.from_ordinals(np.repeat(first, n) + offsets, freq=freq)
    frame = pd.DataFrame(
        {
            "_code": np.repeat(cover["_code"].to_numpy(), n),
            "platform": np.repeat(cover["platform"].to_numpy(), n),
            "account": np.repeat(cover["account"].to_numpy(), n),
            "period": periods,
            "start": np.maximum(np.repeat(cover["start"].to_numpy(), n), periods.start_time.normalize()),
            "end": np.minimum(np.repeat(cover["end"].to_numpy(), n), periods.end_time.normalize()),
        }
    )
    return frame.astype(
        {"platform": "string", "account": "string", "start": "datetime64[ns]", "end": "datetime64[ns]"}
    )


class _Groups:
    """The posts of each account (and period) as one integer, ``-1`` for posts of no account."""

    def __init__(self, code: np.ndarray, day: pd.Series, freq: str | None):
        self.freq = _FREQS[freq] if freq else None
        self.day = day_number(day)
        if self.freq:
            ordinal = pd.PeriodIndex(day, freq=self.freq).asi8
            self.base = int(ordinal.min(initial=0))
            self.width = int(ordinal.max(initial=0)) - self.base + 1
            self.id = np.where(code >= 0, code * self.width + (ordinal - self.base), -1)
        else:
            self.id = np.asarray(code, dtype=np.int64)

    def keys(self, ids: np.ndarray) -> pd.DataFrame:
        """``_code`` (and ``period``) of each group id."""
        if not self.freq:
            return pd.DataFrame({"_code": ids})
        periods = pd.PeriodIndex.from_ordinals(ids % self.width + self.base, freq=self.freq)
        return pd.DataFrame({"_code": ids // self.width, "period": periods})

    def counts(self, paid: np.ndarray, organic: np.ndarray) -> pd.DataFrame:
        sums = group_sums(self.id, paid_posts=paid.astype(float), organic_posts=organic.astype(float))
        last = np.full(len(sums), np.iinfo(np.int64).min)
        keep = self.id >= 0
        np.maximum.at(last, np.searchsorted(sums["key"].to_numpy(), self.id[keep]), self.day[keep])
        out = self.keys(sums["key"].to_numpy())
        out["posts"] = sums["size"].to_numpy()
        out["paid_posts"] = sums["paid_posts"].to_numpy().astype(np.int64)
        out["organic_posts"] = sums["organic_posts"].to_numpy().astype(np.int64)
        out["last_post"] = (_EPOCH + last).astype("datetime64[ns]")
        return out

    def rates(self, sums: dict[str, np.ndarray], organic: np.ndarray) -> pd.DataFrame:
        """Each rate per group, over all its posts and (``organic_*``) over its ``organic`` ones.

        A rate is sum(numerator) / sum(denominator) over the posts where it
        is defined (see :func:`_rate_sums`). The sums are made once per
        group and kind of post (organic or not); a group's sum over all
        posts adds its two (exact: the sums are of whole numbers).
        """
        kind = group_sums(np.where(self.id >= 0, self.id * 2 + organic, -1), **sums)
        ids, group = np.unique(kind["key"].to_numpy() // 2, return_inverse=True)
        group = group.reshape(-1)
        is_organic = kind["key"].to_numpy() % 2 == 1
        out = self.keys(ids)

        def total(column: str, rows) -> np.ndarray:
            return np.bincount(group[rows], weights=kind[column].to_numpy()[rows], minlength=len(ids))

        for prefix, rows in (("", slice(None)), ("organic_", is_organic)):
            for name, _, _ in RATES:
                num, den = total(f"n_{name}", rows), total(f"d_{name}", rows)
                rate = np.divide(num, den, out=np.full(len(den), np.nan), where=den > 0)
                out[f"{prefix}{name}"] = pd.array(rate, dtype="Float64")
        return out

    def gaps(self) -> pd.DataFrame:
        """The most days between two consecutive posts of each group (NaN with one post)."""
        keep = self.id >= 0
        span = 1 << 32
        # stable: timsort, nearly free on the posts of a loaded table (in account and time order)
        ordered = np.sort(self.id[keep] * span + (self.day[keep] + span // 2), kind="stable")
        ids, day = ordered // span, ordered % span
        same = ids[1:] == ids[:-1]
        distinct, where = np.unique(ids, return_inverse=True)
        longest = np.full(len(distinct), -1.0)
        np.maximum.at(longest, where.reshape(-1)[1:][same], (day[1:] - day[:-1])[same].astype(float))
        out = self.keys(distinct)
        out["longest_gap_days"] = np.where(longest < 0, np.nan, longest)
        return out


def _rate_sums(terms: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per post and rate, its numerator and denominator where the rate is defined, else 0.

    ``n_<rate>`` and ``d_<rate>``, to be summed per group; a rate is defined
    where its numerator is known and its denominator known and above 0.
    """
    sums = {}
    for name, numerator, denominator in RATES:
        num, den = terms[numerator], terms[denominator]
        ok = ~np.isnan(num) & (np.nan_to_num(den, nan=0.0) > 0)
        sums[f"n_{name}"] = np.where(ok, num, 0.0)
        sums[f"d_{name}"] = np.where(ok, den, 0.0)
    return sums


_EPOCH = np.datetime64("1970-01-01", "D")


def _empty(freq: str | None) -> pd.DataFrame:
    columns = list(SUMMARY_COLUMNS)
    if freq:
        columns.insert(2, "period")
    stamp = "datetime64[ns]"
    types = {"platform": "string", "account": "string", "start": stamp, "end": stamp, "last_post": stamp}
    types["period"] = f"period[{_FREQS.get(freq, 'M')}]"
    ints = {
        "days",
        "posts",
        "paid_posts",
        "organic_posts",
        "followers",
        "longest_gap_days",
        "days_since_last_post",
    }
    return pd.DataFrame(
        {c: pd.Series(dtype=types.get(c, "Int64" if c in ints else "Float64")) for c in columns}
    )
