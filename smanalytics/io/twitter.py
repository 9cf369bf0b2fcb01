"""Legacy Twitter Analytics exports (analytics.twitter.com), per tweet and per day.

Two families, both of platform ``x``. Twitter named the files
``tweet_activity_metrics_<handle>_<start>_<end>_<lang>.csv`` (per tweet, 40
columns) and ``daily_tweet_activity_metrics_<handle>_<start>_<end>_<lang>.csv``
(per day, 38 columns); they are recognised by their header, not their name.

Per tweet -> posts (family ``twitter_tweets``)
----------------------------------------------

====================  ===============  ==============================================
export column         canonical        how
====================  ===============  ==============================================
Tweet id              post_id          text, never through a float (18-19 digits);
                                       when a spreadsheet rounded it (``8.12E+17``),
                                       the id in the permalink
Tweet permalink       account          ``https://twitter.com/<handle>/status/<id>``
Tweet text            text             HTML entities (``&amp; &lt; &gt;``) undone
time                  published_at     ``2016-12-23 18:50 +0000``, to UTC
impressions           impressions      times seen
retweets              shares           amplification
replies               comments         conversation
likes                 likes            applause
url clicks            clicks           clicks on a link in the tweet
user profile clicks   profile_visits
follows               follows          follows attributed to the tweet
promoted impressions  paid             True when > 0, else False (``-`` = not
                                       promoted); missing when there is no
                                       promoted column at all
====================  ===============  ==============================================

Left out on purpose: ``engagements`` and ``engagement rate`` (posts carry the
parts, rates are computed by the metrics), ``detail expands``, ``permalink
clicks`` and ``hashtag clicks`` (clicks *on* the tweet, not out of it: only
``url clicks`` is ``clicks``), ``app opens``, ``app installs``, ``email tweet``,
``dial phone``, ``media engagements`` and the other ``promoted ...`` columns.
``media views`` counts views of images and GIFs as well as videos, so it is not
``video_views``, which stays missing rather than overstated. The export has no
``reach``, ``saves``, ``followers`` or ``post_type``: they stay missing.

Per day -> daily (family ``twitter_daily``)
-------------------------------------------

====================  ===============
export column         canonical
====================  ===============
Date                  date
Tweets published      posts
impressions           impressions
engagements           engagements
retweets              shares
replies               comments
likes                 likes
user profile clicks   profile_visits
follows               follows
====================  ===============

Caveat: the daily ``follows`` are the follows Twitter attributed to tweets, not
every new follower of the day. ``media views`` is left out as above;
``followers``, ``unfollows`` and ``reach`` are not in the export and stay
missing.

Account
-------
The handle of each tweet's permalink; else the handle in the file name; else
the file stem, each reported to :mod:`smanalytics.io.accounts`, which decides
over the files loaded together (the caller's ``account=`` wins there). X
handles ignore case, so the handle is lower-cased (``rOpenSci`` ->
``ropensci``): the legacy exports, the new X exports (:mod:`smanalytics.io.x`)
and file names then agree on one account.

Quirks handled: counts written as floats (``1938.0``) in per-tweet files and
as integers in daily ones; Java-style ``7.874015748031496E-4`` engagement
rates (not read); ``-`` in every promoted column; raw newlines inside quoted
tweet text; re-saves as UTF-16, with CRLF, with ``;`` or with the columns in
another order. No Twitter export of audience data is known, so these families
refuse nothing.

Examples
--------
>>> import smanalytics  # doctest: +SKIP
>>> smanalytics.load("tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv").posts  # doctest: +SKIP
"""

from __future__ import annotations

import html
import re

import pandas as pd

from smanalytics.io.layout import KeyedTable, Match, keyed_table, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.parse import to_count
from smanalytics.io.registry import ReadContext, ReadResult, register_by_layout
from smanalytics.io.source import Source

__all__: list[str] = []

PLATFORM = "x"

#: ``https://twitter.com/<handle>/status/<id>`` (also x.com, www., mobile.).
STATUS_LINK = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<handle>[A-Za-z0-9_]{1,15})/status(?:es)?/(?P<id>\d+)",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(r"^(?:daily_)?tweet_activity_metrics_(?P<handle>.+?)_\d{8}_\d{8}(?:_[A-Za-z-]+)?$")
_DIGITS = r"\d+"

#: Layout key (smanalytics/io/layouts/twitter_tweets.csv) of each canonical posts column.
TWEET_COLUMNS = {
    "published_at": "time",
    "impressions": "impressions",
    "shares": "retweets",
    "comments": "replies",
    "likes": "likes",
    "clicks": "url_clicks",
    "profile_visits": "user_profile_clicks",
    "follows": "follows",
}
#: Layout key (smanalytics/io/layouts/twitter_daily.csv) of each canonical daily column.
DAILY_COLUMNS = {
    "date": "date",
    "posts": "tweets_published",
    "impressions": "impressions",
    "engagements": "engagements",
    "shares": "retweets",
    "comments": "replies",
    "likes": "likes",
    "profile_visits": "user_profile_clicks",
    "follows": "follows",
}


def layout_notes(found: Match) -> list[str]:
    """What a reader says about how its file's layout was recognised."""
    notes = [found.note()]
    if found.generation == "2015":
        notes.append("2015 header generation: 'favorites' are read as likes")
    return notes


# -- helpers, also used by smanalytics.io.x -----------------------------------
def handle_key(handle: str) -> str:
    """An X handle as an account key: no ``@``, no spaces, lower case.

    Examples
    --------
    >>> handle_key(" @rOpenSci")
    'ropensci'
    """
    return handle.strip().lstrip("@").lower()


