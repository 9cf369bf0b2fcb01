"""TikTok Studio exports: daily overview, follower history, viewers, and per-video content.

TikTok Studio's analytics download is a set of small CSV files (UTF-8 with BOM,
every field quoted, no final newline). ``undefined``, ``NAN`` and ``--`` mean
"no data" and load as missing. Each file is recognised by its header.

==========================  =======================================  =============================
file (TikTok's name)        export column                            canonical
==========================  =======================================  =============================
Overview.csv (daily)        Date / Video Views / Profile Views /     date / video_views /
                            Likes / Comments / Shares                profile_visits / likes /
                                                                     comments / shares
FollowerHistory.csv         Date / Followers                         date / followers
(daily)                     Difference in followers from previous    (not mapped: a net change,
                            day                                      neither follows nor unfollows)
Viewers.csv (daily)         Date / Total Viewers                     date / reach (unique viewers)
                            New Viewers / Returning Viewers          (not mapped)
Content.csv (posts)         Video link                               post_id (the number after
                                                                     ``/video/``), account (after
                                                                     ``@``)
                            Post time (``July 16``) + the video id   published_at
                            Video title                              text
                            Total likes / Total comments /           likes / comments / shares /
                            Total shares / Total views               video_views
                            Time (the download day)                  (not data: anchors the year)
TIKTOK_RAW (daily, newer    Date (``2025/10/31``) / Video views /    date / video_views / reach /
Studio/Business layout)     Reached audience / Profile views /       profile_visits / likes /
                            Likes / Shares / Comments /              shares / comments / follows /
                            New followers / Lost followers           unfollows
                            Phone number clicks, Leads submission,   (not mapped; net growth is
                            Net growth                               follows - unfollows)
TIKTOK_AUDIENCE_RAW (daily) Date / New followers / Total followers   date / follows / followers /
                            / Reached audience                       reach
                            Engaged audience                         (not mapped: people, not
                                                                     engagements)
TIKTOK_VIDEO_RAW (posts)    Video link / Video title / Post time     post_id, account / text /
                            (``2025/10/31 18:19:10``, UTC) /         published_at / video_views /
                            Video views / Likes / Comments /         likes / comments / shares /
                            Shares / Add to Favorites                saves
==========================  =======================================  =============================

Overview's ``Comments`` is net of deleted comments and can be negative
(``-4``); a negative daily count is left missing on that day (a count cannot
be negative) and the notes give how many days and their sum.

Refused with :class:`~smanalytics.errors.NotATimeSeriesError`: FollowerActivity
(active followers by hour of day), FollowerGender, FollowerTopTerritories and
any other ``<dimension>, Distribution`` table.

Dates without a year
    Studio writes ``February 28`` (or ``8 de marzo`` in Spanish) and no year.
    The rows run consecutively up to the day before the download, so the last
    row anchors the year: it is a date in the file name when there is one
    (``Overview_2026-02-27.csv``), else the latest date on or before today
    with the last row's day and month. Every row then takes the latest year
    that puts it on or before that day, so a 365-day window crossing New Year
    gets both years. The notes give the assumed period and how to fix it.

    A Content row's exact time comes from its video id: TikTok ids carry the
    upload time in Unix seconds in their top 32 bits
    (``7527623000473079054 >> 32`` is 2025-07-16 10:21:48 UTC). It is used when
    it falls within a day of the ``Post time`` day and month (the post time is
    local, the id UTC); otherwise the post time is resolved like the daily
    dates, against the file's download day (``Time`` column), at midnight.

Account
    The daily files do not name the account: the reader reports the file
    name's prefix (``haileytupy_Overview.csv`` -> ``haileytupy``; a locale
    marker like ``_es_`` is dropped), else the folder's name when the file has
    TikTok's default name, else the file stem. Content files give the
    username in the video links (``https://www.tiktok.com/@<account>/video/<id>``),
    reported with the file name's prefix as another name of it; the names are
    matched over the files loaded together by :mod:`smanalytics.io.accounts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.accounts import FILE_NAME_KINDS
from smanalytics.io.dates import resolve_yearless
from smanalytics.io.mapping import pick_column, to_canonical
from smanalytics.io.parse import is_missing
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source

__all__ = ["video_time", "account_from_filename"]

_DEFAULT_NAMES = (
    r"overview|content|viewers|follower ?history|follower ?activity|follower ?gender"
    r"|follower ?top ?territories|tiktok_(?:video_|audience_)?raw"
)
_FILE_NAME = re.compile(
    rf"^(?:(?P<account>.+?)[ _-]+)?(?:[a-z]{{2}}_)?(?P<name>{_DEFAULT_NAMES})(?:\s*\(?\d+\)?)?"
    r"(?:[ _-]+\d{4}-?\d{2}-?\d{2})?$",
    re.IGNORECASE,
)
_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
_VIDEO_ID = r"/video/(\d+)"
_VIDEO_ACCOUNT = r"tiktok\.com/@([^/?#\s]+)"


@dataclass(frozen=True)
class _Layout:
    name: str
    title: str
    required: frozenset[str]
    table: str | None  # None: refused
    columns: dict[str, str] = field(default_factory=dict)
    forbidden: frozenset[str] = frozenset()
    what: str = ""


_LAYOUTS = (
    _Layout(
        "tiktok_business_overview",
        "TikTok Studio/Business: daily overview (TIKTOK_RAW, dates like 2025/10/31)",
        frozenset(
            {"date", "video views", "reached audience", "profile views", "new followers", "lost followers"}
        ),
        "daily",
        {
            "date": "Date",
            "video_views": "Video views",
            "reach": "Reached audience",
            "profile_visits": "Profile views",
            "likes": "Likes",
            "shares": "Shares",
            "comments": "Comments",
            "follows": "New followers",
            "unfollows": "Lost followers",
        },
    ),
    _Layout(
        "tiktok_business_audience",
        "TikTok Studio/Business: daily followers and audience (TIKTOK_AUDIENCE_RAW)",
        frozenset({"date", "new followers", "total followers", "reached audience", "engaged audience"}),
        "daily",
        {
            "date": "Date",
            "follows": "New followers",
            "followers": "Total followers",
            "reach": "Reached audience",
        },
    ),
    _Layout(
        "tiktok_overview",
        "TikTok Studio: daily overview (Overview.csv)",
        frozenset({"date", "video views", "profile views", "likes", "comments", "shares"}),
        "daily",
        {
            "date": "Date",
            "video_views": "Video Views",
            "profile_visits": "Profile Views",
            "likes": "Likes",
            "comments": "Comments",
            "shares": "Shares",
        },
        forbidden=frozenset({"reached audience", "new followers"}),
    ),
    _Layout(
        "tiktok_follower_history",
        "TikTok Studio: daily follower count (FollowerHistory.csv)",
        frozenset({"date", "followers", "difference in followers from previous day"}),
        "daily",
        {"date": "Date", "followers": "Followers"},
    ),
    _Layout(
        "tiktok_viewers",
        "TikTok Studio: daily unique viewers (Viewers.csv)",
        frozenset({"date", "total viewers", "new viewers", "returning viewers"}),
        "daily",
        {"date": "Date", "reach": "Total Viewers"},
    ),
    _Layout(
        "tiktok_content",
        "TikTok Studio: per-video content (Content.csv)",
        frozenset({"video title", "video link", "post time", "total likes", "total comments", "total views"}),
        "posts",
        {
            "text": "Video title",
            "likes": "Total likes",
            "comments": "Total comments",
            "shares": "Total shares",
            "video_views": "Total views",
        },
    ),
    _Layout(
        "tiktok_business_video",
        "TikTok Studio/Business: per-video list (TIKTOK_VIDEO_RAW, Post time 2025/10/31 18:19:10)",
        frozenset({"video title", "video link", "post time", "video views", "likes", "comments", "shares"}),
        "posts",
        {
            "text": "Video title",
            "published_at": "Post time",
            "video_views": "Video views",
            "likes": "Likes",
            "comments": "Comments",
            "shares": "Shares",
            "saves": "Add to Favorites",
        },
    ),
    _Layout(
        "tiktok_follower_activity",
        "TikTok Studio: follower activity by hour (refused)",
        frozenset({"date", "hour", "active followers"}),
        None,
        what="active followers by hour of the day",
    ),
    _Layout(
        "tiktok_distribution",
        "TikTok Studio: follower distribution (gender, territories; refused)",
        frozenset({"distribution"}),
        None,
        what="a distribution of followers",
    ),
)


def _header(source: Source) -> list[str]:
    return [f.lower() for f in source.header_fields(0)] if source.kind == "text" else []


def _sniffer(layout: _Layout):
    def sniff(source: Source) -> bool:
        header = _header(source)
        names = set(header)
        if layout.name == "tiktok_distribution":
            return len(header) == 2 and header[1] == "distribution" and header[0] in _DISTRIBUTIONS
        return layout.required <= names and not (layout.forbidden & names)

    return sniff


_DISTRIBUTIONS = {"gender", "top territories", "age", "territories", "top cities", "language"}


# -- helpers -------------------------------------------------------------------------
def _today() -> pd.Timestamp:
    """Today's date (a function so that tests can fix it)."""
    return pd.Timestamp.today().normalize()


