"""What changed since the previous period and since a year ago: the key figures table and the headline.

Each key figure of each channel is shown for the report's period, the
previous period of its kind and the same period a year earlier, with the
change and an arrow (``↑`` rose, ``↓`` fell, ``→`` about the same); a period
the exports do not cover is "unknown". Whether a change is a rise or a fall
is decided by :mod:`smanalytics.metrics.changes`, and said in words by
:data:`HOW_CHANGES_ARE_JUDGED`.
"""

from __future__ import annotations

from dataclasses import dataclass

from smanalytics.metrics.changes import CHANGE_FACTOR, MIN_CHANGES
from smanalytics.report import findings as _findings
from smanalytics.report import formats, html

__all__ = [
    "KEY_FIGURES",
    "key_figures_compared",
    "comparison_finding",
    "figure_value",
    "change_text",
    "HOW_CHANGES_ARE_JUDGED",
]


@dataclass(frozen=True)
class KeyFigure:
    """A figure of the key figures table: its summary column, its label and how it is written."""

    column: str
    label: str
    digits: int
    scale: float = 1.0
    suffix: str = ""
    change_suffix: str | None = None  # a change's unit, when not the value's (a share's change is in points)

    def text(self, value) -> str:
        """The value as the table writes it (per 1,000, in %, ...)."""
        return formats.number(None if value is None else value * self.scale, self.digits, suffix=self.suffix)

    def change(self, value) -> str:
        """A change of the value, signed; a share's change in percentage points.

        Examples
        --------
        >>> engaged = KEY_FIGURES[-1]
        >>> engaged.text(0.096), engaged.change(0.0095), KEY_FIGURES[2].change(-0.00144)
        ('9.6%', '+0.9 pts', '−1.44')
        """
        if value is None or value != value:
            return formats.UNKNOWN_NUMBER
        unit = self.suffix if self.change_suffix is None else self.change_suffix
        return formats.signed(value * self.scale, self.digits) + unit


#: The conversation figure of each denominator (``conversation_basis`` of the summary).
CONVERSATION_FIGURES = {
    "followers": KeyFigure("organic_conversation_rate", "Comments per 1,000 followers", 2, 1000),
    "reach": KeyFigure("organic_conversation_rate_reach", "Comments per 1,000 people reached", 2, 1000),
    "impressions": KeyFigure(
        "organic_conversation_rate_impressions", "Comments per 1,000 impressions", 2, 1000
    ),
}

#: The key figures compared, in the table's order (conversation: over the channel's denominator).
KEY_FIGURES = (
    KeyFigure("followers", "Followers", 0),
    KeyFigure("posts_per_week", "Posts a week", 1),
    CONVERSATION_FIGURES["followers"],
    KeyFigure("organic_amplification_rate", "Shares per 1,000 followers", 2, 1000),
    KeyFigure("organic_applause_rate", "Likes per 1,000 followers", 1, 1000),
    KeyFigure("organic_engagement_rate_reach", "Engaged of those reached", 1, 100, "%", " pts"),
)

#: How the report says that a change is a rise or a fall (the appendix and the table's note).
HOW_CHANGES_ARE_JUDGED = (
    "A figure rose (↑) or fell (↓) only when it moved more than {factor} times as much as it usually "
    "does from one {step} to the next (the median of its changes between consecutive {steps} before "
    "this period); smaller changes are about the same (→). With fewer than {min_changes} earlier "
    "changes to learn from, only a figure that doubled or halved counts. Follower counts rose or fell "
    "by any change. A period the exports do not cover is unknown, never zero."
)

#: The unit of each conversation denominator, as one phrase.
CONVERSATION_UNITS = {
    "followers": "comments per 1,000 followers",
    "reach": "comments per 1,000 people reached",
    "impressions": "comments per 1,000 impressions",
}

#: The headline's comparison, one whole message per verdict.
CONVERSATION_CHANGED = {
    "rise": "Conversation on {channel} rose from {before} to {after} {unit} compared with {other_period}.",
    "fall": "Conversation on {channel} fell from {before} to {after} {unit} compared with {other_period}.",
    "same": "Conversation on {channel} was about the same as in {other_period}: {after} {unit}, "
    "against {before}.",
    "unknown": "Conversation on {channel} was {after} {unit} in {period}; the exports do not cover "
    "{other_period}, so it cannot be compared.",
    "not_given": "Conversation on {channel} was {after} {unit} in {period}; the exports do not give it "
    "for {other_period}, so it cannot be compared.",
}

_STEPS = {"month": ("month", "months"), "quarter": ("quarter", "quarters"), "week": ("week", "weeks")}


