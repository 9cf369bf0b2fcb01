"""An executed report notebook as one offline HTML page, rendered in-process.

The page has no code cells, no prompts and no stderr output (warnings);
images are embedded as ``data:`` URIs and the styles are inline, so the file
opens offline and can be mailed as it is. nbconvert's ``basic`` template
renders the cells; the page around them is ours, with no scripts and no
links to the network.
"""

from __future__ import annotations

import copy
import functools

from smanalytics.plots.style import ACCENT
from smanalytics.report import html

__all__ = ["notebook_to_html", "PAGE_CSS"]

PAGE_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #222; background: #f6f6f4; margin: 0; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 2em; margin: 0.2em 0 0.1em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
.jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt, .prompt { display: none; }
.sm-headline { background: #f1f6fb; border-left: 6px solid var(--accent); padding: 12px 20px; }
.sm-headline h2 { margin-top: 0.3em; } .sm-headline li { margin: 0.3em 0; } .sm-reco { font-weight: 600; }
.sm-table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.95em; }
.sm-table th, .sm-table td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left;
                             vertical-align: top; }
.sm-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.sm-note { color: #555; font-size: 0.92em; } .sm-missing { color: #8a5a00; }
.sm-figure { margin: 12px 0 20px; } .sm-figure img { max-width: 100%; height: auto; }
.sm-figure figcaption { color: #444; font-size: 0.92em; }
.sm-subtitle { color: #555; margin-top: 0; } .anchor-link { display: none; }
"""


@functools.lru_cache(maxsize=1)
def _exporter():
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter


def _without_noise(notebook):
    """A copy of ``notebook`` without stderr streams and without error tracebacks' code."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
    return notebook


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
    """
    body, _ = _exporter().from_notebook_node(_without_noise(notebook))
    accent = accent_color if accent_color and html.COLOR.fullmatch(accent_color) else ACCENT
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.text(title)}</title>\n"
        f"<style>:root {{ --accent: {accent}; }}{PAGE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
