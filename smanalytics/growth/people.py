"""People who came to the account beyond what its reach brings: giveaways, contests, shout-outs.

A follow-to-enter giveaway brings entrants who follow, like and comment and
open the profile, while the post's impressions rise only a little; a
shout-out from another account sends visitors to the profile. Bought
followers bring no one: no visit, no like, no comment.

For each people signal the export has (profile visits, comments,
interactions: likes + comments + shares), the usual amount per unit of
reach (impressions, else reach, else video views) on the baseline days
gives what the event's reach alone would bring, and the usual amount on
those weekdays (the signal's own weekday factors) what an ordinary day
brings; the larger of the two is what the event would have had anyway.
What the event brought beyond that, less ``noise_sds`` times its noise (Poisson counting plus the signal's own
day-to-day spread on the baseline days), is the extra people. Each extra
person can explain at most one follow: ``visit_conversion``,
``comment_conversion`` and ``interaction_conversion`` of
:class:`~smanalytics.growth.settings.SpikeSettings` are the follows one
extra unit may explain. A viral post raises visits and likes together with
its reach, so its people are already explained by the reach and add no
capacity: a package bought beside it still stands out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from smanalytics.growth.baseline import MAD_TO_SD, weekday_factors
from smanalytics.growth.settings import SpikeSettings

__all__ = ["PEOPLE_SIGNALS", "REACH_SIGNALS", "People", "people_evidence"]

#: Signals that count people who came to the account, in the order preferred for the explanation.
PEOPLE_SIGNALS = ("profile_visits", "comments", "interactions")
#: Signals of how many saw the account's content, in the order preferred as the yardstick.
REACH_SIGNALS = ("impressions", "reach", "video_views")

DEFAULT = SpikeSettings()


@dataclass(frozen=True)
class People:
    """The extra people of one event.

    ``capacity`` is the most follows they can explain; ``signal`` the people
    signal that gave it (None when no signal shows extra people); ``extra``
    its units beyond what the reach brings and beyond noise; ``lift`` its
    mean per day in the event over the baseline's.
    """

    capacity: float = 0.0
    signal: str | None = None
    extra: float = np.nan
    lift: float = np.nan


def conversions(settings: SpikeSettings) -> dict[str, float]:
    """Follows one extra unit of each people signal may explain."""
    return {
        "profile_visits": settings.visit_conversion,
        "comments": settings.comment_conversion,
        "interactions": settings.interaction_conversion,
    }


def people_evidence(
    frame: pd.DataFrame, first: int, last: int, base: np.ndarray, settings: SpikeSettings = DEFAULT
) -> People:
    """The extra people over event positions ``first..last`` against baseline positions ``base``.

    Examples
    --------
    >>> f = pd.DataFrame({"impressions": [5000.0] * 11, "profile_visits": [100.0] * 10 + [1100.0]})
    >>> p = people_evidence(f, 10, 10, np.arange(10))
    >>> p.signal, round(p.extra, 1), p.lift  # 1,100 - 100 usual - 2 x sqrt(1,100)
    ('profile_visits', 933.7, 11.0)
    """
    best = People()
    yardstick = _yardstick(frame, first, last, base, settings)
    for signal, conversion in conversions(settings).items():
        if signal not in frame or conversion <= 0:
            continue
        extra, lift = _extra(frame, signal, yardstick, first, last, base, settings)
        if np.isfinite(extra) and conversion * extra > best.capacity:
            best = People(conversion * extra, signal, extra, lift)
    return best


def _yardstick(frame, first, last, base, settings) -> str | None:
    """The first reach signal known on every event day and on enough baseline days."""
    for signal in REACH_SIGNALS:
        if signal not in frame:
            continue
        values = frame[signal].to_numpy(dtype=float)
        if np.isnan(values[first : last + 1]).any():
            continue
        if np.isfinite(values[base]).sum() >= settings.min_baseline_days and np.nansum(values[base]) > 0:
            return signal
    return None


def _extra(frame, signal, yardstick, first, last, base, settings) -> tuple[float, float]:
    values = frame[signal].to_numpy(dtype=float)
    event = values[first : last + 1]
    if np.isnan(event).any():
        return np.nan, np.nan
    # usual per day, weekday by weekday: a Saturday is compared with Saturdays
    weekday = _weekday_factors(frame, signal)
    known = np.isfinite(values[base])
    if known.sum() < settings.min_baseline_days:
        return np.nan, np.nan
    per_day = (values[base][known] / weekday[base][known]).mean()
    usual = per_day * weekday[first : last + 1].sum()
    residual = values[base][known] - per_day * weekday[base][known]
    expected = 0.0
    if yardstick is not None:
        reach = frame[yardstick].to_numpy(dtype=float)
        known &= np.isfinite(reach[base])
        if known.sum() >= settings.min_baseline_days and reach[base][known].sum() > 0:
            rate = values[base][known].sum() / reach[base][known].sum()
            expected = rate * reach[first : last + 1].sum()
            residual = values[base][known] - rate * reach[base][known]
    total = event.sum()
    if per_day <= 0 or total <= 0:
        return np.nan, np.nan
    noise = settings.noise_sds * np.sqrt(total + len(event) * _robust_sd(residual) ** 2)
    return float(max(0.0, total - noise - max(expected, usual))), float(total / usual)


def _weekday_factors(frame: pd.DataFrame, signal: str) -> np.ndarray:
    if not isinstance(frame.index, pd.DatetimeIndex):
        return np.ones(len(frame))
    return weekday_factors(frame[signal]).to_numpy(dtype=float)


def _robust_sd(x: np.ndarray) -> float:
    """Standard deviation from the median absolute deviation: a few odd days do not inflate it."""
    return float(MAD_TO_SD * np.median(np.abs(x - np.median(x))))
