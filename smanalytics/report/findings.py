"""The headline: three findings and one recommendation, in plain language.

Each finding is a function of the :class:`~smanalytics.report.content.Report`
returning a sentence or None (nothing to say from this data); the headline
takes the first three that speak, in the order of :data:`FINDINGS`. The
recommendation is the first rule of :func:`recommendation` that applies.
Sentences hold export text (account names) unescaped; the sections escape them.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.metrics.rates import per_1k, per_1k_text
from smanalytics.metrics.summary import CONVERSATION_BASES
from smanalytics.plots.style import platform_label
from smanalytics.report import formats

__all__ = [
    "findings",
    "recommendation",
    "channel",
    "comparison",
    "best_conversation",
    "organic_conversation",
    "PER_BASIS",
    "bought_events",
    "real_conversation",
    "abandoned",
]


_num = formats.number


def channel(row) -> str:
    """``Instagram`` (platform as a reader knows it)."""
    return platform_label(row.platform)


def _rows(frame: pd.DataFrame):
    return list(frame.itertuples()) if len(frame) else []


#: How a conversation rate's denominator is named, per ``conversation_basis`` of the summary.
PER_BASIS = {
    "followers": "per 1,000 followers",
    "reach": "per 1,000 people reached",
    "impressions": "per 1,000 impressions",
}


def organic_conversation(row) -> tuple[float | None, str | None]:
    """A summary row's organic conversation rate over the best denominator known, and that basis.

    Per follower when the follower count is known, else per person reached,
    else per impression (the order of ``metrics.summary.CONVERSATION_BASES``);
    ``(None, None)`` when none is known.
    """
    for basis, column in CONVERSATION_BASES:
        value = getattr(row, f"organic_{column}", None)
        if value is not None and pd.notna(value):
            return float(value), basis
    return None, None


def best_conversation(report):
    """The summary row (a named tuple) of the account with the most conversation, or None.

    Accounts are compared on the best denominator any of them has (followers,
    else reach, else impressions), never one on followers against one on reach.
    """
    rated = [(r, *organic_conversation(r)) for r in _rows(report.summary)]
    for basis, _ in CONVERSATION_BASES:
        rows = [(value, r) for r, value, b in rated if b == basis]
        if rows:
            return max(rows, key=lambda vr: vr[0])[1]
    return None


#: Against peers, a conversation rate this many times the usual (or its inverse) is called out.
CLEARLY_APART = 2.0


def comparison(report, row) -> dict | None:
    """How ``row``'s conversation compares with what is expected at its size, or None.

    ``verdict`` is ``"above"`` or ``"below"`` when the rate is outside the
    benchmark's interval or, against other accounts of that size, at least
    twice (or at most half) what is usual there: a small, varied portfolio
    gives a wide interval, and an owner still wants to hear that they get 3.5
    times the usual conversation. Otherwise ``"within"``, or ``"unknown"`` when
    the benchmark found no basis good enough (``usable`` false: too few
    comparable accounts). ``against`` says what it was compared with: accounts
    of that size (a reference or the portfolio) or the account's own months,
    which only count outside the interval.
    """
    b = report.benchmark
    if not len(b) or "expected_conversation_rate" not in b:
        return None
    match = b[(b["platform"] == row.platform) & (b["account"] == row.account)]
    if not len(match):
        return None
    m = match.iloc[0]
    if pd.isna(m["expected_conversation_rate"]) or pd.isna(m["conversation_rate"]):
        return None
    rate, low, high = float(m["conversation_rate"]), m["expected_low"], m["expected_high"]
    own = str(m["basis"]) == "own_history"
    ratio = float(m["ratio"]) if pd.notna(m["ratio"]) else None
    far = ratio is not None and not own
    verdict = "within"
    usable = m.get("usable", True)
    if str(m["basis"]) == "none" or (pd.notna(usable) and not bool(usable)):
        verdict = "unknown"
    elif (pd.notna(high) and rate > float(high)) or (far and ratio >= CLEARLY_APART):
        verdict = "above"
    elif (pd.notna(low) and rate < float(low)) or (far and ratio <= 1 / CLEARLY_APART):
        verdict = "below"
    return {
        "verdict": verdict,
        "ratio": ratio,
        "against": "your own months at this size" if own else "accounts of your size",
    }


def conversation_finding(report) -> str | None:
    row = best_conversation(report)
    if row is None:
        return None
    value, basis = organic_conversation(row)
    text = f"Your best conversation is on {channel(row)}: each post gets {_num(per_1k(value))} comments"
    text += f" {PER_BASIS[basis]}"
    if basis != "followers":
        return text + " (the exports give no follower count: add it as followers in the manifest)."
    c = comparison(report, row)
    if c is not None:
        if c["verdict"] == "above":
            text += f", more than is usual for {c['against']} ({c['ratio']:.1f} times)"
        elif c["verdict"] == "below":
            text += f", less than is usual for {c['against']} ({c['ratio']:.1f} times)"
        elif c["verdict"] == "unknown":
            text += "; there are too few comparable accounts to say what is usual at your size"
        else:
            text += f", in the usual range for {c['against']}"
    return text + "."


def bought_events(report) -> pd.DataFrame:
    """The report's follower spikes labelled ``suspected_bought`` (may be empty)."""
    e = report.events
    if not len(e) or "label" not in e:
        return e.iloc[:0] if len(e.columns) else pd.DataFrame()
    return e[e["label"] == "suspected_bought"]


