"""Recognising an export family by its layout, in any interface language.

Platforms write an export's header in the account's interface language
(``"Identifiant du Tweet","Permalien du Tweet",...``, ``ポストID,日付,...``),
but each layout generation has a fixed set and order of columns and values of
a known shape. A family's layouts are data, in ``smanalytics/io/layouts/``:

``<family>.csv``
    One row per layout generation and interface language: ``generation``,
    ``language``, ``seen`` (``real``: seen on a real export; ``header list``:
    a public copy of the header), then the header name of each column, one
    CSV column per export column in the order the platform writes them. The
    CSV's own header gives each export column its *key* (``tweet_id``,
    ``impressions``, ...), which the family's reader maps to canonical columns.
``families.toml``
    Per family: whether columns come in that order (``ordered``), the keys
    that must be found (``required``), what some columns' values look like
    (``patterns``), families whose names also name this one's columns
    (``names_from``), the header table it shares with another family
    (``table``), and the unit to take of a column a header names twice
    (``units``, e.g. ``Total Count`` rather than ``Unique Users``).

:func:`match` recognises a file in two ways, names first:

1. **By names**: every header field whose name (compared case- and
   space-insensitively, with ``’`` as ``'``) is a known name of a key; the
   best-scoring language and generation decide between homonyms. All
   required keys found: recognised, columns mapped by name (a re-save with
   the columns in another order still maps).
2. **By position**: the header has exactly the column count of an ordered
   generation and the first rows' values fit its patterns (status links,
   18-19 digit ids, ISO timestamps, counts): recognised whatever the header's
   language, columns mapped by position. The notes say so.

Only the head of the file is read, so trying every family stays cheap.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

import pandas as pd

from smanalytics.io.excel import HEADER_SEARCH_ROWS, SheetTable
from smanalytics.io.source import LINE, Source

__all__ = [
    "Layout",
    "Match",
    "KeyedTable",
    "layout",
    "match",
    "match_fields",
    "match_sheet",
    "head_records",
    "SheetMatch",
    "keyed_table",
    "normalise_name",
    "table_rows",
    "PATTERNS",
]

#: What a column's values look like, by pattern name (matched against stripped cells).
PATTERNS: dict[str, re.Pattern] = {
    "id": re.compile(r"\d{15,20}"),
    "status_link": re.compile(
        r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/[A-Za-z0-9_]{1,15}/status(?:es)?/\d+.*", re.I
    ),
    "video_link": re.compile(r"https?://(?:www\.)?tiktok\.com/@[^/\s]+/video/\d+.*", re.I),
    "timestamp": re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?: ?(?:[+-]\d{2}:?\d{2}|Z|UTC))?"),
    "iso_date": re.compile(r"\d{4}-\d{2}-\d{2}(?:T00:00:00)?"),
    "meta_day": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"),
    "slash_date": re.compile(r"\d{4}/\d{1,2}/\d{1,2}"),
    "slash_timestamp": re.compile(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(?::\d{2})?"),
    # a date with a year, in any language: "Fri, Feb 6, 2026", "2026/02/06", "6 févr. 2026"
    "date": re.compile(r"(?=.{6,40}$)(?=.*(?<!\d)(?:19|20)\d\d(?!\d)).*\D.*"),
    # a day and a month name, no year: "February 28", "25 Φεβρουαρίου", "8 de marzo", "2月25日"
    "month_day": re.compile(r"(?=.{3,40}$)(?!.*\d{3})(?=.*\d)(?=.*[^\W\d_]).*"),
    "count": re.compile(r"[+-]?\d[\d,. \u00a0\u202f]*|-|--|undefined|nan|NAN"),
    # a Facebook object id as Hootsuite writes it: "<page id>_<post id>"
    "id_pair": re.compile(r"\d{5,20}_\d{5,20}"),
    "url": re.compile(r"https?://\S+"),
}
_SAMPLE_ROWS = 20
_FIT = 0.8  # share of a sample's filled cells that must fit a column's pattern
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "\u00a0": " ", "\u202f": " "})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A header name as compared: case-folded, spaces collapsed, ``’`` as ``'``, no stray ``\\``.

    Examples
    --------
    >>> normalise_name(" Taux d’engagement ")
    "taux d'engagement"
    >>> normalise_name("共有された回数\\\\")
    '共有された回数'
    """
    text = name.translate(_QUOTES).strip().strip("\ufeff").strip('"').rstrip("\\").strip()
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Generation:
    """One layout generation: its name and keys, in the order the platform writes them."""

    name: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    """A family's layout generations, header names and value patterns."""

    family: str
    keys: tuple[str, ...]
    generations: tuple[Generation, ...]
    #: normalised header name -> ((key, language, generation), ...)
    names: dict[str, tuple[tuple[str, str, str], ...]]
    #: (generation, language, seen), one per row of the header table
    rows: tuple[tuple[str, str, str], ...]
    ordered: bool
    required: frozenset[str]
    patterns: dict[str, str]
    unique: frozenset[str] = frozenset()
    #: key -> the unit to take when the header names that column twice (``Total Count``)
    units: dict[str, str] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        """The interface languages the table has names for, in table order."""
        return list(dict.fromkeys(language for _, language, _ in self.rows))


