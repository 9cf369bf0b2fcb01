"""Label an event from its evidence: suspected bought, organic or unclear.

The deciding number is ``ratio``: observed follows over the follows that the
most generous exposure signal explains. Every threshold and weight named
here is a field of :class:`~smanalytics.growth.settings.SpikeSettings`, where
its default is documented.

* no exposure signal at all: ``unclear`` (the export cannot tell; no guess);
* the extra people who came to the account beyond its reach
  (``capacity``, :mod:`~smanalytics.growth.people`) explain the follows
  exposure leaves unexplained, all but ``organic_ratio`` times what it
  explains: ``organic``, a shout-out or a giveaway (``people_confidence``).
  Where they explain ``people_share`` of those follows or more:
  ``unclear`` (real people came; the rest may be more of them). Where they
  explain less, the rest is judged as below;
* ``ratio >= bought_ratio`` (two thirds of the follows have no exposure
  behind them) and so many follows would happen by chance with probability
  at most ``max_p`` (Poisson) and would stand out against the account's own
  day-to-day wandering of follows per unit of exposure (``spread_z``;
  against its reach where the signal judged is a count of people that did
  not rise, :meth:`~smanalytics.growth.exposure.Exposure.wander`):
  ``suspected_bought``, unless a daily people signal (visits, likes,
  comments) is so noisy that as many people as the follows above the usual
  (``excess``) could have come without it showing them (``room``,
  :mod:`~smanalytics.growth.people`): then ``unclear``, since a giveaway's
  entrants may hide there and bought followers can only be told from
  people where people would show. Over ``drip_days`` or
  more, ``drip_ratio`` is enough: follows doubled for weeks with exposure
  flat is how drip-fed packages look. When exposure itself rose
  ``flat_lift`` times or more (a campaign, a viral post), the ratio must
  reach ``strong_ratio``, the jump the research reports for bought
  followers;
* ``ratio <= organic_ratio``: ``organic``;
* in between: ``unclear`` (``unclear_confidence``).

``confidence`` (0-1) grows with how far the ratio is past its threshold
and, for bought, with each supporting sign: delivered within ``fast_days``,
a round package size, followers lost within 30 days, engagement per
follower falling afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from smanalytics.growth.settings import SpikeSettings

__all__ = ["Verdict", "classify", "is_round_package", "poisson_tail", "stands_out"]

DEFAULT = SpikeSettings()

#: A bought label's confidence from its ratio is at its top at this many times ``strong_ratio``
#: (the research's 5-100x jump: 20x is well inside it).
BOUGHT_TOP_FACTOR = 4.0
#: An organic label's confidence is at its top when the ratio is this many times below ``organic_ratio``.
ORGANIC_TOP_FACTOR = 3.0

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
    reason: str  # "bought", "organic", "people", "some_people", "hidden_people", "partial", "no_exposure"
    signs: tuple[str, ...] = ()


def is_round_package(excess: float, *, tolerance: float = SpikeSettings.round_tolerance) -> bool:
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
    room: float = 0.0,
    ratio: float | None = None,
    spread: float = 0.0,
    settings: SpikeSettings = DEFAULT,
) -> Verdict:
    """Decide the label of one event.

    ``ratio`` is observed over explained follows as the exposure model
    measured it (on the days its signal is known); by default
    ``observed / expected``. ``spread`` is the account's own day-to-day
    spread of log(follows / explained) (see
    :func:`~smanalytics.growth.exposure.conversion_spread`). ``capacity``
    is the most follows the extra people who came explain, ``room`` the
    most that people could explain unseen, within a signal's noise
    (:class:`~smanalytics.growth.people.People`).

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
    s = settings
    if expected is None or not np.isfinite(expected):
        return Verdict("unclear", s.unclear_confidence, "no_exposure")
    if ratio is None:
        ratio = observed / max(expected, 1e-9)
    # the people who came beyond the reach explain some follows; what is left is judged against exposure
    came = min(capacity, max(0.0, observed - expected))
    left = ratio * (observed - came) / max(observed, 1e-9)
    if ratio > s.organic_ratio and left <= s.organic_ratio:
        return Verdict("organic", s.people_confidence, "people")
    if ratio > s.organic_ratio and came > 0 and came >= s.people_share * (observed - expected):
        return Verdict("unclear", s.unclear_confidence, "some_people")
    ratio, observed = left, observed - came
    significant = poisson_tail(observed, expected) <= s.max_p and stands_out(ratio, spread, days, s)
    needed = s.bought_ratio if days < s.drip_days else s.drip_ratio
    if exposure_lift >= s.flat_lift:
        needed = max(needed, s.strong_ratio)
    if ratio >= needed and significant and room >= excess:
        return Verdict("unclear", s.unclear_confidence, "hidden_people")
    if ratio >= needed and significant:
        signs = _bought_signs(excess, days, retention, engagement_change, s)
        top = BOUGHT_TOP_FACTOR * s.strong_ratio
        strength = _clip01(math.log(ratio / s.bought_ratio) / math.log(top / s.bought_ratio))
        confidence = s.bought_confidence + s.bought_confidence_span * strength + s.sign_weight * len(signs)
        return Verdict("suspected_bought", round(min(s.max_confidence, confidence), 2), "bought", signs)
    if ratio <= s.organic_ratio:
        strength = _clip01(math.log(s.organic_ratio / max(ratio, 1e-9)) / math.log(ORGANIC_TOP_FACTOR))
        confidence = s.organic_confidence + s.organic_confidence_span * strength
        return Verdict("organic", round(confidence, 2), "organic")
    return Verdict("unclear", s.unclear_confidence, "partial")


def _bought_signs(excess, days, retention, engagement_change, s: SpikeSettings) -> tuple[str, ...]:
    """The signs beside the ratio that support a bought label."""
    signs = []
    if days <= s.fast_days:
        signs.append("fast")
    if is_round_package(excess, tolerance=s.round_tolerance):
        signs.append("round")
    if np.isfinite(retention) and retention < s.lost_below:
        signs.append("lost")
    if np.isfinite(engagement_change) and engagement_change < s.engagement_fell_below:
        signs.append("engagement_fell")
    return tuple(signs)


def stands_out(ratio: float, spread: float, days: int, settings: SpikeSettings = DEFAULT) -> bool:
    """Whether ``ratio`` is beyond the account's own wandering of follows per unit of exposure.

    ``log(ratio)`` must be at least ``spread_z`` standard deviations of the
    mean of ``days`` days' log ratios (``spread / sqrt(days)``).

    Examples
    --------
    >>> stands_out(4.0, 0.5, 1), stands_out(8.0, 0.5, 1), stands_out(4.0, 0.5, 3)  # ln 4 = 1.39, ln 8 = 2.08
    (False, True, True)
    """
    return math.log(max(ratio, 1e-9)) >= settings.spread_z * spread / math.sqrt(max(days, 1))


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
