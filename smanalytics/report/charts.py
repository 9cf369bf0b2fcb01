"""Charts of the report: matplotlib figures shown as embedded PNG with a plain caption.

The figures are built with :class:`matplotlib.figure.Figure` directly, not
pyplot, so nothing is shown twice by the notebook's inline backend and no
global state changes. A :class:`Chart` displays as an HTML ``<figure>`` with the
PNG as a ``data:`` URI and an escaped caption.
"""

from __future__ import annotations

import base64
import io

import pandas as pd

from smanalytics.report import html

__all__ = ["Chart", "new_figure", "PLATFORM_COLORS", "platform_color", "platform_label", "shade_events"]

PLATFORM_COLORS = {
    "instagram": "#c13584",
    "facebook": "#1877f2",
    "x": "#333333",
    "tiktok": "#25a3a3",
    "youtube": "#d62b2b",
    "linkedin": "#0a66c2",
}


def platform_color(platform: str, accent: str = "#2a6f97") -> str:
    """The colour a platform is drawn in (``accent`` for one not listed)."""
    return PLATFORM_COLORS.get(str(platform).lower(), accent)


def platform_label(platform: str) -> str:
    """A platform's name as a reader knows it (``x`` -> ``X``).

    Examples
    --------
    >>> platform_label("tiktok"), platform_label("x")
    ('TikTok', 'X')
    """
    names = {"x": "X", "tiktok": "TikTok", "youtube": "YouTube", "linkedin": "LinkedIn"}
    return names.get(str(platform).lower(), str(platform).title())


def new_figure(width: float = 8.0, height: float = 3.6):
    """A pyplot-free Figure with one Axes styled for reading: no top/right spines, light grid."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


class Chart:
    """A drawn figure with a caption; displays in a notebook and in the HTML report.

    Parameters
    ----------
    figure
        A matplotlib Figure (or None when there was nothing to draw).
    caption
        One or two plain sentences saying what to read from the chart.
    missing
        Shown instead of the figure when there was nothing to draw.
    """

    def __init__(self, figure, caption: str = "", *, missing: str | None = None):
        self.figure = figure
        self.caption = caption
        self.missing = missing

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        if self.figure is None:
            return f'<p class="sm-missing">{html.text(self.missing or "Nothing to show.")}</p>'
        data = base64.b64encode(self.png()).decode("ascii")
        alt = html.attr(self.caption or "chart")
        return (
            f'<figure class="sm-figure"><img src="data:image/png;base64,{data}" alt="{alt}">'
            f"<figcaption>{html.text(self.caption)}</figcaption></figure>"
        )


def shade_events(ax, events: pd.DataFrame, *, colors: dict[str, str] | None = None) -> None:
    """Shade each spike's days on ``ax`` (red: suspected bought, green: organic, grey: unclear)."""
    colors = colors or {"suspected_bought": "#d62728", "organic": "#2ca02c", "unclear": "#9a9a9a"}
    for event in events.itertuples():
        start = pd.Timestamp(event.start) - pd.Timedelta(hours=12)
        end = pd.Timestamp(event.end) + pd.Timedelta(hours=12)
        bought = event.label == "suspected_bought"
        ax.axvspan(
            start, end, color=colors.get(event.label, "#9a9a9a"), alpha=0.35 if bought else 0.18, linewidth=0
        )
