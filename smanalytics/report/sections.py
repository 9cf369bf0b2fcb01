"""The report's sections, each a function of a :class:`~smanalytics.report.content.Report`.

Each returns an :class:`~smanalytics.report.html.Html` (every value from the
exports escaped) and says in words what is missing when the data does not
allow the section. An exception here is a bug: it fails the report.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.metrics.rates import per_1k
from smanalytics.metrics.summary import CONVERSATION_BASES
from smanalytics.plots.style import kind_label, platform_label, spike_look
from smanalytics.problem_summary import FILE_NOT_USED
from smanalytics.report import findings as _findings
from smanalytics.report import formats, html
from smanalytics.report.branding import masthead, page_header
from smanalytics.report.content import data_span
from smanalytics.report.notes import note_markdown, note_section

__all__ = [
    "title",
    "note",
    "headline",
    "key_figures",
    "size_comparison",
    "spikes",
    "top_posts",
    "quiet_posts",
    "best_times",
    "consistency",
    "content_mix",
    "responsiveness",
    "channel_focus",
    "appendix",
    "channel_name",
]


def _num(value, digits: int = 1, *, suffix: str = "") -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):,.{digits}f}{suffix}"


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _missing(sentence: str) -> html.Html:
    return html.Html(f'<p class="sm-missing">{html.text(sentence)}</p>')


def channel_name(report, platform: str, account: str) -> str:
    """``Instagram``, or ``Instagram (cafe)`` when the client has several Instagram accounts."""
    same = (report.summary["platform"] == platform).sum() if len(report.summary) else 0
    return platform_label(platform) + (f" ({account})" if same > 1 else "")


#: Whole messages of the title: the period, and how much of it the exports cover.
PERIOD_SUBTITLE = "Social media report: {channels}, {period}"
SPAN = "{first} to {last}"
#: The foot of every printed page: the client and the period.
PAGE_FOOTER = "{client} · {period}"
EXPORTS_END_EARLY = "The exports end on {last}, so the figures for {period} cover {days}."
EXPORTS_START_LATE = "The exports start on {first}, so the figures for {period} cover {days}."
EXPORTS_START_LATE_AND_END_EARLY = (
    "The exports start on {first} and end on {last}, so the figures for {period} cover only those days."
)
EXPORTS_MISS_PERIOD = "The exports hold no data for {period}: there is nothing to report for it."


def title(report) -> html.Html:
    """The agency's logo, the client's name, the channels and the period covered (and where the
    exports stop short of it); on paper, the agency's logo at the top of every page but the first,
    and the client, period and the agency's footer line at the foot of every page."""
    channels = report.platform_names() or "no channel"
    if report.period is None:
        first, last = report.covered or (None, None)
        period = SPAN.format(first=_date(first), last=_date(last))
    else:
        period = formats.period_name(report.period)
    subtitle = PERIOD_SUBTITLE.format(channels=channels, period=period)
    out = (
        masthead(report.spec.agency)
        + page_header(report.spec.agency)
        + f'<h1>{html.text(report.spec.name)}</h1><p class="sm-subtitle">{html.text(subtitle)}</p>'
    )
    note = coverage_note(report)
    if note:
        out += f'<p class="sm-missing">{html.text(note)}</p>'
    return html.Html(out + _page_footer(report, period))


def coverage_note(report) -> str | None:
    """What the title says when the exports stop short of the report's period ("The exports end on ...")."""
    p = report.period
    if p is None:
        return None
    if report.covered is None:
        return EXPORTS_MISS_PERIOD.format(period=formats.period_name(p))
    first, last = report.covered
    values = {
        "period": formats.period_name(p),
        "first": formats.short_day(first),
        "last": formats.short_day(last),
        "days": formats.days(first, last),
    }
    if first > p.start and last < p.end:
        return EXPORTS_START_LATE_AND_END_EARLY.format(**values)
    if last < p.end:
        return EXPORTS_END_EARLY.format(**values)
    if first > p.start:
        return EXPORTS_START_LATE.format(**values)
    return None


