"""The ``sources`` row of a file that was not used: what it is and why.

Every file given to :func:`smanalytics.load` gets a row in ``sources``, read
or not, so that a client's folder can be checked at a glance: ``status`` says
what became of the file (see :data:`STATUSES`) and ``notes`` why. The rows of
files that were read are made by :mod:`smanalytics.io` itself.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smanalytics import schema
from smanalytics.dataset import Dataset, source_row
from smanalytics.errors import NotATimeSeriesError, SmanalyticsError, UnknownFormatError
from smanalytics.io.registry import Family
from smanalytics.problem_summary import FILE_NOT_USED

__all__ = ["STATUSES", "unused_dataset", "skipped_dataset", "status_of"]

#: What became of a file, as ``sources.status`` says it.
STATUSES = {
    "read": "its rows are in the tables",
    "not account data": "a recognised export that holds no posts or daily figures (demographics, breakdowns)",
    "unknown": "not an export smanalytics knows",
    "unreadable": "could not be read (damaged, truncated, unsafe or empty)",
    "skipped": "a hidden file or OS junk inside a folder, not opened",
}


def status_of(error: SmanalyticsError) -> str:
    """The ``sources.status`` of a file that raised ``error``."""
    if isinstance(error, NotATimeSeriesError):
        return "not account data"
    if isinstance(error, UnknownFormatError):
        return "unknown"
    return "unreadable"


def _row(path: Path | str, **values) -> pd.DataFrame:
    return source_row(**{"file": str(path), "rows": 0, "problems": 0, **values})


def unused_dataset(path: Path | str, error: SmanalyticsError, family: Family | None = None) -> Dataset:
    """The :class:`Dataset` of a file not used: no rows, a ``sources`` row and a problem saying why."""
    status = status_of(error)
    reason = getattr(error, "reason", None) or str(error)
    title = (
        family.title
        if family is not None
        else {"unknown": "not a known export"}.get(status, "unreadable file")
    )
    sources = _row(
        path,
        status=status,
        family=family.name if family is not None else pd.NA,
        title=title,
        tables="",
        platform=(family.platform or pd.NA) if family is not None else pd.NA,
        problems=1,
        notes=reason,
    )
    problems = pd.DataFrame(
        {
            "file": [str(path)],
            "line": [getattr(error, "line", None)],
            "column": [getattr(error, "column", None)],
            "reason": [FILE_NOT_USED + reason],
        }
    ).astype(schema.PROBLEM_COLUMNS)
    return Dataset(problems=problems, sources=sources)


def skipped_dataset(path: Path | str, reason: str) -> Dataset:
    """The :class:`Dataset` of a path left out of a folder (hidden or junk): only its ``sources`` row."""
    return Dataset(sources=_row(path, status="skipped", title="skipped", tables="", notes=reason))
