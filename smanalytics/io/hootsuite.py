"""Hootsuite Analytics report exports: posts, account metrics and inbound messages.

A Hootsuite Analytics report is downloaded as a zip of CSV files, one per
report module, named ``<report>_<start>_to_<end>_created_on_<when>_<module>.csv``.
Every file starts with a ``Date (GMT)`` column (timestamps ``2018-09-11
21:30:11`` or days ``2018-07-01``, in UTC) and names the network in its second
column (``Facebook Page``) or in its column names (``... for Facebook pages:
...``). Three layouts are read; the file name is not used. The post and
message tables are layout tables (``smanalytics/io/layouts/hootsuite_*.csv``,
see :mod:`smanalytics.io.layout`): recognised by their names, else, in an
interface language not in the tables, by their column count and values
(``<page id>_<post id>`` ids, UTC timestamps, permalinks, counts). Account
metrics are recognised by the shape of their column names and a UTC date in
the first field of the first data row.

Posts (``hootsuite_posts``)
    The *post performance* module (33 columns) and the *posts* table (11
    columns: ``Reactions, Comments, Shares, Ow.ly Clicks``), one row per post,
    lifetime figures:

    ===========================  ============  ====================================
    export column                canonical     how
    ===========================  ============  ====================================
    Date (GMT)                   published_at  already UTC
    Facebook Page                account       the page of each row
    Post ID                      post_id       ``<page id>_<post id>``
    Post Type                    post_type     ``Photo``, ``Video``, ``Link``, ...
    Post Message                 text          Hootsuite's "(Post with no
                                               description)" is a missing text
    Reactions                    likes         every reaction type
    Comments                     comments
    Shares                       shares
    Link Clicks, else Ow.ly      clicks        clicks out of the post (Ow.ly:
    Clicks                                     only links shortened by Hootsuite)
    Impressions                  impressions
    Reach                        reach
    Video Views                  video_views
    Impressions > Organic        paid          boosted when some impressions were
    Impressions                                paid; missing without both columns
    ===========================  ============  ====================================

    Not mapped: ``Clicks`` (every click on the post, also on its photo),
    ``Engaged Users``/``Engaged Fans`` (people, not actions), ``Engagement
    Rate`` (a rate), the reaction types one by one, organic and viral
    impressions and reach, ``Other Actions``, ``Photo Views``, ``Tags``,
    ``Campaign``, ``Author`` (the team member who posted).

Account metrics (``hootsuite_account_metrics``)
    One row per day. Each column name embeds the metric, its breakdown part,
    whether it is a daily or an overall value, and the pages it aggregates:
    ``Page Reactions by Type - Like (Daily aggregated values for Facebook
    pages: Eyewatch - Hume Police Service Area, ...)``. Daily columns are read
    by :data:`DAILY_METRICS`; a breakdown's parts are summed (Hootsuite puts
    the types it does not list in an ``Other`` part, so the parts add up to the
    whole):

    ==============================  ============  ==================================
    metric (parts summed)           canonical     note
    ==============================  ============  ==================================
    Page Reactions by Type          likes
    Total Reach by Age, else by     reach         people reached; the age and the
    Country, else by Gender                       country sums agree within 0.2% in
                                                  the real exports
    Page Engaged Users              engagements   as the Facebook page exports' own
    Inbound Messages by Type -      comments
    Received comments
    ==============================  ============  ==================================

    Not mapped, and listed in the notes: rates (``Page Engagement Rate``,
    ``Negative Feedback Rate``), negative actions, and every *overall* column
    (one period total written on one row, not a daily figure).

    *Which account.* When the figures cover one page, the account is that
    page. When they are aggregated over several pages they cannot be split
    by page, so they are an account of their own, named after what the pages'
    names have in common and how many they are (``Eyewatch (12 Facebook
    pages)``; ``12 Facebook pages`` when the names share no first word); the
    notes list the pages. Reach summed over pages counts a person reached by
    two pages twice. ``account=`` names the aggregate otherwise.

Inbound messages (``hootsuite_inbound_messages``)
    One row per message the pages received; read into the comments table:

    ===================  ============  =========================================
    export column        canonical     how
    ===================  ============  =========================================
    Date (GMT)           created_at    already UTC
    Facebook Page        account       the page that received it
    Message ID           comment_id
    Message Author       author        hashed on load, never kept as written
    Type                 from_account  ``Received ...`` -> false, ``Sent ...``
                                       -> true, else missing
    ===================  ============  =========================================

    ``post_id`` and ``reply_to`` stay missing: the permalink of a comment is
    ``<page id>_<comment id>``, it does not name the post. Comments, private
    messages and visitor posts are all messages a customer sent the page, so
    all are customer messages; the notes count each type. The export holds
    received messages only, never the page's replies, so how many were
    answered is not known from it (the responsiveness metric says so).
    ``Message`` text, ``Language``, ``Gender`` and ``Sentiment`` are not kept
    (the comments table has no place for them, and gender is personal data).

Header names are English, the only language Hootsuite exports were seen in;
another language is a row of the layout tables. When the page column's name
does not say the network, the platform is the caller's, else Facebook (said in
the notes).
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.io.layout import KeyedTable, Match, keyed_table, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.parse import is_missing, to_count
from smanalytics.io.problems import Problems
from smanalytics.io.registry import Family, ReadContext, ReadResult, register, register_by_layout
from smanalytics.io.source import Source
from smanalytics.privacy import hash_authors

__all__ = ["DAILY_METRICS", "POST_LAYOUTS", "MESSAGE_LAYOUT", "aggregate_account"]

#: The first column of every Hootsuite export: the UTC date or time.
_TIME = ("Date (GMT)",)
#: The network column names the network: ``Facebook Page``, ``Twitter Profile``.
_NETWORK_COLUMN = re.compile(r"^(?P<network>[A-Za-z]+) (?:Page|Profile|Account)$", re.IGNORECASE)
_NETWORKS = {"facebook": "facebook", "instagram": "instagram", "twitter": "x", "linkedin": "linkedin"}
_UTC_START = re.compile(r'^"?\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?"?(?:[,;\t]|$)')
_NO_TEXT = {"(post with no description)"}

#: The layouts of the post tables (``smanalytics/io/layouts/<name>.csv``), tried in order.
POST_LAYOUTS = ("hootsuite_post_performance", "hootsuite_posts")
#: Posts: canonical column -> layout key.
POST_KEYS = {
    "post_id": "post_id",
    "published_at": "date",
    "post_type": "post_type",
    "likes": "reactions",
    "comments": "comments",
    "shares": "shares",
    "impressions": "impressions",
    "reach": "reach",
    "video_views": "video_views",
}
MESSAGE_LAYOUT = "hootsuite_inbound_messages"
#: Inbound messages: canonical column -> layout key.
MESSAGE_KEYS = {"comment_id": "message_id", "created_at": "date"}
_RECEIVED, _SENT = ("received",), ("sent",)
_TIMESTAMPS = ("%Y-%m-%d %H:%M:%S",)

#: Account metrics: daily canonical column -> Hootsuite metrics, first present wins.
#: A metric without ``" - "`` sums every part of its breakdown; with it, one part.
DAILY_METRICS = {
    "likes": ("Page Reactions by Type",),
    "reach": ("Total Reach by Age", "Total Reach by Country", "Total Reach by Gender", "Total Reach"),
    "engagements": ("Page Engaged Users",),
    "comments": ("Inbound Messages by Type - Received comments",),
}
_METRIC_COLUMN = re.compile(
    r"^(?P<metric>.+?) \((?P<scope>Daily|Overall)[^:()]*? for (?P<network>[A-Za-z]+) "
    r"(?:pages?|profiles?|accounts?): (?P<pages>.+)\)$",
    re.IGNORECASE,
)


# -- recognition -----------------------------------------------------------------
def _header(source: Source) -> list[str] | None:
    """The header of a file that starts with a ``Date (GMT)`` column and a UTC date, else None.

    An account-metrics header names every page in every column, so it can be
    longer than the head that sniffers read: then the first two records are
    read from the whole file.
    """
    if source.kind != "text" or not (source.head_text or "").lstrip('"').startswith(_TIME):
        return None
    if len(source.head_lines) >= 2:
        header, first = source.header_fields(0), source.head_lines[1]
    else:
        records = source.records()
        header = [f.strip() for f in next(records, (0, []))[1]]
        first = next(records, (0, [""]))[1][0] + ","
    if not header or header[0] not in _TIME or not _UTC_START.match(first):
        return None
    return header


def _post_match(source: Source) -> Match | None:
    return next((m for m in (match(source, name) for name in POST_LAYOUTS) if m is not None), None)


def _is_metrics(source: Source) -> bool:
    header = _header(source)
    return bool(header) and len(header) > 1 and all(_METRIC_COLUMN.match(c) for c in header[1:])


def _platform(table: KeyedTable, context: ReadContext, notes: list[str]) -> str:
    """The network named by the page column (``Facebook Page``), else the caller's, else Facebook."""
    named = _NETWORK_COLUMN.match(table.columns["page"])
    if named:
        return _network_platform(named.group("network"), context)
    if context.platform:
        return context.platform
    notes.append(f"the network column {table.columns['page']!r} is not a known name: taken as Facebook")
    return "facebook"


