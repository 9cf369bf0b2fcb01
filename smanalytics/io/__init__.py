"""Reading platform exports into canonical tables.

:func:`load` reads export files and folders, recognises each file's export
family from its content (not its name), reads it with that family's reader
and merges everything into one :class:`~smanalytics.dataset.Dataset`; files
that cannot be used are listed, not fatal. Its per-file loop is
:func:`read_each` (one :class:`FileRead` per file) and :func:`assemble`, which
the command line uses to show progress.
Families live in a registry (:mod:`smanalytics.io.registry`), one module per
export family.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from smanalytics import schema
from smanalytics.dataset import Dataset, source_row
from smanalytics.errors import ExportError, NotATimeSeriesError, SmanalyticsError, UnknownFormatError
from smanalytics.io import followers as _followers
from smanalytics.io.accounts import AccountName, unify
from smanalytics.io.paths import Collected, collect, expand_paths
from smanalytics.io.problems import Problems
from smanalytics.io.registry import Family, ReadContext, ReadResult, families, register
from smanalytics.io.source import Source
from smanalytics.io.sources import skipped_dataset, unused_dataset
from smanalytics.io.tables import candidates

__all__ = [
    "load",
    "read_file",
    "read_each",
    "assemble",
    "FileRead",
    "combine",
    "identify",
    "recognise",
    "collect",
    "expand_paths",
    "families",
    "register",
    "Family",
    "ReadContext",
    "ReadResult",
    "Source",
]

PathLike = str | os.PathLike


def identify(source: Source, *, platform: str | None = None) -> Family:
    """The export family of ``source``, recognised from its content (see :func:`recognise`).

    Raises
    ------
    UnknownFormatError
        Naming what was seen in the first lines and the known families.
    """
    return recognise(source, platform=platform)[0]


def recognise(source: Source, *, platform: str | None = None) -> tuple[Family, Source]:
    """The export family of ``source`` and the table of it that the family reads.

    The tables of :func:`smanalytics.io.tables.candidates` are tried in
    order (the file, each sheet of a workbook, then those tables without
    title rows or with their records unwrapped), each against every family
    in sniffing order; the first match wins, and how the table was made is
    added to the file's notes.

    Raises
    ------
    UnknownFormatError
        Naming what was seen in the first lines and the known families.
    ExportError
        When the file's workbook cannot be read (damaged, unsafe).
    """
    known = [f for f in families() if platform is None or f.platform in (None, platform)]
    first = None
    for table, note in candidates(source):
        if first is None and table is not source:
            first = table
        for family in known:
            try:
                if family.sniff(table):
                    if note:
                        source.notes.append(note)
                    return family, table
            except SmanalyticsError:
                raise
            except Exception:  # a sniffer that trips over odd content just says no
                continue
    if source.kind == "empty":
        raise UnknownFormatError("the file is empty; expected an export with a header line", path=source.path)
    if source.container is None:
        raise UnknownFormatError(
            f"this is {source.kind} data, not a platform export; expected CSV, .xls or .xlsx",
            path=source.path,
        )
    names = ", ".join(sorted({f.title.split(":")[0].split("(")[0].strip() for f in known}))
    seen = (first if source.kind != "text" and first is not None else source).describe_head()
    raise UnknownFormatError(
        f"not a known export: first lines {seen}; known families: {names}", path=source.path
    )


def read_file(
    path: PathLike,
    *,
    platform: str | None = None,
    account: str | None = None,
    strict: bool = False,
    today: pd.Timestamp | str | None = None,
) -> Dataset:
    """Read one export file into a :class:`Dataset` (see :func:`load`).

    ``today`` is the day the file is read (default: today); see
    :class:`~smanalytics.io.registry.ReadContext`.

    Raises
    ------
    SmanalyticsError
        When the file is not a known export, holds no posts or daily
        figures, or cannot be read; with ``strict``, on its first bad row.
    """
    family, table = recognise(Source(Path(path)), platform=platform)
    return _read_as(table, family, platform=platform, account=account, strict=strict, today=today)


def _read_as(
    source: Source,
    family: Family,
    *,
    platform: str | None,
    account: str | None,
    strict: bool,
    today: pd.Timestamp | str | None = None,
) -> Dataset:
    """Read ``source`` with ``family``; genuine file problems (not bugs) become an ExportError."""
    context = ReadContext(problems=Problems(source.path, strict=strict), account=account, platform=platform)
    if today is not None:
        context.today = pd.Timestamp(today).normalize()
    try:
        result = family.read(source, context)
    except MemoryError:
        raise ExportError("the file is too large to read in memory", path=source.path) from None
    except (OSError, UnicodeError) as exc:
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
    sources = source_row(
        file=str(source.path),
        status="read",
        family=family.name,
        title=family.title,
        tables=", ".join(n for n, f in tables.items() if len(f)) or ", ".join(tables),
        platform=", ".join(sorted(_platforms(tables) | {t.platform for t in totals})),
        accounts=", ".join(_accounts_of(tables) or sorted({t.account for t in totals})),
        rows=sum(len(f) for f in tables.values()),
        data_rows=result.data_rows,
        problems=len(problems),
        start=min(dates) if dates else pd.NaT,
        end=max(dates) if dates else pd.NaT,
        notes="; ".join(dict.fromkeys(result.notes + context.problems.notes + source.notes)),
        language=result.language,
    )
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
        keys = frame[["platform", "account"]]
        if len(keys) > 64:  # many rows of few accounts: pandas finds the distinct pairs faster
            keys = keys.drop_duplicates()
        pairs = zip(keys["platform"].tolist(), keys["account"].tolist(), strict=True)
        for platform, account in dict.fromkeys(pairs):
            if pd.notna(platform) and pd.notna(account) and (platform, account) not in seen:
                seen.add((platform, account))
                names.append(AccountName(platform, account, "stated"))
    return names


@dataclass(frozen=True)
class FileRead:
    """What became of one file given to :func:`load`.

    Attributes
    ----------
    path
        The file.
    dataset
        Its tables when it was read; otherwise an empty Dataset whose
        ``sources`` row and problem say what the file is and why it was not used.
    error
        Why the file was not used (None when it was read, or skipped as junk).
    """

    path: Path
    dataset: Dataset
    error: SmanalyticsError | None = None

    @property
    def status(self) -> str:
        """The file's ``sources.status`` (see :data:`smanalytics.io.sources.STATUSES`)."""
        return str(self.dataset.sources["status"].iloc[0])