def split_status_links(links: pd.Series) -> pd.DataFrame:
    """The ``handle`` (lower-cased) and ``id`` of each status link; missing where there is none.

    Examples
    --------
    >>> links = pd.Series(["https://x.com/Wormhole_BR/status/1891564128784855141", ""])
    >>> split_status_links(links).values.tolist()
    [['wormhole_br', '1891564128784855141'], [<NA>, <NA>]]
    """
    parts = links.astype("string").str.extract(STATUS_LINK).astype("string")
    parts["handle"] = parts["handle"].str.lower()
    return parts


def post_ids(values: pd.Series, link_ids: pd.Series | None, notes: list[str]) -> pd.Series:
    """Post ids as text; a rounded id (``8.12E+17``) is replaced by its link's id.

    Ids that are neither digits nor repairable come back missing, so that the
    row is recorded as a problem ("post_id is missing").
    """
    ids = values.astype("string").str.strip()
    ids = ids.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)  # "812369747765362688.0"
    whole = ids.str.fullmatch(_DIGITS).fillna(False).astype(bool)
    if link_ids is not None:
        repair = ~whole & link_ids.notna()
        if repair.any():
            notes.append(
                f"{int(repair.sum())} post ids were not whole numbers (rounded by a spreadsheet?);"
                " took them from the links"
            )
            ids = ids.mask(repair, link_ids)
            whole = whole | repair
    return ids.mask(~whole)


def accounts(
    index: pd.Index,
    context: ReadContext,
    *,
    handles: pd.Series | None,
    from_name: str | None,
    stem: str,
    notes: list[str],
) -> pd.Series:
    """One account per row: the content's handle, else the file name's, else the stem.

    Each name is reported to :mod:`smanalytics.io.accounts`, which decides
    over the files loaded together (and applies the caller's ``account=``).
    """
    out = handles.astype("string") if handles is not None else pd.Series(pd.NA, index=index, dtype="string")
    named = handle_key(from_name) if from_name else None
    for handle in sorted(out.dropna().unique()):
        context.name(PLATFORM, handle, "username", aliases=(named or "",), how="the permalinks")
    if out.isna().any() or len(out) == 0:
        fill = named or stem
        context.name(PLATFORM, fill, "file_name" if named else "file_stem")
        out = out.fillna(fill)
    distinct = sorted(out.dropna().unique())
    if len(distinct) > 1:
        notes.append(f"the file holds {len(distinct)} accounts: {', '.join(distinct)}")
    return out


# -- per tweet ------------------------------------------------------------------
def _promoted(table: KeyedTable) -> pd.Series | None:
    """``paid``: promoted impressions > 0; False when the column says ``-`` or 0; None without it."""
    if "promoted_impressions" not in table:
        return None
    counts, bad = to_count(table["promoted_impressions"])
    return (counts.fillna(0) > 0).astype("boolean").mask(bad)


def _read_tweets(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, "twitter_tweets")
    table = keyed_table(source, found, problems=context.problems)
    raw = table.frame
    notes = layout_notes(found)
    links = split_status_links(table["tweet_permalink"])
    name = _FILE_NAME.match(source.path.stem)
    derived = {
        "post_id": post_ids(table["tweet_id"], links["id"], notes),
        "account": accounts(
            raw.index,
            context,
            handles=links["handle"],
            from_name=name.group("handle") if name else None,
            stem=source.path.stem,
            notes=notes,
        ),
    }
    if "tweet_text" in table:
        text = table["tweet_text"].astype("string")
        escaped = text.str.contains("&", regex=False).fillna(False).to_numpy(dtype=bool)
        if escaped.any():  # entities (&amp;) only where there is an ampersand: one call per such tweet
            text = text.where(~escaped, text[escaped].map(html.unescape).astype("string"))
        derived["text"] = text.mask(text.str.strip() == "")
    paid = _promoted(table)
    if paid is not None:
        derived["paid"] = paid
    posts = to_canonical(
        raw,
        "posts",
        columns=table.select(TWEET_COLUMNS),
        derived=derived,
        constants={"platform": PLATFORM},
        problems=context.problems,
        timestamp_formats=("%Y-%m-%d %H:%M %z",),
    )
    return ReadResult({"posts": posts}, data_rows=table.data_rows, notes=notes, language=found.language)


# -- per day --------------------------------------------------------------------
def _read_daily(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, "twitter_daily")
    table = keyed_table(source, found, problems=context.problems)
    raw = table.frame
    notes = layout_notes(found)
    name = _FILE_NAME.match(source.path.stem)
    account = accounts(
        raw.index,
        context,
        handles=None,
        from_name=name.group("handle") if name else None,
        stem=source.path.stem,
        notes=notes,
    )
    daily = to_canonical(
        raw,
        "daily",
        columns=table.select(DAILY_COLUMNS),
        derived={"account": account},
        constants={"platform": PLATFORM},
        problems=context.problems,
        date_formats=("%Y-%m-%d",),
    )
    return ReadResult({"daily": daily}, data_rows=table.data_rows, notes=notes, language=found.language)


register_by_layout(
    "twitter_tweets",
    "Twitter Analytics tweet activity (legacy analytics.twitter.com, per tweet)",
    PLATFORM,
    _read_tweets,
)
register_by_layout(
    "twitter_daily",
    "Twitter Analytics daily tweet activity (legacy analytics.twitter.com, per day)",
    PLATFORM,
    _read_daily,
)
