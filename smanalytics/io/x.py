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
The caller's ``account=`` wins. Content files name it in each post's link.
Overview files do not name it anywhere, so it comes from the file name: the
part before ``_account_overview`` or ``_account_analytics`` (``wormholebr`` in
``wormholebr_account_overview_analytics.csv``). An X handle is 1-15 letters,
digits or ``_``; when that part is longer, as when a file was saved as
``<folder>_<subfolder>_<handle>_account_overview.csv``, the account is its
longest ending that is a handle (``kaiadevintern`` in
``kaiadevdash_scripts_kaiadevintern_account_overview.csv``). X's own name
(``account_overview_analytics.csv``) says nothing, so the file stem is used.
Either way the notes say so. Handles are lower-cased, as in
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

from smanalytics.io.mapping import pick_column, to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source
from smanalytics.io.twitter import (
    PLATFORM,
    accounts,
    handle_key,
    header_delimiter,
    header_names,
    post_ids,
    split_status_links,
)

__all__: list[str] = []

_CONTENT_COLUMNS = frozenset(
    {"post id", "date", "post text", "impressions", "likes", "engagements", "replies", "reposts"}
)
_OVERVIEW_COLUMNS = frozenset(
    {
        "date",
        "impressions",
        "likes",
        "engagements",
        "new follows",
        "unfollows",
        "replies",
        "reposts",
        "create post",
    }
)
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
def _content_delimiter(source: Source) -> str | None:
    delimiter = header_delimiter(source, _CONTENT_COLUMNS)
    if delimiter is None or not {"link", "post link"} & header_names(source.head_lines[0], delimiter):
        return None
    return delimiter


def _sniff_content(source: Source) -> bool:
    return _content_delimiter(source) is not None


def _read_content(source: Source, context: ReadContext) -> ReadResult:
    raw, rows = source.counted_table(delimiter=_content_delimiter(source), problems=context.problems)
    notes: list[str] = []
    link_column = pick_column(raw, ("Post Link", "Link"))
    links = split_status_links(raw[link_column]) if link_column else None
    derived = {
        "post_id": post_ids(raw, pick_column(raw, "Post id"), None if links is None else links["id"], notes),
        "account": accounts(
            raw.index,
            context,
            handles=None if links is None else links["handle"],
            from_name=account_in_file_name(source.path.stem),
            stem=source.path.stem,
            notes=notes,
        ),
    }
    posts = to_canonical(
        raw,
        "posts",
        columns={
            "published_at": "Date",
            "text": "Post text",
            "impressions": "Impressions",
            "likes": "Likes",
            "comments": "Replies",
            "shares": "Reposts",
            "saves": "Bookmarks",
            "clicks": ("URL Clicks", "Url clicks"),
            "profile_visits": "Profile visits",
            "follows": "New follows",
        },
        derived=derived,
        constants={"platform": PLATFORM},
        problems=context.problems,
        timestamp_formats=_DATE_FORMATS,
    )
    notes.append(_MIDNIGHT_NOTE)
    return ReadResult("x_content", {"posts": posts}, data_rows=rows, notes=notes)


# -- overview ---------------------------------------------------------------------
def _sniff_overview(source: Source) -> bool:
    return header_delimiter(source, _OVERVIEW_COLUMNS) is not None


def _read_overview(source: Source, context: ReadContext) -> ReadResult:
    raw, rows = source.counted_table(
        delimiter=header_delimiter(source, _OVERVIEW_COLUMNS), problems=context.problems
    )
    notes: list[str] = []
    account = _overview_account(raw.index, context, source.path.stem, notes)
    daily = to_canonical(
        raw,
        "daily",
        columns={
            "date": "Date",
            "impressions": "Impressions",
            "engagements": "Engagements",
            "likes": "Likes",
            "comments": "Replies",
            "shares": "Reposts",
            "follows": "New follows",
            "unfollows": "Unfollows",
            "profile_visits": "Profile visits",
            "posts": "Create Post",
            "video_views": "Video views",
        },
        derived={"account": account},
        constants={"platform": PLATFORM},
        problems=context.problems,
        date_formats=_DATE_FORMATS,
    )
    return ReadResult("x_overview", {"daily": daily}, data_rows=rows, notes=notes)


def _overview_account(index: pd.Index, context: ReadContext, stem: str, notes: list[str]) -> pd.Series:
    if context.account is not None:
        return pd.Series(context.account, index=index, dtype="string")
    named = account_in_file_name(stem)
    if named is None:
        notes.append(
            "X overview files do not name the account, nor does this file's name;"
            f" using the file name {stem!r}; pass account= to set it"
        )
        return pd.Series(stem, index=index, dtype="string")
    account = handle_key(named)
    notes.append(f"X overview files do not name the account; took {account!r} from the file name")
    return pd.Series(account, index=index, dtype="string")


register(
    Family(
        name="x_content",
        title="X account analytics content (x.com, per post)",
        platform=PLATFORM,
        sniff=_sniff_content,
        read=_read_content,
    )
)
register(
    Family(
        name="x_overview",
        title="X account analytics overview (x.com, per day)",
        platform=PLATFORM,
        sniff=_sniff_overview,
        read=_read_overview,
    )
)
