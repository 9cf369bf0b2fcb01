"""Facebook Page Insights CSV exports (classic Insights, before 2019).

Three exports, each a CSV whose first row holds the column names and whose
second row describes each metric (``Lifetime: The total number of people your
Page post was served to. (Unique Users)``); data starts on line 3.

``facebook-insights-posts``: *Facebook Insights Data Export (Post Level)*, one
row per post. ``facebook-insights-video``: *(Video Posts)*, one row per video
post, with the same ids and the video-view counts. ``facebook-insights-page``:
the page-level export, one row per day and 600-2,700 columns (most of them
breakdowns by city, country, age...), CRLF and usually cp1252.

Columns
-------
The header names of each export column (the CSV titles, and the API keys the
SpreadsheetML ``.xls`` workbooks use) are rows of the layout tables
``smanalytics/io/layouts/facebook_insights_posts.csv`` and
``facebook_insights_page.csv``; :data:`POST_COLUMNS` and :data:`DAILY_COLUMNS`
map their keys to canonical columns. ``Posted`` is ``published_at``
(``02/19/2015 11:45:22 PM``, Pacific time); a *Lifetime Post Paid Reach*
above 0 makes a post ``paid``; ``video_views`` is *Lifetime Total Video
Views* (video export), else *Organic + Paid Video Views* (Total Count).

Likes, comments and shares come from *Post Stories by action type* (one per
action) rather than *Talking About This by action type* (distinct people),
as the canonical figures count actions; *Talking About This* is used only
when a file lacks the Stories columns. Clicks are *Consumptions* (clicks),
not *Consumers* (people). saves, profile_visits, follows and followers are
not in the post exports and stay missing.

The daily ``engagements`` is *Page Engaged Users* (people who clicked or
created a story that day: the only daily engagement total these exports
give); ``profile_visits`` is *Logged-in Page Views* (Total Count), visits to
the Page itself. likes, comments, shares and posts have no daily total here
and stay missing.

Quirks handled
--------------
* The description row is recognised (metric cells starting ``Lifetime:``,
  ``Daily:``, ``Weekly:``, ``28 Days:``, or a blank row) and skipped; it is
  not a data row.
* Duplicate column names (``Daily Logged-in Page Views`` twice, once as Total
  Count and once as Unique Users) are told apart by their description, so a
  re-save with columns in another order still picks the right one.
* Breakdown columns (*by action type*, *by type*) exist only for the actions
  that happened in the period, and a post without such an action has a blank
  cell. A blank cell in a breakdown column the file has is therefore 0 (for
  posts whose reach is reported); a breakdown column the file lacks stays
  missing.
* Times are the Page's local time as Facebook's classic Insights wrote it,
  Pacific time (America/Los_Angeles, with summer time), and are converted to
  UTC. Daily dates are Pacific days and are kept as written.
* The header of a page-level file can exceed 100 KB, so sniffing reads the
  whole first line; its delimiter is worked out from that line.
* The account is the Page name in the file name (``Facebook Insights Data
  Export (Post Level) - <Page> - <dates>.csv``), else the Page's slug in the
  permalinks, else the file name, reported to :mod:`smanalytics.io.accounts`,
  which matches it with the Page's other files.

The SpreadsheetML ``.xls`` workbooks of these exports are read by
:mod:`smanalytics.io.facebook_workbook` through the same tables and functions.
"""

from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd

from smanalytics.errors import ExportError, NotATimeSeriesError
from smanalytics.io import parse
from smanalytics.io.layout import Match, layout, match_fields, normalise_name
from smanalytics.io.mapping import to_canonical
from smanalytics.io.problems import Problems
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__ = [
    "POST_COLUMNS",
    "DAILY_COLUMNS",
    "TIME_ZONE",
    "posts_from_frame",
    "daily_from_frame",
    "account_from_name",
    "resolve_account",
    "is_description_row",
    "local_times",
    "refuse",
]

PLATFORM = "facebook"
#: Classic Facebook Insights exports write times in Pacific time.
TIME_ZONE = "America/Los_Angeles"
_POSTED_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")
_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y")

