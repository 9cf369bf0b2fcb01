"""The report's sections, each a function of a :class:`~smanalytics.report.content.Report`.

Each returns an :class:`~smanalytics.report.html.Html` (every value from the
exports escaped) and says in words what is missing when the data does not
allow the section. An exception here is a bug: it fails the report.
"""

from __future__ import annotations

import pandas as pd

from smanalytics.i18n import N_, Nn_, _, ngettext, pgettext
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
    "part",
    "PARTS",
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


_num = formats.number
_date = formats.day


def _missing(sentence: str) -> html.Html:
    return html.Html(f'<p class="sm-missing">{html.text(sentence)}</p>')


def channel_name(report, platform: str, account: str) -> str:
    """``Instagram``, or ``Instagram (cafe)`` when the client has several Instagram accounts."""
    same = (report.summary["platform"] == platform).sum() if len(report.summary) else 0
    if same > 1:
        # Translators: a channel when the client has several accounts on it: "Instagram (cafe)".
        return _("{platform} ({account})").format(platform=platform_label(platform), account=account)
    return platform_label(platform)


#: Whole messages of the title: the period, and how much of it the exports cover.
# Translators: {channels} lists the platforms ("Instagram and Facebook"), {period} names the period.
PERIOD_SUBTITLE = N_("Social media report: {channels}, {period}")
SPAN = N_("{first} to {last}")
#: The foot of every printed page: the client and the period.
PAGE_FOOTER = N_("{client} · {period}")
EXPORTS_END_EARLY = N_("The exports end on {last}, so the figures for {period} cover {days}.")
EXPORTS_START_LATE = N_("The exports start on {first}, so the figures for {period} cover {days}.")
EXPORTS_START_LATE_AND_END_EARLY = N_(
    "The exports start on {first} and end on {last}, so the figures for {period} cover only those days."
)
EXPORTS_MISS_PERIOD = N_("The exports hold no data for {period}: there is nothing to report for it.")


#: The heading and introduction of each part of the report (either may be None), by the key the
#: template gives ``part``.
PARTS = {
    "key_figures": (
        N_("Key figures"),
        N_(
            "What matters is not how many people follow you but how many talk back (comments), pass your "
            "posts on (shares) and applaud (likes), for every 1,000 followers."
        ),
    ),
    "conversation": (
        N_("Conversation"),
        N_(
            "Small accounts get more comments per follower than big ones, so each channel is compared with "
            "what is usual at its size, not with big brands."
        ),
    ),
    "top_posts": (None, N_("The posts that started the most conversation, and those that got none:")),
    "best_times": (
        N_("Best time to post"),
        N_(
            "Which days and times of day your posts got the most conversation, over all your posts so far, "
            "against what your typical post gets."
        ),
    ),
    "growth": (
        N_("Follower growth"),
        N_(
            "Steady growth comes from people who saw your posts. A sudden jump with no matching visits or "
            "reach usually means bought followers, who never comment or buy."
        ),
    ),
    "consistency": (
        N_("Posting consistency"),
        N_(
            "Customers notice a quiet account. A channel that went silent looks worse than no channel at all."
        ),
    ),
    "content_mix": (N_("Content mix"), N_("Which kinds of post start conversations.")),
    "responsiveness": (N_("Answering customers"), None),
    "channel_focus": (
        N_("Where your time pays"),
        N_(
            "Social media is not free: it costs your time. "
            "One or two channels done well beat five done badly."
        ),
    ),
    "appendix": (N_("Appendix: the data used"), None),
}


def part(report, key: str) -> html.Html:
    """The heading and introduction of the part ``key`` of :data:`PARTS`, in the report's language."""
    heading, introduction = PARTS[key]
    out = f"<h2>{html.text(_(heading))}</h2>" if heading else ""
    out += f"<p>{html.text(_(introduction))}</p>" if introduction else ""
    return html.Html(f'<div class="sm-text">{out}</div>')


