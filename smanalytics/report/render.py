"""An executed report notebook as one offline HTML page, rendered in-process.

The page has no code cells, no prompts and no stderr output (warnings);
images are embedded as ``data:`` URIs and the styles are inline, so the file
opens offline and can be mailed as it is. There are no scripts and no links
to the network.

The page is built here straight from the cells: a report needs each code
cell's richest output (the sections' HTML, the charts' ``<figure>``), the
template's Markdown and the page around them. nbconvert's HTML exporter,
which rendered it before, validated the notebook once per preprocessor,
parsed and re-serialised the page with BeautifulSoup to embed Markdown
images (the charts already are) and ran its Jinja templates: 0.2-0.4 s a
report on a quiet machine, against milliseconds here.
"""

from __future__ import annotations

import functools

from smanalytics.plots.style import ACCENT
from smanalytics.report import html

__all__ = ["notebook_to_html", "PAGE_CSS", "DISPLAY_PRIORITY"]

#: The output types a display is shown as, richest first (the first it has is shown).
DISPLAY_PRIORITY = ("text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain")

PAGE_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #222; background: #f6f6f4; margin: 0; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 2em; margin: 0.2em 0 0.1em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.sm-headline { background: #f1f6fb; border-left: 6px solid var(--accent); padding: 12px 20px; }
.sm-headline h2 { margin-top: 0.3em; } .sm-headline li { margin: 0.3em 0; } .sm-reco { font-weight: 600; }
.sm-table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.95em; }
.sm-table th, .sm-table td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left;
                             vertical-align: top; }
.sm-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.sm-table td.num { white-space: nowrap; }
.sm-note { color: #555; font-size: 0.92em; } .sm-missing { color: #8a5a00; }
.sm-figure { margin: 12px 0 20px; } .sm-figure img { max-width: 100%; height: auto; }
.sm-figure figcaption { color: #444; font-size: 0.92em; }
.sm-subtitle { color: #555; margin-top: 0; }
"""


def notebook_to_html(notebook, *, title: str, accent_color: str | None = None) -> str:
    """The executed ``notebook`` as a self-contained HTML page.

    Parameters
    ----------
    notebook
        An executed ``nbformat`` notebook.
    title
        The page title (escaped here).
    accent_color
        ``#rrggbb`` for the headline's border; other values are ignored.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
    >>> nb = new_notebook(cells=[new_markdown_cell("## Reach"), new_code_cell("x", outputs=[
    ...     new_output("display_data", data={"text/html": "<p>12</p>", "text/plain": "12"})])])
    >>> page = notebook_to_html(nb, title="Café <&>")
    >>> "<title>Café &lt;&amp;&gt;</title>" in page, "<h2>Reach</h2>" in page, "<p>12</p>" in page
    (True, True, True)
    """
    body = "\n".join(part for part in map(_cell_html, notebook.cells) if part)
    accent = accent_color if accent_color and html.COLOR.fullmatch(accent_color) else ACCENT
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.text(title)}</title>\n"
        f"<style>:root {{ --accent: {accent}; }}{PAGE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _cell_html(cell) -> str:
    """A cell as HTML: Markdown rendered; a code cell's outputs, never its code."""
    if cell.get("cell_type") == "markdown":
        source = "".join(cell.get("source", ""))
        return f'<div class="sm-text">\n{_markdown()(source)}</div>' if source.strip() else ""
    if cell.get("cell_type") != "code":
        return ""
    shown = "".join(_output_html(o) for o in cell.get("outputs", []))
    return f'<div class="sm-output">\n{shown}\n</div>' if shown else ""


def _output_html(output) -> str:
    """One output of a code cell as HTML; "" for a stderr stream (warnings are not for the reader)."""
    kind = output.get("output_type")
    if kind == "stream":
        return (
            "" if output.get("name") == "stderr" else f"<pre>{html.text(_joined(output.get('text')))}</pre>"
        )
    if kind == "error":
        ename, evalue = html.text(output.get("ename")), html.text(output.get("evalue"))
        return f'<pre class="sm-error">{ename}: {evalue}</pre>'
    data = output.get("data", {})
    mime = next((m for m in DISPLAY_PRIORITY if m in data), None)
    if mime is None:
        return ""
    value = _joined(data[mime])
    if mime in ("text/html", "image/svg+xml"):  # the kernel's own markup, as a notebook shows it
        return value
    if mime.startswith("image/"):
        return f'<img src="data:{mime};base64,{value.strip()}" alt="">'
    if mime == "text/markdown":
        return _markdown()(value)
    return f"<pre>{html.text(value)}</pre>"


def _joined(value) -> str:
    """nbformat keeps multi-line text as a list of lines or as one string."""
    if value is None:
        return ""
    return "".join(value) if isinstance(value, list) else str(value)


@functools.lru_cache(maxsize=1)
def _markdown():
    """The template's Markdown renderer (CommonMark with tables), HTML in it kept as Jupyter keeps it."""
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