_POSTS, _VIDEO, _PAGE = "facebook_insights_posts", "facebook_insights_video", "facebook_insights_page"
#: Canonical posts column -> layout keys (``smanalytics/io/layouts/facebook_insights_posts.csv``);
#: the first key the file has wins.
POST_COLUMNS: dict[str, tuple[str, ...]] = {
    "post_id": ("post_id",),
    "post_type": ("type",),
    "text": ("post_message",),
    "impressions": ("total_impressions",),
    "reach": ("total_reach",),
    "likes": ("stories_like", "talking_like"),
    "comments": ("stories_comment", "talking_comment"),
    "shares": ("stories_share", "talking_share"),
    "clicks": ("link_clicks",),
    "video_views": ("total_video_views",),
}
_POSTED = ("posted",)
_PAID_REACH = ("paid_reach",)
_VIDEO_PARTS = (("organic_video_views",), ("paid_video_views",))
_BREAKDOWNS = ("likes", "comments", "shares", "clicks")

#: Canonical daily column -> layout keys (``smanalytics/io/layouts/facebook_insights_page.csv``).
DAILY_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date",),
    "followers": ("total_likes",),
    "follows": ("new_likes",),
    "unfollows": ("unlikes",),
    "impressions": ("total_impressions",),
    "reach": ("total_reach",),
    "engagements": ("engaged_users",),
    "profile_visits": ("logged_in_page_views",),
    "video_views": ("total_video_views",),
}

_DESCRIPTION = re.compile(r"^(Lifetime|Daily|Weekly|28 Days):")
_FILE_NAME = re.compile(
    r"^Facebook Insights Data Export(?: \((?:Post Level|Video Posts)\))? - (.+?) - \d{4}-\d{2}-\d{2}"
)
_PERMALINK = re.compile(r"facebook\.com/([^/?#]+)/(?:posts|videos|photos|notes)/")


# -- shared by the CSV and the SpreadsheetML readers -----------------------
def account_from_name(name: str) -> str | None:
    """The Page name in a default export file name, or None.

    Examples
    --------
    >>> account_from_name("Facebook Insights Data Export (Post Level) - LOK - 2017-07-27.xls")
    'LOK'
    """
    match = _FILE_NAME.match(name)
    return match.group(1).strip() if match else None


def resolve_account(source: Source, context: ReadContext, frame: pd.DataFrame, notes: list[str]) -> str:
    """The Page: its name in the file name, else the permalinks' page name, else the file stem.

    The name is reported to :mod:`smanalytics.io.accounts`, which decides over
    the files loaded together (and applies the caller's ``account=``).
    """
    from_name = account_from_name(source.name)
    if from_name:
        return context.name(PLATFORM, from_name, "display_name", how="the Page name in the file name")
    if "Permalink" in frame.columns:
        slugs = frame["Permalink"].astype("string").str.extract(_PERMALINK)[0].dropna()
        if len(slugs):
            slug = str(slugs.mode().iloc[0])
            return context.name(PLATFORM, slug, "username", how="the Page name in the permalinks")
    return context.name(PLATFORM, source.path.stem, "file_stem")


def is_description_row(row: pd.Series) -> bool:
    """True for the Insights row that describes each metric (or a blanked copy of it)."""
    values = [str(v).strip() for v in row.drop(labels=[LINE], errors="ignore") if v is not None]
    filled = [v for v in values if v]
    return not filled or any(_DESCRIPTION.match(v) for v in filled[:50])


def _pick(
    frame: pd.DataFrame, keys: tuple[str, ...], descriptions: dict[str, str], family: str
) -> str | None:
    """The frame column holding the first of ``keys`` present (``X`` or ``X.1``...), in the right unit.

    A column is found by any of the key's names in ``family``'s layout table,
    compared as :func:`~smanalytics.io.layout.normalise_name` does.
    """
    spec = layout(family)
    by_key: dict[str, list[str]] = {}
    for column in frame.columns:
        base = normalise_name(re.sub(r"\.\d+$", "", str(column)))
        for key in {k for k, _, _ in spec.names.get(base, ())}:
            by_key.setdefault(key, []).append(column)
    for key in keys:
        found = by_key.get(key)
        if not found:
            continue
        unit = spec.units.get(key)
        if unit and len(found) > 1:
            for column in found:
                if descriptions.get(column, "").rstrip().endswith(f"({unit})"):
                    return column
        return found[0]
    return None


