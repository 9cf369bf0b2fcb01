"""Client reports: the papermill template run for one client or a batch.

* :func:`run_report` runs ``notebooks/client_report.ipynb`` for one client into
  ``OUT/<client_id>/`` (``report.ipynb``, ``report.html``, ``metrics.json``);
* :func:`run_batch` does it for every client of a manifest (``clients.yaml``),
  in parallel processes or on a Dask cluster, with ``batch.json`` and
  ``index.html``;
* :mod:`smanalytics.report.content` holds what the notebook calls.

The names here are imported on first use, so that the report notebook's kernel,
which imports only :mod:`smanalytics.report.content`, does not pay for
papermill and nbconvert.
"""

from __future__ import annotations

import importlib

__all__ = ["run_report", "run_batch", "BatchResult", "ClientResult", "Client", "load_manifest"]

_WHERE = {
    "run_report": "smanalytics.report.runner",
    "run_batch": "smanalytics.report.batch",
    "BatchResult": "smanalytics.report.batch",
    "ClientResult": "smanalytics.report.batch",
    "Client": "smanalytics.report.manifest",
    "load_manifest": "smanalytics.report.manifest",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'smanalytics.report' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
