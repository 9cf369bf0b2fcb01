"""The template notebook and the parameters a client's report is run with.

The template's first cell is tagged ``parameters`` and declares, one line
each (``name: type = default  # help``, as ``papermill --help-notebook``
lists them), every option of :class:`~smanalytics.report.spec.ClientSpec`
and the run's own :data:`RUN_PARAMETERS`. papermill injects the values built
here after it. Every value is plain data (text, numbers, a list of text): a
client's name reaches the notebook as a string literal, never as code.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from smanalytics.errors import ReportError
from smanalytics.report.spec import ClientSpec, options

__all__ = ["TEMPLATE", "RUN_PARAMETERS", "report_parameters", "parameter_names", "check_template"]

#: The papermill template, shipped inside the package so that an installed smanalytics runs reports.
TEMPLATE = Path(__file__).resolve().with_name("client_report.ipynb")

#: Parameters of a run that are not client options: their type and help.
RUN_PARAMETERS = {
    "out_dir": (str, "folder where metrics.json is written; empty writes none"),
    "tables": (
        str,
        "folder of the client's tables the batch has already read (Parquet); empty: read the exports",
    ),
}


def parameter_names(spec: type[ClientSpec] = ClientSpec) -> list[str]:
    """Every parameter the template must declare: the options of ``spec``, then :data:`RUN_PARAMETERS`."""
    return [o.parameter or f.name for f, o in options(spec)] + list(RUN_PARAMETERS)


def report_parameters(
    spec: ClientSpec, *, out_dir: str | os.PathLike = "", tables: str | os.PathLike = ""
) -> dict:
    """The papermill parameters of one client's report.

    Examples
    --------
    >>> spec = ClientSpec("cafe", exports=["/d/cafe.csv"], name='Bob\\'s "Café"')
    >>> p = report_parameters(spec, out_dir="/o")
    >>> p["client_name"], p["exports"], p["hours_per_week"], p["out_dir"]
    ('Bob\\'s "Café"', ['/d/cafe.csv'], None, '/o')
    """
    run = {"out_dir": os.fspath(out_dir), "tables": os.fspath(tables)}
    return {**spec.to_parameters(), **run}


def check_template(template: str | os.PathLike = TEMPLATE, *, spec: type[ClientSpec] = ClientSpec) -> str:
    """``template`` as an absolute path, once checked to declare every parameter of ``spec``.

    Raises
    ------
    ReportError
        When the template cannot be read or its first cell lacks a parameter
        (papermill would inject it unseen and the template would not use it).
    """
    path = Path(template).resolve()
    try:
        declared = _declared(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError) as exc:
        raise ReportError(f"cannot read the template {path} ({exc})") from None
    missing = [name for name in parameter_names(spec) if name not in declared]
    if missing:
        raise ReportError(
            f"the template {path} does not declare {', '.join(missing)}: add a line "
            "'name: type = default  # help' for each to its first cell (tagged 'parameters')"
        )
    return str(path)


@functools.lru_cache(maxsize=8)
def _declared(path: str, mtime_ns: int) -> frozenset[str]:
    """The names a template's parameters cell declares, read as papermill reads them."""
    import papermill

    return frozenset(papermill.inspect_notebook(path))
