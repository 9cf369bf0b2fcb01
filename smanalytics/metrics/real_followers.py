"""Rates per real follower: the follower rates over followers net of suspected-bought follows.

Bought followers never comment, share or like, so they only dilute the
rates per follower. Given the spike detector's events
(:func:`smanalytics.growth.detect_spikes`), each post's audience is taken
down by the ``excess_follows`` of every ``suspected_bought`` event of its
account that started on or before the post's day, and the three follower
rates are worked out again over that real audience:

* ``real_conversation_rate`` = sum(comments) / sum(audience - bought),
* ``real_amplification_rate`` = sum(shares) / sum(audience - bought),
* ``real_applause_rate`` = sum(likes) / sum(audience - bought),

over the same posts as :func:`~smanalytics.metrics.summary.account_summary`.
Where the detector measured how many of the excess were still there 30 days
after the event (``retention_30d``), only that share is taken off from then
on: bought followers are often purged or leave. A post whose audience would
drop to zero or below has no real audience (missing), never a negative one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.metrics._common import ACCOUNT, canonical, utc_day
from smanalytics.metrics.followers import audience_floats
from smanalytics.metrics.summary import account_summary

__all__ = ["real_follower_rates", "REAL_RATES"]

#: The rates given per real follower.
REAL_RATES = ("conversation_rate", "amplification_rate", "applause_rate")

#: Days after an event's end from which only ``retention_30d`` of its excess is taken off.
RETENTION_DAYS = 30


def _bought_at(platform, account, days: pd.Series, events: pd.DataFrame) -> np.ndarray:
    """Suspected-bought followers still counted on each of ``days`` (one account)."""
    mine = events[(events["platform"] == platform) & (events["account"] == account)]
    bought = np.zeros(len(days))
    for event in mine.itertuples(index=False):
        start, end = pd.Timestamp(event.start).normalize(), pd.Timestamp(event.end).normalize()
        excess = float(event.excess_follows)
        kept = getattr(event, "retention_30d", np.nan)
        later = excess * float(kept) if pd.notna(kept) else excess
        after = (days >= start).to_numpy()
        settled = (days > end + pd.Timedelta(days=RETENTION_DAYS)).to_numpy()
        bought += np.where(after, np.where(settled, later, excess), 0.0)
    return bought


def real_follower_rates(
    posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, events: pd.DataFrame
) -> pd.DataFrame:
    """The follower rates of each account with suspected-bought follows, over all and over real followers.

    Parameters
    ----------
    posts
        Canonical posts table.
    daily
        Canonical daily table (the audience of posts without their own
        ``followers``, and the latest follower count).
    events
        Spike events (``platform, account, start, end, excess_follows,
        label`` and optionally ``retention_30d``), e.g.
        :func:`~smanalytics.growth.detect_spikes` output.

    Returns
    -------
    DataFrame
        One row per account that has ``suspected_bought`` events:
        ``platform, account, followers`` (latest), ``bought_followers`` (the
        excess still counted at the end), ``real_followers`` (followers -
        bought), then for each of :data:`REAL_RATES` the rate over all
        followers and ``real_<rate>`` over real followers.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"] * 2, "account": ["cafe"] * 2, "post_id": ["1", "2"],
    ...     "published_at": pd.to_datetime(["2026-03-01T10:00Z", "2026-03-20T10:00Z"]),
    ...     "followers": [1000, 3000], "comments": [4, 4]})
    >>> events = pd.DataFrame({"platform": ["x"], "account": ["cafe"], "label": ["suspected_bought"],
    ...     "start": pd.to_datetime(["2026-03-14"]), "end": pd.to_datetime(["2026-03-15"]),
    ...     "excess_follows": [2000]})
    >>> r = real_follower_rates(posts, events=events).iloc[0]
    >>> float(r.conversation_rate), float(r.real_conversation_rate)  # 8 / 4,000 and 8 / 2,000
    (0.002, 0.004)
    >>> int(r.followers), int(r.bought_followers), int(r.real_followers)
    (3000, 2000, 1000)
    """
    columns = [*ACCOUNT, "followers", "bought_followers", "real_followers"]
    for name in REAL_RATES:
        columns += [name, f"real_{name}"]
    bought_events = events[events["label"] == "suspected_bought"] if "label" in events else events.iloc[:0]
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    daily = canonical(daily, "daily")
    if not len(bought_events) or not len(posts):
        return pd.DataFrame(columns=columns)
    audience = audience_floats(posts, daily)
    days = utc_day(posts["published_at"])
    real = audience.copy()
    accounts = bought_events[ACCOUNT].drop_duplicates()
    for platform, account in accounts.itertuples(index=False):
        rows = ((posts["platform"] == platform) & (posts["account"] == account)).to_numpy()
        real[rows] = audience[rows] - _bought_at(platform, account, days[rows], bought_events)
    real = np.where(real > 0, np.round(real), np.nan)
    keep = _of(posts, accounts)
    daily = daily[_of(daily, accounts)]
    mine = posts[keep]
    over_all = account_summary(mine.assign(followers=_counts(audience[keep])), daily)
    over_real = account_summary(mine.assign(followers=_counts(real[keep])), daily)
    out = over_all[[*ACCOUNT, "end", "followers", *REAL_RATES]].copy()
    for name in REAL_RATES:
        out[f"real_{name}"] = over_real[name].to_numpy()
    bought = [
        _bought_at(r.platform, r.account, pd.Series([r.end]), bought_events)[0] for r in out.itertuples()
    ]
    out["bought_followers"] = pd.array(np.round(bought), dtype="Float64").astype("Int64")
    out["real_followers"] = (out["followers"] - out["bought_followers"]).astype("Int64")
    return out[columns].reset_index(drop=True)


def _of(table: pd.DataFrame, accounts: pd.DataFrame) -> np.ndarray:
    """Which rows of ``table`` belong to one of ``accounts``."""
    keys = set(accounts.itertuples(index=False, name=None))
    return np.fromiter(
        (k in keys for k in zip(table["platform"], table["account"], strict=True)), bool, len(table)
    )


def _counts(values: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.array(np.round(values), dtype="Float64").astype("Int64")