def account_from_filename(path: str | Path) -> tuple[str, str]:
    """The account a TikTok export's file name suggests, and how it was found.

    Examples
    --------
    >>> account_from_filename("exports/francovelardez_es_Overview.csv")
    ('francovelardez', 'the file name prefix')
    >>> account_from_filename("coachmayafit_Overview_2026-10-31.csv")
    ('coachmayafit', 'the file name prefix')
    >>> account_from_filename("clients/cafe/Content 2.csv")
    ('cafe', 'the folder name')
    """
    path = Path(path)
    match = _FILE_NAME.match(path.stem)
    if match is None:
        return path.stem, "the file name"
    if match.group("account"):
        return match.group("account"), "the file name prefix"
    return (path.resolve().parent.name or path.stem), "the folder name"


def video_time(post_ids: pd.Series) -> pd.Series:
    """Upload time (UTC) encoded in TikTok video ids: their top 32 bits are Unix seconds.

    Examples
    --------
    >>> str(video_time(pd.Series(["7527623000473079054"])).iloc[0])
    '2025-07-16 10:21:48+00:00'
    """
    seconds = [
        int(v) >> 32 if isinstance(v, str) and v.isdigit() and len(v) <= 20 else None for v in post_ids
    ]
    stamps = pd.to_datetime(pd.Series(seconds, index=post_ids.index, dtype="Float64"), unit="s", utc=True)
    plausible = (stamps >= pd.Timestamp("2016-01-01", tz="UTC")) & (
        stamps <= pd.Timestamp("2100-01-01", tz="UTC")
    )
    return stamps.where(plausible.fillna(False)).astype("datetime64[ns, UTC]")


