"""A Dask cluster as a user starts one: ``dask scheduler`` and ``dask worker`` programs, each its own process.

Used by the cluster test and by ``benchmarks/batch.py``. The programs run in
a working folder of their own, so a job cannot rely on the batch's working
folder; the exports and the output folder must be on a path every worker
sees (here, one machine's file system).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import typing as t
from collections.abc import Iterator
from pathlib import Path

DASK = Path(sys.executable).with_name("dask")


class Cluster(t.NamedTuple):
    """A running cluster: its scheduler's address and its programs' processes (the scheduler first)."""

    address: str
    processes: list[subprocess.Popen]


@contextlib.contextmanager
def dask_cluster(folder: str | os.PathLike, *, workers: int = 2, timeout: float = 120) -> Iterator[Cluster]:
    """Start a scheduler and ``workers`` one-thread workers; yield the :class:`Cluster`; stop them all.

    Their logs are ``folder/scheduler.log`` and ``folder/worker-N.log``.
    """
    from distributed import Client

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    address_file = folder / "scheduler.json"
    processes: list[subprocess.Popen] = []

    def start(name: str, *args: str) -> None:
        with open(folder / f"{name}.log", "wb") as log:
            processes.append(
                subprocess.Popen(
                    [str(DASK), *args], cwd=folder, stdin=subprocess.DEVNULL, stdout=log, stderr=log
                )
            )

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(address_file))  # fmt: skip
        deadline = time.monotonic() + timeout
        while not address_file.exists() or not address_file.read_text().strip():
            if time.monotonic() > deadline or processes[0].poll() is not None:
                raise RuntimeError(
                    f"the Dask scheduler did not start: {(folder / 'scheduler.log').read_text()}"
                )
            time.sleep(0.1)
        address = json.loads(address_file.read_text())["address"]
        for n in range(workers):
            start(f"worker-{n}", "worker", address, "--nthreads", "1", "--no-dashboard",
                  "--name", f"worker-{n}", "--local-directory", str(folder / f"worker-{n}"))  # fmt: skip
        with Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=timeout)
        yield Cluster(address, processes)
    finally:
        for process in reversed(processes):  # workers first, then the scheduler
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def tasks_run(address: str) -> dict[str, int]:
    """How many tasks each worker of the cluster at ``address`` has run, by worker name."""
    from distributed import Client

    with Client(address, timeout="60s", set_as_default=False) as client:
        counts = client.run(lambda dask_worker: (dask_worker.name, dask_worker.state.executed_count))
    return dict(counts.values())
