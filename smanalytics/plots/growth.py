"""Follower growth with its spikes shaded and named in plain words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from smanalytics.errors import SmanalyticsError
from smanalytics.growth.series import follows_source, of_account, prepare
from smanalytics.i18n import _, fmt
from smanalytics.plots.style import (
    ACCENT,
    GRID,
    axes,
    date_axis,
    literal,
    number_axis,
    platform_color,
    platform_label,
    spike_look,
)

__all__ = ["plot_follower_growth"]

#: Colour of the daily follows drawn behind the followers line.
FOLLOWS_COLOR = "#9ecae1"


def plot_follower_growth(
    daily: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    platform: str | None = None,
    account: str | None = None,
    ax=None,
    accent: str = ACCENT,
):
    """Plot followers and daily follows of one account, with follower spikes shaded.

    Parameters
    ----------
    daily
        Canonical daily table. With several accounts, ``platform`` and
        ``account`` pick one.
    events
        Events from :func:`smanalytics.growth.detect_spikes`; each of the
        account's is shaded in its label's colour and named ("Suspected
        bought +1,000"), as :data:`smanalytics.plots.style.SPIKE_LABELS` says.
    platform, account
        The account to draw (needed when ``daily`` holds several).
    ax
        Axes to draw on; the current Axes by default.
    accent
        The colour of a platform the palette does not list.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes holding the followers line, in the platform's colour (or
        the daily follows when the export has no follower totals); the daily
        follows are one filled step (``StepPatch``) on a twin Axes. One
        artist for any number of days, so a two-year account draws as fast
        as a month.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> days = pd.date_range("2026-01-01", periods=5, freq="D")
    >>> daily = pd.DataFrame({"platform": "x", "account": "cafe", "date": days,
    ...                       "followers": [100, 102, 104, 106, 108], "follows": [2] * 5})
    >>> ax = plot_follower_growth(daily, ax=plt.figure().gca())
    >>> ax.get_ylabel(), ax.get_title()
    ('Followers', 'Followers of cafe on X')
    """
    rows = _one_account(daily, platform, account)
    frame = prepare(rows)
    ax = axes(ax)
    platform = rows["platform"].iloc[0] if len(rows) and "platform" in rows else None
    name = rows["account"].iloc[0] if len(rows) and "account" in rows else None
    has_totals = frame["followers"].notna().any()
    follows_ax = ax.twinx() if has_totals else ax
    _draw_follows(follows_ax, frame, net=follows_source(rows) == "followers")
    if has_totals:
        ax.set_zorder(follows_ax.get_zorder() + 1)
        ax.patch.set_visible(False)
        colour = platform_color(platform, accent)
        ax.plot(frame.index, frame["followers"], color=colour, lw=2, label=_("Followers"))
        ax.set_ylabel(_("Followers"))
        number_axis(ax.yaxis)
        ax.grid(axis="y", color=GRID, linewidth=0.8)
    if events is not None and len(events) and len(rows):
        mine = events[of_account(events, platform if platform is not None else pd.NA, name)]
        _shade(ax, mine)
    date_axis(ax.xaxis)
    ax.spines[["top"]].set_visible(False)
    follows_ax.spines[["top"]].set_visible(False)
    if isinstance(name, str) and isinstance(platform, str):
        title = _("Followers of {account} on {platform}").format(
            account=literal(name), platform=platform_label(platform)
        )
    elif isinstance(name, str):
        title = _("Followers of {account}").format(account=literal(name))
    else:
        title = _("Follower growth")
    ax.set_title(title)
    ax.set_xlabel("")
    return ax


def _draw_follows(ax, frame: pd.DataFrame, *, net: bool) -> None:
    """The daily follows as one filled step, each day a step centred on its date.

    ``net``: the export gives no follows, so they are the day-to-day changes
    of the follower totals (follows less unfollows).
    """
    import matplotlib.dates as mdates

    values = frame["follows"].fillna(0).to_numpy(dtype=float)
    label = _("Change in followers a day") if net else _("New follows a day")
    if len(frame):
        days = mdates.date2num(frame.index)
        edges = np.append(days - 0.5, days[-1] + 0.5)
        _add_stairs(ax, values, edges, facecolor=FOLLOWS_COLOR, alpha=0.7, label=label)
    ax.set_ylabel(label)
    number_axis(ax.yaxis)


def _add_stairs(ax, values: np.ndarray, edges: np.ndarray, **style) -> None:
    """What ``ax.stairs(values, edges, fill=True, ...)`` draws, with its data limits set at once.

    ``Axes.stairs`` finds the limits of its path segment by segment, as for
    curves (0.1-0.3 s for two years of days); a step's limits are its first
    and last edge, its baseline 0 and its highest value.
    """
    from matplotlib.patches import StepPatch

    patch = StepPatch(values, edges, baseline=0, fill=True, linewidth=0, **style)
    patch.sticky_edges.y.append(0)
    ax.add_artist(patch)
    ax.update_datalim([(edges[0], min(0.0, values.min())), (edges[-1], max(0.0, values.max()))])
    ax.autoscale(enable=True)


def _shade(ax, events: pd.DataFrame) -> None:
    """Shade each event's days and name it above, in three rows so that close events stay readable."""
    for i, event in enumerate(events.sort_values("start").itertuples()):
        look = spike_look(event.label)
        ax.axvspan(
            event.start - pd.Timedelta(hours=12),
            event.end + pd.Timedelta(hours=12),
            color=look.color,
            alpha=0.25,
            lw=0,
        )
        ax.annotate(
            # Translators: a follower spike named on the chart: its verdict and the follows above the usual.
            _("{verdict} +{follows}").format(verdict=look.name, follows=fmt.integer(event.excess_follows)),
            xy=(event.peak, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -4 - 11 * (i % 3)),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color=look.color,
        )


def _one_account(daily: pd.DataFrame, platform: str | None, account: str | None) -> pd.DataFrame:
    rows = daily
    for column, value in (("platform", platform), ("account", account)):
        if value is None:
            continue
        picked = rows[rows[column] == value]
        if not len(picked):
            known = ", ".join(sorted(map(str, rows[column].dropna().unique())))
            raise SmanalyticsError(f"{column} {value!r} is not in the daily table; it has: {known}")
        rows = picked
    keys = [c for c in ("platform", "account") if c in rows]
    accounts = rows[keys].dropna().drop_duplicates() if keys else rows.iloc[:0]
    if len(accounts) > 1:
        names = [" ".join(map(str, a)) for a in accounts.head(5).itertuples(index=False)]
        raise SmanalyticsError(
            f"the daily table has {len(accounts)} accounts ({', '.join(names)}); "
            "pass platform= and account= to choose one"
        )
    return rows