def _anchor(source: Source, values: pd.Series, notes: list[str], what: str) -> pd.Timestamp | None:
    """The date of the last dated row: from the file name, else the latest such day up to today."""
    match = _DATE_IN_NAME.search(source.path.name)
    if match:
        day = pd.Timestamp(f"{match.group(1)}-{match.group(2)}-{match.group(3)}")
        notes.append(
            f"year not in the file: {what} taken as ending {day:%Y-%m-%d}, the date in the file name"
        )
        return day
    present = values[~is_missing(values)]
    if present.empty:
        return None
    today = _today()
    last, _, _ = resolve_yearless(present.iloc[[-1]], last_day=today)
    if last.isna().all():
        return None
    day = last.iloc[0]
    notes.append(
        f"year not in the file: assumed {day.year} for the {what}"
        f" ({str(present.iloc[-1]).strip()!r}"
        f" -> {day:%Y-%m-%d}, the latest such day up to {today:%Y-%m-%d}); put the export date in the file"
        " name (e.g. Overview_2026-02-27.csv) to set it"
    )
    return day


def _account(source: Source, context: ReadContext) -> str:
    """The account of a file that does not name it, reported as found from the file's path."""
    account, how = account_from_filename(source.path)
    return context.name("tiktok", account, FILE_NAME_KINDS[how])


def _language_name(code: str) -> str:
    from babel import Locale

    return Locale.parse(code).get_display_name("en")


