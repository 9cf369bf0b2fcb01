"""The baselines the detector is compared with; each returns windows of one account.

Each takes one account's canonical daily rows and returns a list of
``(start, end)`` day pairs it flags. None of them can tell bought from
organic, so every window counts as a claim of a bought spike.

robust_z      daily follows against a centred 29-day median, z = excess /
              (1.4826 MAD), flagged at z >= 3.5.
shesd         Twitter's Seasonal Hybrid ESD (``sesd`` package), period 7,
              alpha 0.05, at most 3% of days; upward anomalies only.
adtk_level    ADTK's ``LevelShiftAD(window=5, c=6, side="positive")`` on the
              follower count (its pipeline re-done here: ADTK 0.6 fails
              under pandas 3).
pelt          ruptures PELT with an L2 cost (``KernelCPD(kernel="linear")``,
              ruptures' C implementation of the same search), penalty
              3 sigma^2 log n; a segment higher than both neighbours and at
              most 30 days long is flagged.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

__all__ = ["BASELINES", "daily_follows"]


def daily_follows(daily: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Follows (or net gains from totals) and followers on a full calendar."""
    rows = daily.sort_values("date").set_index("date")
    index = pd.date_range(rows.index[0], rows.index[-1], freq="D")
    followers = rows["followers"].astype("float64").reindex(index)
    follows = rows["follows"].astype("float64").reindex(index)
    if follows.isna().all():
        follows = followers.interpolate().diff()
    return follows, followers


def _windows(index: pd.DatetimeIndex, flags: np.ndarray, gap: int = 1) -> list[tuple]:
    days = np.flatnonzero(flags)
    out: list[list[int]] = []
    for d in days:
        if out and d <= out[-1][1] + gap + 1:
            out[-1][1] = d
        else:
            out.append([d, d])
    return [(index[a], index[b]) for a, b in out]


def robust_z(daily: pd.DataFrame, *, z: float = 3.5) -> list[tuple]:
    follows, _ = daily_follows(daily)
    med = follows.rolling(29, center=True, min_periods=7).median()
    mad = (follows - med).abs().rolling(29, center=True, min_periods=7).median()
    score = (follows - med) / np.maximum(1.4826 * mad, 1.0)
    return _windows(follows.index, (score >= z).to_numpy())


def shesd(daily: pd.DataFrame, *, share: float = 0.03) -> list[tuple]:
    import sesd

    follows, _ = daily_follows(daily)
    values = follows.interpolate().bfill().ffill().to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = sesd.seasonal_esd(
            values, periodicity=7, hybrid=True, max_anomalies=max(1, int(share * len(values))), alpha=0.05
        )
    flags = np.zeros(len(values), bool)
    found = np.asarray(found, dtype=int)
    flags[found[values[found] > np.median(values)]] = True
    return _windows(follows.index, flags)


def adtk_level(daily: pd.DataFrame, *, window: int = 5, c: float = 6.0) -> list[tuple]:
    """ADTK's LevelShiftAD pipeline on the follower count, side "positive".

    ADTK 0.6 itself fails under pandas 3 (``TypeError: Invalid value 'nan'
    for dtype 'bool'`` inside its pipeline), so its documented steps are
    done here: the median of the ``window`` days from t minus the median of
    the ``window`` days before t; a day is a level shift when that
    difference is above Q3 + c IQR of all differences and positive.
    """
    _, followers = daily_follows(daily)
    series = followers.interpolate().bfill().ffill()
    before = series.rolling(window, min_periods=window).median().shift(1)
    after = series[::-1].rolling(window, min_periods=window).median()[::-1]
    diff = after - before
    q1, q3 = np.nanpercentile(diff.abs(), [25, 75])
    flags = (diff.abs() > q3 + c * (q3 - q1)) & (diff > 0)
    return _windows(series.index, flags.to_numpy(dtype=bool, na_value=False))


def pelt(daily: pd.DataFrame, *, max_days: int = 30) -> list[tuple]:
    import ruptures as rpt

    follows, _ = daily_follows(daily)
    values = follows.interpolate().bfill().ffill().to_numpy()
    sigma = 1.4826 * np.median(np.abs(np.diff(values))) / np.sqrt(2) or 1.0
    bkps = (
        rpt.KernelCPD(kernel="linear", min_size=1).fit(values).predict(pen=3 * sigma**2 * np.log(len(values)))
    )
    edges = [0, *bkps]
    means = [values[a:b].mean() for a, b in zip(edges[:-1], edges[1:], strict=True)]
    flags = np.zeros(len(values), bool)
    for i, (a, b) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
        left = means[i - 1] if i > 0 else -np.inf
        right = means[i + 1] if i + 1 < len(means) else -np.inf
        if means[i] > left and means[i] > right and b - a <= max_days and i > 0:
            flags[a:b] = True
    return _windows(follows.index, flags, gap=0)


BASELINES = {"robust_z": robust_z, "shesd": shesd, "adtk_level": adtk_level, "pelt": pelt}
