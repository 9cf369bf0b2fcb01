"""YouTube Studio Advanced-mode exports: "Table data", "Chart data" and "Totals".

YouTube Studio's Advanced mode downloads three CSV files for one report:
``Table data.csv`` (one row per item of the report's dimension over the
period, with a "Total" row first), ``Chart data.csv`` (one row per day per item
drawn in the chart) and ``Totals.csv`` (one row per day for the whole channel,
one metric). Columns depend on the metrics the owner picked. The files are
UTF-8 without BOM; they are recognised by their header, not their name. The
platform is ``youtube``.

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
(``2023-06-24,``) stays missing; the day still loads.

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

Totals of any other metric (``Average view duration``, ``Engaged views``,
watch time, the net ``Subscribers``...) are refused with
:class:`~smanalytics.errors.NotATimeSeriesError`: they are totals of a metric
smanalytics does not use.

Refused on purpose (:class:`~smanalytics.errors.NotATimeSeriesError`)
-----------------------------------------------------------------------

* Table data of any other report (traffic source, geography, device...): a
  breakdown of the channel's period totals, not one row per video or per day.
  The same download's ``Totals.csv`` gives the daily figures.
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

__all__ = ["channel_name"]

PLATFORM = "youtube"
FALLBACK_ACCOUNT = "youtube-channel"

_VIDEO = ("Content", "Video title", "Video publish time")
_PUBLISHED = ("%b %d, %Y", "%B %d, %Y")
_DAYS = ("%Y-%m-%d", "%d-%m-%Y", "%m/%d/%Y")

#: Table data column -> posts column.
POSTS_COLUMNS = {
    "post_id": "Content",
    "text": "Video title",
    "published_at": "Video publish time",
    "video_views": "Views",
    "impressions": "Impressions",
    "likes": "Likes",
    "comments": "Comments added",
    "shares": "Shares",
    "follows": "Subscribers gained",
}

#: Totals metric -> daily column.
DAILY_METRICS = {
    "Views": "video_views",
    "Impressions": "impressions",
    "Likes": "likes",
    "Comments added": "comments",
    "Shares": "shares",
    "Subscribers gained": "follows",
    "Subscribers lost": "unfollows",
}

#: Metric columns YouTube Studio writes; used to recognise its files.
METRICS = frozenset(
    {
        *DAILY_METRICS,
        "Engaged views",
        "Watch time (hours)",
        "Watch time (minutes)",
        "Average view duration",
        "Average percentage viewed (%)",
        "Impressions click-through rate (%)",
        "Subscribers",
        "Unique viewers",
        "Average views per viewer",
        "New viewers",
        "Returning viewers",
        "Regular viewers",
        "Casual viewers",
        "Stayed to watch (%)",
        "Dislikes",
        "Likes (vs. dislikes) (%)",
        "Estimated revenue (USD)",
        "Your estimated revenue (USD)",
        "RPM (USD)",
        "CPM (USD)",
        "Playlist views",
        "Card clicks",
        "End screen element clicks",
    }
)

#: Metrics found in no other platform's exports: two of them mark a YouTube table.
_DISTINCT = frozenset(
    {
        "Watch time (hours)",
        "Average view duration",
        "Average percentage viewed (%)",
        "Impressions click-through rate (%)",
        "Subscribers gained",
        "Subscribers lost",
        "Comments added",
        "Engaged views",
        "Stayed to watch (%)",
        "Average views per viewer",
        "Likes (vs. dislikes) (%)",
    }
)

#: Dimensions of YouTube Studio reports other than Content.
DIMENSIONS = frozenset(
    {
        "Traffic source",
        "Geography",
        "City",
        "Viewer age",
        "Viewer gender",
        "Subscription status",
        "Subscription source",
        "Content type",
        "Playlist",
        "Device type",
        "Operating system",
        "Sharing service",
        "Playback location",
        "YouTube product",
        "Subtitles and CC",
        "Video info language",
        "Audio track",
        "Revenue source",
        "Transaction type",
        "New and returning viewers",
        "External source",
        "Search term",
    }
)

_GENERIC_FOLDERS = {"", ".", "youtube", "downloads", "download", "exports", "export", "data", "tmp"}
_DOWNLOAD_FOLDER = re.compile(r"^.+? \d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2} (?P<channel>.+)$")
_FILE_KINDS = re.compile(r"[ _-]*(table data|chart data|totals)\s*$", re.IGNORECASE)
_DAY_START = re.compile(r"^\s*\"?(\d{4}-\d{2}-\d{2}|\d{1,2}[-/]\d{1,2}[-/]\d{4})")


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


# -- recognising the three files ---------------------------------------------


def _header(source: Source) -> list[str]:
    if source.kind != "text":
        return []
    return source.header_fields(0)


def _is_content_table(header: list[str]) -> bool:
    return set(_VIDEO) <= set(header) and "Date" not in header


def _is_date_table(header: list[str]) -> bool:
    return "Date" in header and len(header) >= 2 and all(h in METRICS for h in header if h != "Date")


def _sniff_table(source: Source) -> bool:
    header = _header(source)
    if not header:
        return False
    if _is_content_table(header):
        return True
    if _is_date_table(header):
        return source.header_fields(1)[header.index("Date") : header.index("Date") + 1] == ["Total"]
    if "Date" in header:
        return False
    metrics = [h for h in header if h in METRICS]
    if len(set(header) & _DISTINCT) < 2 or len(metrics) != len(header) - 1:
        return False
    return "Total" in source.header_fields(1)


def _sniff_chart(source: Source) -> bool:
    header = _header(source)
    if len(header) < 3 or header[0] != "Date" or header[-1] not in METRICS:
        return False
    dimensions = header[1:-1]
    video = {"Content", "Video title"} <= set(dimensions)
    other = len(dimensions) == 1 and dimensions[0] in DIMENSIONS
    return video or other


def _sniff_totals(source: Source) -> bool:
    header = _header(source)
    if len(header) != 2 or "Date" not in header:
        return False
    metric = header[1 - header.index("Date")]
    if metric not in METRICS:
        return False
    lines = source.head_lines[1:2]
    if not lines:
        return True
    fields = source.header_fields(1)
    return len(fields) == 2 and bool(_DAY_START.match(fields[header.index("Date")]))


# -- reading -----------------------------------------------------------------


def _read_table(source: Source, context: ReadContext) -> ReadResult:
    header = _header(source)
    if _is_date_table(header):
        return _read_date_table(source, context, header)
    if not _is_content_table(header):
        dimension = next((h for h in header if h not in METRICS), "a dimension")
        raise NotATimeSeriesError(
            f"this is YouTube Studio 'Table data' of a {dimension.lower()} report: the channel's "
            f"totals over the period broken down by {dimension.lower()}, not one row per video or "
            "per day, so it carries no posts or daily figures. Export the Content report's Table "
            "data for posts, or load this download's Totals.csv for daily figures",
            path=source.path,
        )
    notes: list[str] = []
    account = _account(source, context, notes)
    raw, rows = source.counted_table(problems=context.problems)
    others = [c for c in _VIDEO if c != "Content"]
    total = (raw["Content"] == "Total") & (raw[others] == "").all(axis=1)
    if total.any():
        lines = ", ".join(str(n) for n in raw.loc[total, "_line"])
        notes.append(f"skipped the 'Total' row (line {lines}): not a video")
    videos = raw.loc[~total]
    posts = to_canonical(
        videos,
        "posts",
        columns=POSTS_COLUMNS,
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account, "post_type": "video"},
        timestamp_formats=_PUBLISHED,
    )
    notes.append("published_at is the publish day at midnight UTC: the export gives no time")
    if "Subscribers gained" not in raw.columns and "Subscribers" in raw.columns:
        notes.append(
            "follows left missing: 'Subscribers' is the net change (gained minus lost), "
            "and the table has no 'Subscribers gained'"
        )
    return ReadResult("youtube_table", {"posts": posts}, data_rows=rows - int(total.sum()), notes=notes)


def _read_date_table(source: Source, context: ReadContext, header: list[str]) -> ReadResult:
    columns = {DAILY_METRICS[h]: h for h in header if h in DAILY_METRICS}
    if not columns:
        raise NotATimeSeriesError(
            "this is YouTube Studio 'Table data' by date of metrics smanalytics does not use "
            f"({', '.join(repr(h) for h in header if h != 'Date')}), so it carries no posts or daily "
            f"figures it reads. Export one of {', '.join(repr(m) for m in DAILY_METRICS)} instead",
            path=source.path,
        )
    notes: list[str] = []
    account = _account(source, context, notes)
    raw, rows = source.counted_table(problems=context.problems)
    total = raw["Date"] == "Total"
    if total.any():
        lines = ", ".join(str(n) for n in raw.loc[total, "_line"])
        notes.append(f"skipped the 'Total' row (line {lines}): not a day")
    days = raw.loc[~total]
    daily = to_canonical(
        days,
        "daily",
        columns={"date": "Date", **columns},
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DAYS,
    )
    return ReadResult("youtube_table", {"daily": daily}, data_rows=rows - int(total.sum()), notes=notes)


def _read_chart(source: Source, context: ReadContext) -> ReadResult:
    header = _header(source)
    metric = header[-1]
    item = "video" if "Content" in header else header[1].lower()
    items = len({fields[1] for _, fields in list(source.records())[1:] if len(fields) > 1})
    raise NotATimeSeriesError(
        f"this is YouTube Studio 'Chart data': {metric!r} per day for each {item} drawn in the chart "
        f"({items} {'item' if items == 1 else 'items'}), not the channel's daily figures (a chart holds "
        "only the items picked for it), so it carries no posts or daily figures smanalytics uses; "
        "load the same download's Totals.csv for the channel's daily figures",
        path=source.path,
    )


def _read_totals(source: Source, context: ReadContext) -> ReadResult:
    header = _header(source)
    metric = header[1 - header.index("Date")]
    column = DAILY_METRICS.get(metric)
    if column is None:
        raise NotATimeSeriesError(
            f"these are YouTube Studio 'Totals' of {metric!r}, a metric smanalytics does not use, "
            "so the file carries no posts or daily figures it reads. Export Totals of one of "
            f"{', '.join(repr(m) for m in DAILY_METRICS)} instead",
            path=source.path,
        )
    notes: list[str] = []
    account = _account(source, context, notes)
    raw, rows = source.counted_table(problems=context.problems)
    daily = to_canonical(
        raw,
        "daily",
        columns={"date": "Date", column: metric},
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DAYS,
    )
    blank = int((raw[metric] == "").sum())
    if blank:
        notes.append(f"{blank} days have no {metric!r} value; left missing")
    return ReadResult("youtube_totals", {"daily": daily}, data_rows=rows, notes=notes)


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
        title="YouTube Studio 'Totals' (the channel's daily figure of one metric)",
        platform=PLATFORM,
        sniff=_sniff_totals,
        read=_read_totals,
    )
)
