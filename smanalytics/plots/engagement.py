"""Engagement plots for business owners: rates over time, fair size comparison, calendar, mix, channels.

Every function takes the table a metric returned (see :mod:`smanalytics.metrics`),
draws on ``ax`` (the current Axes when none is given) and returns the Axes; none
shows or saves. Follower rates are shown per 1,000 followers, shares as percent.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from smanalytics.errors import SchemaError
from smanalytics.i18n import _, fmt
from smanalytics.metrics.rates import per_1k
from smanalytics.plots.style import (
    ACCENT,
    GOOD,
    GRID,
    HIGHLIGHT,
    KIND_LABELS,
    MUTED,
    axes,
    channel_labels,
    date_axis,
    kind_label,
    literal,
    month_axis,
    number_axis,
    platform_color,
    rate_look,
)

__all__ = [
    "plot_rates_over_time",
    "plot_size_benchmark",
    "plot_posting_calendar",
    "plot_posts_per_week",
    "plot_content_mix",
    "plot_channels",
]


def _need(data: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise SchemaError(
            f"{what} needs the column(s) {', '.join(missing)}; got {', '.join(map(str, data.columns))}"
        )


def _floats(values) -> np.ndarray:
    return pd.Series(values).astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def plot_rates_over_time(
    data: pd.DataFrame,
    *,
    ax: Axes | None = None,
    rates: tuple[str, ...] = ("conversation_rate", "amplification_rate", "applause_rate"),
    organic: bool = True,
) -> Axes:
    """Conversation, amplification and applause per 1,000 followers, period by period.

    Parameters
    ----------
    data
        One account's ``account_summary(..., freq="M")`` (or ``"W"``): ``start``
        and the rate columns (fractions: comments, shares or likes per follower).
    ax
        Axes to draw on; the current one by default.
    rates
        Which rates to draw, one line each.
    organic
        Also draw the conversation of organic (not paid) posts, dashed, when
        ``organic_conversation_rate`` is present.

    Returns
    -------
    Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> monthly = pd.DataFrame({"start": pd.to_datetime(["2026-01-01", "2026-02-01"]),
    ...     "conversation_rate": [0.004, 0.006], "amplification_rate": [0.001, None],
    ...     "applause_rate": [0.03, 0.02]})
    >>> ax = plot_rates_over_time(monthly, ax=plt.figure().gca())
    >>> [line.get_label() for line in ax.lines]
    ['Conversation (comments)', 'Amplification (shares)', 'Applause (likes)']
    """
    _need(data, ["start", *rates], "plot_rates_over_time")
    ax = axes(ax)
    ordered = data.sort_values("start")
    for name in rates:
        label, colour = rate_look(name)
        ax.plot(ordered["start"], per_1k(_floats(ordered[name])), marker="o", label=label, color=colour)
    if organic and "organic_conversation_rate" in ordered and "conversation_rate" in rates:
        ax.plot(
            ordered["start"],
            per_1k(_floats(ordered["organic_conversation_rate"])),
            linestyle="--",
            color=rate_look("conversation_rate").color,
            label=_("Conversation, unpaid posts only"),
        )
    date_axis(ax.xaxis, maxticks=8)
    number_axis(ax.yaxis)
    ax.set_title(_("How people respond to your posts"))
    ax.set_ylabel(_("per 1,000 followers, per post"))
    ax.set_xlabel("")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False)
    return ax


def plot_size_benchmark(
    data: pd.DataFrame,
    *,
    ax: Axes | None = None,
    client: str | tuple[str, str] | None = None,
) -> Axes:
    """Conversation per 1,000 followers against followers, on log axes, with the expected band.

    Parameters
    ----------
    data
        :func:`~smanalytics.metrics.size.size_benchmark` output: ``followers``,
        ``conversation_rate`` (comments / followers), ``expected_*``.
    ax
        Axes to draw on; the current one by default.
    client
        The account to highlight: its ``account`` name or ``(platform, account)``.

    Returns
    -------
    Axes
        Grey points: the other accounts; shaded: the range expected at each
        size; line: the expected rate; red: the client, with its ratio.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> bench = pd.DataFrame({"platform": ["x"] * 3, "account": ["a", "b", "c"],
    ...     "followers": [100, 1000, 10000], "conversation_rate": [0.02, 0.012, 0.004],
    ...     "expected_conversation_rate": [0.02, 0.01, 0.005], "expected_low": [0.01, 0.005, 0.0025],
    ...     "expected_high": [0.04, 0.02, 0.01], "ratio": [1.0, 1.2, 0.8]})
    >>> ax = plot_size_benchmark(bench, client="b", ax=plt.figure().gca())
    >>> ax.get_xscale(), ax.get_yscale(), len(ax.collections)
    ('log', 'log', 3)
    """
    _need(data, ["followers", "conversation_rate"], "plot_size_benchmark")
    ax = axes(ax)
    x = _floats(data["followers"])
    y = per_1k(_floats(data["conversation_rate"]))
    mine = np.zeros(len(data), dtype=bool)
    if client is not None:
        if isinstance(client, tuple):
            mine = ((data["platform"] == client[0]) & (data["account"] == client[1])).to_numpy(bool)
        else:
            mine = (data["account"] == client).fillna(False).to_numpy(bool)
    ok = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    if {"expected_low", "expected_high", "expected_conversation_rate"} <= set(data.columns):
        order = np.argsort(x)
        band = pd.DataFrame(
            {
                "x": x[order],
                "low": per_1k(_floats(data["expected_low"])[order]),
                "mid": per_1k(_floats(data["expected_conversation_rate"])[order]),
                "high": per_1k(_floats(data["expected_high"])[order]),
            }
        ).dropna()
        band = band[(band["x"] > 0) & (band["low"] > 0)].drop_duplicates("x")
        if len(band):
            ax.fill_between(band["x"], band["low"], band["high"], color=MUTED, alpha=0.25,
                            label=_("Expected for an account of this size"))  # fmt: skip
            ax.plot(band["x"], band["mid"], color=MUTED, linewidth=1)
    ax.scatter(x[ok & ~mine], y[ok & ~mine], color=MUTED, s=18, label=_("Other accounts"))
    if mine.any():
        ax.scatter(x[ok & mine], y[ok & mine], color=HIGHLIGHT, s=80, zorder=3, label=_("You"))
        if "ratio" in data.columns:
            for xi, yi, r in zip(
                x[ok & mine], y[ok & mine], _floats(data.loc[mine & ok, "ratio"]), strict=True
            ):
                if np.isfinite(r):
                    # Translators: beside the client's point: its conversation over what is usual at its size.
                    text = _("{ratio}x expected").format(ratio=fmt.number(r, 1))
                    ax.annotate(text, (xi, yi), textcoords="offset points", xytext=(8, 6), color=HIGHLIGHT)
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):  # 0.5, 2, 3,000: numbers an owner reads, not 5x10^-1
        axis.set_major_formatter(_PLAIN)
        axis.set_minor_formatter(_PLAIN)
    ax.margins(0.08)
    ax.set_title(_("Conversation compared with accounts of the same size"))
    ax.set_xlabel(_("Followers"))
    ax.set_ylabel(_("Comments per 1,000 followers, per post"))
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))  # beside: the band fills the plot
    return ax


def _plain_number(value: float, _position=None) -> str:
    """A log axis tick as a plain number (0.5, 2, 1,000), labelled only at 1, 2 and 5 times a power of ten."""
    if not value > 0:
        return ""
    power = int(np.floor(np.log10(value)))
    if round(value / 10.0**power, 6) not in (1, 2, 5):
        return ""
    return fmt.number(value, max(0, -power))


_PLAIN = FuncFormatter(_plain_number)


def plot_posting_calendar(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Posts per day as a calendar: weeks across, Monday to Sunday down.

    Parameters
    ----------
    data
        Canonical posts table (``published_at``) of one account or more
        (counted together); days are UTC days.
    ax
        Axes to draw on; the current one by default.

    Returns
    -------
    Axes
        One coloured cell per day (white: no post), as a mesh in ``ax.collections``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> posts = pd.DataFrame({"published_at": pd.to_datetime(
    ...     ["2026-03-02T10:00Z", "2026-03-02T18:00Z", "2026-03-11T09:00Z"])})
    >>> ax = plot_posting_calendar(posts, ax=plt.figure().gca())
    >>> ax.collections[0].get_array().reshape(7, -1)[0].tolist()  # Mondays of 2 weeks
    [2.0, 0.0]
    """
    _need(data, ["published_at"], "plot_posting_calendar")
    ax = axes(ax)
    stamps = pd.to_datetime(data["published_at"], utc=True).dropna()
    days = stamps.dt.tz_localize(None).dt.normalize()
    if len(days):
        first = days.min() - pd.Timedelta(days=days.min().weekday())
        weeks = (days.max() - first).days // 7 + 1
        grid = np.zeros((7, weeks))
        offsets = (days - first).dt.days.to_numpy()
        np.add.at(grid, (offsets % 7, offsets // 7), 1)
        mesh = ax.pcolormesh(grid, cmap="Greens", vmin=0, vmax=max(1.0, grid.max()), edgecolors="white")
        ticks = np.arange(0, weeks, max(1, -(-weeks // 6)))
        ax.set_xticks(ticks + 0.5)
        ax.set_xticklabels([fmt.short_day(first + pd.Timedelta(weeks=int(t))) for t in ticks])
        ax.figure.colorbar(mesh, ax=ax, label=_("Posts that day"))
    ax.set_yticks(np.arange(7) + 0.5)
    ax.set_yticklabels([fmt.weekday_abbreviation(d) for d in range(7)])
    ax.invert_yaxis()
    ax.set_title(_("When you posted"))
    ax.set_xlabel(_("Week starting"))
    return ax


def plot_posts_per_week(data: pd.DataFrame, *, ax: Axes | None = None, accent: str = ACCENT) -> Axes:
    """Posts a week, month by month, one line per channel, with one post a week dashed.

    Parameters
    ----------
    data
        ``account_summary(..., freq="M")``: ``platform``, ``account``,
        ``period`` (the month) and ``posts_per_week`` (posts / days of the month x 7).
    ax
        Axes to draw on; the current one by default.
    accent
        The colour of a platform the palette does not list.

    Returns
    -------
    Axes
        One line per channel in ``ax.lines`` (labelled as the legend names
        it), then the dashed line at one post a week.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> monthly = pd.DataFrame({"platform": ["x", "x"], "account": ["cafe", "cafe"],
    ...     "period": pd.PeriodIndex(["2026-01", "2026-02"], freq="M"), "posts_per_week": [2.0, 0.5]})
    >>> ax = plot_posts_per_week(monthly, ax=plt.figure().gca())
    >>> [(line.get_label(), line.get_ydata().tolist()) for line in ax.lines[:1]]
    [('X', [2.0, 0.5])]
    >>> ax.figure.canvas.draw()  # a tick per month, not per day
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Jan 2026', 'Feb 2026']
    """
    _need(data, ["platform", "account", "period", "posts_per_week"], "plot_posts_per_week")
    ax = axes(ax)
    channels = data[["platform", "account"]].drop_duplicates()
    labels = channel_labels(channels["platform"], channels["account"])
    names = dict(zip(map(tuple, channels.to_numpy()), labels, strict=True))
    for (platform, account), part in data.groupby(["platform", "account"], observed=True, sort=False):
        ax.plot(
            part["period"].dt.to_timestamp(),
            _floats(part["posts_per_week"]),
            marker="o",
            markersize=3,
            color=platform_color(platform, accent),
            label=literal(names[(platform, account)]),
        )
    ax.axhline(1, color=MUTED, linestyle="--", linewidth=1)
    # one tick per month, or per few months: a day locator would crowd a short history with days
    months = data["period"].nunique()
    month_axis(ax.xaxis, interval=max(1, -(-months // 8)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_ylabel(_("posts a week"))
    number_axis(ax.yaxis)
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_content_mix(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Share of each kind of post, with the conversation each kind earns.

    Parameters
    ----------
    data
        One account's :func:`~smanalytics.metrics.content_mix.content_mix`:
        ``kind``, ``share`` (of posts) and ``conversation_rate`` (comments /
        followers).
    ax
        Axes to draw on; the current one by default.

    Returns
    -------
    Axes
        One horizontal bar per kind (percent of posts), labelled with the
        comments per 1,000 followers it earns.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> mix = pd.DataFrame({"kind": ["community", "self_promotion"], "share": [0.25, 0.75],
    ...                     "conversation_rate": [0.012, 0.002]})
    >>> ax = plot_content_mix(mix, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Community and conversation', 'Self-promotion']
    >>> [round(p.get_width()) for p in ax.patches]
    [25, 75]
    """
    _need(data, ["kind", "share"], "plot_content_mix")
    ax = axes(ax)
    labels = [kind_label(k) for k in data["kind"]]
    shares = _floats(data["share"]) * 100
    colours = [KIND_LABELS[k].color if k in KIND_LABELS else MUTED for k in data["kind"]]
    bars = ax.barh(labels, shares, color=colours)
    if "conversation_rate" in data.columns:
        for bar, rate in zip(bars, per_1k(_floats(data["conversation_rate"])), strict=True):
            text = (
                _("no data")
                if not np.isfinite(rate)
                else _("{rate} comments per 1,000 followers").format(rate=fmt.number(rate, 1))
            )
            ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                        textcoords="offset points", va="center")  # fmt: skip
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("Share of your posts (%)"))
    number_axis(ax.xaxis)
    ax.set_title(_("What you post, and the conversation each kind brings"))
    return ax


def plot_channels(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Channels ranked by the conversation they bring, recommended ones highlighted.

    Parameters
    ----------
    data
        :func:`~smanalytics.metrics.channels.channel_focus` output: ``platform``,
        ``ranked_by`` and that score (comments per hour or per post),
        ``recommended``.
    ax
        Axes to draw on; the current one by default.

    Returns
    -------
    Axes
        One horizontal bar per channel, best on top; green bars are the ones
        to keep.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> focus = pd.DataFrame({"platform": ["instagram", "x"], "account": ["cafe", "cafe"],
    ...     "comments_per_post": [5.0, 1.0], "ranked_by": ["comments_per_post"] * 2,
    ...     "recommended": [True, False]})
    >>> ax = plot_channels(focus, ax=plt.figure().gca())
    >>> [p.get_facecolor()[:3] == (0.17254901960784313, 0.6274509803921569, 0.17254901960784313)
    ...  for p in ax.patches]
    [True, False]
    """
    _need(data, ["platform", "ranked_by", "recommended"], "plot_channels")
    ax = axes(ax)
    score = str(data["ranked_by"].iloc[0]) if len(data) else "comments_per_post"
    _need(data, [score], "plot_channels")
    names = channel_labels(data["platform"], data["account"] if "account" in data.columns else None)
    keep = data["recommended"].fillna(False).astype(bool).to_numpy()
    ax.barh([literal(n) for n in names], _floats(data[score]), color=[GOOD if k else MUTED for k in keep])
    ax.invert_yaxis()
    unit = _("Comments per hour of your time") if score == "comments_per_hour" else _("Comments per post")
    ax.set_xlabel(unit)
    number_axis(ax.xaxis)
    ax.set_title(_("Where your time brings conversation (green: keep)"))
    return ax
