"""Agency-tool exports read from their documented columns: Sprout Social, Buffer, Metricool, Later.

No public copy of these tools' files was found (Hootsuite's are the real ones,
read by :mod:`smanalytics.io.hootsuite`). Their layouts here are built from
the tools' help-centre pages and, for Sprout Social, from the column lists of
public code that reads its CSV exports; the test fixtures are written from the
same tables by ``tests/data/agency/make_agency.py``. A real file whose header
differs from these is not recognised (it is listed as unknown, not misread).
Each layout is one :class:`ToolLayout` row of :data:`LAYOUTS`, so a new tool or a
new generation is a row, not code.

Sprout Social Post Performance report (``sprout_posts``)
    Sources: Sprout Social help centre, "How do I use the Post Performance
    Report?" (article 360052331251, read 2026-12-01) and "Facebook Post
    Performance Report vs. Facebook Insights Post Level Report" (article
    204837535); column order as read by public code consuming the CSV. One
    row per post, every network in one file, dates ``01/15/2020 9:30 am`` in
    the Sprout user's time zone (stored as UTC unchanged, said in the notes).

    =========================  ============  ===================================
    export column              canonical     how
    =========================  ============  ===================================
    Date                       published_at
    Post ID                    post_id
    Network                    platform      Facebook, Instagram, Twitter/X, ...
    Profile                    account
    Post Type                  post_type
    Post                       text
    Impressions                impressions
    Reach                      reach
    Reactions, else Likes      likes         Facebook gives reactions, others likes
    Comments                   comments
    Shares                     shares
    Saves                      saves
    Post Link Clicks           clicks
    Video Views                video_views
    Paid Impressions > 0       paid
    =========================  ============  ===================================

Sprout Social profile reports (``sprout_profiles``)
    "Facebook Pages", "Instagram Business Profiles" and "Twitter Profiles"
    reports (Sprout help centre, "How do I use the Profile Performance
    Report?", article 213223226, read 2026-12-01; column lists of the 2018-2020
    CSVs as read by public code). One row per day of one profile, the
    profile's name in the ``<Network> Page``/``<Network> Profile`` column,
    dates ``01-31-2020``:

    ===============================  =============  ==========================
    export column                    canonical      networks
    ===============================  =============  ==========================
    Total Fans / Followers           followers      Facebook / the others
    Page Likes / Followers Gained    follows        Facebook / Instagram
    Page Unlikes / Followers Lost    unfollows      Facebook / Instagram
    Published Posts (& Stories)      posts
    Impressions, Reach               impressions, reach
    Engagements                      engagements
    Reactions, else Likes            likes
    Comments, else @Replies          comments
    Shares, else Retweets            shares
    Video Views                      video_views
    ===============================  =============  ==========================

Buffer Analyze posts report (``buffer_posts``)
    Source: Buffer help centre, "Analytics: Posts Report" (faq.buffer.com
    article 704) and the metric descriptions of each network ("Facebook metric
    descriptions", article 520; "Instagram metric descriptions", article 521;
    "X/Twitter metric descriptions", article 522; read 2026-12-01). One row
    per post of one channel. The metric columns carry the documented metric
    names (``Post Impressions`` or ``Impressions``, ``Post Reach`` or
    ``Reach``, ``Reactions`` or ``Likes``, ``Comments`` or ``Replies``,
    ``Shares`` or ``Retweets``, ``Post Saves``, ``Post Clicks`` or
    ``Clicks``); ``Date``, ``Post``, ``Link`` and ``Post Type`` are not
    documented and are assumed. The file names neither the channel nor its
    network: ``platform=`` and ``account=`` tell, else the platform is
    guessed from the metric names and the account is the file stem (the notes
    say so). ``post_id`` is the post's link.

Metricool posts list (``metricool_posts``)
    Source: Metricool help centre, "Instagram Metrics" (article 12vpkyb) and
    "Facebook Metrics" (article 1tllrsb), read 2026-12-01: "in the statistics
    section you can download a CSV". Metric columns as documented
    (``Likes``, ``Comments``, ``Shares``, ``Saved``, ``Reach``,
    ``Impressions`` or ``Views``, ``Interactions``, ``Engagement``);
    ``Date``, ``Type``, ``Text`` and ``Link`` assumed. One network and brand
    per file: platform and account as for Buffer.

Later Instagram post performance (``later_posts``)
    Source: Later help centre, "Later's Instagram Analytics" (article
    360043245753: "CSV file export is available to users on Growth plans and
    up") and "Instagram Insights vs Later's Analytics Data" (article
    1500007689821: organic figures only, gathered for two weeks after
    posting), read 2026-12-01. Metric columns as documented
    (``Impressions``, ``Reach``, ``Likes``, ``Comments``, ``Saves``,
    ``Engagement``, ``Engagement Rate``); ``Posted At``, ``Caption``,
    ``Type`` and ``Link`` assumed. Platform instagram, ``paid`` false.

Rates (engagement rates) are never mapped: the metrics compute them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from smanalytics.io.mapping import pick_column, to_canonical
from smanalytics.io.parse import to_count
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source

__all__ = ["ToolLayout", "LAYOUTS", "NETWORKS"]

#: Network names as the tools write them -> canonical platform.
NETWORKS = {
    "facebook": "facebook",
    "instagram": "instagram",
    "twitter": "x",
    "x": "x",
    "linkedin": "linkedin",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "pinterest": "pinterest",
    "threads": "threads",
}


@dataclass(frozen=True)
class ToolLayout:
    """One documented export layout of an agency tool.

    Each tool has one documented language and generation, so its names are a
    row here; with a second language seen, they belong in the layout tables
    of :mod:`smanalytics.io.layout` like the platforms'.

    Attributes
    ----------
    family, title
        The family's registry name and the title a person reads.
    table
        The canonical table it fills (``posts`` or ``daily``).
    marks
        Header names that must all be there for the layout to be recognised.
    columns
        Canonical column -> export names, the first present (per row, for
        several) wins.
    network
        The column naming each row's network, or ``"header"`` when the
        second column's name does (``Facebook Page``), or None.
    account
        Export columns naming the account (first present wins).
    platform
        The platform when the file does not say; ``guess`` maps metric names
        to platforms for files that name no network.
    paid
        A column whose count above 0 marks a post paid; ``"organic"`` when the
        tool reports organic posts only.
    """

    family: str
    title: str
    table: str
    marks: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    formats: tuple[str, ...]
    network: str | None = None
    account: tuple[str, ...] = ()
    platform: str | None = None
    guess: dict[str, str] = field(default_factory=dict)
    paid: str | None = None
    local_time: bool = True


_US_TIMES = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y")
_ISO_TIMES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")

LAYOUTS = (
    ToolLayout(
        family="sprout_posts",
        title="Sprout Social: Post Performance report (one row per post, every network)",
        table="posts",
        marks=("Date", "Post ID", "Network", "Profile", "Post Type", "Content Type"),
        columns={
            "published_at": ("Date",),
            "post_id": ("Post ID",),
            "post_type": ("Post Type",),
            "text": ("Post",),
            "impressions": ("Impressions",),
            "reach": ("Reach",),
            "likes": ("Reactions", "Likes"),
            "comments": ("Comments",),
            "shares": ("Shares",),
            "saves": ("Saves",),
            "clicks": ("Post Link Clicks",),
            "video_views": ("Video Views",),
        },
        formats=_US_TIMES,
        network="Network",
        account=("Profile",),
        paid="Paid Impressions",
    ),
    ToolLayout(
        family="sprout_profiles",
        title="Sprout Social: Facebook Pages, Instagram or Twitter Profiles report (one row per day)",
        table="daily",
        marks=("Date", "Engagement Rate (per Impression)", "Impressions", "Engagements"),
        columns={
            "date": ("Date",),
            "followers": ("Total Fans", "Followers"),
            "follows": ("Page Likes", "Followers Gained"),
            "unfollows": ("Page Unlikes", "Followers Lost"),
            "posts": ("Published Posts", "Published Posts & Stories"),
            "impressions": ("Impressions",),
            "reach": ("Reach",),
            "engagements": ("Engagements",),
            "likes": ("Reactions", "Likes"),
            "comments": ("Comments", "@Replies"),
            "shares": ("Shares", "Retweets"),
            "video_views": ("Video Views",),
        },
        formats=("%m-%d-%Y", "%m/%d/%Y", "%Y-%m-%d"),
        network="header",
    ),
    ToolLayout(
        family="buffer_posts",
        title="Buffer Analyze: posts report (one row per post of one channel)",
        table="posts",
        marks=("Date", "Post", "Link", "Post Type"),
        columns={
            "published_at": ("Date",),
            "post_id": ("Link",),
            "post_type": ("Post Type",),
            "text": ("Post",),
            "impressions": ("Post Impressions", "Impressions"),
            "reach": ("Post Reach", "Reach"),
            "likes": ("Reactions", "Likes"),
            "comments": ("Comments", "Replies"),
            "shares": ("Shares", "Retweets"),
            "saves": ("Post Saves",),
            "clicks": ("Post Clicks", "Clicks"),
        },
        formats=_ISO_TIMES + _US_TIMES,
        guess={"Retweets": "x", "Post Saves": "instagram", "Post Reach": "facebook"},
    ),
    ToolLayout(
        family="metricool_posts",
        title="Metricool: posts list (one row per post of one network)",
        table="posts",
        marks=("Date", "Type", "Text", "Link", "Interactions", "Engagement"),
        columns={
            "published_at": ("Date",),
            "post_id": ("Link",),
            "post_type": ("Type",),
            "text": ("Text",),
            "impressions": ("Impressions", "Views"),
            "reach": ("Reach",),
            "likes": ("Likes", "Reactions"),
            "comments": ("Comments",),
            "shares": ("Shares",),
            "saves": ("Saved",),
            "clicks": ("Clicks",),
            "video_views": ("Video Views",),
        },
        formats=_ISO_TIMES + ("%d/%m/%Y %H:%M", "%d/%m/%Y"),
        guess={"Saved": "instagram", "Reactions": "facebook"},
    ),
    ToolLayout(
        family="later_posts",
        title="Later: Instagram post performance (one row per post, organic)",
        table="posts",
        marks=("Posted At", "Caption", "Link", "Engagement Rate"),
        columns={
            "published_at": ("Posted At",),
            "post_id": ("Link",),
            "post_type": ("Type",),
            "text": ("Caption",),
            "impressions": ("Impressions",),
            "reach": ("Reach",),
            "likes": ("Likes",),
            "comments": ("Comments",),
            "saves": ("Saves",),
        },
        formats=_ISO_TIMES + _US_TIMES,
        platform="instagram",
        paid="organic",
    ),
)

_HEADER_NETWORK = re.compile(r"^(?P<network>[A-Za-z]+) (?:Page|Profile|Business Profile)$")


def _sniffer(layout: ToolLayout):
    def sniff(source: Source) -> bool:
        if source.kind != "text":
            return False
        header = source.header_fields(0)
        if not set(layout.marks) <= set(header):
            return False
        return layout.network != "header" or (
            len(header) > 1 and _HEADER_NETWORK.match(header[1]) is not None
        )

    return sniff


def _reader(layout: ToolLayout):
    def read(source: Source, context: ReadContext) -> ReadResult:
        raw, rows = source.counted_table(problems=context.problems)
        notes: list[str] = []
        derived = {
            name: _first_per_row(raw, names) for name, names in layout.columns.items() if len(names) > 1
        }
        derived = {name: series for name, series in derived.items() if series is not None}
        columns = {name: names for name, names in layout.columns.items() if name not in derived}
        constants: dict[str, object] = {}
        platform, account = _platform_and_account(layout, raw, source, context, notes)
        for name, value in (("platform", platform), ("account", account)):
            if isinstance(value, pd.Series):
                derived[name] = value
            else:
                constants[name] = value
        if layout.paid == "organic":
            constants["paid"] = False
        elif layout.paid and pick_column(raw, layout.paid) is not None:
            paid_counts, _ = to_count(raw[pick_column(raw, layout.paid)])
            derived["paid"] = (paid_counts > 0).astype("boolean")
        frame = to_canonical(
            raw,
            layout.table,
            columns=columns,
            problems=context.problems,
            constants=constants,
            derived=derived,
            timestamp_formats=layout.formats,
            date_formats=layout.formats,
        )
        if layout.local_time and layout.table == "posts":
            notes.append("post times are in the tool user's time zone; stored as UTC unchanged")
        return ReadResult({layout.table: frame}, data_rows=rows, notes=notes)

    return read


def _first_per_row(raw: pd.DataFrame, names: tuple[str, ...]) -> pd.Series | None:
    """Row by row, the first of ``names`` with a value, parsed as a count; None unless two are there."""
    present = [pick_column(raw, n) for n in names if pick_column(raw, n) is not None]
    if len(present) < 2:
        return None
    out = pd.Series(pd.NA, index=raw.index, dtype="Int64")
    for column in present:
        values, _ = to_count(raw[column])
        out = out.fillna(values)
    return out


def _platform_and_account(layout, raw, source, context, notes):
    """The platform and account of every row: constants, or Series when each row says."""
    platform: object = context.platform or layout.platform
    account: object = context.account
    if layout.network == "header":
        column = raw.columns[1]
        network = _HEADER_NETWORK.match(column).group("network").lower()
        platform = platform or NETWORKS.get(network, network)
        account = account or _text(raw[column])
    elif layout.network is not None:
        named = raw[layout.network].astype("string").str.strip().str.lower()
        platform = platform or named.map(lambda n: NETWORKS.get(n, n), na_action="ignore").astype("string")
    if platform is None:
        platform = next((p for name, p in layout.guess.items() if pick_column(raw, name)), None)
        if platform is None:
            _raise_unknown(layout, source)
        notes.append(f"the export does not name its network: {platform!r} guessed from its columns")
    if account is None and layout.account:
        account = _text(raw[pick_column(raw, layout.account[0])])
    if account is None:
        # a name from the file name joins the folder's account of that platform (io.accounts)
        account = context.name(platform, source.path.stem, "file_stem", how="the file name")
        notes.append(f"the export does not name its account: {account!r} from the file name")
    return platform, account


def _raise_unknown(layout: ToolLayout, source: Source) -> None:
    from smanalytics.errors import ExportError

    raise ExportError(
        f"a {layout.title.split(':')[0]} export that names no network; pass platform= to read it",
        path=source.path,
    )


def _text(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip()
    return text.mask(text == "")


for _layout in LAYOUTS:
    register(
        Family(
            name=_layout.family,
            title=_layout.title,
            platform=_layout.platform,
            sniff=_sniffer(_layout),
            read=_reader(_layout),
        )
    )
