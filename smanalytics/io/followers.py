"""Follower totals: the ones exports give, the owner's, and daily totals reconstructed from them.

Most exports give each day's follows, not the total (X overview, Meta
per-metric files, legacy Twitter). A few give a total: a Meta Business Suite
Audience export's first block is the current follower count, TikTok's
FollowerHistory and Facebook's page-level ``Lifetime Total Likes`` give one
per day, and the owner may know today's count (``load(...,
followers={"instagram": 1629})``).

A total without a date (the Audience export says none) is taken as of the
export's end: a date in its file name, else the last day that the same
account's other files loaded with it cover (its folder's first), else the
file's modification date. The owner's count is taken as of the last day the
account's exports cover, and wins over an exported total of that day.

Reconstruction (:func:`reconstruct`): for an account with at least one known
total and daily follows or unfollows, every day without a total gets

    followers(d) = followers(a) + sum(net(a+1 .. d))     for d after a,
    followers(d) = followers(a) - sum(net(d+1 .. a))     for d before a,

where ``a`` is the nearest day with a known total and ``net = follows -
unfollows`` (follows alone where the exports give no unfollows, which
understates earlier totals and overstates later ones by the unfollows; a day
without either, between the first and the last day that has one, counts as no
change, as Meta leaves out days without follows; days outside that span are
not filled). A value that would fall below 0 stays missing. The notes of the
files involved say so, with the numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.dataset import BASIS_COLUMNS, merge_table
from smanalytics.errors import SmanalyticsError

__all__ = ["FollowerTotal", "as_of", "place_totals", "owner_totals", "reconstruct", "basis"]

_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class FollowerTotal:
    """A follower total a file gives, possibly without its date.

    Attributes
    ----------
    platform, account
        Whose total (``account`` as the reader named it).
    followers
        The count.
    what
        Where in the file it is, for the notes (``'Instagram followers' block``).
    date
        The day it is as of, or None when the file does not say.
    """

    platform: str
    account: str
    followers: int
    what: str
    date: pd.Timestamp | None = None


def _account_end(tables: Mapping[str, pd.DataFrame], platform: str, account: str) -> pd.Timestamp | None:
    """The last day a file's tables cover for one account."""
    days = []
    for name, column in (("daily", "date"), ("posts", "published_at")):
        frame = tables.get(name)
        if frame is None or not len(frame):
            continue
        mine = frame.loc[(frame["platform"] == platform) & (frame["account"] == account), column].dropna()
        if len(mine):
            last = mine.max()
            if isinstance(last, pd.Timestamp) and last.tzinfo is not None:
                last = last.tz_convert("UTC").tz_localize(None)
            days.append(last.normalize())
    return max(days) if days else None


def as_of(
    total: FollowerTotal, path: str, others: list[tuple[str, Mapping[str, pd.DataFrame]]]
) -> tuple[pd.Timestamp, str]:
    """The day an undated total is as of, and how that was decided (see the module docstring)."""
    if total.date is not None:
        return total.date, "as the file says"
    match = _DATE_IN_NAME.search(Path(path).name)
    if match:
        return pd.Timestamp("-".join(match.groups())), "the date in the file name"
    folder = Path(path).parent
    for scope, label in ((True, "in its folder"), (False, "loaded with it")):
        ends = [
            (end, other)
            for other, tables in others
            if other != path and (not scope or Path(other).parent == folder)
            for end in [_account_end(tables, total.platform, total.account)]
            if end is not None
        ]
        if ends:
            end, other = max(ends)
            return end, f"the last day of the account's other exports {label} ({Path(other).name})"
    stamp = pd.Timestamp(Path(path).stat().st_mtime, unit="s").normalize()
    return stamp, "the file's modification date (no other export of the account was loaded with it)"


