"""Meta Business Suite content exports: Facebook and Instagram posts.

Meta Business Suite (Insights) lets a page owner download two kinds of file; this module
reads the first.

Content exports (``<Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>.csv``)
    One row per post, UTF-8 with BOM, captions quoted over several lines. The
    ``Date`` column holds the literal ``Lifetime`` (the figures are the post's
    lifetime totals), blank cells mean the figure is not available. The
    Facebook variant has ``Page ID``/``Page name``, the Instagram one
    ``Account ID``/``Account username``; which columns appear, and their order,
    varies between accounts and months (Instagram puts ``Follows`` before or
    after ``Comments``; Facebook may repeat ``Views``, the first one is used).

    ==================================  ==============  =======================
    export column                       canonical       platform
    ==================================  ==============  =======================
    Post ID                             post_id         both
    Page name / Account username        account         facebook / instagram
    (the most common one: collaboration
    posts of other accounts count under
    the export's account)
    Publish time (``03/25/2025 22:00``)  published_at    both
    Post type                           post_type       both
    Description, else Title             text            both
    Impressions, else Views             impressions     facebook
    Views                               impressions     instagram
    Reach                               reach           both
    Reactions / Likes                   likes           facebook / instagram
    Comments                            comments        both
    Shares                              shares          both
    Saves                               saves           instagram
    Follows                             follows         instagram
    Total clicks                        clicks          facebook
    3-second video views                video_views     facebook
    Reach from Boosted posts > 0,       paid            facebook
    or a Funded content status
    ==================================  ==============  =======================

    Not mapped: ``Reactions, Comments and Shares`` (a sum of mapped columns),
    click breakdowns, ``IMPRESSION:UNIQUE_USERS`` (a raw metric key that leaked
    into old headers), earnings, negative feedback, durations.

    Account: the most common ``Account username`` (Instagram) or ``Page
    name`` (Facebook), reported to :mod:`smanalytics.io.accounts` with the
    ``Account ID``/``Page ID``, the ``Account name`` (display name) and the
    file name's prefix before Meta's default name
    (``elitravel_May-25-2026_Jun-21-2026_149...csv`` -> ``elitravel``), so
    that the account's per-metric files are matched with it; without those
    columns, the file name's prefix, else its stem.

    Quirks handled: the ``Publish time`` carries no time zone (it is the
    account's local time as set in Meta); it is stored as UTC unchanged, and
    the notes say so. Rows Meta could not compute (no ``Post ID``, a ``Data
    comment`` "An error occurred while computing metadata ...") are recorded as
    problems with Meta's message. Rows shorter than the header (Meta omits the
    empty trailing fields of some rows, e.g. 27 of 31) are read with the
    missing trailing fields left missing, and the notes count them.

The daily per-metric files of Meta Business Suite are read by
:mod:`smanalytics.io.meta_business_daily`.
"""

from __future__ import annotations

import re

import pandas as pd

from smanalytics.io.accounts import prefix_before
from smanalytics.io.mapping import pick_column, to_canonical
from smanalytics.io.parse import is_missing, to_count
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__: list[str] = []

_FACEBOOK_CONTENT = frozenset({"post id", "page id", "page name", "publish time", "permalink", "post type"})
_INSTAGRAM_CONTENT = frozenset(
    {"post id", "account id", "account username", "publish time", "permalink", "post type"}
)
_PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y")
#: Meta's default name of a content export: ``<Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>``.
_DEFAULT_NAME = re.compile(r"[A-Z][a-z]{2}-\d{2}-\d{4}_[A-Z][a-z]{2}-\d{2}-\d{4}_\d+")
_ID_COLUMNS = {"instagram": "Account ID", "facebook": "Page ID"}


# -- content exports -----------------------------------------------------------
def _content_platform(source: Source) -> str | None:
    if source.kind != "text":
        return None
    header = {f.lower() for f in source.header_fields(0)}
    if _INSTAGRAM_CONTENT <= header:
        return "instagram"
    if _FACEBOOK_CONTENT <= header:
        return "facebook"
    return None


def _content_table(source: Source, context: ReadContext) -> tuple[pd.DataFrame, int, int]:
    """The content table as strings with ``_line``; also data rows and short rows padded."""
    names: list[str] | None = None
    rows, lines = [], []
    data_rows = padded = 0
    for line, fields in source.records():
        if names is None:
            names = _unique([f.strip().strip("\ufeff") for f in fields])
            continue
        data_rows += 1
        if len(fields) < len(names):
            fields = fields + [""] * (len(names) - len(fields))
            padded += 1
        elif len(fields) > len(names):
            if any(f.strip() for f in fields[len(names) :]):
                context.problems.add(line, None, f"row has {len(fields)} fields, the header has {len(names)}")
                continue
            fields = fields[: len(names)]
        rows.append([f.strip() for f in fields])
        lines.append(line)
    frame = pd.DataFrame(rows, columns=names or [], dtype=object)
    frame[LINE] = pd.Series(lines, dtype="int64")
    return frame, data_rows, padded


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, -1) + 1
        seen[name] = count
        out.append(name if count == 0 else f"{name}.{count}")
    return out