def _page_footer(report, period: str) -> str:
    """The footer of every printed page (a running element: the print styles take it out of the page)."""
    agency = report.spec.agency
    line = f"<br>{html.text(agency.footer)}" if agency and agency.footer else ""
    text = PAGE_FOOTER.format(client=report.spec.name, period=period)
    return f'<div class="sm-page-footer">{html.text(text)}{line}</div>'


def note(report) -> html.Html:
    """The analyst's note to the client (Markdown, sanitised: :mod:`smanalytics.report.notes`), if any."""
    agency = report.spec.agency
    return note_section(note_markdown(report.spec), agency.name if agency else "")


def headline(report) -> html.Html:
    """Three findings and one recommendation, for the owner first."""
    items = "".join(f"<li>{html.text(f)}</li>" for f in _findings.findings(report))
    reco = html.text(_findings.recommendation(report))
    return html.Html(
        f'<div class="sm-headline"><h2>In short</h2><ul>{items}</ul>'
        f'<p class="sm-reco">What to do next: {reco}</p></div>'
    )


def key_figures(report) -> html.Html:
    """One row per channel: followers, posts a week, the three rates per 1,000 followers, organic and paid.

    With a period, each channel's figures against the previous period and a
    year ago instead (:func:`~smanalytics.report.changes.key_figures_compared`).
    """
    if not len(report.summary):
        return _missing("No posts or daily figures were found in the exports, so there are no key figures.")
    if report.period is not None:
        from smanalytics.report.changes import key_figures_compared

        return key_figures_compared(report)
    paid = {(r.platform, r.account): r for r in report.paid.itertuples()} if len(report.paid) else {}
    rows = []
    for r in report.summary.itertuples():
        p = paid.get((r.platform, r.account))
        rows.append(
            [
                channel_name(report, r.platform, r.account),
                _num(r.followers, 0),
                _num(r.posts_per_week),
                _comments_cell(r),
                _num(per_1k(p.conversation_rate), 2) if p else "–",
                _num(per_1k(r.organic_amplification_rate), 2),
                _num(per_1k(r.organic_applause_rate), 1),
                _num(
                    r.organic_engagement_rate_reach * 100
                    if pd.notna(r.organic_engagement_rate_reach)
                    else None,
                    1,
                    suffix="%",
                ),
            ]
        )
    header = [
        "Channel",
        "Followers",
        "Posts a week",
        "Comments",
        "Comments (boosted)",
        "Shares",
        "Likes",
        "Engaged of those reached",
    ]
    note = (
        "Comments, shares and likes are per post per 1,000 followers, on posts that were not boosted. "
        "'Engaged of those reached' is likes, comments, shares and saves over the people reached. "
    )
    note += _follower_notes(report)
    if paid:
        note += "Boosted (paid) posts are counted apart, in their own column."
    else:
        note += "No post was boosted (paid) in this period."
        header.pop(4)
        rows = [row[:4] + row[5:] for row in rows]
    numeric = set(range(1, len(header)))
    return html.Html(
        html.table(rows, header=header, numeric=numeric) + f'<p class="sm-note">{html.text(note)}</p>'
    )


def _comments_cell(row) -> str:
    """Comments per post per 1,000 followers, else per 1,000 people reached (or impressions), so named."""
    value, basis = _findings.organic_conversation(row)
    if basis is None or basis == "followers":
        return _num(per_1k(value), 2)
    return f"{_num(per_1k(value), 2)} {_findings.PER_BASIS[basis]}"


def _follower_notes(report) -> str:
    """What the key figures' follower counts and denominators rest on, channel by channel."""
    notes = []
    basis = report.dataset.follower_basis
    for r in report.summary.itertuples():
        name = channel_name(report, r.platform, r.account)
        mine = basis[(basis["platform"] == r.platform) & (basis["account"] == r.account)]
        how = mine["followers_basis"].iloc[0] if len(mine) else None
        if how == "reconstructed":
            notes.append(f"{name}: daily followers rebuilt from one known total and the daily follows.")
        elif how == "total":
            notes.append(f"{name}: one follower total is known, and no daily follows to rebuild other days.")
        _, rate_basis = _findings.organic_conversation(r)
        if rate_basis in ("reach", "impressions"):
            notes.append(
                f"{name}: no follower count in the exports, so comments are {_findings.PER_BASIS[rate_basis]}"
                " instead (give today's count as followers in the manifest)."
            )
    return " ".join(notes) + (" " if notes else "")


