"""The report's sections, each a function of a :class:`~smanalytics.report.content.Report`.

Each returns an :class:`~smanalytics.report.html.Html` (every value from the
exports escaped) or a :class:`~smanalytics.report.charts.Chart`, and says in
words what is missing when the data does not allow the section.
"""

from __future__ import annotations

import functools

import pandas as pd

from smanalytics.report import findings as _findings
from smanalytics.report import html
from smanalytics.report.charts import platform_label
from smanalytics.report.findings import per_1k

__all__ = [
    "title",
    "headline",
    "key_figures",
    "spikes",
    "top_posts",
    "consistency",
    "content_mix",
    "responsiveness",
    "responsiveness_table",
    "channel_focus",
    "appendix",
]


def _guarded(section):
    """Run ``section``; if it fails on odd data, say so in the report instead of failing it."""

    @functools.wraps(section)
    def run(report, *args, **kwargs):
        try:
            return section(report, *args, **kwargs)
        except Exception as exc:  # one section must not cost the whole report
            what = section.__name__.replace("_", " ")
            return _missing(
                f"This section ({what}) could not be made from these exports: "
                f"{type(exc).__name__}: {html.shorten(exc, 200)}"
            )

    return run


def _num(value, digits: int = 1, *, suffix: str = "") -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):,.{digits}f}{suffix}"


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _missing(sentence: str) -> html.Html:
    return html.Html(f'<p class="sm-missing">{html.text(sentence)}</p>')


def _label(report, row) -> str:
    same = (report.summary["platform"] == row.platform).sum() if len(report.summary) else 0
    return platform_label(row.platform) + (f" ({row.account})" if same > 1 else "")


@_guarded
def title(report) -> html.Html:
    """The client's name, the channels and the period covered."""
    s = report.summary
    start = report.period[0] or (s["start"].min() if len(s) else None)
    end = report.period[1] or (s["end"].max() if len(s) else None)
    channels = report.platform_names() or "no channel"
    return html.Html(
        f"<h1>{html.text(report.client_name)}</h1>"
        f'<p class="sm-subtitle">Social media report: {html.text(channels)}, '
        f"{html.text(_date(start))} to {html.text(_date(end))}</p>"
    )


@_guarded
def headline(report) -> html.Html:
    """Three findings and one recommendation, for the owner first."""
    items = "".join(f"<li>{html.text(f)}</li>" for f in _findings.findings(report))
    reco = html.text(_findings.recommendation(report))
    return html.Html(
        f'<div class="sm-headline"><h2>In short</h2><ul>{items}</ul>'
        f'<p class="sm-reco">What to do next: {reco}</p></div>'
    )


