"""A client's report as data: :func:`prepare` turns a spec into a :class:`Report`.

The report pipeline is spec -> load -> figures -> sections -> notebook -> HTML.
This module holds its first steps: :func:`load_exports` reads the client's
exports up to the end of its period, :func:`compute_figures` computes every
figure once (:mod:`smanalytics.metrics`, :mod:`smanalytics.growth`), and
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

A report covers a period (:attr:`ClientSpec.period <smanalytics.report.spec.ClientSpec.period>`,
else all the data): its figures are the period's, and the whole history
before it is the baseline (spikes are detected over it, the usual change of
each figure and the best times to post are learnt from it). Data after the
period is not read. Each figure is compared with the previous period of the
same kind and the same period a year earlier (:mod:`smanalytics.report.comparison`).

The failure policy: a figure the data cannot give (no posts, no daily rows, a
table lacking the columns a figure needs: a
:class:`~smanalytics.errors.SchemaError`) is left empty and the report says
what is missing; ``strict=True`` raises those instead (the tests use it). Any
other exception is a bug, and fails the report.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from smanalytics import i18n
from smanalytics.errors import SchemaError
from smanalytics.i18n import N_
from smanalytics.periods import Period
from smanalytics.plots.style import ACCENT, platform_label
from smanalytics.report.comparison import Against, compare_with
from smanalytics.report.spec import ClientSpec

__all__ = [
    "Report",
    "prepare",
    "load_exports",
    "export_files",
    "compute_figures",
    "resolve_exports",
    "limit_days",
    "data_span",
    "report_language",
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
        The client's data (:class:`~smanalytics.dataset.Dataset`) of the
        period: the days of it that the exports cover (all the data without
        a period).
    summary
        :func:`~smanalytics.metrics.account_summary`, one row per account, with
        ``start``, ``end``, ``days``, ``posts_per_week`` and
        ``days_since_last_post`` taken over the days of the period the
        exports cover, else from the account's own first day to the last day
        any of the client's accounts covers: a channel that stopped early
        counts as silent until the end, one that started late is not counted
        as silent before it began.
    monthly
        The same per month, over the whole history up to the period's end.
    paid
        The same over boosted posts only (empty when none was boosted).
    benchmark
        Conversation rate against what is expected at the account's size (may be empty).
    events, growth
        Follower spikes and growth net of spikes (may be empty).
    real
        :func:`~smanalytics.metrics.real_follower_rates` over posts that were
        not boosted: each account with suspected-bought followers, its rates
        over all and over real followers (may be empty).
    regularity, mix, focus, answers
        :func:`~smanalytics.metrics.consistency`, :func:`~smanalytics.metrics.content_mix`,
        :func:`~smanalytics.metrics.channel_focus` and
        :func:`~smanalytics.metrics.responsiveness` (each may be empty).
    history
        The client's data up to the period's end (before it: the baseline).
    period
        The :class:`~smanalytics.periods.Period` asked for, or None (all the data).
    covered
        The first and last day of the period that the exports cover (of all
        the data, without a period); None when they cover none of it.
    previous, year_ago
        The period against the previous one of its kind and the same one a
        year earlier (:class:`~smanalytics.report.comparison.Against`);
        None without a period.
    usual
        :func:`~smanalytics.metrics.changes.usual_changes`: how much each
        figure usually moves from one period to the next (may be empty).
    best_times
        :func:`~smanalytics.metrics.timing.best_times` over the history (may be empty).
    missing
        Plain sentences: what the data did not allow the report to say.
    language
        The language the report is written in (``en``, ``fr``, ...): the
        spec's, or with ``auto`` the one its exports were written in
        (:func:`report_language`). Sections and charts speak it.
    """

    spec: ClientSpec
    dataset: object
    summary: pd.DataFrame
    monthly: pd.DataFrame
    paid: pd.DataFrame
    benchmark: pd.DataFrame
    events: pd.DataFrame
    growth: pd.DataFrame
    real: pd.DataFrame
    regularity: pd.DataFrame
    mix: pd.DataFrame
    focus: pd.DataFrame
    answers: pd.DataFrame
    history: object = None
    period: Period | None = None
    covered: tuple[dt.date, dt.date] | None = None
    previous: Against | None = None
    year_ago: Against | None = None
    usual: pd.DataFrame = field(default_factory=pd.DataFrame)
    best_times: pd.DataFrame = field(default_factory=pd.DataFrame)
    missing: tuple[str, ...] = ()
    language: str = i18n.DEFAULT

    @property
    def whole(self):
        """Every day up to the period's end (``history``), or ``dataset`` for a report made without it."""
        return self.history if self.history is not None else self.dataset

    @property
    def accent_color(self) -> str:
        """The client's accent colour (``#rrggbb``), else the agency's, else the palette's."""
        return self.spec.accent or ACCENT

    def comparisons(self) -> list[Against]:
        """What the period is compared with: the previous period, then a year ago (none without a period)."""
        return [a for a in (self.previous, self.year_ago) if a is not None]

    def platforms(self) -> list[str]:
        """The platforms with data, in the summary's order."""
        names = list(self.summary["platform"].astype(str)) if len(self.summary) else []
        if len(self.dataset.daily):
            names += [p for p in self.dataset.daily["platform"].astype(str).unique() if p not in names]
        return names

    def platform_names(self) -> str:
        """The platforms as a reader names them, in the report's language: ``Instagram and Facebook``."""
        from babel.lists import format_list

        names = [platform_label(p) for p in self.platforms()]
        with i18n.use(self.language):
            return format_list(names, locale=i18n.locale()) if names else ""


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
    period = spec.report_period
    dataset = load_exports(spec, tables=tables)
    covered = data_span(dataset) if period is None else period.clip(*(data_span(dataset) or (None, None)))
    current = dataset if period is None else limit_days(dataset, period.start, period.end)
    language = report_language(spec, dataset)
    with i18n.use(language):
        figures = compute_figures(current, spec, history=dataset, covered=covered, strict=strict)
    return Report(
        spec=spec,
        dataset=current,
        history=dataset,
        period=period,
        covered=covered,
        language=language,
        **figures,
    )


