"""Meta Business Suite per-metric daily exports (Reach, Views, Follows, Visits, ...).

Daily per-metric exports (``Reach.csv``, ``Follows.csv``, ``Visits.csv``, ...)
    UTF-16LE with BOM, usually an Excel ``sep=,`` line and a title line (the
    metric), then a header and rows ``"2026-05-25T00:00:00","14551"``. The
    hour is ``T00`` or ``T01`` depending on daylight saving; only the calendar
    day is kept. A file may stack blocks (a Facebook block, a blank line, an
    Instagram block), each with its own title and header; each block is read
    on its own. Title, header and blank lines are not data rows.

    Recognised by structure, whatever the interface language: blocks of a
    one-field title (optional) and a two-field header over rows whose one
    field is a ``YYYY-MM-DDTHH:MM:SS`` day and the other a count. The
    ``sep=`` and title lines may be missing (a file cut by its owner, or an
    older download), the columns may be swapped, the header is ``"Date",
    "Primary"`` or names the metric (``"Date","Facebook reach"``), and a
    second block may start with its header alone.

    What a block measures comes from the table
    ``smanalytics/io/layouts/meta_metrics.csv`` (data: a new language or
    metric is a row), looked up in this order: the block's title; else the
    value column's name; else the metric word of the file name
    (``visits.csv``). The titles seen on real files, and their daily column:

    =====================================================  ===================
    block title                                            daily column
    =====================================================  ===================
    Reach, Facebook reach, Instagram reach                 reach
    Views, Impressions (any platform prefix)               impressions
    Follows, Instagram follows, New follows                follows
    Unfollows                                              unfollows
    Followers                                              followers
    Visits, Facebook visits, Instagram profile visits      profile_visits
    Content interactions, Interactions                     engagements
    Link clicks, Instagram link clicks                     clicks
    =====================================================  ===================

    Titles in other interface languages are rows of the same table
    (Portuguese: ``Alcance no Facebook``, ``Alcance do Instagram``,
    ``Visitas ao Facebook``, ``Visitas ao perfil do Instagram``, ``Seguidos
    no Instagram``); ``sources.language`` is the titles' language.

    Meta labels the value column of its visits exports ``Facebook Page likes``
    (Facebook block) and ``Instagram followers`` (Instagram block), in files
    titled ``Facebook visits`` / ``Instagram profile visits`` and in untitled
    ``visits.csv`` files alike, with daily counts that rise and fall (72, 38,
    47...), not a follower total: a value column of that name is visits.

    Each file fills only its own column, so several per-metric files of one
    account loaded together merge into one row per day. A block of a metric
    smanalytics does not know is skipped and noted; a file with no known
    block is refused with :class:`~smanalytics.errors.NotATimeSeriesError`.
    ``Audience.csv`` is read by :mod:`smanalytics.io.meta_business_audience`.

    Platform of a block: the title's (or value column's) ``Facebook`` /
    ``Instagram`` prefix; for a block without one (``Reach``, ``Views``,
    ``Follows``, ``Content interactions``, ``Primary``), the other platform
    when another block of the same file names one (a stack is one Facebook
    and one Instagram block), else ``platform=`` given to
    :func:`~smanalytics.load`, else an ``IG``/``FB`` word in the file name,
    else ``instagram``: in the real exports every unprefixed single-block
    file whose platform is known is Instagram, while Facebook blocks are
    titled ``Facebook reach``/``Facebook visits``. The notes say which rule
    decided.

    Account: these files carry no account name. The reader reports the file
    name's prefix (``elitravel_Reach.csv`` -> ``elitravel``), else the folder's
    name when the file has Meta's default name (``clients/cafe/Reach (1).csv``
    -> ``cafe``), else the file stem; :mod:`smanalytics.io.accounts` matches it
    with the account's other files (or ``account=``/``accounts=``), and the
    notes say so.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.accounts import FILE_NAME_KINDS
from smanalytics.io.layout import PATTERNS, normalise_name, table_rows
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__ = ["daily_metric_of", "account_from_filename"]

_DAY = PATTERNS["meta_day"]
#: A day as Meta writes it, or as a spreadsheet re-saves it (``2026-05-25 00:00:00``).
_ANY_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")
_DEFAULT_NAMES = (
    r"reach|views|follows|(?:page and profile )?visits|(?:content )?interactions|link[ _]clicks"
    r"|audience|impressions"
)
_FILE_NAME = re.compile(
    rf"^(?:(?P<account>.+?)[ _-]+)?(?:(?P<hint>ig|fb|instagram|facebook)[ _-]*)?(?P<metric>{_DEFAULT_NAMES})"
    r"(?:\s*\(\d+\))?$",
    re.IGNORECASE,
)


# -- the metric vocabulary (smanalytics/io/layouts/meta_metrics.csv) ---------
@cache
def _vocabulary() -> dict[tuple[str, str], tuple[str | None, str | None, str]]:
    """(kind, normalised name) -> (platform, daily column, language); kind is ``title`` or ``value``."""
    rows = table_rows("meta_metrics.csv")
    return {
        (r["kind"], normalise_name(r["name"])): (r["platform"] or None, r["column"] or None, r["language"])
        for r in rows
    }


def daily_metric_of(title: str, kind: str = "title") -> tuple[str | None, str | None, bool]:
    """Split a block title (or, ``kind="value"``, a value column's name) into ``(platform, column, known)``.

    ``platform`` is None when the name does not give one; ``column`` is None
    when the name says nothing of the metric (``Primary``).

    Examples
    --------
    >>> daily_metric_of("Instagram profile visits")
    ('instagram', 'profile_visits', True)
    >>> daily_metric_of("Content interactions")
    (None, 'engagements', True)
    >>> daily_metric_of("Instagram link clicks")
    ('instagram', 'clicks', True)
    >>> daily_metric_of("Facebook Page likes", "value")
    ('facebook', 'profile_visits', True)
    """
    found = _vocabulary().get((kind, normalise_name(title)))
    if found is None:
        return None, None, False
    return found[0], found[1], True


def account_from_filename(path: str | Path) -> tuple[str, str, str | None]:
    """The account a per-metric file's name suggests: ``(account, how, platform hint)``.

    Examples
    --------
    >>> account_from_filename("exports/elitravel_Reach.csv")[:2]
    ('elitravel', 'the file name prefix')
    >>> account_from_filename("clients/cafe/Visits (1).csv")[:2]
    ('cafe', 'the folder name')
    >>> account_from_filename("x/vintage_IG_REACH.csv")
    ('vintage', 'the file name prefix', 'instagram')
    """
    path = Path(path)
    match = _FILE_NAME.match(path.stem)
    if match is None:
        return path.stem, "the file name", None
    hint = match.group("hint")
    platform = None if hint is None else ("instagram" if hint.lower() in ("ig", "instagram") else "facebook")
    if match.group("account"):
        return match.group("account"), "the file name prefix", platform
    folder = path.resolve().parent.name
    return (folder or path.stem), "the folder name", platform


@dataclass
class _Block:
    """One block of a per-metric file: its title (may be blank), header and data rows."""

    title: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def date_position(self) -> int | None:
        """Which of the two columns holds the days (from the values, else the name ``Date``)."""
        if len(self.header) != 2:
            return None
        for position in (0, 1):
            cells = [f[position].strip() for _, f in self.rows[:20] if len(f) == 2]
            if cells and all(_ANY_DAY.fullmatch(c) for c in cells):
                return position
        names = [h.strip().lower() for h in self.header]
        return names.index("date") if "date" in names else None


def _is_title(fields: list[str]) -> bool:
    return len(fields) == 1 and bool(fields[0].strip()) and not _DAY.fullmatch(fields[0].strip())


def _is_header(fields: list[str]) -> bool:
    return len(fields) == 2 and not any(ch.isdigit() for f in fields for ch in f)


def _blocks(records) -> list[_Block]:
    """Split records ``(line, fields)`` into blocks; a header after data rows starts a new block."""
    blocks: list[_Block] = []
    title = None
    for line, fields in records:
        if _is_title(fields):
            title = fields[0].strip()
        elif _is_header(fields) and (title is not None or not blocks or blocks[-1].rows):
            blocks.append(_Block(title or "", [f.strip().strip("\ufeff") for f in fields]))
            title = None
        elif blocks:
            blocks[-1].rows.append((line, fields))
    return blocks


def _head_blocks(source: Source) -> list[_Block]:
    if source.kind != "text" or len(source.head_lines) < 2:
        return []
    records = enumerate(csv.reader(source.head_lines, delimiter=source.delimiter), start=1)
    return _blocks((line, fields) for line, fields in records if fields and any(f.strip() for f in fields))


def _sniff_daily(source: Source) -> bool:
    blocks = _head_blocks(source)
    if not blocks:
        return False
    first = blocks[0]
    if first.rows:
        days = [f[first.date_position() or 0].strip() for _, f in first.rows[:20]]
        shaped = all(len(f) == 2 for _, f in first.rows[:20])
        return first.date_position() is not None and shaped and all(_DAY.fullmatch(d) for d in days)
    return sorted(h.lower() for h in first.header) == ["date", "primary"]


def _block_metric(block: _Block, file_metric: str | None) -> tuple[str | None, str | None, str]:
    """``(platform, daily column, where it came from)`` of a block; column None when unknown."""
    value = block.header[1 - (block.date_position() or 0)]
    title_platform, title_column, _ = daily_metric_of(block.title) if block.title else (None, None, False)
    value_platform, value_column, _ = daily_metric_of(value, "value")
    platform = title_platform or value_platform
    if title_column:
        return platform, title_column, "title"
    if value_column:
        return platform, value_column, f"value column {value!r}"
    if not block.title and file_metric:
        _, column, _ = daily_metric_of(file_metric)
        return platform, column, "file name"
    return platform, None, ""


def _read_daily(source: Source, context: ReadContext) -> ReadResult:
    blocks = _blocks(source.records())
    account, how, hint = account_from_filename(source.path)
    match = _FILE_NAME.match(source.path.stem)
    file_metric = match.group("metric").replace("_", " ") if match else None
    notes = []
    metrics = [_block_metric(b, file_metric) for b in blocks]
    named = {platform for platform, _, _ in metrics} - {None}
    frames, data_rows = [], 0
    for block, (platform, column, rule) in zip(blocks, metrics, strict=True):
        label = block.title or f"{block.header[0]}, {block.header[1]}"
        if column is None or block.date_position() is None:
            notes.append(
                f"skipped the block {label!r} ({len(block.rows)} rows): not a metric smanalytics knows"
            )
            continue
        if rule != "title":
            notes.append(f"block {label!r} has no title: read as {column}, from its {rule}")
        if platform is None:
            platform, why = _unnamed_platform(named, context, hint)
            notes.append(f"block {label!r} does not name its platform: {platform}, {why}")
        context.name(platform, account, FILE_NAME_KINDS[how])
        frames.append(_block_frame(block, column, platform, account, context))
        data_rows += len(block.rows)
    if not frames:
        labels = ", ".join(repr(b.title or b.header[1]) for b in blocks) or "none"
        raise NotATimeSeriesError(
            f"a Meta Business Suite per-metric export with blocks {labels}: none is a metric smanalytics"
            " knows, so it carries no posts or daily figures smanalytics uses; load Reach, Views,"
            " Follows, Visits, Interactions or Link clicks instead",
            path=source.path,
        )
    daily = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return ReadResult({"daily": daily}, data_rows=data_rows, notes=notes, language=_language(blocks))


def _language(blocks: list[_Block]) -> str | None:
    """The interface language of the blocks' titles, where the vocabulary knows them."""
    found = [_vocabulary().get(("title", normalise_name(b.title))) for b in blocks if b.title]
    languages = [f[2] for f in found if f is not None]
    return max(set(languages), key=languages.count) if languages else None


def _unnamed_platform(named: set[str], context: ReadContext, hint: str | None) -> tuple[str, str]:
    if len(named) == 1:
        other = next(iter(named))
        return ("instagram" if other == "facebook" else "facebook"), "as the file's other block is " + other
    if context.platform in ("facebook", "instagram"):
        return context.platform, "as given"
    if hint is not None:
        return hint, "from the file name"
    return "instagram", "assumed (pass platform='facebook' to override)"


def _block_frame(
    block: _Block, column: str, platform: str, account: str, context: ReadContext
) -> pd.DataFrame:
    date = block.date_position()
    good, lines = [], []
    for line, fields in block.rows:
        if len(fields) != 2:
            context.problems.add(line, None, f"row has {len(fields)} fields, expected 2 (a day and a count)")
            continue
        good.append([fields[date].strip(), fields[1 - date].strip()])
        lines.append(line)
    frame = pd.DataFrame(good, columns=["date", "value"], dtype=object)
    frame[LINE] = pd.Series(lines, dtype="int64")
    return to_canonical(
        frame,
        "daily",
        columns={"date": "date", column: "value"},
        problems=context.problems,
        constants={"platform": platform, "account": account},
        date_formats=("%Y-%m-%dT%H:%M:%S",),
    )


register(
    Family(
        name="meta_business_daily",
        title="Meta Business Suite: per-metric daily export (Reach, Views, Follows, Visits, Interactions,"
        " Link clicks)",
        platform=None,
        sniff=_sniff_daily,
        read=_read_daily,
    )
)
