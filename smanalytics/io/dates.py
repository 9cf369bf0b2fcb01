"""Dates written with month and day names, in any language, and dates without a year.

TikTok Studio writes its days in the interface language and without a year
(``February 28``, ``25 Φεβρουαρίου``, ``8 de marzo``, ``3 de março``); other
exports write ``vie, 6 feb 2026`` or ``2026年2月6日``. The month and day names,
and the order and words of a day-and-month date, of every language come from
the Unicode CLDR through Babel (its ``MMMMd``, ``yMMMd``, ``MMMEd``...
patterns and its month and weekday names, wide and abbreviated, in format
and stand-alone forms), not from hand-made tables.

A column is read in one language: the first of the languages given (the
header's), then the platforms' interface languages, then every other
language Babel knows, whose names and patterns read every value of the
column. That language is returned too: it is the interface language the
export was written in.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

__all__ = ["NamedDates", "parse_named_dates", "resolve_yearless", "interface_languages"]

_SKELETONS = ("MMMMd", "MMMd", "yMMMMd", "yMMMd", "MMMEd", "yMMMEd", "MMMMEd", "yMMMMEEEEd")
_FIELDS = re.compile(r"'[^']*'|([A-Za-z])\1*|[^A-Za-z']+")
_WORDS = re.compile(r"[^\W\d_]+")
_GAP = r"[\s,.\-/()\u060c\u200f\u200e]"


@dataclass(frozen=True)
class NamedDates:
    """Day, month and (where written) year of each value; the language they were read in."""

    day: pd.Series  # Int64
    month: pd.Series  # Int64
    year: pd.Series  # Int64, missing where the value has no year
    bad: pd.Series  # bool: a value that no language reads
    language: str | None


@cache
def interface_languages() -> tuple[str, ...]:
    """The platforms' interface languages, tried first (``interface_languages`` in families.toml)."""
    with resources.files("smanalytics.io").joinpath("layouts", "families.toml").open("rb") as fh:
        return tuple(tomllib.load(fh)["interface_languages"])


@cache
def _all_languages() -> tuple[str, ...]:
    from babel import localedata

    return tuple(sorted(i for i in localedata.locale_identifiers() if "_" not in i))


def _casefold(text: str) -> str:
    return text.casefold().strip()


@dataclass(frozen=True)
class _Language:
    code: str
    months: dict[str, int]  # casefolded name -> month
    words: frozenset[str]  # every word its dates can hold
    patterns: tuple[re.Pattern, ...]


@cache
def _language(code: str) -> _Language | None:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                months.setdefault(_casefold(name), number)
                months.setdefault(_casefold(name).rstrip("."), number)
    days = {
        _casefold(name).rstrip(".")
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated", "short")
        for name in locale.days[context][width].values()
    }
    texts = [locale.datetime_skeletons[s].pattern for s in _SKELETONS if s in locale.datetime_skeletons]
    texts += [locale.date_formats[w].pattern for w in ("long", "medium", "full")]
    literals = {w for text in texts for w in _WORDS.findall(_casefold(re.sub(r"[A-Za-z]+", " ", text)))}
    literals |= {w for text in texts for w in re.findall(r"'([^']+)'", text)}
    words = {w for name in [*months, *days, *literals] for w in _WORDS.findall(name)}
    patterns = tuple(
        dict.fromkeys(p for p in (_compile(text, months, days) for text in texts) if p is not None)
    )
    return _Language(code, months, frozenset(words), patterns)


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted({n for n in names if n}, key=len, reverse=True))


def _compile(pattern: str, months: dict[str, int], days: set[str]) -> re.Pattern | None:
    """A regular expression reading dates written like the CLDR ``pattern`` (its fields, loose gaps)."""
    literal_words = [w.strip("'") for w in re.findall(r"'[^']+'", pattern)]
    literal_words += _WORDS.findall(re.sub(r"'[^']*'|[A-Za-z]+", " ", pattern))
    gap = f"(?:{_GAP}|{_alternation(_casefold(w) for w in literal_words)})*" if literal_words else f"{_GAP}*"
    parts = [gap]
    for token in _FIELDS.finditer(pattern):
        field = token.group(1)
        if field is None:
            continue
        width = len(token.group(0))
        if field == "d":
            parts.append(r"(?P<d>\d{1,2})")
        elif field in "ML" and width >= 3:
            parts.append(f"(?P<mn>{_alternation(months)})")
        elif field in "ML":
            parts.append(r"(?P<m>\d{1,2})")
        elif field == "y":
            parts.append(r"(?P<y>\d{4})")
        elif field in "Ec":
            parts.append(f"(?:{_alternation(days)})")
        elif field == "G":
            parts.append(r"(?:\S+)?")
        else:
            return None
        parts.append(gap)
    text = "".join(parts)
    if "(?P<d>" not in text or ("(?P<mn>" not in text and "(?P<m>" not in text):
        return None
    return re.compile(text, re.IGNORECASE)


