"""People who came to the account beyond what its reach brings: giveaways, contests, shout-outs.

A follow is a person. Bought followers bring no one else: no visit, no like,
no comment, no view. Real ones came from somewhere, and two kinds of crowd
leave a trace in an export:

* **entrants** (:attr:`Crowd.entrants`): a follow-to-enter giveaway or a
  contest brings people who follow, like and comment (entries, tagged
  friends) while the post's impressions rise only a little. Seen in daily
  comments or interactions (likes + comments + shares), and in the posts
  table as a post with far more comments or likes than its reach brings;
* **visitors** (:attr:`Crowd.visitors`): a shout-out from another account
  sends people to the profile. Seen in daily profile visits, and in the posts
  table as follows the platform attributes to a post beyond the usual.

A rise in reach alone is no crowd: the reach of an ordinary day wanders by
far more people than a package holds, so it would excuse bought followers
by chance, and a package bought beside a popular post has it too.

For each daily signal, the usual amount per unit of reach (impressions, else
reach, else video views) on the baseline days gives what the event's reach
alone would bring, and the usual amount on those weekdays (the signal's own
weekday factors) what an ordinary day brings; the larger of the two is what
the event would have had anyway. What the event brought beyond that, less
``noise_sds`` times its noise (Poisson counting plus the signal's own
day-to-day spread on the baseline days), is the extra people. Days the
export skipped are left out and the rest scaled to the whole event, when
they are at least half of it. Each extra person can explain at most one
follow: ``visit_conversion``, ``comment_conversion`` and
``interaction_conversion`` of
:class:`~smanalytics.growth.settings.SpikeSettings` are the follows one extra
unit may explain. A viral post raises visits and likes together with its
reach, so its people are already explained by the reach and add no
capacity: a package bought beside it still stands out. The posts table is
weighed the same way, post by post (:mod:`~smanalytics.growth.post_people`).

The same sums bound the people a signal could hide: its total less what
the event would have had anyway, *plus* ``noise_sds`` times its noise, is
the most people who could have come without the signal showing them
(:attr:`People.room`). A giveaway of a few dozen entrants on a small
account vanishes in its likes' day-to-day wandering; where that room holds
as many people as the follows above the usual, their absence proves
nothing and the label is ``unclear``
(:func:`~smanalytics.growth.classify.classify`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from smanalytics.growth.baseline import MAD_TO_SD, weekday_factors
from smanalytics.growth.settings import SpikeSettings

__all__ = ["PEOPLE_SIGNALS", "REACH_SIGNALS", "Crowd", "People", "people_evidence", "robust_sd"]

#: Daily signals that count people who came to the account, and the crowd each one shows.
PEOPLE_SIGNALS = {"profile_visits": "visitors", "comments": "entrants", "interactions": "entrants"}
#: Signals of how many saw the account's content, in the order preferred as the yardstick.
REACH_SIGNALS = ("impressions", "reach", "video_views")

DEFAULT = SpikeSettings()


@dataclass(frozen=True)
class People:
    """The extra people one signal shows over an event.

    ``capacity`` is the most follows they can explain; ``signal`` the signal
    that gave it (None when no signal shows extra people); ``extra`` its
    units beyond what the event would have had anyway and beyond noise;
    ``lift`` its total in the event over that usual amount; ``post_id`` the
    post with the most of them, for a signal of the posts table. ``room``
    is the most follows people could explain *within* the signal's noise
    (its units beyond the usual amount plus ``noise_sds`` times the noise,
    times the conversion): as many entrants as that could have come
    without the signal showing them.
    """

    capacity: float = 0.0
    signal: str | None = None
    extra: float = np.nan
    lift: float = np.nan
    post_id: str | None = None
    room: float = 0.0


@dataclass(frozen=True)
class Crowd:
    """The extra people of one event, by crowd (see the module's docstring).

    ``hidden`` is the daily people signal with the most ``room``: where
    even the signal that could hide the most people could not hide as many
    as the follows above the usual, no crowd came unseen.
    """

    entrants: People = field(default_factory=People)
    visitors: People = field(default_factory=People)
    hidden: People = field(default_factory=People)

    def came(self, unexplained: float = np.inf) -> People:
        """The entrants or the visitors: the crowd that stands out most among those that can
        explain ``unexplained`` follows, else the one that can explain the most.

        Never both added up: an entrant usually opens the profile too, and a
        person follows once.

        Examples
        --------
        >>> likers = People(38.0, "post_likes", 38.0, 1.2)
        >>> crowd = Crowd(entrants=likers, visitors=People(25.0, "profile_visits", 25.0, 4.0))
        >>> crowd.came(18).signal, crowd.came(30).signal  # visits x4 stand out; 38 likers x1.2 are more
        ('profile_visits', 'post_likes')
        """
        crowds = (self.entrants, self.visitors)
        enough = [p for p in crowds if p.capacity > 0 and p.capacity >= unexplained]
        if enough:
            return max(enough, key=lambda p: p.lift)
        return max(crowds, key=lambda p: p.capacity)

    def with_best(self, crowd: str, people: People) -> Crowd:
        """This crowd with ``people`` for ``crowd`` where they can explain more follows."""
        if people.capacity <= getattr(self, crowd).capacity:
            return self
        return Crowd(**{**self.__dict__, crowd: people})

    def with_room(self, people: People) -> Crowd:
        """This crowd with ``people`` as ``hidden`` where they leave more room."""
        if people.room <= self.hidden.room:
            return self
        return Crowd(**{**self.__dict__, "hidden": people})


def conversions(settings: SpikeSettings) -> dict[str, float]:
    """Follows one extra unit of each daily people signal may explain."""
    return {
        "profile_visits": settings.visit_conversion,
        "comments": settings.comment_conversion,
        "interactions": settings.interaction_conversion,
    }


def people_evidence(
    frame: pd.DataFrame, first: int, last: int, base: np.ndarray, settings: SpikeSettings = DEFAULT
) -> Crowd:
    """The extra people of the daily table over event positions ``first..last``.

    ``base`` holds the positions of the usual days to compare with.

    Examples
    --------
    >>> f = pd.DataFrame({"impressions": [5000.0] * 11, "profile_visits": [100.0] * 10 + [1100.0]})
    >>> p = people_evidence(f, 10, 10, np.arange(10)).visitors
    >>> p.signal, round(p.extra, 1), p.lift  # 1,100 - 100 usual - 2 x sqrt(1,100)
    ('profile_visits', 933.7, 11.0)
    """
    crowd = Crowd()
    yardstick = _yardstick(frame, first, last, base, settings)
    for signal, conversion in conversions(settings).items():
        if signal not in frame or conversion <= 0:
            continue
        extra, lift, room = _extra(frame, signal, yardstick, first, last, base, settings)
        if np.isfinite(extra):
            people = People(conversion * extra, signal, extra, lift, room=conversion * room)
            crowd = crowd.with_best(PEOPLE_SIGNALS[signal], people).with_room(people)
    return crowd


def _yardstick(frame, first, last, base, settings) -> str | None:
    """The first reach signal known on most event days and on enough baseline days."""
    for signal in REACH_SIGNALS:
        if signal not in frame:
            continue
        values = frame[signal].to_numpy(dtype=float)
        if np.isfinite(values[first : last + 1]).mean() < 0.5:
            continue
        if np.isfinite(values[base]).sum() >= settings.min_baseline_days and np.nansum(values[base]) > 0:
            return signal
    return None


def _extra(frame, signal, yardstick, first, last, base, settings) -> tuple[float, float, float]:
    """Units of ``signal`` beyond what the event would have had anyway, its lift over that, and
    the most units that could be beyond it within the noise."""
    values = frame[signal].to_numpy(dtype=float)
    days = np.arange(first, last + 1)
    known = days[np.isfinite(values[days])]
    if len(known) < 0.5 * len(days):
        return np.nan, np.nan, np.nan
    if yardstick is not None:  # the days both are known on, so that reach and signal match
        known = known[np.isfinite(frame[yardstick].to_numpy(dtype=float)[known])]
        if len(known) < 0.5 * len(days):
            return np.nan, np.nan, np.nan
    # usual per day, weekday by weekday: a Saturday is compared with Saturdays
    weekday = _weekday_factors(frame, signal)
    usable = base[np.isfinite(values[base])]
    if len(usable) < settings.min_baseline_days:
        return np.nan, np.nan, np.nan
    per_day = (values[usable] / weekday[usable]).mean()
    usual = per_day * weekday[known].sum()
    residual = values[usable] - per_day * weekday[usable]
    expected = 0.0
    if yardstick is not None:
        reach = frame[yardstick].to_numpy(dtype=float)
        usable = usable[np.isfinite(reach[usable])]
        if len(usable) >= settings.min_baseline_days and reach[usable].sum() > 0:
            rate = values[usable].sum() / reach[usable].sum()
            expected = rate * reach[known].sum()
            residual = values[usable] - rate * reach[usable]
    total = values[known].sum()
    if per_day <= 0 or total <= 0:
        return np.nan, np.nan, np.nan
    noise = settings.noise_sds * np.sqrt(total + len(known) * robust_sd(residual) ** 2)
    scale = len(days) / len(known)  # to the whole event
    anyway = max(expected, usual)
    extra = max(0.0, total - noise - anyway) * scale
    room = max(0.0, total + noise - anyway) * scale
    return float(extra), float(total / usual), float(room)


def _weekday_factors(frame: pd.DataFrame, signal: str) -> np.ndarray:
    if not isinstance(frame.index, pd.DatetimeIndex):
        return np.ones(len(frame))
    return weekday_factors(frame[signal]).to_numpy(dtype=float)


def robust_sd(x: np.ndarray) -> float:
    """Standard deviation from the median absolute deviation: a few odd values do not inflate it.

    Examples
    --------
    >>> robust_sd(np.array([1.0, 2.0, 3.0, 100.0]))  # 1.4826 x median(|x - 2.5|) = 1.4826 x 1
    1.4826
    """
    return float(MAD_TO_SD * np.median(np.abs(x - np.median(x)))) if len(x) else 0.0
