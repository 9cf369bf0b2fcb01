"""The report's charts, each a function of a :class:`~smanalytics.report.content.Report`.

Conversation per channel against what is usual at the account's size,
followers over time with every spike shaded, and posts a week month by
month. Each returns a :class:`~smanalytics.report.charts.Chart`, or says what
is missing when the data cannot draw it.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.report.charts import Chart, new_figure, platform_color, platform_label, shade_events
from smanalytics.report.findings import per_1k
from smanalytics.report.sections import _guarded, _label

__all__ = ["conversation_chart", "growth_chart", "posting_chart"]


@_guarded
def conversation_chart(report) -> Chart:
    """Comments per post per 1,000 followers by channel, against what is usual at the account's size."""
    s = report.summary
    if not len(s) or s["organic_conversation_rate"].isna().all():
        return Chart(
            None, missing="No post with both comments and a follower count: conversation cannot be shown."
        )
    fig, ax = new_figure(8, 1.2 + 0.6 * len(s))
    labels = [_literal(_label(report, r)) for r in s.itertuples()]
    values = [per_1k(v) or 0 for v in s["organic_conversation_rate"]]
    colors = [platform_color(p, report.accent_color) for p in s["platform"]]
    ax.barh(labels, values, color=colors, height=0.5)
    expected = _expected(report, s)
    marks = [e for e in expected if e is not None]
    # the axis fits the bars and the expected marks, not intervals that can span 100-fold with few points
    right = 1.35 * max(values + [e[0] for e in marks] + [0.1])
    for i, e in enumerate(expected):
        if e is None:
            continue
        mid, low, high = e
        if low is not None and high is not None:
            ax.plot([low, min(high, right)], [i, i], color="#444", linewidth=2, solid_capstyle="butt")
            if high > right:
                ax.annotate(
                    "", (right, i), xytext=(right * 0.97, i), arrowprops={"arrowstyle": "->", "color": "#444"}
                )
        ax.plot([mid], [i], "|", color="#111", markersize=18, markeredgewidth=2.5)
    for i, v in enumerate(values):
        ax.annotate(f"{v:.1f}", (v, i), xytext=(4, -12), textcoords="offset points", fontsize=10)
    ax.set_xlim(0, right)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e6e6e6")
    ax.set_xlabel("comments per post per 1,000 followers (posts not boosted)")
    caption = "Conversation per channel: longer bars mean more customers talk back."
    if marks:
        caption += (
            " The black mark is what is usual at that channel's size, the grey line the usual range "
            "(an arrow: it goes further)."
        )
    return Chart(fig, caption)


def _literal(text: str) -> str:
    """Text from an export shown as is: a ``$`` would start matplotlib's maths mode."""
    return text.replace("$", r"\$")


def _expected(report, summary: pd.DataFrame) -> list:
    """Per summary row: (expected, low, high) per 1,000 followers, or None."""
    b = report.benchmark
    out = []
    for r in summary.itertuples():
        m = (
            b[(b["platform"] == r.platform) & (b["account"] == r.account)]
            if len(b) and "expected_low" in b
            else b
        )
        if not len(m) or pd.isna(m["expected_conversation_rate"].iloc[0]):
            out.append(None)
            continue
        low, high = m["expected_low"].iloc[0], m["expected_high"].iloc[0]
        out.append((per_1k(m["expected_conversation_rate"].iloc[0]), per_1k(low), per_1k(high)))
    return out


@_guarded
def growth_chart(report) -> Chart:
    """Followers over time, one panel per channel, every spike shaded and the bought ones named.

    Drawn here with plain lines rather than :func:`smanalytics.plots.growth.plot_follower_growth`,
    whose bar per day costs about a second per channel to draw; the spikes are the same
    :func:`smanalytics.growth.detect_spikes` events.
    """
    from matplotlib.figure import Figure

    d = report.dataset.daily.dropna(subset=["followers"])
    if not len(d):
        return Chart(None, missing="The exports hold no daily follower counts, so growth cannot be drawn.")
    accounts = list(d[["platform", "account"]].drop_duplicates().itertuples(index=False))
    fig = Figure(figsize=(8, 0.6 + 2.1 * len(accounts)), dpi=100, layout="constrained")
    axes = fig.subplots(len(accounts), 1, squeeze=False, sharex=True)[:, 0]
    events = report.events
    for ax, (platform, account) in zip(axes, accounts, strict=True):
        part = d[(d["platform"] == platform) & (d["account"] == account)]
        ax.plot(
            part["date"],
            part["followers"].astype(float),
            color=platform_color(platform, report.accent_color),
            linewidth=1.8,
        )
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
        name = _literal(_label(report, _Row(platform, account)))
        ax.set_title(f"{name}: followers", loc="left", fontsize=11)
        if len(events):
            mine = events[(events["platform"] == platform) & (events["account"] == account)]
            shade_events(ax, mine)
            for e in mine[mine["label"] == "suspected_bought"].itertuples():
                ax.annotate(
                    f"looks bought +{int(e.excess_follows):,}",
                    xy=(pd.Timestamp(e.peak), 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(4, -4),
                    textcoords="offset points",
                    ha="left",
                    va="top",
                    fontsize=9,
                    color="#b2182b",
                )
    counts = events["label"].value_counts() if len(events) else pd.Series(dtype=int)
    caption = "Followers at the end of each day."
    if len(counts):
        names = (
            ("suspected_bought", "look bought (red)"),
            ("organic", "organic (green)"),
            ("unclear", "unclear (grey)"),
        )
        parts = [f"{counts.get(k, 0)} {w}" for k, w in names if counts.get(k, 0)]
        caption += (
            " Shaded: jumps in followers, " + ", ".join(parts) + "; each is explained in the table below."
        )
    return Chart(fig, caption)


class _Row:
    """A (platform, account) pair with attribute access, for :func:`_label`."""

    def __init__(self, platform: str, account: str):
        self.platform, self.account = platform, account


@_guarded
def posting_chart(report) -> Chart:
    """Posts a week, month by month, per channel."""
    m = report.monthly
    if not len(m):
        return Chart(None, missing="No posts in the exports: posting consistency cannot be shown.")
    fig, ax = new_figure(8, 3.2)
    for (platform, _account), part in m.groupby(["platform", "account"], observed=True):
        x = part["period"].dt.to_timestamp()
        ax.plot(
            x,
            part["posts_per_week"].astype(float),
            marker="o",
            markersize=3,
            color=platform_color(platform, report.accent_color),
            label=platform_label(platform),
        )
    ax.axhline(1, color="#999", linestyle="--", linewidth=1)
    ax.set_ylabel("posts a week")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return Chart(
        fig,
        "Posts a week, month by month; the dashed line is one post a week. "
        "A line at zero is a silent channel.",
    )