def how_changes_are_judged(report) -> str:
    """:data:`HOW_CHANGES_ARE_JUDGED` for the report's kind of period."""
    step, steps = _STEPS.get(report.period.kind if report.period else "month", _STEPS["month"])
    if report.period is not None and report.period.kind == "span":
        days = report.period.days
        step, steps = (
            ("week", "weeks") if days <= 10 else ("month", "months") if days <= 62 else _STEPS["quarter"]
        )
    factor = f"{CHANGE_FACTOR:g}"
    return HOW_CHANGES_ARE_JUDGED.format(factor=factor, step=step, steps=steps,
                                         min_changes=MIN_CHANGES)  # fmt: skip


def _conversation_figure(row) -> KeyFigure:
    _, basis = _findings.organic_conversation(row)
    return CONVERSATION_FIGURES.get(basis or "followers", CONVERSATION_FIGURES["followers"])


def figures_of(row) -> list[KeyFigure]:
    """The key figures of one summary row: conversation over the channel's denominator."""
    conversation = _conversation_figure(row)
    return [conversation if f.column == "organic_conversation_rate" else f for f in KEY_FIGURES]


def figure_value(frame, platform: str, account: str, column: str):
    """One account's value of ``column`` in a summary, or None (no such account, or unknown)."""
    if not len(frame) or column not in frame:
        return None
    match = frame[(frame["platform"] == platform) & (frame["account"] == account)]
    if not len(match) or match[column].isna().iloc[0]:
        return None
    return float(match[column].iloc[0])


def change_text(figure: KeyFigure, change) -> str:
    """``↑ +0.80``, ``→ −0.10``, or "" when unknown."""
    if change is None or change.verdict == "unknown":
        return ""
    return f"{formats.ARROWS[change.verdict]} {figure.change(change.change)}"


def _heading(against) -> str:
    name = formats.period_name(against.period)
    if against.covered is None or (against.covered[0], against.covered[1]) == (
        against.period.start,
        against.period.end,
    ):
        return name
    return f"{name} ({formats.days(*against.covered)})"


def key_figures_compared(report) -> html.Html:
    """Each channel's key figures for the period, the previous one and a year ago, with the changes."""
    now = formats.period_name(report.period)
    if report.covered is not None and report.covered != (report.period.start, report.period.end):
        now = f"{now} ({formats.days(*report.covered)})"
    header = ["Channel", "Figure", now]
    for against in report.comparisons():
        header += [_heading(against), "Change"]
    rows = []
    for r in report.summary.itertuples():
        channel = _channel(report, r)
        for number, figure in enumerate(figures_of(r)):
            row = [channel if number == 0 else "", figure.label, figure.text(getattr(r, figure.column))]
            for against in report.comparisons():
                change = against.change(r.platform, r.account, figure.column)
                known = figure_value(against.summary, r.platform, r.account, "days") is not None
                before = (
                    figure.text(change.other_value) if known and change is not None else formats.unknown()
                )
                row += [before, change_text(figure, change)]
            rows.append(row)
    numeric = set(range(2, len(header)))
    note = how_changes_are_judged(report)
    return html.Html(
        html.table(rows, header=header, numeric=numeric)
        + f'<p class="sm-note">{html.text(_units_note(report))} {html.text(note)}</p>'
    )


def _channel(report, row) -> str:
    from smanalytics.report.sections import channel_name

    return channel_name(report, row.platform, row.account)


#: The key figures' note on boosted posts.
BOOSTED_APART = "The {posts} boosted (paid) posts of the period are counted apart."


def _units_note(report) -> str:
    paid = report.paid
    text = (
        "Comments, shares and likes are per post per 1,000 followers, on posts that were not boosted; "
        "'Engaged of those reached' is likes, comments, shares and saves over the people reached; its "
        "change is in percentage points (pts): from 8.0% to 9.0% is +1.0 pts."
    )
    if len(paid):
        text += " " + BOOSTED_APART.format(posts=formats.number(int(paid["posts"].sum()), 0))
    return text


def comparison_finding(report) -> str | None:
    """The headline's comparison: the best channel's conversation against the previous period."""
    if report.previous is None:
        return None
    row = _findings.best_conversation(report)
    if row is None:
        return None
    figure = _conversation_figure(row)
    _, basis = _findings.organic_conversation(row)
    change = report.previous.change(row.platform, row.account, figure.column)
    verdict = change.verdict if change is not None else "unknown"
    known = figure_value(report.previous.summary, row.platform, row.account, "days") is not None
    if verdict == "unknown" and known:
        verdict = "not_given"  # the exports cover the account then, but not this figure
    return CONVERSATION_CHANGED[verdict].format(
        channel=_findings.channel(row),
        before=figure.text(change.other_value) if change is not None else formats.unknown(),
        after=figure.text(getattr(row, figure.column)),
        unit=CONVERSATION_UNITS[basis],
        period=formats.period_name(report.period),
        other_period=_heading(report.previous),
    )
