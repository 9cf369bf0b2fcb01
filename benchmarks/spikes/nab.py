"""NAB realTweets: the detector's candidate stage, causal, with NAB's standard scoring.

The candidate stage (a robust baseline and a noise scale, then a z-score) is
run *causally* on NAB's 5-minute Twitter mention counts: each point is judged
only on the points before it. A detection is the first point of each run
of z at or above the threshold, followed by a day without detections (a
candidate stage reports where an event starts). The scored value is the
mean of the last hour (12 points); its level is the median of the hourly
means of the previous 3 days (864 points), its noise 1.4826 x their median
absolute deviation, floored by the Poisson term sqrt(level + 1) / sqrt(12).
The anomaly score is z.

Scoring follows the Numenta Anomaly Benchmark's sweep scorer (Lavin &
Ahmad 2015; ``nab/sweeper.py``), written again here from its description:

* every point gets a sweep score: inside a window, ``S(p) / S(-1)`` with
  ``S(x) = 2 / (1 + exp(5x)) - 1`` and ``p = -(right - i + 1) / width``
  (1.0 at the window's first point, falling towards its end), times the TP
  weight; outside, ``S(distance past the previous window's end / (its
  width - 1))`` times the FP weight (-1 x FP weight before any window and
  from 3 widths on);
* points in the probationary period (the first 15% of a file, at most 750
  points) are not scored;
* at a threshold, each window counts its best detection (else ``-FN``
  weight) and every detection outside windows adds its (negative) score;
* standard profile: TP 1.0, FP 0.11, FN 1.0;
* the corpus score is normalised: ``100 (raw - null) / (perfect - null)``
  with ``null = -FN x windows`` (no detection) and ``perfect = TP x
  windows``. As NAB does, the threshold is chosen for the whole corpus.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["causal_scores", "sweep_scores", "score_corpus", "run_nab", "STANDARD"]

STANDARD = {"tpWeight": 1.0, "fpWeight": 0.11, "fnWeight": 1.0}


def causal_scores(values: np.ndarray, *, history: int = 864, smooth: int = 12) -> np.ndarray:
    """z of the last hour's mean against the median and MAD of the hourly means before it.

    The noise is measured on the scored quantity itself, as the follower
    detector scores a day's follows against the spread of days: hourly
    means of mention counts are autocorrelated, so the spread of single
    points divided by sqrt(12) would understate it.
    """
    x = pd.Series(values, dtype=float)
    recent = x.rolling(smooth, min_periods=1).mean()
    past = recent.shift(smooth)  # the scored hour is never part of its own baseline
    level = past.rolling(history, min_periods=smooth * 4).median()
    mad = (past - level).abs().rolling(history, min_periods=smooth * 4).median()
    scale = np.maximum(1.4826 * mad, np.sqrt(level.clip(lower=0) + 1.0) / math.sqrt(smooth))
    return ((recent - level) / scale).fillna(0.0).to_numpy()


def _s(x: float) -> float:
    return -1.0 if x >= 3.0 else 2.0 / (1.0 + math.exp(5.0 * x)) - 1.0


def sweep_scores(timestamps: pd.Series, windows: list, profile: dict = STANDARD):
    """Per-point sweep scores and window ids (-1 outside, -2 probationary)."""
    n = len(timestamps)
    probation = min(math.floor(0.15 * n), 0.15 * 5000)
    ts = pd.to_datetime(timestamps).to_numpy()
    spans = []
    for a, b in windows:
        left = int(np.searchsorted(ts, np.datetime64(pd.Timestamp(a))))
        right = int(np.searchsorted(ts, np.datetime64(pd.Timestamp(b)), side="right")) - 1
        spans.append((left, right))
    score = np.empty(n)
    window = np.full(n, -1)
    max_tp = _s(-1.0)
    prev_right = prev_width = None
    k = 0
    for i in range(n):
        while k < len(spans) and i > spans[k][1]:
            prev_right, prev_width = spans[k][1], spans[k][1] - spans[k][0] + 1
            k += 1
        if k < len(spans) and spans[k][0] <= i <= spans[k][1]:
            left, right = spans[k]
            score[i] = _s(-(right - i + 1) / (right - left + 1)) * profile["tpWeight"] / max_tp
            window[i] = k
        else:
            past = 3.0 if prev_right is None else abs(prev_right - i) / max(prev_width - 1, 1)
            score[i] = _s(past) * profile["fpWeight"]
        if i < probation:
            window[i] = -2
    return score, window, len(spans)


def onsets(anomaly: np.ndarray, threshold: float, *, refractory: int = 288) -> np.ndarray:
    """Detections: the first point of each run at or above ``threshold``, then quiet for a day.

    A candidate stage reports where an event starts, not every point of it.
    """
    hot = anomaly >= threshold
    out = np.zeros(len(anomaly), bool)
    quiet_until = -1
    for i in np.flatnonzero(hot & ~np.concatenate([[False], hot[:-1]])):
        if i > quiet_until:
            out[i] = True
            quiet_until = i + refractory
    return out


def _raw(
    anomaly: np.ndarray,
    sweep: np.ndarray,
    window: np.ndarray,
    n_windows: int,
    threshold: float,
    profile: dict,
) -> tuple[float, int, int]:
    hot = onsets(anomaly, threshold) & (window != -2)
    fp = sweep[hot & (window == -1)].sum()
    total, found = fp, 0
    for w in range(n_windows):
        inside = hot & (window == w)
        if inside.any():
            total += sweep[inside].max()
            found += 1
        else:
            total -= profile["fnWeight"]
    return total, found, int((hot & (window == -1)).sum())


def score_corpus(series: dict, thresholds, profile: dict = STANDARD) -> pd.DataFrame:
    """NAB normalised score of each threshold over ``{name: (timestamps, anomaly, windows)}``."""
    prepared = []
    n_windows = 0
    for _name, (timestamps, anomaly, windows) in series.items():
        sweep, window, count = sweep_scores(timestamps, windows, profile)
        prepared.append((anomaly, sweep, window, count))
        n_windows += count
    null, perfect = -profile["fnWeight"] * n_windows, profile["tpWeight"] * n_windows
    rows = []
    for t in thresholds:
        raw = found = fps = 0
        for anomaly, sweep, window, count in prepared:
            r, f, p = _raw(anomaly, sweep, window, count, t, profile)
            raw, found, fps = raw + r, found + f, fps + p
        rows.append(
            {
                "threshold": t,
                "raw": raw,
                "score": 100 * (raw - null) / (perfect - null),
                "windows_found": found,
                "windows": n_windows,
                "fp_points": fps,
            }
        )
    return pd.DataFrame(rows)


def run_nab(folder: Path, thresholds=(2, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 10, 12, 15, 20)) -> pd.DataFrame:
    labels = json.loads((folder / "combined_windows.json").read_text())
    series = {}
    for path in sorted(folder.glob("Twitter_volume_*.csv")):
        data = pd.read_csv(path)
        windows = labels[f"realTweets/{path.name}"]
        series[path.name] = (data["timestamp"], causal_scores(data["value"].to_numpy()), windows)
    return score_corpus(series, thresholds)
