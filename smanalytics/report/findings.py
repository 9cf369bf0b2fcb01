"""The headline: three findings and one recommendation, in plain language.

Each finding is a function of the :class:`~smanalytics.report.content.Report`
returning a sentence or None (nothing to say from this data); the headline
takes the first three that speak, in the order of :data:`FINDINGS`. The
recommendation is the first rule of :func:`recommendation` that applies.
Sentences hold export text (account names) unescaped; the sections escape them.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.i18n import N_, _, ngettext
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


#: How a conversation rate's denominator is named, per ``conversation_basis`` of the summary
#: (English messages: shown through ``_()``).
PER_BASIS = {
    "followers": N_("per 1,000 followers"),
    "reach": N_("per 1,000 people reached"),
    "impressions": N_("per 1,000 impressions"),
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
    for basis, _column in CONVERSATION_BASES:
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
    comparable accounts). ``own`` says what it was compared with: the
    account's own months (which only count outside the interval), or else
    accounts of that size (a reference or the portfolio).
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
    return {"verdict": verdict, "ratio": ratio, "own": own}


#: The best conversation, whole sentences by what it was compared with: (verdict, own months) or the
#: rate's denominator when it is not followers. Placeholders: channel, rate, ratio ("2.1x").
CONVERSATION = {
    "reach": N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 people reached "
        "(the exports give no follower count: add it as followers in the manifest)."
    ),
    "impressions": N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 impressions "
        "(the exports give no follower count: add it as followers in the manifest)."
    ),
    None: N_("Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers."),
    ("above", False): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "more than is usual for accounts of your size ({ratio})."
    ),
    ("above", True): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "more than is usual for your own months at this size ({ratio})."
    ),
    ("below", False): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "less than is usual for accounts of your size ({ratio})."
    ),
    ("below", True): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "less than is usual for your own months at this size ({ratio})."
    ),
    ("within", False): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "in the usual range for accounts of your size."
    ),
    ("within", True): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers, "
        "in the usual range for your own months at this size."
    ),
    ("unknown", False): N_(
        "Your best conversation is on {channel}: each post gets {rate} comments per 1,000 followers; "
        "there are too few comparable accounts to say what is usual at your size."
    ),
}
CONVERSATION[("unknown", True)] = CONVERSATION[("unknown", False)]


def conversation_finding(report) -> str | None:
    row = best_conversation(report)
    if row is None:
        return None
    value, basis = organic_conversation(row)
    c = comparison(report, row) if basis == "followers" else None
    key = basis if basis != "followers" else (c["verdict"], c["own"]) if c is not None else None
    ratio = formats.times(c["ratio"]) if c is not None and c["ratio"] is not None else formats.UNKNOWN_NUMBER
    return _(CONVERSATION[key]).format(channel=channel(row), rate=_num(per_1k(value)), ratio=ratio)


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
    said = ngettext(
        "Without the {bought} follower that looks bought, your conversation on {channel} would be "
        "{real} comments per 1,000 followers, not {rate}.",
        "Without the {bought} followers that look bought, your conversation on {channel} would be "
        "{real} comments per 1,000 followers, not {rate}.",
        int(bought),
    )
    return said.format(
        bought=_num(bought, 0),
        channel=platform_label(platform),
        real=per_1k_text(real),
        rate=per_1k_text(over_all),
    )


def growth_finding(report) -> str | None:
    bought = bought_events(report)
    if len(bought):
        big = bought.sort_values("excess_follows", ascending=False).iloc[0]
        total = int(bought["excess_follows"].sum())
        values = {
            "total": _num(total, 0),
            "channel": platform_label(big["platform"]),
            "day": formats.day(big["start"]),
            "biggest": _num(big["excess_follows"], 0),
        }
        if len(bought) == 1:  # one spike, or the biggest of several: two sentences, not a plural
            said = ngettext(
                "About {total} new follower on {channel} around {day} looks bought: it arrived without "
                "the visits or reach that real followers come with.",
                "About {total} new followers on {channel} around {day} look bought: they arrived without "
                "the visits or reach that real followers come with.",
                total,
            )
        else:
            said = ngettext(
                "About {total} new follower (biggest: {biggest} on {channel} around {day}) looks bought: "
                "it arrived without the visits or reach that real followers come with.",
                "About {total} new followers (biggest: {biggest} on {channel} around {day}) look bought: "
                "they arrived without the visits or reach that real followers come with.",
                total,
            )
        return said.format(**values)
    g = report.growth
    if not len(g) or "net_growth" not in g or g["net_growth"].isna().all():
        return None
    row = g.sort_values("net_growth", ascending=False).iloc[0]
    grown = int(row["net_growth"])
    if grown >= 0:
        said = ngettext(
            "You gained {n} follower on {channel} over the period, with no sign of bought followers.",
            "You gained {n} followers on {channel} over the period, with no sign of bought followers.",
            abs(grown),
        )
    else:
        said = ngettext(
            "You lost {n} follower on {channel} over the period, with no sign of bought followers.",
            "You lost {n} followers on {channel} over the period, with no sign of bought followers.",
            abs(grown),
        )
    return said.format(n=_num(abs(grown), 0), channel=platform_label(row["platform"]))


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
        days = int(r.days_since_last_post)
        said = ngettext(
            "{channel} has been silent since {day} ({days} day): "
            "a quiet channel looks abandoned to customers.",
            "{channel} has been silent since {day} ({days} days): "
            "a quiet channel looks abandoned to customers.",
            days,
        )
        return said.format(channel=channel(r), day=formats.day(r.last_post), days=_num(days, 0))
    rows = [r for r in _rows(report.regularity) if pd.notna(r.posts_per_week)]
    if not rows:
        return None
    r = max(rows, key=lambda r: r.posts_per_week)
    values = {"rate": _num(r.posts_per_week), "channel": channel(r)}
    if pd.isna(r.longest_gap_days):
        return _("You post {rate} times a week on {channel}.").format(**values)
    gap = int(r.longest_gap_days)
    said = ngettext(
        "You post {rate} times a week on {channel}; your longest silence there was {days} day.",
        "You post {rate} times a week on {channel}; your longest silence there was {days} days.",
        gap,
    )
    return said.format(**values, days=_num(gap, 0))


def responsiveness_finding(report) -> str | None:
    a = report.answers
    if len(a):
        a = a[a["answered"].notna()]  # exports without the account's replies cannot tell
    if not len(a) or a["customer_comments"].sum() == 0:
        return None
    answered = a["answered"].sum() / a["customer_comments"].sum()
    hours = a["median_hours_to_answer"].median()
    share = formats.number(100 * answered, 0, suffix="%")
    if pd.isna(hours):
        return _("You answered {share} of your customers' comments.").format(share=share)
    said = ngettext(
        "You answered {share} of your customers' comments, usually within {hours} hour.",
        "You answered {share} of your customers' comments, usually within {hours} hours.",
        int(round(hours)),
    )
    return said.format(share=share, hours=_num(hours, 0))


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
            _("These exports hold too little to say how the account is doing; see what is missing below.")
        )
    return out[:3]


def _what_to_export(report) -> str:
    """When conversation cannot be measured: what the exports lack, never what they hold."""
    posts = report.dataset.posts
    if not len(posts):
        return _(
            "Export your posts (each platform's content export) with their likes, comments and shares, "
            "so the next report can measure conversation."
        )
    if posts["comments"].isna().all():
        return _("Export your posts with their comment counts, so the next report can measure conversation.")
    return _(
        "Give each account's follower count (followers in the manifest, or Meta's Audience export), so "
        "the next report can put its conversation against its audience."
    )


def recommendation(report) -> str:
    """The one thing to do next."""
    quiet = abandoned(report)
    if quiet:
        return _(
            "Either bring {channel} back with one post a week, or close it and say where to find you; "
            "put the time into your best channel."
        ).format(channel=channel(quiet[0]))
    if len(bought_events(report)):
        return _("Stop buying followers: they do not comment or buy, and they make every rate look worse.")
    best = best_conversation(report)
    if best is None:
        return _what_to_export(report)
    compared = comparison(report, best)
    if compared is not None and compared["verdict"] == "below":
        if compared["own"]:
            return _(
                "Ask a question in each post and answer every comment: conversation is below what is "
                "usual for your own months at this size."
            )
        return _(
            "Ask a question in each post and answer every comment: conversation is below what is usual "
            "for accounts of your size."
        )
    slow = [r for r in _rows(report.summary) if pd.notna(r.posts_per_week) and r.posts_per_week < 1]
    if slow and len(slow) == len(report.summary):
        return _("Post at least once a week on one channel you enjoy; customers forget a quiet account.")
    focus = report.focus
    per_post = _("Keep {channel} first: it earns the most conversation per post, so put your hours there.")
    if len(focus) and "recommended" in focus and focus["recommended"].any():
        top = focus[focus["recommended"].fillna(False).astype(bool)].iloc[0]
        if top["ranked_by"] == "comments_per_hour":
            return _(
                "Keep {channel} first: it earns the most conversation per hour of your time, "
                "so put your hours there."
            ).format(channel=platform_label(top["platform"]))
        return per_post.format(channel=platform_label(top["platform"]))
    return per_post.format(channel=channel(best))
