"""``OUT/index.html``: every client of a batch, its headline figures and links to its report (HTML, PDF).

The figures come from each client's ``metrics.json`` (its ``index`` entries:
label, value and, for a report of a period, the previous period's value and
the verdict, prepared by :mod:`smanalytics.report.figures`), so the index
shows exactly what the reports show. Names and texts are escaped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from smanalytics import i18n
from smanalytics.i18n import N_, Nn_, _, ngettext, pgettext
from smanalytics.plots.style import ACCENT
from smanalytics.report import formats, html
from smanalytics.report._output import write_text
from smanalytics.report.branding import Agency, masthead
from smanalytics.report.render import PAGE_CSS

__all__ = ["write_index", "index_html"]


def _metrics(folder: Path) -> dict:
    try:
        return json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def index_html(batch, out: str | os.PathLike, *, agency: Agency | None = None) -> str:
    """The index page of ``batch`` (a :class:`~smanalytics.report.batch.BatchResult`), with ``agency``'s
    logo and name at the top, in the language most of its reports are written in (English if none)."""
    out = Path(out)
    metrics = {c.id: _metrics(out / c.id) if c.status != "failed" else {} for c in batch.clients}
    language = i18n.language_from_exports(m.get("language") for m in metrics.values())
    with i18n.use(language):
        return _index_html(batch, out, metrics, agency, language)


def _index_html(batch, out: Path, metrics: dict, agency: Agency | None, language: str) -> str:
    rows, labels = [], []
    for m in metrics.values():
        for entry in _entries(m):
            if entry["label"] not in labels:
                labels.append(entry["label"])
    for c in batch.clients:
        m = metrics[c.id]
        figures = {e["label"]: e for e in _entries(m)}
        if c.status == "failed":
            err = c.error or {}
            link = html.text(c.name)
            # Translators: a client whose report failed: the error's name and its message (in English).
            failed = _("failed: {error}: {message}").format(
                error=err.get("exception"), message=html.shorten(err.get("message"), 160)
            )
            status = f'<span class="sm-missing">{html.text(failed)}</span>'
        else:
            link = f'<a href="{html.attr(c.id)}/report.html">{html.text(c.name)}</a>'
            if (out / c.id / "report.pdf").is_file():
                link += f' <a class="sm-pdf" href="{html.attr(c.id)}/report.pdf">PDF</a>'
            status = html.text(
                pgettext("report status", "current")
                if c.status == "skipped"
                else pgettext("report status", "ok")
            )
        finding = html.text((m.get("headline") or {}).get("recommendation", ""))
        cells = "".join(f'<td class="num">{_cell(figures.get(label))}</td>' for label in labels)
        rows.append(
            f"<tr><td>{link}<br><small>{html.text(c.id)}</small></td>{cells}<td>{finding}</td>"
            f"<td>{status}</td></tr>"
        )
    head = "".join(f'<th class="num">{html.text(_(label))}</th>' for label in labels)
    clients, failed = len(batch.clients), len(batch.failed)
    if failed:
        summary = ngettext(*CLIENTS_FAILED, clients).format(clients=clients, failed=failed)
    else:
        summary = ngettext(*CLIENTS, clients).format(clients=clients)
    periods = {_period_names(m) for m in metrics.values() if m.get("period")}
    if len(periods) == 1 and None not in periods:
        summary = _(INDEX_PERIODS).format(clients=summary, **dict(periods.pop()))
    accent = agency.accent_color if agency and agency.accent_color else ACCENT
    title = html.text(_("Client reports"))
    columns = [_("Client"), _("Recommendation"), _("Status")]
    client, recommendation, status = (html.text(c) for c in columns)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f"<style>:root {{ --accent: {accent}; }}{PAGE_CSS} main {{ max-width: 1200px; }}</style>\n</head>\n"
        f"<body><main>\n{masthead(agency)}<h1>{title}</h1>\n"
        f'<p class="sm-subtitle">{html.text(summary)}</p>\n'
        f'<table class="sm-table"><thead><tr><th>{client}</th>{head}<th>{recommendation}</th>'
        f"<th>{status}</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</main></body>\n"
        "</html>\n"
    )


#: The index's words, whole messages.
CLIENTS = Nn_("{clients} client", "{clients} clients")
CLIENTS_FAILED = Nn_("{clients} client, {failed} failed", "{clients} clients, {failed} failed")
# Translators: the index's subtitle: "6 clients: October 2026, against September 2026".
INDEX_PERIODS = N_("{clients}: {period}, against {previous}")
# Translators: under a figure of the index: an arrow (rise, fall) and the previous period's value.
INDEX_CHANGE = N_("{arrow} from {previous}")
INDEX_UNKNOWN_BEFORE = N_("before: unknown")


def _entries(m: dict) -> list[dict]:
    """The index entries of a ``metrics.json`` (format 2 dicts; format 1 label and text pairs)."""
    out = []
    for entry in m.get("index", []):
        if isinstance(entry, dict) and "label" in entry:
            out.append(entry)
        elif isinstance(entry, (list, tuple)) and len(entry) == 2:
            out.append({"label": entry[0], "value": entry[1]})
    return out


def _cell(entry: dict | None) -> str:
    """A figure, and below it the change since the previous period (``↑ from 1,282``)."""
    if entry is None:
        return html.text(formats.UNKNOWN_NUMBER)
    value = html.text(entry.get("value", formats.UNKNOWN_NUMBER))
    if "previous" not in entry:
        return value
    if entry.get("previous") is None:
        change = _(INDEX_UNKNOWN_BEFORE)
    else:
        arrow = formats.ARROWS.get(entry.get("verdict"), "")
        change = _(INDEX_CHANGE).format(arrow=arrow, previous=entry["previous"]).strip()
    return f'{value}<br><small class="sm-change">{html.text(change)}</small>'


def _period_names(m: dict) -> tuple | None:
    """The report's period and the previous one as a reader names them, or None without a period."""
    from smanalytics.periods import Period

    period, previous = m.get("period") or {}, (m.get("comparison") or {}).get("previous")
    if period.get("kind") in (None, "all") or not previous:
        return None
    try:
        now = Period(
            dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"]), period["kind"]
        )
        before = Period(dt.date.fromisoformat(previous["start"]), dt.date.fromisoformat(previous["end"]),
                        period["kind"])  # fmt: skip
    except (KeyError, TypeError, ValueError):
        return None
    return (("period", formats.period_name(now)), ("previous", formats.period_name(before)))


def write_index(batch, out: str | os.PathLike, agency: Agency | None = None) -> Path:
    """Write ``out/index.html`` atomically; return its path."""
    path = Path(out) / "index.html"
    write_text(path, index_html(batch, out, agency=agency))
    return path
