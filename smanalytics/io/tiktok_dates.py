"""TikTok Studio's days without a year, and the upload times in its video ids.

Studio writes ``February 28`` (``25 Φεβρουαρίου``, ``8 de marzo`` in other
interface languages) and no year. The rows run consecutively up to the day
before the download, so the last row anchors the year: it is a date in the
file name when there is one (``Overview_2026-02-27.csv``), else the latest
date on or before today with the last row's day and month. Every row then
takes the latest year that puts it on or before that day
(:func:`smanalytics.io.dates.resolve_yearless`), so a 365-day window crossing
New Year gets both years. The notes give the assumed period and how to fix it.

A Content row's exact time comes from its video id: TikTok ids carry the
upload time in Unix seconds in their top 32 bits (``7527623000473079054 >>
32`` is 2025-07-16 10:21:48 UTC). It is used when it falls within a day of the
``Post time`` day and month (the post time is local, the id UTC); otherwise
the post time is resolved like the daily dates, against the file's download
day (``Time`` column), at midnight.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smanalytics.io.dates import resolve_yearless
from smanalytics.io.parse import is_missing

__all__ = ["video_time", "anchor_day", "post_times", "language_note"]

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


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


def anchor_day(
    path: Path, values: pd.Series, notes: list[str], what: str, *, today: pd.Timestamp
) -> pd.Timestamp | None:
    """The date of the last dated row: from the file name, else the latest such day up to ``today``."""
    match = _DATE_IN_NAME.search(Path(path).name)
    if match:
        day = pd.Timestamp(f"{match.group(1)}-{match.group(2)}-{match.group(3)}")
        notes.append(
            f"year not in the file: {what} taken as ending {day:%Y-%m-%d}, the date in the file name"
        )
        return day
    present = values[~is_missing(values)]
    if present.empty:
        return None
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


def language_note(language: str | None, notes: list[str]) -> None:
    """Say in ``notes`` which language the dates are written in, when it is not English."""
    if language and language != "en":
        from babel import Locale

        notes.append(f"dates are written in {Locale.parse(language).get_display_name('en')} ({language})")


def post_times(
    post_time: pd.Series,
    downloaded: pd.Series | None,
    post_id: pd.Series,
    path: Path,
    notes: list[str],
    *,
    today: pd.Timestamp,
) -> tuple[pd.Series, str | None]:
    """``Post time`` (``July 16``) as UTC: the video id's time when it agrees, else the resolved day.

    Also returns the language the dates are written in.
    """
    anchor_values = downloaded if downloaded is not None else post_time
    last_day = anchor_day(path, anchor_values, notes, "download day", today=today) or today
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
    language_note(language, notes)
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
