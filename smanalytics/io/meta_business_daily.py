"""Meta Business Suite per-metric daily exports (Reach, Views, Follows, Visits, ...).

Daily per-metric exports (``Reach.csv``, ``Follows.csv``, ``Visits.csv``, ...)
    UTF-16LE with BOM, an Excel ``sep=,`` line, a title line (the metric),
    ``"Date","Primary"`` and rows ``"2026-05-25T00:00:00","14551"``. The hour
    is ``T00`` or ``T01`` depending on daylight saving; only the calendar day
    is kept. A file may stack blocks (a Facebook block, a blank line, an
    Instagram block), each with its own title and header; each block is read
    on its own. Title and header lines and blank lines are not data rows.

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
    Link clicks, Instagram link clicks                     (none: refused)
    =====================================================  ===================

    Each file fills only its own column, so several per-metric files of one
    account loaded together merge into one row per day. ``Link clicks`` has no
    daily canonical column: such a file is refused with
    :class:`~smanalytics.errors.NotATimeSeriesError` (a block of it inside a
    stacked file is skipped and noted). ``Audience.csv`` (age and gender, top
    cities, top countries) is refused the same way.

    Platform of a block: the title's ``Facebook``/``Instagram`` prefix; for a
    title without one (``Reach``, ``Views``, ``Follows``, ``Content
    interactions``), the other platform when another block of the same file
    names one (a stack is one Facebook and one Instagram block), else
    ``platform=`` given to :func:`~smanalytics.load`, else an ``IG``/``FB``
    word in the file name, else ``instagram``: in the real exports every
    unprefixed single-block file whose platform is known is Instagram, while
    Facebook blocks are titled ``Facebook reach``/``Facebook visits``. The
    notes say which rule decided.

    Account: these files carry no account name. It is ``account=`` when given,
    else the file name's prefix (``elitravel_Reach.csv`` -> ``elitravel``),
    else the folder's name when the file has Meta's default name
    (``clients/cafe/Reach (1).csv`` -> ``cafe``), else the file stem; the
    notes say so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__ = ["daily_metric_of", "account_from_filename"]

_METRICS = (
    (re.compile(r"^(new )?follows$"), "follows"),
    (re.compile(r"^unfollows$"), "unfollows"),
    (re.compile(r"^(total )?followers$"), "followers"),
    (re.compile(r"^reach$"), "reach"),
    (re.compile(r"^(views|impressions)$"), "impressions"),
    (re.compile(r"^(profile |page )?visits$"), "profile_visits"),
    (re.compile(r"^(content )?interactions$"), "engagements"),
    (re.compile(r"^link clicks$"), None),
)
_PLATFORM_PREFIX = re.compile(r"^(facebook|instagram)\s+", re.IGNORECASE)
_AUDIENCE_TITLE = re.compile(r"^(age|gender|age & gender|top (cities|countries|towns|locations))\b", re.I)
_DATE_CELL = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DEFAULT_NAMES = r"reach|views|follows|visits|interactions|link[ _]clicks|audience|impressions"
_FILE_NAME = re.compile(
    rf"^(?:(?P<account>.+?)[ _-]+)?(?:(?P<hint>ig|fb|instagram|facebook)[ _-]*)?(?P<metric>{_DEFAULT_NAMES})"
    r"(?:\s*\(\d+\))?$",
    re.IGNORECASE,
)


# -- shared helpers ----------------------------------------------------------
def daily_metric_of(title: str) -> tuple[str | None, str | None, bool]:
    """Split a block title into ``(platform, daily column, known)``.

    ``platform`` is None when the title does not name one; ``column`` is None
    for a known metric without a daily canonical column (link clicks).

    Examples
    --------
    >>> daily_metric_of("Instagram profile visits")
    ('instagram', 'profile_visits', True)
    >>> daily_metric_of("Content interactions")
    (None, 'engagements', True)
    >>> daily_metric_of("Instagram link clicks")
    ('instagram', None, True)
    """
    text = " ".join(title.strip().lower().split())
    match = _PLATFORM_PREFIX.match(text)
    platform = match.group(1) if match else None
    metric = text[match.end() :] if match else text
    for pattern, column in _METRICS:
        if pattern.match(metric):
            return platform, column, True
    return platform, None, False


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


def _is_title(fields: list[str]) -> bool:
    return len(fields) == 1 and bool(fields[0].strip()) and not _DATE_CELL.match(fields[0].strip())


def _sniff_daily(source: Source) -> bool:
    if source.kind != "text" or len(source.head_lines) < 2:
        return False
    title = source.header_fields(0)
    header = [f.lower() for f in source.header_fields(1)]
    return _is_title(title) and sorted(header) == ["date", "primary"]


def _sniff_audience(source: Source) -> bool:
    if source.kind != "text" or not source.head_lines:
        return False
    title = source.header_fields(0)
    return _is_title(title) and bool(_AUDIENCE_TITLE.match(title[0].strip()))


def _blocks(source: Source) -> list[dict]:
    """Split the file into blocks: title, header, data rows (line, fields)."""
    blocks: list[dict] = []
    for line, fields in source.records():
        if _is_title(fields) and (not blocks or blocks[-1]["header"] is not None):
            blocks.append({"title": fields[0].strip(), "line": line, "header": None, "rows": []})
        elif not blocks:
            blocks.append({"title": "", "line": line, "header": [f.strip() for f in fields], "rows": []})
        elif blocks[-1]["header"] is None:
            blocks[-1]["header"] = [f.strip() for f in fields]
        else:
            blocks[-1]["rows"].append((line, fields))
    return blocks


def _refuse_audience(source: Source, context: ReadContext) -> ReadResult:
    titles = [b["title"] for b in _blocks(source) if b["title"]]
    raise NotATimeSeriesError(
        f"a Meta Business Suite audience export ({', '.join(titles)}): demographics of the followers,"
        " it carries no posts or daily figures; load the per-metric files (Reach, Views, Follows, ...)"
        " or the content export instead",
        path=source.path,
    )


def _read_daily(source: Source, context: ReadContext) -> ReadResult:
    blocks = [b for b in _blocks(source) if b["header"] is not None]
    named = {daily_metric_of(b["title"])[0] for b in blocks} - {None}
    account, how, hint = account_from_filename(source.path)
    notes = []
    if context.account:
        account = context.account
    else:
        notes.append(f"the file does not name the account: {account!r} taken from {how}")
    frames, data_rows = [], 0
    for block in blocks:
        platform, column, known = daily_metric_of(block["title"])
        lowered = sorted(h.lower() for h in block["header"])
        if column is None or lowered != ["date", "primary"]:
            what = "no daily canonical column" if known else "not a metric smanalytics knows"
            notes.append(f"skipped the block {block['title']!r} ({len(block['rows'])} rows): {what}")
            continue
        if platform is None:
            platform, rule = _unnamed_platform(named, context, hint)
            notes.append(f"block {block['title']!r} does not name its platform: {platform}, {rule}")
        frames.append(_block_frame(block, column, platform, account, source, context))
        data_rows += len(block["rows"])
    if not frames:
        titles = ", ".join(repr(b["title"]) for b in blocks) or "none"
        raise NotATimeSeriesError(
            f"a Meta Business Suite per-metric export with blocks {titles}: none is a daily figure the"
            " canonical daily table has (link clicks have no daily column), so it carries no posts or"
            " daily figures smanalytics uses; load Reach, Views, Follows, Visits or Interactions instead",
            path=source.path,
        )
    daily = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return ReadResult("meta_business_daily", {"daily": daily}, data_rows=data_rows, notes=notes)


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
    block: dict, column: str, platform: str, account: str, source: Source, context: ReadContext
) -> pd.DataFrame:
    header = [h.lower() for h in block["header"]]
    good, lines = [], []
    for line, fields in block["rows"]:
        if len(fields) != 2:
            context.problems.add(line, None, f"row has {len(fields)} fields, expected 2 (Date, Primary)")
            continue
        good.append([f.strip() for f in fields])
        lines.append(line)
    frame = pd.DataFrame(good, columns=header, dtype=object) if good else pd.DataFrame(columns=header)
    frame[LINE] = pd.Series(lines, dtype="int64")
    return to_canonical(
        frame,
        "daily",
        columns={"date": "date", column: "primary"},
        problems=context.problems,
        constants={"platform": platform, "account": account},
        date_formats=("%Y-%m-%dT%H:%M:%S",),
    )


register(
    Family(
        name="meta_business_daily",
        title="Meta Business Suite: per-metric daily export (Reach, Views, Follows, Visits, Interactions)",
        platform=None,
        sniff=_sniff_daily,
        read=_read_daily,
    )
)
register(
    Family(
        name="meta_business_audience",
        title="Meta Business Suite: audience export (demographics, refused)",
        platform=None,
        sniff=_sniff_audience,
        read=_refuse_audience,
    )
)