def size_comparison(report) -> html.Html:
    """Under the conversation chart: each channel against what is usual at its size, in words.

    The benchmark's explanation (what is usual, from what, or "too few
    comparable accounts"), and for a channel with followers that look bought
    its conversation per real follower.
    """
    b = report.benchmark
    if not len(b) or "explanation" not in b or b["followers"].isna().all():
        return html.Html("")  # no follower count at all: the chart says what is missing
    lines = []
    for r in b.itertuples():
        real = _findings.real_conversation(report, r.platform, r.account)
        lines.append(f"{r.explanation} {real}" if real else str(r.explanation))
    return html.Html("".join(f'<p class="sm-note">{html.text(line)}</p>' for line in lines))


def spikes(report) -> html.Html:
    """Every follower spike with its plain explanation."""
    e = report.events
    if not len(e):
        if not len(report.dataset.daily):
            return _missing("No daily figures: spikes in followers cannot be looked for.")
        return html.Html('<p class="sm-note">No unusual jump in followers: growth was steady.</p>')
    order = e.assign(_bought=e["label"] != "suspected_bought").sort_values(
        ["_bought", "start"], kind="stable"
    )
    rows = [
        [platform_label(r.platform), _date(r.start), spike_look(r.label).name, r.explanation]
        for r in order.itertuples()
    ]
    return html.Html(html.table(rows, header=["Channel", "From", "Verdict", "Why"]))


def top_posts(report, n: int = 5) -> html.Html:
    """The ``n`` posts of the period that started the most conversation, text shortened.

    Ranked by comments per 1,000 followers, else (no follower count known) per
    1,000 people reached, else per 1,000 impressions; the header names which.
    """
    p = report.dataset.posts
    if not len(p) or p["comments"].isna().all():
        if report.period is not None and not len(p):
            return _missing(QUIET_PERIOD.format(period=formats.period_name(report.period)))
        return _missing("The exports do not give comments per post, so the best posts cannot be picked.")
    from smanalytics.metrics import post_rates

    rates = post_rates(p, report.dataset.daily)
    basis, column = next(
        ((b, c) for b, c in CONVERSATION_BASES if rates[c].notna().any()), CONVERSATION_BASES[0]
    )
    frame = p.assign(rate=rates[column].to_numpy()).dropna(subset=["rate"])
    frame = frame.sort_values(["rate", "comments"], ascending=False, kind="stable").head(n)
    rows = [
        [
            _date(r.published_at),
            platform_label(r.platform),
            html.shorten(r.text, 90) if pd.notna(r.text) else "–",
            _num(r.comments, 0),
            _num(per_1k(r.rate), 1),
        ]
        for r in frame.itertuples()
    ]
    header = ["Date", "Channel", "Post", "Comments", f"Comments {_findings.PER_BASIS[basis]}"]
    return html.Html(html.table(rows, header=header, numeric={3, 4}))


#: The posts that got no conversation, whole messages.
QUIET_POSTS = "{quiet} of the {posts} posts of {period} got no comment at all:"
QUIET_POSTS_ALL_DATA = "{quiet} of the {posts} posts got no comment at all:"
NO_QUIET_POSTS = "Every post of {period} got at least one comment."
NO_QUIET_POSTS_ALL_DATA = "Every post got at least one comment."
MORE_QUIET_POSTS = "… and {more} more."
QUIET_PERIOD = "No post went out in {period}."


