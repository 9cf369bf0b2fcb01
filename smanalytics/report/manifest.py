"""The batch manifest (``clients.yaml``): reading and validating it.

A manifest lists the clients of a batch; a client's keys are the options of
:class:`~smanalytics.report.spec.ClientSpec`::

    period: last-month            # optional: any option but id, name and exports,
    reference: peers.csv          # set here for every client (a client's own wins)
    clients:
      - id: lucys-lemonade        # [a-z0-9][a-z0-9_-]*, the output folder's name
        name: Lucy's Lemonade     # shown in the report
        exports: [lucys-lemonade/*.csv]
        hours_per_week: 2         # optional: the owner's time on social media

Paths are relative to the manifest's folder. Without a ``reference:`` (a CSV
of other accounts, ``followers, conversation_rate``), the batch compares each
client with the whole batch: before any report runs it writes
``OUT/portfolio.csv`` from every client's accounts (see
:mod:`smanalytics.report.portfolio`). The whole manifest is checked before
anything runs: an id that could escape the output folder (``../x``), a
duplicate id, a misspelt key or a value of the wrong kind stops the batch with
a :class:`~smanalytics.errors.ManifestError` naming the file and the client.
Whether the export files exist is checked per client later, so that one
client's missing files fail only that client.

A manifest-level ``agency:`` block (:mod:`smanalytics.report.branding`) brands
every report; its logo is checked here, before anything runs: it must lie
inside the manifest's folder (no ``..``, symbolic links resolved) and be a
whole PNG or JPEG of a sensible size, else the batch stops with an error
naming ``agency.logo`` and the file. A client's ``notes_file`` must lie inside
the manifest's folder too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from smanalytics.errors import ManifestError, SpecError
from smanalytics.report.branding import Agency, inside_folder, read_logo
from smanalytics.report.spec import ClientSpec, options

__all__ = ["Manifest", "load_manifest", "parse_manifest"]


@dataclass(frozen=True)
class Manifest:
    """A validated manifest: its clients in order, and the file it was read from.

    Attributes
    ----------
    clients
        One :class:`~smanalytics.report.spec.ClientSpec` per client, paths
        resolved against the manifest's folder.
    path
        The manifest file (None for text parsed directly).
    """

    clients: tuple[ClientSpec, ...]
    path: Path | None = None


def load_manifest(
    path: str | os.PathLike, *, spec: type[ClientSpec] = ClientSpec, overrides: Mapping | None = None
) -> Manifest:
    """Read and validate a manifest file.

    Parameters
    ----------
    path
        The ``clients.yaml`` file.
    spec
        The client spec (a subclass of :class:`~smanalytics.report.spec.ClientSpec`
        with more options).
    overrides
        Options for every client that win over the manifest's (the command
        line's ``smanalytics batch ... --period 2026-09``); relative paths
        among them are taken from the current folder.

    Returns
    -------
    Manifest
        Clients in the manifest's order, paths resolved against its folder.

    Raises
    ------
    ManifestError
        For a missing or unreadable file, YAML that is not a list of clients,
        an invalid or duplicate id, a missing ``exports``, an unknown key or
        a value of the wrong kind.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"cannot read the manifest ({exc.strerror or exc})", path=path) from None
    return parse_manifest(text, base=path.resolve().parent, path=path, spec=spec, overrides=overrides)