def read_each(
    paths: PathLike | Iterable[PathLike] | Collected,
    *,
    platform: str | None = None,
    account: str | None = None,
    strict: bool = False,
    today: pd.Timestamp | str | None = None,
) -> Iterator[FileRead]:
    """Read the files of ``paths`` one by one: the per-file loop of :func:`load`.

    Yields one :class:`FileRead` per file (folders expanded, hidden files and
    OS junk yielded as skipped). A file that is unknown, holds no posts or
    daily figures, or cannot be read is yielded with its error, not raised;
    with ``strict``, every such error but "no posts or daily figures"
    raises at once. Pair with :func:`assemble`.
    """
    found = paths if isinstance(paths, Collected) else collect(paths)
    for skipped in found.skipped:
        yield FileRead(skipped.path, skipped_dataset(skipped.path, skipped.reason))
    for path in found.files:
        family = None
        try:
            family, table = recognise(Source(path), platform=platform)
            dataset = _read_as(table, family, platform=platform, account=account, strict=strict, today=today)
        except SmanalyticsError as exc:
            if strict and not isinstance(exc, NotATimeSeriesError):
                raise
            yield FileRead(path, unused_dataset(path, exc, family), exc)
        else:
            yield FileRead(path, dataset)


def assemble(
    reads: Iterable[FileRead],
    *,
    account: str | None = None,
    accounts: Mapping[str, str] | None = None,
    followers: Mapping[str, int] | None = None,
) -> Dataset:
    """Merge the files of :func:`read_each` into one Dataset (see :func:`combine`); unused files are listed.

    Raises
    ------
    SmanalyticsError
        When no file was read: the file's own error when there was one file,
        else an error naming each file and why it was not used.
    """
    reads = list(reads)
    used = [r.dataset for r in reads if r.status == "read"]
    if not used:
        raise _nothing_readable(reads)
    dataset = combine(used, account=account, accounts=accounts, followers=followers)
    unused = [r.dataset for r in reads if r.status != "read"]
    if unused:
        dataset.sources = pd.concat([dataset.sources, *(d.sources for d in unused)], ignore_index=True)
        dataset.problems = pd.concat([dataset.problems, *(d.problems for d in unused)], ignore_index=True)
    return dataset


def _nothing_readable(reads: list[FileRead]) -> SmanalyticsError:
    failed = [r for r in reads if r.error is not None]
    if not reads:
        return ExportError("no export files given")
    if not failed:
        reasons = "; ".join(dict.fromkeys(r.dataset.sources["notes"].iloc[0] for r in reads[:5]))
        return ExportError(
            f"no export file to read ({reasons})", path=reads[0].path if len(reads) == 1 else None
        )
    if len(failed) == 1:
        return failed[0].error
    kinds = {type(r.error) for r in failed}
    kind = kinds.pop() if len(kinds) == 1 else ExportError
    shown = "; ".join(f"{r.path.name}: {getattr(r.error, 'reason', r.error)}" for r in failed[:5])
    more = f"; and {len(failed) - 5} more" if len(failed) > 5 else ""
    return kind(f"none of these {len(failed)} files holds posts or daily figures ({shown}{more})")


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
    """Read export files and folders of any known family into one :class:`Dataset`.

    Parameters
    ----------
    paths
        A file, a folder (every file inside it, recursively), a glob
        (``exports/*.csv``) or a list of them.
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
        Fail fast: raise on the first unknown or unreadable file, and
        :class:`~smanalytics.errors.RowError` on the first unreadable row,
        instead of recording them in ``problems``.

    Returns
    -------
    Dataset
        Rows of overlapping or repeated files are counted once: a post is
        identified by ``platform, account, post_id``, a daily row by
        ``platform, account, date``; for each, the newest file's values win.

        A client's whole export folder can be passed: a file that is not a
        known export, holds no posts or daily figures (demographics, a
        breakdown) or cannot be read is listed in ``sources`` (``status``
        and ``notes`` say what it is and why it was not used) and in
        ``problems``; hidden files and OS junk (``.DS_Store``, ``Thumbs.db``)
        in folders are listed as ``skipped``.

    Raises
    ------
    SmanalyticsError
        And nothing else: a path that does not exist, nothing readable at
        all among the files, or (strict) an unknown file or a bad row.

    Examples
    --------
    >>> import smanalytics
    >>> ds = smanalytics.load("data/samples/")  # doctest: +SKIP
    """
    reads = read_each(paths, platform=platform, account=account, strict=strict)
    return assemble(reads, account=account, accounts=accounts, followers=followers)
