"""What happened after an event: were the new followers still there 30 days later?

Bought followers tend to leave: slow unfollows or a platform purge that
removes them in one day. Two ways to see it, the first the export allows:

* with follower totals, the change over the 30 days after the event compared
  with the account's usual net growth over 30 days: the shortfall is the
  followers lost;
* with daily unfollows only, the unfollows of those 30 days above the usual
  rate.

The retained share is ``1 - lost / excess`` (0-1). Unknown (NaN) when the
export ends less than 30 days after the event or has neither column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["retention_30d", "engagement_per_follower_change"]

HORIZON = 30


def retention_30d(frame: pd.DataFrame, last: int, excess: float, base: np.ndarray) -> float:
    """Share (0-1) of an event's excess follows still there ``HORIZON`` days after it.

    Examples
    --------
    >>> f = pd.DataFrame({"followers": [1000.0] * 10 + [1500.0] * 30 + [1300.0] * 2,
    ...                   "unfollows": [np.nan] * 42})
    >>> round(retention_30d(f, 10, 500.0, np.arange(10)), 2)   # 200 of 500 lost
    0.6
    """
    end = last + HORIZON
    if excess <= 0 or end >= len(frame):
        return np.nan
    followers = frame["followers"].to_numpy(dtype=float)
    at_end, later = _nearest(followers, last), _nearest(followers, end)
    if not np.isnan(at_end) and not np.isnan(later):
        net = np.diff(followers)[base[base >= 1] - 1]  # net change into each baseline day
        usual = np.nanmedian(net) if np.isfinite(net).any() else 0.0
        lost = max(0.0, usual * HORIZON - (later - at_end))
        return float(1.0 - min(lost, excess) / excess)
    unfollows = frame["unfollows"].to_numpy(dtype=float)
    after = unfollows[last + 1 : end + 1]
    if np.isnan(after).mean() > 0.2 or not np.isfinite(unfollows[base]).any():
        return np.nan
    usual = np.nanmedian(unfollows[base])
    lost = max(0.0, np.nansum(after) - usual * np.isfinite(after).sum())
    return float(1.0 - min(lost, excess) / excess)


def engagement_per_follower_change(frame: pd.DataFrame, first: int, last: int, *, days: int = 28) -> float:
    """Interactions per follower in the ``days`` after an event over the ``days`` before.

    Interactions are likes + comments + shares (see
    :func:`~smanalytics.growth.series.prepare`); NaN when unknown.

    Examples
    --------
    >>> f = pd.DataFrame({"followers": [100.0] * 5 + [200.0] * 5, "interactions": [10.0] * 10})
    >>> engagement_per_follower_change(f, 5, 5, days=4)
    0.5
    """
    if "interactions" not in frame or "followers" not in frame:
        return np.nan
    ratio = frame["interactions"] / frame["followers"]
    before = ratio.iloc[max(0, first - days) : first].median()
    after = ratio.iloc[last + 1 : last + 1 + days].median()
    if not before or np.isnan(before) or np.isnan(after):
        return np.nan
    return float(after / before)


def _nearest(values: np.ndarray, position: int, reach: int = 3) -> float:
    """The known value at ``position``, else the closest one within ``reach`` days."""
    for step in range(reach + 1):
        for p in (position - step, position + step):
            if 0 <= p < len(values) and not np.isnan(values[p]):
                return float(values[p])
    return np.nan