def quiet_posts(report, n: int = 10) -> html.Html:
    """The period's posts whose comments are known to be 0, the most seen first (up to ``n``)."""
    p = report.dataset.posts
    if not len(p) or p["comments"].isna().all():
        return html.Html("")
    counted = p[p["comments"].notna()]
    quiet = counted[counted["comments"] == 0]
    period = formats.period_name(report.period) if report.period is not None else None
    if not len(quiet):
        text = NO_QUIET_POSTS.format(period=period) if period else NO_QUIET_POSTS_ALL_DATA
        return html.Html(f'<p class="sm-note">{html.text(text)}</p>')
    seen = quiet["reach"].fillna(quiet["impressions"]) if "reach" in quiet else quiet["likes"]
    order = quiet.assign(_seen=seen.astype("Float64").fillna(-1)).sort_values(
        ["_seen", "published_at"], ascending=[False, False], kind="stable"
    )
    rows = [
        [
            _date(r.published_at),
            platform_label(r.platform),
            html.shorten(r.text, 90) if pd.notna(r.text) else "–",
            _num(r.likes, 0),
            _num(r.reach, 0),
        ]
        for r in order.head(n).itertuples()
    ]
    values = {"quiet": len(quiet), "posts": len(counted), "period": period}
    lead = QUIET_POSTS.format(**values) if period else QUIET_POSTS_ALL_DATA.format(**values)
    out = f"<p>{html.text(lead)}</p>" + html.table(
        rows, header=["Date", "Channel", "Post", "Likes", "Reached"], numeric={3, 4}
    )
    if len(quiet) > n:
        out += f'<p class="sm-note">{html.text(MORE_QUIET_POSTS.format(more=len(quiet) - n))}</p>'
    return html.Html(out)


#: The best time to post, one whole message each.
BEST_DAY_AND_TIME = (
    "Your {weekday} {part_of_day} posts on {channel} got {ratio} your usual conversation ({posts} posts)."
)
BEST_DAY = "Your {weekday} posts on {channel} got {ratio} your usual conversation ({posts} posts)."
NOTHING_STANDS_OUT = (
    "On {channel}, no day or time stands out yet: your posts get about the same conversation "
    "whenever they go out."
)
NOT_ENOUGH_POSTS = (
    "On {channel}, not enough posts yet to say: {posts} posts whose conversation is known so far, "
    "and a day needs {min_posts}."
)
NO_DAY_HAS_ENOUGH = (
    "On {channel}, not enough posts yet to say: no day of the week has {min_posts} posts whose "
    "conversation is known yet ({posts} so far, spread over the week)."
)
TIMES_LOCAL = "{channel}: times are your local time, as Meta's exports give them."
TIMES_UTC = "{channel}: times are UTC, as the exports give them; your local time may be a few hours off."
TIMES_DAY_ONLY = "{channel}: the exports give the day of each post, not its time, so only days are compared."

#: Export families whose post times are the account's local time (the importer keeps them as written).
LOCAL_TIME_FAMILIES = frozenset({"meta_business_content"})


def best_times(report) -> html.Html:
    """One sentence per channel: when its posts got the most conversation, over all its posts so far."""
    from smanalytics.metrics.timing import MIN_POSTS, best_cells

    t = report.best_times
    if not len(t):
        return _missing(
            "The exports give no post with both comments and an audience, so the best time cannot be told."
        )
    said, notes = [], []
    for b in best_cells(t).itertuples():
        channel = channel_name(report, b.platform, b.account)
        if pd.isna(b.ratio):
            message = NOT_ENOUGH_POSTS if b.total_posts < MIN_POSTS else NO_DAY_HAS_ENOUGH
            said.append(message.format(channel=channel, posts=int(b.total_posts), min_posts=MIN_POSTS))
        elif not b.stands_out:
            said.append(NOTHING_STANDS_OUT.format(channel=channel))
        else:
            values = {
                "channel": channel,
                "weekday": formats.weekday_name(b.weekday),
                "ratio": formats.times(b.ratio),
                "posts": int(b.posts),
            }
            if pd.isna(b.hour):
                said.append(BEST_DAY.format(**values))
            else:
                said.append(BEST_DAY_AND_TIME.format(**values, part_of_day=formats.part_of_day_name(b.hour)))
        notes.append(_clock_note(report, b.platform, b.account, channel))
    items = "".join(f"<li>{html.text(x)}</li>" for x in said)
    note = " ".join(notes)
    return html.Html(f'<ul class="sm-findings">{items}</ul><p class="sm-note">{html.text(note)}</p>')


