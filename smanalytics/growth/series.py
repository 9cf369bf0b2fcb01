"""One account's daily figures as a regular, gap-aware float series.

The detector works on a frame indexed by every calendar day from an account's
first to last row. Days the export does not cover are kept as missing, never
filled with zero. ``follows`` comes from the export's ``follows`` column when
it has one (a gap in it is filled from the follower totals on both sides,
when known); otherwise it is the day-to-day difference of ``followers``
(net gains), with a gap's difference spread evenly over the days of the gap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["SIGNALS", "prepare", "follows_source", "accounts", "of_account"]

#: Exposure and engagement columns of the daily table, in order of preference.
SIGNALS = (
    "impressions",
    "reach",
    "video_views",
    "profile_visits",
    "engagements",
    "comments",
    "likes",
    "shares",
)

_NUMERIC = ("followers", "follows", "unfollows", *SIGNALS, "posts")

#: A day with no exposure or engagement at all, on an account whose usual day has at least
#: this much of them, is a platform outage, not a day nobody saw the account.
OUTAGE_USUAL = 20.0

#: Platforms whose daily engagements include follows (X counts a follow from a post as one).
ENGAGEMENTS_COUNT_FOLLOWS = frozenset({"x", "twitter"})


def accounts(daily: pd.DataFrame):
    """Yield ``(platform, account, rows)`` for each account of a daily table.

    A table without ``platform`` or ``account`` columns is one account whose
    keys are missing (NA). The input is not modified.

    Examples
    --------
    >>> d = pd.DataFrame({"date": pd.to_datetime(["2026-01-01"]), "followers": [5]})
    >>> [(p, a, len(r)) for p, a, r in accounts(d)]
    [(nan, nan, 1)]
    """
    data = daily.assign(**{c: pd.NA for c in ("platform", "account") if c not in daily})
    data = data.assign(date=pd.to_datetime(data["date"]))
    for (platform, account), rows in data.groupby(["platform", "account"], dropna=False, sort=True):
        yield platform, account, rows


def of_account(table: pd.DataFrame, platform, account) -> pd.Series:
    """Boolean mask of the rows of ``table`` that belong to an account (NA keys match NA)."""
    mask = pd.Series(True, index=table.index)
    for column, value in (("platform", platform), ("account", account)):
        if column not in table:
            continue
        values = table[column]
        same = values.isna() if pd.isna(value) else (values == value).fillna(False)
        mask &= same.astype(bool)
    return mask


def follows_source(daily: pd.DataFrame) -> str | None:
    """Which column gives daily gains: ``"follows"``, ``"followers"`` (differences) or None.

    Examples
    --------
    >>> follows_source(pd.DataFrame({"followers": [10, 12], "follows": [pd.NA, pd.NA]}))
    'followers'
    """
    if "follows" in daily and daily["follows"].notna().any():
        return "follows"
    if "followers" in daily and daily["followers"].notna().sum() >= 2:
        return "followers"
    return None


def prepare(daily: pd.DataFrame) -> pd.DataFrame:
    """Return one account's daily rows on a full calendar index, as floats.

    Parameters
    ----------
    daily
        Canonical daily rows of a single account (any order, gaps allowed).

    Returns
    -------
    DataFrame
        Indexed by ``date`` (every day from first to last), with float columns
        ``followers, follows, unfollows`` and the exposure signals (NaN where
        unknown), ``interactions`` (likes + comments + shares, else
        engagements, net of follows on X), ``observed`` (the export has a row that day) and
        ``follows_observed`` (a daily gain is known for that day).
        :func:`follows_source` says where ``follows`` came from.

    Examples
    --------
    >>> d = pd.DataFrame({"date": pd.to_datetime(["2026-01-01", "2026-01-03"]),
    ...                   "followers": pd.array([100, 110], dtype="Int64")})
    >>> prepare(d)["follows"].tolist()
    [nan, 5.0, 5.0]
    """
    rows = daily.dropna(subset=["date"]).sort_values("date").drop_duplicates("date", keep="last")
    if not len(rows):
        return pd.DataFrame(columns=[*_NUMERIC, "observed", "follows_observed"], dtype=float)
    index = pd.date_range(rows["date"].iloc[0], rows["date"].iloc[-1], freq="D", name="date")
    out = pd.DataFrame(index=index)
    by_date = rows.set_index("date")
    for name in _NUMERIC:
        if name in by_date:
            values = pd.to_numeric(by_date[name], errors="coerce").astype("float64")
            out[name] = values.reindex(index)
        else:
            out[name] = np.nan
    out["observed"] = pd.Series(True, index=by_date.index).reindex(index, fill_value=False)
    _blank_outages(out)
    source = follows_source(rows)
    if source == "followers":
        out["follows"] = _spread_differences(out["followers"])
    elif source == "follows":
        out["follows"] = _fill_gaps_from_totals(out)
    out["follows_observed"] = out["follows"].notna()
    platforms = set(rows["platform"].dropna()) if "platform" in rows else set()
    out["interactions"] = _interactions(out, net_of_follows=bool(platforms & ENGAGEMENTS_COUNT_FOLLOWS))
    return out


def _blank_outages(frame: pd.DataFrame) -> None:
    """Blank (in place) the days a platform recorded nothing: every figure 0 on a busy account.

    An account that usually has :data:`OUTAGE_USUAL` or more impressions,
    visits and interactions a day does not have a day of none: such a day is
    an outage of the platform's counting, unknown rather than 0, and so are
    its 0 follows and unfollows (follows are then filled from the follower
    totals when the export has them).
    """
    present = [c for c in SIGNALS if frame[c].notna().any()]
    if not present:
        return
    total = frame[present].sum(axis=1, min_count=1)
    if not total.median() >= OUTAGE_USUAL:
        return
    outage = (total == 0).to_numpy()
    counts = [c for c in ("follows", "unfollows") if c in frame]
    frame.loc[outage, present] = np.nan
    for column in counts:
        frame.loc[outage & (frame[column] == 0).to_numpy(), column] = np.nan


def _interactions(frame: pd.DataFrame, *, net_of_follows: bool) -> pd.Series:
    """Likes + comments + shares; else engagements (net of follows where they count them).

    X counts a follow as an engagement, so its raw engagements rise with
    bought follows themselves and cannot be used to explain them; Meta's
    interactions (likes, comments, shares, saves) count no follow.
    """
    parts = frame[["likes", "comments", "shares"]]
    summed = parts.sum(axis=1, min_count=1)
    engagements = frame["engagements"]
    if net_of_follows:
        engagements = (engagements - frame["follows"].fillna(0)).clip(lower=0)
    return summed.where(parts.notna().any(axis=1), engagements)


def _fill_gaps_from_totals(frame: pd.DataFrame) -> pd.Series:
    """Follows of days the export skipped, from the follower totals on both sides.

    The change of followers across a gap, less the known day after it, plus
    the usual unfollows, is spread evenly over the gap's days: a package
    delivered on a missing day still shows.
    """
    follows = frame["follows"].copy()
    followers, unfollows = frame["followers"], frame["unfollows"]
    usual_unfollows = unfollows.median() if unfollows.notna().any() else 0.0
    known = np.flatnonzero(follows.notna().to_numpy() & followers.notna().to_numpy())
    for p0, p1 in zip(known[:-1], known[1:], strict=True):
        if p1 - p0 < 2 or follows.iloc[p0 + 1 : p1].notna().any():
            continue
        lost_p1 = unfollows.iloc[p1] if pd.notna(unfollows.iloc[p1]) else usual_unfollows
        net = followers.iloc[p1] - followers.iloc[p0] - (follows.iloc[p1] - lost_p1)
        gap = p1 - p0 - 1
        follows.iloc[p0 + 1 : p1] = max(0.0, net / gap + usual_unfollows)
    return follows


def _spread_differences(followers: pd.Series) -> pd.Series:
    """Net daily gains from totals; a gap of k days shares its change evenly."""
    known = followers.dropna()
    gains = pd.Series(np.nan, index=followers.index)
    if len(known) < 2:
        return gains
    positions = followers.index.get_indexer(known.index)
    gaps = np.diff(positions)  # each day after a known total, up to the next, gets the gap's mean change
    gains.iloc[positions[0] + 1 : positions[-1] + 1] = np.repeat(np.diff(known.to_numpy()) / gaps, gaps)
    return gains
