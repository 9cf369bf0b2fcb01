"""The one plain sentence that says why an event got its label, with the numbers.

Numbers are written the way the sentence's reader expects them, in the
active language (:mod:`smanalytics.i18n`): whole follows with thousands
separators, rates with two significant figures below 10 and whole above,
ratios as ``x18``. :func:`fmt_count`, :func:`fmt_rate` and :func:`fmt_times`
are the only formatters, so a test can rebuild any number the sentence
claims from the event's columns. Each sentence is one gettext message per
verdict reason, with the exposure signal's name and its follows per unit
(:data:`RATES`) as named placeholders.
"""

from __future__ import annotations

import math

import numpy as np

from smanalytics.growth.classify import Verdict
from smanalytics.i18n import N_, Nn_, _, fmt, ngettext, pgettext

__all__ = ["explain", "fmt_count", "fmt_rate", "fmt_times", "SIGNAL_WORDS", "RATES"]

#: Exposure below this many times usual is said to have "stayed flat", above it to have "rose only".
FLAT_IN_WORDS = 1.5

#: Each exposure signal as the sentences name it (English messages, shown through ``_()``).
SIGNAL_WORDS = {
    "impressions": N_("impressions"),
    "reach": N_("people reached"),
    "video_views": N_("video views"),
    "profile_visits": N_("profile visits"),
    "interactions": N_("likes, comments and shares"),
    "comments": N_("comments"),
    "post_comments": N_("comments on its posts"),
    "post_likes": N_("likes on its posts"),
    "post_follows": N_("follows from its posts"),
}

#: Follows per unit of each signal in the event against usually, and the unit's scale. Placeholders:
#: ``rate`` and ``usual`` (follows per unit), ``ratio`` (their ratio, ``x18``, or "new").
RATES = {
    "impressions": (N_("{rate} follows per 1,000 impressions against a usual {usual} ({ratio})"), 1000.0),
    "reach": (N_("{rate} follows per 1,000 people reached against a usual {usual} ({ratio})"), 1000.0),
    "video_views": (N_("{rate} follows per 1,000 video views against a usual {usual} ({ratio})"), 1000.0),
    "profile_visits": (N_("{rate} follows per 100 profile visits against a usual {usual} ({ratio})"), 100.0),
    "interactions": (
        N_("{rate} follows per 100 likes, comments and shares against a usual {usual} ({ratio})"),
        100.0,
    ),
    "comments": (N_("{rate} follows per 100 comments against a usual {usual} ({ratio})"), 100.0),
    "post_comments": (
        N_("{rate} follows per 100 comments on its posts against a usual {usual} ({ratio})"),
        100.0,
    ),
    "post_likes": (N_("{rate} follows per 100 likes on its posts against a usual {usual} ({ratio})"), 100.0),
    "post_follows": (
        N_("{rate} follows per 100 follows from its posts against a usual {usual} ({ratio})"),
        100.0,
    ),
}

#: The sentence of each verdict reason, singular and plural by the event's days. Placeholders:
#: ``excess`` follows above the usual, ``days``, ``usual`` follows a day, ``signal`` (a
#: :data:`SIGNAL_WORDS` name), ``extra`` units of it above usual, ``notes`` what the bracket says
#: (its lift, the post, a guess), ``lift`` its ratio to usual, ``rates`` a :data:`RATES` clause,
#: ``gone`` the share of the follows gone 30 days later, ``hidden`` a people signal whose noise could
#: hide ``room`` people.
SENTENCES = {
    "no_exposure": Nn_(
        "+{excess} follows above the usual in {days} day (usually {usual} a day), but the export has no "
        "impressions, reach, profile visits or engagement figures for those days to tell whether exposure "
        "explains them.",
        "+{excess} follows above the usual in {days} days (usually {usual} a day), but the export has no "
        "impressions, reach, profile visits or engagement figures for those days to tell whether exposure "
        "explains them.",
    ),
    "people": Nn_(
        "+{excess} follows above the usual in {days} day, with {extra} more {signal} than usual ({notes}): "
        "enough people came to the account to bring them.",
        "+{excess} follows above the usual in {days} days, with {extra} more {signal} than usual ({notes}): "
        "enough people came to the account to bring them.",
    ),
    "some_people": Nn_(
        "+{excess} follows above the usual in {days} day, with {extra} more {signal} than usual ({notes}): "
        "people came to the account, too many to call the other follows bought.",
        "+{excess} follows above the usual in {days} days, with {extra} more {signal} than usual ({notes}): "
        "people came to the account, too many to call the other follows bought.",
    ),
    "bought_flat": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} stayed flat ({lift}): {rates}.",
        "+{excess} follows above the usual in {days} days while {signal} stayed flat ({lift}): {rates}.",
    ),
    "bought_flat_gone": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} stayed flat ({lift}): {rates}; "
        "{gone} were gone 30 days later.",
        "+{excess} follows above the usual in {days} days while {signal} stayed flat ({lift}): {rates}; "
        "{gone} were gone 30 days later.",
    ),
    "bought_rose": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} rose only {lift}: {rates}.",
        "+{excess} follows above the usual in {days} days while {signal} rose only {lift}: {rates}.",
    ),
    "bought_rose_gone": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} rose only {lift}: {rates}; "
        "{gone} were gone 30 days later.",
        "+{excess} follows above the usual in {days} days while {signal} rose only {lift}: {rates}; "
        "{gone} were gone 30 days later.",
    ),
    "hidden_people_flat": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} stayed flat ({lift}): {rates}, but "
        "{hidden} vary so much here that up to {room} more people than usual could have come unseen (a "
        "giveaway or contest?), too many to call the follows bought.",
        "+{excess} follows above the usual in {days} days while {signal} stayed flat ({lift}): {rates}, but "
        "{hidden} vary so much here that up to {room} more people than usual could have come unseen (a "
        "giveaway or contest?), too many to call the follows bought.",
    ),
    "hidden_people_rose": Nn_(
        "+{excess} follows above the usual in {days} day while {signal} rose only {lift}: {rates}, but "
        "{hidden} vary so much here that up to {room} more people than usual could have come unseen (a "
        "giveaway or contest?), too many to call the follows bought.",
        "+{excess} follows above the usual in {days} days while {signal} rose only {lift}: {rates}, but "
        "{hidden} vary so much here that up to {room} more people than usual could have come unseen (a "
        "giveaway or contest?), too many to call the follows bought.",
    ),
    "organic": Nn_(
        "+{excess} follows above the usual in {days} day, in line with the exposure: {signal} were {lift} "
        "usual and brought {rates}.",
        "+{excess} follows above the usual in {days} days, in line with the exposure: {signal} were {lift} "
        "usual and brought {rates}.",
    ),
    "organic_noted": Nn_(
        "+{excess} follows above the usual in {days} day, in line with the exposure: {signal} were {lift} "
        "usual ({notes}) and brought {rates}.",
        "+{excess} follows above the usual in {days} days, in line with the exposure: {signal} were {lift} "
        "usual ({notes}) and brought {rates}.",
    ),
    "partial": Nn_(
        "+{excess} follows above the usual in {days} day: {signal} were {lift} usual and brought {rates}, "
        "too many follows to be explained by exposure alone and too few to call them bought.",
        "+{excess} follows above the usual in {days} days: {signal} were {lift} usual and brought {rates}, "
        "too many follows to be explained by exposure alone and too few to call them bought.",
    ),
}