def _clock_note(report, platform: str, account: str, channel: str) -> str:
    """Whether ``account``'s post times are local, UTC, or only days."""
    t = report.best_times
    mine = t[(t["platform"] == platform) & (t["account"] == account)]
    if not mine["hour"].notna().any():
        return TIMES_DAY_ONLY.format(channel=channel)
    src = report.history.sources if report.history is not None else report.dataset.sources
    posts = src[src["tables"].astype(str).str.contains("posts") & (src["platform"].astype(str) == platform)]
    if len(posts) and posts["family"].isin(LOCAL_TIME_FAMILIES).all():
        return TIMES_LOCAL.format(channel=channel)
    return TIMES_UTC.format(channel=channel)


def consistency(report) -> html.Html:
    """Posts a week, weeks with a post, longest silence and last post per channel; abandoned ones named."""
    r = report.regularity
    if not len(r):
        return _missing("No posts in the exports: consistency cannot be measured.")
    status = {"active": "active", "abandoned": "looks abandoned", "never posted": "never posted"}
    rows = [
        [
            platform_label(x.platform),
            _num(x.posts_per_week),
            _num(100 * x.active_week_share, 0, suffix="%") if pd.notna(x.active_week_share) else "–",
            _num(x.longest_gap_days, 0),
            _date(x.last_post),
            status.get(x.status, x.status),
        ]
        for x in r.itertuples()
    ]
    header = ["Channel", "Posts a week", "Weeks with a post", "Longest silence (days)", "Last post", "Status"]
    out = html.table(rows, header=header, numeric={1, 2, 3})
    for x in _findings.abandoned(report):
        out += (
            f'<p class="sm-missing">{html.text(platform_label(x.platform))} looks abandoned: no post for '
            f"{int(x.days_since_last_post)} days.</p>"
        )
    return html.Html(out)


def content_mix(report) -> html.Html:
    """Posts and conversation by kind of post (self-promotion, community, curated, ...)."""
    m = report.mix
    if not len(m):
        return _missing("No posts in the exports: the content mix cannot be shown.")
    rows = [
        [
            platform_label(x.platform),
            kind_label(x.kind),
            int(x.posts),
            _num(100 * x.share, 0, suffix="%"),
            _num(x.comments_per_post, 1),
            _num(per_1k(x.conversation_rate), 2),
        ]
        for x in m.itertuples()
    ]
    header = [
        "Channel",
        "Kind of post",
        "Posts",
        "Share",
        "Comments per post",
        "Comments per 1,000 followers",
    ]
    return html.Html(html.table(rows, header=header, numeric={2, 3, 4, 5}))


def responsiveness(report) -> html.Html:
    """Share of customer comments answered and how fast, when comments are exported."""
    a = report.answers
    if not len(a):
        return _missing(
            "The exports hold no comments, so how often and how fast customers are answered is unknown."
        )
    rows = [
        [
            channel_name(report, x.platform, x.account),
            int(x.customer_comments),
            _num(100 * x.answered_share, 0, suffix="%") if pd.notna(x.answered_share) else "–",
            _num(x.median_hours_to_answer, 1),
        ]
        for x in a.itertuples()
    ]
    header = ["Channel", "Customer comments", "Answered", "Median hours to answer"]
    table = html.table(rows, header=header, numeric={1, 2, 3})
    if a["answered"].isna().any():
        note = _missing(
            "Where answered shows –, the exports hold the messages customers sent but not your replies,"
            " so whether they were answered is unknown."
        )
        return html.Html(table + str(note))
    return html.Html(table)


def channel_focus(report) -> html.Html:
    """Channels ranked by conversation per hour of the owner's time (or per post), the best marked."""
    f = report.focus
    if not len(f):
        return _missing("No posts in the exports: channels cannot be compared.")
    rows = [
        [
            platform_label(x.platform),
            int(x.posts),
            _num(x.comments_per_post, 1),
            _num(x.hours, 0),
            _num(x.comments_per_hour, 1),
            "yes" if x.recommended is True else "",
        ]
        for x in f.itertuples()
    ]
    header = ["Channel", "Posts", "Comments per post", "Hours spent", "Comments per hour", "Focus here"]
    if len(report.dataset.effort):
        note = "Hours come from the owner's time log."
    elif report.spec.hours_per_week:
        note = (
            f"No time log was exported; the owner's {_num(report.spec.hours_per_week)} hours a week are "
            "shared between the channels by their posts."
        )
    else:
        note = "No time log and no weekly hours were given: channels are ranked by comments per post."
    table = html.table(rows, header=header, numeric={1, 2, 3, 4})
    return html.Html(table + f'<p class="sm-note">{html.text(note)}</p>')


