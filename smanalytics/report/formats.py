"""How the report writes numbers, days, periods and changes: every format in one place.

The report's sentences are whole messages with named placeholders
(``"... rose from {before} to {after} ..."``); the values put into them come
from here, so that a translation (issue 13: gettext messages, Babel's
locale-aware numbers and dates) changes these functions and the messages,
never the code that assembles a section. Unknown values are written
:data:`UNKNOWN_NUMBER` in tables, never 0.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smanalytics.periods import Period
from smanalytics.plots.style import PARTS_OF_DAY as _PARTS_OF_DAY
from smanalytics.plots.style import WEEKDAYS as _WEEKDAYS

__all__ = [
    "number",
    "signed",
    "day",
    "short_day",
    "period_name",
    "period_days",
    "days",
    "weekday_name",
    "part_of_day_name",
    "times",
    "ARROWS",
    "UNKNOWN_NUMBER",
    "UNKNOWN",
]

#: A number the data does not give, in a table.
UNKNOWN_NUMBER = "–"

#: A figure of a period the exports do not cover.
UNKNOWN = "unknown"

#: The arrow of each verdict of :func:`smanalytics.metrics.changes.compare_figures`.
ARROWS = {"rise": "↑", "fall": "↓", "same": "→", "unknown": ""}



def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def number(value, digits: int = 1, *, suffix: str = "") -> str:
    """``1,234.5``; :data:`UNKNOWN_NUMBER` when unknown.

    Examples
    --------
    >>> number(1234.56), number(3, 0), number(None), number(12.5, 0, suffix="%")
    ('1,234.6', '3', '–', '12%')
    """
    if _missing(value):
        return UNKNOWN_NUMBER
    return f"{float(value):,.{digits}f}{suffix}"


def signed(value, digits: int = 1) -> str:
    """A change with its sign: ``+0.80``, ``−3``, ``0.0``.

    Examples
    --------
    >>> signed(0.8, 2), signed(-3, 0), signed(0.0)
    ('+0.80', '−3', '0.0')
    """
    if _missing(value):
        return UNKNOWN_NUMBER
    text = f"{abs(float(value)):,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def day(value) -> str:
    """``20 Oct 2026``; :data:`UNKNOWN_NUMBER` when unknown."""
    return UNKNOWN_NUMBER if _missing(value) else f"{pd.Timestamp(value):%d %b %Y}"


def short_day(value) -> str:
    """``20 Oct``: a day within a period the reader already knows."""
    return f"{pd.Timestamp(value):%-d %b}"


def period_name(period: Period) -> str:
    """The period as a reader names it.

    Examples
    --------
    >>> from smanalytics.periods import parse_period
    >>> [period_name(parse_period(p)) for p in ("2026-09", "2026-Q3", "2026-W42")]
    ['September 2026', 'Q3 2026', 'week 42 of 2026']
    >>> period_name(parse_period("2026-07-01..2026-09-30"))
    '1 Jul 2026 to 30 Sep 2026'
    """
    if period.kind == "month":
        return f"{period.start:%B %Y}"
    if period.kind == "quarter":
        return f"Q{(period.start.month - 1) // 3 + 1} {period.start.year}"
    if period.kind == "week":
        year, week, _ = period.start.isocalendar()
        return f"week {week} of {year}"
    return f"{period.start:%-d %b %Y} to {period.end:%-d %b %Y}"


def period_days(period: Period) -> str:
    """The period's first and last day, for a reader who wants the dates: ``1 Jul to 30 Sep 2026``.

    Examples
    --------
    >>> from smanalytics.periods import parse_period
    >>> period_days(parse_period("2026-W42")), period_days(parse_period("2026-W01"))
    ('12 Oct to 18 Oct 2026', '29 Dec 2025 to 4 Jan 2026')
    """
    if period.start.year == period.end.year:
        return f"{period.start:%-d %b} to {period.end:%-d %b %Y}"
    return f"{period.start:%-d %b %Y} to {period.end:%-d %b %Y}"


def days(first: dt.date, last: dt.date) -> str:
    """``1 Sep to 20 Sep 2026``: a run of days."""
    return period_days(Period(first, last, "span"))


def weekday_name(weekday: int, *, plural: bool = False) -> str:
    """``Saturday`` (0 is Monday), or ``Saturdays``."""
    return _WEEKDAYS[int(weekday)] + ("s" if plural else "")


def part_of_day_name(hour: int) -> str:
    """``morning``: the part of the day starting at ``hour`` (see ``metrics.timing.PARTS_OF_DAY``)."""
    return _PARTS_OF_DAY[int(hour)]


def times(ratio: float) -> str:
    """``2.1x``: a ratio to the usual."""
    return f"{float(ratio):.1f}x"
