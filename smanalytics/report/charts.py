"""Charts of the report: matplotlib figures shown as embedded SVG with a plain caption.

The figures are built with :class:`matplotlib.figure.Figure` directly, not
pyplot, so nothing is shown twice by the notebook's inline backend and no
global state changes; :mod:`smanalytics.plots` draws on their Axes. A
:class:`Chart` displays as an HTML ``<figure>`` with the drawing as an SVG
``data:`` URI and an escaped caption. As an ``<img>``, the SVG is an image:
nothing in it runs.

The SVG keeps its text as text, in the font matplotlib laid it out with
(DejaVu Sans) or the first of its fallbacks that the reader's machine has
(Verdana, Arial, Helvetica, ... sans-serif), so one drawing serves the
screen and the PDF: it stays sharp at any zoom, the PDF engine sets its
text in the machine's fonts as it sets the page's, and a browser can show
letters that DejaVu Sans lacks (Hangul, say), which outlines could not. A
sample report's four charts take 0.54-0.59 s of CPU to draw this way,
against 0.72-0.76 s with their text as outlines and 0.85-0.91 s for both
drawings a PDF run used to make (corner-cafe, best of 5); 200-dpi PNG
images for paper had cost more still (1.12 s against 0.89 s, with the PDF).
"""

from __future__ import annotations

import base64
import io

from smanalytics.report import html

__all__ = ["Chart", "new_figure"]


def new_figure(
    width: float,
    height: float,
    *,
    rows: int = 1,
    sharex: bool = False,
    margins: bool = False,
    heights: list[float] | None = None,
):
    """A pyplot-free Figure of ``rows`` Axes stacked; returns it and the list of Axes.

    ``heights`` gives the rows' relative heights (default: equal).
    The layout is worked out when the figure is drawn, to fit every label;
    with ``margins``, fixed margins (0.75 inch on each side, 0.4 above and
    below each panel) are used instead, which draws several times faster
    for panels whose labels fit them.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout=None if margins else "constrained")
    ratios = {"height_ratios": heights} if heights else None
    axes = list(fig.subplots(rows, 1, squeeze=False, sharex=sharex, gridspec_kw=ratios)[:, 0])
    if margins:
        panel = (height - 0.4 * (rows + 1)) / rows
        fig.subplots_adjust(left=0.75 / width, right=1 - 0.75 / width, bottom=0.4 / height,
                            top=1 - 0.4 / height, hspace=0.4 / panel)  # fmt: skip
    return fig, axes


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

    def svg(self) -> bytes:
        """The figure as SVG bytes, its text as text: no date or program version in them, and ids
        (clip paths, markers) hashed from the drawing with a fixed salt, so a chart drawn again gives
        the same bytes."""
        import matplotlib

        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": "smanalytics", "svg.fonttype": "none"}):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        if self.figure is None:
            return f'<p class="sm-missing">{html.text(self.missing or "Nothing to show.")}</p>'
        data = base64.b64encode(self.svg()).decode("ascii")
        alt = html.attr(self.caption or "chart")
        return (
            f'<figure class="sm-figure"><img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
            f"<figcaption>{html.text(self.caption)}</figcaption></figure>"
        )
