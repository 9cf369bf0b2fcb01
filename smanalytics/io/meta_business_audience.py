"""Meta Business Suite Audience exports: the follower total, and demographics.

``Audience.csv`` is UTF-16LE with BOM, an Excel ``sep=,`` line and several
blocks, each a title line, a header and rows, separated by blank lines. Newer
exports begin with one block per platform that holds the current follower
count; the rest are demographics (age and gender, top cities, top countries),
empty for a platform without data::

    "Instagram followers"
    "IG_ACCOUNT,FOLLOW,UNIQUE_USERS"
    "1629"

    "Instagram followers by gender and age"
    "Age","Women","Men"
    "18-24","4.2%","19.1%"

A total block is recognised by its header, Meta's metric key
(``<object>,FOLLOW,UNIQUE_USERS``: ``IG_ACCOUNT`` is Instagram, ``FB_PAGE``
Facebook), whatever the language of its title; else by a title naming the
platform and followers over one number. Each total becomes a follower total
of the account (:class:`~smanalytics.io.followers.FollowerTotal`); the file
says no date, so it is taken as of the export's end, decided with the files
loaded together (see :mod:`smanalytics.io.followers`). A total of 0 (a
platform without a linked account) is not used, and the notes say so.
Demographic blocks are not read. Older exports with demographics only
(``Top cities``, ``Age & gender``) are refused with
:class:`~smanalytics.errors.NotATimeSeriesError`.

Account: the file does not name it; as for the per-metric files, it comes
from the file name (``CyberSystema__Audience.csv`` -> ``CyberSystema``) or the
folder, and is matched with the account's other files
(:mod:`smanalytics.io.accounts`).
"""

from __future__ import annotations

import csv
import re

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.accounts import FILE_NAME_KINDS
from smanalytics.io.followers import FollowerTotal
from smanalytics.io.meta_business_daily import account_from_filename
from smanalytics.io.parse import to_count
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source

__all__: list[str] = []

#: Meta's metric key of a follower total, and the platform of its object.
_TOTAL_KEY = re.compile(r"^(?P<object>[A-Z_]+),FOLLOWS?,UNIQUE_USERS$")
_KEY_PLATFORMS = (("IG", "instagram"), ("FB", "facebook"), ("PAGE", "facebook"))
_TOTAL_TITLE = re.compile(r"^(?P<platform>facebook|instagram)\s+(followers|page likes)$", re.IGNORECASE)
_DEMOGRAPHICS_TITLE = re.compile(
    r"^(age|gender|age & gender|top (cities|countries|towns|locations))\b"
    r"|^(facebook|instagram) followers by\b",
    re.IGNORECASE,
)


def _blocks(source: Source) -> list[dict]:
    """The file's blocks, split at blank lines: title, header and rows ``(line, fields)``."""
    blocks, current = [], []
    lines = source.text().splitlines() + [""]
    for number, line in enumerate(lines, start=1 + source.line_offset):
        if line.strip():
            current.append((number, next(csv.reader([line]))))
            continue
        if current:
            title = current[0][1][0].strip() if len(current[0][1]) == 1 else ""
            body = current[1:] if title else current
            header = [f.strip() for f in body[0][1]] if body else None
            blocks.append({"title": title, "line": current[0][0], "header": header, "rows": body[1:]})
            current = []
    return blocks


def _sniff(source: Source) -> bool:
    if source.kind != "text" or not source.head_lines:
        return False
    title = source.header_fields(0)
    if len(title) != 1 or not title[0].strip():
        return False
    second = source.header_fields(1)
    if len(second) == 1 and _TOTAL_KEY.match(second[0].strip()):
        return True
    return bool(_DEMOGRAPHICS_TITLE.match(title[0].strip()) or _TOTAL_TITLE.match(title[0].strip()))


def _total_platform(block: dict) -> str | None:
    """The platform of a follower-total block, or None when the block is not one."""
    header = block["header"] or []
    if len(header) == 1 and (key := _TOTAL_KEY.match(header[0].strip())):
        start = key.group("object").split("_")[0]
        return next((p for prefix, p in _KEY_PLATFORMS if start == prefix), None)
    title = _TOTAL_TITLE.match(block["title"].strip())
    return title.group("platform").lower() if title else None


def _read(source: Source, context: ReadContext) -> ReadResult:
    blocks = _blocks(source)
    account, how, _ = account_from_filename(source.path)
    kind = FILE_NAME_KINDS[how]
    notes = []
    for block in blocks:
        platform = _total_platform(block)
        if platform is None:
            continue
        rows = block["rows"] or ([(block["line"], block["header"])] if block["header"] else [])
        values = [fields[0] for _, fields in rows if len(fields) == 1]
        counts, bad = to_count(pd.Series(values, dtype=object))
        if len(values) != 1 or bad.any() or counts.isna().any():
            notes.append(f"block {block['title']!r} does not hold one follower count; not read")
            continue
        if counts.iloc[0] == 0:
            notes.append(f"block {block['title']!r} is 0: no {platform} account linked, not used")
            continue
        context.name(platform, account, kind)
        context.totals.append(FollowerTotal(platform, account, int(counts.iloc[0]), f"{block['title']!r}"))
    if not context.totals:
        titles = ", ".join(b["title"] for b in blocks if b["title"])
        raise NotATimeSeriesError(
            f"a Meta Business Suite audience export ({titles}): demographics of the followers, with no"
            " follower total; it carries no posts or daily figures (those are in the per-metric files,"
            " Reach, Views, Follows, ..., and the content export)",
            path=source.path,
        )
    skipped = [b["title"] for b in blocks if _total_platform(b) is None and b["title"]]
    if skipped:
        notes.append(f"demographic blocks not read: {', '.join(skipped)}")
    return ReadResult({}, data_rows=len(context.totals), notes=notes)


register(
    Family(
        name="meta_business_audience",
        title="Meta Business Suite: audience export (follower total; demographics not read)",
        platform=None,
        sniff=_sniff,
        read=_read,
    )
)