def place_totals(
    daily: pd.DataFrame, totals: list[tuple[FollowerTotal, str]], others: list[tuple[str, Mapping]]
) -> tuple[pd.DataFrame, dict[str, list[str]], dict[tuple[str, str], str]]:
    """Add the files' follower totals to ``daily`` as daily ``followers``, on the days they are as of.

    An exported daily total of the same day is kept (it is the later figure).
    Returns the new daily table, notes per file and, per account given a
    total, a sentence saying which.
    """
    notes: dict[str, list[str]] = {}
    placed: dict[tuple[str, str], str] = {}
    rows = []
    for total, path in totals:
        say = notes.setdefault(path, [])
        if total.followers <= 0:
            say.append(f"{total.what}: {total.followers} followers, not a count of a live account; not used")
            continue
        day, how = as_of(total, path, others)
        sentence = f"{total.what}: {total.followers:,} followers on {day:%Y-%m-%d} ({how})"
        say.append(f"{total.platform} account {total.account!r}: {sentence}")
        placed[(total.platform, total.account)] = f"{sentence}, in {Path(path).name}"
        rows.append(
            {"platform": total.platform, "account": total.account, "date": day, "followers": total.followers}
        )
    if not rows:
        return daily, notes, placed
    frame = schema.conform(pd.DataFrame(rows), "daily")
    return merge_table([frame, daily], "daily"), notes, placed


def owner_totals(
    daily: pd.DataFrame, posts: pd.DataFrame, followers: Mapping[str, int]
) -> tuple[pd.DataFrame, list[str], dict[tuple[str, str], str]]:
    """Add the owner's counts (``{platform: today's count}``) on each account's last covered day.

    Returns the new daily table, notes, and per account a sentence saying so.

    Raises
    ------
    SmanalyticsError
        For a platform with no account, or with several, in the data.
    """
    notes, rows, placed = [], [], {}
    for platform, count in followers.items():
        if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 0:
            raise SmanalyticsError(
                f"followers={{{platform!r}: {count!r}}}: expected a whole number of 0 or more per platform"
            )
        names = sorted(
            set(daily.loc[daily["platform"] == platform, "account"].dropna())
            | set(posts.loc[posts["platform"] == platform, "account"].dropna())
        )
        if len(names) != 1:
            found = ", ".join(names) or "none"
            raise SmanalyticsError(
                f"followers={{{platform!r}: {count}}}: expected one {platform} account in the exports,"
                f" found {found}; name the account with accounts={{{platform!r}: ...}} so they are one"
            )
        account = names[0]
        end = _account_end({"daily": daily, "posts": posts}, platform, account)
        rows.append({"platform": platform, "account": account, "date": end, "followers": int(count)})
        sentence = (
            f"{int(count):,} followers given by the owner, on {end:%Y-%m-%d} (the last day its exports cover)"
        )
        notes.append(f"{platform} account {account!r}: {sentence}")
        placed[(platform, account)] = sentence
    if not rows:
        return daily, notes, placed
    given = schema.conform(pd.DataFrame(rows), "daily")
    return merge_table([daily, given], "daily"), notes, placed


