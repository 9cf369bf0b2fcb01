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

from smanalytics.i18n import N_, Nn_, _, ngettext
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
    label: str  # an English message, shown through _()
    digits: int
    scale: float = 1.0
    suffix: str = ""
    change_suffix: str | None = None  # a change's message, when not a plain number (a share's: in points)

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
        change = formats.signed(value * self.scale, self.digits)
        return change if self.change_suffix is None else _(self.change_suffix).format(change=change)


#: The conversation figure of each denominator (``conversation_basis`` of the summary).
CONVERSATION_FIGURES = {
    "followers": KeyFigure("organic_conversation_rate", N_("Comments per 1,000 followers"), 2, 1000),
    "reach": KeyFigure("organic_conversation_rate_reach", N_("Comments per 1,000 people reached"), 2, 1000),
    "impressions": KeyFigure(
        "organic_conversation_rate_impressions", N_("Comments per 1,000 impressions"), 2, 1000
    ),
}

# Translators: a change of a share in percentage points: "+0.9 pts"; {change} is the signed number.
POINTS = N_("{change} pts")

#: The key figures compared, in the table's order (conversation: over the channel's denominator).
KEY_FIGURES = (
    KeyFigure("followers", N_("Followers"), 0),
    KeyFigure("posts_per_week", N_("Posts a week"), 1),
    CONVERSATION_FIGURES["followers"],
    KeyFigure("organic_amplification_rate", N_("Shares per 1,000 followers"), 2, 1000),
    KeyFigure("organic_applause_rate", N_("Likes per 1,000 followers"), 1, 1000),
    KeyFigure("organic_engagement_rate_reach", N_("Engaged of those reached"), 1, 100, "%", POINTS),
)

#: How the report says that a change is a rise or a fall (the appendix and the table's note), by the
#: step of the period's kind (a month to the next, ...): {factor} is a number, {min_changes} a count.
HOW_CHANGES_ARE_JUDGED = {
    "month": N_(
        "A figure rose (↑) or fell (↓) only when it moved more than {factor} times as much as it usually "
        "does from one month to the next (the median of its changes between consecutive months before "
        "this period); smaller changes are about the same (→). With fewer than {min_changes} earlier "
        "changes to learn from, only a figure that doubled or halved counts. Follower counts rose or fell "
        "by any change. A period the exports do not cover is unknown, never zero."
    ),
    "quarter": N_(
        "A figure rose (↑) or fell (↓) only when it moved more than {factor} times as much as it usually "
        "does from one quarter to the next (the median of its changes between consecutive quarters before "
        "this period); smaller changes are about the same (→). With fewer than {min_changes} earlier "
        "changes to learn from, only a figure that doubled or halved counts. Follower counts rose or fell "
        "by any change. A period the exports do not cover is unknown, never zero."
    ),
    "week": N_(
        "A figure rose (↑) or fell (↓) only when it moved more than {factor} times as much as it usually "
        "does from one week to the next (the median of its changes between consecutive weeks before "
        "this period); smaller changes are about the same (→). With fewer than {min_changes} earlier "
        "changes to learn from, only a figure that doubled or halved counts. Follower counts rose or fell "
        "by any change. A period the exports do not cover is unknown, never zero."
    ),
}

#: The unit of each conversation denominator, as one phrase (after a number).
CONVERSATION_UNITS = {
    "followers": N_("comments per 1,000 followers"),
    "reach": N_("comments per 1,000 people reached"),
    "impressions": N_("comments per 1,000 impressions"),
}

#: The headline's comparison, one whole message per verdict. {before} and {after} are numbers, {unit}
#: one of :data:`CONVERSATION_UNITS`, {period} and {other_period} names of periods ("September 2026").
CONVERSATION_CHANGED = {
    "rise": N_(
        "Conversation on {channel} rose from {before} to {after} {unit} compared with {other_period}."
    ),
    "fall": N_(
        "Conversation on {channel} fell from {before} to {after} {unit} compared with {other_period}."
    ),
    "same": N_(
        "Conversation on {channel} was about the same as in {other_period}: {after} {unit}, against {before}."
    ),
    "unknown": N_(
        "Conversation on {channel} was {after} {unit} in {period}; the exports do not cover "
        "{other_period}, so it cannot be compared."
    ),
    "not_given": N_(
        "Conversation on {channel} was {after} {unit} in {period}; the exports do not give it "
        "for {other_period}, so it cannot be compared."
    ),
}


