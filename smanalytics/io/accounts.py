"""One account per real account: the names files give, and the one name they get.

Exports name an account in different ways, and often not at all. A Meta
Business Suite content export gives an Instagram account's id, username
(``elitravelguy``) and display name (``Eli Facenda``); its per-metric daily
files give nothing, so their reader can only go by the file name
(``elitravel_Reach.csv`` -> ``elitravel``). Readers do not decide: each
reports what it found as an :class:`AccountName` (the name, what kind of name
it is, the account id and other names the file gives), and :func:`unify`
decides over all the files loaded together, per platform:

1. the caller's name wins (``accounts={"instagram": "elitravelguy"}``, or
   ``account=`` for every platform);
2. names a file states (ids, usernames, display names, names written in a
   canonical file) identify an account: files that share an id or the same
   name are one account, named by its best name (a username or stated name over a
   display name over an id, the newest file's among equals);
3. a name taken from a file or folder name joins the account that has that
   name among its names (a content export's own file-name prefix counts),
   else the only account of its platform in its folder; otherwise it stays an
   account of its own (files of other folders may be other clients', so
   ``accounts=`` says it then).

Every decision is said in the file's ``sources.notes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AccountName", "KINDS", "STATED", "FILE_NAME_KINDS", "unify", "name_key", "prefix_before"]

#: Kinds of account name, the best name first; ``KINDS[kind]`` describes it.
KINDS: dict[str, str] = {
    "caller": "given by the caller",
    "username": "the username",
    "stated": "the account named",
    "display_name": "the display name",
    "id": "the account id",
    "file_name": "the file name",
    "folder": "the folder name",
    "file_stem": "the file name, as the file does not name its account; pass account= to name it",
}
#: Kinds the file's content states; the others come from file and folder names.
STATED = frozenset({"caller", "username", "stated", "display_name", "id"})
#: The kind of a name a reader took from a file's path, by how its helper says it found it.
FILE_NAME_KINDS = {
    "the file name prefix": "file_name",
    "the folder name": "folder",
    "the file name": "file_stem",
}
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}
_SEPARATORS = re.compile(r"[\s_.\-@']+")


@dataclass(frozen=True)
class AccountName:
    """What one file says about the name of one of its accounts.

    Attributes
    ----------
    platform
        The platform of the rows this name was written on.
    name
        The name the reader wrote in the tables' ``account`` column.
    kind
        How the reader found it: a key of :data:`KINDS`.
    account_id
        The platform's id of the account, when the file gives it.
    aliases
        Other names the file gives the same account (a display name, the
        file name's prefix), used to match other files' names.
    how
        Where the reader found the name when the kind does not say it (``the
        Page name in the permalinks``); the notes repeat it.
    """

    platform: str
    name: str
    kind: str
    account_id: str | None = None
    aliases: tuple[str, ...] = ()
    how: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r}; expected one of {', '.join(KINDS)}")


def name_key(name: str) -> str:
    """The form in which two names are the same account: case, spaces, ``_ . - @ '`` ignored.

    Examples
    --------
    >>> name_key("CyberSystema") == name_key("cyber_systema")
    True
    >>> name_key("Lucy's Lemonade")
    'lucyslemonade'
    """
    return _SEPARATORS.sub("", name).casefold()


def prefix_before(stem: str, default_name: re.Pattern[str]) -> str | None:
    """The part of a file stem before the platform's default name, or None.

    Examples
    --------
    >>> prefix_before("elitravel_May-25-2026_Jun-21-2026_149", re.compile(r"[A-Z][a-z]{2}-\\d\\d-\\d{4}_"))
    'elitravel'
    """
    match = default_name.search(stem)
    if match is None or match.start() == 0:
        return None
    prefix = stem[: match.start()].strip(" _-")
    return prefix or None


@dataclass
class _File:
    """The names of one file, for :func:`unify`."""

    index: int
    path: str
    names: list[AccountName]


@dataclass
class _Account:
    """One real account: the stated names that identify it."""

    platform: str
    names: list[tuple[AccountName, _File]]

    def keys(self) -> set[str]:
        out = set()
        for name, _ in self.names:
            out.add(name_key(name.name))
            out.update(name_key(a) for a in name.aliases)
        return out - {""}

    def ids(self) -> set[str]:
        return {n.account_id for n, _ in self.names if n.account_id}

    def folders(self) -> set[str]:
        return {str(Path(f.path).parent) for _, f in self.names}

    def best(self) -> tuple[AccountName, _File]:
        """The best name: best kind first, the newest file among equals (files come oldest first)."""
        return min(self.names, key=lambda nf: (_RANK[nf[0].kind], -nf[1].index))


def unify(
    files: Iterable[tuple[str, list[AccountName]]],
    *,
    account: str | None = None,
    accounts: Mapping[str, str] | None = None,
) -> list[tuple[dict[tuple[str, str], str], list[str]]]:
    """Decide one name per real account over files loaded together.

    Parameters
    ----------
    files
        For each file, oldest first: its path and the names it gave.
    account
        The caller's name for every account.
    accounts
        The caller's name per platform; wins over ``account``.

    Returns
    -------
    list
        For each file: ``{(platform, name in the file): name decided}`` and
        the notes that say why.

    Examples
    --------
    >>> content = [AccountName("instagram", "elitravelguy", "username", "1784", ("elitravel",))]
    >>> daily = [AccountName("instagram", "elitravel", "file_name")]
    >>> files = [("a/elitravel_May.csv", content), ("a/elitravel_Reach.csv", daily)]
    >>> [renames for renames, _ in unify(files)]
    [{('instagram', 'elitravelguy'): 'elitravelguy'}, {('instagram', 'elitravel'): 'elitravelguy'}]
    """
    given = dict(accounts or {})
    records = [_File(i, path, list(names)) for i, (path, names) in enumerate(files)]
    out: list[tuple[dict[tuple[str, str], str], list[str]]] = [({}, []) for _ in records]
    platforms = sorted({n.platform for f in records for n in f.names})
    for platform in platforms:
        chosen = given.get(platform, account)
        entries = [(n, f) for f in records for n in f.names if n.platform == platform]
        if chosen is not None:
            for name, file in entries:
                _decide(out[file.index], name, str(chosen), "as given")
            continue
        found = _stated_accounts(platform, [(n, f) for n, f in entries if n.kind in STATED])
        owners = {id(n): a for a in found for n, _ in a.names}
        for name, file in entries:
            if name.kind in STATED:
                owner = owners[id(name)]
                best, best_file = owner.best()
                why = f"taken from {name.how}" if name.how else ""
                if best is not name:
                    why = f"{KINDS[best.kind]} in {Path(best_file.path).name}"
                _decide(out[file.index], name, best.name, why)
                continue
            owner, why = _home(name, file, found)
            if owner is None:
                _decide(out[file.index], name, name.name, f"taken from {name.how or KINDS[name.kind]}")
            else:
                best, best_file = owner.best()
                where = Path(best_file.path).name
                _decide(out[file.index], name, best.name, f"{why}: {KINDS[best.kind]} in {where}")
    return out


def _stated_accounts(platform: str, entries: list[tuple[AccountName, _File]]) -> list[_Account]:
    """Group stated names into accounts: a shared id or the same name, transitively."""
    owner: dict[tuple[str, str], _Account] = {}  # ("id" | "name", value) -> its account
    for name, file in entries:
        keys = [("name", name.name)] + ([("id", name.account_id)] if name.account_id else [])
        joined = list({id(a): a for k in keys if (a := owner.get(k)) is not None}.values())
        if not joined:
            joined = [_Account(platform, [])]
        first = joined[0]
        first.names.append((name, file))
        for other in joined[1:]:
            first.names.extend(other.names)
        for n, _ in first.names if len(joined) > 1 else [(name, file)]:
            owner[("name", n.name)] = first
            if n.account_id:
                owner[("id", n.account_id)] = first
    return list({id(a): a for a in owner.values()}.values())


def _home(name: AccountName, file: _File, found: list[_Account]) -> tuple[_Account | None, str]:
    """The stated account a name from a file or folder name belongs to, and why."""
    keys = ({name_key(name.name)} | {name_key(a) for a in name.aliases}) - {""}
    matching = [a for a in found if keys & a.keys()]
    if len(matching) == 1:
        return matching[0], f"from {KINDS[name.kind]}, a name of the same account"
    folder = str(Path(file.path).parent)
    here = [a for a in found if folder in a.folders()]
    if not matching and len(here) == 1:
        return here[0], f"the only {name.platform} account in the folder"
    return None, ""


def _decide(
    result: tuple[dict[tuple[str, str], str], list[str]], name: AccountName, decided: str, why: str
) -> None:
    renames, notes = result
    key = (name.platform, name.name)
    if key in renames:
        return
    renames[key] = decided
    if decided != name.name:
        notes.append(f"{name.platform} account {name.name!r} is {decided!r} ({why})")
    elif why.startswith("taken from"):
        notes.append(f"{name.platform} account {decided!r} ({why})")
