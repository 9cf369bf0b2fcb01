"""Where a batch's notebooks run: local processes or a Dask cluster.

Both are :class:`concurrent.futures.Executor`, so the batch code is the same:

* locally, a :class:`~concurrent.futures.ProcessPoolExecutor` of ``workers``
  processes (default: one per core), started with ``spawn`` so that no
  thread or open file of the parent leaks into them; each worker runs one
  notebook at a time (one kernel per process, never threads sharing one).
  On Linux a worker is killed when the batch's process dies (even by
  SIGKILL), and its kernel then exits too (ipykernel watches its parent),
  so a killed batch leaves no process behind to write into the output;
* with a scheduler address (``tcp://host:8786``), ``distributed.Client``'s
  executor; each Dask worker should have one thread
  (``dask worker ADDRESS --nthreads 1``) and see the same file system.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from smanalytics.errors import SmanalyticsError

__all__ = ["default_workers", "open_executor"]

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Worker initializer: ask Linux to SIGKILL this process when its parent dies."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl: workers may outlive a killed batch
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def open_executor(*, workers: int | None = None, scheduler: str | None = None) -> Iterator[Executor]:
    """An executor for the batch's jobs; shut down (and disconnected) on exit.

    Parameters
    ----------
    workers
        Local processes (default: one per core). Ignored with ``scheduler``.
    scheduler
        A Dask scheduler address; needs the ``distributed`` package
        (``pip install smanalytics[dask]``).

    Raises
    ------
    SmanalyticsError
        When ``workers`` is below 1, ``distributed`` is missing or the
        scheduler cannot be reached.
    """
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise SmanalyticsError(
                "--scheduler needs the Dask 'distributed' package: pip install 'smanalytics[dask]'"
            ) from None
        try:
            client = Client(scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise SmanalyticsError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        try:
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if workers is not None and workers < 1:
        raise SmanalyticsError(f"workers must be 1 or more; got {workers}")
    pool = ProcessPoolExecutor(
        max_workers=workers or default_workers(),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
