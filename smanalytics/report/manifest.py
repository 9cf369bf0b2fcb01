"""The batch manifest (``clients.yaml``): reading and validating it.

A manifest lists the clients of a batch::

    clients:
      - id: lucys-lemonade        # [a-z0-9][a-z0-9_-]*, the output folder's name
        name: Lucy's Lemonade     # shown in the report
        exports: [lucys-lemonade/*.csv]
        hours_per_week: 2         # optional: the owner's time on social media

Paths are relative to the manifest's folder. An optional top-level
``reference:`` (or a client's own) names a CSV of other accounts
(``followers, conversation_rate``) that conversation is compared with at the
account's size. Without one, the batch compares each client with the whole
batch: before any report runs it writes ``OUT/portfolio.csv`` from every
client's accounts (see :mod:`smanalytics.report.portfolio`). The whole
manifest is checked before anything runs: an id that could escape the output folder (``../x``),
a duplicate id or a misspelt key stops the batch with a
:class:`~smanalytics.errors.ManifestError` naming the file and the client.
Whether the export files exist is checked per client later, so that one
client's missing files fail only that client.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from smanalytics.errors import ManifestError

__all__ = ["Client", "CLIENT_ID", "check_client_id", "load_manifest", "parse_manifest"]

#: What a client id must look like: it becomes a folder name under the output folder.
CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")

_KEYS = {"id", "name", "exports", "hours_per_week", "period_start", "period_end", "accent_color", "reference"}


@dataclass(frozen=True)
class Client:
    """One client of a batch.

    Attributes
    ----------
    id
        Lowercase letters, digits, ``-`` and ``_``; the output folder's name.
    name
        Shown in the report; any text (it reaches the notebook only as a
        parameter value, never as code).
    exports
        Export files or globs, absolute (resolved against the manifest).
    hours_per_week
        The owner's time on social media, when known.
    period_start, period_end
        Optional ISO dates limiting the report's period.
    accent_color
        Optional colour of the report's accents (``#1f77b4``).
    reference
        Optional CSV of other accounts to compare conversation with (absolute).
    """

    id: str
    name: str
    exports: tuple[str, ...]
    hours_per_week: float | None = None
    period_start: str | None = None
    period_end: str | None = None
    accent_color: str | None = None
    reference: str | None = None


def check_client_id(client_id: object, *, path: str | Path | None = None) -> str:
    """Return ``client_id`` if it is a safe folder name, else raise ManifestError.

    Examples
    --------
    >>> check_client_id("lucys-lemonade")
    'lucys-lemonade'
    >>> check_client_id("../etc")
    Traceback (most recent call last):
    ...
    smanalytics.errors.ManifestError: client '../etc': invalid id; expected lowercase letters, ...
    """
    if not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id):
        raise ManifestError(
            "invalid id; expected lowercase letters, digits, '-' and '_', starting with a letter "
            "or digit (it becomes the output folder's name)",
            path=path,
            client=str(client_id),
        )
    return client_id


def load_manifest(path: str | os.PathLike) -> list[Client]:
    """Read and validate a manifest file.

    Parameters
    ----------
    path
        The ``clients.yaml`` file.

    Returns
    -------
    list of Client
        In the manifest's order, export paths resolved against its folder.

    Raises
    ------
    ManifestError
        For a missing or unreadable file, YAML that is not a list of clients,
        an invalid or duplicate id, a missing ``exports``, an unknown key or
        a value of the wrong type.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"cannot read the manifest ({exc.strerror or exc})", path=path) from None
    return parse_manifest(text, base=path.resolve().parent, path=path)


def parse_manifest(text: str, *, base: str | os.PathLike, path: str | Path | None = None) -> list[Client]:
    """Validate manifest ``text``; relative export paths are taken from ``base``.

    Examples
    --------
    >>> clients = parse_manifest("clients:\\n  - id: cafe\\n    exports: [cafe/*.csv]\\n", base="/data")
    >>> clients[0].id, clients[0].name, clients[0].exports
    ('cafe', 'cafe', ('/data/cafe/*.csv',))
    """
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ManifestError(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}", path=path) from None
    reference = None
    if isinstance(data, dict):
        reference = data.get("reference")
        if reference is not None and not (isinstance(reference, str) and reference):
            raise ManifestError("'reference' must be the path of a CSV file", path=path)
        data = data.get("clients")
    if not isinstance(data, list) or not data:
        raise ManifestError(
            "expected 'clients:' followed by a list of clients (id, name, exports)", path=path
        )
    clients, seen = [], set()
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise ManifestError(f"client number {number} is not a mapping of id, name, exports", path=path)
        client_id = check_client_id(entry.get("id"), path=path)
        if client_id in seen:
            raise ManifestError("the id appears twice; ids name output folders", path=path, client=client_id)
        seen.add(client_id)
        entry = {"reference": reference, **entry} if reference is not None else entry
        clients.append(_client(entry, client_id, Path(base), path))
    return clients


def _client(entry: dict, client_id: str, base: Path, path: str | Path | None) -> Client:
    def fail(message: str):
        return ManifestError(message, path=path, client=client_id)

    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise fail(
            f"unknown key {', '.join(map(repr, unknown))}; expected some of {', '.join(sorted(_KEYS))}"
        )
    exports = entry.get("exports")
    if isinstance(exports, str):
        exports = [exports]
    if not isinstance(exports, list) or not exports or not all(isinstance(e, str) and e for e in exports):
        raise fail("'exports' must be a file, a glob or a list of them")
    name = entry.get("name", client_id)
    if not isinstance(name, (str, int, float)):
        raise fail("'name' must be text")
    hours = entry.get("hours_per_week")
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours < 0):
        raise fail(f"'hours_per_week' must be a number of hours, 0 or more; got {hours!r}")
    dates = {}
    for key in ("period_start", "period_end"):
        value = entry.get(key)
        if value is not None:
            value = str(value)
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise fail(f"'{key}' must be a date written YYYY-MM-DD; got {value!r}")
        dates[key] = value
    color = entry.get("accent_color")
    if color is not None and not (isinstance(color, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", color)):
        raise fail(f"'accent_color' must be written #rrggbb; got {color!r}")
    resolved = tuple(str(base / os.path.expanduser(e)) for e in exports)
    reference = entry.get("reference")
    if reference is not None and not (isinstance(reference, str) and reference):
        raise fail("'reference' must be the path of a CSV file")
    return Client(
        id=client_id,
        name=str(name),
        exports=resolved,
        hours_per_week=float(hours) if hours is not None else None,
        accent_color=color,
        reference=str(base / os.path.expanduser(reference)) if reference else None,
        **dates,
    )
