"""``metrics.json``: the figures a client's report shows, as stable JSON.

Written by the report notebook (``report.save_metrics(out_dir)``), atomically,
and read back by :mod:`smanalytics.report.index` for the batch's index page.
Rates are per follower (as in :mod:`smanalytics.metrics`); ``*_per_1k`` fields
are the same per 1,000 followers, as the report shows them. Missing values are
``null``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from smanalytics.i18n import N_, _, in_report_language
from smanalytics.metrics.rates import per_1k
from smanalytics.report import findings as _findings
from smanalytics.report import formats
from smanalytics.report._output import write_text
from smanalytics.report.changes import CONVERSATION_FIGURES

__all__ = ["metrics", "save_metrics", "FORMAT_VERSION"]

FORMAT_VERSION = 2


def _records(frame: pd.DataFrame) -> list[dict]:
    if not len(frame):
        return []
    return json.loads(frame.to_json(orient="records", date_format="iso", date_unit="s"))


def _index_figures(report) -> list[dict]:
    """What an agency scans first on the index page, each figure with its previous and year-ago values.

    Each entry: ``label`` (English, the same in every language: the index
    page translates it), ``value`` (text as the report writes it, in its
    language), and, with a period, ``previous`` and ``year_ago`` (text, or
    None when that period is unknown) and ``verdict`` (against the previous
    period: ``rise``, ``fall``, ``same`` or ``unknown``).
    """
    s = report.summary
    best = _findings.best_conversation(report)
    entries = [
        _entry(N_("Followers"), s, report, _total("followers", 0), _count_verdict),
        _entry(N_("Posts a week"), s, report, _total("posts_per_week", 1), _verdict_of("posts_per_week")),
        _best_entry(report, best),
        _bought_entry(report),
    ]
    return entries


def _total(column: str, digits: int):
    """The text of ``column`` summed over every account of a summary, or None (unknown).

    Unknown when no account knows it (no follower count in the exports: a
    dash, not 0), or when ``accounts`` are given and one of them is missing.
    """

    def text(summary, accounts) -> str | None:
        if not len(summary) or summary[column].isna().all():
            return None
        mine = summary.set_index(["platform", "account"])
        if accounts is not None and not all(a in mine.index for a in accounts):
            return None  # an account the other period's exports do not cover: the total is unknown
        return formats.number(float(mine[column].fillna(0).sum()), digits)

    return text


def _count_verdict(report, against) -> str:
    values = [c for c in against.changes.itertuples() if c.figure == "followers"]
    if not values or any(c.verdict == "unknown" for c in values):
        return "unknown"
    change = sum(c.change for c in values)
    return "rise" if change > 0 else "fall" if change < 0 else "same"


def _verdict_of(figure: str):
    """The verdict of a total: a rise when some account rose and none fell (and the other way round)."""

    def verdict(report, against) -> str:
        said = {c.verdict for c in against.changes.itertuples() if c.figure == figure}
        if not said or "unknown" in said:
            return "unknown"
        if "rise" in said and "fall" not in said:
            return "rise"
        if "fall" in said and "rise" not in said:
            return "fall"
        return "same"

    return verdict


def _entry(label: str, summary, report, text, verdict) -> dict:
    accounts = list(zip(summary["platform"], summary["account"], strict=True)) if len(summary) else []
    entry = {"label": label, "value": text(summary, None) or formats.UNKNOWN_NUMBER}
    if report.previous is not None:
        entry["previous"] = text(report.previous.summary, accounts)
        entry["year_ago"] = text(report.year_ago.summary, accounts)
        entry["verdict"] = verdict(report, report.previous) if entry["previous"] is not None else "unknown"
    return entry


def _best_entry(report, best) -> dict:
    label = N_("Best conversation (comments per 1,000)")
    if best is None:
        entry = {"label": label, "value": formats.UNKNOWN_NUMBER}
        if report.previous is not None:
            entry.update(previous=None, year_ago=None, verdict="unknown")
        return entry
    value, basis = _findings.organic_conversation(best)
    rate = formats.number(per_1k(value), 2)
    if basis == "reach":
        # Translators: the index's best conversation: comments per 1,000 people reached, and the channel.
        text = _("{rate} per 1,000 reached ({channel})")
    elif basis == "impressions":
        text = _("{rate} per 1,000 impressions ({channel})")
    else:
        # Translators: the index's best conversation: comments per 1,000 followers, and the channel.
        text = _("{rate} ({channel})")
    entry = {"label": label, "value": text.format(rate=rate, channel=_findings.channel(best))}
    if report.previous is not None:
        figure = CONVERSATION_FIGURES[basis]
        for key, against in (("previous", report.previous), ("year_ago", report.year_ago)):
            change = against.change(best.platform, best.account, figure.column)
            known = change is not None and change.verdict != "unknown"
            entry[key] = figure.text(change.other_value) if known else None
        change = report.previous.change(best.platform, best.account, figure.column)
        entry["verdict"] = change.verdict if change is not None else "unknown"
    return entry


def _bought_entry(report) -> dict:
    bought = _findings.bought_events(report)
    now = int(bought["excess_follows"].sum()) if len(bought) else 0
    entry = {"label": N_("Followers that look bought"), "value": formats.number(now, 0)}
    if report.previous is not None:
        totals = {}
        for key, against in (("previous", report.previous), ("year_ago", report.year_ago)):
            total = int(against.bought["excess_follows"].sum()) if len(against.bought) else 0
            totals[key] = total if against.covered is not None else None
            entry[key] = formats.number(total, 0) if against.covered is not None else None
        before = totals["previous"]
        entry["verdict"] = (
            "unknown" if before is None else "rise" if now > before else "fall" if now < before else "same"
        )
    return entry


def _period(report) -> dict:
    """The days the report covers, their kind (``all``: all the data) and the days the exports cover."""
    p = report.period
    covered = _days(report.covered)
    if p is None:
        first, last = report.covered or (None, None)
        return {"start": _iso(first), "end": _iso(last), "kind": "all", "covered": covered}
    return {"start": p.start.isoformat(), "end": p.end.isoformat(), "kind": p.kind, "covered": covered}


def _days(covered) -> dict | None:
    return None if covered is None else {"start": covered[0].isoformat(), "end": covered[1].isoformat()}


def _accounts(summary: pd.DataFrame) -> list[dict]:
    """Summary rows as JSON, with the three follower rates also per 1,000 followers."""
    if len(summary):
        summary = summary.assign(
            conversation_per_1k=per_1k(summary["organic_conversation_rate"]),
            amplification_per_1k=per_1k(summary["organic_amplification_rate"]),
            applause_per_1k=per_1k(summary["organic_applause_rate"]),
        )
    return _records(summary)


def _comparison(against) -> dict | None:
    if against is None:
        return None
    return {
        "start": against.period.start.isoformat(),
        "end": against.period.end.isoformat(),
        "covered": _days(against.covered),
        "accounts": _accounts(against.summary),
        "changes": _records(against.changes),
    }


def _best_times(report) -> list[dict]:
    t = report.best_times
    if not len(t):
        return []
    enough = t[t["enough"].astype(bool)]
    return _records(enough[["platform", "account", "weekday", "hour", "hours", "posts", "ratio", "basis"]])


def _iso(day) -> str | None:
    return None if day is None else day.isoformat()


@in_report_language
def metrics(report) -> dict:
    """The figures of ``report`` as a JSON-ready dict.

    Keys, labels and figures do not depend on the report's language; the
    texts meant for a reader (the headline, spike explanations, what is
    missing) are in it, and ``language`` says which.
    """
    return {
        "format": FORMAT_VERSION,
        "language": report.language,
        "client_id": report.spec.id,
        "client_name": report.spec.name,
        "period": _period(report),
        "headline": {
            "findings": _findings.findings(report),
            "recommendation": _findings.recommendation(report),
        },
        "index": _index_figures(report),
        "accounts": _accounts(report.summary),
        "comparison": {"previous": _comparison(report.previous), "year_ago": _comparison(report.year_ago)},
        "best_times": _best_times(report),
        "paid": _records(report.paid),
        "size_benchmark": _records(report.benchmark),
        "spikes": _records(report.events.drop(columns=["linked_post_id"], errors="ignore")),
        "growth": _records(report.growth),
        "real_followers": _records(report.real),
        "hours_per_week": report.spec.hours_per_week,
        "files": _records(
            report.dataset.sources[["file", "family", "tables", "rows", "problems", "start", "end"]]
        ),
        "problems": len(report.dataset.problems),
        "missing": list(report.missing),
    }


def save_metrics(report, out_dir: str | os.PathLike | None) -> Path | None:
    """Write ``metrics.json`` into ``out_dir`` atomically; nothing when ``out_dir`` is empty."""
    if not out_dir:
        return None
    path = Path(out_dir) / "metrics.json"
    write_text(path, json.dumps(metrics(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    return path