def reconstruct(daily: pd.DataFrame) -> tuple[pd.DataFrame, dict[tuple[str, str], str]]:
    """Fill the days without a follower total from the nearest known total and the net follows.

    Returns the new daily table (a copy; ``daily`` is untouched) and, per
    reconstructed ``(platform, account)``, a sentence saying how.

    Examples
    --------
    >>> daily = schema.conform(pd.DataFrame({"platform": ["ig"] * 3, "account": ["cafe"] * 3,
    ...     "date": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]),
    ...     "followers": [None, None, 100], "follows": [5, 3, 2]}), "daily")
    >>> out, how = reconstruct(daily)
    >>> out["followers"].tolist()   # 100 - 2 = 98 on Jan 2, 98 - 3 = 95 on Jan 1
    [95, 98, 100]
    """
    out = daily.copy()
    said: dict[tuple[str, str], str] = {}
    if not len(out) or out["followers"].notna().all():
        return out, said
    for (platform, account), rows in out.groupby(
        ["platform", "account"], observed=True, sort=False
    ).groups.items():
        part = out.loc[rows].sort_values("date")
        known = part["followers"].notna().to_numpy()
        follows, unfollows = part["follows"], part["unfollows"]
        flows = (follows.notna() | unfollows.notna()).to_numpy()
        if not known.any() or known.all() or not flows.any():
            continue
        # days without a follows figure count as no change between the first and the last that has one
        inside = np.zeros(len(part), dtype=bool)
        inside[np.flatnonzero(flows)[0] : np.flatnonzero(flows)[-1] + 1] = True
        net = (follows.fillna(0) - unfollows.fillna(0)).to_numpy(dtype=np.int64)
        cum = np.cumsum(net)
        at = np.flatnonzero(known)
        position = np.arange(len(part))
        right = np.clip(np.searchsorted(at, position), 0, len(at) - 1)
        left = np.clip(right - 1, 0, len(at) - 1)
        days = part["date"].to_numpy("datetime64[D]").astype(np.int64)
        nearest = np.where(
            np.abs(days[at[left]] - days) < np.abs(days[at[right]] - days), at[left], at[right]
        )
        values = part["followers"].to_numpy(dtype=np.int64, na_value=0)
        estimate = values[nearest] + cum - cum[nearest]
        fill = ~known & inside & (estimate >= 0)
        if not fill.any():
            continue
        out.loc[part.index[fill], "followers"] = estimate[fill]
        said[(platform, account)] = _how(part, known, fill, values, at, flows)
    return schema.conform(out, "daily"), said


def _how(part: pd.DataFrame, known, fill, values, at, flows) -> str:
    dates = part["date"]
    if len(at) <= 3:
        anchors = ", ".join(f"{values[i]:,} on {dates.iloc[i]:%Y-%m-%d}" for i in at)
    else:
        anchors = f"{len(at)} days from {dates.iloc[at[0]]:%Y-%m-%d} to {dates.iloc[at[-1]]:%Y-%m-%d}"
    what = (
        "follows - unfollows" if part["unfollows"].notna().any() else "follows (no unfollows in the exports)"
    )
    first, last = dates[fill].min(), dates[fill].max()
    text = (
        f"followers reconstructed for {int(fill.sum())} days ({first:%Y-%m-%d}..{last:%Y-%m-%d})"
        f" from the known total{'s' if len(at) > 1 else ''} ({anchors}) and the daily {what}"
    )
    gaps = int((~flows & fill).sum())
    if gaps:
        text += f"; {gaps} days without a follows figure counted as no change"
    return text


def basis(daily: pd.DataFrame, posts: pd.DataFrame, reconstructed: Mapping, placed: Mapping) -> pd.DataFrame:
    """One row per account: how its follower counts are known (``BASIS_COLUMNS``)."""
    known = pd.concat(
        [
            daily[["platform", "account"]].assign(known=daily["followers"].notna().to_numpy()),
            posts[["platform", "account"]].assign(known=posts["followers"].notna().to_numpy()),
        ]
    )
    any_known = known.groupby(["platform", "account"], observed=True, sort=True)["known"].any()
    rows = []
    for (platform, account), exported in any_known.items():
        key = (platform, account)
        if key in reconstructed:
            how = reconstructed[key] + (f"; {placed[key]}" if key in placed else "")
            rows.append((platform, account, "reconstructed", how))
        elif key in placed:
            rows.append((platform, account, "total", placed[key]))
        elif exported:
            rows.append((platform, account, "exported", "follower totals as the exports give them"))
        else:
            rows.append((platform, account, "none", "no follower total in the exports"))
    frame = pd.DataFrame(rows, columns=list(BASIS_COLUMNS))
    return frame.astype(BASIS_COLUMNS)