def title(report) -> html.Html:
    """The agency's logo, the client's name, the channels and the period covered (and where the
    exports stop short of it); on paper, the agency's logo at the top of every page but the first,
    and the client, period and the agency's footer line at the foot of every page."""
    channels = report.platform_names() or _("no channel")
    if report.period is None:
        first, last = report.covered or (None, None)
        period = _(SPAN).format(first=_date(first), last=_date(last))
    else:
        period = formats.period_name(report.period)
    subtitle = _(PERIOD_SUBTITLE).format(channels=channels, period=period)
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
        return _(EXPORTS_MISS_PERIOD).format(period=formats.period_name(p))
    first, last = report.covered
    values = {
        "period": formats.period_name(p),
        "first": formats.short_day(first),
        "last": formats.short_day(last),
        "days": formats.days(first, last),
    }
    if first > p.start and last < p.end:
        return _(EXPORTS_START_LATE_AND_END_EARLY).format(**values)
    if last < p.end:
        return _(EXPORTS_END_EARLY).format(**values)
    if first > p.start:
        return _(EXPORTS_START_LATE).format(**values)
    return None


def _page_footer(report, period: str) -> str:
    """The footer of every printed page (a running element: the print styles take it out of the page)."""
    agency = report.spec.agency
    line = f"<br>{html.text(agency.footer)}" if agency and agency.footer else ""
    text = _(PAGE_FOOTER).format(client=report.spec.name, period=period)
    return f'<div class="sm-page-footer">{html.text(text)}{line}</div>'


def note(report) -> html.Html:
    """The analyst's note to the client (Markdown, sanitised: :mod:`smanalytics.report.notes`), if any."""
    agency = report.spec.agency
    return note_section(note_markdown(report.spec), agency.name if agency else "")


def headline(report) -> html.Html:
    """Three findings and one recommendation, for the owner first."""
    items = "".join(f"<li>{html.text(f)}</li>" for f in _findings.findings(report))
    reco = _("What to do next: {recommendation}").format(recommendation=_findings.recommendation(report))
    heading = _("In short")
    return html.Html(
        f'<div class="sm-headline"><h2>{html.text(heading)}</h2><ul>{items}</ul>'
        f'<p class="sm-reco">{html.text(reco)}</p></div>'
    )


def key_figures(report) -> html.Html:
    """One row per channel: followers, posts a week, the three rates per 1,000 followers, organic and paid.

    With a period, each channel's figures against the previous period and a
    year ago instead (:func:`~smanalytics.report.changes.key_figures_compared`).
    """
    if not len(report.summary):
        return _missing(
            _("No posts or daily figures were found in the exports, so there are no key figures.")
        )
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
        _("Channel"),
        _("Followers"),
        _("Posts a week"),
        _("Comments"),
        _("Comments (boosted)"),
        _("Shares"),
        _("Likes"),
        _("Engaged of those reached"),
    ]
    notes = [
        _(
            "Comments, shares and likes are per post per 1,000 followers, on posts that were not boosted. "
            "'Engaged of those reached' is likes, comments, shares and saves over the people reached."
        ),
        *_follower_notes(report),
    ]
    if paid:
        notes.append(_("Boosted (paid) posts are counted apart, in their own column."))
    else:
        notes.append(_("No post was boosted (paid) in this period."))
        header.pop(4)
        rows = [row[:4] + row[5:] for row in rows]
    numeric = set(range(1, len(header)))
    return html.Html(
        html.table(rows, header=header, numeric=numeric)
        + f'<p class="sm-note">{html.text(" ".join(notes))}</p>'
    )


def _comments_cell(row) -> str:
    """Comments per post per 1,000 followers, else per 1,000 people reached (or impressions), so named."""
    value, basis = _findings.organic_conversation(row)
    if basis is None or basis == "followers":
        return _num(per_1k(value), 2)
    # Translators: a rate and what it is per: "4.20 per 1,000 people reached".
    return _("{rate} {per}").format(rate=_num(per_1k(value), 2), per=_(_findings.PER_BASIS[basis]))