def how_changes_are_judged(report) -> str:
    """:data:`HOW_CHANGES_ARE_JUDGED` for the report's kind of period."""
    step = report.period.kind if report.period else "month"
    if report.period is not None and report.period.kind == "span":
        days = report.period.days
        step = "week" if days <= 10 else "month" if days <= 62 else "quarter"
    message = _(HOW_CHANGES_ARE_JUDGED.get(step, HOW_CHANGES_ARE_JUDGED["month"]))
    factor = formats.number(CHANGE_FACTOR, 0 if float(CHANGE_FACTOR).is_integer() else 1)
    return message.format(factor=factor, min_changes=MIN_CHANGES)


def _conversation_figure(row) -> KeyFigure:
    basis = _findings.organic_conversation(row)[1]
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
    return _("{period} ({days})").format(period=name, days=formats.days(*against.covered))


def key_figures_compared(report) -> html.Html:
    """Each channel's key figures for the period, the previous one and a year ago, with the changes.

    One table per channel, each with the header: a table is never cut by a page break, and a
    channel's six rows fit where the whole table would not (on paper, the first page keeps the
    first channel instead of leaving its second half blank).
    """
    now = formats.period_name(report.period)
    if report.covered is not None and report.covered != (report.period.start, report.period.end):
        # Translators: a period and the days of it the exports cover: "October 2026 (1 Oct to 20 Oct 2026)".
        now = _("{period} ({days})").format(period=now, days=formats.days(*report.covered))
    header = [_("Channel"), _("Figure"), now]
    for against in report.comparisons():
        header += [_heading(against), _("Change")]
    numeric = set(range(2, len(header)))
    tables = []
    for r in report.summary.itertuples():
        channel = _channel(report, r)
        rows = []
        for number, figure in enumerate(figures_of(r)):
            row = [channel if number == 0 else "", _(figure.label), figure.text(getattr(r, figure.column))]
            for against in report.comparisons():
                change = against.change(r.platform, r.account, figure.column)
                known = figure_value(against.summary, r.platform, r.account, "days") is not None
                before = (
                    figure.text(change.other_value) if known and change is not None else formats.unknown()
                )
                row += [before, change_text(figure, change)]
            rows.append(row)
        tables.append(html.table(rows, header=header, numeric=numeric))
    note = how_changes_are_judged(report)
    return html.Html(
        "".join(tables) + f'<p class="sm-note">{html.text(_units_note(report))} {html.text(note)}</p>'
    )


def _channel(report, row) -> str:
    from smanalytics.report.sections import channel_name

    return channel_name(report, row.platform, row.account)


#: The key figures' note on boosted posts.
BOOSTED_APART = Nn_(
    "The {posts} boosted (paid) post of the period is counted apart.",
    "The {posts} boosted (paid) posts of the period are counted apart.",
)


def _units_note(report) -> str:
    paid = report.paid
    text = _(
        "Comments, shares and likes are per post per 1,000 followers, on posts that were not boosted; "
        "'Engaged of those reached' is likes, comments, shares and saves over the people reached; its "
        "change is in percentage points (pts): from {low} to {high} is {change}."
    ).format(
        low=formats.number(8.0, 1, suffix="%"),
        high=formats.number(9.0, 1, suffix="%"),
        change=_(POINTS).format(change=formats.signed(1.0)),
    )
    if len(paid):
        posts = int(paid["posts"].sum())
        text += " " + ngettext(*BOOSTED_APART, posts).format(posts=formats.number(posts, 0))
    return text


def comparison_finding(report) -> str | None:
    """The headline's comparison: the best channel's conversation against the previous period."""
    if report.previous is None:
        return None
    row = _findings.best_conversation(report)
    if row is None:
        return None
    figure = _conversation_figure(row)
    basis = _findings.organic_conversation(row)[1]
    change = report.previous.change(row.platform, row.account, figure.column)
    verdict = change.verdict if change is not None else "unknown"
    known = figure_value(report.previous.summary, row.platform, row.account, "days") is not None
    if verdict == "unknown" and known:
        verdict = "not_given"  # the exports cover the account then, but not this figure
    return _(CONVERSATION_CHANGED[verdict]).format(
        channel=_findings.channel(row),
        before=figure.text(change.other_value) if change is not None else formats.unknown(),
        after=figure.text(getattr(row, figure.column)),
        unit=_(CONVERSATION_UNITS[basis]),
        period=formats.period_name(report.period),
        other_period=_heading(report.previous),
    )
