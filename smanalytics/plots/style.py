"""One palette and one vocabulary for every chart and report.

Names and colours a reader sees are rows of the tables below, shared by the
plots (:mod:`smanalytics.plots`) and the report's tables and captions
(:mod:`smanalytics.report`): a new platform, spike label or kind of post is
a row here, not a change in each chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

__all__ = [
    "Look",
    "ACCENT",
    "GOOD",
    "HIGHLIGHT",
    "MUTED",
    "GRID",
    "INK",
    "PLATFORMS",
    "SPIKE_LABELS",
    "RATE_LABELS",
    "KIND_LABELS",
    "WEEKDAYS",
    "PARTS_OF_DAY",
    "platform_label",
    "platform_color",
    "channel_labels",
    "spike_look",
    "kind_label",
    "literal",
    "axes",
]


class Look(NamedTuple):
    """How one thing is named and drawn."""

    name: str
    color: str


#: The report's accent colour when a client has none.
ACCENT = "#2a6f97"
GOOD, HIGHLIGHT, MUTED = "#2ca02c", "#d62728", "#9e9e9e"
#: Light grid lines and dark marks (the usual value on a bar).
GRID, INK = "#e6e6e6", "#444444"

#: Each platform as a reader knows it, and its colour.
PLATFORMS = {
    "instagram": Look("Instagram", "#c13584"),
    "facebook": Look("Facebook", "#1877f2"),
    "x": Look("X", "#333333"),
    "tiktok": Look("TikTok", "#25a3a3"),
    "youtube": Look("YouTube", "#d62b2b"),
    "linkedin": Look("LinkedIn", "#0a66c2"),
}

#: Each label of :func:`smanalytics.growth.detect_spikes`, in plain words, and its colour.
SPIKE_LABELS = {
    "suspected_bought": Look("Suspected bought", HIGHLIGHT),
    "organic": Look("Organic", GOOD),
    "unclear": Look("Unclear", "#7f7f7f"),
}

#: The follower rates of :func:`smanalytics.metrics.post_rates`, in plain words, and their colours.
RATE_LABELS = {
    "conversation_rate": Look("Conversation (comments)", "#1f77b4"),
    "amplification_rate": Look("Amplification (shares)", GOOD),
    "applause_rate": Look("Applause (likes)", "#ff7f0e"),
}

#: The kinds of :func:`smanalytics.metrics.content_mix`, in plain words, and their colours.
KIND_LABELS = {
    "community": Look("Community and conversation", GOOD),
    "self_promotion": Look("Self-promotion", HIGHLIGHT),
    "curated": Look("Shared from others", MUTED),
    "other": Look("Other", MUTED),
}


#: Weekdays as a reader names them, Monday (0) first.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Parts of the day (:data:`smanalytics.metrics.timing.PARTS_OF_DAY`) by first hour, as a reader names them.
PARTS_OF_DAY = {0: "night", 6: "morning", 12: "afternoon", 18: "evening"}


def platform_label(platform: object) -> str:
    """A platform's name as a reader knows it.

    Examples
    --------
    >>> platform_label("tiktok"), platform_label("x"), platform_label("mastodon")
    ('TikTok', 'X', 'Mastodon')
    """
    look = PLATFORMS.get(str(platform).lower())
    return look.name if look else str(platform).title()


def platform_color(platform: object, accent: str = ACCENT) -> str:
    """The colour a platform is drawn in (``accent`` for one not listed)."""
    look = PLATFORMS.get(str(platform).lower())
    return look.color if look else accent


def channel_labels(platforms: Iterable, accounts: Iterable | None = None) -> list[str]:
    """Each row's channel as a reader knows it: the platform, and the account where a platform has several.

    Examples
    --------
    >>> channel_labels(["instagram", "x", "x"], ["cafe", "cafe", "bakery"])
    ['Instagram', 'X (cafe)', 'X (bakery)']
    """
    platforms = [str(p) for p in platforms]
    accounts = [None] * len(platforms) if accounts is None else list(accounts)
    several = Counter(p for p, _ in set(zip(platforms, accounts, strict=True)))
    return [
        platform_label(p) + (f" ({a})" if several[p] > 1 else "")
        for p, a in zip(platforms, accounts, strict=True)
    ]


def spike_look(label: object) -> Look:
    """The name and colour of a spike label (an unknown label looks unclear)."""
    return SPIKE_LABELS.get(str(label), SPIKE_LABELS["unclear"])


def kind_label(kind: object) -> str:
    """A kind of post in plain words (``self_promotion`` -> ``Self-promotion``)."""
    look = KIND_LABELS.get(str(kind))
    return look.name if look else str(kind).replace("_", " ").capitalize()


def literal(text: object) -> str:
    """Text from an export drawn as is: a ``$`` would start matplotlib's maths mode.

    Examples
    --------
    >>> literal("$5 deals")
    '\\\\$5 deals'
    """
    return str(text).replace("$", r"\$")


def axes(ax=None):
    """``ax``, or pyplot's current Axes when None (pyplot is imported only then)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()
