"""Many clients' reports: a manifest in, one folder per client, ``batch.json`` and ``index.html`` out.

:func:`run_batch` validates the whole manifest first (a bad id stops
everything before anything runs), takes the output folder's lock (a second
batch there is refused, :mod:`smanalytics.report.lock`), then checks each
client's export files (a client whose files are missing or unknown fails
without a kernel), skips current clients when resuming, and runs the rest in
parallel processes or on a Dask cluster. The portfolio pass reads each
client's exports once and hands the tables to its report
(:mod:`smanalytics.report.tables`); each report's kernel is forked from a
warm parent (:mod:`smanalytics.report.warm`). One client's failure never
stops the others. ``batch.json`` is rewritten (atomically) after every
client, so a killed batch still says how far it got.
"""

from __future__ import annotations

import enum
import json
import os
import time
from concurrent.futures import Executor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from smanalytics.errors import ReportError, SmanalyticsError
from smanalytics.report._output import client_folder, remove_stale_temporaries, write_text
from smanalytics.report.executors import default_workers, open_executor
from smanalytics.report.lock import batch_lock
from smanalytics.report.manifest import Manifest, load_manifest
from smanalytics.report.params import TEMPLATE, check_template
from smanalytics.report.portfolio import portfolio_rows, write_portfolio
from smanalytics.report.runner import DEFAULT_TIMEOUT, outputs, run_report, validate_exports
from smanalytics.report.spec import ClientSpec
from smanalytics.report.tables import clear_work_area, remove_tables, remove_work_area_if_empty, tables_folder

__all__ = ["run_batch", "BatchResult", "ClientResult", "Status", "is_current"]

#: The files a batch writes into the output folder itself.
BATCH_OUTPUTS = ("batch.json", "index.html", "portfolio.csv")


class Status(enum.StrEnum):
    """What happened to one client of a batch."""

    OK = "ok"  #: its report was made in this run
    FAILED = "failed"  #: its report could not be made (``ClientResult.error`` says why)
    SKIPPED = "skipped"  #: its report was already current (``resume=True``)


@dataclass
class ClientResult:
    """What happened to one client: its :class:`Status`, time, error and report."""

    id: str
    name: str
    status: Status
    seconds: float = 0.0
    error: dict | None = None
    report: str | None = None

    @classmethod
    def failure(cls, client: ClientSpec, exc: BaseException, seconds: float = 0.0) -> ClientResult:
        """A failed client, with the exception's type, message and (for a cell) where."""
        error = {
            "exception": type(exc).__name__,
            "message": str(exc),
            "cell": getattr(exc, "cell_index", None),
            "ename": getattr(exc, "ename", None),
        }
        return cls(client.id, client.name, Status.FAILED, round(seconds, 2), error=error)


