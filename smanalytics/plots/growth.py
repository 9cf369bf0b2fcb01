"""Follower growth with its spikes shaded and named in plain words."""

from __future__ import annotations

import pandas as pd

from smanalytics.errors import SmanalyticsError
from smanalytics.growth.series import of_account, prepare

__all__ = ["plot_follower_growth", "EVENT_STYLE"]

#: Colour and plain-words name of each label.
EVENT_STYLE = {
    "suspected_bought": ("#d62728", "Suspected bought"),
    "organic": ("#2ca02c", "Organic"),
    "unclear": ("#7f7f7f", "Unclear"),
}


def plot_follower_growth(
    daily: pd.DataFrame, events: pd.DataFrame | None = None, *, account: str | None = None, ax=None
):
    """Plot followers and daily follows of one account, with follower spikes shaded.

    Parameters
    ----------
    daily
        Canonical daily table. With several accounts, ``account`` picks one.
    events
        Events from :func:`smanalytics.growth.detect_spikes`; each is shaded
        in its label's colour and named ("Suspected bought +1,000").
    account
        The account to draw (needed when ``daily`` holds several).
    ax
        Axes to draw on; the current Axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes holding the followers line (or the follows bars when the
        export has no follower totals); the daily follows are on a twin Axes.

    Examples
    --------
    >>> days = pd.date_range("2026-01-01", periods=5, freq="D")
    >>> daily = pd.DataFrame({"platform": "x", "account": "cafe", "date": days,
    ...                       "followers": [100, 102, 104, 106, 108], "follows": [2] * 5})
    >>> ax = plot_follower_growth(daily)
    >>> ax.get_ylabel()
    'Followers'
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    rows = _one_account(daily, account)
    frame = prepare(rows)
    if ax is None:
        ax = plt.gca()
    has_totals = frame["followers"].notna().any()
    bars_ax = ax.twinx() if has_totals else ax
    bars_ax.bar(
        frame.index, frame["follows"].fillna(0), width=1.0, color="#9ecae1", label="New follows a day"
    )
    bars_ax.set_ylabel("New follows a day")
    if has_totals:
        ax.set_zorder(bars_ax.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.plot(frame.index, frame["followers"], color="#08519c", lw=2, label="Followers")
        ax.set_ylabel("Followers")
    if events is not None and len(events):
        mine = events
        if len(rows) and "account" in rows:
            mine = events[
                of_account(
                    events, rows["platform"].iloc[0] if "platform" in rows else pd.NA, rows["account"].iloc[0]
                )
            ]
        for i, event in enumerate(mine.sort_values("start").itertuples()):
            colour, name = EVENT_STYLE.get(event.label, EVENT_STYLE["unclear"])
            ax.axvspan(
                event.start - pd.Timedelta(hours=12),
                event.end + pd.Timedelta(hours=12),
                color=colour,
                alpha=0.25,
                lw=0,
            )
            ax.annotate(
                f"{name} +{int(event.excess_follows):,}",
                xy=(event.peak, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, -4 - 11 * (i % 3)),  # three rows, so that close events stay readable
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
                color=colour,
            )
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    name = rows["account"].iloc[0] if len(rows) and "account" in rows else None
    ax.set_title(f"Follower growth of {name}" if isinstance(name, str) else "Follower growth")
    ax.set_xlabel("")
    return ax


def _one_account(daily: pd.DataFrame, account: str | None) -> pd.DataFrame:
    if account is not None:
        rows = daily[daily["account"] == account]
        if not len(rows):
            known = ", ".join(sorted(map(str, daily["account"].dropna().unique())))
            raise SmanalyticsError(f"account {account!r} is not in the daily table; it has: {known}")
        return rows
    accounts = daily["account"].dropna().unique() if "account" in daily else []
    if len(accounts) > 1:
        raise SmanalyticsError(
            f"the daily table has {len(accounts)} accounts ({', '.join(map(str, accounts[:5]))}); "
            "pass account= to choose one"
        )
    return daily
