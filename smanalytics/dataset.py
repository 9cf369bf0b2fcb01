"""Dataset: the canonical tables of one or more accounts, with what could not be read.

A :class:`Dataset` is what :func:`smanalytics.load` returns. It holds the
``posts``, ``daily``, ``comments`` and ``effort`` tables of any number of
accounts, ``problems`` (every row that could not be read: file, line, column,
reason) and ``sources`` (one row per file: its family, table, rows, period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics.schema import empty_problems

__all__ = ["Dataset", "SOURCE_COLUMNS", "BASIS_COLUMNS", "source_row"]

SOURCE_COLUMNS = {
    "file": "string",
    "status": "string",
    "family": "string",
    "title": "string",
    "tables": "string",
    "platform": "string",
    "accounts": "string",
    "rows": "Int64",
    "data_rows": "Int64",
    "problems": "Int64",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "notes": "string",
    "language": "string",
}
TABLE_NAMES = ("posts", "daily", "comments", "effort")
#: Columns of ``Dataset.follower_basis``: how each account's follower counts are known.
BASIS_COLUMNS = {
    "platform": "string",
    "account": "string",
    "followers_basis": "string",  # exported, reconstructed, total (one count, nothing to rebuild from), none
    "followers_note": "string",
}


def source_row(**values) -> pd.DataFrame:
    """A one-row ``sources`` table of ``values`` (column -> value); columns not given are missing.

    Built column by column at the column's dtype: a folder makes one per file,
    and casting a frame built from a dict of objects costs twice as much.
    """
    return pd.DataFrame({name: pd.array([values.get(name)], dtype=t) for name, t in SOURCE_COLUMNS.items()})


def _empty_sources() -> pd.DataFrame:
    return schema.empty_of(SOURCE_COLUMNS)


def _empty_basis() -> pd.DataFrame:
    return schema.empty_of(BASIS_COLUMNS)


@dataclass
class Dataset:
    """The canonical tables of one or more accounts.

    Attributes
    ----------
    posts, daily, comments, effort
        Canonical tables (see :mod:`smanalytics.schema`); empty when no file
        gave them.
    problems
        Rows that could not be read: ``file, line, column, reason``.
    sources
        One row per file given, read or not: ``file, status, family, title,
        tables, platform, accounts, rows, data_rows, problems, start, end,
        notes, language`` (the interface language the export was written in,
        where known). ``status`` is ``read``, ``not account data`` (a
        recognised export with no posts or daily figures: demographics,
        breakdowns), ``unknown``, ``unreadable`` or ``skipped`` (hidden files
        and OS junk in a folder); ``notes`` say what was changed, or why the
        file was not used.
    follower_basis
        One row per account: ``platform, account, followers_basis,
        followers_note``: whether its follower counts are ``exported`` by
        the platform, ``reconstructed`` from a known total and the daily
        follows, one ``total`` with nothing to rebuild other days from, or
        ``none``; the note says how (see :mod:`smanalytics.io.followers`).

    Examples
    --------
    >>> ds = Dataset.from_tables(daily=pd.DataFrame({"platform": ["x"], "account": ["cafe"],
    ...     "date": ["2026-01-01"], "followers": [120]}))
    >>> ds
    Dataset(1 account, 0 posts, 1 daily rows, 0 problems)
    """

    posts: pd.DataFrame = field(default_factory=lambda: schema.empty("posts"))
    daily: pd.DataFrame = field(default_factory=lambda: schema.empty("daily"))
    comments: pd.DataFrame = field(default_factory=lambda: schema.empty("comments"))
    effort: pd.DataFrame = field(default_factory=lambda: schema.empty("effort"))
    problems: pd.DataFrame = field(default_factory=empty_problems)
    sources: pd.DataFrame = field(default_factory=_empty_sources)
    follower_basis: pd.DataFrame = field(default_factory=_empty_basis)
    #: What one file's reader found that is decided with the files loaded
    #: together (account names, undated follower totals); see ``io.combine``.
    _evidence: tuple = field(default=(), repr=False, compare=False)

    @classmethod
    def from_tables(
        cls,
        *,
        posts: pd.DataFrame | None = None,
        daily: pd.DataFrame | None = None,
        comments: pd.DataFrame | None = None,
        effort: pd.DataFrame | None = None,
    ) -> Dataset:
        """Build a Dataset from tables with canonical column names (any subset of columns)."""
        given = {"posts": posts, "daily": daily, "comments": comments, "effort": effort}
        tables = {
            name: schema.validate(schema.conform(frame, name), name)
            for name, frame in given.items()
            if frame is not None
        }
        return cls(**tables)

    def __repr__(self) -> str:
        n = len(self.accounts())
        return (
            f"Dataset({n} account{'s' if n != 1 else ''}, {len(self.posts)} posts, "
            f"{len(self.daily)} daily rows, {len(self.problems)} problems)"
        )

    def accounts(self) -> pd.DataFrame:
        """One row per ``platform, account`` with its posts, daily rows and period."""
        parts = []
        if len(self.posts):
            p = self.posts.assign(day=self.posts["published_at"].dt.tz_localize(None).dt.normalize())
            parts.append(
                p.groupby(["platform", "account"], observed=True)
                .agg(posts=("post_id", "size"), first=("day", "min"), last=("day", "max"))
                .reset_index()
            )
        if len(self.daily):
            parts.append(
                self.daily.groupby(["platform", "account"], observed=True)
                .agg(days=("date", "size"), first=("date", "min"), last=("date", "max"))
                .reset_index()
            )
        if not parts:
            return pd.DataFrame(
                {
                    "platform": pd.Series(dtype="string"),
                    "account": pd.Series(dtype="string"),
                    "posts": pd.Series(dtype="Int64"),
                    "days": pd.Series(dtype="Int64"),
                    "start": pd.Series(dtype="datetime64[ns]"),
                    "end": pd.Series(dtype="datetime64[ns]"),
                }
            )
        both = pd.concat(parts, ignore_index=True)
        out = both.groupby(["platform", "account"], observed=True).agg(
            posts=("posts", "sum") if "posts" in both else ("first", "size"),
            days=("days", "sum") if "days" in both else ("first", "size"),
            start=("first", "min"),
            end=("last", "max"),
        )
        if "posts" not in both:
            out["posts"] = 0
        if "days" not in both:
            out["days"] = 0
        out = out.reset_index()
        return out.astype({"posts": "Int64", "days": "Int64"})

    def _repr_html_(self) -> str:
        """Accounts, files and grouped problems at a glance (see :mod:`smanalytics.dataset_html`)."""
        from smanalytics.dataset_html import dataset_html

        return dataset_html(self)

    def problem_summary(self, *, examples: int = 3) -> pd.DataFrame:
        """The problem rows grouped by file and reason, with the first lines and values as examples.

        See :func:`smanalytics.problem_summary.summarise_problems`;
        :func:`~smanalytics.problem_summary.describe_problems` words each group.
        """
        from smanalytics.problem_summary import summarise_problems

        return summarise_problems(self.problems, examples=examples)

    def select(self, *, platform: str | None = None, account: str | None = None) -> Dataset:
        """The part of the dataset for one platform and/or account."""

        def keep(frame: pd.DataFrame) -> pd.DataFrame:
            mask = pd.Series(True, index=frame.index)
            if platform is not None and "platform" in frame:
                mask &= frame["platform"] == platform
            if account is not None and "account" in frame:
                mask &= frame["account"] == account
            return frame[mask.fillna(False)].reset_index(drop=True)

        return replace(
            self,
            posts=keep(self.posts),
            daily=keep(self.daily),
            comments=keep(self.comments),
            effort=keep(self.effort) if platform is not None else self.effort,
            follower_basis=keep(self.follower_basis),
        )

    def tables(self) -> dict[str, pd.DataFrame]:
        """The four canonical tables by name."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    @classmethod
    def concat(cls, datasets: Iterable[Dataset]) -> Dataset:
        """Merge datasets; rows with the same key are combined, later datasets winning.

        For each key (a post, an account-day) the last non-missing value of
        each column is kept, so per-metric daily files of one account merge
        into one row per day, and a newer export revises an older one.
        """
        datasets = list(datasets)
        merged = {name: merge_table([getattr(d, name) for d in datasets], name) for name in TABLE_NAMES}
        problems = pd.concat([d.problems for d in datasets] or [empty_problems()], ignore_index=True)
        sources = pd.concat([d.sources for d in datasets] or [_empty_sources()], ignore_index=True)
        basis = pd.concat([d.follower_basis for d in datasets] or [_empty_basis()], ignore_index=True)
        basis = basis.drop_duplicates(["platform", "account"], keep="last", ignore_index=True)
        return cls(**merged, problems=problems, sources=sources, follower_basis=basis)


