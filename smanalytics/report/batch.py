"""Many clients' reports: a manifest in, one folder per client, ``batch.json`` and ``index.html`` out.

:func:`run_batch` validates the whole manifest first (a bad id stops
everything before anything runs), then checks each client's export files
(a client whose files are missing or unknown fails without a kernel), skips
current clients when resuming, and runs the rest in parallel processes or on a
Dask cluster. One client's failure never stops the others. ``batch.json`` is
rewritten (atomically) after every client, so a killed batch still says how
far it got.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from smanalytics.errors import ReportError, SmanalyticsError
from smanalytics.report._output import client_folder, remove_stale_temporaries, write_text
from smanalytics.report.executors import default_workers, open_executor
from smanalytics.report.manifest import Client, load_manifest
from smanalytics.report.params import TEMPLATE
from smanalytics.report.portfolio import portfolio_rows, write_portfolio
from smanalytics.report.runner import DEFAULT_TIMEOUT, OUTPUTS, run_report, validate_exports

__all__ = ["run_batch", "BatchResult", "ClientResult", "is_current"]

#: The files a batch writes into the output folder itself.
BATCH_OUTPUTS = ("batch.json", "index.html", "portfolio.csv")


@dataclass
class ClientResult:
    """What happened to one client: ``status`` is ``ok``, ``failed`` or ``skipped`` (current)."""

    id: str
    name: str
    status: str
    seconds: float = 0.0
    error: dict | None = None
    report: str | None = None


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
    """

    clients: list[ClientResult]
    out: Path
    seconds: float = 0.0
    workers: int | None = None
    scheduler: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> list[ClientResult]:
        """Clients whose report was made in this run."""
        return [c for c in self.clients if c.status == "ok"]

    @property
    def failed(self) -> list[ClientResult]:
        """Clients whose report could not be made."""
        return [c for c in self.clients if c.status == "failed"]

    @property
    def skipped(self) -> list[ClientResult]:
        """Clients whose report was already current (``resume=True``)."""
        return [c for c in self.clients if c.status == "skipped"]

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
        for problem in self.extra.get("write_errors", []):
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
            "counts": {s: sum(c.status == s for c in self.clients) for s in ("ok", "skipped", "failed")},
            "clients": [asdict(c) for c in self.clients],
            "not_written": list(self.extra.get("write_errors", [])),
        }


def is_current(client: Client, out: str | os.PathLike, *, template: str | os.PathLike = TEMPLATE) -> bool:
    """Whether ``client``'s outputs all exist and are newer than its exports, reference and the template."""
    folder = Path(out) / client.id
    try:
        outputs = [(folder / name).stat().st_mtime for name in OUTPUTS]
        from smanalytics.io import expand_paths

        inputs = [p.stat().st_mtime for p in expand_paths(list(client.exports))]
        inputs.append(Path(template).stat().st_mtime)
        if client.reference:
            inputs.append(Path(client.reference).stat().st_mtime)
    except (OSError, SmanalyticsError):
        return False
    return min(outputs) >= max(inputs)


def _error(exc: BaseException) -> dict:
    return {
        "exception": type(exc).__name__,
        "message": str(exc),
        "cell": getattr(exc, "cell_index", None),
        "ename": getattr(exc, "ename", None),
    }


def _run_job(client: Client, out: str, template: str, timeout: float | None = DEFAULT_TIMEOUT) -> dict:
    """Run one client's report in a worker; never raises, returns a ClientResult as a dict."""
    started = time.perf_counter()
    try:
        folder = run_report(
            client.id,
            list(client.exports),
            out,
            client_name=client.name,
            hours_per_week=client.hours_per_week,
            period_start=client.period_start,
            period_end=client.period_end,
            accent_color=client.accent_color,
            reference=client.reference,
            template=template,
            timeout=timeout,
        )
        result = ClientResult(client.id, client.name, "ok", report=str(Path(folder) / "report.html"))
    except Exception as exc:  # one client's failure, whatever it is, must not stop the batch
        result = ClientResult(client.id, client.name, "failed", error=_error(exc))
    result.seconds = round(time.perf_counter() - started, 2)
    return asdict(result)


