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

    The header is in the account's interface language; its names are the
    layout tables ``smanalytics/io/layouts/meta_instagram_content.csv`` and
    ``meta_facebook_content.csv`` (one row per generation and language:
    English, and Spanish in Spain's and Latin America's wording), looked up
    by name whatever the order (:func:`smanalytics.io.layout.match`), so a
    header that mixes two languages is read too and ``sources.language``
    says which one. The names above are the English ones; the keys the
    reader maps are in :data:`COLUMNS`.

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

from smanalytics.errors import ExportError
from smanalytics.io.accounts import prefix_before
from smanalytics.io.layout import PATTERNS, KeyedTable, Match, head_records, match
from smanalytics.io.mapping import to_canonical
from smanalytics.io.parse import is_missing, to_count
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__: list[str] = []

#: Layout family (smanalytics/io/layouts/<family>.csv) of each platform's content export.
LAYOUTS = {"instagram": "meta_instagram_content", "facebook": "meta_facebook_content"}
#: Layout keys of each canonical posts column, per platform (the first key the file has wins).
COLUMNS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "facebook": {
        "post_id": "post_id",
        "published_at": "publish_time",
        "post_type": "post_type",
        "impressions": ("impressions", "views"),
        "reach": "reach",
        "likes": "reactions",
        "comments": "comments",
        "shares": "shares",
        "clicks": "total_clicks",
        "video_views": "video_views_3s",
    },
    "instagram": {
        "post_id": "post_id",
        "published_at": "publish_time",
        "post_type": "post_type",
        "impressions": ("views", "impressions"),
        "reach": "reach",
        "likes": "likes",
        "comments": "comments",
        "shares": "shares",
        "saves": "saves",
        "follows": "follows",
        "profile_visits": "profile_visits",
    },
}
#: Per platform: the key naming the account, its id, and the keys of the post's text (first filled wins).
_ACCOUNT = {"instagram": ("account_username", "account_id"), "facebook": ("page_name", "page_id")}
_TEXTS = {"instagram": ("description",), "facebook": ("description", "title")}
_PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y")
#: Meta's default name of a content export: ``<Mon-DD-YYYY>_<Mon-DD-YYYY>_<id>``.
_DEFAULT_NAME = re.compile(r"[A-Z][a-z]{2}-\d{2}-\d{4}_[A-Z][a-z]{2}-\d{2}-\d{4}_\d+")
_META_LINK = re.compile(r"https?://(?:www\.|m\.)?(instagram|facebook)\.com/\S+", re.IGNORECASE)


# -- content exports -----------------------------------------------------------
def _content_match(source: Source) -> tuple[str, Match] | None:
    """The platform of a content export and how its header fits that platform's layout."""
    for platform, family in LAYOUTS.items():
        found = match(source, family)
        if found is not None:
            return platform, found
    return None


def _by_values(source: Source) -> str | None:
    """The platform of a content export whose header is in a language the tables lack, else None.

    Whatever the language, Meta writes the post's id, then the account's or
    page's id, and a permalink to the post on instagram.com or facebook.com.
    """
    if source.kind != "text" or not source.head_lines:
        return None
    header, rows = head_records(source)
    rows = [r for r in rows if len(r) == len(header) and r[0].strip()]
    ids = all(PATTERNS["id"].fullmatch(r[0].strip()) and PATTERNS["id"].fullmatch(r[1].strip()) for r in rows)
    if len(header) < 8 or not rows or not ids:
        return None
    links = {m.group(1).lower() for r in rows for c in r if (m := _META_LINK.fullmatch(c.strip()))}
    return links.pop() if len(links) == 1 else None


def _refuse_unknown_language(source: Source, platform: str) -> None:
    family = LAYOUTS[platform]
    shown = ", ".join(repr(name) for name in source.header_fields()[:3])
    raise ExportError(
        f"a Meta Business Suite {platform.title()} content export (post and account ids, permalinks) whose"
        f" header is in a language smanalytics has no names for yet ({shown}, ...), so its figures"
        " cannot be told apart; its posts are not read. Download it again with Meta Business Suite in"
        f" English or Spanish, or add the header as a row of smanalytics/io/layouts/{family}.csv",
        path=source.path,
    )