def _follower_notes(report) -> list[str]:
    """What the key figures' follower counts and denominators rest on, channel by channel."""
    notes = []
    basis = report.dataset.follower_basis
    for r in report.summary.itertuples():
        name = channel_name(report, r.platform, r.account)
        mine = basis[(basis["platform"] == r.platform) & (basis["account"] == r.account)]
        how = mine["followers_basis"].iloc[0] if len(mine) else None
        if how == "reconstructed":
            said = _("{channel}: daily followers rebuilt from one known total and the daily follows.")
            notes.append(said.format(channel=name))
        elif how == "total":
            said = _("{channel}: one follower total is known, and no daily follows to rebuild other days.")
            notes.append(said.format(channel=name))
        rate_basis = _findings.organic_conversation(r)[1]
        if rate_basis in ("reach", "impressions"):
            said = _(
                "{channel}: no follower count in the exports, so comments are {per} instead"
                " (give today's count as followers in the manifest)."
            )
            notes.append(said.format(channel=name, per=_(_findings.PER_BASIS[rate_basis])))
    return notes


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
        lines.append(" ".join([str(r.explanation), real]) if real else str(r.explanation))
    return html.Html("".join(f'<p class="sm-note">{html.text(line)}</p>' for line in lines))


def spikes(report) -> html.Html:
    """Every follower spike with its plain explanation."""
    e = report.events
    if not len(e):
        if not len(report.dataset.daily):
            return _missing(_("No daily figures: spikes in followers cannot be looked for."))
        steady = _("No unusual jump in followers: growth was steady.")
        return html.Html(f'<p class="sm-note">{html.text(steady)}</p>')
    order = e.assign(_bought=e["label"] != "suspected_bought").sort_values(
        ["_bought", "start"], kind="stable"
    )
    rows = [
        [platform_label(r.platform), _date(r.start), spike_look(r.label).name, r.explanation]
        for r in order.itertuples()
    ]
    return html.Html(html.table(rows, header=[_("Channel"), _("From"), _("Verdict"), _("Why")]))


def top_posts(report, n: int = 5) -> html.Html:
    """The ``n`` posts of the period that started the most conversation, text shortened.

    Ranked by comments per 1,000 followers, else (no follower count known) per
    1,000 people reached, else per 1,000 impressions; the header names which.
    """
    p = report.dataset.posts
    if not len(p) or p["comments"].isna().all():
        if report.period is not None and not len(p):
            return _missing(_(QUIET_PERIOD).format(period=formats.period_name(report.period)))
        return _missing(_("The exports do not give comments per post, so the best posts cannot be picked."))
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
    # Translators: a column: comments per 1,000 followers (or per 1,000 people reached, impressions).
    per = _("Comments {per}").format(per=_(_findings.PER_BASIS[basis]))
    header = [_("Date"), _("Channel"), _("Post"), _("Comments"), per]
    return html.Html(html.table(rows, header=header, numeric={3, 4}))


#: The posts that got no conversation, whole messages.
QUIET_POSTS = Nn_(
    "{quiet} of the {posts} post of {period} got no comment at all:",
    "{quiet} of the {posts} posts of {period} got no comment at all:",
)
QUIET_POSTS_ALL_DATA = Nn_(
    "{quiet} of the {posts} post got no comment at all:",
    "{quiet} of the {posts} posts got no comment at all:",
)
NO_QUIET_POSTS = N_("Every post of {period} got at least one comment.")
NO_QUIET_POSTS_ALL_DATA = N_("Every post got at least one comment.")
MORE_QUIET_POSTS = Nn_("… and {more} more.", "… and {more} more.")
QUIET_PERIOD = N_("No post went out in {period}.")


