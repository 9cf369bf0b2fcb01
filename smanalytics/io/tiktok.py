"""TikTok Studio exports: daily overview, follower history, viewers, and per-video content.

TikTok Studio's analytics download is a set of small CSV files (UTF-8 with BOM,
every field quoted, no final newline). ``undefined``, ``NAN`` and ``--`` mean
"no data" and load as missing. Each file is recognised by its layout
(``smanalytics/io/layouts/tiktok_*.csv`` and ``families.toml``): by its
header's names, else by column count and values (yearless days, video links,
counts), since Studio keeps its headers in English for every interface
language seen but may not always.

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
be negative) and the notes say how many and on which lines
(:func:`smanalytics.io.mapping.to_canonical`).

Refused with :class:`~smanalytics.errors.NotATimeSeriesError`: FollowerActivity
(active followers by hour of day), FollowerGender, FollowerTopTerritories and
any other ``<dimension>, Distribution`` table.

Dates without a year and video ids
    Studio writes its days in the interface language without a year;
    :mod:`smanalytics.io.tiktok_dates` gives them their year (from the file
    name's date, else the latest such day up to ``ReadContext.today``, the
    ``today=`` of :func:`~smanalytics.io.read_file`) and Content rows their
    exact time from the video ids. ``sources.language`` is the dates'
    language.

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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.accounts import FILE_NAME_KINDS
from smanalytics.io.dates import resolve_yearless
from smanalytics.io.layout import keyed_table, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source
from smanalytics.io.tiktok_dates import anchor_day, language_note, post_times, video_time

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
_VIDEO_ID = r"/video/(\d+)"
_VIDEO_ACCOUNT = r"tiktok\.com/@([^/?#\s]+)"
_DISTRIBUTIONS = {"gender", "top territories", "age", "territories", "top cities", "language"}


@dataclass(frozen=True)
class _Layout:
    """A TikTok file: its family (and layout table), what it gives, and its columns' keys."""

    name: str
    title: str
    table: str | None  # None: refused
    columns: dict[str, str]  # canonical -> layout key
    what: str = ""


_LAYOUTS = (
    _Layout(
        "tiktok_business_overview",
        "TikTok Studio/Business: daily overview (TIKTOK_RAW, dates like 2025/10/31)",
        "daily",
        {
            "date": "date",
            "video_views": "video_views",
            "reach": "reached_audience",
            "profile_visits": "profile_views",
            "likes": "likes",
            "shares": "shares",
            "comments": "comments",
            "follows": "new_followers",
            "unfollows": "lost_followers",
        },
    ),
    _Layout(
        "tiktok_business_audience",
        "TikTok Studio/Business: daily followers and audience (TIKTOK_AUDIENCE_RAW)",
        "daily",
        {
            "date": "date",
            "follows": "new_followers",
            "followers": "total_followers",
            "reach": "reached_audience",
        },
    ),
    _Layout(
        "tiktok_overview",
        "TikTok Studio: daily overview (Overview.csv)",
        "daily",
        {
            "date": "date",
            "video_views": "video_views",
            "profile_visits": "profile_views",
            "likes": "likes",
            "comments": "comments",
            "shares": "shares",
        },
    ),
    _Layout(
        "tiktok_follower_history",
        "TikTok Studio: daily follower count (FollowerHistory.csv)",
        "daily",
        {"date": "date", "followers": "followers"},
    ),
    _Layout(
        "tiktok_viewers",
        "TikTok Studio: daily unique viewers (Viewers.csv)",
        "daily",
        {"date": "date", "reach": "total_viewers"},
    ),
    _Layout(
        "tiktok_content",
        "TikTok Studio: per-video content (Content.csv)",
        "posts",
        {
            "text": "video_title",
            "likes": "total_likes",
            "comments": "total_comments",
            "shares": "total_shares",
            "video_views": "total_views",
        },
    ),
    _Layout(
        "tiktok_business_video",
        "TikTok Studio/Business: per-video list (TIKTOK_VIDEO_RAW, Post time 2025/10/31 18:19:10)",
        "posts",
        {
            "text": "video_title",
            "published_at": "post_time",
            "video_views": "video_views",
            "likes": "likes",
            "comments": "comments",
            "shares": "shares",
            "saves": "add_to_favorites",
        },
    ),
    _Layout(
        "tiktok_follower_activity",
        "TikTok Studio: follower activity by hour (refused)",
        None,
        {},
        what="active followers by hour of the day",
    ),
    _Layout(
        "tiktok_distribution",
        "TikTok Studio: follower distribution (gender, territories; refused)",
        None,
        {},
        what="a distribution of followers",
    ),
)


