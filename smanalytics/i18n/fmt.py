"""Numbers, shares and dates in the active language's forms, from CLDR via Babel.

``2.7`` and ``1,318`` in English are ``2,7`` and ``1 318`` in French,
``1.318`` in German; ``2 Oct 2026`` is ``2 oct. 2026``, ``2. Okt. 2026``.
Every number and date a reader sees is written by one of these functions,
in the language :mod:`smanalytics.i18n.messages` has active. A value the
data does not give is written :data:`UNKNOWN` (a dash), never 0.

Examples
--------
>>> from smanalytics.i18n import use
>>> number(2.7), integer(1318), percent(0.273), day("2026-10-02")
('2.7', '1,318', '27%', '2 Oct 2026')
>>> with use("fr"):
...     number(2.7), integer(1318), percent(0.273), day("2026-10-02")
('2,7', '1\\u202f318', '27\\xa0%', '2 oct. 2026')
>>> with use("de"):
...     number(1234.5, 2), month("2026-10-02"), weekday(5)
('1.234,50', 'Oktober 2026', 'Samstag')
"""

from __future__ import annotations

import decimal
import functools
import math

import pandas as pd

from smanalytics.i18n.messages import LANGUAGES, current, locale, pgettext

__all__ = [
    "UNKNOWN",
    "number",
    "integer",
    "signed",
    "percent",
    "rate",
    "times",
    "day",
    "short_day",
    "days",
    "month",
    "month_name",
    "month_abbreviation",
    "weekday",
    "weekday_abbreviation",
]

#: A number or date the data does not give.
UNKNOWN = "–"


def _unknown(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@functools.cache
def _babel_locale(name: str):
    from babel import Locale

    return Locale.parse(name)


@functools.cache
def _pattern(name: str, kind: str, digits: int):
    """The locale's decimal (or percent) pattern with exactly ``digits`` decimals."""
    from babel.numbers import parse_pattern

    where = _babel_locale(name)
    formats = where.percent_formats if kind == "percent" else where.decimal_formats
    pattern = parse_pattern(formats[None].pattern)
    pattern.frac_prec = (digits, digits)
    return pattern


def _decimal(value: float, digits: int, kind: str = "decimal") -> str:
    """``value`` rounded as Python's own formats round it (its exact binary value, half to even)."""
    name = locale()
    return _pattern(name, kind, digits).apply(decimal.Decimal(value), _babel_locale(name))


def number(value, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the locale's separators: ``1,234.5``, ``1 234,5``.

    Examples
    --------
    >>> number(1234.56), number(3, 0), number(None), number(float("nan"))
    ('1,234.6', '3', '–', '–')
    """
    if _unknown(value):
        return UNKNOWN
    return _decimal(float(value), digits)


def integer(value) -> str:
    """A whole number (rounded), the locale's thousands separator: ``1,318``, ``1.318``."""
    return number(value, 0)


def signed(value, digits: int = 1) -> str:
    """A change with its sign: ``+0.80``, ``−3`` (a minus sign), ``0.0`` (no sign when it rounds to 0).

    Examples
    --------
    >>> signed(0.8, 2), signed(-3, 0), signed(0.001)
    ('+0.80', '−3', '0.0')
    """
    if _unknown(value):
        return UNKNOWN
    value = float(value)
    text = _decimal(abs(value), digits)
    if round(abs(value), digits) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def percent(share, digits: int = 0) -> str:
    """A share (0.273) as a percentage in the locale's form: ``27%``, ``27 %``.

    Examples
    --------
    >>> percent(0.273), percent(0.0456, 1), percent(None)
    ('27%', '4.6%', '–')
    """
    if _unknown(share):
        return UNKNOWN
    return _decimal(float(share), digits, "percent")


def rate(value) -> str:
    """A rate with as many decimals as it needs to read: ``41``, ``2.3``, ``0.046`` (two significant figures).

    Examples
    --------
    >>> rate(41.2), rate(2.345), rate(0.04567), rate(0), rate(float("inf"))
    ('41', '2.3', '0.046', '0', '–')
    """
    if _unknown(value) or not math.isfinite(float(value)):
        return UNKNOWN
    value = float(value)
    if value >= 10:
        return integer(value)
    if value <= 0:
        return integer(0)
    return number(value, max(1, 1 - math.floor(math.log10(value))))


def times(ratio, digits: int = 1) -> str:
    """A ratio to the usual, as the language writes it: ``2.1x``, ``2,1x``.

    Examples
    --------
    >>> times(2.06), times(18.24, 0)
    ('2.1x', '18x')
    """
    # Translators: a ratio to the usual: "2.1x" is 2.1 times the usual; {ratio} is a number.
    return pgettext("ratio", "{ratio}x").format(ratio=number(ratio, digits))


def _date(value):
    return pd.Timestamp(value).date()


def day(value) -> str:
    """A day with its month in letters: ``2 Oct 2026``, ``2 oct. 2026``, ``2 de outubro de 2026``."""
    if _unknown(value):
        return UNKNOWN
    from babel.dates import format_skeleton

    return format_skeleton(LANGUAGES[current()].day, _date(value), locale=locale())


def short_day(value) -> str:
    """A day of a period the reader already knows, without its year: ``2 Oct``, ``2. Okt.``."""
    if _unknown(value):
        return UNKNOWN
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", _date(value), locale=locale())


def days(first, last) -> str:
    """A run of days as the locale writes it: ``1 Jul – 30 Sept 2026``, ``1.–7. Okt. 2026``.

    Examples
    --------
    >>> days("2026-07-01", "2026-09-30"), days("2025-12-29", "2026-01-04")  # thin spaces around the dash
    ('1 Jul\u2009–\u200930 Sept 2026', '29 Dec 2025\u2009–\u20094 Jan 2026')
    """
    if _unknown(first) or _unknown(last):
        return UNKNOWN
    from babel.dates import format_interval

    return format_interval(_date(first), _date(last), LANGUAGES[current()].day, locale=locale())


def month(value) -> str:
    """A month and its year: ``October 2026``, ``octobre 2026``, ``octubre de 2026``."""
    if _unknown(value):
        return UNKNOWN
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", _date(value), locale=locale())


def month_name(month_number: int) -> str:
    """A month's name on its own (1 is January): ``October``, ``octobre``."""
    return _babel_locale(locale()).months["stand-alone"]["wide"][int(month_number)]


def month_abbreviation(month_number: int) -> str:
    """A month's short name on its own (1 is January), for a chart's axis: ``Oct``, ``oct.``."""
    return _babel_locale(locale()).months["stand-alone"]["abbreviated"][int(month_number)]


def weekday(number: int) -> str:
    """A day of the week (0 is Monday): ``Saturday``, ``samedi``, ``Samstag``."""
    return _babel_locale(locale()).days["format"]["wide"][int(number)]


def weekday_abbreviation(number: int) -> str:
    """A day of the week's short name (0 is Monday), for a chart's axis: ``Sat``, ``sam.``."""
    return _babel_locale(locale()).days["stand-alone"]["abbreviated"][int(number)]
