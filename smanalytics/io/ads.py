"""Ads exports: Twitter Ads tweet reports as paid posts; Meta Ads Manager reports refused.

An ads export is read where it can be matched to posts: a row per promoted
post, with the post's id. Where it is a row per campaign, ad set or ad with
spend and results but no post id, its figures belong to no post and no day of
the account, so the file is refused as a *listed*, not fatal, file: alone it
raises :class:`~smanalytics.errors.NotATimeSeriesError` naming the family; in
a folder it is listed with that reason and the other files load.

Twitter Ads tweet report (``twitter_ads``)
    Downloaded from ads.twitter.com as ``<start>-to-<end>-<ads account>.xlsx``
    (or ``.csv``), sheet ``results``, one row per promoted tweet (per ad group
    when a tweet runs in several):

    ===================  ============  ===========================================
    export column        canonical     how
    ===================  ============  ===========================================
    Tweet ID             post_id       18-19 digits, the tweet's status id
    Tweet publish date   published_at  no time zone in the export: taken as UTC
    Tweet Text           text
    Impressions          impressions   promoted impressions only
    Likes                likes
    Replies              comments
    Retweets             shares        amplification, as in the organic exports
    Link clicks          clicks
    (every row)          paid          true
    ===================  ============  ===========================================

    ``-`` is Twitter's "none"; it is read as missing. Rows of the same tweet
    (several ad groups) are summed into one post. Not mapped: ``Spend``,
    ``Campaign ID``, ``Ad Group ID``, ``Tweet status``, ``Placement``, ``Time
    period``. The figures are the promoted part only: the tweet's organic
    figures are in the account's tweet activity export. The export names no
    handle, so the account is ``Twitter Ads <ads account>`` from the file
    name (or ``account=``), and the notes say so.

Meta Ads Manager report (``facebook_ads_manager``)
    ``Campaign Name``/``Ad Set Name``/``Ad Name``, ``Reporting Starts``,
    ``Reporting Ends``, ``Amount Spent (<currency>)`` (any case; French
    ``Début des rapports``, ``Montant dépensé (EUR)``; :data:`META_ADS_HEADERS`)
    and results
    (``Impressions``, ``Link Clicks``, ``Post Reactions``, ...). Without a
    post id column it is refused, naming its level; with one (``Post ID``,
    ``Story ID``) its rows would be paid posts, but no such export was seen, so
    it is refused as well with a message saying which column was found.

Twitter Ads names are a layout table (``layouts/twitter_ads.csv``, English,
the only language seen), matched on any table: a CSV, or a workbook's sheet
through :mod:`smanalytics.io.tables` (the real ``.xlsx`` declares a sheet size
of ``A1``; the sheet is read whole). A table in another language is read by its
column count and values. Meta Ads Manager's names are a table per interface language.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.layout import keyed_table, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source

__all__ = ["TWITTER_ADS_KEYS", "META_ADS_HEADERS"]

#: Twitter Ads tweet report: canonical column -> key of ``layouts/twitter_ads.csv``.
TWITTER_ADS_KEYS = {
    "post_id": "tweet_id",
    "published_at": "tweet_publish_date",
    "text": "tweet_text",
    "impressions": "impressions",
    "likes": "likes",
    "comments": "replies",
    "shares": "retweets",
    "clicks": "link_clicks",
}
_TWITTER_ADS = "twitter_ads"
_TWITTER_ADS_STEM = re.compile(r"^\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-(?P<account>[0-9a-z]+)$")
_TIMESTAMPS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M")

#: Meta Ads Manager headers per interface language, compared in lower case: the two
#: columns of the reporting window, the spend column (followed by `` (<currency>)``)
#: and the columns that name each level, finest first. English: the real export
#: (``Reporting Starts``) and the newer sentence case (``Reporting starts``);
#: French: as read by public code consuming French exports.
META_ADS_HEADERS = {
    "en": {
        "window": ("reporting starts", "reporting ends"),
        "spent": "amount spent",
        "ad": ("ad name", "ad id"),
        "ad set": ("ad set name", "ad set id"),
        "campaign": ("campaign name", "campaign id"),
        "post ids": ("post id", "story id", "object story id"),
    },
    "fr": {
        "window": ("début des rapports", "fin des rapports"),
        "spent": "montant dépensé",
        "ad": ("nom de la publicité", "id de la publicité"),
        "ad set": (),
        "campaign": ("nom de la campagne",),
        "post ids": (),
    },
}
_LEVELS = ("ad", "ad set", "campaign")


# -- Twitter Ads ------------------------------------------------------------------------
def _is_twitter_ads(source: Source) -> bool:
    """A table of the Twitter Ads layout: a CSV, or a sheet of a workbook (:mod:`smanalytics.io.tables`)."""
    return source.kind == "text" and match(source, _TWITTER_ADS) is not None


def _read_twitter_ads(source: Source, context: ReadContext) -> ReadResult:
    found = match(source, _TWITTER_ADS)
    table = keyed_table(source, found, problems=context.problems)
    notes = [found.note()] if found.note() else []
    notes.append(
        "promoted figures only (the tweets' organic figures are in the tweet activity export);"
        " Tweet publish date has no time zone: taken as UTC"
    )
    account = context.account
    if account is None:
        named = _TWITTER_ADS_STEM.match(source.path.stem)
        account = f"Twitter Ads {named.group('account') if named else source.path.stem}"
        notes.append(f"the export names no handle: account {account!r} from the file name")
    posts = to_canonical(
        table.frame,
        "posts",
        columns=table.select(TWITTER_ADS_KEYS),
        problems=context.problems,
        constants={"platform": "x", "account": account, "paid": True},
        timestamp_formats=_TIMESTAMPS,
    )
    posts, merged = _one_row_per_post(posts)
    if merged:
        notes.append(f"{merged} rows of tweets promoted in several ad groups summed into their tweet")
    return ReadResult({"posts": posts}, data_rows=table.data_rows, notes=notes, language="en")


def _one_row_per_post(posts: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Sum the counts of rows with the same post id; return the posts and how many rows were merged."""
    repeated = posts.duplicated("post_id", keep=False)
    if not repeated.any():
        return posts, 0
    counts = [c for c in ("impressions", "likes", "comments", "shares", "clicks") if c in posts]
    firsts = posts.drop_duplicates("post_id").set_index("post_id")
    sums = posts.groupby("post_id", sort=False)[counts].sum(min_count=1)
    firsts[counts] = sums[counts]
    out = firsts.reset_index()[posts.columns]
    return out, len(posts) - len(out)


