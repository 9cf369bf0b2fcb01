"""``OUT/index.html``: every client of a batch, its headline figures and a link to its report.

The figures come from each client's ``metrics.json`` (its ``index`` entry:
label and text pairs prepared by :mod:`smanalytics.report.content`), so the
index shows exactly what the reports show. Names and texts are escaped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from smanalytics.plots.style import ACCENT
from smanalytics.report import html
from smanalytics.report._output import write_text
from smanalytics.report.render import PAGE_CSS

__all__ = ["write_index", "index_html"]


def _metrics(folder: Path) -> dict:
    try:
        return json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def index_html(batch, out: str | os.PathLike) -> str:
    """The index page of ``batch`` (a :class:`~smanalytics.report.batch.BatchResult`)."""
    out = Path(out)
    rows, labels = [], []
    metrics = {c.id: _metrics(out / c.id) if c.status != "failed" else {} for c in batch.clients}
    for m in metrics.values():
        for label, _ in m.get("index", []):
            if label not in labels:
                labels.append(label)
    for c in batch.clients:
        m = metrics[c.id]
        figures = dict(m.get("index", []))
        if c.status == "failed":
            err = c.error or {}
            link = html.text(c.name)
            status = (
                f'<span class="sm-missing">failed: {html.text(err.get("exception"))}: '
                f"{html.text(html.shorten(err.get('message'), 160))}</span>"
            )
        else:
            link = f'<a href="{html.attr(c.id)}/report.html">{html.text(c.name)}</a>'
            status = "current" if c.status == "skipped" else "ok"
        finding = html.text((m.get("headline") or {}).get("recommendation", ""))
        cells = "".join(f'<td class="num">{html.text(figures.get(label, "–"))}</td>' for label in labels)
        rows.append(
            f"<tr><td>{link}<br><small>{html.text(c.id)}</small></td>{cells}<td>{finding}</td>"
            f"<td>{status}</td></tr>"
        )
    head = "".join(f'<th class="num">{html.text(label)}</th>' for label in labels)
    failed = len(batch.failed)
    summary = f"{len(batch.clients)} clients, {failed} failed" if failed else f"{len(batch.clients)} clients"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>Client reports</title>\n"
        f"<style>:root {{ --accent: {ACCENT}; }}{PAGE_CSS} main {{ max-width: 1200px; }}</style>\n</head>\n"
        f'<body><main>\n<h1>Client reports</h1>\n<p class="sm-subtitle">{html.text(summary)}</p>\n'
        f'<table class="sm-table"><thead><tr><th>Client</th>{head}<th>Recommendation</th><th>Status</th>'
        f"</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</main></body>\n</html>\n"
    )


def write_index(batch, out: str | os.PathLike) -> Path:
    """Write ``out/index.html`` atomically; return its path."""
    path = Path(out) / "index.html"
    write_text(path, index_html(batch, out))
    return path
