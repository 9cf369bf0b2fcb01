"""``SpikeSettings``: every threshold and weight of the spike detector, named once.

One frozen dataclass, as ruptures keeps an estimator's settings as explicit
keyword fields: the defaults below are the only place a number of the
detector is written, each with what it means. Pass a changed copy to
:func:`~smanalytics.growth.detect_spikes`, or name the fields to change::

    detect_spikes(daily, settings=SpikeSettings(min_share=0.002))
    detect_spikes(daily, min_share=0.002)        # the same

Fields, by the stage that uses them:

* candidates (:mod:`~smanalytics.growth.candidates`,
  :mod:`~smanalytics.growth.baseline`): ``z_peak``, ``z_shoulder``,
  ``exclude_z``, ``baseline_window``, ``z_drip``, ``drip_lift``,
  ``min_drip_days``, ``drip_window``;
* which events are reported: ``min_excess``, ``min_share``;
* the exposure model (:mod:`~smanalytics.growth.exposure`):
  ``baseline_days_before``, ``min_baseline_days``, ``min_baseline_total``,
  ``noise_sds``; the people who came beyond the reach
  (:mod:`~smanalytics.growth.people`, :mod:`~smanalytics.growth.post_people`):
  ``visit_conversion``, ``comment_conversion``, ``interaction_conversion``,
  ``people_share``;
* the label (:mod:`~smanalytics.growth.classify`): ``bought_ratio``,
  ``drip_ratio``, ``drip_days``, ``strong_ratio``, ``flat_lift``,
  ``organic_ratio``, ``max_p``, ``spread_z``;
* the confidence of each label, and the signs that support a bought one:
  ``bought_confidence`` ... ``engagement_fell_below``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

__all__ = ["SpikeSettings", "settings_with"]


@dataclass(frozen=True)
class SpikeSettings:
    """Thresholds and weights of :func:`~smanalytics.growth.detect_spikes`.

    Attributes
    ----------
    z_peak : float, default 5.0
        A burst needs a day this many noise scales above the usual follows
        (on NAB's realTweets, 93% of the best single threshold's score; a
        package of 2% of followers stands far above it, while z 4 let
        ordinary heavy-tailed days through as questions that exposure then
        answered wrongly now and then).
    z_shoulder : float, default 2.0
        Adjacent days at least this far above usual join the burst.
    exclude_z : float, default 3.0
        Days this far above the first baseline are left out of the second,
        so that a run of spikes cannot lift what counts as usual.
    baseline_window : int, default 29
        Days in the centred median of usual follows (odd); bursts shorter
        than half of it leave it unmoved.
    z_drip : float, default 4.0
        A drip (a week to a month of extra follows) needs its 7-day mean this
        many scales above a long centred median...
    drip_lift : float, default 0.5
        ...and at least this share (50%) above it...
    min_drip_days : int, default 5
        ...for at least this many days in a row.
    drip_window : int, default 91
        Days in the long centred median that drips are measured against.
    min_excess : float, default 10
        Events with fewer excess follows are not reported.
    min_share : float, default 0.005
        Nor those whose excess is below this share of followers (when known).
    baseline_days_before : int, default 56
        Days before an event that give its usual exposure rates.
    min_baseline_days : int, default 7
        An exposure signal is used only when known on this many usual days...
    min_baseline_total : float, default 50
        ...adding up to at least this much: a signal of a handful a day is too
        noisy to explain anything.
    noise_sds : float, default 2.0
        A signal's rise counts only beyond this many Poisson standard
        deviations of its event total (5 comments where 2 are usual explain
        nothing).
    visit_conversion : float, default 1.0
        Follows one *extra* profile visit (beyond what the reach brings) can
        explain, however rarely visitors usually follow: a visitor sent by a
        shout-out came to look, and one person follows at most once.
    comment_conversion : float, default 1.0
        Follows one extra comment can explain: a giveaway entrant comments
        and follows.
    interaction_conversion : float, default 1.0
        Follows one extra like, comment or share can explain: an entrant
        likes the post at least. Bought followers bring none of the three.
    people_share : float, default 0.5
        Where the extra people explain at least this share of the follows
        that exposure leaves unexplained, the rest is ``unclear``, never
        bought: the extra people counted are a lower bound (not every
        entrant comments, noise is taken off), and a crowd that came is an
        organic cause of the whole event.
    bought_ratio : float, default 3.0
        Suspected bought when observed follows are at least this many times
        what the most generous exposure signal explains (two thirds of them
        unexplained)...
    drip_ratio : float, default 2.0
        ...or this many times, for an event of ``drip_days`` or more
        (follows doubled for weeks with exposure flat is how drip-fed
        packages look)...
    drip_days : int, default 7
        ...the length from which an event counts as a drip.
    strong_ratio : float, default 5.0
        When exposure itself rose ``flat_lift`` times or more (a campaign, a
        viral post), follows must outpace it this many times: the lower end
        of the 5-100x jump of follows per 1,000 impressions reported for
        bought followers. At four times this ratio a bought label's
        confidence from the ratio is at its top.
    flat_lift : float, default 3.0
        Exposure below this many times usual counts as flat.
    organic_ratio : float, default 1.5
        Organic when observed follows are at most this many times what
        exposure explains; between it and the bought ratio, ``unclear``.
    max_p : float, default 1e-4
        A bought label also needs so many follows to be this unlikely by
        chance (Poisson tail of the follows exposure explains)...
    spread_z : float, default 4.0
        ...and log(ratio) at least this many standard deviations of the
        account's own day-to-day wandering of log(follows per unit of
        exposure) on its usual days (averaged over the event's days): an
        account whose conversion doubles or halves from day to day by itself
        needs a bigger jump.
    bought_confidence : float, default 0.6
        Confidence of a bought label just past its ratio...
    bought_confidence_span : float, default 0.25
        ...plus up to this much as the ratio grows to ``4 x strong_ratio``
        (on a log scale)...
    sign_weight : float, default 0.05
        ...plus this much for each supporting sign: delivered fast, a round
        package size, followers lost, engagement per follower fallen...
    max_confidence : float, default 0.99
        ...never above this.
    organic_confidence : float, default 0.65
        Confidence of an organic label at ``organic_ratio``...
    organic_confidence_span : float, default 0.3
        ...plus up to this much as the ratio falls to a third of it.
    people_confidence : float, default 0.7
        Confidence of an organic label that the extra visitors or
        commenters explain (a shout-out, a giveaway).
    unclear_confidence : float, default 0.5
        Confidence of ``unclear``: the evidence does not decide either way.
    fast_days : int, default 3
        Sign "fast": delivered within this many days.
    round_tolerance : float, default 0.06
        Sign "round": excess within this share of a usual package size.
    lost_below : float, default 0.8
        Sign "lost": under this share of the excess still there 30 days on.
    engagement_fell_below : float, default 0.8
        Sign "engagement fell": interactions per follower after the event
        under this share of before.

    Examples
    --------
    >>> s = SpikeSettings(min_share=0.002)
    >>> s.min_share, s.z_peak
    (0.002, 5.0)
    >>> SpikeSettings(z_peak=-1)
    Traceback (most recent call last):
    ...
    ValueError: SpikeSettings.z_peak must be positive, got -1
    """

    # candidates
    z_peak: float = 5.0
    z_shoulder: float = 2.0
    exclude_z: float = 3.0
    baseline_window: int = 29
    z_drip: float = 4.0
    drip_lift: float = 0.5
    min_drip_days: int = 5
    drip_window: int = 91
    # which events are reported
    min_excess: float = 10.0
    min_share: float = 0.005
    # the exposure model
    baseline_days_before: int = 56
    min_baseline_days: int = 7
    min_baseline_total: float = 50.0
    noise_sds: float = 2.0
    visit_conversion: float = 1.0
    comment_conversion: float = 1.0
    interaction_conversion: float = 1.0
    people_share: float = 0.5
    # the label
    bought_ratio: float = 3.0
    drip_ratio: float = 2.0
    drip_days: int = 7
    strong_ratio: float = 5.0
    flat_lift: float = 3.0
    organic_ratio: float = 1.5
    max_p: float = 1e-4
    spread_z: float = 4.0
    # confidence
    bought_confidence: float = 0.6
    bought_confidence_span: float = 0.25
    sign_weight: float = 0.05
    max_confidence: float = 0.99
    organic_confidence: float = 0.65
    organic_confidence_span: float = 0.3
    people_confidence: float = 0.7
    unclear_confidence: float = 0.5
    # signs of a bought spike
    fast_days: int = 3
    round_tolerance: float = 0.06
    lost_below: float = 0.8
    engagement_fell_below: float = 0.8

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"SpikeSettings.{f.name} must be a number, got {value!r}")
            if value < 0 or (value == 0 and f.name not in _MAY_BE_ZERO):
                raise ValueError(f"SpikeSettings.{f.name} must be positive, got {value!r}")
        if self.baseline_window % 2 == 0 or self.drip_window % 2 == 0:
            raise ValueError(
                "SpikeSettings.baseline_window and drip_window must be odd (centred medians), "
                f"got {self.baseline_window} and {self.drip_window}"
            )
        if not self.organic_ratio <= self.drip_ratio <= self.bought_ratio <= self.strong_ratio:
            raise ValueError(
                "SpikeSettings needs organic_ratio <= drip_ratio <= bought_ratio <= strong_ratio, got "
                f"{self.organic_ratio}, {self.drip_ratio}, {self.bought_ratio}, {self.strong_ratio}"
            )


#: Fields that may be 0 (a floor switched off, a weight not used).
_MAY_BE_ZERO = frozenset(
    {
        "min_excess",
        "min_share",
        "noise_sds",
        "visit_conversion",
        "comment_conversion",
        "interaction_conversion",
        "people_share",
        "bought_confidence_span",
        "sign_weight",
        "organic_confidence_span",
        "round_tolerance",
        "lost_below",
        "engagement_fell_below",
        "drip_lift",
    }
)


def settings_with(settings: SpikeSettings, overrides: dict) -> SpikeSettings:
    """``settings`` with the fields named in ``overrides`` changed; unknown names are an error.

    Examples
    --------
    >>> settings_with(SpikeSettings(), {"bought_ratio": 4.0}).bought_ratio
    4.0
    >>> settings_with(SpikeSettings(), {"z_pek": 5})
    Traceback (most recent call last):
    ...
    TypeError: detect_spikes() got an unknown setting 'z_pek'; SpikeSettings has: z_peak, ...
    """
    if not isinstance(settings, SpikeSettings):
        raise TypeError(f"settings must be a SpikeSettings, got {type(settings).__name__}")
    known = [f.name for f in dataclasses.fields(SpikeSettings)]
    for name in overrides:
        if name not in known:
            raise TypeError(
                f"detect_spikes() got an unknown setting {name!r}; SpikeSettings has: {', '.join(known)}"
            )
    return dataclasses.replace(settings, **overrides) if overrides else settings