def merge_table(frames: list[pd.DataFrame], table: str) -> pd.DataFrame:
    """Concatenate canonical tables; combine rows that share a key, last non-missing wins.

    The result is sorted by ``platform, account`` and then the table's time
    column, stably (rows that tie keep their order).
    """
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty(table)
    data = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    keys = list(schema.KEYS[table])
    if _has_duplicates(data, keys):
        data = data.groupby(keys, sort=False, dropna=False, observed=True).last().reset_index()
    data = schema.conform(data, table)
    order = [k for k in ("platform", "account", "published_at", "date", "created_at") if k in data]
    at = _stable_order(data, order)
    if at is None:
        return data.sort_values(order, kind="stable", ignore_index=True)
    if len(at) and (at[1:] > at[:-1]).all():
        return data  # already in order: no copy
    return _reorder(data, at)


def _reorder(data: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """``data.take(order).reset_index(drop=True)`` for ``order``, a permutation of the rows.

    A column with no value at all is kept as it is: a canonical table from
    one export lacks many columns (the benchmark's posts five, its daily
    table ten), and moving a million missing values would change nothing and
    cost fresh memory. A kept column is shared with ``data`` the
    copy-on-write way: changing either table leaves the other as it was.
    """
    index = pd.RangeIndex(len(order))
    columns = {}
    for name in data.columns:
        values = data[name]
        moved = values.take(order) if values.notna().any() else values
        columns[name] = moved.set_axis(index)
    return pd.DataFrame(columns, copy=False)


def _codes(values: pd.Series, *, sort: bool) -> np.ndarray | None:
    """Integer codes of a key column, missing values last (one code for all of them); None if unsure."""
    if isinstance(values.dtype, pd.DatetimeTZDtype) or values.dtype.kind == "M":
        if not sort:
            codes, _ = pd.factorize(values, use_na_sentinel=True)
            return np.where(codes < 0, codes.max(initial=-1) + 1, codes)
        stamps = values.array.asi8.copy()
        stamps[values.isna().to_numpy()] = np.iinfo(np.int64).max  # NaT last, as sort_values does
        return stamps
    if str(values.dtype) != "string":
        return None
    codes, uniques = pd.factorize(values, sort=sort, use_na_sentinel=True)
    codes = codes.astype(np.int64, copy=False)
    codes[codes < 0] = len(uniques)
    return codes


def _has_duplicates(data: pd.DataFrame, keys: list[str]) -> bool:
    """Whether two rows share all of ``keys`` (missing equal to missing), as ``duplicated().any()``.

    Each key column becomes integer codes, combined into one integer per row
    when the product of their ranges fits; much cheaper than
    ``DataFrame.duplicated`` on text columns.
    """
    combined = np.zeros(len(data), dtype=np.int64)
    span = 1
    for key in reversed(keys):  # the last key (an id, a day) tells most rows apart
        codes = _codes(data[key], sort=False)
        if codes is None:
            return bool(data.duplicated(subset=keys).any())
        width = int(codes.max(initial=0)) + 1
        if width == len(data):
            return False  # this column alone is unique
        if span * width >= 1 << 62:
            return bool(data.duplicated(subset=keys).any())
        combined = combined * width + codes
        span *= width
    return bool(pd.Series(combined).duplicated().any())


def _stable_order(data: pd.DataFrame, order: list[str]) -> np.ndarray | None:
    """The positions that sort ``data`` by ``order`` like ``sort_values(kind="stable")``; None if unsure.

    Text columns sort by integer codes of their sorted distinct values, the
    time column by its integers; missing values go last in each column.
    """
    columns = []
    for name in order:
        codes = _codes(data[name], sort=True)
        if codes is None:
            return None
        columns.append(codes)
    # least significant first: each stable pass keeps the order of the ones before
    at = np.arange(len(data))
    for codes in reversed(columns):
        values = codes[at]
        if len(values) and 0 <= values.min() and values.max() < 1 << 15:
            values = values.astype(np.int16)  # a radix sort
        at = at[np.argsort(values, kind="stable")]
    return at
