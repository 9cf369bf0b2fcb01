"""Parsing the numbers and dates that exports write as text.

Every parser takes a Series of strings and returns the parsed Series together
with a boolean mask of the values that could not be read (so the importer can
record those rows as problems). Blank values and the sentinels that platforms
write for "no data" (``-``, ``--``, ``NAN``, ``undefined``, ``N/A``) parse to
missing, never to 0, and are not problems. Dates written with month and day
names in any language, and dates without a year, are read by
:mod:`smanalytics.io.dates`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "MISSING",
    "is_missing",
    "to_count",
    "to_count_or_negative",
    "to_number",
    "to_share",
    "to_timestamp",
    "to_date",
]

#: Cell values meaning "the export did not say" (compared case-insensitively).
MISSING = frozenset({"", "-", "--", "nan", "none", "null", "undefined", "n/a", "na", "#n/a"})

# A thousands group never starts with 0: "0.234" and "0,5" are decimals, not 234 and 5.
_THOUSANDS_DOT = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$")
_THOUSANDS_SPACE = re.compile(r"^[+-]?[1-9]\d{0,2}([ \u00a0\u202f]\d{3})+(,\d+)?$")
_THOUSANDS_DOT_DECIMAL_COMMA = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+,\d+$")  # European 1.234,5
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
#: (form, separator, replacement) in the order _plain_number_text rewrites them
_REWRITES = (
    (_THOUSANDS_COMMA, ",", ""),
    (_THOUSANDS_DOT_DECIMAL_COMMA, r"\.", ""),
    (_THOUSANDS_DOT, r"\.", ""),
    (_THOUSANDS_SPACE, r"[ \u00a0\u202f]", ""),
    (_DECIMAL_COMMA, ",", "."),
)
# Digits alone: no separator to rewrite (most cells of most exports).
_WHOLE = r"[+-]?\d+"
# A plain decimal (``12``, ``0.25``, ``7.87E-4``) of few enough whole digits to be read exactly as
# a float, which Arrow reads at once: to_number's fast path (``1.234`` is a thousands group)
_PLAIN_DECIMAL = r"^[+-]?(?:\d{1,15}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,3})?$"
_MISSING_CELLS = pa.array(sorted(MISSING))


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").str.strip()


def is_missing(values: pd.Series) -> pd.Series:
    """True where a cell means "no data" (blank or a sentinel)."""
    return _missing_text(_text(values))


def _missing_text(text: pd.Series) -> pd.Series:
    """:func:`is_missing` of cells already made text by ``_text``."""
    return pd.Series(_missing_cells(_arrow(text)), index=text.index)


def _arrow(text: pd.Series) -> pa.Array:
    """The Arrow strings behind ``text`` (made by ``_text``), in one chunk."""
    cells = pa.array(text.array)
    return cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells


def _missing_cells(cells: pa.Array) -> np.ndarray:
    """Whether each of ``cells`` (Arrow strings) is blank or a "no data" sentinel."""
    sentinel = pc.is_in(pc.utf8_lower(cells), value_set=_MISSING_CELLS)
    return pc.or_kleene(pc.is_null(cells), sentinel).to_numpy(zero_copy_only=False)


def _plain_number_text(text: pd.Series) -> pd.Series:
    """Rewrite thousands separators and decimal commas into plain ``1234.5`` text.

    Both conventions are understood: ``1,234.5`` (English) and ``1.234,5``
    (most of Europe, as a spreadsheet re-save in such a locale writes it);
    ``1 234,5`` with a (narrow) no-break space (French).

    Examples
    --------
    >>> _plain_number_text(pd.Series(["1,234.5", "1.234,5", "1 234,5", "0,25", "0.234"])).tolist()
    ['1234.5', '1234.5', '1234.5', '0.25', '0.234']
    """
    out = text.copy()
    for form, separator, replacement in _REWRITES:
        found = out.str.match(form).fillna(False)
        if found.any():
            out[found] = out[found].str.replace(separator, replacement, regex=True)
    return out


def _matches(cells: pa.Array, pattern: str) -> np.ndarray:
    """Whether each of ``cells`` (Arrow strings) matches ``pattern``; missing cells do not."""
    return pc.fill_null(pc.match_substring_regex(cells, pattern), False).to_numpy(zero_copy_only=False)


def to_number(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse decimal numbers such as ``1,234``, ``1.234,5``, ``7.87E-4``, ``1938.0``.

    Returns
    -------
    (Float64 Series, bad mask)

    Examples
    --------
    >>> parsed, bad = to_number(pd.Series(["1,234", "7.8E-1", "-", "x"]))
    >>> parsed.tolist()[:2], bad.tolist()
    ([1234.0, 0.78], [False, False, False, True])
    >>> to_number(pd.Series(["12", "1.234", "-3", None]))[0].tolist()
    [12.0, 1234.0, -3.0, <NA>]
    """
    text = _text(values)
    cells = _arrow(text)
    missing = _missing_cells(cells)
    plain = _matches(cells, _PLAIN_DECIMAL) & ~_matches(cells, _THOUSANDS_DOT.pattern)
    if (plain | missing).all():  # as most cells of most exports
        decimals = pc.cast(pc.if_else(plain, cells, None), pa.float64())
        number = decimals.to_numpy(zero_copy_only=False, writable=True)
    else:
        text = text.mask(missing)
        whole = text.str.fullmatch(_WHOLE).fillna(True).to_numpy(dtype=bool)
        if not whole.all():  # rewrite separators only where there is more than digits
            text = text.where(whole, _plain_number_text(text[~whole]))
        number = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(number) & ~missing
    number[bad] = np.nan
    index = values.index
    return pd.Series(pd.array(number, dtype="Float64"), index=index), pd.Series(bad, index=index)