#: What may have brought people to the account, by signal (a guess, in the sentence's bracket).
GUESSES = {"profile_visits": N_("a shout-out?")}
GUESS = N_("a giveaway or contest?")


def fmt_count(x: float) -> str:
    """Whole number with thousands separators: ``4,870``."""
    return fmt.integer(x)


def fmt_rate(x: float) -> str:
    """A rate: ``41``, ``2.3``, ``0.046``.

    Examples
    --------
    >>> fmt_rate(41.2), fmt_rate(2.345), fmt_rate(0.04567)
    ('41', '2.3', '0.046')
    """
    if not math.isfinite(x):
        return _("unknown")
    return fmt.rate(x)


def fmt_times(x: float) -> str:
    """A ratio as ``x18`` or ``x2.4``."""
    # Translators: a spike's ratio to the usual: "x18" is eighteen times the usual; {ratio} is a number.
    return pgettext("spike ratio", "x{ratio}").format(ratio=fmt_rate(x))


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
    values = {"excess": fmt_count(excess), "days": fmt_count(days), "usual": fmt_rate(usual_per_day)}
    if verdict.reason == "no_exposure":
        return _sentence("no_exposure", days, values)
    values["signal"] = _(SIGNAL_WORDS[best])
    values["lift"] = fmt_times(lift)
    if verdict.reason in ("people", "some_people"):
        notes = [fmt_times(lift)] if math.isfinite(lift) else []
        if post_id:
            notes.append(_("most on post {post}").format(post=post_id))
        notes.append(_(GUESSES.get(best, GUESS)))
        return _sentence(
            verdict.reason, days, {**values, "extra": fmt_count(extra), "notes": ", ".join(notes)}
        )
    message, scale = RATES[best]
    values["rates"] = _(message).format(
        rate=fmt_rate(event_rate * scale),
        usual=fmt_rate(usual_rate * scale),
        ratio=fmt_times(event_rate / usual_rate) if usual_rate else _("new"),
    )
    moved = "flat" if lift < FLAT_IN_WORDS else "rose"
    if verdict.reason == "hidden_people":
        hidden_values = {**values, "hidden": _(SIGNAL_WORDS[hidden]), "room": fmt_count(room)}
        return _sentence(f"hidden_people_{moved}", days, hidden_values)
    if verdict.reason == "bought":
        key = f"bought_{moved}"
        if np.isfinite(retention):
            return _sentence(f"{key}_gone", days, {**values, "gone": fmt.percent(1 - retention, 0)})
        return _sentence(key, days, values)
    if verdict.reason == "organic":
        guess = {"profile_visits": GUESSES["profile_visits"], "comments": GUESS}.get(best)
        if guess:
            return _sentence("organic_noted", days, {**values, "notes": _(guess)})
        return _sentence("organic", days, values)
    return _sentence("partial", days, values)


def _sentence(key: str, days: int, values: dict) -> str:
    return ngettext(*SENTENCES[key], int(days)).format(**values)
