"""Reading a YouTube Studio header through the multilingual vocabulary of its columns.

YouTube Studio writes the columns the owner picked, named in the interface
language. ``smanalytics/io/layouts/youtube_vocabulary.csv`` holds their names
(one row per column and language: ``key``, ``kind`` (video, attribute, date,
metric, dimension), ``distinct`` (a metric no other platform's exports have),
``language``, ``name``, ``seen``); this module reads a header with it and
tells a Content table, a report by date and a breakdown apart, from the
names and from the values (the ``Total`` row, 11-character video ids).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from smanalytics.io.layout import normalise_name, table_rows
from smanalytics.io.source import Source

__all__ = [
    "Header",
    "read_header",
    "is_total",
    "content_id_position",
    "is_content_table",
    "is_date_table",
    "is_breakdown",
    "second_row",
]

_VIDEO_ID = re.compile(r"\s?[A-Za-z0-9_-]{11}")
_SHARE = re.compile(r"^(?P<metric>.+?)\s*\(%\)$")


@cache
def _vocabulary() -> dict[str, tuple[str, str, bool, frozenset[str]]]:
    """Normalised column name -> (key, kind, distinct, the languages that use the name)."""
    out: dict[str, tuple[str, str, bool, frozenset[str]]] = {}
    for r in table_rows("youtube_vocabulary.csv"):
        name = normalise_name(r["name"])
        languages = out[name][3] if name in out else frozenset()
        out[name] = (r["key"], r["kind"], r["distinct"] == "1", languages | {r["language"]})
    return out


@dataclass(frozen=True)
class Header:
    """A file's header as YouTube Studio's vocabulary reads it."""

    fields: list[str]
    keys: list[str | None]  # None: a column the vocabulary does not know
    kinds: list[str | None]  # video, attribute, date, metric, dimension
    distinct: int  # how many columns are metrics no other platform has
    language: str | None

    def column(self, key: str) -> str | None:
        return self.fields[self.keys.index(key)] if key in self.keys else None

    def has(self, *keys: str) -> bool:
        return all(k in self.keys for k in keys)

    def others(self, kind: str) -> list[int]:
        """Positions of the columns that are not of ``kind``."""
        return [i for i, k in enumerate(self.kinds) if k != kind]


def read_header(source: Source) -> Header | None:
    if source.kind != "text":
        return None
    fields = source.header_fields(0)
    if len(fields) < 2:
        return None
    vocabulary = _vocabulary()
    keys, kinds, distinct, languages = [], [], 0, {}
    for field in fields:
        found = vocabulary.get(normalise_name(field))
        share = _SHARE.match(field)
        if found is None and share:  # "Views (%)" in a breakdown: a share of a metric
            base = vocabulary.get(normalise_name(share.group("metric")))
            found = (f"{base[0]}_share", "metric", base[2], base[3]) if base and base[1] == "metric" else None
        keys.append(found[0] if found else None)
        kinds.append(found[1] if found else None)
        distinct += bool(found and found[2])
        if found and "en" not in found[3]:  # a name of its own
            for language in found[3]:
                languages[language] = languages.get(language, 0) + 1
    # a header in another language keeps some English names (Impressions, RPM): its own names decide
    known = any(k is not None for k in keys)
    language = max(languages, key=languages.get) if languages else ("en" if known else None)
    return Header(fields, keys, kinds, distinct, language)


def second_row(source: Source) -> list[str]:
    return source.header_fields(1)


def is_total(cell: str) -> bool:
    """True for the first cell of a report's Total row (``Total``; the vocabulary's ``total`` names)."""
    found = _vocabulary().get(normalise_name(cell))
    return found is not None and found[1] == "total"


def content_id_position(header: Header, source: Source) -> int | None:
    """Where the video ids are: the ``Content`` column, else an unnamed column of 11-character ids."""
    if header.has("content"):
        return header.keys.index("content")
    if not header.has("video_title", "video_publish_time") or header.keys[0] is not None:
        return None
    rows = [source.header_fields(i) for i in range(2, min(len(source.head_lines), 12))]
    ids = [r[0] for r in rows if r]
    return 0 if ids and all(_VIDEO_ID.fullmatch(i) for i in ids) else None


def is_content_table(header: Header, source: Source) -> bool:
    return (
        header.has("video_title", "video_publish_time")
        and not header.has("date")
        and content_id_position(header, source) is not None
    )


def is_date_table(header: Header) -> bool:
    others = header.others("date")
    return header.has("date") and bool(others) and all(header.kinds[i] == "metric" for i in others)


def is_breakdown(header: Header, source: Source) -> bool:
    """Table data of a report by another dimension: 1-2 dimension columns, the rest metrics."""
    if header.has("date") or header.distinct < 2:
        return False
    dimensions = header.others("metric")
    if not 1 <= len(dimensions) <= 2 or len(header.fields) - len(dimensions) < 2:
        return False
    named = any(header.kinds[i] == "dimension" for i in dimensions)
    second = second_row(source)
    total = any(is_total(second[i]) for i in dimensions if i < len(second))
    return named or total