def _read(value: str, language: _Language) -> tuple[int, int, int | None] | None:
    text = _casefold(value)
    for pattern in language.patterns:
        found = pattern.fullmatch(text)
        if found is None:
            continue
        groups = found.groupdict()
        month = language.months.get(groups["mn"].rstrip(".")) if groups.get("mn") else int(groups["m"])
        year = int(groups["y"]) if groups.get("y") else None
        if month:
            return int(groups["d"]), month, year
    return None


def _best(distinct: list[str], codes) -> tuple[int, str | None, dict]:
    """The language among ``codes`` that reads the most of ``distinct`` (stops at one that reads all)."""
    words = {v: set(_WORDS.findall(_casefold(v))) for v in distinct}
    best: tuple[int, str | None, dict] = (0, None, {})
    for code in codes:
        language = _language(code)
        if language is None:
            continue
        read = {v: _read(v, language) for v in distinct if words[v] <= language.words}
        good = sum(1 for r in read.values() if r is not None)
        if good > best[0]:
            best = (good, code, read)
        if good == len(distinct):
            break
    return best


def parse_named_dates(
    values: pd.Series, *, languages: tuple[str, ...] = (), every_language: bool = True
) -> NamedDates:
    """Read day-and-month dates (with or without a year) written in one language.

    The languages given and the platforms' interface languages are tried
    first; every other CLDR language (unless ``every_language=False``) only
    when those read fewer than half of the values: loading them all takes a
    few seconds, once per process.

    Examples
    --------
    >>> found = parse_named_dates(pd.Series(["25 Φεβρουαρίου", "1 Μαρτίου"]))
    >>> found.language, found.day.tolist(), found.month.tolist()
    ('el', [25, 1], [2, 3])
    >>> parse_named_dates(pd.Series(["3 de março de 2025"])).year.tolist()
    [2025]
    """
    text = values.astype("string").str.strip()
    distinct = [v for v in text.dropna().unique() if v]
    first = tuple(dict.fromkeys([*languages, *interface_languages()]))
    best = _best(distinct, first)
    if every_language and best[0] < len(distinct) / 2:
        others = _best(distinct, [c for c in _all_languages() if c not in first])
        best = max(best, others, key=lambda b: b[0])
    _, code, read = best
    parts = [read.get(v) if isinstance(v, str) else None for v in text.tolist()]
    day = pd.Series([p[0] if p else pd.NA for p in parts], index=values.index, dtype="Int64")
    month = pd.Series([p[1] if p else pd.NA for p in parts], index=values.index, dtype="Int64")
    year = pd.Series([p[2] if p and p[2] else pd.NA for p in parts], index=values.index, dtype="Int64")
    bad = (month.isna() & text.fillna("").ne("")).astype(bool)
    return NamedDates(day, month, year, bad, code)


def resolve_yearless(
    values: pd.Series, *, last_day: pd.Timestamp, languages: tuple[str, ...] = ()
) -> tuple[pd.Series, pd.Series, str | None]:
    """Give dates written without a year (``February 28``, ``8 de marzo``) their year.

    Each value gets the latest year that puts it on or before ``last_day``
    (the file's download date or period end), so a window of up to a year that
    crosses New Year (Feb 28 -> Feb 27) gets both of its years, whatever the
    row order. A value that does write its year keeps it.

    Returns
    -------
    (datetime64[ns] Series, bad mask, the language the dates are written in)

    Examples
    --------
    >>> d, _, language = resolve_yearless(pd.Series(["31 de diciembre", "1 de enero"]),
    ...                                   last_day=pd.Timestamp("2026-01-05"))
    >>> [str(x.date()) for x in d], language
    (['2025-12-31', '2026-01-01'], 'es')
    """
    found = parse_named_dates(values, languages=languages)
    later = (found.month * 100 + found.day) > (last_day.month * 100 + last_day.day)
    year = found.year.fillna(last_day.year - later.fillna(False).astype(int))
    ok = found.month.notna() & found.day.notna()
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if ok.any():
        stamps = pd.to_datetime(
            {
                "year": year[ok].astype(int),
                "month": found.month[ok].astype(int),
                "day": found.day[ok].astype(int),
            },
            errors="coerce",
        )
        out.loc[ok] = stamps.astype("datetime64[ns]")
    bad = (out.isna() & (found.bad | ok)).astype(bool)
    return out, bad, found.language
