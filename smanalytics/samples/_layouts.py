"""Writing simulated accounts in the platforms' own export layouts, quirks included.

Each writer copies the header line, encoding, quoting, line endings and row
order of a real export in ``../shared/real-exports`` (see its SOURCES.md):

=====================  ==========================================================
X account overview     ``account_overview_analytics.csv``: UTF-8, no BOM, LF,
                       minimal quoting, dates ``"Fri, Mar 21, 2025"``, newest
                       first, no trailing newline
X content (2026)       ``account_analytics_content_<from>_<to>.csv``: the 2026
                       header (``Post Link``, ``Detail Expands``...), dates
                       ``"Sat, Aug 15, 2026"``, newest first, no trailing newline
Meta content           ``<Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>.csv``: UTF-8 with BOM,
                       LF, a field is quoted when it holds a space, comma, quote
                       or newline, ``Date`` = ``Lifetime``, publish time
                       ``MM/DD/YYYY HH:MM``, trailing newline
Meta daily metric      ``Follows.csv``, ``Visits.csv``...: UTF-16LE with BOM,
                       ``sep=,`` line, a title line, ``"Date","Primary"``,
                       every value quoted, the hour of the timestamp is T01 in
                       winter and T00 in summer, ends with a blank line
TikTok Studio          ``Overview.csv``, ``Content.csv``, ``FollowerHistory.csv``:
                       UTF-8 with BOM, every field quoted, dates without a year
                       (``February 28``), no trailing newline
=====================  ==========================================================

Dates are written with the English names below, never through ``strftime``,
so the output does not depend on the machine's locale.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
from pathlib import Path

import pandas as pd

__all__ = [
    "x_date",
    "write_x_overview",
    "write_x_content",
    "write_meta_facebook_content",
    "write_meta_instagram_content",
    "write_meta_daily",
    "write_tiktok_overview",
    "write_tiktok_content",
    "write_tiktok_follower_history",
    "write_plain_csv",
]

# fmt: off
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

X_OVERVIEW_HEADER = (
    "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,Replies,Reposts,"
    "Profile visits,Create Post,Video views,Media views"
).split(",")
X_CONTENT_HEADER = (
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,"
    "Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks"
).split(",")
META_FACEBOOK_HEADER = [
    "Post ID", "Page ID", "Page name", "Title", "Description", "Duration (sec)", "Publish time",
    "Caption type", "Permalink", "Is crosspost", "Is share", "Post type", "Languages", "Custom labels",
    "Funded content status", "Data comment", "Date", "Views", "Reach", "Reactions, Comments and Shares",
    "Reactions", "Comments", "Shares", "Total clicks", "Link Clicks", "Other Clicks",
    "Matched Audience Targeting Consumption (Photo Click)", "Seconds viewed", "Average Seconds viewed",
    "Estimated earnings (USD)", "Ad impressions",
]
#: The two column orders Meta has used for Instagram content exports.
META_INSTAGRAM_HEADERS = {
    "follows-before-comments": [
        "Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
        "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
        "Shares", "Follows", "Comments", "Saves",
    ],
    "follows-last": [
        "Post ID", "Account ID", "Account username", "Account name", "Description", "Duration (sec)",
        "Publish time", "Permalink", "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
        "Shares", "Comments", "Saves", "Follows",
    ],
}
TIKTOK_OVERVIEW_HEADER = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
TIKTOK_CONTENT_HEADER = [
    "Time", "Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares",
    "Total views",
]
TIKTOK_FOLLOWER_HEADER = ["Date", "Followers", "Difference in followers from previous day"]
# fmt: on


def x_date(day: pd.Timestamp) -> str:
    """A date as X writes it.

    Examples
    --------
    >>> x_date(pd.Timestamp("2025-03-21"))
    'Fri, Mar 21, 2025'
    """
    return f"{WEEKDAYS[day.day_of_week]}, {MONTHS[day.month - 1][:3]} {day.day}, {day.year}"


def _meta_stamp(day: pd.Timestamp) -> str:
    # Meta writes local midnight converted to the viewer's zone: T01 in winter, T00 in summer.
    summer = _in_european_summer_time(day)
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T{0 if summer else 1:02d}:00:00"


@functools.cache
def _summer_time(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    def last_sunday(month: int) -> pd.Timestamp:
        last = pd.Timestamp(year=year, month=month, day=31)
        return last - pd.Timedelta(days=(last.day_of_week + 1) % 7)

    return last_sunday(3), last_sunday(10)


def _in_european_summer_time(day: pd.Timestamp) -> bool:
    """True between the last Sundays of March and October (Europe's summer time).

    Examples
    --------
    >>> [_in_european_summer_time(pd.Timestamp(d)) for d in ("2026-03-28", "2026-03-29", "2026-10-25")]
    [False, True, False]
    """
    start, end = _summer_time(day.year)
    return start <= day < end


def _month_day(day: pd.Timestamp) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def _meta_time(stamp: pd.Timestamp) -> str:
    return f"{stamp.month:02d}/{stamp.day:02d}/{stamp.year:04d} {stamp.hour:02d}:{stamp.minute:02d}"


def _minimal(rows: list[list[str]], *, trailing_newline: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    text = buffer.getvalue()
    return text if trailing_newline else text[:-1]


def _quote_all(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return buffer.getvalue()[:-1]


def _meta_field(value: str) -> str:
    if any(ch in value for ch in ' ,"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _meta_lines(rows: list[list[str]]) -> str:
    return "".join(",".join(_meta_field(v) for v in row) + "\n" for row in rows)


def _write(path: Path, text: str, *, encoding: str = "utf-8", bom: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bom + text.encode(encoding))
    return path


def _n(value) -> str:
    return str(int(value))


def write_x_overview(path: Path, daily: pd.DataFrame) -> Path:
    """Write an X ``account_overview_analytics.csv`` (daily rows, newest first).

    ``daily`` needs ``date, impressions, likes, engagements, saves, dm_shares,
    follows, unfollows, comments, shares, profile_visits, posts, video_views,
    media_views``.
    """
    rows = [X_OVERVIEW_HEADER]
    for r in daily.sort_values("date", ascending=False).itertuples(index=False):
        rows.append(
            [
                x_date(r.date),
                _n(r.impressions),
                _n(r.likes),
                _n(r.engagements),
                _n(r.saves),
                _n(r.dm_shares),
                _n(r.follows),
                _n(r.unfollows),
                _n(r.comments),
                _n(r.shares),
                _n(r.profile_visits),
                _n(r.posts),
                _n(r.video_views),
                _n(r.media_views),
            ]
        )
    return _write(path, _minimal(rows, trailing_newline=False))


def write_x_content(path: Path, posts: pd.DataFrame, *, handle: str) -> Path:
    """Write an X ``account_analytics_content_*.csv`` in the 2026 header generation."""
    rows = [X_CONTENT_HEADER]
    ordered = posts.sort_values("published_at", ascending=False, kind="stable")
    for r in ordered.itertuples(index=False):
        link = f"https://x.com/{handle}/status/{r.post_id}"
        rows.append(
            [
                r.post_id,
                x_date(r.published_at.normalize()),
                r.text,
                link,
                _n(r.impressions),
                _n(r.likes),
                _n(r.engagements),
                _n(r.saves),
                _n(r.dm_shares),
                _n(r.follows),
                _n(r.comments),
                _n(r.shares),
                _n(r.profile_visits),
                _n(r.detail_expands),
                _n(r.clicks),
                _n(r.hashtag_clicks),
                _n(r.permalink_clicks),
            ]
        )
    return _write(path, _minimal(rows, trailing_newline=False))


def write_meta_facebook_content(
    path: Path, posts: pd.DataFrame, *, page_id: str, page_name: str, handle: str
) -> Path:
    """Write a Meta Business Suite Facebook content export (oldest first)."""
    rows = [META_FACEBOOK_HEADER]
    for r in posts.sort_values("published_at", kind="stable").itertuples(index=False):
        video = r.post_type == "video"
        rcs = r.likes + r.comments + r.shares
        rows.append(
            [
                r.post_id,
                page_id,
                page_name,
                r.text,
                "",
                _n(r.duration),
                _meta_time(r.published_at),
                "N/A",
                f"https://www.facebook.com/{handle}/{'videos' if video else 'posts'}/{r.post_id}",
                "0",
                "0",
                "Videos" if video else "Photos",
                "",
                "",
                "",
                "",
                "Lifetime",
                _n(r.impressions),
                _n(r.reach),
                _n(rcs),
                _n(r.likes),
                _n(r.comments),
                _n(r.shares),
                _n(r.clicks),
                _n(r.link_clicks),
                _n(r.clicks - r.link_clicks),
                "",
                _n(r.seconds_viewed) if video else "",
                _n(r.seconds_viewed // max(r.video_views, 1)) if video else "",
                "",
                "",
            ]
        )
    return _write(path, _meta_lines(rows), bom=codecs.BOM_UTF8)


def _ig_path(kind: str) -> str:
    return "reel" if kind == "reel" else "p"


def write_meta_instagram_content(
    path: Path,
    posts: pd.DataFrame,
    *,
    account_id: str,
    username: str,
    name: str,
    order: str = "follows-before-comments",
) -> Path:
    """Write a Meta Business Suite Instagram content export (oldest first)."""
    header = META_INSTAGRAM_HEADERS[order]
    rows = [header]
    kinds = {"reel": "IG reel", "photo": "IG image", "carousel": "IG carousel"}
    for r in posts.sort_values("published_at", kind="stable").itertuples(index=False):
        values = {
            "Post ID": r.post_id,
            "Account ID": account_id,
            "Account username": username,
            "Account name": name,
            "Description": r.text,
            "Duration (sec)": _n(r.duration),
            "Publish time": _meta_time(r.published_at),
            "Permalink": f"https://www.instagram.com/{_ig_path(r.post_type)}/{r.shortcode}/",
            "Post type": kinds[r.post_type],
            "Data comment": "",
            "Date": "Lifetime",
            "Views": _n(r.impressions),
            "Reach": _n(r.reach),
            "Likes": _n(r.likes),
            "Shares": _n(r.shares),
            "Follows": _n(r.follows),
            "Comments": _n(r.comments),
            "Saves": _n(r.saves),
        }
        rows.append([values[h] for h in header])
    return _write(path, _meta_lines(rows), bom=codecs.BOM_UTF8)


def write_meta_daily(path: Path, blocks: list[tuple[str, pd.Series]]) -> Path:
    """Write a Meta Business Suite per-metric daily file: one or more stacked blocks.

    Each block is ``(title, values indexed by date)``; stacked blocks are
    separated by a blank line, as in files holding Facebook and Instagram.
    """
    parts = ["sep=,\n"]
    for title, values in blocks:
        lines = [f'"{title}"', '"Date","Primary"']
        lines += [f'"{_meta_stamp(day)}","{int(v)}"' for day, v in values.items()]
        parts.append("\n".join(lines) + "\n\n")
    return _write(path, "".join(parts), encoding="utf-16-le", bom=codecs.BOM_UTF16_LE)


def write_tiktok_overview(path: Path, daily: pd.DataFrame) -> Path:
    """Write a TikTok Studio ``Overview.csv`` (oldest first, dates without a year)."""
    rows = [TIKTOK_OVERVIEW_HEADER]
    for r in daily.sort_values("date").itertuples(index=False):
        rows.append(
            [
                _month_day(r.date),
                _n(r.video_views),
                _n(r.profile_visits),
                _n(r.likes),
                _n(r.comments),
                _n(r.shares),
            ]
        )
    return _write(path, _quote_all(rows), bom=codecs.BOM_UTF8)


def write_tiktok_content(path: Path, posts: pd.DataFrame, *, handle: str, window_start: pd.Timestamp) -> Path:
    """Write a TikTok Studio ``Content.csv`` (newest first, post times without a year)."""
    rows = [TIKTOK_CONTENT_HEADER]
    for r in posts.sort_values("published_at", ascending=False, kind="stable").itertuples(index=False):
        rows.append(
            [
                _month_day(window_start),
                r.text,
                f"https://www.tiktok.com/@{handle}/video/{r.post_id}",
                _month_day(r.published_at),
                _n(r.likes),
                _n(r.comments),
                _n(r.shares),
                _n(r.video_views),
            ]
        )
    return _write(path, _quote_all(rows), bom=codecs.BOM_UTF8)


def write_tiktok_follower_history(path: Path, daily: pd.DataFrame, *, unknown: set) -> Path:
    """Write a TikTok Studio ``FollowerHistory.csv``; days in ``unknown`` say ``undefined``."""
    rows = [TIKTOK_FOLLOWER_HEADER]
    previous = None
    for r in daily.sort_values("date").itertuples(index=False):
        diff = 0 if previous is None else int(r.followers) - previous
        previous = int(r.followers)
        rows.append([_month_day(r.date), "undefined" if r.date in unknown else _n(r.followers), str(diff)])
    return _write(path, _quote_all(rows), bom=codecs.BOM_UTF8)


def write_plain_csv(path: Path, frame: pd.DataFrame) -> Path:
    """Write ``frame`` (already text or integers) as a plain UTF-8 CSV with LF line ends."""
    rows = [list(frame.columns)] + [[str(v) for v in row] for row in frame.itertuples(index=False)]
    return _write(path, _minimal(rows, trailing_newline=True))
