"""The report page built straight from the executed cells."""

from __future__ import annotations

import base64
import re

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

from smanalytics.report.render import notebook_to_html


def test_each_cell_shows_its_richest_output_escaped_where_it_is_text_and_never_its_code():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Reach\n\nPeople who *saw* a post."),
            new_code_cell(
                "print('x')",
                outputs=[
                    new_output("stream", name="stdout", text=["<b>1</b> post\n", "read\n"]),
                    new_output("stream", name="stderr", text="FutureWarning: noisy\n"),
                    new_output("display_data", data={"text/plain": "<Chart>", "image/png": "iVBORw0KGgo=\n"}),
                    new_output("execute_result", data={"text/plain": "'<i>plain</i>'"}, execution_count=2),
                    new_output("error", ename="ValueError", evalue="bad <value>", traceback=["SECRET_FRAME"]),
                ],
            ),
            new_code_cell("import os", outputs=[]),
            new_raw_cell("RAW_TEXT"),
        ]
    )
    page = notebook_to_html(nb, title="t")
    body = page[page.index("<main>") : page.index("</main>")]
    assert body == (
        '<main>\n<div class="sm-text">\n<h2>Reach</h2>\n<p>People who <em>saw</em> a post.</p>\n</div>\n'
        '<div class="sm-output">\n'
        "<pre>&lt;b&gt;1&lt;/b&gt; post\nread\n</pre>"
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">'
        "<pre>&#x27;&lt;i&gt;plain&lt;/i&gt;&#x27;</pre>"
        '<pre class="sm-error">ValueError: bad &lt;value&gt;</pre>\n'
        "</div>\n"
    )


def _drawing(page: str) -> str:
    """The one SVG chart embedded in ``page``."""
    (data,) = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    return base64.b64decode(data).decode("utf-8")


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # matplotlib lays the Hangul out with boxes
def test_a_chart_keeps_its_text_as_text_escaped_and_shows_as_it_was_drawn():
    from IPython.core.formatters import DisplayFormatter

    from smanalytics.report.charts import Chart, new_figure

    fig, (ax,) = new_figure(4, 2)
    ax.plot([0, 1], [0, 1])
    ax.set_title("Reach <rose> 도달")
    bundle, _ = DisplayFormatter().format(Chart(fig, "Reach <rose>"))  # as the kernel displays it
    assert sorted(bundle) == ["text/html", "text/plain"]
    nb = new_notebook(cells=[new_code_cell("chart", outputs=[new_output("display_data", data=bundle)])])
    page = notebook_to_html(nb, title="t")
    drawing = _drawing(page)
    # text, escaped, for the browser or the PDF engine to set (and Hangul, which DejaVu Sans lacks, with it)
    assert "Reach &lt;rose&gt; 도달" in drawing and 'id="DejaVuSans-' not in drawing  # no outlined glyphs
    assert "DejaVu Sans" in drawing and "sans-serif" in drawing  # its fonts, then the fallbacks
    assert "<figcaption>Reach &lt;rose&gt;</figcaption>" in page
    assert bundle["text/html"] == Chart(fig, "Reach <rose>")._repr_html_()  # drawn again, the same bytes
