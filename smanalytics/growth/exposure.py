"""The exposure model: how many follows an event's exposure explains.

People who see an account follow it at a roughly steady rate. For each
exposure signal the export has (impressions, reach, video views, profile
visits, interactions (likes, comments and shares, never the follows
that some platforms count as engagements), comments), the usual rate is the follows per unit of
that signal on the baseline days around the event (a ratio of sums, which
weighs each day by its exposure). The event's exposure times that rate is the
follows it explains. A viral post brings its own follows this way, a
shout-out brings them through profile visits and a giveaway through comments,
so the *most generous* of the signals is the one kept: bought followers are
follows that no exposure explains.

The people who came beyond what the reach brings (a giveaway's entrants, a
shout-out's visitors) are weighed apart, in :mod:`~smanalytics.growth.people`.

A signal's rise counts only beyond ``noise_sds`` Poisson standard
deviations of its event total, so that a signal of a few a day (comments)
cannot explain hundreds of follows by chance. The names are fields of
:class:`~smanalytics.growth.settings.SpikeSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smanalytics.growth.baseline import MAD_TO_SD
from smanalytics.growth.settings import SpikeSettings

__all__ = ["EXPOSURE_SIGNALS", "Exposure", "exposure_evidence", "baseline_days", "conversion_spread"]

#: Signals that can explain follows, in the order preferred for the explanation.
EXPOSURE_SIGNALS = ("impressions", "reach", "video_views", "profile_visits", "comments", "interactions")
#: Those of them that count how many saw the account, not people who did something.
REACH = ("impressions", "reach", "video_views")

DEFAULT = SpikeSettings()

#: The spread of conversion also looks at this quantile of the days' deviations...
TAIL_QUANTILE = 0.95
#: ...which a normal spread puts at this many standard deviations.
TAIL_Z = 1.96


@dataclass
class Exposure:
    """What the exposure signals say about one event.

    ``expected`` maps each usable signal to the follows it explains over the
    event; ``rates`` to its usual follows per unit; ``lifts`` to its mean per
    day in the event over the baseline's; ``event_rates`` to follows per unit
    during the event; ``extra`` to the units above usual over the event;
    ``ratios`` to the follows over those it explains, on the event days the
    signal is known (a signal known on days holding under half of the
    event's follows is not used: it cannot judge them); ``spread`` to the
    day-to-day standard deviation of log(follows / what the signal explains)
    on the baseline days beyond Poisson counting: how much this account's
    conversion wanders by itself.
    """

    expected: dict[str, float] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)
    event_rates: dict[str, float] = field(default_factory=dict)
    lifts: dict[str, float] = field(default_factory=dict)
    extra: dict[str, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    spread: dict[str, float] = field(default_factory=dict)

    @property
    def shown(self) -> str | None:
        """The signal a bought verdict is explained with: impressions, reach or video views if known."""
        for signal in ("impressions", "reach", "video_views"):
            if signal in self.expected:
                return signal
        return self.best

    @property
    def best(self) -> str | None:
        """The signal that explains the most of the follows, or None when none is usable."""
        return min(self.ratios, key=self.ratios.get) if self.ratios else None

    def lift(self, signal: str) -> float:
        return self.lifts.get(signal, np.nan)

    def wander(self) -> float:
        """The account's own day-to-day wandering of follows per unit of exposure, for ``best``.

        That signal's own ``spread``; but where it is a count of people
        (profile visits, comments, interactions) that did not rise in the
        event, it is no cause of the follows, only a noisier yardstick of the
        exposure: a few comments a day wander by their own counting and
        habits, not because the follows do. The wandering is then measured
        against the steadiest of it and the reach signals (impressions,
        reach, video views).

        Examples
        --------
        >>> e = Exposure(ratios={"impressions": 13.8, "comments": 8.8},
        ...              spread={"impressions": 0.27, "comments": 0.61},
        ...              lifts={"impressions": 0.52, "comments": 0.81})
        >>> e.best, e.wander()  # comments fell: the follows wander as much as against impressions
        ('comments', 0.27)
        >>> e.lifts["comments"] = 2.3  # comments rose (entrants?): their own wandering counts
        >>> e.wander()
        0.61
        """
        best = self.best
        reach = [self.spread[s] for s in REACH if s in self.spread]
        if best is None or best in REACH or not reach or not self.lift(best) <= 1.0:
            return self.spread.get(best, 0.0)
        return min(self.spread[best], *reach)


def baseline_days(
    frame: pd.DataFrame,
    first: int,
    last: int,
    busy: np.ndarray,
    *,
    days: int = SpikeSettings.baseline_days_before,
    min_days: int = SpikeSettings.min_baseline_days,
) -> np.ndarray:
    """Positions of the usual days around an event: before it, else after it too.

    ``busy`` marks the days of every candidate window, which are never usual.
    The ``days`` before the event are used alone when they hold at least
    ``2 * min_days`` usual days; otherwise the ``days // 2`` after it join.

    Examples
    --------
    >>> f = pd.DataFrame({"follows_observed": [True] * 40})
    >>> busy = np.zeros(40, bool); busy[20:22] = True
    >>> baseline_days(f, 20, 21, busy, days=16).tolist()  # 16 usual days before
    [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]
    >>> len(baseline_days(f, 20, 21, busy, days=10))  # too few before: 5 after join
    15
    """
    usable = frame["follows_observed"].to_numpy(dtype=bool) & ~busy
    positions = np.arange(len(frame))
    before = positions[(positions < first) & (positions >= first - days) & usable]
    if len(before) >= 2 * min_days:
        return before
    after = positions[(positions > last) & (positions <= last + days // 2) & usable]
    return np.concatenate([before, after])


def exposure_evidence(
    frame: pd.DataFrame, first: int, last: int, base: np.ndarray, settings: SpikeSettings = DEFAULT
) -> Exposure:
    """Follows explained by each exposure signal over event positions ``first..last``.

    A signal is used when it is known on at least one event day and on at
    least ``min_baseline_days`` baseline days that add up to
    ``min_baseline_total`` or more (a signal of a handful a day is too noisy
    to explain anything).

    Examples
    --------
    >>> f = pd.DataFrame({"follows": [2.0] * 10 + [40.0], "impressions": [1000.0] * 10 + [20000.0],
    ...                   "follows_observed": [True] * 11})
    >>> e = exposure_evidence(f, 10, 10, np.arange(10))
    >>> e.best, round(e.expected["impressions"], 1), e.lift("impressions")  # 0.002 x (20,000 - 2 x 141.4)
    ('impressions', 39.4, 20.0)
    """
    follows = frame["follows"].to_numpy(dtype=float)
    out = Exposure()
    event = np.arange(first, last + 1)
    event = event[~np.isnan(follows[event])]
    for signal in EXPOSURE_SIGNALS:
        if signal not in frame:
            continue
        values = frame[signal].to_numpy(dtype=float)
        b = base[~np.isnan(values[base]) & ~np.isnan(follows[base])]
        e = event[~np.isnan(values[event])]
        if len(b) < settings.min_baseline_days or not len(e) or values[b].sum() < settings.min_baseline_total:
            continue
        if follows[e].sum() < 0.5 * follows[event].sum():
            continue  # the days this signal knows hold too few of the follows to judge them
        rate = max(0.0, follows[b].sum() / values[b].sum())
        signal_total, usual_total = values[e].sum(), values[b].mean() * len(e)
        # a rise counts only beyond counting noise: 5 comments where 2 are usual explain nothing
        noise = settings.noise_sds * np.sqrt(signal_total)
        credible = max(min(signal_total, usual_total), signal_total - noise)
        # judged on the days the signal is known; the total scaled to every day of the event
        out.ratios[signal] = float(follows[e].sum() / max(rate * credible, 1e-9))
        out.expected[signal] = float(rate * credible * len(event) / len(e))
        out.extra[signal] = float(max(0.0, credible - usual_total) * len(event) / len(e))
        out.rates[signal] = float(rate)
        out.spread[signal] = conversion_spread(follows[b], rate * values[b], values[b])
        out.lifts[signal] = float(values[e].mean() / values[b].mean())
        total = values[e].sum()
        out.event_rates[signal] = float(follows[e].sum() / total) if total > 0 else np.nan
    return out


def conversion_spread(follows: np.ndarray, explained: np.ndarray, units: np.ndarray | None = None) -> float:
    """Day-to-day spread of log(follows / explained follows) beyond Poisson counting.

    The daily log ratio's standard deviation from its median absolute
    deviation, or from its 95% quantile of deviations (``TAIL_QUANTILE``,
    at ``TAIL_Z`` deviations in a normal spread) where that is larger: an
    account whose conversion now and then jumps fourfold on an ordinary day
    has heavy tails the median alone does not see. Less the variance Poisson
    counting alone gives it: about 1 / explained for the follows, plus
    1 / units for the signal's own counts (``units``, when given: a signal of
    a few comments a day wanders by counting alone); 0 when counting
    explains all of it.

    Examples
    --------
    >>> explained = np.full(28, 100.0)
    >>> conversion_spread(np.full(28, 100.0), explained)  # steady conversion
    0.0
    >>> wander = np.tile([50.0, 200.0], 14)  # half or twice the usual, day after day
    >>> round(conversion_spread(wander, explained), 2)  # sqrt((1.4826 x 0.69)^2 - 1 / 100.5)
    1.02
    >>> wild = np.array([100.0] * 24 + [400.0] * 4)  # fourfold on 4 days in 28: the median sees none
    >>> round(conversion_spread(wild, explained), 2)  # sqrt((ln(400.5 / 100.5) / 1.96)^2 - 1 / 100.5)
    0.7
    """
    explained = np.clip(explained, 0.0, None)
    log_ratio = np.log((np.clip(follows, 0.0, None) + 0.5) / (explained + 0.5))  # net gains may be < 0
    deviation = np.abs(log_ratio - np.median(log_ratio))
    # the median deviation, or the account's own wild days where they are wilder than a normal
    # spread has them (heavy tails: a good post converting four times better now and then)
    sd = max(MAD_TO_SD * np.median(deviation), np.quantile(deviation, TAIL_QUANTILE) / TAIL_Z)
    counting = 1.0 / (explained + 0.5)
    if units is not None:
        counting = counting + 1.0 / (np.clip(units, 0.0, None) + 0.5)
    counting = np.median(counting)
    return float(np.sqrt(max(0.0, sd**2 - counting)))
