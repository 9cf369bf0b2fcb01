"""Dataset: the canonical tables of one or more accounts, with what could not be read.

A :class:`Dataset` is what :func:`smanalytics.load` returns. It holds the
``posts``, ``daily``, ``comments`` and ``effort`` tables of any number of
accounts, ``problems`` (every row that could not be read: file, line, column,
reason) and ``sources`` (one row per file: its family, table, rows, period).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pandas as pd

from smanalytics import schema
from smanalytics.schema import empty_problems

__all__ = ["Dataset", "SOURCE_COLUMNS"]

SOURCE_COLUMNS = {
    "file": "string",
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
}
TABLE_NAMES = ("posts", "daily", "comments", "effort")


def _empty_sources() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SOURCE_COLUMNS.items()})


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
        One row per file read: ``file, family, title, tables, platform,
        accounts, rows, data_rows, problems, start, end, notes``.

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
        return cls(**merged, problems=problems, sources=sources)


def merge_table(frames: list[pd.DataFrame], table: str) -> pd.DataFrame:
    """Concatenate canonical tables; combine rows that share a key, last non-missing wins."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty(table)
    data = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    keys = list(schema.KEYS[table])
    if data.duplicated(subset=keys).any():
        data = data.groupby(keys, sort=False, dropna=False, observed=True).last().reset_index()
    data = schema.conform(data, table)
    order = [k for k in ("platform", "account", "published_at", "date", "created_at") if k in data]
    return data.sort_values(order, kind="stable", ignore_index=True)
