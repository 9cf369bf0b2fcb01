"""YouTube Studio Advanced-mode exports: "Table data", "Chart data" and "Totals".

YouTube Studio's Advanced mode downloads three CSV files for one report:
``Table data.csv`` (one row per item of the report's dimension over the
period, with a "Total" row first), ``Chart data.csv`` (one row per day per item
drawn in the chart) and ``Totals.csv`` (one row per day for the whole channel,
one metric). Columns depend on the metrics the owner picked, and their names
on the interface language, so the files are recognised through a multilingual
vocabulary of YouTube Studio's column names (data:
``smanalytics/io/layouts/youtube_vocabulary.csv``, one row per column and
language: a new language is rows there) and by their values (the ``Total``
row, video ids, days), not by their file name. The files are UTF-8 without
BOM. The platform is ``youtube``.

The files never name the channel. The account is, in this order: the caller's
``account=``; the file name's prefix (``ligardo_content_Table data.csv`` ->
``ligardo``); the channel at the end of the folder YouTube names a download
(``Content 2025-06-13_2026-06-12 Priyanka Patel`` -> ``Priyanka Patel``); the
parent folder's name unless it is a generic one (``youtube``, ``downloads``,
...); else ``youtube-channel``. The notes say which.

Table data of a Content report (family ``youtube_table``) -> posts
------------------------------------------------------------------

=======================  ==============  ==============================================
export column            canonical       how
=======================  ==============  ==============================================
Content                  post_id         the video id (``1geIQxkXYGs``); YouTube writes
                                         ids that start with ``-`` as `` -id`` (a
                                         space against formula injection): stripped
Video title              text
Video publish time       published_at    ``Aug 28, 2025`` at midnight UTC: the export
                                         gives the day only
(every row)              post_type       ``video``
Views                    video_views
Impressions              impressions     thumbnail impressions: times seen
Likes                    likes           applause
Comments added           comments        conversation
Shares                   shares          amplification
Subscribers gained       follows         subscriptions started from the video
=======================  ==============  ==============================================

The first data row is the report's "Total" row (``Total`` in the dimension
column, the other dimension cells blank). It is skipped on purpose and not a
data row: the posts are the videos, and their sum is not the Total row's
(which also counts videos that are not listed). A video row whose metric cells
are blank keeps them missing, never 0.

Left out on purpose: ``Subscribers`` (the NET change, gained minus lost, which
can be negative: it is not ``follows``; when a table has only this column,
``follows`` stays missing and the notes say so), ``Subscribers lost``,
``Engaged views`` (a different count from ``Views``), ``Unique viewers`` (people
who watched, not people reached: ``reach`` stays missing), ``Dislikes``,
``Duration``, watch time, average view duration and percentages, click-through
rates, new/returning/regular viewers.

Table data of a report by Date (family ``youtube_table``) -> daily
------------------------------------------------------------------

When the table's dimension is ``Date`` (one row per day, "Total" row first,
skipped as above), the metric columns of the Totals table below go to daily.

Totals (family ``youtube_totals``) -> daily
-------------------------------------------

``Date,<metric>``, one row per day for the channel, ISO dates (also
``27-02-2025`` and ``02/27/2025`` from spreadsheet re-saves). A blank value
(``2023-06-24,``) stays missing; the day still loads. Totals of several
metrics side by side (``Date,Views,Subscribers``, as an owner merges two
downloads in a spreadsheet, with ``1/1/2022`` dates) are read the same way,
each known metric to its column.

==================  ==============
metric              canonical
==================  ==============
Views               video_views
Impressions         impressions
Likes               likes
Comments added      comments
Shares              shares
Subscribers gained  follows
Subscribers lost    unfollows
==================  ==============

Totals of only other metrics (``Average view duration``, ``Engaged views``,
``Hypes``, watch time, the net ``Subscribers``...) are refused with
:class:`~smanalytics.errors.NotATimeSeriesError`: they are totals of a metric
smanalytics does not use.

Refused on purpose (:class:`~smanalytics.errors.NotATimeSeriesError`)
-----------------------------------------------------------------------

* Table data of any other report (traffic source, geography, cities, viewer
  age, device...), with or without its Total row and with shares such as
  ``Views (%)``: a breakdown of the channel's period totals, not one row per
  video or per day. The same download's ``Totals.csv`` gives the daily figures.
* Chart data (family ``youtube_chart``), whatever the report: it holds the
  metric per day only for the items picked for the chart (by default the top
  five videos; in the real ``priyanka_*`` export 5 of 442 videos, 48,473 of the
  181,588 views), so its sum per day is not the channel's daily figure, and the
  daily table has no per-video rows. The message points to ``Totals.csv``.
"""

from __future__ import annotations

