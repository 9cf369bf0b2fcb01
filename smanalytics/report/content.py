"""What the report notebook shows: one :func:`prepare` call, then one call per section.

The notebook holds no logic; it does::

    report = content.prepare(exports, client_id=..., client_name=..., ...)
    report.title()
    report.headline()
    report.key_figures()
    ...
    report.save_metrics(out_dir)

:func:`prepare` reads the exports, limits them to the period and computes
every figure once (:mod:`smanalytics.metrics`, :mod:`smanalytics.growth`).
Each section method returns something the notebook displays: escaped HTML
(:class:`~smanalytics.report.html.Html`) or a :class:`~smanalytics.report.charts.Chart`. A client with
thin data gets sections that say what is missing, never an exception.
"""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from smanalytics.report import html
from smanalytics.report.charts import platform_label

__all__ = ["Report", "prepare", "resolve_exports"]

#: Where relative default paths (``data/samples/...``) are also looked for.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def resolve_exports(exports: list[str] | str) -> list[str]:
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


def _period(frame: pd.DataFrame, column: str, start: str | None, end: str | None) -> pd.DataFrame:
    if not len(frame) or column not in frame or not (start or end):
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


@dataclass
class Report:
    """Everything one client's report shows, computed once by :func:`prepare`.

    Attributes
    ----------
    client_id, client_name
        Who the report is for.
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
    hours_per_week
        The owner's time on social media, when known.
    missing
        Plain sentences: what the data did not allow the report to say.
    """

    client_id: str
    client_name: str
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
    hours_per_week: float | None = None
    accent_color: str = "#2a6f97"
    period: tuple[str | None, str | None] = (None, None)
    missing: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    # The sections live in smanalytics.report.sections; bound here so the notebook reads report.x().
    from smanalytics.report.drawings import conversation_chart, growth_chart, posting_chart  # noqa: E402
    from smanalytics.report.figures import metrics, save_metrics  # noqa: E402
    from smanalytics.report.sections import (  # noqa: E402
        appendix,
        channel_focus,
        consistency,
        content_mix,
        headline,
        key_figures,
        responsiveness,
        spikes,
        title,
        top_posts,
    )

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


def _safe(call, default, missing: list[str], what: str):
    """Run one computation; on failure record what is missing instead of failing the report."""
    try:
        return call()
    except Exception as exc:  # a thin or odd export must not cost the whole report
        missing.append(f"{what} could not be computed ({type(exc).__name__}: {html.shorten(exc, 160)}).")
        return default


def prepare(
    exports: list[str] | str,
    *,
    client_id: str,
    client_name: str = "",
    period_start: str | None = None,
    period_end: str | None = None,
    hours_per_week: float | None = None,
    reference: str | None = None,
    accent_color: str | None = None,
) -> Report:
    """Read a client's exports and compute every figure the report shows.

    Parameters
    ----------
    exports
        Export files or globs (relative ones are also looked for under the
        project root, for the shipped samples).
    client_id, client_name
        The client; the name is only ever shown (escaped), never evaluated.
    period_start, period_end
        ISO dates limiting the report (empty or None: all the data).
    hours_per_week
        The owner's time on social media, used when no effort log is exported.
    reference
        A CSV of other accounts (``followers, conversation_rate``) to compare
        the conversation rate with; default: the client's own accounts and months.
    accent_color
        ``#rrggbb`` of the report's accents.

    Returns
    -------
    Report
        With one method per section.

    Raises
    ------
    SmanalyticsError
        Only when the exports cannot be read at all (the runner checks them
        before a kernel starts).
    """
    import smanalytics
    from smanalytics import metrics

    start, end = (period_start or None), (period_end or None)
    dataset = smanalytics.load(resolve_exports(exports))
    posts = _period(dataset.posts, "published_at", start, end)
    daily = _period(dataset.daily, "date", start, end)
    comments = _period(dataset.comments, "created_at", start, end)
    effort = _period(dataset.effort, "date", start, end)
    from dataclasses import replace

    dataset = replace(dataset, posts=posts, daily=daily, comments=comments, effort=effort)
    missing: list[str] = []
    empty = pd.DataFrame()
    summary = _safe(
        lambda: _over_client_period(metrics.account_summary(posts, daily), start, end),
        empty,
        missing,
        "The account summary",
    )
    monthly = _safe(
        lambda: metrics.account_summary(posts, daily, freq="M"), empty, missing, "Monthly figures"
    )
    paid_posts = posts[posts["paid"].fillna(False).astype(bool)] if "paid" in posts else posts.iloc[:0]
    paid = _safe(
        lambda: metrics.account_summary(paid_posts, daily) if len(paid_posts) else empty,
        empty,
        missing,
        "Paid figures",
    )
    benchmark = _safe(lambda: _benchmark(summary, monthly, reference), empty, missing, "The size benchmark")
    events, growth = _safe(lambda: _growth(daily, posts), (empty, empty), missing, "Follower growth")
    today = pd.Timestamp(end) if end else (summary["end"].max() if len(summary) else None)
    regularity = _safe(
        lambda: metrics.consistency(posts, daily, today=today) if len(posts) else empty,
        empty,
        missing,
        "Posting consistency",
    )
    mix = _safe(
        lambda: metrics.content_mix(posts, daily) if len(posts) else empty, empty, missing, "Content mix"
    )
    hours = float(hours_per_week) if hours_per_week not in (None, "") else None
    focus = _safe(
        lambda: (
            metrics.channel_focus(posts, daily, effort=effort if len(effort) else None, hours_per_week=hours)
            if len(posts)
            else empty
        ),
        empty,
        missing,
        "Channel focus",
    )
    answers = _safe(
        lambda: metrics.responsiveness(comments) if len(comments) else empty, empty, missing, "Responsiveness"
    )
    if not len(posts):
        missing.append("The exports hold no posts, so no engagement rate can be given.")
    if not len(daily):
        missing.append("The exports hold no daily figures, so follower growth cannot be shown.")
    color = accent_color if accent_color and html.COLOR.fullmatch(accent_color) else "#2a6f97"
    return Report(
        client_id=client_id,
        client_name=client_name or client_id,
        dataset=dataset,
        summary=summary,
        monthly=monthly,
        paid=paid,
        benchmark=benchmark,
        events=events,
        growth=growth,
        regularity=regularity,
        mix=mix,
        focus=focus,
        answers=answers,
        hours_per_week=hours,
        accent_color=color,
        period=(start, end),
        missing=missing,
    )


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
    from smanalytics import metrics

    size_benchmark = getattr(metrics, "size_benchmark", None)
    if size_benchmark is None:
        from smanalytics.metrics.size import size_benchmark
    if not len(summary):
        return pd.DataFrame()
    population = pd.read_csv(reference) if reference else None
    return size_benchmark(summary, peers=population, history=monthly if len(monthly) else None)


def _growth(daily: pd.DataFrame, posts: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    from smanalytics.growth import detect_spikes, growth_summary

    if not len(daily):
        return pd.DataFrame(), pd.DataFrame()
    events = detect_spikes(daily, posts if len(posts) else None)
    return events, growth_summary(daily, events)


def dumps(payload: dict) -> str:
    """``payload`` as stable JSON text (missing values as null)."""
    return json.dumps(payload, indent=2, ensure_ascii=False, allow_nan=False, default=str) + "\n"
