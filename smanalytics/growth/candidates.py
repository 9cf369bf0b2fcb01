"""Candidate windows: runs of days when an account gained far more followers than usual.

Two scales are looked at:

* **bursts** (1 to a few days): days whose weekday-adjusted follows stand at
  least ``z_peak`` noise scales above the robust baseline, grown to the
  neighbouring days that stand at least ``z_shoulder`` above it;
* **drips** (a week to a month, as drip-fed purchases are delivered): the
  7-day mean of follows, bursts set aside, stands well above a long
  (``drip_window``) centred median for at least ``min_drip_days`` days.

The names are fields of :class:`~smanalytics.growth.settings.SpikeSettings`.

A drop in followers (a platform purge) is never a candidate: only gains above
the baseline are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.growth.baseline import MAD_TO_SD, seasonal_baseline
from smanalytics.growth.settings import SpikeSettings

__all__ = ["find_candidates"]

DEFAULT = SpikeSettings()


def find_candidates(
    follows: pd.Series, settings: SpikeSettings = DEFAULT
) -> tuple[list[tuple[int, int]], pd.DataFrame]:
    """Find candidate windows in one account's daily follows.

    Parameters
    ----------
    follows
        Daily follows on a full calendar index (NaN on unknown days).
    settings
        A burst needs a day ``z_peak`` noise scales above the baseline
        (``baseline_window`` days) and extends over adjacent days at least
        ``z_shoulder`` above it. A drip day has a 7-day mean of excess follows
        at least ``z_drip`` scales of that mean's noise and ``drip_lift``
        above the long baseline (``drip_window`` days), for at least
        ``min_drip_days`` days in a row.

    Returns
    -------
    windows
        Sorted ``(first, last)`` positions (inclusive) into ``follows``.
    baseline
        The frame of :func:`~smanalytics.growth.baseline.seasonal_baseline`
        plus ``z`` (standardised excess of each day) and ``usual`` (usual
        follows that day: ``baseline``, or inside a drip the long median
        times the weekday factor, whichever is lower).

    Examples
    --------
    >>> idx = pd.date_range("2026-01-01", periods=60, freq="D")
    >>> f = pd.Series(10.0, index=idx); f.iloc[30:32] = 400.0
    >>> find_candidates(f)[0]
    [(30, 31)]
    """
    s = settings
    base = seasonal_baseline(follows, window=s.baseline_window, exclude_z=s.exclude_z)
    z = (base["adjusted"] - base["level"]) / base["scale"]
    base["z"] = z
    zv = z.to_numpy(dtype=float, na_value=np.nan)
    bursts = _runs(np.nan_to_num(zv, nan=-np.inf) >= s.z_shoulder)
    bursts = [(a, b) for a, b in bursts if np.nanmax(zv[a : b + 1]) >= s.z_peak]
    drips, long = _drips(
        base, bursts, z_drip=s.z_drip, lift=s.drip_lift, min_days=s.min_drip_days, window=s.drip_window
    )
    windows = _merge(sorted(bursts + drips), gap=1)
    # a drip is long enough to lift the short median: inside it, usual is the long median
    usual = base["baseline"].copy()
    for a, b in windows:
        if any(a <= d0 <= b for d0, _ in drips):
            usual.iloc[a : b + 1] = np.minimum(
                usual.iloc[a : b + 1], (long * base["weekday"]).iloc[a : b + 1]
            )
    base["usual"] = usual
    return windows, base


def _drips(base, bursts, *, z_drip, lift, min_days, window):
    adjusted = base["adjusted"].copy()
    for a, b in bursts:  # short bursts are judged on their own; keep them out of the drip scale
        if b - a < 4:
            adjusted.iloc[a : b + 1] = base["level"].iloc[a : b + 1]
    long = adjusted.rolling(window, center=True, min_periods=21).median().fillna(adjusted.median())
    mean7 = (adjusted - long).rolling(7, center=True, min_periods=4).mean()
    spread = MAD_TO_SD * (mean7 - mean7.median()).abs().median()
    noise = np.maximum(spread, np.sqrt((long.clip(lower=0) + 1.0) / 7.0))
    hot = (mean7 >= z_drip * noise) & (mean7 >= lift * long.clip(lower=1.0))
    runs = _runs(hot.to_numpy(dtype=bool, na_value=False))
    excess = (adjusted - long).to_numpy(dtype=float, na_value=np.nan)
    trimmed = []
    for a, b in runs:  # the 7-day mean smears a drip over 3 days each side: trim them
        run = excess[a : b + 1]
        floor = 0.25 * np.nanmedian(run) if np.isfinite(run).any() else np.inf
        while a < b and not excess[a] >= floor:
            a += 1
        while b > a and not excess[b] >= floor:
            b -= 1
        if b - a + 1 >= min_days:
            trimmed.append((a, b))
    return trimmed, long


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Inclusive (first, last) positions of each run of True."""
    padded = np.concatenate([[False], mask, [False]]).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _merge(windows: list[tuple[int, int]], *, gap: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in windows:
        if merged and a <= merged[-1][1] + gap + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
