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

Content workbook (family ``linkedin_content``) -> daily and posts
-----------------------------------------------------------------

Both sheets start with a one-cell description row ("Aggregated engagement
metrics for your organic and sponsored posts over time...") above the header;
it is skipped on purpose and not counted as a data row. ``data_rows`` counts
the data rows of both sheets.

Sheet "Metrics", one row per day on which the page's posts were seen -> daily:

============================  ==============  ====================================
export column                 canonical       how
============================  ==============  ====================================
Date                          date            ``MM/DD/YYYY``
Impressions (total)           impressions     organic + sponsored
Unique impressions (organic)  reach           only on days without sponsored
                                              impressions (the export has no
                                              unique count of sponsored ones), else
                                              missing
Reactions (total)             likes           every reaction kind: applause
Comments (total)              comments
Reposts (total)               shares
============================  ==============  ====================================

The daily comments and reposts are also net of what was deleted that day and
can be negative (``-3`` comments on 01/12/2025 in the real export): a negative
figure is left missing for that day, the rest of the row loads, and the notes
name the rows.

Left out: the ``(organic)`` / ``(sponsored)`` parts (the totals carry them);
``Clicks (...)``, for the daily table has no clicks column; ``Engagement rate
(...)`` (a rate, computed by the metrics). ``engagements`` is not in the sheet
and is not made up from its parts: it stays missing, as do ``followers``,
``follows`` (see the followers workbook), ``video_views`` and ``posts``.

Sheet "All posts", one row per post -> posts:

==============  ==============  ===============================================
export column   canonical       how
==============  ==============  ===============================================
Post link       post_id         the ``urn:li:activity:<id>`` in the link (the
                                whole link when it holds no urn)
Created date    published_at    ``MM/DD/YYYY`` at midnight UTC: the export gives
                                no time of day
Post title      text            the post's text
Post type       paid            ``Sponsored`` -> True, ``Organic`` -> False
Content Type    post_type       as written (``Video``); blank stays missing
Impressions     impressions
Views           video_views     video posts only; blank elsewhere, left missing
Clicks          clicks
Likes           likes           LinkedIn counts every reaction here
Comments        comments
Reposts         shares
Follows         follows         blank in organic posts, left missing
==============  ==============  ===============================================

A boosted post is listed three times or more: its ``Organic`` part, a
``Sponsored`` row per campaign, and a ``Total`` row. The Total row is read as
the post (paid); the part rows are its breakdown, neither posts nor data rows.

Left out: ``Campaign name``, ``Campaign start date``, ``Campaign end date``,
``Audience``, ``Posted by`` (the employee who posted, not the page),
``Offsite Views``, ``Click through rate (CTR)`` and ``Engagement rate`` (rates).

Followers workbook (family ``linkedin_followers``) -> daily
-----------------------------------------------------------

Sheet "New followers", one row per day:

=======================  ==========  ==============================================
export column            canonical   how
=======================  ==========  ==============================================
Date                     date        ``MM/DD/YYYY``
Total followers          follows     the NEW followers of the day (sponsored +
                                     organic + auto-invited), not the audience size
=======================  ==========  ==============================================

LinkedIn's new followers are net of the day's unfollows: on 7 of the 365 days
of the real export ``Total followers`` is ``-1``. Those days' ``follows`` are
left missing (a negative number is not a count of follows) and the notes name
their rows; on the other days ``follows`` may slightly understate the gains.

The parts (``Sponsored followers``, ``Organic followers``, ``Auto-invited
followers``) are left out: their sum is ``Total followers``. The workbook holds
no audience size, so ``followers`` stays missing, and no ``unfollows``. The
other sheets (Location, Job function, Seniority, Industry, Company size) are
follower demographics, ignored and said so in the notes.

Visitors workbook (family ``linkedin_visitors``) -> daily
---------------------------------------------------------

Sheet "Visitor metrics", one row per day:

========================  ==============  ========================================
export column             canonical       how
========================  ==============  ========================================
Date                      date            ``MM/DD/YYYY``
Total page views (total)  profile_visits  views of the page (every section,
                                          desktop + mobile): visits, not people
========================  ==============  ========================================

Left out: the per-section (Overview, Life, Jobs) and per-device columns, which
add up to the total, and the unique visitor counts (people, not visits; the
daily table has no column for them). The demographic sheets are ignored.

A workbook that has only demographic sheets (columns ``Location`` ...,
``Total followers`` or ``Total views``) is refused with
:class:`~smanalytics.errors.NotATimeSeriesError`.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io import excel
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Rows, Source

__all__ = ["page_name"]

PLATFORM = "linkedin"
_DATES = ("%m/%d/%Y",)

_METRICS = ("Date", "Impressions (total)", "Reactions (total)", "Comments (total)")
_ALL_POSTS = ("Post title", "Post link", "Created date", "Impressions")
_NEW_FOLLOWERS = ("Date", "Organic followers", "Total followers")
_VISITORS = ("Date", "Total page views (total)", "Total unique visitors (total)")
_DEMOGRAPHICS = ("Location", "Job function", "Seniority", "Industry", "Company size")

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


def _demographics_only(sheets: dict[str, Rows]) -> bool:
    if not sheets:
        return False
    for rows in sheets.values():
        if not rows:
            continue
        header = [c.strip() for c in rows[0][1] if c.strip()]
        if len(header) != 2 or header[0] not in _DEMOGRAPHICS:
            return False
        if header[1] not in ("Total followers", "Total views"):
            return False
    return True


# -- account -----------------------------------------------------------------


def _account(source: Source, context: ReadContext, notes: list[str]) -> str:
    """The page name LinkedIn writes at the start of the file name, else the file stem (reported)."""
    name = page_name(source.path.stem)
    if name:
        return context.name(PLATFORM, name, "username")
    return context.name(PLATFORM, source.path.stem, "file_stem")


# -- readers -----------------------------------------------------------------


def _metrics_daily(table: excel.SheetTable, account: str, problems, notes: list[str]) -> pd.DataFrame:
    from smanalytics.io.parse import to_count

    frame = table.frame()
    columns = {
        "date": "Date",
        "impressions": "Impressions (total)",
        "likes": "Reactions (total)",
        "comments": "Comments (total)",
        "shares": "Reposts (total)",
    }
    if "Unique impressions (organic)" in frame.columns:
        sponsored = frame.get("Impressions (sponsored)")
        if sponsored is None:
            without_ads = pd.Series(False, index=frame.index)
        else:
            counts, bad = to_count(sponsored)
            without_ads = (counts.fillna(-1) == 0) & ~bad
        frame["_reach"] = frame["Unique impressions (organic)"].where(without_ads.to_numpy(), "")
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


def _boosted_totals(frame: pd.DataFrame, post_ids: pd.Series, notes: list[str]) -> pd.DataFrame:
    """One row per post: a boosted post's ``Total`` row, without its ``Organic``/``Sponsored`` parts.

    LinkedIn lists a boosted post three or more times: its organic part, one
    row per campaign that sponsored it, and a ``Total`` row with the sums.
    The Total row is the post (paid, as part of it was sponsored); the part
    rows are its breakdown, not posts of their own.
    """
    kind = frame["Post type"].astype("string").str.strip().str.lower()
    total = (kind == "total").fillna(False).to_numpy(dtype=bool)
    if not total.any():
        return frame
    boosted = set(post_ids[total].dropna())
    parts = post_ids.isin(boosted).to_numpy(dtype=bool) & ~total
    notes.append(
        f"{int(total.sum())} boosted posts are listed with their organic and sponsored parts: each read"
        f" from its Total row (paid), its {int(parts.sum())} part rows being its breakdown"
    )
    out = frame.loc[~parts].copy()
    out.loc[total[~parts], "Post type"] = "Sponsored"
    return out


def _all_posts(table: excel.SheetTable, account: str, problems, notes: list[str]) -> tuple[pd.DataFrame, int]:
    """The posts of the All posts sheet, and how many of its rows are posts (see :func:`_boosted_totals`)."""
    frame = table.frame()
    if "Post type" in frame.columns:
        frame = _boosted_totals(frame, _post_ids(frame["Post link"]), notes)
    derived = {"post_id": _post_ids(frame["Post link"])}
    columns = {
        "published_at": "Created date",
        "text": "Post title",
        "paid": "Post type",
        "post_type": "Content Type",
        "impressions": "Impressions",
        "video_views": "Views",
        "clicks": "Clicks",
        "likes": "Likes",
        "comments": "Comments",
        "shares": "Reposts",
        "follows": "Follows",
    }
    posts = to_canonical(
        frame,
        "posts",
        columns=columns,
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
    metrics = excel.find_table(sheets, _METRICS)
    if metrics is not None:
        tables["daily"] = _metrics_daily(metrics, account, _problems(source, context, metrics.sheet), notes)
        rows += len(metrics.rows)
    posts = excel.find_table(sheets, _ALL_POSTS)
    if posts is not None:
        tables["posts"], post_rows = _all_posts(
            posts, account, _problems(source, context, posts.sheet), notes
        )
        rows += post_rows
        notes.append("posts are dated by their created day at midnight UTC: the export gives no time")
    skipped = sum(t.skipped for t in (metrics, posts) if t is not None)
    if skipped:
        notes.append(f"skipped {skipped} description rows above the headers")
    return ReadResult("linkedin_content", tables, data_rows=rows, notes=notes)


def _read_daily(
    source: Source,
    context: ReadContext,
    *,
    family: str,
    required: tuple[str, ...],
    columns: dict[str, str],
    what: str,
) -> ReadResult:
    sheets = source.sheets
    notes: list[str] = []
    account = _account(source, context, notes)
    table = excel.find_table(sheets, required)
    if table is None:  # the sniffer saw it; only a demographics-only workbook gets here
        raise NotATimeSeriesError(
            f"this LinkedIn {what} workbook holds only demographic breakdowns (sheets "
            f"{', '.join(repr(s) for s in sheets)}); it carries no posts or daily figures",
            path=source.path,
        )
    frame = table.frame()
    daily = to_canonical(
        frame,
        "daily",
        columns=columns,
        problems=_problems(source, context, table.sheet),
        constants={"platform": PLATFORM, "account": account},
        date_formats=_DATES,
    )
    ignored = [name for name in sheets if name != table.sheet]
    if ignored:
        notes.append(f"ignored the demographic sheets {', '.join(repr(s) for s in ignored)}")
    return ReadResult(family, {"daily": daily}, data_rows=len(table.rows), notes=notes)


def _read_followers(source: Source, context: ReadContext) -> ReadResult:
    result = _read_daily(
        source,
        context,
        family="linkedin_followers",
        required=_NEW_FOLLOWERS,
        columns={"date": "Date", "follows": "Total followers"},
        what="followers",
    )
    result.notes.insert(
        0, "follows = 'Total followers', LinkedIn's new followers of each day (net of unfollows)"
    )
    return result


def _read_visitors(source: Source, context: ReadContext) -> ReadResult:
    result = _read_daily(
        source,
        context,
        family="linkedin_visitors",
        required=_VISITORS,
        columns={"date": "Date", "profile_visits": "Total page views (total)"},
        what="visitors",
    )
    result.notes.insert(0, "profile_visits = 'Total page views (total)', views of the page")
    return result


# -- sniffers ----------------------------------------------------------------


def _sheets(source: Source) -> dict[str, Rows] | None:
    """The first rows of every table of ``source`` (enough to find headers), None when it has none."""
    return source.sheet_heads if source.container is not None else None


def _sniff_content(source: Source) -> bool:
    sheets = _sheets(source)
    return bool(sheets) and (
        excel.find_table(sheets, _METRICS) is not None or excel.find_table(sheets, _ALL_POSTS) is not None
    )


def _sniff_followers(source: Source) -> bool:
    sheets = _sheets(source)
    if not sheets:
        return False
    if excel.find_table(sheets, _NEW_FOLLOWERS) is not None:
        return True
    return _demographics_only(sheets) and _demographic_measure(sheets) == "Total followers"


def _sniff_visitors(source: Source) -> bool:
    sheets = _sheets(source)
    if not sheets:
        return False
    if excel.find_table(sheets, _VISITORS) is not None:
        return True
    return _demographics_only(sheets) and _demographic_measure(sheets) == "Total views"


def _demographic_measure(sheets: dict[str, Rows]) -> str | None:
    for rows in sheets.values():
        if rows:
            return rows[0][1][1].strip()
    return None


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
