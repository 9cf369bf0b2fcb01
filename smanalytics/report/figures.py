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

from smanalytics.metrics.rates import per_1k
from smanalytics.report import findings as _findings
from smanalytics.report._output import write_text

__all__ = ["metrics", "save_metrics", "FORMAT_VERSION"]

FORMAT_VERSION = 1


def _records(frame: pd.DataFrame) -> list[dict]:
    if not len(frame):
        return []
    return json.loads(frame.to_json(orient="records", date_format="iso", date_unit="s"))


def _index_figures(report) -> list[list[str]]:
    """Label and text pairs for the index page: what an agency scans first."""
    s = report.summary
    followers = int(s["followers"].sum()) if len(s) and s["followers"].notna().any() else None
    best = _findings.best_conversation(report)
    bought = _findings.bought_events(report)
    if best is not None:
        value, basis = _findings.organic_conversation(best)
        per = "" if basis == "followers" else f" {_findings.PER_BASIS[basis].replace('people ', '')}"
        best_text = f"{per_1k(value):.2f}{per} ({_findings.channel(best)})"
    return [
        ["Followers", f"{followers:,}" if followers is not None else "–"],
        ["Posts a week", f"{s['posts_per_week'].sum():.1f}" if len(s) else "–"],
        [
            "Best conversation (comments per 1,000)",
            best_text if best is not None else "–",
        ],
        ["Followers that look bought", f"{int(bought['excess_follows'].sum()):,}" if len(bought) else "0"],
    ]


def metrics(report) -> dict:
    """The figures of ``report`` as a JSON-ready dict."""
    summary = report.summary
    if len(summary):
        summary = summary.assign(
            conversation_per_1k=per_1k(summary["organic_conversation_rate"]),
            amplification_per_1k=per_1k(summary["organic_amplification_rate"]),
            applause_per_1k=per_1k(summary["organic_applause_rate"]),
        )
    return {
        "format": FORMAT_VERSION,
        "client_id": report.spec.id,
        "client_name": report.spec.name,
        "period": {"start": report.period[0], "end": report.period[1]},
        "headline": {
            "findings": _findings.findings(report),
            "recommendation": _findings.recommendation(report),
        },
        "index": _index_figures(report),
        "accounts": _records(summary),
        "paid": _records(report.paid),
        "size_benchmark": _records(report.benchmark),
        "spikes": _records(report.events.drop(columns=["linked_post_id"], errors="ignore")),
        "growth": _records(report.growth),
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
