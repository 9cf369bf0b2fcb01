"""The UCI "Facebook metrics" dataset (Moro, Rita & Vala, 2016).

500 posts of one cosmetics brand's Facebook Page in 2014, published by the UCI
Machine Learning Repository as ``dataset_Facebook.csv``: ``;``-separated,
header ``Page total likes;Type;Category;Post Month;Post Weekday;Post Hour;
Paid;Lifetime Post Total Reach;...;comment;like;share;Total Interactions``,
one row per post, newest first. Copies re-saved with ``,`` are read too.

==============================================  =================
export column                                   canonical column
==============================================  =================
(data row number n, 1-based)                    post_id ``uci-<n>``
Post Month, Post Weekday, Post Hour (2014)      published_at
Type                                            post_type
Paid (1/0)                                      paid
Lifetime Post Total Impressions                 impressions
Lifetime Post Total Reach                       reach
like                                            likes
comment                                         comments
share                                           shares
Lifetime Post Consumptions                      clicks
Page total likes                                followers
==============================================  =================

``clicks`` is *Lifetime Post Consumptions*: every click on the post (photo
views, link clicks, video plays), a count of clicks rather than of the people
who clicked (*Lifetime Post Consumers*). Category (1 action, 2 product,
3 inspiration), *Lifetime Engaged Users*, the fan-only figures and *Total
Interactions* (= comment + like + share) have no canonical column and are not
loaded. text, saves, video_views, profile_visits and follows stay missing.

Quirks handled
--------------
* No post id: posts are named by their data row, ``uci-1`` ... ``uci-500``.
* No year and no day: the year is 2014 (the dataset's year, per its paper).
  The day is worked out from the month, the weekday (1 = Sunday ... 7 =
  Saturday; 1 January 2014, a Wednesday, is 4) and the file's order, oldest
  post last: going from the oldest post to the newest, each post gets the
  earliest day of its month on its weekday that is not before the previous
  post's day. This gives 500 dates that agree with every month, weekday and
  the file's order; a true day may be later by whole weeks. A post whose
  month has no such day (the order is broken) gets the first day of its
  month on its weekday, and the notes count them.
* ``Post Hour`` is the hour of publication with no time zone; it is taken as
  UTC, and the notes say so.
* Missing values (Paid once, like once, share four times) stay missing.
* The account is ``uci-cosmetics-brand`` (the paper does not name the
  brand), unless the caller gives one.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from smanalytics.io import parse
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source

__all__ = ["ACCOUNT", "YEAR", "consistent_days"]

PLATFORM = "facebook"
#: The brand is not named by the dataset; this is its account name here.
ACCOUNT = "uci-cosmetics-brand"
#: The year of every post, per Moro, Rita & Vala (2016).
YEAR = 2014

COLUMNS = {
    "post_type": "Type",
    "paid": "Paid",
    "impressions": "Lifetime Post Total Impressions",
    "reach": "Lifetime Post Total Reach",
    "likes": "like",
    "comments": "comment",
    "shares": "share",
    "clicks": "Lifetime Post Consumptions",
    "followers": "Page total likes",
}
_SIGNS = {"Page total likes", "Post Month", "Post Weekday", "Post Hour", "Lifetime Post Total Reach"}


def consistent_days(months: list[int], weekdays: list[int], *, year: int = YEAR) -> tuple[list[dt.date], int]:
    """Days for posts given oldest first by month and weekday (1 = Sunday), keeping their order.

    Each post gets the earliest day of its month on its weekday that is not
    before the previous post's day. Returns the days and how many posts could
    not keep the order (they get the first such day of their month).

    Examples
    --------
    >>> days, broken = consistent_days([1, 1, 1, 2], [4, 4, 5, 1])
    >>> [str(d) for d in days], broken
    (['2014-01-01', '2014-01-01', '2014-01-02', '2014-02-02'], 0)
    """
    days: list[dt.date] = []
    broken = 0
    previous = dt.date(year, 1, 1)
    for month, weekday in zip(months, weekdays, strict=True):
        first = dt.date(year, month, 1)
        day = _first_weekday(max(previous, first), month, weekday)
        if day is None:
            broken += 1
            day = _first_weekday(first, month, weekday)
        days.append(day)
        previous = day
    return days, broken


def _first_weekday(start: dt.date, month: int, weekday: int) -> dt.date | None:
    # isoweekday: Monday 1 ... Sunday 7; the dataset: Sunday 1 ... Saturday 7
    offset = (weekday - 1 - start.isoweekday() % 7) % 7
    day = start + dt.timedelta(days=offset)
    return day if day.month == month else None


def _sniff(source: Source) -> bool:
    return source.kind == "text" and _SIGNS <= set(source.header_fields())


def _read(source: Source, context: ReadContext) -> ReadResult:
    raw = source.table(problems=context.problems)
    rows = len(raw) + len(context.problems)
    raw = raw.assign(_post_id="uci-" + pd.Series(range(1, len(raw) + 1), index=raw.index).astype(str))
    notes = [
        f"no year in the file: {YEAR} (the dataset's year); days worked out from month, weekday"
        " and row order (earliest consistent day); Post Hour taken as UTC",
    ]
    month, bad_month = parse.to_count(raw["Post Month"])
    weekday, bad_weekday = parse.to_count(raw["Post Weekday"])
    hour, bad_hour = parse.to_count(raw["Post Hour"])
    checks = (
        ("Post Month", bad_month | ~month.between(1, 12).fillna(False), "a month 1-12"),
        ("Post Weekday", bad_weekday | ~weekday.between(1, 7).fillna(False), "a weekday 1-7 (1 = Sunday)"),
        ("Post Hour", bad_hour | ~hour.between(0, 23).fillna(False), "an hour 0-23"),
    )
    for column, bad, what in checks:
        bad = bad.reindex(raw.index).fillna(False).astype(bool)
        raw = context.problems.take(raw, bad, column=column, reason=f"expected {what}, found {{value}}")
    oldest_first = raw.iloc[::-1]
    days, broken = consistent_days(
        month[oldest_first.index].astype(int).tolist(), weekday[oldest_first.index].astype(int).tolist()
    )
    if broken:
        notes.append(f"{broken} posts are out of date order; they are put on the first matching day")
    stamps = pd.to_datetime(pd.Series(days, index=oldest_first.index)) + pd.to_timedelta(
        hour[oldest_first.index].astype(int), unit="h"
    )
    published = stamps.dt.tz_localize("UTC").astype("datetime64[ns, UTC]").reindex(raw.index)
    account = context.account or ACCOUNT
    if not context.account:
        notes.append(f"the dataset does not name the Page; account {ACCOUNT!r}")
    posts = to_canonical(
        raw,
        "posts",
        columns={**COLUMNS, "post_id": "_post_id"},
        problems=context.problems,
        constants={"platform": PLATFORM, "account": account},
        derived={"published_at": published},
    )
    return ReadResult({"posts": posts}, data_rows=rows, notes=notes)


register(
    Family(
        name="uci-facebook-metrics",
        title="UCI Facebook metrics dataset (Moro et al. 2016, ';'-separated)",
        platform=PLATFORM,
        sniff=_sniff,
        read=_read,
    )
)
