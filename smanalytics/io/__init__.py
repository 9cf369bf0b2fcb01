"""Reading platform exports into canonical tables.

:func:`load` reads one or more export files, recognises each file's export
family from its content (not its name), reads it with that family's reader
and merges everything into one :class:`~smanalytics.dataset.Dataset`.
Families live in a registry (:mod:`smanalytics.io.registry`), one module per
export family.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from smanalytics import schema
from smanalytics.dataset import SOURCE_COLUMNS, Dataset
from smanalytics.errors import ExportError, NotATimeSeriesError, SmanalyticsError, UnknownFormatError
from smanalytics.io.problems import Problems
from smanalytics.io.registry import Family, ReadContext, ReadResult, families, register
from smanalytics.io.source import Source

__all__ = [
    "load",
    "read_file",
    "combine",
    "identify",
    "expand_paths",
    "families",
    "register",
    "Family",
    "ReadContext",
    "ReadResult",
    "Source",
]

PathLike = str | os.PathLike


def expand_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """Expand globs in ``paths`` into files, in order, each once.

    Raises
    ------
    ExportError
        For a path that does not exist, a folder, or a glob that matches nothing.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for item in paths:
        text = os.fspath(item)
        if glob.has_magic(text):
            matches = sorted(glob.glob(text))
            if not matches:
                raise ExportError("no file matches this pattern", path=text)
            candidates = [Path(m) for m in matches]
        else:
            candidates = [Path(text)]
        for path in candidates:
            if path.is_dir():
                raise ExportError(f"is a folder; expected export files (try '{path}/*.csv')", path=path)
            if not path.exists():
                raise ExportError("no such file", path=path)
            if path not in out:
                out.append(path)
    return out


def identify(source: Source, *, platform: str | None = None) -> Family:
    """The export family of ``source``, recognised from its content.

    Raises
    ------
    UnknownFormatError
        Naming what was seen in the first lines and the known families.
    """
    known = [f for f in families() if platform is None or f.platform in (None, platform)]
    for family in known:
        try:
            if family.sniff(source):
                return family
        except SmanalyticsError:
            raise
        except Exception:  # a sniffer that trips over odd content just says no
            continue
    if source.kind == "empty":
        raise UnknownFormatError("the file is empty; expected an export with a header line", path=source.path)
    if source.kind not in ("text", "xml", "ole2", "zip"):
        raise UnknownFormatError(
            f"this is {source.kind} data, not a platform export; expected CSV, .xls or .xlsx",
            path=source.path,
        )
    names = ", ".join(sorted({f.title.split(":")[0].split("(")[0].strip() for f in known}))
    raise UnknownFormatError(
        f"not a known export: first lines {source.describe_head()}; known families: {names}",
        path=source.path,
    )


def read_file(
    path: PathLike,
    *,
    platform: str | None = None,
    account: str | None = None,
    strict: bool = False,
) -> Dataset:
    """Read one export file into a :class:`Dataset` (see :func:`load`)."""
    source = Source(Path(path))
    try:
        if not source.path.is_file():
            raise ExportError("no such file", path=source.path)
        family = identify(source, platform=platform)
        context = ReadContext(
            problems=Problems(source.path, strict=strict), account=account, platform=platform
        )
        result = family.read(source, context)
    except SmanalyticsError:
        raise
    except MemoryError:
        raise ExportError("the file is too large to read in memory", path=source.path) from None
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, LookupError) as exc:
        raise ExportError(f"could not read the file ({type(exc).__name__}: {exc})", path=source.path) from exc
    return _as_dataset(source, family, result, context, account=account)


def _as_dataset(
    source: Source, family: Family, result: ReadResult, context: ReadContext, *, account: str | None
) -> Dataset:
    tables = {}
    for name, frame in result.tables.items():
        if account is not None and "account" in frame.columns:
            frame = frame.assign(account=pd.Series(account, index=frame.index, dtype="string"))
        tables[name] = schema.conform(frame, name)
    problems = context.problems.frame()
    dates = []
    for name, frame in tables.items():
        column = {"posts": "published_at", "comments": "created_at"}.get(name, "date")
        if column in frame and frame[column].notna().any():
            values = frame[column]
            if isinstance(values.dtype, pd.DatetimeTZDtype):
                values = values.dt.tz_localize(None)
            dates += [values.min().normalize(), values.max().normalize()]
    platforms = sorted(
        {p for f in tables.values() if "platform" in f for p in f["platform"].dropna().unique()}
    )
    accounts = sorted({a for f in tables.values() if "account" in f for a in f["account"].dropna().unique()})
    row = {
        "file": str(source.path),
        "family": family.name,
        "title": family.title,
        "tables": ", ".join(n for n, f in tables.items() if len(f)) or ", ".join(tables),
        "platform": ", ".join(platforms),
        "accounts": ", ".join(accounts),
        "rows": sum(len(f) for f in tables.values()),
        "data_rows": result.data_rows,
        "problems": len(problems),
        "start": min(dates) if dates else pd.NaT,
        "end": max(dates) if dates else pd.NaT,
        "notes": "; ".join(result.notes + source.notes),
        "language": result.language,
    }
    sources = pd.DataFrame([row]).astype(SOURCE_COLUMNS)
    return Dataset(**tables, problems=problems, sources=sources)


def combine(parts: list[Dataset]) -> Dataset:
    """Merge the datasets of single files, the newest export last so that its values win.

    Files are ordered by the last day they cover; a file with no dates goes first.
    """
    ordered = sorted(
        parts, key=lambda d: d.sources["end"].iloc[0] if d.sources["end"].notna().all() else pd.Timestamp.min
    )
    return Dataset.concat(ordered)


def load(
    paths: PathLike | Iterable[PathLike],
    *,
    platform: str | None = None,
    account: str | None = None,
    strict: bool = False,
) -> Dataset:
    """Read export files of any known family into one :class:`Dataset`.

    Parameters
    ----------
    paths
        A file, a glob (``exports/*.csv``) or a list of them.
    platform
        Only consider families of this platform, and use it for files that
        do not say which platform they come from.
    account
        Account name for every row, overriding what the files say.
    strict
        Raise :class:`~smanalytics.errors.RowError` on the first unreadable
        row instead of recording it in ``problems``.

    Returns
    -------
    Dataset
        Rows of overlapping or repeated files are counted once: a post is
        identified by ``platform, account, post_id``, a daily row by
        ``platform, account, date``; for each, the newest file's values win.

        A file that holds no posts or daily figures (demographics, a
        breakdown) among several is skipped and listed in ``problems`` with
        the reason, so a client's whole export folder can be passed.

    Raises
    ------
    SmanalyticsError
        And nothing else: an unknown file, a missing file, a single file (or
        only files) holding no posts or daily figures, or (strict) a bad row.

    Examples
    --------
    >>> import smanalytics
    >>> ds = smanalytics.load("data/samples/*/*.csv")  # doctest: +SKIP
    """
    files = expand_paths(paths)
    parts, refused = [], []
    for path in files:
        try:
            parts.append(read_file(path, platform=platform, account=account, strict=strict))
        except NotATimeSeriesError as exc:
            if len(files) == 1:
                raise
            refused.append(exc)
    if refused and not parts:
        raise refused[0]
    dataset = combine(parts)
    if refused:
        skipped = pd.DataFrame(
            {
                "file": [e.path for e in refused],
                "line": pd.NA,
                "column": pd.NA,
                "reason": [e.reason for e in refused],
            }
        ).astype(schema.PROBLEM_COLUMNS)
        dataset.problems = pd.concat([dataset.problems, skipped], ignore_index=True)
    return dataset