def _first_text(frame: pd.DataFrame, candidates: list[str]) -> pd.Series:
    out = pd.Series(pd.NA, index=frame.index, dtype="string")
    for name in candidates:
        column = pick_column(frame, name)
        if column is not None:
            text = frame[column].astype("string").str.strip()
            out = out.fillna(text.mask(text == ""))
    return out


def _paid(frame: pd.DataFrame) -> pd.Series:
    paid = pd.Series(pd.NA, index=frame.index, dtype="boolean")
    boosted = pick_column(frame, "Reach from Boosted posts")
    if boosted is not None:
        reach, _ = to_count(frame[boosted])
        known = reach.notna()
        paid[known] = (reach[known] > 0).astype(bool)
    funded = pick_column(frame, "Funded content status")
    if funded is not None:
        text = frame[funded].astype("string").str.strip().str.lower()
        said = ~is_missing(frame[funded]) & ~text.str.contains(r"not|organic|none", regex=True).fillna(False)
        paid[said.fillna(False)] = True
    return paid


def _read_content(source: Source, context: ReadContext) -> ReadResult:
    platform = _content_platform(source)
    raw, data_rows, padded = _content_table(source, context)
    notes = [
        "Publish time has no time zone in the export (it is the account's local time);"
        " stored as UTC unchanged"
    ]
    if padded:
        notes.append(
            f"{padded} rows had fewer fields than the header; their missing last fields are left missing"
        )
    post_id = pick_column(raw, "Post ID")
    comment = pick_column(raw, "Data comment")
    if comment is not None:
        failed = is_missing(raw[post_id]) & ~is_missing(raw[comment])
        raw = context.problems.take(
            raw, failed, column=comment, reason="Meta could not compute this post ({value}); no Post ID"
        )
    if platform == "facebook":
        columns = {
            "post_id": "Post ID",
            "published_at": "Publish time",
            "post_type": "Post type",
            "impressions": ["Impressions", "Views"],
            "reach": "Reach",
            "likes": "Reactions",
            "comments": "Comments",
            "shares": "Shares",
            "clicks": "Total clicks",
            "video_views": "3-second video views",
        }
        account_column, texts = "Page name", ["Description", "Title"]
    else:
        columns = {
            "post_id": "Post ID",
            "published_at": "Publish time",
            "post_type": "Post type",
            "impressions": ["Views", "Impressions"],
            "reach": "Reach",
            "likes": "Likes",
            "comments": "Comments",
            "shares": "Shares",
            "saves": "Saves",
            "follows": "Follows",
            "profile_visits": "Profile visits",
        }
        account_column, texts = "Account username", ["Description", "Caption"]
    account = _content_account(raw, account_column, source, context, notes)
    derived = {"account": account, "text": _first_text(raw, texts)}
    if platform == "facebook":
        derived["paid"] = _paid(raw)
    posts = to_canonical(
        raw,
        "posts",
        columns=columns,
        problems=context.problems,
        constants={"platform": platform},
        derived=derived,
        timestamp_formats=_PUBLISH_FORMATS,
    )
    return ReadResult("meta_business_content", {"posts": posts}, data_rows=data_rows, notes=notes)


def _content_account(
    raw: pd.DataFrame, column: str, source: Source, context: ReadContext, notes: list[str]
) -> pd.Series:
    """The export's account on every row, reported to :mod:`smanalytics.io.accounts` with its evidence."""
    platform = _content_platform(source)
    values = _column_text(raw, column)
    prefix = prefix_before(source.path.stem, _DEFAULT_NAME)
    if values.notna().any():
        main = values.mode().iloc[0]
        others = sorted(set(values.dropna()) - {main})
        if others:
            notes.append(
                f"posts listed under {', '.join(others)} (collaborations shown in this export)"
                f" are counted under the export's account {main!r}"
            )
        mine = values == main
        ids = _column_text(raw, _ID_COLUMNS[platform])[mine].dropna()
        display = _column_text(raw, "Account name")[mine].dropna() if platform == "instagram" else []
        context.name(
            platform,
            main,
            "username" if platform == "instagram" else "display_name",
            account_id=str(ids.mode().iloc[0]) if len(ids) else None,
            aliases=(str(display.mode().iloc[0]) if len(display) else "", prefix or ""),
        )
        return pd.Series(main, index=raw.index, dtype="string")
    name, how = (prefix, "file_name") if prefix else (source.path.stem, "file_stem")
    context.name(platform, name, how)
    return pd.Series(name, index=raw.index, dtype="string")


def _column_text(raw: pd.DataFrame, column: str) -> pd.Series:
    name = pick_column(raw, column)
    if name is None:
        return pd.Series(pd.NA, index=raw.index, dtype="string")
    values = raw[name].astype("string").str.strip()
    return values.mask(values == "")


# -- daily per-metric exports ---------------------------------------------------
register(
    Family(
        name="meta_business_content",
        title="Meta Business Suite: Facebook or Instagram content export (one row per post)",
        platform=None,
        sniff=lambda source: _content_platform(source) is not None,
        read=_read_content,
    )
)