def parse_manifest(
    text: str,
    *,
    base: str | os.PathLike,
    path: str | Path | None = None,
    spec: type[ClientSpec] = ClientSpec,
    overrides: Mapping | None = None,
) -> Manifest:
    """Validate manifest ``text``; relative paths are taken from ``base``; ``overrides`` win over it.

    Examples
    --------
    >>> manifest = parse_manifest("clients:\\n  - id: cafe\\n    exports: [cafe/*.csv]\\n", base="/data")
    >>> client = manifest.clients[0]
    >>> client.id, client.name, client.exports
    ('cafe', 'cafe', ('/data/cafe/*.csv',))
    """
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ManifestError(f"not valid YAML{where}: {getattr(exc, 'problem', exc)}", path=path) from None
    except ValueError as exc:  # what YAML reads as a date but is none: 2026-02-30
        raise ManifestError(f"holds a date that does not exist ({exc})", path=path) from None
    shared = [f.name for f, o in options(spec) if not o.per_client]
    defaults = {}
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"clients", *shared}, key=str)
        if unknown:
            raise ManifestError(
                f"unknown top-level key {', '.join(map(repr, unknown))}; expected 'clients' and "
                f"options for every client: {', '.join(shared)}",
                path=path,
            )
        defaults = {k: data[k] for k in shared if k in data}
        if "agency" in defaults:
            _check_branding(defaults["agency"], Path(base), path, client=None)
        data = data.get("clients")
    if not isinstance(data, list) or not data:
        raise ManifestError(
            "expected 'clients:' followed by a list of clients (id, name, exports)", path=path
        )
    clients, seen = [], set()
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise ManifestError(f"client number {number} is not a mapping of id, name, exports", path=path)
        client = _client({**defaults, **entry, **_absolute(overrides or {}, spec)}, Path(base), path, spec)
        if "agency" in entry:
            _check_branding(entry["agency"], Path(base), path, client=client.id)
        if client.notes_file:
            _check_inside("notes_file", entry["notes_file"], Path(base), path, client=client.id)
        if client.id in seen:
            raise ManifestError("the id appears twice; ids name output folders", path=path, client=client.id)
        seen.add(client.id)
        clients.append(client)
    return Manifest(tuple(clients), Path(path) if path is not None else None)


def _absolute(overrides: Mapping, spec: type[ClientSpec]) -> dict:
    """``overrides`` with relative paths made absolute from the current folder, not the manifest's."""
    paths = {f.name: o for f, o in options(spec) if o.paths}
    out = {}
    for key, value in overrides.items():
        if key in paths and isinstance(value, str):
            value = os.path.abspath(value)
        elif key in paths and isinstance(value, (list, tuple)) and key == "agency":  # name:... logo:...
            try:
                value = paths[key].parse(value).with_paths_from(os.getcwd())
            except (ValueError, AttributeError):
                pass  # the spec says what is wrong with it
        out[key] = value
    return out


def _client(entry: dict, base: Path, path: str | Path | None, spec: type[ClientSpec]) -> ClientSpec:
    """One client's spec from its manifest entry (with the manifest's defaults)."""
    raw_id = entry.get("id")
    known = {f.name: o for f, o in options(spec)}
    unknown = sorted(set(entry) - set(known), key=str)
    if unknown:
        raise ManifestError(
            f"unknown key {', '.join(map(repr, unknown))}; expected some of {', '.join(known)}",
            path=path,
            client=str(raw_id),
        )
    if "exports" not in entry:
        raise ManifestError("'exports' must be given: the client's files, folders or globs", path=path,
                            client=str(raw_id))  # fmt: skip
    try:
        return spec(**entry).with_paths_from(base)
    except SpecError as exc:
        raise ManifestError(exc.reason, path=path, client=str(raw_id)) from None


def _check_branding(value: object, base: Path, path: str | Path | None, *, client: str | None) -> None:
    """Check an ``agency:`` block as written: its keys and values, and that its logo is a whole
    PNG or JPEG inside the manifest's folder."""
    try:
        agency = Agency.parse(value)
    except ValueError as exc:
        raise ManifestError(f"'agency' {exc}; got {value!r}", path=path, client=client) from None
    if agency is None or not agency.logo:
        return
    _check_inside("agency.logo", agency.logo, base, path, client=client)
    try:
        read_logo(base / agency.logo)
    except ValueError as exc:
        raise ManifestError(f"'agency.logo' {agency.logo!r} {exc}", path=path, client=client) from None


def _check_inside(key: str, value: str, base: Path, path: str | Path | None, *, client: str | None) -> None:
    """Raise ManifestError unless the file ``value`` (option ``key``) is inside the folder ``base``."""
    try:
        inside_folder(value, base)
    except ValueError as exc:
        raise ManifestError(f"{key!r} {value!r} {exc}", path=path, client=client) from None