def _counts(frame: pd.DataFrame, column: str, problems: Problems) -> tuple[pd.DataFrame, pd.Series]:
    """Parse ``column`` as counts, recording rows where it is unreadable; return the rest and the counts."""
    counts, bad = parse.to_count(frame[column])
    frame = problems.take(
        frame, bad, column=column, reason="expected a whole number of 0 or more, found {value}"
    )
    return frame, counts[~bad.to_numpy()]


def local_times(
    values: pd.Series, *, formats: tuple[str, ...] = _POSTED_FORMATS
) -> tuple[pd.Series, pd.Series]:
    """Parse Pacific-time date-times into UTC (summer time honoured; an ambiguous hour is standard time).

    Examples
    --------
    >>> ts, bad = local_times(pd.Series(["06/04/2014 04:03:05 PM", "02/19/2015 11:45:22 PM"]))
    >>> [str(t) for t in ts]
    ['2014-06-04 23:03:05+00:00', '2015-02-20 07:45:22+00:00']
    """
    stamps, bad = parse.to_timestamp(values, formats=formats)
    naive = stamps.dt.tz_localize(None)
    local = naive.dt.tz_localize(
        TIME_ZONE, ambiguous=np.zeros(len(naive), dtype=bool), nonexistent="shift_forward"
    )
    return local.dt.tz_convert("UTC").astype("datetime64[ns, UTC]"), bad


