"""How the report writes numbers, days, periods and changes: every format in one place.

The report's sentences are whole messages with named placeholders
(``"... rose from {before} to {after} ..."``); the values put into them come
from here, in the active language's forms (:mod:`smanalytics.i18n.fmt`:
CLDR via Babel, ``2.7`` / ``2,7``, ``1,318`` / ``1 318`` / ``1.318``), so
a section's code never writes a number itself. Unknown values are written
:data:`UNKNOWN_NUMBER` in tables, never 0.
"""

from __future__ import annotations

import datetime as dt

from smanalytics.i18n import _, fmt
from smanalytics.periods import Period
from smanalytics.plots.style import PARTS_OF_DAY

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
    "unknown",
    "ARROWS",
    "UNKNOWN_NUMBER",
]

#: A number the data does not give, in a table.
UNKNOWN_NUMBER = fmt.UNKNOWN

#: The arrow of each verdict of :func:`smanalytics.metrics.changes.compare_figures`.
ARROWS = {"rise": "↑", "fall": "↓", "same": "→", "unknown": ""}


def unknown() -> str:
    """A figure of a period the exports do not cover, in the active language: ``unknown``."""
    # Translators: in a table or sentence, the value of a period the exports do not cover.
    return _("unknown")


def number(value, digits: int = 1, *, suffix: str = "") -> str:
    """``1,234.5`` (``1 234,5`` in French); :data:`UNKNOWN_NUMBER` when unknown.

    ``suffix="%"`` writes ``value`` (already in percent) as the locale writes
    a percentage (``12%``, ``12 %``).

    Examples
    --------
    >>> number(1234.56), number(3, 0), number(None), number(12.5, 0, suffix="%")
    ('1,234.6', '3', '–', '12%')
    >>> from smanalytics.i18n import use
    >>> with use("fr"):
    ...     number(2.7), number(1318, 0), number(12.5, 1, suffix="%")
    ('2,7', '1\u202f318', '12,5\xa0%')
    >>> with use("de"):
    ...     number(1318, 0)
    '1.318'
    """
    if suffix == "%":
        return fmt.percent(None if fmt._unknown(value) else float(value) / 100, digits)
    text = fmt.number(value, digits)
    return text if text == UNKNOWN_NUMBER else text + suffix


def signed(value, digits: int = 1) -> str:
    """A change with its sign: ``+0.80``, ``−3``, ``0.0``.

    Examples
    --------
    >>> signed(0.8, 2), signed(-3, 0), signed(0.0)
    ('+0.80', '−3', '0.0')
    """
    return fmt.signed(value, digits)


def day(value) -> str:
    """``20 Oct 2026`` (``20 oct. 2026``); :data:`UNKNOWN_NUMBER` when unknown."""
    return fmt.day(value)


def short_day(value) -> str:
    """``20 Oct``: a day within a period the reader already knows."""
    return fmt.short_day(value)


def period_name(period: Period) -> str:
    """The period as a reader names it.

    Examples
    --------
    >>> from smanalytics.periods import parse_period
    >>> [period_name(parse_period(p)) for p in ("2026-09", "2026-Q3", "2026-W42")]
    ['September 2026', 'Q3 2026', 'week 42 of 2026']
    >>> period_name(parse_period("2026-07-01..2026-09-30"))
    '1 Jul 2026 to 30 Sept 2026'
    """
    if period.kind == "month":
        return fmt.month(period.start)
    if period.kind == "quarter":
        # Translators: a quarter of a year: "Q3 2026".
        return _("Q{quarter} {year}").format(
            quarter=(period.start.month - 1) // 3 + 1, year=period.start.year
        )
    if period.kind == "week":
        year, week, _weekday = period.start.isocalendar()
        # Translators: an ISO week: "week 42 of 2026".
        return _("week {week} of {year}").format(week=week, year=year)
    return _("{first} to {last}").format(first=fmt.day(period.start), last=fmt.day(period.end))


def period_days(period: Period) -> str:
    """The period's first and last day, for a reader who wants the dates: ``1 Jul to 30 Sept 2026``.

    Examples
    --------
    >>> from smanalytics.periods import parse_period
    >>> period_days(parse_period("2026-W42")), period_days(parse_period("2026-W01"))
    ('12 Oct to 18 Oct 2026', '29 Dec 2025 to 4 Jan 2026')
    """
    first = fmt.short_day(period.start) if period.start.year == period.end.year else fmt.day(period.start)
    # Translators: a run of days: "1 Jul to 30 Sept 2026" ({first} may lack its year, {last} has it).
    return _("{first} to {last}").format(first=first, last=fmt.day(period.end))


def days(first: dt.date, last: dt.date) -> str:
    """``1 Sept to 20 Sept 2026``: a run of days."""
    return period_days(Period(first, last, "span"))


def weekday_name(weekday: int) -> str:
    """``Saturday`` (0 is Monday) in the active language (CLDR names).

    Examples
    --------
    >>> from smanalytics.i18n import use
    >>> weekday_name(5)
    'Saturday'
    >>> with use("es"):
    ...     weekday_name(5)
    'sábado'
    """
    return fmt.weekday(int(weekday))


def part_of_day_name(hour: int) -> str:
    """``morning``: the part of the day starting at ``hour`` (see ``metrics.timing.PARTS_OF_DAY``)."""
    return _(PARTS_OF_DAY[int(hour)])


def times(ratio: float) -> str:
    """``2.1x``: a ratio to the usual (``2,1x`` in French).

    Examples
    --------
    >>> times(2.06)
    '2.1x'
    """
    return fmt.times(ratio)