# -- readers -------------------------------------------------------------------------
def _read_daily(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    raw, data_rows = source.counted_table(problems=context.problems)
    notes: list[str] = []
    account = _account(source, context)
    raw = _blank_negative_counts(raw, layout, notes)
    date_column = pick_column(raw, "Date")
    columns = {k: v for k, v in layout.columns.items() if k != "date"}
    derived = {}
    language = None
    text = raw[date_column].astype("string").str.strip()
    if text.str.contains(r"\d{4}", regex=True).fillna(False).any():
        columns["date"] = date_column
    else:
        last_day = _anchor(source, raw[date_column], notes, "daily rows")
        if last_day is not None:
            dates, bad, language = resolve_yearless(raw[date_column], last_day=last_day)
            raw = context.problems.take(
                raw,
                bad,
                column=date_column,
                reason="expected a day and month like 'February 28' or '8 de marzo', found {value}",
            )
            if language and language != "en":
                notes.append(f"dates are written in {_language_name(language)} ({language})")
            derived["date"] = dates[~bad.to_numpy()]
        else:
            derived["date"] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    daily = to_canonical(
        raw,
        "daily",
        columns=columns,
        problems=context.problems,
        constants={"platform": "tiktok", "account": account},
        derived=derived,
        date_formats=("%Y/%m/%d", "%Y-%m-%d"),
    )
    return ReadResult(layout.name, {"daily": daily}, data_rows=data_rows, notes=notes, language=language)


def _blank_negative_counts(raw: pd.DataFrame, layout: _Layout, notes: list[str]) -> pd.DataFrame:
    """Leave negative daily counts missing: TikTok nets deleted comments against the day."""
    out = raw
    for canonical, name in layout.columns.items():
        column = pick_column(raw, name)
        if canonical == "date" or column is None:
            continue
        negative = raw[column].astype("string").str.strip().str.fullmatch(r"-\d+").fillna(False)
        if negative.any():
            values = raw.loc[negative, column].astype(int)
            out = out.copy() if out is raw else out
            out.loc[negative, column] = ""
            notes.append(
                f"{int(negative.sum())} days have a negative {name} figure (net of deletions,"
                f" {int(values.sum())} in all); {canonical} is left missing on those days"
            )
    return out


def _read_posts(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    raw, data_rows = source.counted_table(problems=context.problems)
    notes: list[str] = []
    link = raw[pick_column(raw, "Video link")].astype("string")
    post_id = link.str.extract(_VIDEO_ID, expand=False).astype("string")
    derived: dict[str, pd.Series] = {
        "post_id": post_id,
        "account": _posts_account(link, source, context, notes),
    }
    language = None
    if layout.name == "tiktok_content":
        derived["published_at"], language = _yearless_post_time(raw, post_id, source, notes)
        notes.append("Time (the download day) is not a data column")
    else:
        notes.append("Post time is taken as UTC (it matches the time in the video ids)")
    posts = to_canonical(
        raw,
        "posts",
        columns=layout.columns,
        problems=context.problems,
        constants={"platform": "tiktok"},
        derived=derived,
        timestamp_formats=("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"),
    )
    return ReadResult(layout.name, {"posts": posts}, data_rows=data_rows, notes=notes, language=language)


def _posts_account(link: pd.Series, source: Source, context: ReadContext, notes: list[str]) -> pd.Series:
    from_link = link.str.extract(_VIDEO_ACCOUNT, expand=False).astype("string")
    if from_link.notna().any():
        main = from_link.mode().iloc[0]
        if from_link.nunique() > 1:
            notes.append(f"videos of several accounts; all counted under {main!r}, the most common")
        account, how = account_from_filename(source.path)
        prefix = account if how == "the file name prefix" else ""
        context.name("tiktok", main, "username", aliases=(prefix,))
        return pd.Series(main, index=link.index, dtype="string")
    return pd.Series(_account(source, context), index=link.index, dtype="string")


def _yearless_post_time(
    raw: pd.DataFrame, post_id: pd.Series, source: Source, notes: list[str]
) -> tuple[pd.Series, str | None]:
    """``Post time`` (``July 16``) as UTC: the video id's time when it agrees, else the resolved day.

    Also returns the language the dates are written in.
    """
    post_time = raw[pick_column(raw, "Post time")]
    downloaded = pick_column(raw, "Time")
    anchor_values = raw[downloaded] if downloaded is not None else post_time
    last_day = _anchor(source, anchor_values, notes, "download day") or _today()
    days, _, language = resolve_yearless(post_time, last_day=last_day)
    from_id = video_time(post_id)
    month_day, _, _ = resolve_yearless(post_time, last_day=pd.Timestamp("2000-12-31"), languages=(language,))
    agree = _within_a_day(from_id.dt.tz_localize(None).dt.normalize(), month_day)
    out = days.dt.tz_localize("UTC").astype("datetime64[ns, UTC]")
    out[agree] = from_id[agree]
    if agree.all() and len(out):
        notes.append("publish times from the video ids (exact, UTC)")
    elif agree.any():
        notes.append(f"{int((~agree).sum())} publish times are days resolved from Post time (at midnight)")
    if language and language != "en":
        notes.append(f"dates are written in {_language_name(language)} ({language})")
    return out, language


def _within_a_day(days: pd.Series, month_day: pd.Series) -> pd.Series:
    """True where ``days`` is within a day of ``month_day``'s day and month, in any year."""
    ok = days.notna() & month_day.notna()
    out = pd.Series(False, index=days.index)
    if not ok.any():
        return out
    same_year = pd.to_datetime(
        {"year": days[ok].dt.year, "month": month_day[ok].dt.month, "day": month_day[ok].dt.day},
        errors="coerce",
    )
    gap = (days[ok] - same_year).dt.days.abs()
    # 31 December against 1 January (either way) is a day apart across New Year
    gap = gap.where(gap < 300, (gap - 365).abs().clip(upper=(gap - 366).abs()))
    out[ok] = (gap <= 1).fillna(False).astype(bool)
    return out


def _refuse(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    header = ", ".join(source.header_fields(0))
    raise NotATimeSeriesError(
        f"a TikTok Studio export of {layout.what} (columns {header}): it carries no posts or daily"
        " figures; load Overview.csv, FollowerHistory.csv, Viewers.csv or Content.csv instead",
        path=source.path,
    )


def _reader(layout: _Layout):
    if layout.table is None:
        return lambda source, context: _refuse(layout, source, context)
    if layout.table == "daily":
        return lambda source, context: _read_daily(layout, source, context)
    return lambda source, context: _read_posts(layout, source, context)


for _layout in _LAYOUTS:
    register(
        Family(
            name=_layout.name,
            title=_layout.title,
            platform="tiktok",
            sniff=_sniffer(_layout),
            read=_reader(_layout),
        )
    )