def report_language(spec: ClientSpec, dataset) -> str:
    """The language of ``spec``'s report: its ``language``, or with ``auto`` that of its exports.

    ``auto`` takes the interface language most of the client's files were
    written in, where the importers could tell it (``sources.language``;
    :func:`smanalytics.i18n.language_from_exports`), else English.
    """
    if spec.language != i18n.AUTO:
        return spec.language
    sources = dataset.sources
    if "language" not in sources:
        return i18n.DEFAULT
    return i18n.language_from_exports(sources["language"].tolist())


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
    """The client's :class:`~smanalytics.dataset.Dataset` up to its period's end (all with ``period=False``).

    The days before the period stay: they are the report's baseline. With
    ``tables`` (see :func:`prepare`), read from there when they are current,
    else from the exports.
    """
    import smanalytics

    dataset = _read_tables(spec, tables) if tables else None
    if dataset is None:
        dataset = smanalytics.load(
            resolve_exports(spec.exports), accounts=dict(spec.accounts), followers=dict(spec.followers)
        )
    if not period or spec.report_period is None:
        return dataset
    return limit_days(dataset, None, spec.report_period.end)


#: The day column of each table a period limits.
_DAY_COLUMNS = {"posts": "published_at", "daily": "date", "comments": "created_at", "effort": "date"}


