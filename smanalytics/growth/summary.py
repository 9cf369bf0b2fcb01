"""Organic growth net of spikes: how much an account grew without its spikes.

For each account, over the period its daily table covers: the net growth,
the follows gained, the spike excess of each label, the net growth with all
spike excess taken out (steady growth) and with only the suspected bought
excess taken out, and the share of the period's follows that came from
spikes of each label (denominator: follows gained in the period).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.growth.series import accounts, of_account, prepare

__all__ = ["growth_summary", "SUMMARY_COLUMNS"]

SUMMARY_COLUMNS: dict[str, str] = {
    "platform": "string",
    "account": "string",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "days": "Int64",
    "net_growth": "Int64",
    "follows": "Int64",
    "spike_excess_follows": "Int64",
    "net_growth_excluding_spikes": "Int64",
    "net_growth_excluding_bought": "Int64",
    "suspected_bought_share": "Float64",
    "organic_spike_share": "Float64",
    "unclear_spike_share": "Float64",
}


def growth_summary(daily: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per account: growth with and without its spikes.

    Parameters
    ----------
    daily
        Canonical daily table. Net growth is the change of ``followers`` from
        the first to the last known day, else ``follows - unfollows`` summed,
        else unknown (NA). Not modified.
    events
        The table :func:`~smanalytics.growth.detect_spikes` returned for it.

    Returns
    -------
    DataFrame
        Columns :data:`SUMMARY_COLUMNS`. ``*_share`` columns are excess
        follows of spikes with that label over all follows gained.

    Examples
    --------
    >>> days = pd.date_range("2026-01-01", periods=3, freq="D")
    >>> daily = pd.DataFrame({"platform": "x", "account": "cafe", "date": days,
    ...                       "followers": [100, 1110, 1120], "follows": [5, 1010, 10]})
    >>> events = pd.DataFrame({"platform": ["x"], "account": ["cafe"], "excess_follows": [1000],
    ...                        "label": ["suspected_bought"]})
    >>> s = growth_summary(daily, events).iloc[0]
    >>> share = round(float(s["suspected_bought_share"]), 3)  # 1000 / 1025 follows
    >>> int(s["net_growth"]), int(s["net_growth_excluding_bought"]), share
    (1020, 20, 0.976)
    """
    rows = []
    for platform, account, part in accounts(daily):
        frame = prepare(part)
        mine = events[of_account(events, platform, account)] if len(events) else events
        rows.append(_row(frame, platform, account, mine))
    if not rows:
        return schema.empty_of(SUMMARY_COLUMNS)
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).astype(SUMMARY_COLUMNS)


def _row(frame: pd.DataFrame, platform, account, events: pd.DataFrame) -> dict:
    followers = frame["followers"].dropna()
    if len(followers) >= 2:
        net = followers.iloc[-1] - followers.iloc[0]
    elif frame["follows"].notna().any() and frame["unfollows"].notna().any():
        net = frame["follows"].sum() - frame["unfollows"].sum()
    else:
        net = np.nan
    gained = frame["follows"].clip(lower=0).sum() if frame["follows"].notna().any() else np.nan
    excess = {
        label: float(events.loc[events["label"] == label, "excess_follows"].astype("float64").sum())
        if len(events)
        else 0.0
        for label in ("suspected_bought", "organic", "unclear")
    }
    total = sum(excess.values())

    def share(x):
        return x / gained if gained and np.isfinite(gained) and gained > 0 else np.nan

    return {
        "platform": platform,
        "account": account,
        "start": frame.index[0] if len(frame) else pd.NaT,
        "end": frame.index[-1] if len(frame) else pd.NaT,
        "days": len(frame),
        "net_growth": _round(net),
        "follows": _round(gained),
        "spike_excess_follows": _round(total),
        "net_growth_excluding_spikes": _round(net - total),
        "net_growth_excluding_bought": _round(net - excess["suspected_bought"]),
        "suspected_bought_share": share(excess["suspected_bought"]),
        "organic_spike_share": share(excess["organic"]),
        "unclear_spike_share": share(excess["unclear"]),
    }


def _round(x: float):
    return None if x is None or not np.isfinite(x) else round(x)
