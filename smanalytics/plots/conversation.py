"""Conversation per channel, against what is usual at each account's size."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from smanalytics.i18n import _, fmt
from smanalytics.metrics.rates import per_1k
from smanalytics.plots.style import (
    ACCENT,
    GRID,
    INK,
    axes,
    channel_labels,
    literal,
    number_axis,
    platform_color,
)

__all__ = ["plot_conversation_by_channel"]


def plot_conversation_by_channel(
    data: pd.DataFrame,
    benchmark: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
    rate: str = "organic_conversation_rate",
    accent: str = ACCENT,
) -> Axes:
    """One bar per account: comments per post per 1,000 followers, with the usual value at its size.

    Parameters
    ----------
    data
        :func:`~smanalytics.metrics.account_summary` output: ``platform``,
        ``account`` and ``rate`` (comments / followers when posted).
    benchmark
        :func:`~smanalytics.metrics.size_benchmark` output for the same
        accounts: ``expected_conversation_rate`` (a black mark on the bar's
        row) and ``expected_low``, ``expected_high`` (a grey line: the usual
        range; an arrow where it runs past the axis); none for a row whose
        ``usable`` is false.
    ax
        Axes to draw on; the current one by default.
    rate
        The column drawn (default: posts that were not boosted).
    accent
        The colour of a platform the palette does not list.

    Returns
    -------
    Axes
        The bars in ``ax.patches`` (top to bottom in the order of ``data``),
        each labelled with its value; the usual values and ranges in ``ax.lines``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> summary = pd.DataFrame({"platform": ["instagram", "x"], "account": ["cafe", "cafe"],
    ...                         "organic_conversation_rate": [0.012, 0.002]})
    >>> bench = pd.DataFrame({"platform": ["instagram"], "account": ["cafe"],
    ...     "expected_conversation_rate": [0.006], "expected_low": [0.004], "expected_high": [0.010]})
    >>> ax = plot_conversation_by_channel(summary, bench, ax=plt.figure().gca())
    >>> [round(float(p.get_width()), 1) for p in ax.patches], [t.get_text() for t in ax.get_yticklabels()]
    ([12.0, 2.0], ['Instagram', 'X'])
    >>> [line.get_xdata().tolist() for line in ax.lines]  # the usual range, then the usual value
    [[4.0, 10.0], [6.0]]
    """
    ax = axes(ax)
    values = [0.0 if v is None else v for v in map(per_1k, data[rate])]
    labels = [literal(name) for name in channel_labels(data["platform"], data["account"])]
    ax.barh(labels, values, color=[platform_color(p, accent) for p in data["platform"]], height=0.5)
    expected = _expected(data, benchmark)
    marks = [e for e in expected if e is not None]
    # the axis fits the bars and the usual values, not ranges that can span 100-fold with few points
    right = 1.35 * max(values + [mid for mid, _, _ in marks] + [0.1])
    for row, e in enumerate(expected):
        if e is None:
            continue
        mid, low, high = e
        if low is not None and high is not None:
            ax.plot([low, min(high, right)], [row, row], color=INK, linewidth=2, solid_capstyle="butt")
            if high > right:
                ax.annotate("", (right, row), xytext=(right * 0.97, row),
                            arrowprops={"arrowstyle": "->", "color": INK})  # fmt: skip
        ax.plot([mid], [row], "|", color="#111111", markersize=18, markeredgewidth=2.5)
    for row, value in enumerate(values):  # 1.6, 0.036: X's few replies per 1,000 followers do not read 0.0
        text = fmt.number(value, 1) if value >= 1 or value == 0 else fmt.rate(value)
        ax.annotate(text, (value, row), xytext=(4, -12), textcoords="offset points", fontsize=10)
    ax.set_xlim(0, right)
    ax.invert_yaxis()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    ax.set_xlabel(_("comments per post per 1,000 followers (posts not boosted)"))
    number_axis(ax.xaxis)
    return ax


def _expected(data: pd.DataFrame, benchmark: pd.DataFrame | None) -> list:
    """Per row of ``data``: (usual, low, high) per 1,000 followers, or None."""
    if benchmark is None or not len(benchmark) or "expected_conversation_rate" not in benchmark:
        return [None] * len(data)
    columns = ["expected_conversation_rate", "expected_low", "expected_high"]
    if "usable" in benchmark:  # too few comparable accounts: no usual value to draw
        benchmark = benchmark[benchmark["usable"].fillna(False).astype(bool)]
    usual = benchmark.reindex(columns=["platform", "account", *columns])
    found = data[["platform", "account"]].merge(
        usual.drop_duplicates(["platform", "account"]), on=["platform", "account"], how="left"
    )
    out = []
    for mid, low, high in found[columns].itertuples(index=False):
        if pd.isna(mid):
            out.append(None)
        else:
            out.append((per_1k(mid), per_1k(low), per_1k(high)))
    return out
