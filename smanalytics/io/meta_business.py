"""Meta Business Suite exports: Facebook and Instagram content, and the daily per-metric files.

Meta Business Suite (Insights) lets a page owner download two kinds of file.

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

    Quirks handled: the ``Publish time`` carries no time zone (it is the
    account's local time as set in Meta); it is stored as UTC unchanged, and
    the notes say so. Rows Meta could not compute (no ``Post ID``, a ``Data
    comment`` "An error occurred while computing metadata ...") are recorded as
    problems with Meta's message. Rows shorter than the header (Meta omits the
    empty trailing fields of some rows, e.g. 27 of 31) are read with the
    missing trailing fields left missing, and the notes count them.

Daily per-metric exports (``Reach.csv``, ``Follows.csv``, ``Visits.csv``, ...)
    UTF-16LE with BOM, an Excel ``sep=,`` line, a title line (the metric),
    ``"Date","Primary"`` and rows ``"2026-05-25T00:00:00","14551"``. The hour
    is ``T00`` or ``T01`` depending on daylight saving; only the calendar day
    is kept. A file may stack blocks (a Facebook block, a blank line, an
    Instagram block), each with its own title and header; each block is read
    on its own. Title and header lines and blank lines are not data rows.

    =====================================================  ===================
    block title                                            daily column
    =====================================================  ===================
    Reach, Facebook reach, Instagram reach                 reach
    Views, Impressions (any platform prefix)               impressions
    Follows, Instagram follows, New follows                follows
    Unfollows                                              unfollows
    Followers                                              followers
    Visits, Facebook visits, Instagram profile visits      profile_visits
    Content interactions, Interactions                     engagements
    Link clicks, Instagram link clicks                     (none: refused)
    =====================================================  ===================

    Each file fills only its own column, so several per-metric files of one
    account loaded together merge into one row per day. ``Link clicks`` has no
    daily canonical column: such a file is refused with
    :class:`~smanalytics.errors.NotATimeSeriesError` (a block of it inside a
    stacked file is skipped and noted). ``Audience.csv`` (age and gender, top
    cities, top countries) is refused the same way.

    Platform of a block: the title's ``Facebook``/``Instagram`` prefix; for a
    title without one (``Reach``, ``Views``, ``Follows``, ``Content
    interactions``), the other platform when another block of the same file
    names one (a stack is one Facebook and one Instagram block), else
    ``platform=`` given to :func:`~smanalytics.load`, else an ``IG``/``FB``
    word in the file name, else ``instagram``: in the real exports every
    unprefixed single-block file whose platform is known is Instagram, while
    Facebook blocks are titled ``Facebook reach``/``Facebook visits``. The
    notes say which rule decided.

    Account: these files carry no account name. It is ``account=`` when given,
    else the file name's prefix (``elitravel_Reach.csv`` -> ``elitravel``),
    else the folder's name when the file has Meta's default name
    (``clients/cafe/Reach (1).csv`` -> ``cafe``), else the file stem; the
    notes say so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smanalytics.errors import NotATimeSeriesError
from smanalytics.io.mapping import pick_column, to_canonical
from smanalytics.io.parse import is_missing, to_count
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import LINE, Source

__all__ = ["daily_metric_of", "account_from_filename"]

_FACEBOOK_CONTENT = frozenset({"post id", "page id", "page name", "publish time", "permalink", "post type"})
_INSTAGRAM_CONTENT = frozenset(
    {"post id", "account id", "account username", "publish time", "permalink", "post type"}
)
_PUBLISH_FORMATS = ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y")

_METRICS = (
    (re.compile(r"^(new )?follows$"), "follows"),
    (re.compile(r"^unfollows$"), "unfollows"),
    (re.compile(r"^(total )?followers$"), "followers"),
    (re.compile(r"^reach$"), "reach"),
    (re.compile(r"^(views|impressions)$"), "impressions"),
    (re.compile(r"^(profile |page )?visits$"), "profile_visits"),
    (re.compile(r"^(content )?interactions$"), "engagements"),
    (re.compile(r"^link clicks$"), None),
)
_PLATFORM_PREFIX = re.compile(r"^(facebook|instagram)\s+", re.IGNORECASE)
_AUDIENCE_TITLE = re.compile(r"^(age|gender|age & gender|top (cities|countries|towns|locations))\b", re.I)
_DATE_CELL = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DEFAULT_NAMES = r"reach|views|follows|visits|interactions|link[ _]clicks|audience|impressions"
_FILE_NAME = re.compile(
    rf"^(?:(?P<account>.+?)[ _-]+)?(?:(?P<hint>ig|fb|instagram|facebook)[ _-]*)?(?P<metric>{_DEFAULT_NAMES})"
    r"(?:\s*\(\d+\))?$",
    re.IGNORECASE,
)


# -- shared helpers ----------------------------------------------------------
def daily_metric_of(title: str) -> tuple[str | None, str | None, bool]:
    """Split a block title into ``(platform, daily column, known)``.

    ``platform`` is None when the title does not name one; ``column`` is None
    for a known metric without a daily canonical column (link clicks).

    Examples
    --------
    >>> daily_metric_of("Instagram profile visits")
    ('instagram', 'profile_visits', True)
    >>> daily_metric_of("Content interactions")
    (None, 'engagements', True)
    >>> daily_metric_of("Instagram link clicks")
    ('instagram', None, True)
    """
    text = " ".join(title.strip().lower().split())
    match = _PLATFORM_PREFIX.match(text)
    platform = match.group(1) if match else None
    metric = text[match.end() :] if match else text
    for pattern, column in _METRICS:
        if pattern.match(metric):
            return platform, column, True
    return platform, None, False


def account_from_filename(path: str | Path) -> tuple[str, str, str | None]:
    """The account a per-metric file's name suggests: ``(account, how, platform hint)``.

    Examples
    --------
    >>> account_from_filename("exports/elitravel_Reach.csv")[:2]
    ('elitravel', 'the file name prefix')
    >>> account_from_filename("clients/cafe/Visits (1).csv")[:2]
    ('cafe', 'the folder name')
    >>> account_from_filename("x/vintage_IG_REACH.csv")
    ('vintage', 'the file name prefix', 'instagram')
    """
    path = Path(path)
    match = _FILE_NAME.match(path.stem)
    if match is None:
        return path.stem, "the file name", None
    hint = match.group("hint")
    platform = None if hint is None else ("instagram" if hint.lower() in ("ig", "instagram") else "facebook")
    if match.group("account"):
        return match.group("account"), "the file name prefix", platform
    folder = path.resolve().parent.name
    return (folder or path.stem), "the folder name", platform


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
    if context.account:
        return pd.Series(context.account, index=raw.index, dtype="string")
    name = pick_column(raw, column)
    if name is None:
        values = pd.Series(pd.NA, index=raw.index, dtype="string")
    else:
        values = raw[name].astype("string").str.strip()
    values = values.mask(values == "")
    if values.notna().any():
        main = values.mode().iloc[0]
        others = sorted(set(values.dropna()) - {main})
        if others:
            notes.append(
                f"posts listed under {', '.join(others)} (collaborations shown in this export)"
                f" are counted under the export's account {main!r}"
            )
        return pd.Series(main, index=raw.index, dtype="string")
    notes.append(f"no {column} in the file: account taken from the file stem {source.path.stem!r}")
    return pd.Series(source.path.stem, index=raw.index, dtype="string")


# -- daily per-metric exports ---------------------------------------------------
def _is_title(fields: list[str]) -> bool:
    return len(fields) == 1 and bool(fields[0].strip()) and not _DATE_CELL.match(fields[0].strip())


def _sniff_daily(source: Source) -> bool:
    if source.kind != "text" or len(source.head_lines) < 2:
        return False
    title = source.header_fields(0)
    header = [f.lower() for f in source.header_fields(1)]
    return _is_title(title) and sorted(header) == ["date", "primary"]


def _sniff_audience(source: Source) -> bool:
    if source.kind != "text" or not source.head_lines:
        return False
    title = source.header_fields(0)
    return _is_title(title) and bool(_AUDIENCE_TITLE.match(title[0].strip()))


def _blocks(source: Source) -> list[dict]:
    """Split the file into blocks: title, header, data rows (line, fields)."""
    blocks: list[dict] = []
    for line, fields in source.records():
        if _is_title(fields) and (not blocks or blocks[-1]["header"] is not None):
            blocks.append({"title": fields[0].strip(), "line": line, "header": None, "rows": []})
        elif not blocks:
            blocks.append({"title": "", "line": line, "header": [f.strip() for f in fields], "rows": []})
        elif blocks[-1]["header"] is None:
            blocks[-1]["header"] = [f.strip() for f in fields]
        else:
            blocks[-1]["rows"].append((line, fields))
    return blocks


def _refuse_audience(source: Source, context: ReadContext) -> ReadResult:
    titles = [b["title"] for b in _blocks(source) if b["title"]]
    raise NotATimeSeriesError(
        f"a Meta Business Suite audience export ({', '.join(titles)}): demographics of the followers,"
        " it carries no posts or daily figures; load the per-metric files (Reach, Views, Follows, ...)"
        " or the content export instead",
        path=source.path,
    )


def _read_daily(source: Source, context: ReadContext) -> ReadResult:
    blocks = [b for b in _blocks(source) if b["header"] is not None]
    named = {daily_metric_of(b["title"])[0] for b in blocks} - {None}
    account, how, hint = account_from_filename(source.path)
    notes = []
    if context.account:
        account = context.account
    else:
        notes.append(f"the file does not name the account: {account!r} taken from {how}")
    frames, data_rows = [], 0
    for block in blocks:
        platform, column, known = daily_metric_of(block["title"])
        lowered = sorted(h.lower() for h in block["header"])
        if column is None or lowered != ["date", "primary"]:
            what = "no daily canonical column" if known else "not a metric smanalytics knows"
            notes.append(f"skipped the block {block['title']!r} ({len(block['rows'])} rows): {what}")
            continue
        if platform is None:
            platform, rule = _unnamed_platform(named, context, hint)
            notes.append(f"block {block['title']!r} does not name its platform: {platform}, {rule}")
        frames.append(_block_frame(block, column, platform, account, source, context))
        data_rows += len(block["rows"])
    if not frames:
        titles = ", ".join(repr(b["title"]) for b in blocks) or "none"
        raise NotATimeSeriesError(
            f"a Meta Business Suite per-metric export with blocks {titles}: none is a daily figure the"
            " canonical daily table has (link clicks have no daily column), so it carries no posts or"
            " daily figures smanalytics uses; load Reach, Views, Follows, Visits or Interactions instead",
            path=source.path,
        )
    daily = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return ReadResult("meta_business_daily", {"daily": daily}, data_rows=data_rows, notes=notes)


def _unnamed_platform(named: set[str], context: ReadContext, hint: str | None) -> tuple[str, str]:
    if len(named) == 1:
        other = next(iter(named))
        return ("instagram" if other == "facebook" else "facebook"), "as the file's other block is " + other
    if context.platform in ("facebook", "instagram"):
        return context.platform, "as given"
    if hint is not None:
        return hint, "from the file name"
    return "instagram", "assumed (pass platform='facebook' to override)"


def _block_frame(
    block: dict, column: str, platform: str, account: str, source: Source, context: ReadContext
) -> pd.DataFrame:
    header = [h.lower() for h in block["header"]]
    good, lines = [], []
    for line, fields in block["rows"]:
        if len(fields) != 2:
            context.problems.add(line, None, f"row has {len(fields)} fields, expected 2 (Date, Primary)")
            continue
        good.append([f.strip() for f in fields])
        lines.append(line)
    frame = pd.DataFrame(good, columns=header, dtype=object) if good else pd.DataFrame(columns=header)
    frame[LINE] = pd.Series(lines, dtype="int64")
    return to_canonical(
        frame,
        "daily",
        columns={"date": "date", column: "primary"},
        problems=context.problems,
        constants={"platform": platform, "account": account},
        date_formats=("%Y-%m-%dT%H:%M:%S",),
    )


register(
    Family(
        name="meta_business_content",
        title="Meta Business Suite: Facebook or Instagram content export (one row per post)",
        platform=None,
        sniff=lambda source: _content_platform(source) is not None,
        read=_read_content,
    )
)
register(
    Family(
        name="meta_business_daily",
        title="Meta Business Suite: per-metric daily export (Reach, Views, Follows, Visits, Interactions)",
        platform=None,
        sniff=_sniff_daily,
        read=_read_daily,
    )
)
register(
    Family(
        name="meta_business_audience",
        title="Meta Business Suite: audience export (demographics, refused)",
        platform=None,
        sniff=_sniff_audience,
        read=_refuse_audience,
    )
)
