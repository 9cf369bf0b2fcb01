"""A client's tables, read once by the batch and handed to its report: Parquet in the work area.

The batch's portfolio pass reads every client's exports (to compare each
client with the others); :func:`write_tables` keeps what it read, the
client's whole :class:`~smanalytics.dataset.Dataset`, as one Parquet file per
table in ``OUT/.work/<client_id>/``, and the report's kernel reads that with
:func:`read_tables` instead of parsing the exports a second time. Parquet
keeps every table's columns, dtypes (nullable counts, UTC timestamps, text)
and values exactly, and reading it runs no code from the file.

The folder records each input file's size and modification time when it
was read; :func:`read_tables` returns None (and the report reads the exports
itself) when any has changed since, when the folder is missing or
incomplete, so a report never shows older data than its exports hold. The
folder is written under a temporary name and renamed into place, and
:func:`remove_tables` deletes it once the client is done; a killed batch's
work area is removed by the next batch (:func:`clear_work_area`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path

__all__ = [
    "WORK_AREA",
    "tables_folder",
    "fingerprint",
    "write_tables",
    "read_tables",
    "remove_tables",
    "clear_work_area",
    "remove_work_area_if_empty",
]

#: The work area's name inside the output folder.
WORK_AREA = ".work"

_INPUTS = "inputs.json"


def tables_folder(out: str | os.PathLike, client_id: str) -> Path:
    """Where the tables of ``client_id`` go: ``OUT/.work/<client_id>`` (the id is a checked folder name)."""
    return Path(out) / WORK_AREA / client_id


def fingerprint(paths) -> list[list]:
    """Each file's absolute path, size and modification time (ns), sorted by path.

    Take it before reading the files, so that one changed while it was being
    read counts as changed.
    """
    prints = []
    for path in sorted({os.path.abspath(p) for p in paths}):
        st = os.stat(path)
        prints.append([path, st.st_size, st.st_mtime_ns])
    return prints


def write_tables(dataset, folder: str | os.PathLike, read_from: list[list]) -> Path:
    """Write ``dataset``'s tables into ``folder`` (replacing it), with the :func:`fingerprint` of its inputs.

    Examples
    --------
    >>> import tempfile
    >>> from smanalytics.dataset import Dataset
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_tables(Dataset(), Path(tmp) / "cafe", read_from=[])
    ...     print(read_tables(folder, []), sorted(p.name for p in folder.iterdir())[:2])
    Dataset(0 accounts, 0 posts, 0 daily rows, 0 problems) ['comments.parquet', 'daily.parquet']
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        for name in _table_names():
            getattr(dataset, name).to_parquet(staging / f"{name}.parquet")
        (staging / _INPUTS).write_text(json.dumps(read_from), encoding="utf-8")
        remove_tables(folder)
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _table_names() -> list[str]:
    """The Dataset's public fields: its tables (a private field is the loader's working state)."""
    from smanalytics.dataset import Dataset

    return [f.name for f in dataclasses.fields(Dataset) if not f.name.startswith("_")]


def read_tables(folder: str | os.PathLike, inputs):
    """The :class:`~smanalytics.dataset.Dataset` in ``folder``, or None when it is missing or stale.

    Stale: the ``inputs`` files are not those it was read from, or one has
    changed (size or modification time) since.
    """
    import pandas as pd

    from smanalytics.dataset import Dataset

    folder = Path(folder)
    try:
        if json.loads((folder / _INPUTS).read_text(encoding="utf-8")) != fingerprint(inputs):
            return None
        tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in _table_names()}
    except (OSError, ValueError):
        return None
    return Dataset(**tables)


def remove_tables(folder: str | os.PathLike) -> None:
    """Delete a client's tables folder, if there is one."""
    shutil.rmtree(folder, ignore_errors=True)


def clear_work_area(out: str | os.PathLike) -> None:
    """Remove ``OUT/.work`` and everything in it (a killed batch's tables)."""
    shutil.rmtree(Path(out) / WORK_AREA, ignore_errors=True)


def remove_work_area_if_empty(out: str | os.PathLike) -> None:
    """Remove ``OUT/.work`` when no client's tables are left in it."""
    with contextlib.suppress(OSError):
        (Path(out) / WORK_AREA).rmdir()