import re
from pathlib import Path

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source
from smanalytics.io.youtube_header import (
    Header,
    content_id_position,
    is_breakdown,
    is_content_table,
    is_date_table,
    is_total,
    read_header,
    second_row,
)

__all__ = ["channel_name"]

PLATFORM = "youtube"
FALLBACK_ACCOUNT = "youtube-channel"

_PUBLISHED = ("%b %d, %Y", "%B %d, %Y")
_DAYS = ("%Y-%m-%d", "%d-%m-%Y", "%m/%d/%Y")

#: Table data column key -> posts column.
POSTS_COLUMNS = {
    "post_id": "content",
    "text": "video_title",
    "published_at": "video_publish_time",
    "video_views": "views",
    "impressions": "impressions",
    "likes": "likes",
    "comments": "comments_added",
    "shares": "shares",
    "follows": "subscribers_gained",
}

#: Metric key -> daily column.
DAILY_METRICS = {
    "views": "video_views",
    "impressions": "impressions",
    "likes": "likes",
    "comments_added": "comments",
    "shares": "shares",
    "subscribers_gained": "follows",
    "subscribers_lost": "unfollows",
}

_GENERIC_FOLDERS = {"", ".", "youtube", "downloads", "download", "exports", "export", "data", "tmp"}
_DOWNLOAD_FOLDER = re.compile(r"^.+? \d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2} (?P<channel>.+)$")
_FILE_KINDS = re.compile(r"[ _-]*(table data|chart data|totals)\s*$", re.IGNORECASE)
_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{4})\s*")


def _sniff_table(source: Source) -> bool:
    header = read_header(source)
    if header is None:
        return False
    if is_content_table(header, source):
        return True
    if is_date_table(header):
        second = second_row(source)
        position = header.keys.index("date")
        return position < len(second) and is_total(second[position])
    return is_breakdown(header, source)


def _sniff_chart(source: Source) -> bool:
    header = read_header(source)
    if header is None or len(header.fields) < 3 or header.keys[0] != "date":
        return False
    if header.kinds[-1] != "metric":
        return False
    dimensions = header.kinds[1:-1]
    video = header.has("content") or header.has("video_title")
    other = len(dimensions) == 1 and dimensions[0] == "dimension"
    return video or other


def _sniff_totals(source: Source) -> bool:
    header = read_header(source)
    if header is None or not is_date_table(header):
        return False
    second = second_row(source)
    position = header.keys.index("date")
    if not second:
        return True
    # a table made from a sheet may drop a row's empty last cells
    fits = position < len(second) <= len(header.fields)
    return fits and bool(_DAY.fullmatch(second[position]))


# -- account -----------------------------------------------------------------
def channel_name(path: str | Path) -> tuple[str, str]:
    """The channel a YouTube Studio export belongs to, from its path, and how it was found.

    Examples
    --------
    >>> channel_name("exports/ligardo_content_Table data.csv")
    ('ligardo', 'the file name')
    >>> channel_name("Content 2025-06-13_2026-06-12 Priyanka Patel/Totals.csv")
    ('Priyanka Patel', 'the download folder')
    >>> channel_name("youtube/Totals.csv")[0]
    'youtube-channel'
    """
    path = Path(path)
    stem = _FILE_KINDS.sub("", path.stem).strip(" _-")
    if stem and stem != path.stem.strip():
        parts = stem.split("_")
        name = "_".join(parts[:-1]) if len(parts) > 1 else parts[0]
        return name, "the file name"
    folder = path.parent.name
    match = _DOWNLOAD_FOLDER.match(folder)
    if match:
        return match.group("channel").strip(), "the download folder"
    if folder.strip().lower() not in _GENERIC_FOLDERS and not folder.startswith("tmp"):
        return folder, "the folder name"
    return FALLBACK_ACCOUNT, "a fallback"


def _account(source: Source, context: ReadContext, notes: list[str]) -> str:
    if context.account:
        return context.account
    name, how = channel_name(source.path)
    notes.append(f"YouTube exports do not name the channel; account {name!r} comes from {how}")
    return name


# -- reading -----------------------------------------------------------------
def _language_note(header: Header, notes: list[str]) -> None:
    if header.language and header.language != "en":
        notes.append(f"columns recognised by name ({header.language} header)")


