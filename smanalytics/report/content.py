"""A client's report as data: :func:`prepare` turns a spec into a :class:`Report`.

The report pipeline is spec -> load -> figures -> sections -> notebook -> HTML.
This module holds its first steps: :func:`load_exports` reads the client's
exports and keeps the period, :func:`compute_figures` computes every figure
once (:mod:`smanalytics.metrics`, :mod:`smanalytics.growth`), and
:func:`prepare` does both and returns the frozen :class:`Report` that the
sections (:mod:`smanalytics.report.sections`) and charts
(:mod:`smanalytics.report.drawings`) are plain functions of. The notebook
holds no logic; it does::

    spec = ClientSpec.from_parameters(globals())
    report = content.prepare(spec)
    sections.headline(report)
    drawings.conversation_chart(report)
    ...
    figures.save_metrics(report, out_dir)

The failure policy: a figure the data cannot give (no posts, no daily rows, a
table lacking the columns a figure needs: a
:class:`~smanalytics.errors.SchemaError`) is left empty and the report says
what is missing; ``strict=True`` raises those instead (the tests use it). Any
other exception is a bug, and fails the report.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from smanalytics.errors import SchemaError
from smanalytics.plots.style import ACCENT, platform_label
from smanalytics.report.spec import ClientSpec

__all__ = [
    "Report",
    "prepare",
    "load_exports",
    "export_files",
    "compute_figures",
    "resolve_exports",
    "DATA_ERRORS",
]

#: Where relative default paths (``data/samples/...``) are also looked for.
PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Exceptions that mean "the data cannot give this figure", said in the report, not raised.
DATA_ERRORS: tuple[type[Exception], ...] = (SchemaError,)


@dataclass(frozen=True)
class Report:
    """Everything one client's report shows, computed once by :func:`prepare`.

    Attributes
    ----------
    spec
        The client and its options (:class:`~smanalytics.report.spec.ClientSpec`).
    dataset
        The client's data (:class:`~smanalytics.dataset.Dataset`), limited to the period.
    summary
        :func:`~smanalytics.metrics.account_summary`, one row per account, with
        ``start``, ``end``, ``days``, ``posts_per_week`` and
        ``days_since_last_post`` taken over the client's whole period (the
        period asked for, else the first to the last day any of its accounts
        covers), so a channel that stopped early counts as silent until the end.
    monthly
        The same per month.
    paid
        The same over boosted posts only (empty when none was boosted).
    benchmark
        Conversation rate against what is expected at the account's size (may be empty).
    events, growth
        Follower spikes and growth net of spikes (may be empty).
    regularity, mix, focus, answers
        :func:`~smanalytics.metrics.consistency`, :func:`~smanalytics.metrics.content_mix`,
        :func:`~smanalytics.metrics.channel_focus` and
        :func:`~smanalytics.metrics.responsiveness` (each may be empty).
    missing
        Plain sentences: what the data did not allow the report to say.
    """

    spec: ClientSpec
    dataset: object
    summary: pd.DataFrame
    monthly: pd.DataFrame
    paid: pd.DataFrame
    benchmark: pd.DataFrame
    events: pd.DataFrame
    growth: pd.DataFrame
    regularity: pd.DataFrame
    mix: pd.DataFrame
    focus: pd.DataFrame
    answers: pd.DataFrame
    missing: tuple[str, ...] = ()

    @property
    def accent_color(self) -> str:
        """The client's accent colour (``#rrggbb``), else the palette's."""
        return self.spec.accent_color or ACCENT

    @property
    def period(self) -> tuple[str | None, str | None]:
        """The first and last day asked for (None: from the start, to the end of the data)."""
        return self.spec.period_start, self.spec.period_end

    def platforms(self) -> list[str]:
        """The platforms with data, in the summary's order."""
        names = list(self.summary["platform"].astype(str)) if len(self.summary) else []
        if len(self.dataset.daily):
            names += [p for p in self.dataset.daily["platform"].astype(str).unique() if p not in names]
        return names

    def platform_names(self) -> str:
        """The platforms as a reader names them: ``Instagram and Facebook``."""
        names = [platform_label(p) for p in self.platforms()]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def prepare(spec: ClientSpec, *, strict: bool = False, tables: str | os.PathLike | None = None) -> Report:
    """Read a client's exports and compute every figure the report shows.

    Parameters
    ----------
    spec
        The client: its exports (relative ones are also looked for under the
        project root, for the shipped samples), period, hours and reference.
    strict
        Raise when a figure cannot be computed from the data (a
        :class:`~smanalytics.errors.SchemaError`), instead of saying in the
        report what is missing.
    tables
        A folder of the client's tables that the batch has already read from
        these exports (:mod:`smanalytics.report.tables`), used instead of
        reading them again unless an export changed since.

    Returns
    -------
    Report

    Raises
    ------
    SmanalyticsError
        When the exports cannot be read at all (the runner checks them
        before a kernel starts), or with ``strict`` when a figure cannot be
        computed.
    """
    dataset = load_exports(spec, tables=tables)
    return Report(spec=spec, dataset=dataset, **compute_figures(dataset, spec, strict=strict))


