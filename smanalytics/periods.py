"""Report periods: a month, a quarter, an ISO week or a span of days, and the periods to compare with.

A :class:`Period` is a run of whole days, ``start`` to ``end`` inclusive, of
one *kind*: ``month``, ``quarter``, ``week`` (ISO, Monday to Sunday) or
``span`` (any days). :func:`parse_period` reads the forms an agency writes::

    2026-10                 October 2026 (a month)
    2026-Q3                 July to September 2026 (a quarter)
    2026-W42                ISO week 42 of 2026 (Monday 12 to Sunday 18 October)
    2026-07-01..2026-09-30  those days, both included (a span)
    last-month              the calendar month before ``today``
    last-quarter            the quarter before ``today``'s
    last-week               the ISO week before ``today``'s

Each period knows the period to compare it with, of the same kind
(:meth:`Period.previous`: the month, quarter or week before, or the span of
as many days just before) and the same period a year earlier
(:meth:`Period.year_ago`), and the part of it that some data covers
(:meth:`Period.clip`). Everything here is pure: no clock is read unless
``today`` is left out of :func:`parse_period`, and nothing is worded for a
reader (that is the report's business).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Period", "parse_period", "is_relative", "KINDS", "RELATIVE"]

#: The kinds of period, and the frequency a kind's history is cut into.
KINDS = ("month", "quarter", "week", "span")

#: The periods counted back from ``today``, and their kind.
RELATIVE = {"last-month": "month", "last-quarter": "quarter", "last-week": "week"}

_FORMS = "YYYY-MM, YYYY-Qn, YYYY-Wnn, YYYY-MM-DD..YYYY-MM-DD, " + ", ".join(RELATIVE)


@dataclass(frozen=True)
class Period:
    """Whole days ``start`` to ``end`` (both included) of one ``kind`` (see :data:`KINDS`).

    Examples
    --------
    >>> p = parse_period("2026-09")
    >>> p.start, p.end, p.kind, p.days
    (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30), 'month', 30)
    >>> p.previous().code, p.year_ago().code
    ('2026-08', '2025-09')
    """

    start: dt.date
    end: dt.date
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.end < self.start:
            raise ValueError(f"a period ends on or after its start; got {self.start} to {self.end}")

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        """The period as :func:`parse_period` reads it: ``2026-09``, ``2026-Q3``, ``2026-W42``, ``A..B``.

        Examples
        --------
        >>> [parse_period(t).code for t in ("2026-9", "2026-q3", "2026-W01", "2026-07-01..2026-07-10")]
        ['2026-09', '2026-Q3', '2026-W01', '2026-07-01..2026-07-10']
        """
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def previous(self) -> Period:
        """The period of the same kind just before: the month, quarter or ISO week before, or as many days.

        Examples
        --------
        >>> parse_period("2026-01").previous().code, parse_period("2026-Q1").previous().code
        ('2025-12', '2025-Q4')
        >>> parse_period("2026-W01").previous().code  # 2025 has 52 ISO weeks
        '2025-W52'
        >>> parse_period("2026-07-01..2026-09-30").previous().code  # 92 days before
        '2026-03-31..2026-06-30'
        """
        before = self.start - dt.timedelta(days=1)
        if self.kind == "month":
            return _month(before.year, before.month)
        if self.kind == "quarter":
            return _quarter(before.year, (before.month - 1) // 3 + 1)
        if self.kind == "week":
            return Period(self.start - dt.timedelta(days=7), before, "week")
        return Period(self.start - dt.timedelta(days=self.days), before, "span")

    def year_ago(self) -> Period:
        """The same period a year earlier: the same month, quarter or ISO week number, or the same dates.

        A week 53 is compared with week 52 of a year that has none; 29 February
        with 28 February.

        Examples
        --------
        >>> parse_period("2026-Q3").year_ago().code, parse_period("2026-W42").year_ago().code
        ('2025-Q3', '2025-W42')
        >>> parse_period("2026-W53").year_ago().code
        '2025-W52'
        >>> parse_period("2028-02-29..2028-03-31").year_ago().code
        '2027-02-28..2027-03-31'
        """
        if self.kind == "month":
            return _month(self.start.year - 1, self.start.month)
        if self.kind == "quarter":
            return _quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return _week(year - 1, min(week, _weeks_in(year - 1)))
        return Period(_a_year_before(self.start), _a_year_before(self.end), "span")

    def clip(self, first: dt.date | None, last: dt.date | None) -> tuple[dt.date, dt.date] | None:
        """The days of this period that data from ``first`` to ``last`` covers, or None when it covers none.

        Examples
        --------
        >>> p = parse_period("2026-10")
        >>> p.clip(dt.date(2026, 1, 1), dt.date(2026, 10, 20))  # the exports end on 20 Oct
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 20))
        >>> p.clip(dt.date(2026, 11, 1), dt.date(2026, 12, 31)) is None
        True
        """
        if first is None or last is None:
            return None
        start, end = max(self.start, _day(first)), min(self.end, _day(last))
        return (start, end) if start <= end else None


def _day(value) -> dt.date:
    """A date from a date, a datetime or a pandas Timestamp."""
    return value.date() if isinstance(value, dt.datetime) else value


def _month(year: int, month: int) -> Period:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period(dt.date(year, month, 1), following - dt.timedelta(days=1), "month")


def _quarter(year: int, quarter: int) -> Period:
    first = _month(year, 3 * quarter - 2)
    return Period(first.start, _month(year, 3 * quarter).end, "quarter")


def _weeks_in(year: int) -> int:
    """52 or 53: the ISO weeks of ``year`` (28 December is always in its last week)."""
    return dt.date(year, 12, 28).isocalendar()[1]


def _week(year: int, week: int) -> Period:
    monday = dt.date.fromisocalendar(year, week, 1)
    return Period(monday, monday + dt.timedelta(days=6), "week")


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def is_relative(text: object) -> bool:
    """Whether ``text`` names a period counted back from today (``last-month``, ...).

    Examples
    --------
    >>> is_relative("last-month"), is_relative("2026-09")
    (True, False)
    """
    return isinstance(text, str) and text.strip().lower() in RELATIVE


def parse_period(text: str, *, today: dt.date | str | None = None) -> Period:
    """The period ``text`` names (see the module's forms); ``last-*`` ones count back from ``today``.

    Parameters
    ----------
    text
        ``2026-10``, ``2026-Q3``, ``2026-W42``, ``2026-07-01..2026-09-30``,
        ``last-month``, ``last-quarter`` or ``last-week`` (case and spaces
        around ``..`` do not matter).
    today
        The day relative periods count back from (a date or ``YYYY-MM-DD``);
        default: the real today.

    Raises
    ------
    ValueError
        Saying what the text must look like (the spec turns it into a
        :class:`~smanalytics.errors.SpecError` naming the option).

    Examples
    --------
    >>> parse_period("last-month", today="2026-10-05").code
    '2026-09'
    >>> parse_period("last-quarter", today="2026-01-15").code
    '2025-Q4'
    >>> parse_period("last-week", today="2026-10-14").code  # a Wednesday of week 42
    '2026-W41'
    >>> parse_period("2026-W42").start, parse_period("2026-W42").end
    (datetime.date(2026, 10, 12), datetime.date(2026, 10, 18))
    >>> parse_period("2026-02-30..2026-03-01")
    Traceback (most recent call last):
    ...
    ValueError: must be a period: ... 2026-02-30 is not a day
    """
    raw = str(text).strip().lower() if isinstance(text, str) else ""
    if raw in RELATIVE:
        return _relative(raw, _today(today))
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            return _month(int(m[1]), _in(int(m[2]), 1, 12, "month"))
        if m := re.fullmatch(r"(\d{4})-q(\d)", raw):
            return _quarter(int(m[1]), _in(int(m[2]), 1, 4, "quarter"))
        if m := re.fullmatch(r"(\d{4})-w(\d{1,2})", raw):
            year = int(m[1])
            return _week(year, _in(int(m[2]), 1, _weeks_in(year), f"week of {year}"))
        if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})", raw):
            start, end = _iso(m[1]), _iso(m[2])
            if end < start:
                raise ValueError(f"{m[2]} is before {m[1]}")
            return Period(start, end, "span")
    except ValueError as exc:
        raise ValueError(f"must be a period: {_FORMS}; {exc}") from None
    raise ValueError(f"must be a period: {_FORMS}")


def _in(number: int, low: int, high: int, what: str) -> int:
    if not low <= number <= high:
        raise ValueError(f"{number} is not a {what} ({low} to {high})")
    return number


def _iso(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a day") from None


def _today(today: dt.date | str | None) -> dt.date:
    if today is None:
        return dt.date.today()
    if isinstance(today, str):
        return _iso(today)
    return _day(today)


def _relative(name: str, today: dt.date) -> Period:
    kind = RELATIVE[name]
    if kind == "month":
        return _month(today.year, today.month).previous()
    if kind == "quarter":
        return _quarter(today.year, (today.month - 1) // 3 + 1).previous()
    year, week, _ = today.isocalendar()
    return _week(year, week).previous()
