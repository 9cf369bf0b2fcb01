"""The shipped reference: what published benchmarks say is usual at each size, per platform.

``size_reference.csv`` (next to this module) holds one row per published
figure, each with its platform, follower tier, ``metric``, ``value`` (a
fraction, not a percentage), ``definition`` (numerator / denominator, per
post or per video), ``source``, ``published`` (year), ``url`` and
``derivation``: ``published`` as printed, ``derived`` with the arithmetic that
turned published figures into this one, or ``assumed`` where no published
figure was found and another stands in (said so in the row). Metrics:

* ``engagement_rate``, ``like_rate``: interactions (or likes) per post per
  follower, as published; ``engagement_rate_views`` (YouTube, per view) and
  ``engagement_rate_impressions`` (LinkedIn, per impression) are not per
  follower;
* ``comment_share``: comments / interactions, to turn an engagement rate into
  a conversation rate;
* ``conversation_rate``: comments per post per follower, always derived
  (engagement rate x comment share, for YouTube and LinkedIn also x one view
  or impression per follower, an assumption that the row states);
* ``spread_log10``: how much accounts of one tier differ, the standard
  deviation of log10(rate), from published 25th and 75th percentiles.

Each tier is placed at ``followers``, the geometric middle of its bounds; an
open bound is closed at 100 below and at 10 x the lower bound above.

The line per platform (:func:`reference_lines`) is a least-squares fit of
log10(conversation rate) on log10(followers) over that platform's rows. A
platform whose rows span less than one tenfold of sizes (X: only brands of
5,000 followers or more are published) takes the median slope of the others
and only its level from its own rows. The interval of an account is
``yhat +/- z * sqrt(spread^2 + s^2 (1/n + (x0 - xbar)^2 / Sxx))``: the
between-account spread (the median of the ``spread_log10`` rows) plus the
disagreement of the sources (``s``, their residual standard deviation),
capped at :data:`MAX_SPREAD` times either way.

Limits: the figures come from vendors' studies of brands and influencers,
mostly large accounts; few are about accounts under 1,000 followers, none
about micro-businesses as such. Studies differ in what they count as an
interaction. Read the expected rate as "what published studies would
predict", not as a law.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from statistics import NormalDist

import numpy as np
import pandas as pd

__all__ = ["size_reference", "reference_lines", "MAX_SPREAD", "REFERENCE_COLUMNS"]

#: Widest usual range the reference gives: at most this many times the expected rate either way.
MAX_SPREAD = 4.0

#: Columns of the shipped reference table.
REFERENCE_COLUMNS = (
    "platform",
    "metric",
    "followers_low",
    "followers_high",
    "followers",
    "value",
    "definition",
    "source",
    "published",
    "url",
    "derivation",
)

#: Fewest tenfolds of sizes a platform's rows must span to give their own slope.
_MIN_DECADES = 1.0


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    with resources.files("smanalytics.metrics").joinpath("size_reference.csv").open(encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"followers": "Float64", "value": "float64", "published": "string"})
    return table


def size_reference() -> pd.DataFrame:
    """The shipped table of published benchmark figures (a copy), one row per figure.

    Examples
    --------
    >>> ref = size_reference()
    >>> sorted(ref.loc[ref["metric"] == "conversation_rate", "platform"].unique())
    ['facebook', 'instagram', 'linkedin', 'tiktok', 'x', 'youtube']
    >>> bool(ref["source"].notna().all() and ref["published"].notna().all())
    True
    """
    return _table().copy()


def reference_lines(
    reference: pd.DataFrame | None = None, *, metric: str = "conversation_rate"
) -> pd.DataFrame:
    """The fitted line of each platform: ``log10(rate) = intercept + slope * log10(followers)``.

    Parameters
    ----------
    reference
        A table like :func:`size_reference` (default: the shipped one).
    metric
        Which rows to fit (default ``conversation_rate``: comments per post
        per follower).

    Returns
    -------
    DataFrame
        One row per platform: ``platform, points, slope, intercept, s, xbar,
        sxx, spread, borrowed_slope`` (True where the slope is the median of
        the other platforms').

    Examples
    --------
    >>> lines = reference_lines().set_index("platform")
    >>> bool((lines["slope"] < 0).all()), bool(lines.loc["x", "borrowed_slope"])
    (True, True)
    """
    table = size_reference() if reference is None else reference
    rows = table[(table["metric"] == metric) & (table["value"] > 0) & (table["followers"] > 0)]
    spreads = table.loc[table["metric"] == "spread_log10", "value"]
    spread = float(spreads.median()) if len(spreads) else math.nan
    fits = {}
    for platform, group in rows.groupby("platform", sort=True):
        lx = np.log10(group["followers"].to_numpy(dtype=float))
        ly = np.log10(group["value"].to_numpy(dtype=float))
        fits[platform] = (lx, ly)
    own = {p: _ols(lx, ly) for p, (lx, ly) in fits.items() if lx.max() - lx.min() >= _MIN_DECADES}
    median_slope = float(np.median([f["slope"] for f in own.values()])) if own else 0.0
    out = []
    for platform, (lx, ly) in fits.items():
        fit = own.get(platform) or _level(lx, ly, median_slope)
        out.append({"platform": platform, **fit, "spread": spread, "borrowed_slope": platform not in own})
    columns = ["platform", "points", "slope", "intercept", "s", "xbar", "sxx", "spread", "borrowed_slope"]
    return pd.DataFrame(out, columns=columns)


def _ols(lx: np.ndarray, ly: np.ndarray) -> dict:
    n = len(lx)
    sxx = float(((lx - lx.mean()) ** 2).sum())
    slope = float(((lx - lx.mean()) * (ly - ly.mean())).sum() / sxx)
    intercept = float(ly.mean() - slope * lx.mean())
    resid = ly - (intercept + slope * lx)
    s = math.sqrt(float((resid**2).sum()) / (n - 2)) if n > 2 else 0.0
    return {"points": n, "slope": slope, "intercept": intercept, "s": s, "xbar": float(lx.mean()), "sxx": sxx}


def _level(lx: np.ndarray, ly: np.ndarray, slope: float) -> dict:
    """Only the level from these points, with a given slope (the sizes span too little for one)."""
    n = len(lx)
    intercept = float((ly - slope * lx).mean())
    resid = ly - (intercept + slope * lx)
    s = math.sqrt(float((resid**2).sum()) / (n - 1)) if n > 1 else 0.0
    return {
        "points": n,
        "slope": slope,
        "intercept": intercept,
        "s": s,
        "xbar": float(lx.mean()),
        "sxx": math.inf,
    }


def _expectation(line, followers: float, *, level: float = 0.9) -> tuple[float, float]:
    """``(log10 expected rate, half-width of the interval in log10)`` for one line and size."""
    x0 = math.log10(followers)
    yhat = line["intercept"] + line["slope"] * x0
    z = NormalDist().inv_cdf((1 + level) / 2)
    leverage = 1 / line["points"] + (
        (x0 - line["xbar"]) ** 2 / line["sxx"] if math.isfinite(line["sxx"]) else 0.0
    )
    spread = line["spread"] if math.isfinite(line["spread"]) else 0.0
    half = z * math.sqrt(spread**2 + line["s"] ** 2 * leverage)
    return yhat, min(half, math.log10(MAX_SPREAD))