def posts_from_frame(
    frame: pd.DataFrame,
    *,
    account: str,
    problems: Problems,
    descriptions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The canonical posts of an Insights post table (CSV titles or API keys as column names).

    ``frame`` is a table of strings with ``_line``, without the description row.
    """
    descriptions = descriptions or {}
    columns = {name: _pick(frame, keys, descriptions, _POSTS) for name, keys in POST_COLUMNS.items()}
    posted = _pick(frame, _POSTED, descriptions, _POSTS)
    if posted is None or columns["post_id"] is None:
        raise ExportError("a Facebook Insights post table needs the columns 'Post ID' and 'Posted'")
    published, bad = local_times(frame[posted])
    frame = problems.take(
        frame,
        bad,
        column=posted,
        reason="expected a date and time such as '02/19/2015 11:45:22 PM', found {value}",
    )
    derived = {"published_at": published[~bad.to_numpy()]}
    paid_column = _pick(frame, _PAID_REACH, descriptions, _POSTS)
    if paid_column is not None:
        frame, paid_reach = _counts(frame, paid_column, problems)
        derived["paid"] = (paid_reach > 0).astype("boolean")
    parts = [_pick(frame, keys, descriptions, _POSTS) for keys in _VIDEO_PARTS]
    if columns["video_views"] is None and all(parts):
        views = []
        for part in parts:
            frame, counts = _counts(frame, part, problems)
            views.append(counts)
        derived["video_views"] = views[0].reindex(frame.index) + views[1].reindex(frame.index)
    frame = frame.copy()
    reported = ~parse.is_missing(frame[columns["reach"]]) if columns["reach"] else None
    for name in _BREAKDOWNS:
        column = columns[name]
        if column is not None and reported is not None:
            blank = parse.is_missing(frame[column]) & reported
            frame.loc[blank, column] = "0"
    derived = {k: v.reindex(frame.index) for k, v in derived.items()}
    mapped = {k: v for k, v in columns.items() if v is not None and k not in derived}
    return to_canonical(
        frame,
        "posts",
        columns=mapped,
        problems=problems,
        constants={"platform": PLATFORM, "account": account},
        derived=derived,
    )


def daily_from_frame(
    frame: pd.DataFrame,
    *,
    account: str,
    problems: Problems,
    descriptions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The canonical daily table of an Insights page table (CSV titles or API keys as column names)."""
    descriptions = descriptions or {}
    columns = {name: _pick(frame, keys, descriptions, _PAGE) for name, keys in DAILY_COLUMNS.items()}
    if columns["date"] is None:
        raise ExportError("a Facebook Insights page table needs a 'Date' column")
    return to_canonical(
        frame,
        "daily",
        columns={k: v for k, v in columns.items() if v is not None},
        problems=problems,
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DATE_FORMATS,
    )


def refuse(source: Source, what: str) -> None:
    """Raise the error for an Insights file that carries no posts or daily figures."""
    raise NotATimeSeriesError(
        f"this is a Facebook Insights {what}; it carries no posts or daily figures, so there is"
        " nothing to load (export the Post Level or page-level data instead)",
        path=source.path,
    )


# -- the CSV families --------------------------------------------------------
def _first_line_fields(source: Source) -> tuple[list[str], str]:
    """The header fields and the delimiter, even when the header is longer than the sniffed head."""
    if source.kind != "text":
        return [], ","
    if source.head_lines:
        return source.header_fields(), source.delimiter
    first = source.text().split("\n", 1)[0].rstrip("\r")
    best = (0, ",", [])
    for delimiter in (",", ";", "\t"):
        fields = next(csv.reader([first], delimiter=delimiter), [])
        if len(fields) > best[0]:
            best = (len(fields), delimiter, fields)
    return [f.strip().strip("\ufeff") for f in best[2]], best[1]


def _header_match(source: Source, family: str) -> Match | None:
    fields, delimiter = _first_line_fields(source)
    return match_fields(fields, family, delimiter=delimiter) if fields else None


def _sniff_posts(source: Source) -> bool:
    return _header_match(source, _POSTS) is not None and _header_match(source, _VIDEO) is None


def _sniff_video(source: Source) -> bool:
    return _header_match(source, _VIDEO) is not None


def _sniff_page(source: Source) -> bool:
    if _header_match(source, _PAGE) is not None:
        return True
    fields = set(_first_line_fields(source)[0])
    lifetime_only = {"Date"} < fields and all(f.startswith("Lifetime Likes by") for f in fields - {"Date"})
    return lifetime_only and len(fields) > 2


def _table(source: Source, context: ReadContext) -> tuple[pd.DataFrame, dict[str, str], int]:
    """The data rows (description row removed), the descriptions by column, and the data-row count."""
    _, delimiter = _first_line_fields(source)
    raw, rows = source.counted_table(delimiter=delimiter, problems=context.problems)
    descriptions: dict[str, str] = {}
    if len(raw) and is_description_row(raw.iloc[0]):
        descriptions = {c: str(v) for c, v in raw.iloc[0].items() if c != LINE}
        raw = raw.iloc[1:]
        rows -= 1  # the description row is not data
    if source.encoding in ("cp1252", "latin-1"):
        source.notes.append(f"not UTF-8; read as {source.encoding}")
    return raw, descriptions, rows


def _read_posts(source: Source, context: ReadContext, family: str) -> ReadResult:
    raw, descriptions, rows = _table(source, context)
    notes = ["times are Pacific time (Facebook Insights), converted to UTC"]
    account = resolve_account(source, context, raw, notes)
    posts = posts_from_frame(raw, account=account, problems=context.problems, descriptions=descriptions)
    found = _header_match(source, _VIDEO if family == "facebook-insights-video" else _POSTS)
    return ReadResult({"posts": posts}, data_rows=rows, notes=notes, language=found.language or None)


def _read_page(source: Source, context: ReadContext) -> ReadResult:
    found = _header_match(source, _PAGE)
    if found is None:
        refuse(source, "export of lifetime likes by city/country/age (audience demographics)")
    raw, descriptions, rows = _table(source, context)
    notes = ["dates are Pacific-time days, as Facebook Insights wrote them"]
    account = resolve_account(source, context, raw, notes)
    daily = daily_from_frame(raw, account=account, problems=context.problems, descriptions=descriptions)
    return ReadResult({"daily": daily}, data_rows=rows, notes=notes, language=found.language or None)


register(
    Family(
        name="facebook-insights-posts",
        title="Facebook Page Insights (Post Level CSV)",
        platform=PLATFORM,
        sniff=_sniff_posts,
        read=lambda source, context: _read_posts(source, context, "facebook-insights-posts"),
    )
)
register(
    Family(
        name="facebook-insights-video",
        title="Facebook Page Insights (Video Posts CSV)",
        platform=PLATFORM,
        sniff=_sniff_video,
        read=lambda source, context: _read_posts(source, context, "facebook-insights-video"),
    )
)
register(
    Family(
        name="facebook-insights-page",
        title="Facebook Page Insights (page-level daily CSV)",
        platform=PLATFORM,
        sniff=_sniff_page,
        read=_read_page,
    )
)
