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

The same page is the PDF's source (:mod:`smanalytics.report.pdf`): its
:data:`PRINT_CSS` lays it out on paper (``@page`` size and margins, the
client, period and page number in the footer, charts, tables and headings
kept whole or with what follows), so a browser's "print" gives the same
pages.
"""

from __future__ import annotations

import functools

from smanalytics.plots.style import ACCENT
from smanalytics.report import html
from smanalytics.report.spec import PAPER_SIZES

__all__ = ["notebook_to_html", "PAGE_CSS", "PRINT_CSS", "page_css", "DISPLAY_PRIORITY"]

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
.sm-page-header, .sm-page-footer { display: none; }
.sm-agency { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; padding-bottom: 10px;
             margin-bottom: 12px; border-bottom: 3px solid var(--accent); }
.sm-logo { max-height: 56px; max-width: 220px; width: auto; height: auto; }
.sm-agency-name { font-size: 1.25em; font-weight: 600; color: var(--accent); }
.sm-agency-footer { color: #555; font-size: 0.9em; margin-left: auto; }
.sm-note-box { border: 1px solid #ddd; border-top: 4px solid var(--accent); padding: 4px 20px 8px;
               margin: 16px 0; } .sm-note-box h2 { border: 0; margin-top: 0.5em; font-size: 1.2em; }
"""

#: How the page is laid out on paper (``{size}`` is the ``@page`` size). The report's title section
#: writes two running elements: ``.sm-page-header`` (the agency's logo or name, at the top of every
#: page but the first, which has the masthead) and ``.sm-page-footer`` (client, period, the agency's
#: footer line); the page number is at the bottom right. Charts, tables, the headline and the note
#: are kept whole where they fit on a page (a longer table breaks between rows, its header repeated),
#: and a heading (the template's Markdown cells, ``.sm-text``) or a line that introduces a table (an
#: output's paragraph) stays with what follows it; a note under a table (``.sm-note``)
#: introduces nothing, so the section after it can start on the same page.
PRINT_CSS = """
@page { size: {size}; margin: 18mm 14mm 20mm;
  @top-right { content: element(sm-page-header); vertical-align: bottom; }
  @bottom-left { content: element(sm-page-footer); width: 80%; vertical-align: top; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); vertical-align: top;
                  padding-top: 2mm; font: 8pt Arial, "Liberation Sans", sans-serif; color: #666; } }
@page :first { @top-right { content: none; } }
@media print {
  html { font-size: 10pt; }
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  .sm-page-header { display: block; position: running(sm-page-header); font-size: 8pt; color: #666;
                    padding-bottom: 2mm; }
  .sm-page-header img { height: 7mm; width: auto; }
  .sm-page-footer { display: block; position: running(sm-page-footer); font-size: 8pt; color: #666;
                    padding-top: 2mm; }
  .sm-agency .sm-agency-footer { display: none; }
  h1, h2, h3, h4, h2 + p, .sm-text, .sm-output > p { break-after: avoid; }  /* with what it introduces */
  .sm-output > p.sm-note { break-after: auto; }  /* a note under a table introduces nothing */
  .sm-figure, .sm-headline, .sm-note-box, .sm-table tr, img { break-inside: avoid; }
  .sm-table { break-inside: avoid; width: 100%; }
  .sm-table thead { display: table-header-group; }
  .sm-table td, .sm-table th { overflow-wrap: break-word; }
  .sm-appendix .sm-table { break-inside: auto; font-size: 0.85em; }  /* one row per file: may be long */
  .sm-appendix .sm-table td:first-child { overflow-wrap: anywhere; width: 34%; }
  .sm-figure img { max-width: 100%; max-height: 200mm; }
}
"""


def page_css(*, accent_color: str | None = None, paper: str = "a4") -> str:
    """The page's styles: the accent colour (``#rrggbb``, else the palette's), screen and print.

    Examples
    --------
    >>> "size: letter;" in page_css(paper="letter"), "--accent: #0b6e4f;" in page_css(accent_color="#0b6e4f")
    (True, True)
    """
    accent = accent_color if accent_color and html.COLOR.fullmatch(accent_color) else ACCENT
    printed = PRINT_CSS.replace("{size}", PAPER_SIZES[paper]).replace(_PAGE_COUNTER, _page_counter())
    return f":root {{ --accent: {accent}; }}{PAGE_CSS}{printed}"


#: The page counter of :data:`PRINT_CSS`, which :func:`page_css` writes in the active language.
_PAGE_COUNTER = '"Page " counter(page) " of " counter(pages)'


def _page_counter() -> str:
    """``"Page " counter(page) " of " counter(pages)`` from the message, in the active language.

    Examples
    --------
    >>> from smanalytics.i18n import use
    >>> with use("de"):
    ...     _page_counter()
    '"Seite " counter(page) " von " counter(pages)'
    """
    import re

    from smanalytics.i18n import _

    # Translators: the foot of each printed page: "Page 2 of 7".
    parts = re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}"))
    counters = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
    return " ".join(counters.get(p) or '"' + p.replace("\\", "").replace('"', "'") + '"' for p in parts if p)


def notebook_to_html(
    notebook,
    *,
    title: str,
    accent_color: str | None = None,
    paper: str = "a4",
    language: str = "en",
) -> str:
    """The executed ``notebook`` as a self-contained HTML page.

    Parameters
    ----------
    notebook
        An executed ``nbformat`` notebook.
    title
        The page title (escaped here).
    accent_color
        ``#rrggbb`` for the headline's border; other values are ignored.
    paper
        The paper size when printed (a key of :data:`~smanalytics.report.spec.PAPER_SIZES`).
    language
        The language the page is written in (``<html lang="fr">``), one of
        :data:`smanalytics.i18n.LANGUAGES`.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
    >>> nb = new_notebook(cells=[new_markdown_cell("## Reach"), new_code_cell("x", outputs=[
    ...     new_output("display_data", data={"text/html": "<p>12</p>", "text/plain": "12"})])])
    >>> page = notebook_to_html(nb, title="Café <&>", language="fr")
    >>> "<title>Café &lt;&amp;&gt;</title>" in page, "<h2>Reach</h2>" in page, "<p>12</p>" in page
    (True, True, True)
    >>> page.startswith('<!DOCTYPE html>\\n<html lang="fr">')
    True
    """
    from smanalytics.i18n import check_language, use

    body = "\n".join(part for part in (_cell_html(cell) for cell in notebook.cells) if part)
    with use(language):
        css = page_css(accent_color=accent_color, paper=paper)
    return (
        f'<!DOCTYPE html>\n<html lang="{check_language(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.text(title)}</title>\n"
        f"<style>{css}</style>\n</head>\n"
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
    """The template's Markdown renderer (CommonMark with tables), HTML in it kept as Jupyter keeps it.

    The same library as the analyst's notes (:mod:`smanalytics.report.notes`),
    which turn raw HTML off: the template is ours, a note is not.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render