def real_conversation(report, platform: str, account: str) -> str | None:
    """What the account's conversation would be without its suspected-bought followers, or None.

    From ``report.real`` (:func:`~smanalytics.metrics.real_follower_rates`
    over posts not boosted): "Without the 2,000 followers that look bought,
    your conversation on X would be 0.12 per 1,000 followers, not 0.036."
    """
    r = report.real
    if not len(r):
        return None
    mine = r[(r["platform"] == platform) & (r["account"] == account)]
    if not len(mine):
        return None
    m = mine.iloc[0]
    bought, real, over_all = m["bought_followers"], m["real_conversation_rate"], m["conversation_rate"]
    if pd.isna(bought) or bought <= 0 or pd.isna(real) or pd.isna(over_all):
        return None
    return (
        f"Without the {int(bought):,} followers that look bought, your conversation on "
        f"{platform_label(platform)} would be {per_1k_text(real)} comments per 1,000 followers, "
        f"not {per_1k_text(over_all)}."
    )


def growth_finding(report) -> str | None:
    bought = bought_events(report)
    if len(bought):
        big = bought.sort_values("excess_follows", ascending=False).iloc[0]
        total = int(bought["excess_follows"].sum())
        where = f"{platform_label(big['platform'])} around {pd.Timestamp(big['start']):%d %b %Y}"
        which = f"on {where}" if len(bought) == 1 else f"(biggest: {int(big['excess_follows']):,} on {where})"
        return (
            f"About {total:,} new followers {which} look bought: they arrived without the visits or reach "
            "that real followers come with."
        )
    g = report.growth
    if not len(g) or "net_growth" not in g or g["net_growth"].isna().all():
        return None
    row = g.sort_values("net_growth", ascending=False).iloc[0]
    grown = int(row["net_growth"])
    verb = "gained" if grown >= 0 else "lost"
    return (
        f"You {verb} {abs(grown):,} followers on {platform_label(row['platform'])} over the period, "
        "with no sign of bought followers."
    )


def abandoned(report) -> list:
    """Consistency rows (:func:`~smanalytics.metrics.consistency`) of channels marked abandoned."""
    r = report.regularity
    if not len(r) or "status" not in r:
        return []
    return list(r[r["status"] == "abandoned"].itertuples())