@dataclass(frozen=True)
class Match:
    """How a file fits a family: which column holds which key, and how that was decided."""

    family: str
    delimiter: str
    #: the key of each header position (None: a column the layout does not know)
    keys: tuple[str | None, ...]
    generation: str | None
    language: str | None
    by: str  # "names" or "position"

    def note(self) -> str:
        """A sentence for ``sources.notes`` saying how the columns were recognised."""
        generation = f"the {self.generation} layout" if self.generation else "its layout"
        if self.by == "names":
            language = f" ({self.language} header)" if self.language and self.language != "en" else ""
            return f"columns recognised by name{language}, {generation}"
        language = f"{self.language} " if self.language else ""
        return (
            f"the {language}header names are not all known; columns recognised by position and by their"
            f" values, as {generation} ({len(self.keys)} columns)"
        )


@cache
def _spec() -> dict:
    with resources.files("smanalytics.io").joinpath("layouts", "families.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def table_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of the data table ``smanalytics/io/layouts/<name>`` (a CSV), as dicts."""
    path = resources.files("smanalytics.io").joinpath("layouts", name)
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def _header_table(family: str) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    path = resources.files("smanalytics.io").joinpath("layouts", f"{family}.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = tuple(dict(zip(header, row, strict=True)) for row in reader if row)
    return tuple(header[3:]), rows


@cache
def layout(family: str) -> Layout:
    """The :class:`Layout` of ``family``, read from the package's layout tables."""
    spec = _spec()[family]
    keys, rows = _header_table(spec.get("table", family))
    generations: dict[str, list[str]] = {}
    for row in rows:
        present = generations.setdefault(row["generation"], [])
        present.extend(k for k in keys if row[k].strip() and k not in present)
    names: dict[str, list[tuple[str, str, str]]] = {}
    sources = [(rows, keys)] + [_header_table(other)[::-1] for other in spec.get("names_from", ())]
    for table_rows, table_keys in sources:
        for row in table_rows:
            for key in table_keys:
                if key in keys and row[key].strip():
                    names.setdefault(normalise_name(row[key]), []).append(
                        (key, row["language"], row["generation"])
                    )
    return Layout(
        family=family,
        keys=keys,
        generations=tuple(
            Generation(name, tuple(k for k in keys if k in present)) for name, present in generations.items()
        ),
        names={name: tuple(found) for name, found in names.items()},
        rows=tuple((r["generation"], r["language"], r["seen"]) for r in rows),
        ordered=bool(spec.get("ordered", False)),
        required=frozenset(spec.get("required", ())),
        patterns=dict(spec.get("patterns", {})),
        unique=frozenset(spec.get("unique", ())),
        units=dict(spec.get("units", {})),
    )


# -- reading the head ----------------------------------------------------------------
def _head(source: Source, delimiter: str) -> tuple[list[str], list[list[str]]]:
    """The header fields and up to 20 first data rows of the head, split by ``delimiter``."""
    memo = source.__dict__.setdefault("_layout_heads", {})
    if delimiter not in memo:
        lines = source.head_lines
        records = list(csv.reader(lines[: _SAMPLE_ROWS * 4], delimiter=delimiter)) if lines else []
        records = [r for r in records if r and any(f.strip() for f in r)]
        header = [f.strip().strip("\ufeff") for f in records[0]] if records else []
        memo[delimiter] = (header, records[1 : _SAMPLE_ROWS + 1])
    return memo[delimiter]


def head_records(source: Source) -> tuple[list[str], list[list[str]]]:
    """The header fields and up to 20 first data records of the head (a quoted field may span lines)."""
    return _head(source, source.delimiter)


def _delimiters(source: Source) -> list[str]:
    return list(dict.fromkeys((source.delimiter, ",", ";", "\t")))


def _fits(rows: list[list[str]], position: int, pattern: re.Pattern) -> bool:
    cells = [r[position].strip() for r in rows if position < len(r) and r[position].strip()]
    if not cells:
        return False
    return sum(1 for c in cells if pattern.fullmatch(c)) >= _FIT * len(cells)


def _distinct(rows: list[list[str]], position: int) -> bool:
    cells = [r[position].strip() for r in rows if position < len(r)]
    return len(set(cells)) == len(cells)


# -- matching ------------------------------------------------------------------------
def match(source: Source, family: str) -> Match | None:
    """How ``source`` fits ``family``'s layouts, or None when it does not.

    Only the head of the file is read (see the module's docstring).
    """
    if source.kind != "text" or not source.head_lines:
        return None
    memo = source.__dict__.setdefault("_layout_matches", {})
    if family not in memo:
        memo[family] = _match(source, layout(family))
    return memo[family]


def match_fields(fields: list[str], family: str, *, delimiter: str = ",") -> Match | None:
    """How a header, given as its fields, fits ``family``'s names; None when a required key is not named.

    For readers that split the header themselves (a header longer than the
    sniffed head, a workbook's first row). Only names are compared: there
    are no rows to check values against.

    Examples
    --------
    >>> match_fields(["Date", "Lifetime Total Likes", "Daily New Likes", "Daily Unlikes",
    ...               "Daily Total Reach"], "facebook_insights_page").by
    'names'
    """
    return _by_names(layout(family), [f.strip().strip("\ufeff") for f in fields], delimiter)


@dataclass(frozen=True)
class SheetMatch:
    """A sheet's table that fits a family: the sheet, the rows above its header, its keyed columns."""

    sheet: str
    skipped: int  # description rows above the header, not data
    table: KeyedTable
    found: Match


def match_sheet(sheets: dict, family: str) -> SheetMatch | None:
    """The first sheet table whose header row fits ``family``'s names, or None.

    ``sheets`` is ``{sheet: [(row number, cells), ...]}``; the header is looked
    for in each sheet's first rows (a description row may sit above it), as
    :func:`smanalytics.io.excel.find_table` does, but in every language of
    the family's table.

    Examples
    --------
    >>> sheets = {"New followers": [(1, ["About this sheet", ""]),
    ...                             (2, ["Date", "Organic followers", "Total followers"]),
    ...                             (3, ["12/21/2024", "3", "4"])]}
    >>> found = match_sheet(sheets, "linkedin_followers")
    >>> found.sheet, found.skipped, found.table.columns["total_followers"]
    ('New followers', 1, 'Total followers')
    >>> found.table["total_followers"].tolist()
    ['4']
    """
    for name, rows in sheets.items():
        for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
            found = match_fields(cells, family)
            if found is not None:
                frame = SheetTable(name, cells, rows[index + 1 :], skipped=index).frame()
                names = [c for c in frame.columns if c != LINE]
                columns = {key: names[i] for i, key in enumerate(found.keys) if key is not None}
                return SheetMatch(name, index, KeyedTable(frame, len(rows) - index - 1, columns), found)
    return None


def _match(source: Source, spec: Layout) -> Match | None:
    fallback = None
    for delimiter in _delimiters(source):
        header, rows = _head(source, delimiter)
        if len(header) < 2:
            continue
        by_names = _by_names(spec, header, delimiter)
        if by_names is not None:
            return by_names
        if fallback is None:
            fallback = _by_position(spec, header, rows, delimiter)
    return fallback


def _scores(spec: Layout, header: list[str]) -> tuple[list[tuple], str | None, str | None]:
    found = [spec.names.get(normalise_name(name), ()) for name in header]
    languages: dict[str, int] = {}
    generations: dict[str, int] = {}
    for candidates in found:
        for language in {c[1] for c in candidates}:
            languages[language] = languages.get(language, 0) + 1
        for generation in {c[2] for c in candidates}:
            generations[generation] = generations.get(generation, 0) + 1
    language = max(languages, key=languages.get) if languages else None
    generation = max(generations, key=generations.get) if generations else None
    return found, language, generation


def _by_names(spec: Layout, header: list[str], delimiter: str) -> Match | None:
    found, language, generation = _scores(spec, header)
    keys: list[str | None] = []
    used: set[str] = set()
    for candidates in found:
        ranked = sorted(candidates, key=lambda c: (c[1] != language, c[2] != generation))
        key = next((c[0] for c in ranked if c[0] not in used), None)
        keys.append(key)
        if key is not None:
            used.add(key)
    if not spec.required <= used:
        return None
    return Match(spec.family, delimiter, tuple(keys), generation, language, "names")


def _by_position(spec: Layout, header: list[str], rows: list[list[str]], delimiter: str) -> Match | None:
    if not spec.ordered or not rows:
        return None
    for generation in spec.generations:
        if len(generation.keys) != len(header) or not spec.required <= set(generation.keys):
            continue
        fits = all(
            _fits(rows, generation.keys.index(key), PATTERNS[pattern])
            for key, pattern in spec.patterns.items()
            if key in generation.keys
        ) and all(_distinct(rows, generation.keys.index(key)) for key in spec.unique)
        if fits:
            _, language, _ = _scores(spec, header)
            return Match(spec.family, delimiter, generation.keys, generation.name, language, "position")
    return None


@dataclass(frozen=True)
class KeyedTable:
    """A file's table (columns as the file names them) and the column holding each key."""

    frame: pd.DataFrame
    data_rows: int
    columns: dict[str, str]  # key -> column of ``frame``

    def __getitem__(self, key: str) -> pd.Series:
        return self.frame[self.columns[key]]

    def __contains__(self, key: str) -> bool:
        return key in self.columns

    def select(self, mapping: dict[str, str | tuple[str, ...]]) -> dict[str, str]:
        """``{canonical: key}`` as ``{canonical: column}``, for the keys the file has.

        A canonical column given several keys takes the first the file has.
        """
        out = {}
        for canonical, keys in mapping.items():
            present = [k for k in ((keys,) if isinstance(keys, str) else keys) if k in self.columns]
            if present:
                out[canonical] = self.columns[present[0]]
        return out


def keyed_table(source: Source, found: Match, *, problems) -> KeyedTable:
    """The file's table, with the column that holds each recognised key.

    Columns keep the file's names, so that problems name the column a
    person sees in the file.
    """
    raw, rows = source.counted_table(delimiter=found.delimiter, problems=problems)
    names = [c for c in raw.columns if c != LINE]
    columns = {key: names[i] for i, key in enumerate(found.keys) if key is not None and i < len(names)}
    return KeyedTable(raw, rows, columns)
