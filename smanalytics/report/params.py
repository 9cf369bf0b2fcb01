"""The template notebook and the parameters a client's report is run with.

The template's first cell is tagged ``parameters``; papermill injects the
values built here after it. Every value is plain data (text, numbers, a list
of text): a client's name reaches the notebook as a string literal, never as
code.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["TEMPLATE", "PARAMETERS", "report_parameters"]

#: The papermill template shipped with the package's source tree.
TEMPLATE = Path(__file__).resolve().parents[2] / "notebooks" / "client_report.ipynb"

#: Parameters of the template, in the order of its first cell.
PARAMETERS = (
    "client_id",
    "client_name",
    "exports",
    "out_dir",
    "period_start",
    "period_end",
    "hours_per_week",
    "reference",
    "accent_color",
)


def report_parameters(
    client_id: str,
    exports: list[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    client_name: str | None = None,
    period_start: str | None = None,
    period_end: str | None = None,
    hours_per_week: float | None = None,
    reference: str | os.PathLike | None = None,
    accent_color: str | None = None,
) -> dict:
    """The papermill parameters of one client's report.

    Every parameter is passed, so no template default (which describes the
    sample client) leaks into another client's report: options left as None
    are passed as an empty text, or None for ``hours_per_week``.

    Examples
    --------
    >>> p = report_parameters("cafe", ["/d/cafe.csv"], "/out/cafe", client_name='Bob\\'s "Café"')
    >>> p["client_name"], p["exports"], p["hours_per_week"], p["period_start"]
    ('Bob\\'s "Café"', ['/d/cafe.csv'], None, '')
    """
    params = {
        "client_id": str(client_id),
        "client_name": str(client_name) if client_name is not None else str(client_id),
        "exports": [os.fspath(e) for e in exports],
        "out_dir": os.fspath(out_dir),
    }
    params["period_start"] = period_start or ""
    params["period_end"] = period_end or ""
    params["hours_per_week"] = float(hours_per_week) if hours_per_week is not None else None
    params["reference"] = os.fspath(reference) if reference else ""
    params["accent_color"] = accent_color or ""
    return params
