"""The report's charts, each a function of a :class:`~smanalytics.report.content.Report`.

Each makes the figure, has :mod:`smanalytics.plots` draw it (the chart an
analyst draws in JupyterLab is the chart the owner reads) and writes the
caption; it returns a :class:`~smanalytics.report.charts.Chart`, or says
what is missing when the data cannot draw it.
"""

from __future__ import annotations

from smanalytics.i18n import N_, Nn_, _, fmt, ngettext
from smanalytics.plots.conversation import plot_conversation_by_channel
from smanalytics.plots.engagement import plot_posts_per_week
from smanalytics.plots.growth import plot_follower_growth
from smanalytics.plots.timing import plot_best_times
from smanalytics.report.charts import Chart, new_figure

__all__ = ["conversation_chart", "growth_chart", "posting_chart", "best_time_chart"]


def conversation_chart(report) -> Chart:
    """Comments per post per 1,000 followers by channel, against what is usual at the account's size."""
    s = report.summary
    if not len(s) or s["organic_conversation_rate"].isna().all():
        if len(s) and s["organic_conversation_rate_reach"].notna().any():
            missing = _(
                "The exports give no follower count, so conversation per follower cannot be drawn; the key "
                "figures give it per 1,000 people reached."
            )
        else:
            missing = _("No post with both comments and a follower count: conversation cannot be shown.")
        return Chart(None, missing=missing)
    fig, (ax,) = new_figure(8, 1.2 + 0.6 * len(s))
    plot_conversation_by_channel(s, report.benchmark, ax=ax, accent=report.accent_color)
    if ax.lines:
        caption = _(
            "Conversation per channel: longer bars mean more customers talk back. The black mark is what "
            "is usual at that channel's size, the grey line the usual range (an arrow: it goes further)."
        )
    else:
        caption = _("Conversation per channel: longer bars mean more customers talk back.")
    return Chart(fig, caption)


#: The jumps in followers of each label, counted in the growth chart's caption.
SPIKES_OF_LABEL = {
    "suspected_bought": Nn_("{n} suspected bought", "{n} suspected bought"),
    "organic": Nn_("{n} organic", "{n} organic"),
    "unclear": Nn_("{n} unclear", "{n} unclear"),
}
GROWTH_CAPTION = N_("Followers at the end of each day (line) and how many were gained each day (light blue).")
#: ... when no channel's exports give follower totals, only follows.
FOLLOWS_CAPTION = N_(
    "How many people followed each day (light blue). The exports give no follower totals; tell the report "
    "today's count (its followers option) and it draws them too."
)
#: ... when some channels' exports give totals and others only follows.
SOME_FOLLOWS_CAPTION = N_("A channel whose exports give no follower totals shows only its daily follows.")


def growth_chart(report) -> Chart:
    """Followers over time, one panel per channel, with the new follows of each day and every spike named.

    A channel whose exports give follows but no follower totals is drawn
    with its follows alone.
    """
    daily = report.dataset.daily
    counted = daily["followers"].notna()
    d = daily[counted | daily["follows"].notna()] if "follows" in daily else daily[counted]
    if not len(d):
        return Chart(None, missing=_("The exports hold no daily follower counts, so growth cannot be drawn."))
    accounts = list(d[["platform", "account"]].drop_duplicates().itertuples(index=False))
    with_totals = set(daily.loc[counted, ["platform", "account"]].itertuples(index=False, name=None))
    # fixed margins: the twin axes of each panel make fitting the layout cost more than drawing
    fig, axes = new_figure(8, 0.4 + 2.6 * len(accounts), rows=len(accounts), sharex=True, margins=True)
    for ax, (platform, account) in zip(axes, accounts, strict=True):
        plot_follower_growth(
            report.dataset.daily, report.events, platform=platform, account=account, ax=ax,
            accent=report.accent_color,
        )  # fmt: skip
    counts = report.events["label"].value_counts() if len(report.events) else {}
    totals = [tuple(a) in with_totals for a in accounts]
    if all(totals):
        caption = _(GROWTH_CAPTION)
    elif not any(totals):
        caption = _(FOLLOWS_CAPTION)
    else:
        caption = _(GROWTH_CAPTION) + " " + _(SOME_FOLLOWS_CAPTION)
    if len(counts):
        from babel.lists import format_list

        from smanalytics.i18n import locale

        parts = [
            ngettext(*message, int(counts[label])).format(n=fmt.integer(counts[label]))
            for label, message in SPIKES_OF_LABEL.items()
            if counts.get(label, 0)
        ]
        shaded = _("Shaded: jumps in followers, {kinds}; each is explained in the table below.")
        caption += " " + shaded.format(kinds=format_list(parts, locale=locale()))
    return Chart(fig, caption)


def posting_chart(report) -> Chart:
    """Posts a week, month by month, per channel; none when the exports hold no post at all.

    Months with daily figures but no posts table would otherwise draw a
    channel at zero, a silent channel, where the exports merely hold no posts.
    """
    if not len(report.monthly) or not len(report.whole.posts):
        return Chart(None, missing=_("No posts in the exports: posting consistency cannot be shown."))
    fig, (ax,) = new_figure(8, 3.2)
    plot_posts_per_week(report.monthly, ax=ax, accent=report.accent_color)
    caption = _(
        "Posts a week, month by month; the dashed line is one post a week. "
        "A line at zero is a silent channel."
    )
    return Chart(fig, caption)


#: What the report says instead of the best-time heatmap.
NO_BEST_TIME_CHART = N_(
    "No day of the week has enough posts yet to draw when they get the most conversation."
)


def best_time_chart(report) -> Chart:
    """Conversation by weekday and part of the day, one panel per channel, against the channel's usual."""
    t = report.best_times
    if not len(t) or not t["enough"].any():
        return Chart(None, missing=_(NO_BEST_TIME_CHART))
    from smanalytics.report.sections import channel_name

    judged = t[t["enough"].astype(bool)]
    accounts = list(judged[["platform", "account"]].drop_duplicates().itertuples(index=False))
    heights = [0.6 + (2.5 if t[(t["platform"] == p) & (t["account"] == a)]["hour"].notna().any() else 0.5)
               for p, a in accounts]  # fmt: skip
    fig, axes = new_figure(8, sum(heights) + 0.2, rows=len(accounts), heights=heights)
    for ax, (platform, account) in zip(axes, accounts, strict=True):
        plot_best_times(t, platform=platform, account=account, ax=ax, accent=report.accent_color,
                        title=channel_name(report, platform, account))  # fmt: skip
    caption = _(
        "Each cell is one day (and time of day) of all your posts so far: {twice} means its posts got twice "
        "the conversation your posts usually get, {half} half (its typical post against your typical post; "
        "where a typical post gets under 3 comments, its average against your average, so a few posts "
        "with no comment do not make a day look dead). Grey cells have too few posts to say."
    )
    caption = caption.format(twice=fmt.times(2.0), half=fmt.times(0.5))
    return Chart(fig, caption)