def _sniffer(layout: _Layout):
    if layout.name == "tiktok_distribution":

        def sniff(source: Source) -> bool:
            header = [f.lower() for f in source.header_fields(0)] if source.kind == "text" else []
            return len(header) == 2 and header[1] == "distribution" and header[0] in _DISTRIBUTIONS

        return sniff
    return lambda source: match(source, layout.name) is not None


# -- helpers -------------------------------------------------------------------------
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


def _account(source: Source, context: ReadContext) -> str:
    """The account of a file that does not name it, reported as found from the file's path."""
    account, how = account_from_filename(source.path)
    return context.name("tiktok", account, FILE_NAME_KINDS[how])


# -- readers -------------------------------------------------------------------------
def _read_daily(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    found = match(source, layout.name)
    table = keyed_table(source, found, problems=context.problems)
    notes = [found.note()] if found.by == "position" else []
    account = _account(source, context)
    raw = table.frame
    date_column = table.columns["date"]
    columns = {k: v for k, v in table.select(layout.columns).items() if k != "date"}
    derived = {}
    language = None
    text = raw[date_column].astype("string").str.strip()
    if text.str.contains(r"\d{4}", regex=True).fillna(False).any():
        columns["date"] = date_column
    else:
        last_day = anchor_day(source.path, raw[date_column], notes, "daily rows", today=context.today)
        if last_day is not None:
            dates, bad, language = resolve_yearless(raw[date_column], last_day=last_day)
            raw = context.problems.take(
                raw,
                bad,
                column=date_column,
                reason="expected a day and month like 'February 28' or '8 de marzo', found {value}",
            )
            language_note(language, notes)
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
    return ReadResult({"daily": daily}, data_rows=table.data_rows, notes=notes, language=language)


def _read_posts(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    found = match(source, layout.name)
    table = keyed_table(source, found, problems=context.problems)
    raw = table.frame
    notes = [found.note()] if found.by == "position" else []
    link = table["video_link"].astype("string")
    post_id = link.str.extract(_VIDEO_ID, expand=False).astype("string")
    derived: dict[str, pd.Series] = {
        "post_id": post_id,
        "account": _posts_account(link, source, context, notes),
    }
    language = None
    if layout.name == "tiktok_content":
        downloaded = table["time"] if "time" in table else None
        derived["published_at"], language = post_times(
            table["post_time"], downloaded, post_id, source.path, notes, today=context.today
        )
        notes.append("Time (the download day) is not a data column")
    else:
        notes.append("Post time is taken as UTC (it matches the time in the video ids)")
    posts = to_canonical(
        raw,
        "posts",
        columns=table.select(layout.columns),
        problems=context.problems,
        constants={"platform": "tiktok"},
        derived=derived,
        timestamp_formats=("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"),
    )
    return ReadResult({"posts": posts}, data_rows=table.data_rows, notes=notes, language=language)


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


def _refuse(layout: _Layout, source: Source, context: ReadContext) -> ReadResult:
    header = ", ".join(source.header_fields(0))
    raise NotATimeSeriesError(
        f"a TikTok Studio export of {layout.what} (columns {header}): it carries no posts or daily"
        " figures (those are in the Overview, FollowerHistory, Viewers and Content files)",
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
