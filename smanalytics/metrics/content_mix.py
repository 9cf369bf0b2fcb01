"""Content mix: self-promotion versus community, curated and other posts.

Social media is not a shop window: posts that only sell earn little
conversation, while questions, thanks and the person behind the business do.
:func:`classify_posts` sorts posts with a small keyword classifier that
anyone can read and extend; :func:`content_mix` says how much of each kind an
account posts and how each kind performs.

The rules are regular expressions matched case-insensitively against the
post's text, tried in order; the first kind with a match wins:

1. ``curated``: shared or reposted content (a ``post_type`` such as
   ``retweet``, ``repost``, ``share``, or text starting with ``RT @``, or
   ``via @``);
2. ``self_promotion``: offers, prices, "buy", "sale", discount codes, links
   to a shop, "book now";
3. ``community``: questions, thanks, shout-outs, customers' content;
4. ``other``: everything else, including posts without text.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from smanalytics.errors import SmanalyticsError
from smanalytics.metrics._common import account_index, canonical, conversation_sums, ratio
from smanalytics.metrics.rates import rate_terms

__all__ = ["DEFAULT_RULES", "CURATED_TYPES", "classify_posts", "content_mix"]

#: Post types that are shared, not written by the account.
CURATED_TYPES: tuple[str, ...] = ("retweet", "repost", "share", "shared", "reshare", "quote")

#: Kind -> regular expressions (case-insensitive), tried in this order.
DEFAULT_RULES: dict[str, tuple[str, ...]] = {
    "curated": (r"^\s*RT @", r"\bvia @\w+", r"\bregram\b", r"\brepost(ed)? from\b"),
    "self_promotion": (
        r"\bbuy\b",
        r"\bsale\b",
        r"\boffers?\b",
        r"\bdiscount",
        r"\bpromo\b",
        r"\bcode\s+[A-Z0-9]{3,}\b",
        r"\d+\s?% off\b",
        r"[$£€]\s?\d",
        r"\d\s?[$£€]",
        r"\bshop\b",
        r"\border (now|today|online)\b",
        r"\bbook (now|today|online)\b",
        r"\blink in bio\b",
        r"\bfree delivery\b",
        r"https?://\S*(shop|store|order|buy)",
    ),
    "community": (
        r"\?",
        r"\bthank(s| you)\b",
        r"\bshout[- ]?out\b",
        r"\bwelcome\b",
        r"\byour (photos?|pics?|stories|story)\b",
        r"\btag (a|your|us)\b",
        r"\bmeet (the|our)\b",
        r"\bbehind the scenes\b",
        r"\bour team\b",
    ),
}
KINDS_ORDER = ("curated", "self_promotion", "community")


def _compile(rules: dict[str, list[str] | tuple[str, ...]] | None) -> dict[str, re.Pattern]:
    merged: dict[str, list[str]] = {k: list(v) for k, v in DEFAULT_RULES.items()}
    for kind, patterns in (rules or {}).items():
        if kind == "other":
            raise SmanalyticsError("rules cannot define 'other': it is what no rule matches")
        if isinstance(patterns, str):
            patterns = [patterns]
        merged.setdefault(kind, []).extend(patterns)
    compiled = {}
    for kind, patterns in merged.items():
        try:
            joined = "|".join(f"(?:{_no_groups(p)})" for p in patterns)
            compiled[kind] = re.compile(joined, re.IGNORECASE)
        except re.error as exc:
            raise SmanalyticsError(
                f"rules[{kind!r}] has a pattern that is not a regular expression: {exc}"
            ) from None
    return compiled


def _no_groups(pattern: str) -> str:
    """Make capturing groups non-capturing (pandas warns about groups in str.contains)."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def classify_posts(posts: pd.DataFrame, *, rules: dict[str, list[str]] | None = None) -> pd.Series:
    """The kind of each post: ``curated``, ``self_promotion``, ``community`` or ``other``.

    Parameters
    ----------
    posts
        Canonical posts table (``text`` and, if present, ``post_type``).
    rules
        Extra patterns per kind, added to :data:`DEFAULT_RULES` (a new kind
        is tried after the built-in ones, in the order given).

    Returns
    -------
    Series
        Same index as ``posts``, dtype string.

    Examples
    --------
    >>> posts = pd.DataFrame({"text": ["20% off all cakes today!", "What's your favourite cake?",
    ...     "RT @baker: new recipe", "Sunny morning", None, "Pie with Grandma's recipe"]})
    >>> classify_posts(posts).tolist()
    ['self_promotion', 'community', 'curated', 'other', 'other', 'other']
    >>> classify_posts(posts, rules={"human": [r"grandma"]}).tolist()[-1]
    'human'
    """
    compiled = _compile(rules)
    # classify each distinct (text, post_type) once: posts repeat far less than
    # the regular expressions cost
    text_code, texts = _distinct(posts["text"] if "text" in posts else None, len(posts))
    type_code, types = _distinct(posts["post_type"] if "post_type" in posts else None, len(posts), lower=True)
    codes, pairs = pd.factorize(text_code * len(types) + type_code)
    utext = pd.Series(texts[pairs // len(types)], dtype="string")
    kind = np.full(len(pairs), "other", dtype=object)
    done = pd.Series(types[pairs % len(types)]).isin(CURATED_TYPES).to_numpy(bool).copy()
    kind[done] = "curated"
    order = list(KINDS_ORDER) + [k for k in compiled if k not in KINDS_ORDER]
    for name in order:
        hit = utext.str.contains(compiled[name], regex=True).fillna(False).to_numpy(bool) & ~done
        kind[hit] = name
        done |= hit
    return pd.Series(kind[codes], index=posts.index, dtype="string", name="kind")


def _distinct(values: pd.Series | None, n: int, *, lower: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of a text column, missing as ``""`` (stripped, lower case if asked)."""
    if values is None:
        return np.zeros(n, dtype=np.int64), np.array([""], dtype=object)
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    uniques = pd.Series(uniques, dtype="string")
    if lower:
        uniques = uniques.str.strip().str.lower()
    uniques = np.append(uniques.to_numpy(dtype=object, na_value=""), "")
    codes = np.where(codes < 0, len(uniques) - 1, codes).astype(np.int64)
    # values that became equal once cleaned (" Retweet" and "retweet") share a code
    same, uniques = pd.factorize(uniques)
    return same[codes].astype(np.int64), np.asarray(uniques, dtype=object)


def content_mix(
    posts: pd.DataFrame, daily: pd.DataFrame | None = None, *, rules: dict[str, list[str]] | None = None
) -> pd.DataFrame:
    """How much of each kind of post an account publishes, and the conversation each earns.

    Parameters
    ----------
    posts
        Canonical posts table.
    daily
        Canonical daily table, for the follower look-up (see
        :func:`~smanalytics.metrics.followers.post_audience`).
    rules
        Extra patterns per kind (see :func:`classify_posts`).

    Returns
    -------
    DataFrame
        One row per account and kind that occurs: ``kind``, ``posts``,
        ``share`` = posts of the kind / all the account's posts,
        ``comments_per_post`` = sum(comments) / posts with a known comment
        count, and ``conversation_rate`` = sum(comments) / sum(followers)
        over the kind's posts with both known.

    Examples
    --------
    >>> posts = pd.DataFrame({"platform": ["x"] * 4, "account": ["cafe"] * 4,
    ...     "post_id": list("abcd"), "published_at": pd.to_datetime(["2026-03-01T10:00Z"] * 4),
    ...     "text": ["Sale: 2 for 1", "Buy our bread", "Who's coming Friday?", "Rainy day"],
    ...     "comments": [1, 0, 9, 2], "followers": [500, 500, 500, 500]})
    >>> content_mix(posts)[["kind", "posts", "share", "conversation_rate"]]
                 kind  posts  share  conversation_rate
    0       community      1   0.25              0.018
    1           other      1   0.25              0.004
    2  self_promotion      2    0.5              0.001
    """
    posts = canonical(posts, "posts", required=("platform", "account", "published_at"))
    terms = rate_terms(posts, daily)
    code, names = account_index(posts)
    kind_code, kinds = pd.factorize(classify_posts(posts, rules=rules), sort=True)
    # one integer per (account, kind), in the order of (platform, account, kind)
    key = np.where(code >= 0, code * len(kinds) + kind_code, -1)
    g = conversation_sums(terms["comments"], terms["audience"], key)
    account = g["key"].to_numpy() // len(kinds)
    total = pd.Series(np.bincount(account, weights=g["size"], minlength=len(names))[account])
    out = pd.DataFrame(
        {
            "platform": names["platform"].to_numpy()[account],
            "account": names["account"].to_numpy()[account],
            "kind": np.asarray(kinds, dtype=object)[g["key"].to_numpy() % len(kinds)],
            "posts": g["size"],
        }
    )
    out["share"] = ratio(g["size"], total)
    out["comments_per_post"] = ratio(g["comments"].where(g["known"] > 0), g["known"])
    out["conversation_rate"] = ratio(g["num"].where(g["den"] > 0), g["den"])
    return out.astype({"platform": "string", "account": "string", "posts": "Int64", "kind": "string"})