def limit_days(dataset, start: dt.date | None, end: dt.date | None):
    """``dataset`` with the rows of its tables from ``start`` to ``end`` (days, both included; None: open)."""
    return replace(
        dataset,
        **{
            table: _in_period(getattr(dataset, table), column, start, end)
            for table, column in _DAY_COLUMNS.items()
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


def data_span(dataset) -> tuple[dt.date, dt.date] | None:
    """The first and last day that ``dataset``'s posts and daily rows cover, or None when they are empty."""
    days = []
    for table in ("posts", "daily"):
        frame = getattr(dataset, table)
        column = _DAY_COLUMNS[table]
        if len(frame) and column in frame:
            values = _naive(frame[column]).dropna()
            if len(values):
                days += [values.min(), values.max()]
    if not days:
        return None
    return min(days).date(), max(days).date()


def _naive(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    return values


def _in_period(frame: pd.DataFrame, column: str, start, end) -> pd.DataFrame:
    if not len(frame) or column not in frame or (start is None and end is None):
        return frame
    values = _naive(frame[column])
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= values >= pd.Timestamp(start)
    if end is not None:
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
            # Translators: {what} names a figure ("Content mix"); {error} says why (in English).
            said = i18n._("{what} could not be computed from these exports: {error}")
            self.missing.append(said.format(what=i18n._(what), error=exc))
            return empty


def compute_figures(
    dataset, spec: ClientSpec, *, history=None, covered=None, strict: bool = False
) -> dict[str, object]:
    """Every figure of the report but the spec and the data: the other fields of :class:`Report`.

    ``dataset`` is the period's data and ``history`` every day up to the
    period's end (default: ``dataset``); ``covered`` the first and last day
    of the period that the exports cover.
    """
    from smanalytics import metrics

    history = dataset if history is None else history
    period = spec.report_period
    posts, daily, comments, effort = dataset.posts, dataset.daily, dataset.comments, dataset.effort
    start, end = covered or (None, None)
    empty = pd.DataFrame()
    figure = _Figures(strict)
    # with a period every account is counted over its days; without, each from its own first day
    since = start if period is not None else None
    summary = figure(
        N_("The account summary"),
        lambda: over_client_period(metrics.account_summary(posts, daily), since, end),
        empty,
    )
    monthly = figure(
        N_("Monthly figures"), lambda: metrics.account_summary(history.posts, history.daily, freq="M"), empty
    )
    paid_posts = posts[posts["paid"].fillna(False).astype(bool)] if "paid" in posts else posts.iloc[:0]
    paid = figure(
        N_("Paid figures"),
        lambda: metrics.account_summary(paid_posts, daily) if len(paid_posts) else empty,
        empty,
    )
    benchmark = figure(N_("The size benchmark"), lambda: _benchmark(summary, monthly, spec.reference), empty)
    all_events = figure(N_("Follower growth"), lambda: _spikes(history), empty)
    events = _overlapping(all_events, start, end) if period is not None else all_events
    growth = figure(N_("Follower growth"), lambda: _growth(daily, events), empty)
    real = figure(N_("Rates per real follower"), lambda: _real(posts, daily, all_events), empty)
    today = pd.Timestamp(end) if end else (summary["end"].max() if len(summary) else None)
    regularity = figure(
        N_("Posting consistency"),
        lambda: _consistency(dataset, history, today, summary) if len(history.posts) else empty,
        empty,
    )  # fmt: skip
    mix = figure(N_("Content mix"), lambda: metrics.content_mix(posts, daily) if len(posts) else empty, empty)
    focus = figure(
        N_("Channel focus"),
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
        N_("Responsiveness"), lambda: metrics.responsiveness(comments) if len(comments) else empty, empty
    )
    best = figure(
        N_("The best time to post"),
        lambda: metrics.best_times(history.posts, history.daily) if len(history.posts) else empty,
        empty,
    )
    usual, previous, year_ago = empty, None, None
    if period is not None:
        usual = figure(N_("The usual changes"), lambda: _usual(history, period), empty)
        previous, year_ago = (
            figure(
                which,
                lambda p=p: compare_with(history, p, summary, usual=usual, events=all_events),
                None,
            )
            for which, p in (
                (N_("The comparison with the previous period"), period.previous()),
                (N_("The comparison with a year ago"), period.year_ago()),
            )
        )
    missing = figure.missing
    if period is not None and covered is None:
        missing.append(i18n._("The exports hold no data for the period of this report."))
    elif not len(posts):
        missing.append(i18n._("The exports hold no posts, so no engagement rate can be given."))
    if covered is not None and not len(daily):
        missing.append(i18n._("The exports hold no daily figures, so follower growth cannot be shown."))
    return {
        "summary": summary,
        "monthly": monthly,
        "paid": paid,
        "benchmark": benchmark,
        "events": events,
        "growth": growth,
        "real": real,
        "regularity": regularity,
        "mix": mix,
        "focus": focus,
        "answers": answers,
        "best_times": best,
        "usual": usual,
        "previous": previous,
        "year_ago": year_ago,
        "missing": tuple(missing),
    }


#: The frequency a period's history is cut into to learn each figure's usual change, by the period's kind.
_HISTORY_FREQ = {"month": "M", "quarter": "Q", "week": "W"}


def _usual(history, period: Period) -> pd.DataFrame:
    """How much each figure of each account moved from one period to the next before ``period``.

    Months for a monthly report, quarters for a quarterly one, weeks for a
    weekly one; for a span, the calendar period nearest its length.
    """
    from smanalytics.metrics import account_summary, usual_changes

    freq = _HISTORY_FREQ.get(period.kind) or ("W" if period.days <= 10 else "M" if period.days <= 62 else "Q")
    before = limit_days(history, None, period.start - dt.timedelta(days=1))
    if not len(before.posts) and not len(before.daily):
        return pd.DataFrame()
    return usual_changes(account_summary(before.posts, before.daily, freq=freq))


def _consistency(dataset, history, today, summary=None) -> pd.DataFrame:
    """:func:`~smanalytics.metrics.consistency` over the period, its last post and status over the history.

    A channel that posted before the period but not in it has its last post
    (and so its silence) from the history. Posts a week are the key figures'
    (``summary``: posts over the report's days x 7), not posts per calendar
    week touched, so the report gives one number for them.
    """
    from smanalytics.metrics import consistency

    mine = consistency(dataset.posts, dataset.daily, today=today)
    keys = ["platform", "account"]
    if dataset is not history and len(mine):
        whole = consistency(history.posts, history.daily, today=today)
        late = whole[keys + ["last_post", "days_since_last_post", "status"]]
        mine = mine.drop(columns=["last_post", "days_since_last_post", "status"]).merge(
            late, on=keys, how="left"
        )[mine.columns]
    if summary is not None and len(summary) and len(mine):
        weekly = mine[keys].merge(summary[[*keys, "posts_per_week"]], on=keys, how="left")["posts_per_week"]
        mine["posts_per_week"] = weekly.fillna(mine["posts_per_week"]).to_numpy()
    return mine


def _overlapping(events: pd.DataFrame, start, end) -> pd.DataFrame:
    """The spikes of ``events`` that overlap the days ``start`` to ``end`` (none when those are None)."""
    if not len(events) or start is None:
        return events.iloc[:0] if len(events.columns) else events
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    keep = (pd.to_datetime(events["end"]) >= first) & (pd.to_datetime(events["start"]) <= last)
    return events[keep.fillna(False)].reset_index(drop=True)


def over_client_period(summary: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """``summary`` with its period figures up to the client's last day, not each account's own.

    Every account is counted to ``end`` (else the client's last day), so a
    channel that stopped early counts as silent until then; from ``start``
    (the report's period), else from its own first day, so a channel that
    started late is not counted as silent before it began.
    """
    if not len(summary):
        return summary
    first = pd.Series(pd.Timestamp(start), index=summary.index) if start else summary["start"]
    last = pd.Timestamp(end) if end else summary["end"].max()
    days = ((last - first).dt.days + 1).astype("Int64")
    return summary.assign(
        start=first,
        end=last,
        days=days,
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


def _spikes(history) -> pd.DataFrame:
    """Follower spikes, detected over the whole history: it is their baseline."""
    from smanalytics.growth import detect_spikes

    if not len(history.daily):
        return pd.DataFrame()
    return detect_spikes(history.daily, history.posts if len(history.posts) else None)


def _real(posts: pd.DataFrame, daily: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Rates per real follower of the accounts with suspected-bought followers, over posts not boosted.

    ``events`` are every spike up to the period's end: followers bought before
    the period are still counted in it.
    """
    from smanalytics.metrics import real_follower_rates

    organic = posts[~posts["paid"].fillna(False).astype(bool)] if "paid" in posts else posts
    if not len(organic) or not len(events):
        return pd.DataFrame()
    return real_follower_rates(organic, daily, events=events)


def _growth(daily: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The period's follower growth, with and without its spikes."""
    from smanalytics.growth import growth_summary

    return growth_summary(daily, events) if len(daily) else pd.DataFrame()
