"""Facebook Insights ``.xls`` workbooks (SpreadsheetML 2003 XML), one worksheet per metric group.

Classic Facebook Insights offered "Excel" downloads that are Excel 2003 XML
workbooks (read by :mod:`smanalytics.io.spreadsheetml` into
:attr:`Source.sheets <smanalytics.io.source.Source.sheets>`). Their first
sheet alone is what the CSV download holds, and the CSV families would read
it; these two families read the whole workbook, joining the breakdown sheets:

``facebook-insights-posts-xls``: the Post Level workbook (7 sheets). Sheet 1,
*Key Metrics*, has one row per post: row 1 the column names (API metric keys
such as ``post_impressions_unique:lifetime`` in older downloads, the CSV titles
such as ``Lifetime Post Total Reach`` in newer ones), row 2 the descriptions,
then the posts. The breakdowns are on their own sheets, keyed by ``Post ID``:
*Lifetime Post Stories by act...* (``share``, ``like``, ``comment``),
*Lifetime Talking About This(...*, *Lifetime Post Consumptions b...*
(``link clicks``); sheet names are cut at 31 characters. These columns are
renamed to the CSV titles (``Lifetime Post Stories by action type - like``)
and joined to sheet 1, so the mapping is exactly that of
:mod:`smanalytics.io.facebook` (see its table, which lists the API keys too):

===================================  =================
export column (API key)              canonical column
===================================  =================
post_impressions_unique:lifetime     reach
post_impressions:lifetime            impressions
post_impressions_paid_unique > 0     paid
post_video_views_organic + _paid     video_views
Stories sheet like/comment/share     likes/comments/shares
Consumptions sheet link clicks       clicks
===================================  =================

``facebook-insights-page-xls``: the page-level workbook (38 sheets). Sheet 1,
*Key Metrics*, has one row per day (``page_fans:lifetime`` -> followers,
``page_fan_adds_unique:day`` -> follows, ...); the other 37 sheets are
breakdowns (like sources, cities, countries, age and gender) and are not read.
A workbook without a daily *Key Metrics* sheet (only demographics) is refused
with :class:`~smanalytics.errors.NotATimeSeriesError`.

Quirks handled
--------------
* Times (``2017-07-22T05:30:00.000``) are Pacific time, as in the CSV exports.
* Line numbers in problems are spreadsheet row numbers of sheet 1.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.errors import ExportError
from smanalytics.io import facebook
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__: list[str] = []

Row = tuple[int, list[str]]

#: Breakdown sheets of the Post Level workbook: sheet-name start -> the CSV title of its columns.
_BREAKDOWN_SHEETS = {
    "Lifetime Post Stories by act": "Lifetime Post Stories by action type",
    "Lifetime Talking About This": "Lifetime Talking About This (Post) by action type",
    "Lifetime Post Consumptions b": "Lifetime Post Consumptions by type",
    "Lifetime Post Consumers by type": "Lifetime Post consumers by type",
}


# -- Facebook Insights workbooks ----------------------------------------------
def _is_workbook(source: Source) -> bool:
    return source.container == "spreadsheetml"


def _sniff_posts(source: Source) -> bool:
    head = source.head_text or ""
    return (
        _is_workbook(source)
        and ">Post ID<" in head
        and ("post_impressions_unique:lifetime" in head or "Lifetime Post Total Reach" in head)
    )


def _sniff_page(source: Source) -> bool:
    head = source.head_text or ""
    return _is_workbook(source) and bool(re.search(r">page_\w+:(lifetime|day|week|days_28)<", head))


def _frame(rows: list[Row], *, skip_first_column: bool = False) -> tuple[pd.DataFrame, dict[str, str]]:
    """A table of strings with ``_line`` from rows: header, description row, data."""
    header = rows[0][1][1:] if skip_first_column else rows[0][1]
    names = _unique([h.strip() for h in header])
    start = 1
    descriptions: dict[str, str] = {}
    if not skip_first_column and len(rows) > 1 and facebook.is_description_row(pd.Series(rows[1][1])):
        descriptions = dict(zip(names, rows[1][1], strict=False))
        start = 2
    body = []
    for number, cells in rows[start:]:
        cells = cells[1:] if skip_first_column else cells
        cells = (cells + [""] * len(names))[: len(names)]
        body.append([c.strip() for c in cells] + [number])
    frame = pd.DataFrame(body, columns=[*names, LINE], dtype=object)
    frame[LINE] = frame[LINE].astype("int64")
    return frame, descriptions


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        out.append(f"{name}.{count}" if count else name)
        seen[name] = count + 1
    return out


def _first_sheet(source: Source, sheets: dict[str, list[Row]]) -> tuple[str, list[Row]]:
    for name, rows in sheets.items():
        if rows:
            return name, rows
    raise ExportError("the workbook has no rows; expected a Key Metrics sheet", path=source.path)


def _read_posts(source: Source, context: ReadContext) -> ReadResult:
    sheets = source.sheets
    _, rows = _first_sheet(source, sheets)
    frame, descriptions = _frame(rows)
    notes = ["times are Pacific time (Facebook Insights), converted to UTC"]
    for sheet, sheet_rows in sheets.items():
        title = next((t for prefix, t in _BREAKDOWN_SHEETS.items() if sheet.startswith(prefix)), None)
        if title is None or len(sheet_rows) < 2:
            continue
        extra, _ = _frame(sheet_rows, skip_first_column=True)
        first_metric = (
            list(extra.columns).index("Audience Targeting") + 1 if "Audience Targeting" in extra else 1
        )
        metrics = [c for c in extra.columns[first_metric:] if c != LINE]
        extra = extra[["Post ID", *metrics]].drop_duplicates("Post ID", keep="last")
        extra = extra.rename(columns={m: f"{title} - {m}" for m in metrics})
        frame = frame.merge(extra, on="Post ID", how="left", validate="many_to_one")
    frame = frame.fillna("")
    account = facebook.resolve_account(source, context, frame, notes)
    posts = facebook.posts_from_frame(
        frame, account=account, problems=context.problems, descriptions=descriptions
    )
    return ReadResult({"posts": posts}, data_rows=len(frame), notes=notes)


def _read_page(source: Source, context: ReadContext) -> ReadResult:
    sheets = source.sheets
    name, rows = _first_sheet(source, sheets)
    frame, descriptions = _frame(rows)
    has = {re.sub(r"\.\d+$", "", c) for c in frame.columns}
    if not {"Date"} <= has or not has & {"page_fans:lifetime", "Lifetime Total Likes"}:
        facebook.refuse(
            source, f"workbook whose first sheet ({name!r}) is a breakdown, not daily key metrics"
        )
    notes = ["dates are Pacific-time days, as Facebook Insights wrote them"]
    account = facebook.resolve_account(source, context, frame, notes)
    daily = facebook.daily_from_frame(
        frame, account=account, problems=context.problems, descriptions=descriptions
    )
    notes.append(f"read sheet {name!r}; the other {len(sheets) - 1} sheets are breakdowns, not loaded")
    return ReadResult({"daily": daily}, data_rows=len(frame), notes=notes)


for _name, _title, _sniff, _read in (
    (
        "facebook-insights-posts-xls",
        "Facebook Page Insights (Post Level .xls, SpreadsheetML)",
        _sniff_posts,
        _read_posts,
    ),
    (
        "facebook-insights-page-xls",
        "Facebook Page Insights (page-level .xls, SpreadsheetML)",
        _sniff_page,
        _read_page,
    ),
):
    register(Family(_name, _title, facebook.PLATFORM, _sniff, _read))
