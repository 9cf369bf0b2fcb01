"""One batch at a time in an output folder.

Two batches writing one folder would each run every client and overwrite
each other's files. :func:`batch_lock` holds an advisory lock
(:func:`fcntl.flock`) on ``OUT/.batch.lock`` while a batch runs; a second
batch finds it taken and stops before doing anything, naming the batch that
holds it. The operating system drops the lock when its holder's process
ends, however it ends, so a killed batch never leaves the folder locked: the
file it leaves behind is taken by the next batch, and removed by it.

The file is removed while still locked, and a batch that locks a file
checks that it is still the one at that path (or locks again), so a batch
starting just as another ends cannot lock a file that is already gone.
``flock`` works on local file systems and on NFS (where Linux maps it to
NFS locks); where a file system cannot lock at all, the batch goes on
unlocked, with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
import warnings
from collections.abc import Iterator
from pathlib import Path

from smanalytics.errors import ReportError

__all__ = ["LOCK_NAME", "batch_lock"]

#: The lock file's name in the output folder.
LOCK_NAME = ".batch.lock"

_CANNOT_LOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


@contextlib.contextmanager
def batch_lock(out: str | os.PathLike) -> Iterator[Path | None]:
    """Hold the batch lock of the (existing) folder ``out`` while the block runs.

    Yields the lock file's path (None where the file system cannot lock).

    Raises
    ------
    ReportError
        When another batch holds the lock; the message names its process,
        host and start time.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out, batch_lock(out) as lock:
    ...     with batch_lock(out):  # doctest: +ELLIPSIS
    ...         pass
    Traceback (most recent call last):
    ...
    smanalytics.errors.ReportError: .../ is in use by another batch (process ..., started ...): ...
    """
    path = Path(out) / LOCK_NAME
    fd = _acquire(path)
    if fd is None:
        yield None
        return
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # still locked: no other batch holds this file now
        os.close(fd)


def _acquire(path: Path) -> int | None:
    """An open, locked descriptor of the lock file at ``path`` (None where nothing can be locked)."""
    import fcntl

    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise ReportError(
                f"{path.parent}/ is in use by another batch ({holder}): wait for it to end, "
                "or write this batch to another folder"
            ) from None
        except OSError as exc:
            os.close(fd)
            if exc.errno not in _CANNOT_LOCK:
                raise
            warnings.warn(
                f"{path.parent}/ cannot be locked ({exc.strerror}); another batch could write there too",
                RuntimeWarning,
                stacklevel=3,
            )
            return None
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is not None and (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)  # the batch that held it removed it as we locked it: lock the new file
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(holder).encode() + b"\n")
    return fd


def _holder(fd: int) -> str:
    """Who holds the lock, as its file says."""
    try:
        holder = json.loads(os.pread(fd, 4096, 0))
        where = f" on {holder['host']}" if holder["host"] != socket.gethostname() else ""
        return f"process {holder['pid']}{where}, started {holder['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "it is just starting"