def _read_table(source: Source, context: ReadContext) -> ReadResult:
    header = read_header(source)
    if is_date_table(header):
        return _read_days(source, context, header, family="youtube_table")
    if not is_content_table(header, source):
        positions = header.others("metric")
        dimension = header.fields[positions[0]] if positions else "a dimension"
        raise NotATimeSeriesError(
            f"this is YouTube Studio 'Table data' of a {dimension.lower()} report: the channel's "
            f"totals over the period broken down by {dimension.lower()}, not one row per video or "
            "per day, so it carries no posts or daily figures. Export the Content report's Table "
            "data for posts, or load this download's Totals.csv for daily figures",
            path=source.path,
        )
    notes: list[str] = []
    _language_note(header, notes)
    account = _account(source, context, notes)
    raw, rows = source.counted_table(problems=context.problems)
    names = [c for c in raw.columns if c != "_line"]
    columns = {key: names[i] for i, key in enumerate(header.keys) if key}
    columns["content"] = names[content_id_position(header, source)]
    others = [columns[k] for k in ("video_title", "video_publish_time")]
    total = raw[columns["content"]].map(is_total) & (raw[others] == "").all(axis=1)
    if total.any():
        lines = ", ".join(str(n) for n in raw.loc[total, "_line"])
        notes.append(f"skipped the 'Total' row (line {lines}): not a video")
    posts = to_canonical(
        raw.loc[~total],
        "posts",
        columns={canonical: columns[key] for canonical, key in POSTS_COLUMNS.items() if key in columns},
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account, "post_type": "video"},
        timestamp_formats=_PUBLISHED,
    )
    notes.append("published_at is the publish day at midnight UTC: the export gives no time")
    if "subscribers_gained" not in columns and "subscribers" in columns:
        notes.append(
            "follows left missing: 'Subscribers' is the net change (gained minus lost), "
            "and the table has no 'Subscribers gained'"
        )
    return ReadResult(
        {"posts": posts},
        data_rows=rows - int(total.sum()),
        notes=notes,
        language=header.language,
    )


def _read_days(source: Source, context: ReadContext, header: Header, *, family: str) -> ReadResult:
    """A report by Date (Table data with its Total row, or Totals): the known metrics to daily."""
    metrics = {DAILY_METRICS[k]: header.column(k) for k in header.keys if k in DAILY_METRICS}
    unused = [
        f for f, k in zip(header.fields, header.keys, strict=True) if k != "date" and k not in DAILY_METRICS
    ]
    what = "'Table data' by date" if family == "youtube_table" else "'Totals'"
    if not metrics:
        raise NotATimeSeriesError(
            f"these are YouTube Studio {what} of {', '.join(repr(u) for u in unused)}, a metric smanalytics"
            " does not use, so the file carries no posts or daily figures it reads. Export Totals of one"
            f" of {', '.join(repr(m) for m in ('Views', 'Impressions', 'Likes', 'Comments added', 'Shares'))}"
            " or 'Subscribers gained' instead",
            path=source.path,
        )
    notes: list[str] = []
    _language_note(header, notes)
    account = _account(source, context, notes)
    raw, rows = source.counted_table(problems=context.problems)
    date = header.column("date")
    total = raw[date].map(is_total)
    if total.any():
        lines = ", ".join(str(n) for n in raw.loc[total, "_line"])
        notes.append(f"skipped the 'Total' row (line {lines}): not a day")
    if "subscribers" in header.keys:
        notes.append("'Subscribers' is the net change (gained minus lost): not read as follows")
    daily = to_canonical(
        raw.loc[~total],
        "daily",
        columns={"date": date, **metrics},
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DAYS,
    )
    for column in metrics.values():
        blank = int((raw.loc[~total, column] == "").sum())
        if blank:
            notes.append(f"{blank} days have no {column!r} value; left missing")
    return ReadResult(
        {"daily": daily}, data_rows=rows - int(total.sum()), notes=notes, language=header.language
    )


def _read_chart(source: Source, context: ReadContext) -> ReadResult:
    header = read_header(source)
    metric = header.fields[-1]
    item = "video" if header.has("content") or header.has("video_title") else header.fields[1].lower()
    items = len({fields[1] for _, fields in list(source.records())[1:] if len(fields) > 1})
    raise NotATimeSeriesError(
        f"this is YouTube Studio 'Chart data': {metric!r} per day for each {item} drawn in the chart "
        f"({items} {'item' if items == 1 else 'items'}), not the channel's daily figures (a chart holds "
        "only the items picked for it), so it carries no posts or daily figures smanalytics uses; "
        "load the same download's Totals.csv for the channel's daily figures",
        path=source.path,
    )


def _read_totals(source: Source, context: ReadContext) -> ReadResult:
    return _read_days(source, context, read_header(source), family="youtube_totals")


register(
    Family(
        name="youtube_table",
        title="YouTube Studio 'Table data' (Content report: one row per video)",
        platform=PLATFORM,
        sniff=_sniff_table,
        read=_read_table,
    )
)
register(
    Family(
        name="youtube_chart",
        title="YouTube Studio 'Chart data' (a metric per day per charted item)",
        platform=PLATFORM,
        sniff=_sniff_chart,
        read=_read_chart,
    )
)
register(
    Family(
        name="youtube_totals",
        title="YouTube Studio 'Totals' (the channel's daily figure of one or more metrics)",
        platform=PLATFORM,
        sniff=_sniff_totals,
        read=_read_totals,
    )
)
