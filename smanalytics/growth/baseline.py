"""A robust seasonal baseline of daily follows.

What an account usually gains on a given day is estimated without letting the
spikes being looked for pull it up:

1. weekday factors: the median, per weekday, of follows divided by their
   centred 7-day mean (one of each weekday, so a trend cancels out);
2. a centred rolling *median* of the weekday-adjusted follows. A centred
   median follows a step in level at the step itself and a trend at its
   value, while any burst shorter than half the window leaves it unmoved;
3. days far above that first baseline are set aside and the median is taken
   again without them, so that a run of spikes cannot lift it either;
4. the noise scale is the rolling median absolute deviation of what is left,
   floored by a Poisson term so that an account gaining 0-2 followers a day
   does not see a 4-follower day as a miracle.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.growth.settings import SpikeSettings

__all__ = ["weekday_factors", "seasonal_baseline"]

MAD_TO_SD = 1.4826


def weekday_factors(follows: pd.Series, *, min_weeks: int = 8) -> pd.Series:
    """Multiplicative weekday factors of daily follows (mean 1), indexed by day.

    Returns all ones when the series is shorter than ``min_weeks`` weeks or
    too sparse to tell weekdays apart.

    Examples
    --------
    >>> idx = pd.date_range("2026-01-05", periods=70, freq="D")  # starts on a Monday
    >>> f = pd.Series([20.0 if d.day_of_week < 5 else 10.0 for d in idx], index=idx)
    >>> w = weekday_factors(f); round(float(w.iloc[0]), 3), round(float(w.iloc[5]), 3)
    (1.167, 0.583)
    """
    ones = pd.Series(1.0, index=follows.index)
    if follows.notna().sum() < 7 * min_weeks:
        return ones
    level = follows.rolling(7, center=True, min_periods=5).mean()
    ratio = (follows / level).where(level >= 1.0)
    by_day = ratio.groupby(follows.index.day_of_week).median()
    if by_day.notna().sum() < 7:
        return ones
    by_day = (by_day / by_day.mean()).clip(0.5, 2.0)
    by_day = by_day / by_day.mean()
    return pd.Series(by_day.reindex(follows.index.day_of_week).to_numpy(), index=follows.index)


def seasonal_baseline(
    follows: pd.Series,
    *,
    window: int = SpikeSettings.baseline_window,
    exclude_z: float = SpikeSettings.exclude_z,
    min_periods: int = 7,
) -> pd.DataFrame:
    """Usual follows per day and their noise scale.

    Parameters
    ----------
    follows
        Daily follows on a full calendar index (NaN on unknown days).
    window
        Days in the centred rolling median (odd). Bursts shorter than half of
        it do not move the baseline.
    exclude_z
        Days more than this many noise scales above the first baseline are
        left out of the second.
    min_periods
        Known days a window needs to give a value.

    Returns
    -------
    DataFrame
        ``weekday`` (factor), ``adjusted`` (follows / factor), ``level``
        (baseline of adjusted follows), ``baseline`` (level * factor: usual
        follows that day) and ``scale`` (noise of adjusted follows).

    Examples
    --------
    >>> idx = pd.date_range("2026-01-01", periods=60, freq="D")
    >>> f = pd.Series(10.0, index=idx); f.iloc[30] = 500.0
    >>> b = seasonal_baseline(f)
    >>> float(b["baseline"].iloc[30]), float(b["scale"].iloc[30]) > 0
    (10.0, True)
    """
    factor = weekday_factors(follows)
    adjusted = follows / factor
    level = _rolling_median(adjusted, window, min_periods)
    scale = _scale(adjusted, level, window, min_periods)
    keep = adjusted.where(adjusted <= level + exclude_z * scale)
    level = _rolling_median(keep, window, min_periods).fillna(level)
    scale = _scale(keep, level, window, min_periods).fillna(scale)
    return pd.DataFrame(
        {
            "weekday": factor,
            "adjusted": adjusted,
            "level": level,
            "baseline": level * factor,
            "scale": scale,
        }
    )


def _rolling_median(values: pd.Series, window: int, min_periods: int) -> pd.Series:
    level = values.rolling(window, center=True, min_periods=min_periods).median()
    # short series: fall back to the median of everything known
    return level.fillna(values.median())


def _scale(values: pd.Series, level: pd.Series, window: int, min_periods: int) -> pd.Series:
    deviation = (values - level).abs()
    mad = deviation.rolling(2 * window - 1, center=True, min_periods=min_periods).median()
    mad = mad.fillna(deviation.median())
    poisson = np.sqrt(level.clip(lower=0) + 1.0)
    return np.maximum(MAD_TO_SD * mad, poisson)