#: The appendix's account of the period, whole messages.
PERIOD_NOTE = (
    "The report covers {period} ({days}); the history before it, from {first}, is the baseline: "
    "follower spikes are looked for over it, and each figure's usual change and the best times to post "
    "are learnt from it. {judged}"
)
ALL_DATA_NOTE = "The report covers all the data in the exports, {first} to {last}."


def _period_note(report) -> str:
    from smanalytics.report.changes import how_changes_are_judged

    span = data_span(report.history) if report.history is not None else None
    if report.period is None:
        first, last = report.covered or (None, None)
        return ALL_DATA_NOTE.format(first=_date(first), last=_date(last))
    return PERIOD_NOTE.format(
        period=formats.period_name(report.period),
        days=formats.period_days(report.period),
        first=_date(span[0]) if span else formats.UNKNOWN_NUMBER,
        judged=how_changes_are_judged(report),
    )


#: Lines and values shown per group of problem rows in the appendix.
_EXAMPLES = 3


def _file_name(path) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


def _problem_group(group) -> list:
    """One row of the appendix's problem table: file, how many rows, the first lines, and why."""
    lines = ", ".join(map(str, group.lines)) + (", ..." if group.rows > len(group.lines) else "")
    why = group.reason
    if group.examples:
        others = len(group.examples) == _EXAMPLES and group.rows > _EXAMPLES
        why += f"; found {', '.join(group.examples)}{', ...' if others else ''}"
    return [_file_name(group.file), int(group.rows), lines or "–", why]


def _file_row(r) -> list:
    """One row of the appendix's file table; a file not used has dashes where a read file has figures."""
    name = _file_name(r.file)
    if getattr(r, "status", "read") != "read":
        return [name, r.title or "–", "not used", "–", "–", "–"]
    return [name, r.title, r.tables, int(r.rows), f"{_date(r.start)} to {_date(r.end)}", int(r.problems)]


def appendix(report) -> html.Html:
    """The files read, their periods, what could not be said, the files not used and why, and the
    problem rows grouped by file and reason (one line per group, with its first lines)."""
    out = html.table(
        [_file_row(r) for r in report.dataset.sources.itertuples()],
        header=["File", "Kind of export", "Table", "Rows", "Period", "Problem rows"],
        numeric={3, 5},
    )
    out += f'<p class="sm-note">{html.text(_period_note(report))}</p>'
    if report.missing:
        out += (
            "<h3>What these exports could not tell</h3><ul>"
            + "".join(f"<li>{html.text(m)}</li>" for m in report.missing)
            + "</ul>"
        )
    groups = report.dataset.problem_summary(examples=_EXAMPLES)
    unused = groups["reason"].str.startswith(FILE_NOT_USED).fillna(False).to_numpy(dtype=bool)
    if unused.any():
        said = (
            f"{_file_name(g.file)}: {g.reason.removeprefix(FILE_NOT_USED)}"
            for g in groups[unused].itertuples()
        )
        out += f"<h3>Files not used ({int(unused.sum())})</h3><ul>"
        out += "".join(f"<li>{html.text(s)}</li>" for s in said) + "</ul>"
    if (~unused).any():
        rows = int(groups.loc[~unused, "rows"].sum())
        out += f"<h3>Rows that could not be read ({rows}), by file and reason</h3>" + html.table(
            [_problem_group(g) for g in groups[~unused].itertuples()],
            header=["File", "Rows", "First lines", "Why"],
            numeric={1},
        )
    else:
        out += '<p class="sm-note">Every row of every file used was read.</p>'
    return html.Html(f'<div class="sm-appendix">{out}</div>')