def quiet_posts(report, n: int = 10) -> html.Html:
    """The period's posts whose comments are known to be 0, the most seen first (up to ``n``)."""
    p = report.dataset.posts
    if not len(p) or p["comments"].isna().all():
        return html.Html("")
    counted = p[p["comments"].notna()]
    quiet = counted[counted["comments"] == 0]
    period = formats.period_name(report.period) if report.period is not None else None
    if not len(quiet):
        text = _(NO_QUIET_POSTS).format(period=period) if period else _(NO_QUIET_POSTS_ALL_DATA)
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
    values = {"quiet": _num(len(quiet), 0), "posts": _num(len(counted), 0), "period": period}
    lead = ngettext(*(QUIET_POSTS if period else QUIET_POSTS_ALL_DATA), len(counted)).format(**values)
    header = [_("Date"), _("Channel"), _("Post"), _("Likes"), _("Reached")]
    out = f"<p>{html.text(lead)}</p>" + html.table(rows, header=header, numeric={3, 4})
    if len(quiet) > n:
        more = ngettext(*MORE_QUIET_POSTS, len(quiet) - n).format(more=_num(len(quiet) - n, 0))
        out += f'<p class="sm-note">{html.text(more)}</p>'
    return html.Html(out)


#: The best time to post, one whole message each.
# Translators: {weekday} is a day's name (Saturday), {part_of_day} morning, afternoon, evening or night,
# {ratio} a ratio to the usual ("2.1x"), {posts} a number of posts.
BEST_DAY_AND_TIME = Nn_(
    "Your {weekday} {part_of_day} posts on {channel} got {ratio} your usual conversation ({posts} post).",
    "Your {weekday} {part_of_day} posts on {channel} got {ratio} your usual conversation ({posts} posts).",
)
BEST_DAY = Nn_(
    "Your {weekday} posts on {channel} got {ratio} your usual conversation ({posts} post).",
    "Your {weekday} posts on {channel} got {ratio} your usual conversation ({posts} posts).",
)
NOTHING_STANDS_OUT = N_(
    "On {channel}, no day or time stands out yet: your posts get about the same conversation "
    "whenever they go out."
)
NOT_ENOUGH_POSTS = Nn_(
    "On {channel}, not enough posts yet to say: {posts} post whose conversation is known so far, "
    "and a day needs {min_posts}.",
    "On {channel}, not enough posts yet to say: {posts} posts whose conversation is known so far, "
    "and a day needs {min_posts}.",
)
NO_DAY_HAS_ENOUGH = N_(
    "On {channel}, not enough posts yet to say: no day of the week has {min_posts} posts whose "
    "conversation is known yet ({posts} so far, spread over the week)."
)
TIMES_LOCAL = N_("{channel}: times are your local time, as Meta's exports give them.")
TIMES_UTC = N_("{channel}: times are UTC, as the exports give them; your local time may be a few hours off.")
TIMES_DAY_ONLY = N_(
    "{channel}: the exports give the day of each post, not its time, so only days are compared."
)

#: Export families whose post times are the account's local time (the importer keeps them as written).
LOCAL_TIME_FAMILIES = frozenset({"meta_business_content"})


def best_times(report) -> html.Html:
    """One sentence per channel: when its posts got the most conversation, over all its posts so far."""
    from smanalytics.metrics.timing import MIN_POSTS, best_cells

    t = report.best_times
    if not len(t):
        return _missing(
            _("The exports give no post with both comments and an audience, so the best time cannot be told.")
        )
    said, notes = [], []
    for b in best_cells(t).itertuples():
        channel = channel_name(report, b.platform, b.account)
        if pd.isna(b.ratio):
            total = int(b.total_posts)
            message = ngettext(*NOT_ENOUGH_POSTS, total) if total < MIN_POSTS else _(NO_DAY_HAS_ENOUGH)
            said.append(message.format(channel=channel, posts=_num(total, 0), min_posts=MIN_POSTS))
        elif not b.stands_out:
            said.append(_(NOTHING_STANDS_OUT).format(channel=channel))
        else:
            values = {
                "channel": channel,
                "weekday": formats.weekday_name(b.weekday),
                "ratio": formats.times(b.ratio),
                "posts": _num(b.posts, 0),
            }
            if pd.isna(b.hour):
                said.append(ngettext(*BEST_DAY, int(b.posts)).format(**values))
            else:
                part = formats.part_of_day_name(b.hour)
                said.append(ngettext(*BEST_DAY_AND_TIME, int(b.posts)).format(**values, part_of_day=part))
        notes.append(_clock_note(report, b.platform, b.account, channel))
    items = "".join(f"<li>{html.text(x)}</li>" for x in said)
    note = " ".join(notes)
    return html.Html(f'<ul class="sm-findings">{items}</ul><p class="sm-note">{html.text(note)}</p>')