def consistency_finding(report) -> str | None:
    quiet = abandoned(report)
    if quiet:
        r = quiet[0]
        return (
            f"{channel(r)} has been silent since {pd.Timestamp(r.last_post):%d %b %Y} "
            f"({int(r.days_since_last_post)} days): a quiet channel looks abandoned to customers."
        )
    rows = [r for r in _rows(report.regularity) if pd.notna(r.posts_per_week)]
    if not rows:
        return None
    r = max(rows, key=lambda r: r.posts_per_week)
    gap = (
        f"; your longest silence there was {int(r.longest_gap_days)} days"
        if pd.notna(r.longest_gap_days)
        else ""
    )
    return f"You post {r.posts_per_week:.1f} times a week on {channel(r)}{gap}."


def responsiveness_finding(report) -> str | None:
    a = report.answers
    if len(a):
        a = a[a["answered"].notna()]  # exports without the account's replies cannot tell
    if not len(a) or a["customer_comments"].sum() == 0:
        return None
    answered = a["answered"].sum() / a["customer_comments"].sum()
    hours = a["median_hours_to_answer"].median()
    when = f", usually within {hours:.0f} hours" if pd.notna(hours) else ""
    return f"You answered {answered:.0%} of your customers' comments{when}."


def comparison_finding(report) -> str | None:
    """The best channel's conversation against the previous period (see :mod:`smanalytics.report.changes`)."""
    from smanalytics.report.changes import comparison_finding

    return comparison_finding(report)


FINDINGS = (
    comparison_finding,
    conversation_finding,
    growth_finding,
    consistency_finding,
    responsiveness_finding,
)


def findings(report) -> list[str]:
    """Up to three plain sentences, the most important first."""
    out = []
    for finding in FINDINGS:
        sentence = finding(report)
        if sentence:
            out.append(sentence)
    if not out:
        out.append(
            "These exports hold too little to say how the account is doing; see what is missing below."
        )
    return out[:3]


def _what_to_export(report) -> str:
    """When conversation cannot be measured: what the exports lack, never what they hold."""
    posts = report.dataset.posts
    if not len(posts):
        return (
            "Export your posts (each platform's content export) with their likes, comments and shares, "
            "so the next report can measure conversation."
        )
    if posts["comments"].isna().all():
        return "Export your posts with their comment counts, so the next report can measure conversation."
    return (
        "Give each account's follower count (followers in the manifest, or Meta's Audience export), so "
        "the next report can put its conversation against its audience."
    )


def recommendation(report) -> str:
    """The one thing to do next."""
    quiet = abandoned(report)
    if quiet:
        return (
            f"Either bring {channel(quiet[0])} back with one post a week, or close it and say where to "
            "find you; put the time into your best channel."
        )
    if len(bought_events(report)):
        return "Stop buying followers: they do not comment or buy, and they make every rate look worse."
    best = best_conversation(report)
    if best is None:
        return _what_to_export(report)
    compared = comparison(report, best)
    if compared is not None and compared["verdict"] == "below":
        return (
            "Ask a question in each post and answer every comment: conversation is below what is usual for "
            f"{compared['against']}."
        )
    slow = [r for r in _rows(report.summary) if pd.notna(r.posts_per_week) and r.posts_per_week < 1]
    if slow and len(slow) == len(report.summary):
        return "Post at least once a week on one channel you enjoy; customers forget a quiet account."
    focus = report.focus
    if len(focus) and "recommended" in focus and focus["recommended"].any():
        top = focus[focus["recommended"].fillna(False).astype(bool)].iloc[0]
        per = "per hour of your time" if top["ranked_by"] == "comments_per_hour" else "per post"
        return (
            f"Keep {platform_label(top['platform'])} first: it earns the most conversation {per}, "
            "so put your hours there."
        )
    return f"Keep {channel(best)} first: it earns the most conversation per post, so put your hours there."