def resolve_exports(exports: list[str] | tuple[str, ...] | str) -> list[str]:
    """``exports`` with relative paths that match nothing here taken from the project root.

    So the template's defaults (``data/samples/...``) work whether the
    notebook runs from the project root, from ``notebooks/`` or elsewhere.
    """
    if isinstance(exports, (str, os.PathLike)):
        exports = [exports]
    out = []
    for item in map(os.fspath, exports):
        here = glob.glob(item) if glob.has_magic(item) else [item] if os.path.exists(item) else []
        if not here and not os.path.isabs(item):
            item = str(PROJECT_ROOT / item)
        out.append(item)
    return out


def load_exports(spec: ClientSpec, *, period: bool = True, tables: str | os.PathLike | None = None):
    """The client's :class:`~smanalytics.dataset.Dataset`, limited to its period unless ``period=False``.

    With ``tables`` (see :func:`prepare`), read from there when they are
    current, else from the exports.
    """
    import smanalytics

    dataset = _read_tables(spec, tables) if tables else None
    if dataset is None:
        dataset = smanalytics.load(
            resolve_exports(spec.exports), accounts=dict(spec.accounts), followers=dict(spec.followers)
        )
    if not period or not (spec.period_start or spec.period_end):
        return dataset
    limit = {"posts": "published_at", "daily": "date", "comments": "created_at", "effort": "date"}
    return replace(
        dataset,
        **{
            table: _in_period(getattr(dataset, table), column, spec.period_start, spec.period_end)
            for table, column in limit.items()
        },
    )


def export_files(spec: ClientSpec) -> list[Path]:
    """The files the client's exports name (globs expanded), as :func:`load_exports` reads them."""
    from smanalytics.io import expand_paths

    return expand_paths(resolve_exports(spec.exports))


def _read_tables(spec: ClientSpec, tables: str | os.PathLike):
    from smanalytics.errors import ExportError
    from smanalytics.report.tables import read_tables

    try:
        return read_tables(tables, export_files(spec))
    except ExportError:  # an export gone since: reading the exports says so
        return None


def _in_period(frame: pd.DataFrame, column: str, start: str | None, end: str | None) -> pd.DataFrame:
    if not len(frame) or column not in frame:
        return frame
    values = frame[column]
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    keep = pd.Series(True, index=frame.index)
    if start:
        keep &= values >= pd.Timestamp(start)
    if end:
        keep &= values < pd.Timestamp(end) + pd.Timedelta(days=1)
    return frame[keep.fillna(False)].reset_index(drop=True)