def _clock_note(report, platform: str, account: str, channel: str) -> str:
    """Whether ``account``'s post times are local, UTC, or only days."""
    t = report.best_times
    mine = t[(t["platform"] == platform) & (t["account"] == account)]
    if not mine["hour"].notna().any():
        return _(TIMES_DAY_ONLY).format(channel=channel)
    src = report.whole.sources
    posts = src[src["tables"].astype(str).str.contains("posts") & (src["platform"].astype(str) == platform)]
    if len(posts) and posts["family"].isin(LOCAL_TIME_FAMILIES).all():
        return _(TIMES_LOCAL).format(channel=channel)
    return _(TIMES_UTC).format(channel=channel)


def consistency(report) -> html.Html:
    """Posts a week, weeks with a post, longest silence and last post per channel; abandoned ones named."""
    r = report.regularity
    if not len(r):
        return _missing(_("No posts in the exports: consistency cannot be measured."))
    status = {
        "active": pgettext("channel status", "active"),
        "abandoned": pgettext("channel status", "looks abandoned"),
        "never posted": pgettext("channel status", "never posted"),
    }
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
    header = [
        _("Channel"),
        _("Posts a week"),
        _("Weeks with a post"),
        _("Longest silence (days)"),
        _("Last post"),
        _("Status"),
    ]
    out = html.table(rows, header=header, numeric={1, 2, 3})
    for x in _findings.abandoned(report):
        days = int(x.days_since_last_post)
        said = ngettext(
            "{channel} looks abandoned: no post for {days} day.",
            "{channel} looks abandoned: no post for {days} days.",
            days,
        ).format(channel=platform_label(x.platform), days=_num(days, 0))
        out += f'<p class="sm-missing">{html.text(said)}</p>'
    return html.Html(out)


def content_mix(report) -> html.Html:
    """Posts and conversation by kind of post (self-promotion, community, curated, ...)."""
    m = report.mix
    if not len(m):
        return _missing(_("No posts in the exports: the content mix cannot be shown."))
    rows = [
        [
            platform_label(x.platform),
            kind_label(x.kind),
            _num(x.posts, 0),
            _num(100 * x.share, 0, suffix="%"),
            _num(x.comments_per_post, 1),
            _num(per_1k(x.conversation_rate), 2),
        ]
        for x in m.itertuples()
    ]
    header = [
        _("Channel"),
        _("Kind of post"),
        _("Posts"),
        _("Share"),
        _("Comments per post"),
        _("Comments per 1,000 followers"),
    ]
    return html.Html(html.table(rows, header=header, numeric={2, 3, 4, 5}))


def responsiveness(report) -> html.Html:
    """Share of customer comments answered and how fast, when comments are exported."""
    a = report.answers
    if not len(a):
        return _missing(
            _("The exports hold no comments, so how often and how fast customers are answered is unknown.")
        )
    rows = [
        [
            channel_name(report, x.platform, x.account),
            _num(x.customer_comments, 0),
            _num(100 * x.answered_share, 0, suffix="%") if pd.notna(x.answered_share) else "–",
            _num(x.median_hours_to_answer, 1),
        ]
        for x in a.itertuples()
    ]
    header = [_("Channel"), _("Customer comments"), _("Answered"), _("Median hours to answer")]
    table = html.table(rows, header=header, numeric={1, 2, 3})
    if a["answered"].isna().any():
        note = _missing(
            _(
                "Where answered shows –, the exports hold the messages customers sent but not your replies,"
                " so whether they were answered is unknown."
            )
        )
        return html.Html(table + str(note))
    return html.Html(table)


