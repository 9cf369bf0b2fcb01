"""LinkedIn Page analytics exports (``.xls``, the same layout as ``.xlsx``, or a sheet saved as CSV).

A LinkedIn Page admin downloads three workbooks from the page's analytics,
named ``<page>_content_<timestamp>.xls``, ``<page>_followers_<timestamp>.xls``
and ``<page>_visitors_<timestamp>.xls``. They are real BIFF8 workbooks, read
like any container through :attr:`Source.sheets
<smanalytics.io.source.Source.sheets>` (a CSV is one sheet), and are
recognised by their sheets' header cells, not their names. Dates are text cells ``12/21/2024``
(month first) and in UTC, as the workbooks say; counts are number cells. The
platform is ``linkedin``; the account is the page name LinkedIn writes at the
start of the file name (``shorthills-ai``), else the file's stem (said in the
notes), unless ``load(..., account=...)`` gives one (see
:mod:`smanalytics.io.accounts`).

The header names of every sheet are rows of the layout tables
``smanalytics/io/layouts/linkedin_{metrics,posts,followers,visitors,
demographics}.csv`` (one row per layout generation and interface language),
so a sheet is found by its header in any language the tables have; the maps
below go from their keys to canonical columns.

Content workbook (family ``linkedin_content``) -> daily and posts
-----------------------------------------------------------------

Both sheets start with a one-cell description row ("Aggregated engagement
metrics for your organic and sponsored posts over time...") above the header;
it is skipped and not counted as a data row. ``data_rows`` counts the data
rows of both sheets.

Sheet "Metrics", one row per day on which the page's posts were seen -> daily
(:data:`METRICS_COLUMNS`): ``Date`` (``MM/DD/YYYY``), the ``(total)``
impressions, reactions (every kind: applause), comments and reposts.
``Unique impressions (organic)`` is the reach only on days without sponsored
impressions (the export has no unique count of sponsored ones), else missing.
The daily comments and reposts are net of what was deleted that day and can
be negative (``-3`` comments on 01/12/2025 in the real export): such a figure
is left missing with a note, the rest of the row loads. Left out: the
``(organic)`` / ``(sponsored)`` parts (the totals carry them), ``Clicks``
(the daily table has no clicks column) and ``Engagement rate`` (a rate).
``engagements``, ``followers``, ``follows`` (see the followers workbook),
``video_views`` and ``posts`` stay missing.

Sheet "All posts", one row per post -> posts (:data:`POST_COLUMNS`): the
``urn:li:activity:<id>`` in ``Post link`` is the post id (the whole link when
it holds no urn); ``Created date`` is ``published_at`` at midnight UTC (the
export gives no time of day); ``Post type`` ``Sponsored`` makes it paid;
``Content Type`` (``Video``) is the post type; ``Views`` are video views
(video posts only); ``Likes`` count every reaction; ``Follows`` is blank in
organic posts, left missing. A boosted post is listed three times or more:
its ``Organic`` part, a ``Sponsored`` row per campaign, and a ``Total`` row.
The Total row is read as the post (paid); the part rows are its breakdown,
neither posts nor data rows. Left out: the campaign's name, dates and
audience, ``Posted by`` (the employee, not the page), ``Offsite Views`` and
the rates.

Followers workbook (family ``linkedin_followers``) -> daily
-----------------------------------------------------------

Sheet "New followers", one row per day: ``Total followers`` is ``follows``,
the NEW followers of the day (sponsored + organic + auto-invited, the parts
left out), not the audience size. They are net of the day's unfollows: on 7
of the 365 days of the real export it is ``-1``; those days' ``follows`` are
left missing with a note. The workbook holds no audience size and no
unfollows. Its other sheets are follower demographics, ignored (noted).

Visitors workbook (family ``linkedin_visitors``) -> daily
---------------------------------------------------------

Sheet "Visitor metrics", one row per day: ``Total page views (total)`` is
``profile_visits`` (views of the page, every section and device: visits, not
people). The per-section and per-device columns add up to it; unique visitor
counts (people) have no daily column. The demographic sheets are ignored.

A workbook that has only demographic sheets (a dimension such as
``Location`` and ``Total followers`` or ``Total views``) is refused with
:class:`~smanalytics.errors.NotATimeSeriesError`.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io import excel
from smanalytics.io.layout import KeyedTable, layout, match_sheet, normalise_name
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Rows, Source

__all__ = ["page_name", "METRICS_COLUMNS", "POST_COLUMNS"]

PLATFORM = "linkedin"
_DATES = ("%m/%d/%Y",)

#: The layout tables (``smanalytics/io/layouts/<name>.csv``) of the sheets.
_METRICS, _POSTS = "linkedin_metrics", "linkedin_posts"
_FOLLOWERS, _VISITORS = "linkedin_followers", "linkedin_visitors"

#: Canonical daily column -> key of ``layouts/linkedin_metrics.csv`` (reach: see the module's docstring).
METRICS_COLUMNS = {
    "date": "date",
    "impressions": "impressions_total",
    "likes": "reactions_total",
    "comments": "comments_total",
    "shares": "reposts_total",
}
#: Canonical posts column -> key of ``layouts/linkedin_posts.csv`` (post_id: from ``post_link``).
POST_COLUMNS = {
    "published_at": "created_date",
    "text": "post_title",
    "paid": "post_type",
    "post_type": "content_type",
    "impressions": "impressions",
    "video_views": "views",
    "clicks": "clicks",
    "likes": "likes",
    "comments": "comments",
    "shares": "reposts",
    "follows": "follows",
}
_DIMENSIONS = {"location", "job_function", "seniority", "industry", "company_size"}

_FILE_NAME = re.compile(r"^(?P<page>.+?)_(?:content|followers|visitors|updates)_\d{9,}", re.IGNORECASE)
_URN = re.compile(r"urn:li:[A-Za-z]+:\d+")


def page_name(path_stem: str) -> str | None:
    """The page name at the start of a LinkedIn export's file name, or None.

    Examples
    --------
    >>> page_name("shorthills-ai_content_1766385907708 1")
    'shorthills-ai'
    >>> page_name("export") is None
    True
    """
    match = _FILE_NAME.match(path_stem)
    return match.group("page") if match else None


# -- finding the tables in a workbook ---------------------------------------


def _problems(source: Source, context: ReadContext, sheet: str):
    """Where a table's problems go: the file's, naming the sheet when the file is a workbook."""
    if source.container == "csv":
        return context.problems
    return excel.SheetProblems(context.problems, sheet)


def _demographic_measure(cells: list[str]) -> str | None:
    """``total_followers`` or ``total_views`` for a demographic header (``Location``, ``Total views``)."""
    names = layout("linkedin_demographics").names
    keys = [{k for k, _, _ in names.get(normalise_name(c), ())} for c in cells if c.strip()]
    if len(keys) != 2 or not keys[0] & _DIMENSIONS:
        return None
    measure = keys[1] & {"total_followers", "total_views"}
    return measure.pop() if measure else None


def _demographics_only(sheets: dict[str, Rows], measure: str) -> bool:
    """True when every sheet breaks ``measure`` (``total_followers``, ``total_views``) down."""
    headers = [rows[0][1] for rows in sheets.values() if rows]
    return bool(headers) and all(_demographic_measure(h) == measure for h in headers)


# -- account -----------------------------------------------------------------


def _account(source: Source, context: ReadContext, notes: list[str]) -> str:
    """The page name LinkedIn writes at the start of the file name, else the file stem (reported)."""
    name = page_name(source.path.stem)
    if name:
        return context.name(PLATFORM, name, "username")
    return context.name(PLATFORM, source.path.stem, "file_stem")


# -- readers -----------------------------------------------------------------


def _metrics_daily(table: KeyedTable, account: str, problems, notes: list[str]) -> pd.DataFrame:
    from smanalytics.io.parse import to_count

    frame = table.frame
    columns = table.select(METRICS_COLUMNS)
    if "unique_impressions_organic" in table:
        if "impressions_sponsored" not in table:
            without_ads = pd.Series(False, index=frame.index)
        else:
            counts, bad = to_count(table["impressions_sponsored"])
            without_ads = (counts.fillna(-1) == 0) & ~bad
        frame["_reach"] = table["unique_impressions_organic"].where(without_ads.to_numpy(), "")
        columns["reach"] = "_reach"
        with_ads = int((~without_ads).sum())
        if with_ads:
            notes.append(
                f"reach left missing on {with_ads} days with sponsored impressions: the export counts"
                " unique impressions of organic posts only"
            )
    return to_canonical(
        frame,
        "daily",
        columns=columns,
        problems=problems,
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DATES,
    )


def _post_ids(links: pd.Series) -> pd.Series:
    text = links.astype("string").str.strip()
    urn = text.str.extract(f"({_URN.pattern})", expand=False)
    out = urn.fillna(text)
    return out.mask(out.fillna("") == "")


def _boosted_totals(frame: pd.DataFrame, kind: str, post_ids: pd.Series, notes: list[str]) -> pd.DataFrame:
    """One row per post: a boosted post's ``Total`` row, without its ``Organic``/``Sponsored`` parts.

    LinkedIn lists a boosted post three or more times: its organic part, one
    row per campaign that sponsored it, and a ``Total`` row with the sums.
    The Total row is the post (paid, as part of it was sponsored); the part
    rows are its breakdown, not posts of their own.
    """
    kinds = frame[kind].astype("string").str.strip().str.lower()
    total = (kinds == "total").fillna(False).to_numpy(dtype=bool)
    if not total.any():
        return frame
    boosted = set(post_ids[total].dropna())
    parts = post_ids.isin(boosted).to_numpy(dtype=bool) & ~total
    notes.append(
        f"{int(total.sum())} boosted posts are listed with their organic and sponsored parts: each read"
        f" from its Total row (paid), its {int(parts.sum())} part rows being its breakdown"
    )
    out = frame.loc[~parts].copy()
    out.loc[total[~parts], kind] = "Sponsored"
    return out


def _all_posts(table: KeyedTable, account: str, problems, notes: list[str]) -> tuple[pd.DataFrame, int]:
    """The posts of the All posts sheet, and how many of its rows are posts (see :func:`_boosted_totals`)."""
    frame, link = table.frame, table.columns["post_link"]
    if "post_type" in table:
        frame = _boosted_totals(frame, table.columns["post_type"], _post_ids(frame[link]), notes)
    derived = {"post_id": _post_ids(frame[link])}
    posts = to_canonical(
        frame,
        "posts",
        columns=table.select(POST_COLUMNS),
        problems=problems,
        constants={"platform": PLATFORM, "account": account},
        derived=derived,
        timestamp_formats=_DATES,
    )
    return posts, len(frame)


def _read_content(source: Source, context: ReadContext) -> ReadResult:
    sheets = source.sheets
    notes: list[str] = []
    account = _account(source, context, notes)
    tables: dict[str, pd.DataFrame] = {}
    rows = 0
    metrics = match_sheet(sheets, _METRICS)
    if metrics is not None:
        problems = _problems(source, context, metrics.sheet)
        tables["daily"] = _metrics_daily(metrics.table, account, problems, notes)
        rows += metrics.table.data_rows
    posts = match_sheet(sheets, _POSTS)
    if posts is not None:
        problems = _problems(source, context, posts.sheet)
        tables["posts"], post_rows = _all_posts(posts.table, account, problems, notes)
        rows += post_rows
        notes.append("posts are dated by their created day at midnight UTC: the export gives no time")
    found = [m for m in (metrics, posts) if m is not None]
    skipped = sum(m.skipped for m in found)
    if skipped:
        notes.append(f"skipped {skipped} description rows above the headers")
    language = found[0].found.language if found else None
    return ReadResult(tables, data_rows=rows, notes=notes, language=language)


def _read_daily(
    source: Source, context: ReadContext, family: str, columns: dict[str, str]
) -> tuple[ReadResult, dict[str, str]]:
    sheets = source.sheets
    notes: list[str] = []
    account = _account(source, context, notes)
    found = match_sheet(sheets, family)
    if found is None:  # the sniffer saw it; only a demographics-only workbook gets here
        what = family.removeprefix("linkedin_")
        raise NotATimeSeriesError(
            f"this LinkedIn {what} workbook holds only demographic breakdowns (sheets "
            f"{', '.join(repr(s) for s in sheets)}); it carries no posts or daily figures",
            path=source.path,
        )
    table = found.table
    daily = to_canonical(
        table.frame,
        "daily",
        columns=table.select(columns),
        problems=_problems(source, context, found.sheet),
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DATES,
    )
    ignored = [name for name in sheets if name != found.sheet]
    if ignored:
        notes.append(f"ignored the demographic sheets {', '.join(repr(s) for s in ignored)}")
    named = {key: table.columns[key] for key in columns.values() if key in table and key != "date"}
    return ReadResult(
        {"daily": daily}, data_rows=table.data_rows, notes=notes, language=found.found.language
    ), named


def _read_followers(source: Source, context: ReadContext) -> ReadResult:
    result, named = _read_daily(source, context, _FOLLOWERS, {"date": "date", "follows": "total_followers"})
    column = named.get("total_followers", "Total followers")
    result.notes.insert(0, f"follows = {column!r}, LinkedIn's new followers of each day (net of unfollows)")
    return result


def _read_visitors(source: Source, context: ReadContext) -> ReadResult:
    columns = {"date": "date", "profile_visits": "total_page_views_total"}
    result, named = _read_daily(source, context, _VISITORS, columns)
    column = named.get("total_page_views_total", "Total page views (total)")
    result.notes.insert(0, f"profile_visits = {column!r}, views of the page")
    return result


# -- sniffers ----------------------------------------------------------------


def _sheets(source: Source) -> dict[str, Rows] | None:
    """The first rows of every table of ``source`` (enough to find headers), None when it has none."""
    return source.sheet_heads if source.container is not None else None


def _sniff_content(source: Source) -> bool:
    sheets = _sheets(source)
    return bool(sheets) and any(match_sheet(sheets, family) is not None for family in (_METRICS, _POSTS))


def _sniff_followers(source: Source) -> bool:
    sheets = _sheets(source)
    return bool(sheets) and (
        match_sheet(sheets, _FOLLOWERS) is not None or _demographics_only(sheets, "total_followers")
    )


def _sniff_visitors(source: Source) -> bool:
    sheets = _sheets(source)
    return bool(sheets) and (
        match_sheet(sheets, _VISITORS) is not None or _demographics_only(sheets, "total_views")
    )


register(
    Family(
        name="linkedin_content",
        title="LinkedIn Page analytics: content workbook (daily Metrics and All posts)",
        platform=PLATFORM,
        sniff=_sniff_content,
        read=_read_content,
    )
)
register(
    Family(
        name="linkedin_followers",
        title="LinkedIn Page analytics: followers workbook (new followers per day)",
        platform=PLATFORM,
        sniff=_sniff_followers,
        read=_read_followers,
    )
)
register(
    Family(
        name="linkedin_visitors",
        title="LinkedIn Page analytics: visitors workbook (page views per day)",
        platform=PLATFORM,
        sniff=_sniff_visitors,
        read=_read_visitors,
    )
)
