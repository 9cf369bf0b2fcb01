"""One palette and one vocabulary for every chart and report.

Names and colours a reader sees are rows of the tables below, shared by the
plots (:mod:`smanalytics.plots`) and the report's tables and captions
(:mod:`smanalytics.report`): a new platform, spike label or kind of post is
a row here, not a change in each chart. The names are English messages of
the catalogs (:mod:`smanalytics.i18n`): the functions below give them in the
active language, and so should any code that reads the tables directly
(``_(SPIKE_LABELS[label].name)``). Platforms keep their own names. Axes get
their numbers and dates in the active language's forms from
:func:`number_axis` and :func:`date_axis`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from matplotlib import ticker

from smanalytics.i18n import N_, _, current, fmt, locale, use

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
    "PARTS_OF_DAY",
    "platform_label",
    "platform_color",
    "channel_labels",
    "spike_look",
    "rate_look",
    "kind_label",
    "literal",
    "axes",
    "number_axis",
    "date_axis",
    "month_axis",
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
    "suspected_bought": Look(N_("Suspected bought"), HIGHLIGHT),
    "organic": Look(N_("Organic"), GOOD),
    "unclear": Look(N_("Unclear"), "#7f7f7f"),
}

#: The follower rates of :func:`smanalytics.metrics.post_rates`, in plain words, and their colours.
RATE_LABELS = {
    "conversation_rate": Look(N_("Conversation (comments)"), "#1f77b4"),
    "amplification_rate": Look(N_("Amplification (shares)"), GOOD),
    "applause_rate": Look(N_("Applause (likes)"), "#ff7f0e"),
}

#: The kinds of :func:`smanalytics.metrics.content_mix`, in plain words, and their colours.
KIND_LABELS = {
    "community": Look(N_("Community and conversation"), GOOD),
    "self_promotion": Look(N_("Self-promotion"), HIGHLIGHT),
    "curated": Look(N_("Shared from others"), MUTED),
    "other": Look(N_("Other"), MUTED),
}


#: Parts of the day (:data:`smanalytics.metrics.timing.PARTS_OF_DAY`) by first hour, as a reader names them.
PARTS_OF_DAY = {0: N_("night"), 6: N_("morning"), 12: N_("afternoon"), 18: N_("evening")}


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
    """The name (in the active language) and colour of a spike label (an unknown label looks unclear).

    Examples
    --------
    >>> spike_look("suspected_bought").name
    'Suspected bought'
    >>> with use("fr"):
    ...     spike_look("suspected_bought").name
    'Achat suspecté'
    """
    look = SPIKE_LABELS.get(str(label), SPIKE_LABELS["unclear"])
    return Look(_(look.name), look.color)


def rate_look(rate: str) -> Look:
    """The name (in the active language) and colour of a follower rate (``conversation_rate``)."""
    look = RATE_LABELS.get(rate)
    return Look(_(look.name), look.color) if look else Look(rate.replace("_", " ").capitalize(), INK)


def kind_label(kind: object) -> str:
    """A kind of post in plain words, in the active language (``self_promotion`` -> ``Self-promotion``)."""
    look = KIND_LABELS.get(str(kind))
    return _(look.name) if look else str(kind).replace("_", " ").capitalize()


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


class _LocaleNumbers(ticker.Formatter):
    """Tick numbers in the forms of the language active when the axis was made (``2,5``, ``1 000``)."""

    def __init__(self) -> None:
        self.language = current()

    def format_ticks(self, values) -> list[str]:
        digits = next((d for d in range(4) if all(abs(round(v, d) - v) < 1e-9 for v in values)), 3)
        with use(self.language):
            return [fmt.number(v, digits) for v in values]

    def __call__(self, x, pos=None) -> str:
        return self.format_ticks([x])[0]


def number_axis(axis) -> None:
    """Write ``axis``'s tick numbers in the active language's forms (``ax.yaxis``; linear axes only).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = plt.figure().gca()
    >>> with use("de"):
    ...     number_axis(ax.yaxis)
    >>> ax.yaxis.get_major_formatter().format_ticks([0, 1500, 2500.5])
    ['0,0', '1.500,0', '2.500,5']
    """
    axis.set_major_formatter(_LocaleNumbers())


class _LocaleDates(ticker.Formatter):
    """matplotlib's concise date ticks (``Oct``, ``2026``, ``15``) with month names in the axis's language."""

    MONTH = "{month:%m}"

    def __init__(self, locator) -> None:
        from matplotlib.dates import ConciseDateFormatter

        self.language = current()
        month = self.MONTH
        self._concise = ConciseDateFormatter(
            locator,
            formats=["%Y", month, "%d", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y", month, f"{month} %d", "%H:%M", "%H:%M"],
            offset_formats=[
                "",
                "%Y",
                f"{month} %Y",
                f"%d {month} %Y",
                f"%d {month} %Y",
                f"%d {month} %Y %H:%M",
            ],  # fmt: skip
        )

    def _named(self, text: str) -> str:
        import re

        with use(self.language):
            return re.sub(r"\{month:(\d\d)\}", lambda m: fmt.month_abbreviation(int(m.group(1))), text)

    def set_axis(self, axis) -> None:
        super().set_axis(axis)
        self._concise.set_axis(axis)

    def format_ticks(self, values) -> list[str]:
        return [self._named(label) for label in self._concise.format_ticks(values)]

    def __call__(self, x, pos=None) -> str:
        return self._named(self._concise(x, pos))

    def get_offset(self) -> str:
        return self._named(self._concise.get_offset())

    def format_data_short(self, value) -> str:
        return self._concise.format_data_short(value)


def date_axis(axis, *, maxticks: int | None = None) -> None:
    """Put concise date ticks on ``axis`` (``ax.xaxis``), month names in the active language.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> ax = plt.figure().gca()
    >>> _ = ax.plot(pd.date_range("2026-01-01", "2026-06-30", freq="D"), range(181))
    >>> with use("fr"):
    ...     date_axis(ax.xaxis)
    >>> ax.figure.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels()][:3]
    ['2026', 'févr.', 'mars']
    """
    from matplotlib.dates import AutoDateLocator

    locator = AutoDateLocator(maxticks=maxticks) if maxticks else AutoDateLocator()
    axis.set_major_locator(locator)
    axis.set_major_formatter(_LocaleDates(locator))


class _LocaleMonths(ticker.Formatter):
    """Month ticks (``Oct 2026``, ``oct. 2026``) in the language active when the axis was made."""

    def __init__(self) -> None:
        self.language = current()

    def __call__(self, x, pos=None) -> str:
        from babel.dates import format_skeleton
        from matplotlib.dates import num2date

        with use(self.language):
            return format_skeleton("yMMM", num2date(x).date(), locale=locale())


def month_axis(axis, *, interval: int = 1) -> None:
    """One tick every ``interval`` months on ``axis``, named in the active language (``Oct 2026``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> ax = plt.figure().gca()
    >>> _ = ax.plot(pd.date_range("2026-01-01", "2026-03-31", freq="D"), range(90))
    >>> with use("de"):
    ...     month_axis(ax.xaxis)
    >>> ax.figure.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Jan. 2026', 'Feb. 2026', 'März 2026', 'Apr. 2026']
    """
    from matplotlib.dates import MonthLocator

    axis.set_major_locator(MonthLocator(interval=interval))
    axis.set_major_formatter(_LocaleMonths())
