"""Engagement plots for business owners: rates over time, fair size comparison, calendar, mix, channels.

Every function takes the table a metric returned (see :mod:`smanalytics.metrics`),
draws on ``ax`` (the current Axes when none is given) and returns the Axes; none
shows or saves. Follower rates are shown per 1,000 followers, shares as percent.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from smanalytics.errors import SchemaError

__all__ = [
    "plot_rates_over_time",
    "plot_size_benchmark",
    "plot_posting_calendar",
    "plot_content_mix",
    "plot_channels",
]

#: Plain names and colours of the follower rates.
RATE_LABELS = {
    "conversation_rate": ("Conversation (comments)", "#1f77b4"),
    "amplification_rate": ("Amplification (shares)", "#2ca02c"),
    "applause_rate": ("Applause (likes)", "#ff7f0e"),
}
HIGHLIGHT, MUTED, GOOD = "#d62728", "#9e9e9e", "#2ca02c"
KIND_LABELS = {
    "community": "Community and conversation",
    "self_promotion": "Self-promotion",
    "curated": "Shared from others",
    "other": "Other",
}


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
    >>> monthly = pd.DataFrame({"start": pd.to_datetime(["2026-01-01", "2026-02-01"]),
    ...     "conversation_rate": [0.004, 0.006], "amplification_rate": [0.001, None],
    ...     "applause_rate": [0.03, 0.02]})
    >>> ax = plot_rates_over_time(monthly, ax=plt.figure().gca())
    >>> [line.get_label() for line in ax.lines]
    ['Conversation (comments)', 'Amplification (shares)', 'Applause (likes)']
    """
    _need(data, ["start", *rates], "plot_rates_over_time")
    ax = ax if ax is not None else plt.gca()
    ordered = data.sort_values("start")
    for name in rates:
        label, colour = RATE_LABELS.get(name, (name.replace("_", " ").capitalize(), None))
        ax.plot(ordered["start"], _floats(ordered[name]) * 1000, marker="o", label=label, color=colour)
    if organic and "organic_conversation_rate" in ordered and "conversation_rate" in rates:
        ax.plot(
            ordered["start"],
            _floats(ordered["organic_conversation_rate"]) * 1000,
            linestyle="--",
            color=RATE_LABELS["conversation_rate"][1],
            label="Conversation, unpaid posts only",
        )
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_title("How people respond to your posts")
    ax.set_ylabel("per 1,000 followers, per post")
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
    >>> bench = pd.DataFrame({"platform": ["x"] * 3, "account": ["a", "b", "c"],
    ...     "followers": [100, 1000, 10000], "conversation_rate": [0.02, 0.012, 0.004],
    ...     "expected_conversation_rate": [0.02, 0.01, 0.005], "expected_low": [0.01, 0.005, 0.0025],
    ...     "expected_high": [0.04, 0.02, 0.01], "ratio": [1.0, 1.2, 0.8]})
    >>> ax = plot_size_benchmark(bench, client="b", ax=plt.figure().gca())
    >>> ax.get_xscale(), ax.get_yscale(), len(ax.collections)
    ('log', 'log', 3)
    """
    _need(data, ["followers", "conversation_rate"], "plot_size_benchmark")
    ax = ax if ax is not None else plt.gca()
    x = _floats(data["followers"])
    y = _floats(data["conversation_rate"]) * 1000
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
                "low": _floats(data["expected_low"])[order] * 1000,
                "mid": _floats(data["expected_conversation_rate"])[order] * 1000,
                "high": _floats(data["expected_high"])[order] * 1000,
            }
        ).dropna()
        band = band[(band["x"] > 0) & (band["low"] > 0)].drop_duplicates("x")
        if len(band):
            ax.fill_between(band["x"], band["low"], band["high"], color=MUTED, alpha=0.25,
                            label="Expected for an account of this size")  # fmt: skip
            ax.plot(band["x"], band["mid"], color=MUTED, linewidth=1)
    ax.scatter(x[ok & ~mine], y[ok & ~mine], color=MUTED, s=18, label="Other accounts")
    if mine.any():
        ax.scatter(x[ok & mine], y[ok & mine], color=HIGHLIGHT, s=80, zorder=3, label="You")
        if "ratio" in data.columns:
            for xi, yi, r in zip(
                x[ok & mine], y[ok & mine], _floats(data.loc[mine & ok, "ratio"]), strict=True
            ):
                if np.isfinite(r):
                    ax.annotate(f"{r:.1f}x expected", (xi, yi), textcoords="offset points", xytext=(8, 6),
                                color=HIGHLIGHT)  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_title("Conversation compared with accounts of the same size")
    ax.set_xlabel("Followers")
    ax.set_ylabel("Comments per 1,000 followers, per post")
    ax.legend(frameon=False)
    return ax


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
    >>> posts = pd.DataFrame({"published_at": pd.to_datetime(
    ...     ["2026-03-02T10:00Z", "2026-03-02T18:00Z", "2026-03-11T09:00Z"])})
    >>> ax = plot_posting_calendar(posts, ax=plt.figure().gca())
    >>> ax.collections[0].get_array().reshape(7, -1)[0].tolist()  # Mondays of 2 weeks
    [2.0, 0.0]
    """
    _need(data, ["published_at"], "plot_posting_calendar")
    ax = ax if ax is not None else plt.gca()
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
        ax.set_xticklabels([(first + pd.Timedelta(weeks=int(t))).strftime("%d %b") for t in ticks])
        plt.colorbar(mesh, ax=ax, label="Posts that day")
    ax.set_yticks(np.arange(7) + 0.5)
    ax.set_yticklabels(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    ax.invert_yaxis()
    ax.set_title("When you posted")
    ax.set_xlabel("Week starting")
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
    >>> mix = pd.DataFrame({"kind": ["community", "self_promotion"], "share": [0.25, 0.75],
    ...                     "conversation_rate": [0.012, 0.002]})
    >>> ax = plot_content_mix(mix, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Community and conversation', 'Self-promotion']
    >>> [round(p.get_width()) for p in ax.patches]
    [25, 75]
    """
    _need(data, ["kind", "share"], "plot_content_mix")
    ax = ax if ax is not None else plt.gca()
    labels = [KIND_LABELS.get(k, str(k).replace("_", " ").capitalize()) for k in data["kind"]]
    shares = _floats(data["share"]) * 100
    colours = [
        HIGHLIGHT if k == "self_promotion" else GOOD if k == "community" else MUTED for k in data["kind"]
    ]
    bars = ax.barh(labels, shares, color=colours)
    if "conversation_rate" in data.columns:
        for bar, rate in zip(bars, _floats(data["conversation_rate"]) * 1000, strict=True):
            text = "no data" if not np.isfinite(rate) else f"{rate:.1f} comments per 1,000 followers"
            ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                        textcoords="offset points", va="center")  # fmt: skip
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of your posts")
    ax.set_title("What you post, and the conversation each kind brings")
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
    >>> focus = pd.DataFrame({"platform": ["instagram", "x"], "account": ["cafe", "cafe"],
    ...     "comments_per_post": [5.0, 1.0], "ranked_by": ["comments_per_post"] * 2,
    ...     "recommended": [True, False]})
    >>> ax = plot_channels(focus, ax=plt.figure().gca())
    >>> [p.get_facecolor()[:3] == (0.17254901960784313, 0.6274509803921569, 0.17254901960784313)
    ...  for p in ax.patches]
    [True, False]
    """
    _need(data, ["platform", "ranked_by", "recommended"], "plot_channels")
    ax = ax if ax is not None else plt.gca()
    score = str(data["ranked_by"].iloc[0]) if len(data) else "comments_per_post"
    _need(data, [score], "plot_channels")
    names = data["platform"].astype(str)
    if "account" in data.columns and data["platform"].duplicated().any():
        names = names + " (" + data["account"].astype(str) + ")"
    keep = data["recommended"].fillna(False).astype(bool).to_numpy()
    ax.barh(names.str.capitalize(), _floats(data[score]), color=[GOOD if k else MUTED for k in keep])
    ax.invert_yaxis()
    unit = "Comments per hour of your time" if score == "comments_per_hour" else "Comments per post"
    ax.set_xlabel(unit)
    ax.set_title("Where your time brings conversation (green: keep)")
    return ax
