"""Label an event from its evidence: suspected bought, organic or unclear.

The deciding number is ``ratio``: observed follows over the follows that the
most generous exposure signal explains.

* no exposure signal at all: ``unclear`` (the export cannot tell; no guess);
* ``ratio >= bought_ratio`` (default 3: two thirds of the follows have no
  exposure behind them) and so many follows would happen by chance less
  than once in ``1 / max_p`` (10,000) times (Poisson):
  ``suspected_bought``. Over ``drip_days`` (7) or more, ``drip_ratio``
  (default 2) is enough: follows doubled for weeks with exposure flat, and
  back to usual after, is how drip-fed packages look. When that exposure itself rose ``flat_lift`` times
  or more (a campaign, an airdrop, a viral post), the ratio must reach
  ``strong_ratio`` (default 5), the jump the research reports for bought
  followers;
* the follows exposure leaves unexplained are no more than the extra
  people who came to the account can explain (``capacity``: half a follow
  per extra profile visit, one per extra comment): ``organic``, a
  shout-out or a giveaway (confidence 0.7);
* ``ratio <= organic_ratio`` (default 1.5): ``organic``;
* in between: ``unclear``.

``confidence`` (0-1) grows with how far the ratio is past the threshold
(the research finds 5-100x jumps of follows per 1,000 impressions for bought
followers) and, for bought, with each supporting sign: delivered within 3
days, a round package size, followers lost within 30 days, engagement per
follower falling afterwards. For ``unclear`` it is 0.5: the evidence does not
decide either way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Verdict", "classify", "is_round_package"]

PACKAGES = (
    100,
    250,
    500,
    1_000,
    2_000,
    2_500,
    5_000,
    10_000,
    20_000,
    25_000,
    50_000,
    100_000,
    250_000,
    500_000,
    1_000_000,
)


@dataclass(frozen=True)
class Verdict:
    label: str
    confidence: float
    reason: str  # "bought", "organic", "people", "partial", "no_exposure"
    signs: tuple[str, ...] = ()


def is_round_package(excess: float, *, tolerance: float = 0.06) -> bool:
    """Whether ``excess`` follows are within ``tolerance`` of a usual package size.

    Examples
    --------
    >>> is_round_package(4870), is_round_package(3600)
    (True, False)
    """
    return any(abs(excess - p) <= tolerance * p for p in PACKAGES)


def classify(
    *,
    observed: float,
    expected: float | None,
    excess: float,
    days: int,
    retention: float,
    engagement_change: float,
    exposure_lift: float = 1.0,
    capacity: float = 0.0,
    ratio: float | None = None,
    flat_lift: float = 3.0,
    bought_ratio: float = 3.0,
    drip_ratio: float = 2.0,
    drip_days: int = 7,
    organic_ratio: float = 1.5,
    strong_ratio: float = 5.0,
    max_p: float = 1e-4,
) -> Verdict:
    """Decide the label of one event.

    ``ratio`` is observed over explained follows as the exposure model
    measured it (on the days its signal is known); by default
    ``observed / expected``.

    Examples
    --------
    >>> classify(observed=500, expected=20, excess=480, days=1, retention=np.nan,
    ...          engagement_change=np.nan).label
    'suspected_bought'
    >>> classify(observed=500, expected=450, excess=480, days=1, retention=np.nan,
    ...          engagement_change=np.nan).label
    'organic'
    >>> classify(observed=500, expected=None, excess=480, days=1, retention=np.nan,
    ...          engagement_change=np.nan).reason
    'no_exposure'
    """
    if expected is None or not np.isfinite(expected):
        return Verdict("unclear", 0.5, "no_exposure")
    if ratio is None:
        ratio = observed / max(expected, 1e-9)
    significant = poisson_tail(observed, expected) <= max_p
    needed = bought_ratio if days < drip_days else drip_ratio
    if exposure_lift >= flat_lift:
        needed = max(needed, strong_ratio)
    people = ratio > organic_ratio and observed - expected <= capacity
    if people:
        return Verdict("organic", 0.7, "people")
    if ratio >= needed and significant:
        signs = []
        if days <= 3:
            signs.append("fast")
        if is_round_package(excess):
            signs.append("round")
        if np.isfinite(retention) and retention < 0.8:
            signs.append("lost")
        if np.isfinite(engagement_change) and engagement_change < 0.8:
            signs.append("engagement_fell")
        strength = _clip01(math.log(ratio / bought_ratio) / math.log(4 * strong_ratio / bought_ratio))
        confidence = min(0.99, 0.6 + 0.25 * strength + 0.05 * len(signs))
        return Verdict("suspected_bought", round(confidence, 2), "bought", tuple(signs))
    if ratio <= organic_ratio:
        strength = _clip01(math.log(organic_ratio / max(ratio, 1e-9)) / math.log(3.0))
        return Verdict("organic", round(0.65 + 0.3 * strength, 2), "organic")
    return Verdict("unclear", 0.5, "partial")


def poisson_tail(observed: float, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected): how surprising the follows are.

    Examples
    --------
    >>> print(f"{poisson_tail(6, 0.9):.2g} {poisson_tail(7, 0.9):.2g}")
    0.00034 4.3e-05
    """
    k = int(math.ceil(observed))
    mu = max(float(expected), 1e-9)
    if k <= 0:
        return 1.0
    if mu > 200:  # normal approximation with continuity correction
        return 0.5 * math.erfc((k - 0.5 - mu) / math.sqrt(2 * mu))
    below = sum(math.exp(i * math.log(mu) - mu - math.lgamma(i + 1)) for i in range(min(k, 2000)))
    return max(0.0, 1.0 - below)


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))
