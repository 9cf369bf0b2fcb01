"""The client spec: every option of one client's report, each declared once.

A :class:`ClientSpec` is what a report is made from. Each of its fields is an
option, declared here with its type, default and help (:func:`option`), and
everything else derives from these declarations:

* the manifest (:mod:`smanalytics.report.manifest`): a client's keys are the
  field names; every option but ``id``, ``name`` and ``exports`` may also be
  set once at the manifest's top level, for every client;
* ``smanalytics report``: ``CLIENT_ID EXPORTS...`` and one ``--flag`` per
  other option (``hours_per_week`` is ``--hours-per-week``);
* :func:`~smanalytics.report.runner.run_report` and
  :func:`~smanalytics.report.batch.run_batch`, which take specs;
* the template's parameters (:meth:`ClientSpec.to_parameters`,
  :meth:`ClientSpec.from_parameters`), whose first cell declares the same
  names, types and help (a test checks it).

Values are checked when a spec is made, wherever it comes from: a bad value
raises :class:`~smanalytics.errors.SpecError` naming the option, the value
and what it must be. Adding an option is one field here, one line in the
template's first cell, and its use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields

from smanalytics.errors import SpecError
from smanalytics.i18n import check_language
from smanalytics.periods import Period, is_relative, parse_period
from smanalytics.report.branding import Agency
from smanalytics.report.html import COLOR

__all__ = [
    "ClientSpec",
    "Option",
    "option",
    "options",
    "CLIENT_ID",
    "check_client_id",
    "parameter_type",
]

#: What a client id must look like: it becomes a folder name under the output folder.
CLIENT_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Option:
    """How a :class:`ClientSpec` field is given and checked (kept in the field's metadata).

    Attributes
    ----------
    help
        One line for the manifest, ``--help`` and the template's first cell.
    parse
        Turns a given value (from YAML, the command line or Python) into the
        field's value; raises ValueError saying what the value must be.
    paths
        The value is a path or paths; relative ones are taken from the
        manifest's folder.
    per_client
        Only in a client's own entry, never a manifest-wide default.
    parameter
        The template's name for it, when not the field's name.
    """

    help: str
    parse: Callable[[object], object]
    paths: bool = False
    per_client: bool = False
    parameter: str | None = None


def option(
    help: str,
    *,
    parse: Callable[[object], object],
    default: object = MISSING,
    paths: bool = False,
    per_client: bool = False,
    parameter: str | None = None,
) -> Field:
    """A :class:`ClientSpec` field: a dataclass field carrying its :class:`Option`."""
    return field(default=default, metadata={"option": Option(help, parse, paths, per_client, parameter)})


def _client_id(value: object) -> str:
    if not isinstance(value, str) or not CLIENT_ID.fullmatch(value):
        raise ValueError(
            "must be lowercase letters, digits, '-' and '_', starting with a letter or digit "
            "(it becomes the output folder's name)"
        )
    return value


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be text")
    return str(value)


def _export_paths(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, (str, os.PathLike)) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ValueError("must be a file, a folder, a glob or a list of them")
    paths = tuple(os.fspath(i) if isinstance(i, (str, os.PathLike)) else None for i in items)
    if not all(paths):
        raise ValueError("must be a file, a folder, a glob or a list of them")
    return paths


def _optional(parse: Callable[[object], object]) -> Callable[[object], object]:
    """``parse``, with None and the empty text (the template's "not given") taken as None."""

    def parse_optional(value: object) -> object:
        return None if value is None or value == "" else parse(value)

    return parse_optional


@_optional
def _iso_date(value: object) -> str:
    if isinstance(value, dt.date):  # YAML reads 2026-01-31 as a date
        return value.strftime("%Y-%m-%d")
    text = str(value)
    try:
        ok = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) and dt.date.fromisoformat(text)
    except ValueError:
        ok = False
    if not ok:
        raise ValueError("must be a date written YYYY-MM-DD")
    return text


@_optional
def _period(value: object) -> str:
    """A period's canonical text (``2026-09``, ...); ``last-*`` ones are kept until the spec resolves them."""
    if not isinstance(value, str):
        raise ValueError("must be a period written as text, e.g. 2026-10 or last-month")
    return value.strip().lower() if is_relative(value) else parse_period(value).code


@_optional
def _hours(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise ValueError("must be a number of hours, 0 or more")
    return float(value)


@_optional
def _path(value: object) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError("must be the path of a file")
    return os.fspath(value)


def _note(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("must be text (Markdown)")
    return value


#: The paper sizes a report's PDF is laid out for: the option's value and the CSS ``@page`` size.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


def _paper(value: object) -> str:
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text not in PAPER_SIZES:
        raise ValueError(f"must be one of {', '.join(PAPER_SIZES)}")
    return text


@_optional
def _color(value: object) -> str:
    if not isinstance(value, str) or not COLOR.fullmatch(value):
        raise ValueError("must be written #rrggbb")
    return value


def _language(value: object) -> str:
    return check_language(value, auto=True)


def _per_platform(what: str, value_of: Callable[[object], object], example: str):
    """A parser of ``{platform: value}`` (YAML, Python), ``platform:value`` or ``platform=value``
    texts (the command line) or ``[platform, value]`` pairs (the template), into sorted pairs."""

    def parse(value: object) -> tuple[tuple[str, object], ...]:
        if value is None or value == "" or (isinstance(value, (list, tuple, Mapping)) and not value):
            return ()
        if isinstance(value, Mapping):
            items = list(value.items())
        elif isinstance(value, (list, tuple)):
            items = [
                tuple(re.split(r"[=:]", i, maxsplit=1)) if isinstance(i, str) and re.search(r"[=:]", i)
                else tuple(i)
                if isinstance(i, (list, tuple)) and len(i) == 2 else None
                for i in value
            ]  # fmt: skip
        else:
            items = [None]
        out = {}
        for item in items:
            platform = str(item[0]).strip().lower() if item is not None else ""
            if not platform:
                raise ValueError(f"must give {what} per platform, e.g. {example}")
            try:
                out[platform] = value_of(item[1])
            except ValueError:
                raise ValueError(f"must give {what} per platform, e.g. {example}") from None
        return tuple(sorted(out.items()))

    return parse


def _count(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise ValueError("not a count")
    return int(text)


def _name(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise ValueError("not a name")
    return str(value).strip()


#: Parsers of per-platform follower counts and account names, as the spec and the command line take them.
parse_followers = _per_platform("a follower count", _count, "{instagram: 1629}")
parse_accounts = _per_platform("an account name", _name, "{instagram: elitravelguy}")


@dataclass(frozen=True)
class ClientSpec:
    """Every option of one client's report, checked.

    Examples
    --------
    >>> spec = ClientSpec("cafe", exports="exports/cafe/", hours_per_week=3)
    >>> spec.name, spec.exports, spec.hours_per_week
    ('cafe', ('exports/cafe/',), 3.0)
    >>> ClientSpec("cafe", exports=["a.csv"], today="2026-13-01")
    Traceback (most recent call last):
    ...
    smanalytics.errors.SpecError: client 'cafe': 'today' must be a date written YYYY-MM-DD; got ...'

    A period counted back from today is fixed when the spec is made, so every
    step of the report (and ``--resume``) sees the same days:

    >>> ClientSpec("cafe", exports=["a.csv"], period="last-month", today="2026-10-05").period
    '2026-09'
    """

    id: str = option(
        "the client's id: lowercase letters, digits, - and _ (the output folder's name)",
        parse=_client_id,
        per_client=True,
        parameter="client_id",
    )
    exports: tuple[str, ...] = option(
        "the client's export files, folders or globs",
        parse=_export_paths,
        paths=True,
        per_client=True,
    )
    name: str = option(
        "the client's name as shown in the report (default: the id)",
        parse=_text,
        default="",
        per_client=True,
        parameter="client_name",
    )
    period: str | None = option(
        "the period the report covers: 2026-10, 2026-Q3, 2026-W42 (ISO week), 2026-07-01..2026-09-30,"
        " last-month, last-quarter or last-week (default: all the data)",
        parse=_period,
        default=None,
    )
    today: str | None = option(
        "the day last-month, last-quarter and last-week count back from, YYYY-MM-DD (default: today)",
        parse=_iso_date,
        default=None,
    )
    hours_per_week: float | None = option(
        "the owner's hours a week on social media (default: unknown)", parse=_hours, default=None
    )
    reference: str | None = option(
        "CSV of other accounts (followers, conversation_rate) to compare conversation with "
        "(default: the batch's clients when 8 or more are on the platform, else published benchmarks)",
        parse=_path,
        default=None,
        paths=True,
    )
    accent_color: str | None = option(
        "colour of the report's accents, #rrggbb (default: the agency's, else blue)",
        parse=_color,
        default=None,
    )
    paper: str = option("the PDF's paper size: a4 or letter (default: a4)", parse=_paper, default="a4")
    agency: Agency | None = option(
        "the agency's branding: {name, logo, accent_color, footer} (name:... logo:... on the command line);"
        " the logo a PNG or JPEG",
        parse=Agency.parse,
        default=None,
        paths=True,
    )
    notes: str = option(
        "the analyst's note to the client, shown near the top of the report (Markdown: paragraphs,"
        " *emphasis*, lists, http(s) links; no HTML)",
        parse=_note,
        default="",
        per_client=True,
    )
    notes_file: str | None = option(
        "a Markdown file holding the analyst's note, instead of notes (in a manifest: inside its folder)",
        parse=_path,
        default=None,
        paths=True,
        per_client=True,
    )
    followers: tuple[tuple[str, int], ...] = option(
        "today's follower count per platform, e.g. {instagram: 1629} (instagram:1629 on the command line);"
        " it anchors the daily followers rebuilt from the follows",
        parse=parse_followers,
        default=(),
        per_client=True,
    )
    accounts: tuple[tuple[str, str], ...] = option(
        "the account's name per platform, e.g. {instagram: elitravelguy} (instagram:elitravelguy on the"
        " command line), when the exports name it differently or not at all",
        parse=parse_accounts,
        default=(),
        per_client=True,
    )
    language: str = option(
        "the report's language: en, fr, es, de or pt; auto takes the language the client's exports"
        " were written in (English when they do not tell)",
        parse=_language,
        default="en",
    )

    def __post_init__(self) -> None:
        client = self.id if isinstance(self.id, str) and CLIENT_ID.fullmatch(self.id) else None
        for f, spec in options(type(self)):
            value = getattr(self, f.name)
            try:
                parsed = spec.parse(value)
            except ValueError as exc:
                raise SpecError(f"{f.name!r} {exc}; got {value!r}", option=f.name, client=client) from None
            object.__setattr__(self, f.name, parsed)
        if self.notes and self.notes_file:
            raise SpecError("give 'notes' or 'notes_file', not both", option="notes_file", client=client)
        if not self.name:
            object.__setattr__(self, "name", self.id)
        if is_relative(self.period):
            object.__setattr__(self, "period", parse_period(self.period, today=self.today).code)

    @property
    def report_period(self) -> Period | None:
        """The :class:`~smanalytics.periods.Period` the report covers; None for all the data."""
        return parse_period(self.period) if self.period else None

    @property
    def accent(self) -> str | None:
        """The report's accent colour: the client's own, else the agency's (None: the palette's)."""
        return self.accent_color or (self.agency.accent_color if self.agency else None)

    def with_paths_from(self, base: str | os.PathLike) -> ClientSpec:
        """This spec with its relative paths (exports, reference, ...) taken from ``base``; ``~`` expanded.

        Examples
        --------
        >>> ClientSpec("cafe", exports=["cafe/*.csv", "/abs/x.csv"]).with_paths_from("/data").exports
        ('/data/cafe/*.csv', '/abs/x.csv')
        """

        def resolved(path: str) -> str:
            return os.path.join(os.fspath(base), os.path.expanduser(path))

        changes = {}
        for f, spec in options(type(self)):
            value = getattr(self, f.name)
            if not (spec.paths and value):
                continue
            if isinstance(value, tuple):
                changes[f.name] = tuple(map(resolved, value))
            elif isinstance(value, str):
                changes[f.name] = resolved(value)
            else:  # a structured option (the agency) resolves its own paths
                changes[f.name] = value.with_paths_from(base)
        return dataclasses.replace(self, **changes)

    def input_paths(self) -> list[str]:
        """The paths and globs this client's report reads (exports, reference, ...)."""
        out: list[str] = []
        for f, spec in options(type(self)):
            value = getattr(self, f.name)
            if spec.paths and value:
                out.extend(value if isinstance(value, tuple) else [value] if isinstance(value, str)
                           else value.input_paths())  # fmt: skip
        return out

    def to_parameters(self) -> dict[str, object]:
        """The template's parameters for this client: plain data only (text, numbers, lists, None).

        Every option is passed, so no template default (which describes a
        sample client) leaks into another client's report.

        Examples
        --------
        >>> ClientSpec("cafe", exports=["/d/cafe.csv"], name="Bob's").to_parameters()["client_name"]
        "Bob's"
        >>> ClientSpec("cafe", exports=["a.csv"], followers={"instagram": 1629}).to_parameters()["followers"]
        [['instagram', 1629]]
        """
        return {spec.parameter or f.name: _plain(getattr(self, f.name)) for f, spec in options(type(self))}

    @classmethod
    def from_parameters(cls, namespace: Mapping[str, object]) -> ClientSpec:
        """The spec whose :meth:`to_parameters` are in ``namespace`` (the template's variables).

        Names of ``namespace`` that are not options are ignored; options it
        lacks keep their defaults.

        Examples
        --------
        >>> ClientSpec.from_parameters({"client_id": "cafe", "exports": ["a.csv"], "out_dir": ""}).exports
        ('a.csv',)
        """
        given = {}
        for f, spec in options(cls):
            name = spec.parameter or f.name
            if name in namespace:
                given[f.name] = namespace[name]
        return cls(**given)


def _plain(value: object) -> object:
    """``value`` as plain data for the template: tuples made lists, however deep (papermill writes a
    tuple as its text), structures (the agency) made dicts."""
    if dataclasses.is_dataclass(value):
        return value.to_parameter()
    return [_plain(v) for v in value] if isinstance(value, (tuple, list)) else value


def options(spec_type: type[ClientSpec] = ClientSpec) -> Iterator[tuple[Field, Option]]:
    """Each option of ``spec_type``, in declaration order, with its :class:`Option`."""
    for f in fields(spec_type):
        yield f, f.metadata["option"]


def parameter_type(spec_type: type[ClientSpec], f: Field) -> type:
    """The plain type of option ``f`` as the template declares it: str, float, list, ...

    ``str | None`` is ``str`` (the template's empty text means "not given"),
    ``tuple[str, ...]`` is ``list``, a structure (``Agency``) is ``dict``.
    """
    hint = typing.get_type_hints(spec_type)[f.name]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    kind = typing.get_origin(hint) or hint
    return list if kind is tuple else dict if dataclasses.is_dataclass(kind) else kind


def check_client_id(client_id: object) -> str:
    """Return ``client_id`` if it is a safe folder name, else raise SpecError.

    Examples
    --------
    >>> check_client_id("lucys-lemonade")
    'lucys-lemonade'
    >>> check_client_id("../etc")
    Traceback (most recent call last):
    ...
    smanalytics.errors.SpecError: 'id' must be lowercase letters, digits, '-' and '_', ...
    """
    try:
        return _client_id(client_id)
    except ValueError as exc:
        raise SpecError(f"'id' {exc}; got {client_id!r}", option="id") from None
