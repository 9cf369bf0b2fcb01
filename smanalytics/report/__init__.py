"""Client reports: the papermill template run for one client or a batch.

* :func:`run_report` runs the papermill template ``client_report.ipynb`` (beside this
  module) for one client into
  ``OUT/<client_id>/`` (``report.ipynb``, ``report.html``, ``metrics.json``);
* :func:`run_batch` does it for every client of a manifest (``clients.yaml``),
  in parallel processes or on a Dask cluster, with ``batch.json`` and
  ``index.html``;
* :class:`ClientSpec` holds every option of one client; the manifest, the
  command line and the template's parameters derive from it.

The pipeline of one report: spec -> load -> figures -> sections -> notebook ->
HTML. :func:`~smanalytics.report.content.prepare` loads the exports and
computes the figures into a :class:`~smanalytics.report.content.Report`;
the notebook shows its sections (:mod:`smanalytics.report.sections`) and
charts (:mod:`smanalytics.report.drawings`, drawn by
:mod:`smanalytics.plots`); the runner renders the executed notebook as HTML.

The names here are imported on first use, so that the report notebook's kernel,
which imports only what its cells call, does not pay for papermill and nbconvert.
"""

from __future__ import annotations

import importlib

__all__ = [
    "run_report",
    "run_batch",
    "BatchResult",
    "ClientResult",
    "ClientSpec",
    "Manifest",
    "Status",
    "load_manifest",
    "prepare",
]

_WHERE = {
    "run_report": "smanalytics.report.runner",
    "run_batch": "smanalytics.report.batch",
    "BatchResult": "smanalytics.report.batch",
    "ClientResult": "smanalytics.report.batch",
    "Status": "smanalytics.report.batch",
    "ClientSpec": "smanalytics.report.spec",
    "Manifest": "smanalytics.report.manifest",
    "load_manifest": "smanalytics.report.manifest",
    "prepare": "smanalytics.report.content",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'smanalytics.report' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