def _network_platform(network: str, context: ReadContext) -> str:
    return _NETWORKS.get(network.lower(), context.platform or network.lower())


# -- posts -------------------------------------------------------------------------
def _read_posts(source: Source, context: ReadContext) -> ReadResult:
    found = _post_match(source)
    table = keyed_table(source, found, problems=context.problems)
    notes = [found.note(), "Date (GMT) is UTC"]
    text = table["post_message"].astype("string") if "post_message" in table else None
    if text is not None:
        text = text.mask(text.str.strip().str.lower().isin(_NO_TEXT) | is_missing(text))
    clicks = "link_clicks" if "link_clicks" in table else "owly_clicks"
    if clicks == "owly_clicks" and clicks in table:
        notes.append("clicks are Ow.ly clicks: only links shortened by Hootsuite are counted")
    derived = {"account": _text(table["page"]), "paid": _paid(table)}
    if text is not None:
        derived["text"] = text.astype("string")
    posts = to_canonical(
        table.frame,
        "posts",
        columns=table.select({**POST_KEYS, "clicks": clicks}),
        problems=context.problems,
        constants={"platform": _platform(table, context, notes)},
        derived=derived,
        timestamp_formats=_TIMESTAMPS,
    )
    return ReadResult({"posts": posts}, data_rows=table.data_rows, notes=notes, language=found.language)