@dataclass
class BatchResult:
    """The outcome of :func:`run_batch`, in the manifest's order.

    Attributes
    ----------
    clients
        One :class:`ClientResult` per client.
    out
        The output folder (``batch.json``, ``index.html``, one folder per client).
    seconds
        Wall time of the batch.
    workers, scheduler
        Where the reports ran: local processes, or a Dask scheduler's address.
    not_written
        The batch's own files that could not be written (a full disk), each
        with the reason.
    """

    clients: list[ClientResult]
    out: Path
    seconds: float = 0.0
    workers: int | None = None
    scheduler: str | None = None
    not_written: list[str] = field(default_factory=list)

    def _with(self, status: Status) -> list[ClientResult]:
        return [c for c in self.clients if c.status == status]

    @property
    def ok(self) -> list[ClientResult]:
        """Clients whose report was made in this run."""
        return self._with(Status.OK)

    @property
    def failed(self) -> list[ClientResult]:
        """Clients whose report could not be made."""
        return self._with(Status.FAILED)

    @property
    def skipped(self) -> list[ClientResult]:
        """Clients whose report was already current (``resume=True``)."""
        return self._with(Status.SKIPPED)

    def summary(self) -> str:
        """A few lines for the terminal: counts, time, each failure's reason, the index page."""
        parts = [f"{len(self.ok)} ok"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped (current)")
        parts.append(f"{len(self.failed)} failed")
        lines = [f"{len(self.clients)} clients: {', '.join(parts)} in {self.seconds:.1f} s"]
        for c in self.failed:
            err = c.error or {}
            where = f" (cell {err['cell']})" if err.get("cell") is not None else ""
            lines.append(f"  failed {c.id}: {err.get('exception', 'Error')}{where}: {err.get('message', '')}")
        for problem in self.not_written:
            lines.append(f"  not written: {problem}")
        lines.append(f"index: {self.out / 'index.html'}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The content of ``batch.json``."""
        return {
            "out": str(self.out),
            "seconds": round(self.seconds, 2),
            "workers": self.workers,
            "scheduler": self.scheduler,
            "counts": {s.value: len(self._with(s)) for s in Status},
            "clients": [asdict(c) for c in self.clients],
            "not_written": list(self.not_written),
        }


def is_current(
    client: ClientSpec, out: str | os.PathLike, *, template: str | os.PathLike = TEMPLATE, pdf: bool = True
) -> bool:
    """Whether ``client``'s outputs are current: all there (the PDF too, with ``pdf``), of its period,
    newer than its inputs and template.

    The period is read back from ``metrics.json``: a report of September is
    not current for a batch of October (``--period last-month`` a month later).
    """
    from smanalytics.io import expand_paths

    folder = Path(out) / client.id
    try:
        made = [(folder / name).stat().st_mtime for name in outputs(pdf=pdf)]
        inputs = [p.stat().st_mtime for p in expand_paths(client.input_paths())]
        inputs.append(Path(template).stat().st_mtime)
    except (OSError, SmanalyticsError):
        return False
    return min(made) >= max(inputs) and _reported_period(folder) == _period_of(client)


def _period_of(client: ClientSpec) -> dict:
    """The period as ``metrics.json`` records it (``kind`` ``all`` for all the data)."""
    p = client.report_period
    if p is None:
        return {"kind": "all"}
    return {"start": p.start.isoformat(), "end": p.end.isoformat(), "kind": p.kind}


def _reported_period(folder: Path) -> dict | None:
    """The period ``folder/metrics.json`` says its report covers, or None when it cannot be read."""
    try:
        period = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["period"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(period, dict):
        return None
    if period.get("kind") == "all":
        return {"kind": "all"}
    return {k: period.get(k) for k in ("start", "end", "kind")}


def run_batch(
    manifest: str | os.PathLike | Manifest,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
    template: str | os.PathLike = TEMPLATE,
    timeout: float | None = DEFAULT_TIMEOUT,
    warm_kernels: bool = True,
    pdf: bool = True,
) -> BatchResult:
    """One report per client of ``manifest`` into ``out/<client_id>/``.

    Named steps: the manifest is validated, then :func:`triage` sorts the
    clients (a client whose folder or exports are unusable fails at once, a
    current one is skipped when resuming), :func:`with_portfolio` compares
    each client with the others, :func:`run_clients` runs the rest, and the
    index page is written last.

    Parameters
    ----------
    manifest
        ``clients.yaml`` (see :mod:`smanalytics.report.manifest`), or a
        :class:`~smanalytics.report.manifest.Manifest` already read.
    out
        Output folder; gets ``batch.json``, ``index.html`` and a folder per client.
    workers
        Parallel notebooks on this machine (default: one per core).
    scheduler
        A Dask scheduler address; the same jobs then run on that cluster.
    resume
        Skip clients whose outputs are current: made for the same period, and
        newer than their input files and the template.
    progress
        Show a progress bar (clients done, failed, time left) on stderr.
    template
        The papermill template.
    timeout
        Seconds one cell may run before that client's report fails (None: no limit).
    warm_kernels
        Fork each report's kernel from a warm parent in its worker
        (:mod:`smanalytics.report.warm`); False starts each one cold.
    pdf
        Make each client's ``report.pdf`` too (the index links it).

    Returns
    -------
    BatchResult
        ``.failed`` lists the clients that failed; ``.summary()`` says it in a few lines.

    Raises
    ------
    ManifestError
        For a manifest that cannot be used (nothing has run then).
    ReportError
        When the output folder cannot be created, another batch is running
        in it, or the template lacks a parameter (nothing has run then).

    Notes
    -----
    A client whose folder ``out/<id>`` is a symbolic link (or not a folder)
    fails with a :class:`~smanalytics.errors.ReportError`; nothing is written
    through the link. When ``batch.json``, ``index.html`` or ``portfolio.csv``
    cannot be written (a full disk), the batch goes on and its summary says
    what was not written.

    Examples
    --------
    >>> result = run_batch("data/samples/clients.yaml", "reports")  # doctest: +SKIP
    >>> print(result.summary())  # doctest: +SKIP
    6 clients: 6 ok, 0 failed in 21.4 s
    index: reports/index.html
    """
    from smanalytics.report.index import write_index

    started = time.perf_counter()
    clients = list((manifest if isinstance(manifest, Manifest) else load_manifest(manifest)).clients)
    template = check_template(template, spec=type(clients[0]))
    out = _output_folder(out)
    with batch_lock(out):
        remove_stale_temporaries(out, BATCH_OUTPUTS)  # a killed batch's: no other batch runs here
        clear_work_area(out)
        journal = _Journal(
            out,
            clients,
            started,
            workers=None if scheduler else (workers or default_workers()),
            scheduler=scheduler,
        )
        todo = triage(clients, out, journal, resume=resume, template=template, pdf=pdf)
        bar = _progress_bar(len(clients), done=journal.results, enabled=progress)
        if todo:
            with open_executor(workers=workers, scheduler=scheduler) as executor:
                todo = with_portfolio(executor, clients, todo, out)
                run_clients(
                    executor, todo, out, template, timeout, journal, bar, warm_kernels=warm_kernels, pdf=pdf
                )
        bar.close()
        remove_work_area_if_empty(out)
        journal.save()
        journal.write("index.html", write_index, journal.batch, out, _shared_agency(clients))
        if journal.batch.not_written:
            journal.save()  # records what could not be written, if batch.json itself can be
    return journal.batch


def _shared_agency(clients: list[ClientSpec]):
    """The agency that brands every client (the manifest's ``agency:``), else None: the index shows it."""
    agencies = {c.agency for c in clients}
    return agencies.pop() if len(agencies) == 1 else None


def _output_folder(out: str | os.PathLike) -> Path:
    """``out``, created."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the output folder {out} ({exc.strerror or exc})") from None
    return out


class _Journal:
    """The batch's results so far, written to ``batch.json`` after each client.

    One of the batch's own files that cannot be written (a full disk) is
    noted in ``batch.not_written``, never raised.
    """

    def __init__(self, out: Path, clients: list[ClientSpec], started: float, **where) -> None:
        self.out, self.clients, self.started = out, clients, started
        self.results: dict[str, ClientResult] = {}
        self.batch = BatchResult([], out, **where)
        self._unwritten: dict[str, str] = {}

    def record(self, result: ClientResult) -> None:
        self.results[result.id] = result

    def save(self) -> None:
        """Write ``batch.json``: every client with a result, in the manifest's order."""
        self.batch.clients = [self.results[c.id] for c in self.clients if c.id in self.results]
        self.batch.seconds = time.perf_counter() - self.started
        text = json.dumps(self.batch.to_dict(), indent=2, ensure_ascii=False) + "\n"
        self.write("batch.json", write_text, self.out / "batch.json", text)

    def write(self, name: str, write, *args) -> None:
        """Run ``write(*args)``, which writes the batch's file ``name``; note a failure, do not raise."""
        try:
            write(*args)
        except OSError as exc:
            self._unwritten[name] = f"{name} ({type(exc).__name__}: {exc.strerror or exc})"
        else:
            self._unwritten.pop(name, None)
        self.batch.not_written = list(self._unwritten.values())


def triage(
    clients: list[ClientSpec], out: Path, journal: _Journal, *, resume: bool, template: str, pdf: bool = True
) -> list[ClientSpec]:
    """The clients to run; the others are recorded in ``journal`` as failed or skipped.

    A client fails here, before any kernel, when its output folder is unusable
    (a link, a file) or its exports are missing or unknown; with ``resume``,
    a client whose outputs are current is skipped.
    """
    todo = []
    for client in clients:
        try:
            client_folder(out, client.id)
            if resume and is_current(client, out, template=template, pdf=pdf):
                report = str(out / client.id / "report.html")
                journal.record(ClientResult(client.id, client.name, Status.SKIPPED, report=report))
                continue
            validate_exports(list(client.exports))
        except SmanalyticsError as exc:
            journal.record(ClientResult.failure(client, exc))
            continue
        todo.append(client)
    return todo


def with_portfolio(
    executor: Executor, clients: list[ClientSpec], todo: list[ClientSpec], out: Path
) -> list[ClientSpec]:
    """Summarise every client in the workers, write ``out/portfolio.csv``, hand it to ``todo``.

    Each client of ``todo`` gets the tables this pass read in the work area
    (:mod:`smanalytics.report.tables`), for its report. Clients with a
    ``reference:`` of their own keep it; a batch where all have one skips
    this step (and each report reads its exports).
    """
    if all(c.reference for c in todo):
        return todo
    running = {c.id for c in todo}
    order = largest_first(clients)
    tables = [str(tables_folder(out.resolve(), c.id)) if c.id in running else None for c in order]
    rows_of = dict(zip((c.id for c in order), executor.map(portfolio_rows, order, tables), strict=True))
    rows = [row for c in clients for row in rows_of[c.id]]
    try:
        path = str(write_portfolio(rows, out).resolve())
    except OSError:  # an output folder that cannot be written: each report compares with its own past
        return todo
    return [c if c.reference else replace(c, reference=path) for c in todo]


def largest_first(clients: list[ClientSpec]) -> list[ClientSpec]:
    """``clients``, those with the most bytes of exports first (in the manifest's order among equals).

    The longest reports start first, so that the batch does not end with
    one worker finishing a long report while the others wait (longest
    processing time first); the size of the exports stands for the time.
    """
    return sorted(clients, key=_export_bytes, reverse=True)


def _export_bytes(client: ClientSpec) -> int:
    from smanalytics.report.content import export_files

    try:
        return sum(path.stat().st_size for path in export_files(client))
    except (OSError, SmanalyticsError):  # its report says what is wrong
        return 0


def run_clients(
    executor: Executor,
    todo: list[ClientSpec],
    out: Path,
    template: str,
    timeout: float | None,
    journal: _Journal,
    bar,
    *,
    warm_kernels: bool = True,
    pdf: bool = True,
) -> None:
    """Run the reports of ``todo`` in ``executor``, recording each result as it comes."""
    out = out.resolve()
    futures = {
        executor.submit(
            _run_job, c, str(out), template, timeout, warm_kernels, str(tables_folder(out, c.id)), pdf
        ): c
        for c in largest_first(todo)
    }
    for future in as_completed(futures):
        client = futures[future]
        try:
            result = future.result()
        except Exception as exc:  # the worker itself died (killed, out of memory, lost)
            result = ClientResult.failure(client, exc)
        remove_tables(tables_folder(out, client.id))
        journal.record(result)
        _advance(bar, journal.results)
        journal.save()


def _run_job(
    client: ClientSpec,
    out: str,
    template: str,
    timeout: float | None,
    warm_kernels: bool,
    tables: str,
    pdf: bool = True,
) -> ClientResult:
    """Run one client's report in a worker; never raises."""
    started = time.perf_counter()
    try:
        folder = run_report(
            client, out, template=template, timeout=timeout, warm_kernels=warm_kernels, tables=tables, pdf=pdf
        )
    except Exception as exc:  # one client's failure, whatever it is, must not stop the batch
        return ClientResult.failure(client, exc, time.perf_counter() - started)
    seconds = round(time.perf_counter() - started, 2)
    return ClientResult(client.id, client.name, Status.OK, seconds, report=str(Path(folder) / "report.html"))


def _progress_bar(total: int, *, done: dict[str, ClientResult], enabled: bool):
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc="reports", unit="client", disable=not enabled or None, leave=True)
    _advance(bar, done, len(done))
    return bar


def _advance(bar, results: dict[str, ClientResult], by: int = 1) -> None:
    bar.update(by)
    failed = sum(r.status == Status.FAILED for r in results.values())
    skipped = sum(r.status == Status.SKIPPED for r in results.values())
    bar.set_postfix_str(
        f"done {len(results) - failed}, failed {failed}" + (f", current {skipped}" if skipped else "")
    )
