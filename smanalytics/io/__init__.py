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
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

import pandas as pd

from smanalytics import schema
from smanalytics.dataset import SOURCE_COLUMNS, Dataset
from smanalytics.errors import ExportError, NotATimeSeriesError, SmanalyticsError, UnknownFormatError
from smanalytics.io import followers as _followers
from smanalytics.io.accounts import AccountName, unify
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
    totals = list(context.totals)
    if account is not None:
        names = [AccountName(p, account, "caller") for p in _platforms(tables) | {t.platform for t in totals}]
        totals = [replace(t, account=account) for t in totals]
    else:
        names = _names_of(tables, context.names)
    problems = context.problems.frame()
    dates = []
    for name, frame in tables.items():
        column = {"posts": "published_at", "comments": "created_at"}.get(name, "date")
        if column in frame and frame[column].notna().any():
            values = frame[column]
            if isinstance(values.dtype, pd.DatetimeTZDtype):
                values = values.dt.tz_localize(None)
            dates += [values.min().normalize(), values.max().normalize()]
    row = {
        "file": str(source.path),
        "family": family.name,
        "title": family.title,
        "tables": ", ".join(n for n, f in tables.items() if len(f)) or ", ".join(tables),
        "platform": ", ".join(sorted(_platforms(tables) | {t.platform for t in totals})),
        "accounts": ", ".join(_accounts_of(tables) or sorted({t.account for t in totals})),
        "rows": sum(len(f) for f in tables.values()),
        "data_rows": result.data_rows,
        "problems": len(problems),
        "start": min(dates) if dates else pd.NaT,
        "end": max(dates) if dates else pd.NaT,
        "notes": "; ".join(result.notes + source.notes),
        "language": result.language,
    }
    sources = pd.DataFrame([row]).astype(SOURCE_COLUMNS)
    return Dataset(**tables, problems=problems, sources=sources, _evidence=(names, totals))


def _platforms(tables: dict[str, pd.DataFrame]) -> set[str]:
    return {p for f in tables.values() if "platform" in f for p in f["platform"].dropna().unique()}


def _accounts_of(tables: dict[str, pd.DataFrame]) -> list[str]:
    return sorted({a for f in tables.values() if "account" in f for a in f["account"].dropna().unique()})


def _names_of(tables: dict[str, pd.DataFrame], reported: list[AccountName]) -> list[AccountName]:
    """The names a reader reported, and every other account of its tables as a stated name."""
    names = list(reported)
    seen = {(n.platform, n.name) for n in names}
    for frame in tables.values():
        if not {"platform", "account"} <= set(frame.columns) or not len(frame):
            continue
        pairs = frame[["platform", "account"]].dropna().drop_duplicates()
        for platform, account in pairs.itertuples(index=False):
            if (platform, account) not in seen:
                seen.add((platform, account))
                names.append(AccountName(platform, account, "stated"))
    return names


def combine(
    parts: list[Dataset],
    *,
    account: str | None = None,
    accounts: Mapping[str, str] | None = None,
    followers: Mapping[str, int] | None = None,
) -> Dataset:
    """Merge the datasets of single files into one, as :func:`load` does.

    Files are ordered by the last day they cover (the newest last, so that
    its values win; a file with no dates first); account names are decided
    over all of them (:mod:`smanalytics.io.accounts`); follower totals are
    placed and daily followers reconstructed (:mod:`smanalytics.io.followers`).
    """
    ordered = sorted(
        parts, key=lambda d: d.sources["end"].iloc[0] if d.sources["end"].notna().all() else pd.Timestamp.min
    )
    decided = unify([(_file_of(d), _evidence_of(d)[0]) for d in ordered], account=account, accounts=accounts)
    renamed, totals, notes = [], [], {}
    for part, (names, said) in zip(ordered, decided, strict=True):
        part, part_totals = _rename(part, names)
        renamed.append(part)
        totals += [(t, _file_of(part)) for t in part_totals]
        notes.setdefault(_file_of(part), []).extend(said)
    dataset = Dataset.concat(renamed)
    others = [(_file_of(p), p.tables()) for p in renamed]
    daily, placed_notes, placed = _followers.place_totals(dataset.daily, totals, others)
    for path, said in placed_notes.items():
        notes.setdefault(path, []).extend(said)
    if followers:
        daily, said, given = _followers.owner_totals(daily, dataset.posts, followers)
        placed.update(given)
        for key, sentence in given.items():
            for path in _files_of_account(renamed, key):
                notes.setdefault(path, []).append(f"{key[0]} account {key[1]!r}: {sentence}")
    daily, rebuilt = _followers.reconstruct(daily)
    for key, sentence in rebuilt.items():
        for path in _files_of_account(renamed, key, follows=True):
            notes.setdefault(path, []).append(f"{key[0]} account {key[1]!r}: {sentence}")
    dataset.daily = daily
    dataset.follower_basis = _followers.basis(daily, dataset.posts, rebuilt, placed)
    dataset.sources = _add_notes(dataset.sources, notes)
    return dataset