@_guarded
def key_figures(report) -> html.Html:
    """One row per channel: followers, posts a week, the three rates per 1,000 followers, organic and paid."""
    if not len(report.summary):
        return _missing("No posts or daily figures were found in the exports, so there are no key figures.")
    paid = {(r.platform, r.account): r for r in report.paid.itertuples()} if len(report.paid) else {}
    rows = []
    for r in report.summary.itertuples():
        p = paid.get((r.platform, r.account))
        rows.append(
            [
                _label(report, r),
                _num(r.followers, 0),
                _num(r.posts_per_week),
                _num(per_1k(r.organic_conversation_rate), 2),
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


@_guarded
def spikes(report) -> html.Html:
    """Every follower spike with its plain explanation."""
    e = report.events
    if not len(e):
        if not len(report.dataset.daily):
            return _missing("No daily figures: spikes in followers cannot be looked for.")
        return html.Html('<p class="sm-note">No unusual jump in followers: growth was steady.</p>')
    names = {"suspected_bought": "looks bought", "organic": "organic", "unclear": "unclear"}
    order = e.assign(_bought=e["label"] != "suspected_bought").sort_values(
        ["_bought", "start"], kind="stable"
    )
    rows = [
        [platform_label(r.platform), _date(r.start), names.get(r.label, r.label), r.explanation]
        for r in order.itertuples()
    ]
    return html.Html(html.table(rows, header=["Channel", "From", "Verdict", "Why"]))


@_guarded
def top_posts(report, n: int = 5) -> html.Html:
    """The ``n`` posts that started the most conversation (comments per 1,000 followers), text shortened."""
    p = report.dataset.posts
    if not len(p) or p["comments"].isna().all():
        return _missing("The exports do not give comments per post, so the best posts cannot be picked.")
    from smanalytics.metrics import post_rates

    rates = post_rates(p, report.dataset.daily)
    frame = p.assign(rate=rates["conversation_rate"].to_numpy()).dropna(subset=["rate"])
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
    header = ["Date", "Channel", "Post", "Comments", "Comments per 1,000 followers"]
    return html.Html(html.table(rows, header=header, numeric={3, 4}))


@_guarded
def consistency(report) -> html.Html:
    """Posts a week, longest silence and last post per channel; abandoned channels named."""
    if not len(report.summary):
        return _missing("No posts in the exports: consistency cannot be measured.")
    rows = [
        [_label(report, r), _num(r.posts_per_week), _num(r.longest_gap_days, 0), _date(r.last_post)]
        for r in report.summary.itertuples()
    ]
    out = html.table(
        rows, header=["Channel", "Posts a week", "Longest silence (days)", "Last post"], numeric={1, 2}
    )
    for r in _findings.abandoned(report):
        out += (
            f'<p class="sm-missing">{html.text(platform_label(r.platform))} looks abandoned: no post for '
            f"{int(r.days_since_last_post)} days.</p>"
        )
    return html.Html(out)


@_guarded
def content_mix(report) -> html.Html:
    """Posts and conversation by kind of post (the export's post type)."""
    p = report.dataset.posts
    if not len(p) or p["post_type"].isna().all():
        return _missing("The exports do not say what kind each post was, so the content mix cannot be shown.")
    from smanalytics.metrics import post_rates

    rates = post_rates(p, report.dataset.daily)
    kind = p["post_type"].fillna("unknown").astype(str).str.lower()
    frame = pd.DataFrame(
        {
            "kind": kind,
            "comments": p["comments"].astype("Float64"),
            "audience": rates["audience"].astype("Float64"),
        }
    )
    g = frame.groupby("kind").agg(
        posts=("kind", "size"), comments=("comments", "sum"), audience=("audience", "sum")
    )
    g = g.sort_values("posts", ascending=False)
    rows = [
        [
            k,
            int(r.posts),
            _num(100 * r.posts / g["posts"].sum(), 0, suffix="%"),
            _num(1000 * r.comments / r.audience if r.audience else None, 2),
        ]
        for k, r in g.iterrows()
    ]
    return html.Html(
        html.table(
            rows, header=["Kind of post", "Posts", "Share", "Comments per 1,000 followers"], numeric={1, 2, 3}
        )
    )


def responsiveness_table(report) -> pd.DataFrame:
    """Per channel: customer comments, how many the account answered, median hours to answer."""
    c = report.dataset.comments
    if not len(c):
        return pd.DataFrame(columns=["platform", "customer_comments", "answered", "median_hours"])
    customers = c[c["from_account"] != True]  # noqa: E712
    replies = c[(c["from_account"] == True) & c["reply_to"].notna()]  # noqa: E712
    first = replies.groupby(["platform", "reply_to"], observed=True)["created_at"].min().rename("answered_at")
    joined = customers.merge(first, left_on=["platform", "comment_id"], right_index=True, how="left")
    hours = (joined["answered_at"] - joined["created_at"]).dt.total_seconds() / 3600
    joined = joined.assign(hours=hours, answered=joined["answered_at"].notna())
    out = joined.groupby("platform", observed=True).agg(
        customer_comments=("comment_id", "size"),
        answered=("answered", "sum"),
        median_hours=("hours", "median"),
    )
    return out.reset_index()


@_guarded
def responsiveness(report) -> html.Html:
    """Share of customer comments answered and how fast, when comments are exported."""
    t = responsiveness_table(report)
    if not len(t):
        return _missing(
            "The exports hold no comments, so how often and how fast customers are answered is unknown."
        )
    rows = [
        [
            platform_label(r.platform),
            int(r.customer_comments),
            _num(100 * r.answered / r.customer_comments if r.customer_comments else None, 0, suffix="%"),
            _num(r.median_hours, 1),
        ]
        for r in t.itertuples()
    ]
    return html.Html(
        html.table(
            rows,
            header=["Channel", "Customer comments", "Answered", "Median hours to answer"],
            numeric={1, 2, 3},
        )
    )


@_guarded
def channel_focus(report) -> html.Html:
    """Comments per post and per hour of the owner's time, per channel."""
    s = report.summary
    if not len(s):
        return _missing("No posts in the exports: channels cannot be compared.")
    posts = report.dataset.posts
    known = posts.dropna(subset=["comments"])
    per_account = known.groupby(["platform", "account"], observed=True)["comments"].agg(["sum", "size"])
    effort = report.dataset.effort
    hours = (
        effort.groupby("platform", observed=True)["hours"].sum().astype(float).to_dict()
        if len(effort)
        else {}
    )
    rows = []
    for r in s.itertuples():
        total, counted = (
            per_account.loc[(r.platform, r.account)]
            if (r.platform, r.account) in per_account.index
            else (0, 0)
        )
        weeks = float(r.days) / 7 if pd.notna(r.days) and r.days else None
        h = hours.get(r.platform)
        rows.append(
            [
                _label(report, r),
                int(r.posts),
                _num(total / counted if counted else None, 1),
                _num(h / weeks if h and weeks else None, 1),
                _num(total / h if counted and h else None, 1),
            ]
        )
    if hours:
        note = "Hours come from the owner's time log."
    elif report.hours_per_week:
        note = (
            f"No time log was exported; the owner spends about {_num(report.hours_per_week)} hours a week "
            "on social media in all."
        )
    else:
        note = "No time log and no weekly hours were given: time spent per channel is unknown."
    header = ["Channel", "Posts", "Comments per post", "Hours a week", "Comments per hour"]
    table = html.table(rows, header=header, numeric={1, 2, 3, 4})
    return html.Html(table + f'<p class="sm-note">{html.text(note)}</p>')


@_guarded
def appendix(report) -> html.Html:
    """The files read, their periods, what could not be said, and every problem row."""
    src = report.dataset.sources
    rows = [
        [
            r.file.rsplit("/", 1)[-1],
            r.title,
            r.tables,
            int(r.rows),
            f"{_date(r.start)} to {_date(r.end)}",
            int(r.problems),
        ]
        for r in src.itertuples()
    ]
    out = html.table(
        rows, header=["File", "Kind of export", "Table", "Rows", "Period", "Problem rows"], numeric={3, 5}
    )
    if report.period != (None, None):
        start, end = report.period[0] or "the start", report.period[1] or "the end"
        out += f'<p class="sm-note">Report limited to {html.text(start)} to {html.text(end)}.</p>'
    if report.missing:
        out += (
            "<h3>What these exports could not tell</h3><ul>"
            + "".join(f"<li>{html.text(m)}</li>" for m in report.missing)
            + "</ul>"
        )
    p = report.dataset.problems
    if len(p):
        prow = [[str(r.file).rsplit("/", 1)[-1], r.line, r.column, r.reason] for r in p.itertuples()]
        out += f"<h3>Rows that could not be read ({len(p)})</h3>" + html.table(
            prow, header=["File", "Line", "Column", "Why"], numeric={1}
        )
    else:
        out += '<p class="sm-note">Every row of every file was read.</p>'
    return html.Html(out)