def _content_table(source: Source, found: Match, context: ReadContext) -> tuple[KeyedTable, int]:
    """The content table as strings with ``_line``, its keyed columns; also the short rows padded."""
    names: list[str] | None = None
    rows, lines = [], []
    data_rows = padded = 0
    for line, fields in source.records(delimiter=found.delimiter):
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
    names = names or []
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    frame[LINE] = pd.Series(lines, dtype="int64")
    columns = {key: names[i] for i, key in enumerate(found.keys) if key is not None and i < len(names)}
    return KeyedTable(frame, data_rows, columns), padded


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, -1) + 1
        seen[name] = count
        out.append(name if count == 0 else f"{name}.{count}")
    return out


def _text(table: KeyedTable, key: str) -> pd.Series:
    """A keyed column's stripped text, empty cells missing (all missing when the file lacks it)."""
    if key not in table:
        return pd.Series(pd.NA, index=table.frame.index, dtype="string")
    values = table[key].astype("string").str.strip()
    return values.mask(values == "")


def _first_text(table: KeyedTable, keys: tuple[str, ...]) -> pd.Series:
    out = pd.Series(pd.NA, index=table.frame.index, dtype="string")
    for key in keys:
        out = out.fillna(_text(table, key))
    return out


def _paid(table: KeyedTable) -> pd.Series:
    paid = pd.Series(pd.NA, index=table.frame.index, dtype="boolean")
    if "reach_boosted" in table:
        reach, _ = to_count(table["reach_boosted"])
        known = reach.notna()
        paid[known] = (reach[known] > 0).astype(bool)
    if "funded_content_status" in table:
        status = table["funded_content_status"]
        text = status.astype("string").str.strip().str.lower()
        said = ~is_missing(status) & ~text.str.contains(r"not|organic|none", regex=True).fillna(False)
        paid[said.fillna(False)] = True
    return paid


def _read_content(source: Source, context: ReadContext) -> ReadResult:
    if _content_match(source) is None:
        _refuse_unknown_language(source, _by_values(source))
    platform, found = _content_match(source)
    table, padded = _content_table(source, found, context)
    notes = [found.note()] if found.language not in (None, "en") else []
    notes.append(
        "Publish time has no time zone in the export (it is the account's local time);"
        " stored as UTC unchanged"
    )
    if padded:
        notes.append(
            f"{padded} rows had fewer fields than the header; their missing last fields are left missing"
        )
    raw = table.frame
    if "data_comment" in table and "post_id" in table:
        failed = is_missing(table["post_id"]) & ~is_missing(table["data_comment"])
        raw = context.problems.take(
            raw,
            failed,
            column=table.columns["data_comment"],
            reason="Meta could not compute this post ({value}); no Post ID",
        )
        table = KeyedTable(raw, table.data_rows, table.columns)
    derived = {
        "account": _content_account(table, platform, source, context, notes),
        "text": _first_text(table, _TEXTS[platform]),
    }
    if platform == "facebook":
        derived["paid"] = _paid(table)
    posts = to_canonical(
        raw,
        "posts",
        columns=table.select(COLUMNS[platform]),
        problems=context.problems,
        constants={"platform": platform},
        derived=derived,
        timestamp_formats=_PUBLISH_FORMATS,
    )
    return ReadResult(
        {"posts": posts},
        data_rows=table.data_rows,
        notes=notes,
        language=found.language,
    )


def _content_account(
    table: KeyedTable, platform: str, source: Source, context: ReadContext, notes: list[str]
) -> pd.Series:
    """The export's account on every row, reported to :mod:`smanalytics.io.accounts` with its evidence."""
    name_key, id_key = _ACCOUNT[platform]
    values = _text(table, name_key)
    index = table.frame.index
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
        ids = _text(table, id_key)[mine].dropna()
        display = _text(table, "account_name")[mine].dropna() if platform == "instagram" else []
        context.name(
            platform,
            main,
            "username" if platform == "instagram" else "display_name",
            account_id=str(ids.mode().iloc[0]) if len(ids) else None,
            aliases=(str(display.mode().iloc[0]) if len(display) else "", prefix or ""),
        )
        return pd.Series(main, index=index, dtype="string")
    name, how = (prefix, "file_name") if prefix else (source.path.stem, "file_stem")
    context.name(platform, name, how)
    return pd.Series(name, index=index, dtype="string")


register(
    Family(
        name="meta_business_content",
        title="Meta Business Suite: Facebook or Instagram content export (one row per post)",
        platform=None,
        sniff=lambda source: _content_match(source) is not None or _by_values(source) is not None,
        read=_read_content,
    )
)
