"""The one plain sentence that says why an event got its label, with the numbers.

Numbers are written the way the sentence's reader expects them: whole
follows with thousands separators, rates with two significant figures below
10 and whole above, ratios as ``x18``. :func:`fmt_count`, :func:`fmt_rate`
and :func:`fmt_times` are the only formatters, so a test can rebuild any
number the sentence claims from the event's columns.
"""

from __future__ import annotations

import math

import numpy as np

from smanalytics.growth.classify import Verdict

__all__ = ["explain", "fmt_count", "fmt_rate", "fmt_times", "SIGNAL_WORDS"]

#: Exposure below this many times usual is said to have "stayed flat", above it to have "rose only".
FLAT_IN_WORDS = 1.5

SIGNAL_WORDS = {
    "impressions": "impressions",
    "reach": "people reached",
    "video_views": "video views",
    "profile_visits": "profile visits",
    "interactions": "likes, comments and shares",
    "comments": "comments",
    "post_comments": "comments on its posts",
    "post_likes": "likes on its posts",
    "post_follows": "follows from its posts",
}


def fmt_count(x: float) -> str:
    """Whole number with thousands separators: ``4,870``."""
    return f"{round(x):,}"


def fmt_rate(x: float) -> str:
    """A rate: ``41``, ``2.3``, ``0.046``.

    Examples
    --------
    >>> fmt_rate(41.2), fmt_rate(2.345), fmt_rate(0.04567)
    ('41', '2.3', '0.046')
    """
    if not math.isfinite(x):
        return "unknown"
    if x >= 10:
        return f"{round(x):,}"
    if x <= 0:
        return "0"
    digits = max(1, 1 - math.floor(math.log10(x)))
    return f"{x:.{digits}f}"


def fmt_times(x: float) -> str:
    """A ratio as ``x18`` or ``x2.4``."""
    return "x" + fmt_rate(x)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def explain(
    *,
    verdict: Verdict,
    excess: float,
    days: int,
    usual_per_day: float,
    best: str | None,
    event_rate: float,
    usual_rate: float,
    lift: float,
    retention: float,
    extra: float = np.nan,
    post_id: str | None = None,
    hidden: str | None = None,
    room: float = np.nan,
) -> str:
    """One sentence for a business owner.

    ``best`` is the exposure signal the sentence is about, with its
    follows per unit in the event (``event_rate``) and usually
    (``usual_rate``), its lift over usual (``lift``) and the units above
    usual (``extra``); ``post_id`` the post that drew most of them, for a
    signal of the posts table; ``hidden`` the people signal whose noise
    could hide ``room`` people (a verdict of reason ``hidden_people``).

    Examples
    --------
    >>> v = Verdict("suspected_bought", 0.9, "bought")
    >>> explain(verdict=v, excess=4870, days=2, usual_per_day=12, best="impressions",
    ...         event_rate=0.041, usual_rate=0.0023, lift=1.05,
    ...         retention=0.69)  # doctest: +NORMALIZE_WHITESPACE
    '+4,870 follows above the usual in 2 days while impressions stayed flat (x1.1): 41 follows per
    1,000 impressions against a usual 2.3 (x18); 31% were gone 30 days later.'
    """
    head = f"+{fmt_count(excess)} follows above the usual in {_days(days)}"
    if verdict.reason == "no_exposure":
        return (
            f"{head} (usually {fmt_rate(usual_per_day)} a day), but the export has no impressions, "
            "reach, profile visits or engagement figures for those days to tell whether exposure "
            "explains them."
        )
    words = SIGNAL_WORDS[best]
    if verdict.reason in ("people", "some_people"):
        hint = {"profile_visits": "a shout-out?"}.get(best, "a giveaway or contest?")
        if post_id:
            hint = f"most on post {post_id}, {hint}"
        if math.isfinite(lift):
            hint = f"{fmt_times(lift)}, {hint}"
        head = f"{head}, with {fmt_count(extra)} more {words} than usual ({hint})"
        if verdict.reason == "people":
            return f"{head}: enough people came to the account to bring them."
        return f"{head}: people came to the account, too many to call the other follows bought."
    per, scale = _per(best)
    rates = (
        f"{fmt_rate(event_rate * scale)} follows per {per} against a usual "
        f"{fmt_rate(usual_rate * scale)} ({fmt_times(event_rate / usual_rate) if usual_rate else 'new'})"
    )
    moved = "stayed flat" if lift < FLAT_IN_WORDS else "rose only"
    if verdict.reason == "hidden_people":
        return (
            f"{head} while {words} {moved} ({fmt_times(lift)}): {rates}, but {SIGNAL_WORDS[hidden]} "
            f"vary so much here that up to {fmt_count(room)} more people than usual could have come "
            "unseen (a giveaway or contest?), too many to call the follows bought."
        )
    if verdict.reason == "bought":
        text = f"{head} while {words} {moved} ({fmt_times(lift)}): {rates}"
        if np.isfinite(retention):
            text += f"; {round(100 * (1 - retention))}% were gone 30 days later"
        return text + "."
    if verdict.reason == "organic":
        hint = {"profile_visits": " (a shout-out?)", "comments": " (a giveaway or contest?)"}.get(best, "")
        usual = f"{words} were {fmt_times(lift)} usual{hint}"
        return f"{head}, in line with the exposure: {usual} and brought {rates}."
    return (
        f"{head}: {words} were {fmt_times(lift)} usual and brought {rates}, "
        "too many follows to be explained by exposure alone and too few to call them bought."
    )


def _per(signal: str) -> tuple[str, float]:
    if signal in ("impressions", "reach", "video_views"):
        return f"1,000 {SIGNAL_WORDS[signal]}", 1000.0
    return f"100 {SIGNAL_WORDS[signal]}", 100.0