def to_count(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse non-negative whole counts; ``1938.0`` is 1938, ``12.5`` and ``-3`` are bad.

    Examples
    --------
    >>> parsed, bad = to_count(pd.Series(["1,234", "1938.0", "", "-3", "2.5"]))
    >>> parsed.tolist(), bad.tolist()
    ([1234, 1938, <NA>, <NA>, <NA>], [False, False, False, True, True])
    """
    counts, bad, negative = to_count_or_negative(values)
    return counts, bad | negative


def to_count_or_negative(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse whole counts, telling a negative whole number apart from an unreadable value.

    Platforms write some daily figures net of what was undone that day
    (deleted comments, unlikes, unsubscribes), so a whole number below zero
    is a real figure of the export, just not a count: the importers leave it
    missing and keep the row, while text or a fraction in a count is a
    problem row.

    Returns
    -------
    (Int64 Series with negatives and bad values missing, bad mask, negative mask)

    Examples
    --------
    >>> counts, bad, negative = to_count_or_negative(pd.Series(["7", "-3", "2.5", "lots"]))
    >>> counts.tolist(), bad.tolist(), negative.tolist()
    ([7, <NA>, <NA>, <NA>], [False, False, True, True], [False, True, False, False])
    """
    parsed, bad = to_number(values)
    number = parsed.to_numpy(dtype=float, na_value=np.nan)
    known = ~np.isnan(number)
    bad = bad.to_numpy() | (known & ((number != np.round(number)) | (np.abs(number) > 2**62)))
    negative = known & (number < 0) & ~bad
    keep = known & ~bad & ~negative
    counts = pd.arrays.IntegerArray(np.where(keep, np.round(number), 0).astype("int64"), ~keep)
    index = values.index
    return pd.Series(counts, index=index), pd.Series(bad, index=index), pd.Series(negative, index=index)


def to_share(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse proportions: ``3.2%`` is 0.032, a plain ``0.462`` stays 0.462.

    Examples
    --------
    >>> to_share(pd.Series(["3.2%", "0.5"]))[0].tolist()
    [0.032, 0.5]
    """
    text = _text(values)
    percent = text.str.endswith("%").fillna(False)
    number, bad = to_number(text.str.rstrip("%").str.strip())
    number = number.mask(percent, number / 100)
    return number, bad


def to_timestamp(
    values: pd.Series,
    *,
    formats: tuple[str, ...] = (),
    utc_offset: str | None = None,
    dayfirst: bool = False,
) -> tuple[pd.Series, pd.Series]:
    """Parse date-times into UTC timestamps.

    Each format in ``formats`` is tried in turn on the values still unparsed,
    then pandas' own ISO 8601 parser, then month names of the platforms'
    languages, then Excel's serial day numbers (a re-saved spreadsheet's date
    column), then any form pandas recognises. Values with an offset (``+0000``) are
    converted to UTC; naive values are taken as UTC unless ``utc_offset``
    (e.g. ``"-08:00"``, the export's time zone) says otherwise.

    Returns
    -------
    (datetime64[ns, UTC] Series, bad mask)

    Examples
    --------
    >>> ts, bad = to_timestamp(pd.Series(["2016-12-23 18:50 +0000"]), formats=("%Y-%m-%d %H:%M %z",))
    >>> str(ts.iloc[0])
    '2016-12-23 18:50:00+00:00'
    """
    text = _text(values)
    missing = _missing_text(text)
    if missing.any():
        text = text.mask(missing)
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns, UTC]")
    todo = ~missing
    for i, fmt in enumerate((*formats, "ISO8601")):
        if not todo.any():
            break
        parsed = _parsed(text if todo.all() else text[todo], utc_offset, format=fmt, dayfirst=dayfirst)
        if i == 0:  # the first form read most columns whole: no need to place its values one by one
            result = parsed.reindex(values.index) if missing.any() else parsed
        else:
            ok = parsed.notna()
            result.loc[ok[ok].index] = parsed[ok]
        todo = todo & result.isna()
    named = todo & text.str.contains(r"[^\W\d_]", regex=True).fillna(False) if todo.any() else todo
    if named.any():
        parsed = _named_days(text[named])
        result.loc[parsed.index] = _as_utc(parsed, utc_offset)
        todo = todo & result.isna()
    if todo.any():
        serial = _excel_serial(text[todo])
        if serial.notna().any():
            parsed = _as_utc(serial[serial.notna()], utc_offset)
            result.loc[parsed.index] = parsed
            todo = todo & result.isna()
    if todo.any():
        parsed = _parsed(text[todo], utc_offset, format="mixed", dayfirst=dayfirst)
        result.loc[parsed.index] = parsed
    bad = result.isna() & ~missing
    return result, bad.astype(bool)


#: an offset or zone after a time of day: ``10:00 +0100``, ``10:00:00-08:00``, ``10:00Z``,
#: ``UTC``, ``GMT+2`` (a date's own ``-03`` is not one)
_ZONE_AT_END = re.compile(
    r"(?:\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)"
    r"|\b(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)\s*$"
)


def _parsed(text: pd.Series, utc_offset: str | None, **how) -> pd.Series:
    """``text`` parsed by ``pd.to_datetime(**how)`` into UTC, unparsed values NaT.

    A column may mix offsets (winter and summer time, ``+0100`` and ``+0200``) or
    offsets and naive values, which pandas refuses to parse together: such a
    column is parsed into UTC at once, and its naive values are then moved from
    UTC to ``utc_offset``.
    """
    try:
        return _as_utc(pd.to_datetime(text, errors="coerce", **how), utc_offset)
    except ValueError:  # "Mixed timezones detected"
        stamps = _as_utc(pd.to_datetime(text, errors="coerce", utc=True, **how), None)
    if utc_offset:
        naive = ~text.str.contains(_ZONE_AT_END).fillna(False).astype(bool)
        local = stamps[naive].dt.tz_localize(None).dt.tz_localize(_offset_zone(utc_offset))
        stamps.loc[naive] = local.dt.tz_convert("UTC")
    return stamps


def _named_days(text: pd.Series) -> pd.Series:
    """Days written with month names and a year (``28 ago 2025``), at midnight.

    Only the platforms' interface languages are tried: a column of other words
    is not worth loading every language for.
    """
    from smanalytics.io.dates import parse_named_dates

    found = parse_named_dates(text, every_language=False)
    ok = found.year.notna() & found.month.notna() & found.day.notna()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if ok.any():
        parts = {"year": found.year[ok], "month": found.month[ok], "day": found.day[ok]}
        out.loc[ok] = pd.to_datetime({k: v.astype(int) for k, v in parts.items()}, errors="coerce")
    return out


# no social platform existed before this, and a nanosecond clock ends in 2262: a
# date outside is a misread cell (``1;`` read as the year 1), left to be reported
_PLAUSIBLE = (pd.Timestamp("1990-01-01"), pd.Timestamp("2200-01-01"))

#: Excel's day 0 (serial 1 is 1900-01-01, counting Excel's phantom 1900-02-29).
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")


def _excel_serial(text: pd.Series) -> pd.Series:
    """Dates a spreadsheet stored as serial numbers (``45000`` = 2023-03-15), else NaT.

    A re-save that loses a date column's format leaves Excel's day numbers;
    only five-digit serials, 1954-10-07 to 2119-01-09, are taken for dates.

    Examples
    --------
    >>> _excel_serial(pd.Series(["45000", "45000.75", "1234", "x"])).tolist()
    [Timestamp('2023-03-15 00:00:00'), Timestamp('2023-03-15 18:00:00'), NaT, NaT]
    """
    plain = text.astype("string").str.strip()
    looks = plain.str.fullmatch(_SERIAL).fillna(False).astype(bool)
    days = pd.to_numeric(plain.where(looks), errors="coerce")
    days = days.where((days >= 20000) & (days < 80000))
    stamps = EXCEL_EPOCH + pd.to_timedelta(days.astype("float64"), unit="D")
    return stamps.dt.round("s")


def _as_utc(parsed: pd.Series, utc_offset: str | None) -> pd.Series:
    if not isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = pd.to_datetime(parsed, errors="coerce")
    parsed = _within_plausible(parsed)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        return parsed.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    if utc_offset:
        local = parsed.dt.tz_localize(_offset_zone(utc_offset))
        return local.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    return parsed.dt.tz_localize("UTC").astype("datetime64[ns, UTC]")


def _within_plausible(parsed: pd.Series) -> pd.Series:
    """``parsed`` with dates outside ``_PLAUSIBLE`` made missing."""
    if not pd.api.types.is_datetime64_any_dtype(parsed.dtype):
        return parsed
    naive = parsed.dt.tz_localize(None) if isinstance(parsed.dtype, pd.DatetimeTZDtype) else parsed
    outside = (naive < _PLAUSIBLE[0]) | (naive >= _PLAUSIBLE[1])
    return parsed.mask(outside) if outside.any() else parsed


def _offset_zone(offset: str):
    import datetime as dt

    sign = -1 if offset.startswith("-") else 1
    hours, _, minutes = offset.lstrip("+-").partition(":")
    return dt.timezone(sign * dt.timedelta(hours=int(hours), minutes=int(minutes or 0)))


def to_date(
    values: pd.Series, *, formats: tuple[str, ...] = (), dayfirst: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Parse calendar dates (no time zone) into midnight ``datetime64[ns]``.

    Examples
    --------
    >>> d, bad = to_date(pd.Series(["Sat, Aug 1, 2026", "2021-10-01"]), formats=("%a, %b %d, %Y",))
    >>> [str(x.date()) for x in d]
    ['2026-08-01', '2021-10-01']
    """
    stamps, bad = to_timestamp(values, formats=formats, dayfirst=dayfirst)
    days = stamps.dt.tz_localize(None).dt.normalize().astype("datetime64[ns]")
    return days, bad
