"""One client's report: validate the inputs, execute the template, write the outputs.

:func:`run_report` is a straight pipeline of small steps:

1. check the template (it declares every parameter), the client's folder
   (the id names it) and its input files (the exports exist and are known
   exports) before any kernel starts;
2. execute the template with papermill in memory, retrying when the kernel
   fails to start (port collisions when many kernels start at once);
3. render the executed notebook as ``report.html`` and that page as
   ``report.pdf`` (both in-process; ``pdf=False`` skips the PDF);
4. write ``report.ipynb``, ``report.html`` and ``report.pdf`` into
   ``OUT/<client_id>/``, each atomically; the notebook itself writes
   ``metrics.json`` there (atomically too), so a killed run leaves whole
   files or none (and the temporary files a killed run leaves are removed
   when the client runs again).

A cell that runs longer than ``timeout`` seconds, or a kernel that dies in a
cell, fails the report with the cell's index; only a kernel that fails to
*start* is retried.
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

from smanalytics.errors import ExportError, ReportError, SmanalyticsError, SpecError
from smanalytics.report._output import client_folder, remove_stale_temporaries, write_bytes, write_text
from smanalytics.report.params import TEMPLATE, check_template, report_parameters
from smanalytics.report.spec import ClientSpec

__all__ = [
    "run_report",
    "check_inputs",
    "validate_exports",
    "execute_template",
    "check_logo",
    "check_notes_file",
    "check_metrics_written",
    "render_html",
    "render_pdf",
    "outputs",
    "OUTPUTS",
    "DEFAULT_TIMEOUT",
]

#: Seconds one cell of the template may run before the report fails (a report's slowest cell takes ~2 s).
DEFAULT_TIMEOUT = 600.0

#: Kernel options: no IPython history, so many kernels at once do not queue on one SQLite file.
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]

#: The files a client's report folder holds when the report is complete.
OUTPUTS = ("metrics.json", "report.ipynb", "report.html", "report.pdf")

#: The PDF among :data:`OUTPUTS`, which ``pdf=False`` does not make.
PDF = "report.pdf"


def outputs(*, pdf: bool = True) -> tuple[str, ...]:
    """The files a complete report folder holds: :data:`OUTPUTS`, without the PDF unless ``pdf``."""
    return OUTPUTS if pdf else tuple(name for name in OUTPUTS if name != PDF)


def validate_exports(exports: list[str | os.PathLike] | str) -> list[Path]:
    """The export files behind ``exports`` (files, folders or globs), at least one a known export.

    Reads only the first lines of each file, so it is cheap enough to run on
    every client before a kernel starts. A file that is not a known export
    among others is no reason to stop: the report lists it in its appendix
    (as :func:`smanalytics.load` does).

    Raises
    ------
    ExportError
        A path or glob that matches no file, or files none of which is a
        known export (the message names the file and what it looked like).
    """
    from smanalytics.io import collect, identify
    from smanalytics.io.source import Source

    files = collect(exports).files
    if not files:
        raise ExportError("no export files given")
    errors = []
    for path in files:
        try:
            identify(Source(path))
        except SmanalyticsError as exc:
            errors.append(exc)
        else:
            return files
    raise (
        errors[0]
        if len(errors) == 1
        else ExportError(
            f"none of these {len(errors)} files is a known export ({'; '.join(str(e) for e in errors[:3])})"
        )
    )


def execute_template(
    parameters: dict,
    *,
    template: str | os.PathLike = TEMPLATE,
    client: str | None = None,
    retries: int = 3,
    start_timeout: float = 60,
    timeout: float | None = DEFAULT_TIMEOUT,
    cwd: str | os.PathLike | None = None,
    warm: bool = False,
):
    """Execute ``template`` with ``parameters``; return the executed notebook.

    With ``warm``, the kernel is forked from this process's warm parent
    (:mod:`smanalytics.report.warm`), which has already imported the
    report's libraries; where that is not possible, it starts as usual.

    Kernel start failures are retried up to ``retries`` times with a short,
    growing pause; once a cell has started, nothing is retried: a failing
    cell, a cell running past ``timeout`` seconds (None: no limit) and a
    kernel that dies in a cell each fail at once.

    Raises
    ------
    ReportError
        With ``cell_index`` (in the executed notebook, whose second cell is
        papermill's injected parameters) and ``ename`` when a cell failed,
        timed out or its kernel died.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    if warm:
        from smanalytics.report.warm import WarmKernelManager as kernel_manager
    else:
        from smanalytics.report.kernel import IPCKernelManager as kernel_manager

    for attempt in range(1, retries + 1):
        started: list[int] = []  # the index of each cell the kernel was given
        on_cell_start = functools.partial(_note_cell, started)
        try:
            return papermill.execute_notebook(
                os.fspath(template),
                None,
                parameters=parameters,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                start_timeout=start_timeout,
                execution_timeout=timeout,
                cwd=os.fspath(cwd) if cwd is not None else None,
                kernel_manager_class=kernel_manager,
                extra_arguments=KERNEL_ARGUMENTS,
                on_cell_start=on_cell_start,
                # the report's cells write their own outputs; a graceful shutdown only
                # waited (about 3 s a report) for the kernel's exit hooks
                shutdown_kernel="immediate",
            )
        except PapermillExecutionError as exc:
            raise ReportError(
                f"cell {exc.cell_index} failed: {exc.ename}: {exc.evalue}",
                client=client,
                cell_index=exc.cell_index,
                ename=exc.ename,
            ) from None
        except (RuntimeError, TimeoutError, OSError) as exc:
            cell = started[-1] if started else None
            if _is_cell_timeout(exc):
                raise ReportError(
                    f"cell {cell} ran past the execution timeout of {timeout:g} s and was stopped",
                    client=client,
                    cell_index=cell,
                    ename=type(exc).__name__,
                ) from None
            if cell is not None:
                raise ReportError(
                    f"the kernel died while running cell {cell} ({type(exc).__name__}: {exc}); "
                    "a cell that exits the process or runs out of memory does this",
                    client=client,
                    cell_index=cell,
                    ename=type(exc).__name__,
                ) from None
            if attempt == retries:
                raise ReportError(
                    f"the notebook kernel failed to start ({type(exc).__name__}: {exc}) "
                    f"after {attempt} attempt(s)",
                    client=client,
                    ename=type(exc).__name__,
                ) from exc
            time.sleep(0.5 * attempt)
        except Exception as exc:
            if type(exc).__name__ != "ZMQError" or started or attempt == retries:
                raise
            time.sleep(0.5 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _note_cell(started: list[int], cell=None, cell_index: int | None = None, **_) -> None:
    """nbclient's ``on_cell_start`` hook: remember which cell the kernel is running."""
    started.append(cell_index)


def _is_cell_timeout(exc: BaseException) -> bool:
    return type(exc).__name__ == "CellTimeoutError"


def run_report(
    spec: ClientSpec,
    out: str | os.PathLike,
    *,
    template: str | os.PathLike = TEMPLATE,
    retries: int = 3,
    timeout: float | None = DEFAULT_TIMEOUT,
    warm_kernels: bool = True,
    tables: str | os.PathLike | None = None,
    pdf: bool = True,
) -> Path:
    """Produce one client's report in ``out/<spec.id>/``.

    A straight pipeline of named steps: :func:`check_inputs` (before any
    kernel starts), :func:`execute_template` (the notebook loads the exports,
    computes the figures and draws the sections), :func:`check_metrics_written`,
    :func:`render_html`, :func:`render_pdf`, then the files are written atomically.

    Parameters
    ----------
    spec
        The client (:class:`~smanalytics.report.spec.ClientSpec`): id, name,
        exports and every other option.
    out
        The output folder; created when missing.
    template
        The papermill template (default: :data:`~smanalytics.report.params.TEMPLATE`).
    retries
        Attempts at starting a kernel.
    timeout
        Seconds one cell may run before the report fails (None: no limit).
    warm_kernels
        Fork the kernel from this process's warm parent, which has already
        imported the report's libraries (:mod:`smanalytics.report.warm`);
        False starts a cold kernel.
    tables
        A folder of the client's tables already read from its exports
        (:mod:`smanalytics.report.tables`, as the batch hands them over): the
        notebook reads them instead of the exports, unless an export changed
        since or they are missing.
    pdf
        Also make ``report.pdf`` (the HTML page laid out on ``spec.paper``);
        False makes none and removes an older one, which would no longer
        match the HTML.

    Returns
    -------
    Path
        The client's output folder, holding ``report.ipynb`` (executed),
        ``report.html`` (no code, images embedded), ``report.pdf`` and
        ``metrics.json``.

    Raises
    ------
    ReportError
        When ``out/<id>`` is a symbolic link or not a folder (nothing is
        written through it), when the template lacks a parameter, or when the
        notebook fails (``cell_index``, ``ename`` say where).
    ExportError
        For export files that are missing or not known exports (checked
        before any kernel starts).

    Examples
    --------
    >>> spec = ClientSpec("cafe", exports=["exports/cafe/*.csv"], name="The Café")
    >>> run_report(spec, "reports")  # doctest: +SKIP
    PosixPath('reports/cafe')
    """
    import nbformat

    template = check_template(template, spec=type(spec))
    spec = spec.with_paths_from(Path.cwd())  # the kernel runs in the client's folder
    folder = check_inputs(spec, out)
    folder = client_folder(out, spec.id, create=True)
    remove_stale_temporaries(folder, OUTPUTS)
    started = time.time()
    notebook = execute_template(
        report_parameters(spec, out_dir=folder.resolve(), tables=tables or ""),
        template=template,
        client=spec.id,
        retries=retries,
        timeout=timeout,
        cwd=folder,
        warm=warm_kernels,
    )
    check_metrics_written(folder, since=started, client=spec.id)
    language = reported_language(folder)
    html = render_html(notebook, spec, language=language)
    document = render_pdf(html) if pdf else None
    write_text(folder / "report.ipynb", nbformat.writes(notebook))
    write_text(folder / "report.html", html)
    if document is not None:
        write_bytes(folder / PDF, document)
    else:
        (folder / PDF).unlink(missing_ok=True)
    return folder


def check_inputs(spec: ClientSpec, out: str | os.PathLike) -> Path:
    """The client's output folder (not created), once its exports and other input files are checked.

    Raises
    ------
    ReportError
        When ``out/<id>`` is a symbolic link or not a folder.
    ExportError
        For exports that are missing or not known exports, or another input
        (a ``reference``) that is not a file.
    SpecError
        For an agency logo that is not a whole PNG or JPEG (:func:`check_logo`),
        or a note file that is not UTF-8 text (:func:`check_notes_file`).
    """
    folder = client_folder(out, spec.id)
    validate_exports(list(spec.exports))
    check_logo(spec)
    for path in spec.input_paths():
        if path not in spec.exports and not os.path.isfile(path):
            raise ExportError("no such file", path=path)
    check_notes_file(spec)
    return folder


def check_logo(spec: ClientSpec) -> None:
    """Raise SpecError unless the agency's logo, if any, is a whole PNG or JPEG of a sensible size."""
    from smanalytics.report.branding import read_logo

    if spec.agency and spec.agency.logo:
        try:
            read_logo(spec.agency.logo)
        except ValueError as exc:
            message = f"'agency.logo' {spec.agency.logo} {exc}"
            raise SpecError(message, option="agency", client=spec.id) from None


def check_notes_file(spec: ClientSpec) -> None:
    """Raise SpecError unless the note file, if any, is UTF-8 text of a sensible size."""
    from smanalytics.report.notes import read_note_file

    if spec.notes_file:
        try:
            read_note_file(spec.notes_file)
        except ValueError as exc:
            message = f"'notes_file' {spec.notes_file} {exc}"
            raise SpecError(message, option="notes_file", client=spec.id) from None


def check_metrics_written(folder: Path, *, since: float, client: str) -> None:
    """Raise ReportError unless the notebook wrote ``folder/metrics.json`` after ``since``."""
    metrics = folder / "metrics.json"
    if not metrics.is_file() or metrics.stat().st_mtime < since - 2:
        raise ReportError("the notebook did not write metrics.json (check its out_dir cell)", client=client)


def reported_language(folder: Path) -> str:
    """The language ``folder/metrics.json`` says its report is written in (English if it does not say).

    The notebook decides it (``language: auto`` takes the exports'), so the
    page around it is written in the same.
    """
    import json

    from smanalytics import i18n

    try:
        language = json.loads((folder / "metrics.json").read_text(encoding="utf-8")).get("language")
        return i18n.check_language(language)
    except (OSError, ValueError, AttributeError):
        return i18n.DEFAULT


def render_html(notebook, spec: ClientSpec, *, language: str = "en") -> str:
    """The executed ``notebook`` as the report's page in ``language`` (:mod:`smanalytics.report.render`)."""
    from smanalytics import i18n
    from smanalytics.report.render import notebook_to_html

    with i18n.use(language):
        title = i18n._("{client}: social media report").format(client=spec.name)
    return notebook_to_html(
        notebook,
        title=title,
        accent_color=spec.accent,
        paper=spec.paper,
        language=language,
    )


def render_pdf(html: str) -> bytes:
    """The report page ``html`` (:func:`render_html`) as a PDF, laid out by its print styles
    (see :mod:`smanalytics.report.pdf`)."""
    from smanalytics.report.pdf import html_to_pdf

    return html_to_pdf(html)