def run_batch(
    manifest: str | os.PathLike,
    out: str | os.PathLike,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    progress: bool = False,
    template: str | os.PathLike = TEMPLATE,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> BatchResult:
    """One report per client of ``manifest`` into ``out/<client_id>/``.

    Parameters
    ----------
    manifest
        ``clients.yaml`` (see :mod:`smanalytics.report.manifest`).
    out
        Output folder; gets ``batch.json``, ``index.html`` and a folder per client.
    workers
        Parallel notebooks on this machine (default: one per core).
    scheduler
        A Dask scheduler address; the same jobs then run on that cluster.
    resume
        Skip clients whose outputs are newer than their exports and the template.
    progress
        Show a progress bar (clients done, failed, time left) on stderr.
    template
        The papermill template.
    timeout
        Seconds one cell may run before that client's report fails (None: no limit).

    Returns
    -------
    BatchResult
        ``.failed`` lists the clients that failed; ``.summary()`` says it in a few lines.

    Raises
    ------
    ManifestError
        For a manifest that cannot be used (nothing has run then).
    ReportError
        When the output folder cannot be created (nothing has run then).

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
    clients = load_manifest(manifest)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the output folder {out} ({exc.strerror or exc})") from None
    remove_stale_temporaries(out, BATCH_OUTPUTS)
    template = str(Path(template).resolve())
    results: dict[str, ClientResult] = {}
    todo: list[Client] = []
    for client in clients:
        try:
            client_folder(out, client.id)
        except SmanalyticsError as exc:
            results[client.id] = ClientResult(client.id, client.name, "failed", error=_error(exc))
            continue
        if resume and is_current(client, out, template=template):
            report = str(out / client.id / "report.html")
            results[client.id] = ClientResult(client.id, client.name, "skipped", report=report)
            continue
        try:
            validate_exports(list(client.exports))
        except SmanalyticsError as exc:
            results[client.id] = ClientResult(client.id, client.name, "failed", error=_error(exc))
            continue
        todo.append(client)

    batch = BatchResult(
        [], out, workers=None if scheduler else (workers or default_workers()), scheduler=scheduler
    )

    write_errors: dict[str, str] = {}

    def guarded(name: str, write, *args) -> None:
        """Write one of the batch's own files; a failure (a full disk) is noted, not raised."""
        try:
            write(*args)
        except OSError as exc:
            write_errors[name] = f"{name} ({type(exc).__name__}: {exc.strerror or exc})"
        else:
            write_errors.pop(name, None)
        batch.extra["write_errors"] = list(write_errors.values())

    def snapshot() -> None:
        batch.clients = [results[c.id] for c in clients if c.id in results]
        batch.seconds = time.perf_counter() - started
        text = json.dumps(batch.to_dict(), indent=2, ensure_ascii=False) + "\n"
        guarded("batch.json", write_text, out / "batch.json", text)

    bar = _progress_bar(len(clients), enabled=progress)
    bar.update(len(results))
    _postfix(bar, results)
    if todo:
        with open_executor(workers=workers, scheduler=scheduler) as executor:
            todo = _with_portfolio(executor, clients, todo, out)
            futures = {executor.submit(_run_job, c, str(out.resolve()), template, timeout): c for c in todo}
            for future in as_completed(futures):
                client = futures[future]
                try:
                    results[client.id] = ClientResult(**future.result())
                except Exception as exc:  # the worker itself died (killed, out of memory, lost)
                    results[client.id] = ClientResult(client.id, client.name, "failed", error=_error(exc))
                bar.update(1)
                _postfix(bar, results)
                snapshot()
    bar.close()
    snapshot()
    guarded("index.html", write_index, batch, out)
    if write_errors:
        snapshot()  # records what could not be written, if batch.json itself can be
    return batch


def _with_portfolio(executor, clients: list[Client], todo: list[Client], out: Path) -> list[Client]:
    """Summarise every client in the workers, write ``out/portfolio.csv``, hand it to ``todo``.

    Clients with a ``reference:`` of their own keep it; a batch where all
    have one skips this step.
    """
    if all(c.reference for c in todo):
        return todo
    rows = [row for rows in executor.map(portfolio_rows, clients) for row in rows]
    try:
        path = str(write_portfolio(rows, out).resolve())
    except OSError:  # an output folder that cannot be written: each report compares with its own past
        return todo
    return [c if c.reference else replace(c, reference=path) for c in todo]


def _progress_bar(total: int, *, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="reports", unit="client", disable=not enabled or None, leave=True)


def _postfix(bar, results: dict[str, ClientResult]) -> None:
    failed = sum(r.status == "failed" for r in results.values())
    skipped = sum(r.status == "skipped" for r in results.values())
    bar.set_postfix_str(
        f"done {len(results) - failed}, failed {failed}" + (f", current {skipped}" if skipped else "")
    )
