"""The registry of export families.

A family is a :class:`Family`: a name, a title a person understands, a
``sniff(source) -> bool`` that recognises the family from the file's content,
and a ``read(source, context) -> ReadResult``. Each module of
:mod:`smanalytics.io` registers its families with :func:`register`; adding a
platform is adding a module and naming it in ``FAMILY_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from smanalytics.io.accounts import AccountName
from smanalytics.io.followers import FollowerTotal
from smanalytics.io.problems import Problems
from smanalytics.io.source import Source

__all__ = [
    "Family",
    "ReadContext",
    "ReadResult",
    "register",
    "register_by_layout",
    "families",
    "FAMILY_MODULES",
]

#: The modules that register families, in the order their sniffers are tried.
FAMILY_MODULES = (
    "smanalytics.io.canonical",
    "smanalytics.io.twitter",
    "smanalytics.io.x",
    "smanalytics.io.facebook",
    "smanalytics.io.facebook_workbook",
    "smanalytics.io.meta_business",
    "smanalytics.io.meta_business_daily",
    "smanalytics.io.meta_business_audience",
    "smanalytics.io.uci",
    "smanalytics.io.tiktok",
    "smanalytics.io.youtube",
    "smanalytics.io.linkedin",
    "smanalytics.io.hootsuite",
    "smanalytics.io.ads",
    "smanalytics.io.agency_tools",
)


def _utc_today() -> pd.Timestamp:
    return pd.Timestamp.now(tz="UTC").tz_localize(None).normalize()


@dataclass
class ReadContext:
    """What a reader is told besides the file.

    Attributes
    ----------
    account
        Account name given by the caller; overrides what the file says.
    platform
        Platform given by the caller, for files that do not say.
    problems
        Where unreadable rows go.
    names
        What the reader found about its accounts' names (see
        :mod:`smanalytics.io.accounts`); a reader reports them with
        :meth:`name`, and the names are decided over all files loaded together.
    totals
        Follower totals the file gives without a daily row (an Audience
        export's count), placed with the files loaded together (see
        :mod:`smanalytics.io.followers`).
    today
        The day the files are read (midnight, no time zone): readers of
        exports that write dates without a year and name no period take
        the latest such day on or before it. Tests and reproducible runs
        set it; by default, today.
    """

    problems: Problems
    account: str | None = None
    platform: str | None = None
    today: pd.Timestamp = field(default_factory=lambda: _utc_today())
    names: list[AccountName] = field(default_factory=list)
    totals: list[FollowerTotal] = field(default_factory=list)

    def name(
        self,
        platform: str,
        name: str,
        kind: str,
        *,
        account_id: str | None = None,
        aliases: tuple[str, ...] = (),
        how: str = "",
    ) -> str:
        """Report an account name the reader found (``kind``: see ``accounts.KINDS``); return ``name``."""
        kept = tuple(a for a in aliases if a)
        self.names.append(AccountName(platform, name, kind, account_id, kept, how))
        return name


@dataclass
class ReadResult:
    """What a reader returns: canonical tables, how many data rows it saw, notes.

    ``data_rows`` counts the file's data rows (not headers, description or
    total rows), so that ``sum(len(t) for t in tables) + len(problems) ==
    data_rows`` can be checked for single-table families. ``language`` is the
    interface language the export was written in (``fr``, ``ja``...), where
    the reader could tell it from the header or the dates. Which family read
    the file is the caller's to know (it asked that family).
    """

    tables: dict[str, pd.DataFrame]
    data_rows: int
    notes: list[str] = field(default_factory=list)
    language: str | None = None


@dataclass(frozen=True)
class Family:
    """An export family: how to recognise it and how to read it."""

    name: str
    title: str
    platform: str | None
    sniff: Callable[[Source], bool]
    read: Callable[[Source, ReadContext], ReadResult]


_REGISTRY: dict[str, Family] = {}


def register(family: Family) -> Family:
    """Add ``family`` to the registry (a later registration of a name replaces it)."""
    _REGISTRY[family.name] = family
    return family


def register_by_layout(
    name: str,
    title: str,
    platform: str | None,
    read: Callable[[Source, ReadContext], ReadResult],
    *,
    layout: str | None = None,
) -> Family:
    """Register a family recognised by its layout table (``layout``, by default its own ``name``).

    The family's sniffer is :func:`smanalytics.io.layout.match` on that table.
    """
    from smanalytics.io.layout import match

    table = layout or name
    return register(Family(name, title, platform, lambda source: match(source, table) is not None, read))


def families() -> list[Family]:
    """Every registered family, in sniffing order.

    The order is that of ``FAMILY_MODULES`` (the module of a family's reader;
    a module's families in the order it registers them), whichever module
    happened to be imported first;
    families registered from elsewhere come last, in registration order.
    """
    for module in FAMILY_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    rank = {module: index for index, module in enumerate(FAMILY_MODULES)}
    registered = list(_REGISTRY.values())
    return sorted(
        registered,
        key=lambda f: (rank.get(getattr(f.read, "__module__", None), len(rank)), registered.index(f)),
    )