def _paid(table: KeyedTable) -> pd.Series:
    """True where some impressions were paid (``Impressions`` > ``Organic Impressions``)."""
    paid = pd.Series(pd.NA, index=table.frame.index, dtype="boolean")
    if "impressions" not in table or "organic_impressions" not in table:
        return paid
    all_, _ = to_count(table["impressions"])
    unpaid, _ = to_count(table["organic_impressions"])
    known = all_.notna() & unpaid.notna()
    paid[known] = (all_[known] > unpaid[known]).astype(bool)
    return paid


def _text(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return text.mask(text == "")


# -- inbound messages ----------------------------------------------------------------
def _read_messages(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, MESSAGE_LAYOUT)
    table = keyed_table(source, found, problems=context.problems)
    notes = [found.note(), "Date (GMT) is UTC; message authors replaced by pseudonyms"]
    kind = table["type"].astype("string").str.strip()
    lowered = kind.str.lower()
    from_account = pd.Series(pd.NA, index=table.frame.index, dtype="boolean")
    from_account[lowered.str.startswith(_RECEIVED).fillna(False)] = False
    from_account[lowered.str.startswith(_SENT).fillna(False)] = True
    derived = {
        "account": _text(table["page"]),
        "author": hash_authors(_text(table["message_author"])),
        "from_account": from_account,
    }
    comments = to_canonical(
        table.frame,
        "comments",
        columns=table.select(MESSAGE_KEYS),
        problems=context.problems,
        constants={"platform": _platform(table, context, notes)},
        derived=derived,
        timestamp_formats=_TIMESTAMPS,
    )
    counts = kind.value_counts()
    notes.append("messages by type: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    if not (from_account == True).any():  # noqa: E712
        notes.append(
            "the export holds received messages only, not the page's replies:"
            " how many were answered cannot be told from it"
        )
    return ReadResult(
        {"comments": comments},
        data_rows=table.data_rows,
        notes=notes,
        language=found.language,
    )


# -- account metrics -------------------------------------------------------------------
def aggregate_account(pages: list[str], network: str) -> str:
    """The account name of figures aggregated over ``pages`` of ``network``.

    Examples
    --------
    >>> aggregate_account(["Lucy's Lemonade"], "Facebook")
    "Lucy's Lemonade"
    >>> aggregate_account(["Eyewatch - Hume", "Eyewatch – Knox"], "Facebook")
    'Eyewatch (2 Facebook pages)'
    >>> aggregate_account(["Hume", "Knox"], "Facebook")
    '2 Facebook pages'
    """
    if len(pages) == 1:
        return pages[0]
    firsts = {page.split()[0] for page in pages if page.split()}
    what = f"{len(pages)} {network} pages"
    return f"{firsts.pop()} ({what})" if len(firsts) == 1 else what


def _read_metrics(source: Source, context: ReadContext) -> ReadResult:
    raw, rows = source.counted_table(problems=context.problems)
    parsed = {c: _METRIC_COLUMN.match(c) for c in raw.columns if c != raw.columns[0] and c != "_line"}
    daily = {c: m for c, m in parsed.items() if m.group("scope").lower() == "daily"}
    network = next(iter(parsed.values())).group("network")
    pages = list(dict.fromkeys(p.strip() for m in parsed.values() for p in m.group("pages").split(", ")))
    used: set[str] = set()
    derived = {}
    for canonical, metrics in DAILY_METRICS.items():
        for metric in metrics:
            columns = [c for c, m in daily.items() if _is_part_of(m.group("metric"), metric)]
            if columns:
                raw, derived[canonical] = _summed(raw, columns, context.problems)
                used.update(columns)
                break
    derived = {name: series.loc[raw.index] for name, series in derived.items()}
    account = aggregate_account(pages, network.capitalize())
    frame = to_canonical(
        raw,
        "daily",
        columns={"date": raw.columns[0]},
        problems=context.problems,
        constants={"platform": _network_platform(network, context), "account": account},
        derived=derived,
    )
    notes = []
    if len(pages) > 1:
        notes.append(
            f"figures aggregated by Hootsuite over {len(pages)} {network} pages ({', '.join(pages)});"
            f" they cannot be split by page, so they are one account, {account!r}"
        )
    unused = sorted({m.group("metric").split(" - ")[0] for c, m in daily.items() if c not in used})
    if unused:
        notes.append("daily metrics not mapped: " + ", ".join(unused))
    overall = len(parsed) - len(daily)
    if overall:
        notes.append(f"{overall} period totals (overall aggregated values) not used")
    return ReadResult({"daily": frame}, data_rows=rows, notes=notes)


def _is_part_of(column_metric: str, metric: str) -> bool:
    """Whether ``column_metric`` (``Page Reactions by Type - Like``) is ``metric`` or one of its parts."""
    return column_metric == metric or (" - " not in metric and column_metric.startswith(metric + " - "))


def _summed(raw: pd.DataFrame, columns: list[str], problems: Problems) -> tuple[pd.DataFrame, pd.Series]:
    """Rows with a readable count in every one of ``columns``, and the sum of the columns."""
    for column in columns:
        _, bad = to_count(raw[column])
        short = column.split(" (")[0]
        raw = problems.take(raw, bad, column=column, reason=f"{short}: expected a count, found {{value}}")
    parts = pd.concat([to_count(raw[c])[0] for c in columns], axis=1)
    return raw, parts.sum(axis=1, min_count=1).astype("Int64")


register(
    Family(
        name="hootsuite_posts",
        title="Hootsuite Analytics: posts or post performance (one row per post)",
        platform=None,
        sniff=lambda source: _post_match(source) is not None,
        read=_read_posts,
    )
)
register(
    Family(
        name="hootsuite_account_metrics",
        title="Hootsuite Analytics: account metrics (one row per day)",
        platform=None,
        sniff=_is_metrics,
        read=_read_metrics,
    )
)
register_by_layout(
    "hootsuite_inbound_messages",
    "Hootsuite Analytics: inbound messages (comments, private messages, visitor posts)",
    None,
    _read_messages,
    layout=MESSAGE_LAYOUT,
)
