"""X account analytics exports (x.com/i/account_analytics): content and overview.

Two families, both of platform ``x``, recognised by their header:

``x_content``
    ``account_analytics_content_<start>_<end>.csv``, one row per post, in two
    header generations: 2025 (``Post id,Date,Post text,Link,...,Share,...,Url
    clicks,...``, dates ``Mon Feb 17 2025``, CRLF) and 2026 (``Post
    Link``, ``Shares``, ``URL Clicks``, ..., dates ``Sat, Aug 1, 2026``).
``x_overview``
    ``account_overview_analytics.csv``, one row per day of the account, newest
    first, dates ``Fri, Mar 21, 2025``.

What amplification is
---------------------
The canonical ``shares`` is amplification: the post passed on to the sharer's
own followers. On X that is a repost, so ``Reposts`` -> ``shares``, as
``retweets`` are in the legacy exports (:mod:`smanalytics.io.twitter`), which
keeps old and new exports comparable. X's ``Share``/``Shares`` column counts
private sharing (sent by DM, link copied, share sheet): it reaches no audience
of the sharer's, so it is not mapped (adding it would make new exports look
more amplified than legacy ones).

Content -> posts
----------------

=======================  ===============  ==========================================
export column            canonical        how
=======================  ===============  ==========================================
Post id                  post_id          text, never through a float; the link's id
                                          when a spreadsheet rounded it
Link / Post Link         account          ``https://x.com/<handle>/status/<id>``
Date                     published_at     a day only: midnight UTC (said in notes)
Post text                text
Impressions              impressions      times seen
Likes                    likes            applause
Replies                  comments         conversation
Reposts                  shares           amplification (see above)
Bookmarks                saves
Url clicks / URL Clicks  clicks           clicks on a link in the post
Profile visits           profile_visits
New follows              follows          follows attributed to the post
=======================  ===============  ==========================================

Left out: ``Engagements`` (posts carry the parts), ``Share``/``Shares`` (see
above), ``Detail expands``, ``Hashtag clicks``, ``Permalink clicks`` (clicks on
the post, not out of it). Not in the export, so missing: ``reach``,
``video_views``, ``followers``, ``paid`` (the export does not say which posts
were promoted), ``post_type``.

Overview -> daily
-----------------

===============  ===============
export column    canonical
===============  ===============
Date             date
Impressions      impressions
Engagements      engagements
Likes            likes
Replies          comments
Reposts          shares
New follows      follows
Unfollows        unfollows
Profile visits   profile_visits
Create Post      posts
Video views      video_views
===============  ===============

Left out: ``Bookmarks`` (daily has no saves), ``Shares`` (see above), ``Media
views`` (images as well as videos, so not ``video_views``). The overview has no
follower total: ``followers`` and ``reach`` stay missing.

Account
-------
Content files name it in each post's link.
Overview files do not name it anywhere, so it comes from the file name: the
part before ``_account_overview`` or ``_account_analytics`` (``wormholebr`` in
``wormholebr_account_overview_analytics.csv``). An X handle is 1-15 letters,
digits or ``_``; when that part is longer, as when a file was saved as
``<folder>_<subfolder>_<handle>_account_overview.csv``, the account is its
longest ending that is a handle (``kaiadevintern`` in
``kaiadevdash_scripts_kaiadevintern_account_overview.csv``). X's own name
(``account_overview_analytics.csv``) says nothing, so the file stem is used.
The names are matched over the files loaded together (a content file of the
same account in the folder names it) by :mod:`smanalytics.io.accounts`. Handles are lower-cased, as in
:mod:`smanalytics.io.twitter`, so a handle written ``KaiaDevIntern`` in links
and ``kaiadevintern`` in a file name is one account.

Quirks handled: no trailing newline, CRLF or LF, dates with and without the
commas, post text with emoji and newlines, rows newest first; re-saves as
UTF-16, with ``;`` or with the columns in another order. No X analytics export
of audience data is known, so these families refuse nothing.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.io.layout import KeyedTable, keyed_table, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import ReadContext, ReadResult, register_by_layout
from smanalytics.io.source import Source
from smanalytics.io.twitter import (
    PLATFORM,
    accounts,
    handle_key,
    layout_notes,
    post_ids,
    split_status_links,
)

__all__: list[str] = []

#: Layout key (smanalytics/io/layouts/x_content.csv) of each canonical posts column.
CONTENT_COLUMNS = {
    "published_at": "date",
    "text": "post_text",
    "impressions": "impressions",
    "likes": "likes",
    "comments": "replies",
    "shares": "reposts",
    "saves": "bookmarks",
    "clicks": "url_clicks",
    "profile_visits": "profile_visits",
    "follows": "new_follows",
}
#: Layout key (smanalytics/io/layouts/x_overview.csv) of each canonical daily column.
OVERVIEW_COLUMNS = {
    "date": "date",
    "impressions": "impressions",
    "engagements": "engagements",
    "likes": "likes",
    "comments": "replies",
    "shares": "reposts",
    "follows": "new_follows",
    "unfollows": "unfollows",
    "profile_visits": "profile_visits",
    "posts": "create_post",
    "video_views": "video_views",
}
_DATE_FORMATS = ("%a, %b %d, %Y", "%a %b %d %Y", "%b %d, %Y", "%Y-%m-%d")
_MARKERS = re.compile(r"_?account_(?:overview|analytics)(?:_.*)?$", re.IGNORECASE)
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_MIDNIGHT_NOTE = "X gives each post's day, not its time: published_at is midnight UTC of that day"


def account_in_file_name(stem: str) -> str | None:
    """The account a file name gives, or None when it is X's own default name.

    Examples
    --------
    >>> account_in_file_name("wormholebr_account_overview_analytics")
    'wormholebr'
    >>> account_in_file_name("kaiadevdash_scripts_kaiadevintern_account_overview")
    'kaiadevintern'
    >>> account_in_file_name("kaiadevdash_bok-analytics_account_overview")
    'kaiadevdash_bok-analytics'
    >>> account_in_file_name("account_overview_analytics (3)") is None
    True
    """
    match = _MARKERS.search(stem)
    if match is None or match.start() == 0:
        return None
    prefix = stem[: match.start()].strip("_ ")
    if not prefix:
        return None
    if _HANDLE.fullmatch(prefix):
        return prefix
    parts = prefix.split("_")
    for start in range(1, len(parts)):
        ending = "_".join(parts[start:])
        if _HANDLE.fullmatch(ending):
            return ending
    return prefix


# -- content ----------------------------------------------------------------------
def _read_content(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, "x_content")
    notes = layout_notes(found)
    table = _without_placeholders(keyed_table(source, found, problems=context.problems), notes)
    raw = table.frame
    links = split_status_links(table["post_link"])
    derived = {
        "post_id": post_ids(table["post_id"], links["id"], notes),
        "account": accounts(
            raw.index,
            context,
            handles=links["handle"],
            from_name=account_in_file_name(source.path.stem),
            stem=source.path.stem,
            notes=notes,
        ),
    }
    posts = to_canonical(
        raw,
        "posts",
        columns=table.select(CONTENT_COLUMNS),
        derived=derived,
        constants={"platform": PLATFORM},
        problems=context.problems,
        timestamp_formats=_DATE_FORMATS,
    )
    notes.append(_MIDNIGHT_NOTE)
    return ReadResult({"posts": posts}, data_rows=table.data_rows, notes=notes, language=found.language)


def _without_placeholders(table: KeyedTable, notes: list[str]) -> KeyedTable:
    """Drop X's placeholder rows: no post id, a link ending ``/status/undefined``, every figure 0.

    X writes one for a post it no longer has (deleted, or of a suspended
    account); it holds no figure, so it is not a data row. The notes count them.
    """
    raw = table.frame
    figures = [c for k, c in table.select(CONTENT_COLUMNS).items() if k not in ("published_at", "text")]
    blank_id = table["post_id"].astype("string").str.strip().fillna("") == ""
    undefined = table["post_link"].astype("string").str.contains(r"/status/undefined\s*$", regex=True)
    zero = raw[figures].astype("string").apply(lambda c: c.str.strip().isin(["", "0"])).all(axis=1)
    placeholder = (blank_id & undefined.fillna(False) & zero).to_numpy(dtype=bool)
    if not placeholder.any():
        return table
    notes.append(
        f"{int(placeholder.sum())} rows have no post id (link '.../status/undefined') and every figure 0:"
        " X's placeholders for posts it no longer has; not read as posts"
    )
    return KeyedTable(raw.loc[~placeholder], table.data_rows - int(placeholder.sum()), table.columns)


# -- overview ---------------------------------------------------------------------
def _read_overview(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, "x_overview")
    table = keyed_table(source, found, problems=context.problems)
    raw = table.frame
    notes = layout_notes(found)
    account = _overview_account(raw.index, context, source.path.stem)
    daily = to_canonical(
        raw,
        "daily",
        columns=table.select(OVERVIEW_COLUMNS),
        derived={"account": account},
        constants={"platform": PLATFORM},
        problems=context.problems,
        date_formats=_DATE_FORMATS,
    )
    return ReadResult({"daily": daily}, data_rows=table.data_rows, notes=notes, language=found.language)


def _overview_account(index: pd.Index, context: ReadContext, stem: str) -> pd.Series:
    named = account_in_file_name(stem)
    account = stem if named is None else handle_key(named)
    context.name(PLATFORM, account, "file_stem" if named is None else "file_name")
    return pd.Series(account, index=index, dtype="string")


register_by_layout("x_content", "X account analytics content (x.com, per post)", PLATFORM, _read_content)
register_by_layout("x_overview", "X account analytics overview (x.com, per day)", PLATFORM, _read_overview)