# -- Meta Ads Manager -----------------------------------------------------------------------
def _meta_ads_header(source: Source) -> tuple[str, set[str]] | None:
    """The interface language and the lower-cased header of a Meta Ads Manager report, or None."""
    for header in _header_rows(source):
        names = {_lower(c) for c in header}
        for language, table in META_ADS_HEADERS.items():
            spent = table["spent"]
            if set(table["window"]) <= names and any(n == spent or n.startswith(spent + " (") for n in names):
                return language, names
    return None


def _header_rows(source: Source) -> list[list[str]]:
    """The header of a table: a CSV's first line, or a workbook sheet's (each sheet is a table)."""
    return [source.header_fields(0)] if source.kind == "text" else []


def _lower(name: str) -> str:
    return name.strip().replace("\u2019", "'").lower()


def _refuse_meta_ads(source: Source, context: ReadContext) -> ReadResult:
    language, names = _meta_ads_header(source)
    table = META_ADS_HEADERS[language]
    level = next((name for name in _LEVELS if names & set(table[name])), "account")
    post_ids = sorted(names & set(table["post ids"]))
    if post_ids:
        why = (
            f"it has a {post_ids[0]!r} column, but no such export has been seen to know how its"
            " figures match the page's posts"
        )
    else:
        why = "it carries no post ids, so its spend and results belong to no post or day of the page"
    raise NotATimeSeriesError(
        f"a Facebook Ads Manager {level} report: one row per {level} with spend and results; {why}."
        " Boosted posts are marked paid in the page's own exports (Meta Business Suite, Page Insights)",
        path=source.path,
    )


register(
    Family(
        name="twitter_ads",
        title="Twitter Ads: tweet report (promoted tweets as paid posts)",
        platform="x",
        sniff=_is_twitter_ads,
        read=_read_twitter_ads,
    )
)
register(
    Family(
        name="facebook_ads_manager",
        title="Facebook Ads Manager: campaign, ad set or ad report (not read: no post ids)",
        platform="facebook",
        sniff=lambda source: _meta_ads_header(source) is not None,
        read=_refuse_meta_ads,
    )
)
