"""Charts of the report: matplotlib figures shown as embedded SVG with a plain caption.

The figures are built with :class:`matplotlib.figure.Figure` directly, not
pyplot, so nothing is shown twice by the notebook's inline backend and no
global state changes; :mod:`smanalytics.plots` draws on their Axes. A
:class:`Chart` displays as an HTML ``<figure>`` with the drawing as an SVG
``data:`` URI and an escaped caption. SVG keeps a chart sharp at any zoom,
costs no more to draw than a 100 dpi PNG, and its text is drawn as outlines,
so no font is needed to read it. As an ``<img>``, the SVG is an image:
nothing in it runs.

For paper (a Chart made with ``paper=True``, when the run makes a PDF), a
Chart also gives the same figure as an SVG whose text is kept as text,
under its own media type :data:`PRINT_HTML` (a notebook shows ``text/html``
and ignores it). The PDF engine sets that text in the machine's fonts, as
it sets the page's, where it would draw the screen SVG's thousands of
outlined glyphs one by one: the chart stays sharp at any zoom, and drawing a
sample report's four charts for paper and making its PDF took 0.89 s against
1.12 s with 200-dpi PNG images, for a PDF a quarter of the size. It is drawn
with the layout the screen SVG has just worked out, which is not fitted again.
"""

from __future__ import annotations

import base64
import io

from smanalytics.report import html

__all__ = ["Chart", "new_figure", "PRINT_HTML"]

#: The media type of a chart's HTML for paper (see :mod:`smanalytics.report.render`).
PRINT_HTML = "application/vnd.smanalytics.print+html"


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
    paper
        Also give the figure drawn for paper (:data:`PRINT_HTML`); that costs
        a second drawing, so only a run that makes a PDF asks for it.
    """

    def __init__(self, figure, caption: str = "", *, missing: str | None = None, paper: bool = False):
        self.figure = figure
        self.caption = caption
        self.missing = missing
        self.paper = paper

    def svg(self, *, text_as_text: bool = False) -> bytes:
        """The figure as SVG bytes: no date or program version in them, and ids (clip paths, markers)
        hashed from the drawing with a fixed salt, so a chart drawn again gives the same bytes.

        Its text is drawn as outlines, which need no font to be read, unless
        ``text_as_text`` (the chart for paper)."""
        import matplotlib

        buffer = io.BytesIO()
        style = {"svg.hashsalt": "smanalytics", "svg.fonttype": "none" if text_as_text else "path"}
        with matplotlib.rc_context(style):
            self.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        return buffer.getvalue()

    def print_svg(self) -> bytes:
        """The figure for paper: an SVG with its text as text, laid out as last drawn (not fitted again)."""
        engine = self.figure.get_layout_engine()
        self.figure.set_layout_engine("none")
        try:
            return self.svg(text_as_text=True)
        finally:
            self.figure.set_layout_engine(engine)

    def _repr_html_(self) -> str:
        return self._figure_html("image/svg+xml", self.svg)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """The chart for the screen (``text/html``) and, when made for paper, for it (:data:`PRINT_HTML`)."""
        bundle = {"text/html": self._repr_html_()}
        if self.paper:
            bundle[PRINT_HTML] = self._figure_html("image/svg+xml", self.print_svg)
        return bundle

    def _figure_html(self, mime: str, draw) -> str:
        if self.figure is None:
            return f'<p class="sm-missing">{html.text(self.missing or "Nothing to show.")}</p>'
        data = base64.b64encode(draw()).decode("ascii")
        alt = html.attr(self.caption or "chart")
        return (
            f'<figure class="sm-figure"><img src="data:{mime};base64,{data}" alt="{alt}">'
            f"<figcaption>{html.text(self.caption)}</figcaption></figure>"
        )