def _file_of(part: Dataset) -> str:
    return str(part.sources["file"].iloc[0]) if len(part.sources) else ""


def _evidence_of(part: Dataset) -> tuple[list[AccountName], list]:
    if part._evidence:
        return part._evidence
    return _names_of(part.tables(), []), []


def _rename(part: Dataset, names: dict[tuple[str, str], str]) -> tuple[Dataset, list]:
    """``part`` with its accounts named as decided, and its follower totals likewise."""
    totals = [
        replace(t, account=names.get((t.platform, t.account), t.account)) for t in _evidence_of(part)[1]
    ]
    if all(old == new for (_, old), new in names.items()):
        return part, totals
    tables = {}
    for table, frame in part.tables().items():
        if len(frame) and {"platform", "account"} <= set(frame.columns):
            keys = list(zip(frame["platform"].astype(object), frame["account"].astype(object), strict=True))
            frame = frame.assign(account=pd.array([names.get(k, k[1]) for k in keys], dtype="string"))
        tables[table] = frame
    sources = part.sources.copy()
    listed = _accounts_of(tables) or sorted({t.account for t in totals})
    sources["accounts"] = pd.array([", ".join(listed)] * len(sources), dtype="string")
    return replace(part, **tables, sources=sources, _evidence=()), totals


def _files_of_account(parts: list[Dataset], key: tuple[str, str], *, follows: bool = False) -> list[str]:
    """The files that hold rows of an account (with ``follows``: daily follows or unfollows)."""
    out = []
    for part in parts:
        daily = part.daily
        mine = (daily["platform"] == key[0]) & (daily["account"] == key[1])
        if follows:
            mine &= daily["follows"].notna() | daily["unfollows"].notna()
        elif len(part.posts):
            posts = part.posts
            if ((posts["platform"] == key[0]) & (posts["account"] == key[1])).any():
                out.append(_file_of(part))
                continue
        if mine.fillna(False).any():
            out.append(_file_of(part))
    return out


def _add_notes(sources: pd.DataFrame, notes: dict[str, list[str]]) -> pd.DataFrame:
    if not any(notes.values()):
        return sources
    sources = sources.copy()
    for index, path in sources["file"].items():
        extra = notes.get(str(path))
        if extra:
            before = sources.at[index, "notes"]
            text = "; ".join(([before] if isinstance(before, str) and before else []) + extra)
            sources.at[index, "notes"] = text
    return sources


def load(
    paths: PathLike | Iterable[PathLike],
    *,
    platform: str | None = None,
    account: str | None = None,
    accounts: Mapping[str, str] | None = None,
    followers: Mapping[str, int] | None = None,
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
    accounts
        Account name per platform (``{"instagram": "elitravelguy"}``),
        overriding what the files say; wins over ``account``. Without it,
        the names the files give are matched into one account per real
        account (see :mod:`smanalytics.io.accounts`).
    followers
        Today's follower count per platform (``{"instagram": 1629}``), taken
        as of the last day the account's exports cover; it anchors the
        reconstruction of daily followers (see :mod:`smanalytics.io.followers`).
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
    dataset = combine(parts, account=account, accounts=accounts, followers=followers)
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