class _Figures:
    """Computes figures one by one under the report's failure policy, noting what is missing."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.missing: list[str] = []

    def __call__(self, what: str, compute: Callable[[], object], empty: object) -> object:
        try:
            return compute()
        except DATA_ERRORS as exc:
            if self.strict:
                raise
            self.missing.append(f"{what} could not be computed from these exports: {exc}")
            return empty


def compute_figures(dataset, spec: ClientSpec, *, strict: bool = False) -> dict[str, object]:
    """Every figure of the report but the spec and the data: the other fields of :class:`Report`."""
    from smanalytics import metrics

    posts, daily, comments, effort = dataset.posts, dataset.daily, dataset.comments, dataset.effort
    start, end = spec.period_start, spec.period_end
    empty = pd.DataFrame()
    figure = _Figures(strict)
    summary = figure(
        "The account summary", lambda: _over_client_period(metrics.account_summary(posts, daily), start, end),
        empty,
    )  # fmt: skip
    monthly = figure("Monthly figures", lambda: metrics.account_summary(posts, daily, freq="M"), empty)
    paid_posts = posts[posts["paid"].fillna(False).astype(bool)] if "paid" in posts else posts.iloc[:0]
    paid = figure(
        "Paid figures",
        lambda: metrics.account_summary(paid_posts, daily) if len(paid_posts) else empty,
        empty,
    )
    benchmark = figure("The size benchmark", lambda: _benchmark(summary, monthly, spec.reference), empty)
    events, growth = figure("Follower growth", lambda: _growth(daily, posts), (empty, empty))
    today = pd.Timestamp(end) if end else (summary["end"].max() if len(summary) else None)
    regularity = figure(
        "Posting consistency",
        lambda: metrics.consistency(posts, daily, today=today) if len(posts) else empty,
        empty,
    )
    mix = figure("Content mix", lambda: metrics.content_mix(posts, daily) if len(posts) else empty, empty)
    focus = figure(
        "Channel focus",
        lambda: (
            metrics.channel_focus(
                posts, daily, effort=effort if len(effort) else None, hours_per_week=spec.hours_per_week
            )
            if len(posts)
            else empty
        ),
        empty,
    )
    answers = figure(
        "Responsiveness", lambda: metrics.responsiveness(comments) if len(comments) else empty, empty
    )
    missing = figure.missing
    if not len(posts):
        missing.append("The exports hold no posts, so no engagement rate can be given.")
    if not len(daily):
        missing.append("The exports hold no daily figures, so follower growth cannot be shown.")
    return {
        "summary": summary,
        "monthly": monthly,
        "paid": paid,
        "benchmark": benchmark,
        "events": events,
        "growth": growth,
        "regularity": regularity,
        "mix": mix,
        "focus": focus,
        "answers": answers,
        "missing": tuple(missing),
    }


def _over_client_period(summary: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """``summary`` with its period figures over the client's whole period, not each account's own."""
    if not len(summary):
        return summary
    first = pd.Timestamp(start) if start else summary["start"].min()
    last = pd.Timestamp(end) if end else summary["end"].max()
    days = (last - first).days + 1
    return summary.assign(
        start=first,
        end=last,
        days=pd.array([days] * len(summary), dtype="Int64"),
        posts_per_week=(summary["posts"] / days * 7).astype("Float64"),
        days_since_last_post=(last - summary["last_post"]).dt.days.astype("Int64"),
    )


def _benchmark(summary: pd.DataFrame, monthly: pd.DataFrame, reference: str | None) -> pd.DataFrame:
    from smanalytics.metrics import size_benchmark

    if not len(summary):
        return pd.DataFrame()
    population = _read_reference(reference) if reference else None
    return size_benchmark(summary, peers=population, history=monthly if len(monthly) else None)


def _read_reference(path: str) -> pd.DataFrame:
    """The reference CSV of other accounts; a file that cannot be read is an error of the input."""
    from smanalytics.errors import ExportError

    try:
        return pd.read_csv(path)
    except (OSError, ValueError) as exc:
        raise ExportError(f"cannot read the reference table ({exc})", path=path) from None


def _growth(daily: pd.DataFrame, posts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    from smanalytics.growth import detect_spikes, growth_summary

    if not len(daily):
        return pd.DataFrame(), pd.DataFrame()
    events = detect_spikes(daily, posts if len(posts) else None)
    return events, growth_summary(daily, events)