def channel_focus(report) -> html.Html:
    """Channels ranked by conversation per hour of the owner's time (or per post), the best marked."""
    f = report.focus
    if not len(f):
        return _missing(_("No posts in the exports: channels cannot be compared."))
    rows = [
        [
            platform_label(x.platform),
            _num(x.posts, 0),
            _num(x.comments_per_post, 1),
            _num(x.hours, 0),
            _num(x.comments_per_hour, 1),
            _("yes") if x.recommended is True else "",
        ]
        for x in f.itertuples()
    ]
    header = [
        _("Channel"),
        _("Posts"),
        _("Comments per post"),
        _("Hours spent"),
        _("Comments per hour"),
        _("Focus here"),
    ]
    if len(report.dataset.effort):
        note = _("Hours come from the owner's time log.")
    elif report.spec.hours_per_week:
        note = _(
            "No time log was exported; the owner's {hours} hours a week are shared between the channels "
            "by their posts."
        ).format(hours=_num(report.spec.hours_per_week))
    else:
        note = _("No time log and no weekly hours were given: channels are ranked by comments per post.")
    table = html.table(rows, header=header, numeric={1, 2, 3, 4})
    return html.Html(table + f'<p class="sm-note">{html.text(note)}</p>')


#: The appendix's account of the period, whole messages.
PERIOD_NOTE = N_(
    "The report covers {period} ({days}); the history before it, from {first}, is the baseline: "
    "follower spikes are looked for over it, and each figure's usual change and the best times to post "
    "are learnt from it. {judged}"
)
ALL_DATA_NOTE = N_("The report covers all the data in the exports, {first} to {last}.")


def _period_note(report) -> str:
    from smanalytics.report.changes import how_changes_are_judged

    span = data_span(report.history) if report.history is not None else None
    if report.period is None:
        first, last = report.covered or (None, None)
        return _(ALL_DATA_NOTE).format(first=_date(first), last=_date(last))
    return _(PERIOD_NOTE).format(
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
        found = ", ".join(group.examples) + (", ..." if others else "")
        # Translators: why rows could not be read (the importer's words), then the values found in them.
        why = _("{why}; found {values}").format(why=why, values=found)
    return [_file_name(group.file), _num(group.rows, 0), lines or "–", why]


def _file_row(r) -> list:
    """One row of the appendix's file table; a file not used has dashes where a read file has figures."""
    name = _file_name(r.file)
    if getattr(r, "status", "read") != "read":
        return [name, r.title or "–", _("not used"), "–", "–", "–"]
    span = _(SPAN).format(first=_date(r.start), last=_date(r.end))
    return [name, r.title, r.tables, _num(r.rows, 0), span, _num(r.problems, 0)]


def appendix(report) -> html.Html:
    """The files read, their periods, what could not be said, the files not used and why, and the
    problem rows grouped by file and reason (one line per group, with its first lines)."""
    out = html.table(
        [_file_row(r) for r in report.dataset.sources.itertuples()],
        header=[_("File"), _("Kind of export"), _("Table"), _("Rows"), _("Period"), _("Problem rows")],
        numeric={3, 5},
    )
    out += f'<p class="sm-note">{html.text(_period_note(report))}</p>'
    if report.missing:
        cannot_tell = _("What these exports could not tell")
        out += (
            f"<h3>{html.text(cannot_tell)}</h3><ul>"
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
        heading = _("Files not used ({files})").format(files=_num(unused.sum(), 0))
        out += f"<h3>{html.text(heading)}</h3><ul>"
        out += "".join(f"<li>{html.text(s)}</li>" for s in said) + "</ul>"
    if (~unused).any():
        rows = int(groups.loc[~unused, "rows"].sum())
        heading = _("Rows that could not be read ({rows}), by file and reason").format(rows=_num(rows, 0))
        out += f"<h3>{html.text(heading)}</h3>" + html.table(
            [_problem_group(g) for g in groups[~unused].itertuples()],
            header=[_("File"), _("Rows"), _("First lines"), _("Why")],
            numeric={1},
        )
    else:
        every_row = _("Every row of every file used was read.")
        out += f'<p class="sm-note">{html.text(every_row)}</p>'
    return html.Html(f'<div class="sm-appendix">{out}</div>')
