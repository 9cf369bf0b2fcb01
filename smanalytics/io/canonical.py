"""The canonical CSV form: smanalytics' own tables as plain CSV, read and written.

A canonical CSV has the columns of one canonical table (see
:mod:`smanalytics.schema`), header in the first line, UTF-8, ISO dates
(``2026-03-01``) and UTC timestamps (``2026-03-01T09:30:00Z``). Any subset of
the columns is accepted as long as the table's keys are there:
``platform, account, post_id, published_at`` for posts,
``platform, account, date`` for daily, ``platform, account, post_id,
comment_id`` for comments and ``date, platform, hours`` for effort.
Columns that are not canonical are ignored, and said so in the notes.

Mapping: none; the names are the canonical ones.

Reading takes a fast path through pyarrow's CSV reader (multi-threaded, typed
columns); a file it cannot take whole (text in a number column, a negative
count, a bad date, ragged rows) is read again row by row, so that each bad row
is recorded with its line and the rest load.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from smanalytics import schema
from smanalytics._files import atomic_write
from smanalytics.errors import ExportError, SchemaError
from smanalytics.io.mapping import to_canonical
from smanalytics.io.registry import Family, ReadContext, ReadResult, register
from smanalytics.io.source import Source
from smanalytics.privacy import hash_authors, neutralise_formulas

__all__ = ["write_csv", "canonical_table_of"]

_REQUIRED = {
    "posts": ("platform", "account", "post_id", "published_at"),
    "comments": ("platform", "account", "post_id", "comment_id"),
    "daily": ("platform", "account", "date"),
    "effort": ("date", "platform", "hours"),
}


def canonical_table_of(columns: list[str]) -> str | None:
    """The canonical table whose keys ``columns`` hold, or None.

    Examples
    --------
    >>> canonical_table_of(["platform", "account", "date", "followers"])
    'daily'
    """
    names = {c.strip().lower() for c in columns}
    for table, required in _REQUIRED.items():
        if set(required) <= names:
            return table
    return None


def _sniff(source: Source) -> bool:
    return source.kind == "text" and canonical_table_of(source.header_fields()) is not None


def _read(source: Source, context: ReadContext) -> ReadResult:
    header = [c.strip().lower() for c in source.header_fields()]
    table = canonical_table_of(header)
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise ExportError(
            f"column {twice[0]!r} appears {header.count(twice[0])} times in the header;"
            " expected each canonical column once",
            path=source.path,
            line=1 + source.line_offset,
            column=twice[0],
        )
    notes = []
    ignored = [c for c in header if c not in schema.TABLES[table]]
    if ignored:
        notes.append(f"ignored columns that are not canonical: {', '.join(ignored)}")
    frame = _read_fast(source, table, header)
    if frame is None:
        raw, rows = source.counted_table(problems=context.problems)
        raw.columns = [c.strip().lower() if c != "_line" else c for c in raw.columns]
        columns = {c: c for c in schema.TABLES[table] if c in raw.columns}
        frame = to_canonical(raw, table, columns=columns, problems=context.problems)
    else:
        rows = len(frame)
    if table == "comments" and frame["author"].notna().any():
        frame = frame.assign(author=hash_authors(frame["author"]))
        notes.append("commenter names replaced by pseudonyms")
    return ReadResult({table: frame}, data_rows=rows, notes=notes)


def _read_fast(source: Source, table: str, header: list[str]) -> pd.DataFrame | None:
    """Read a clean UTF-8 canonical CSV with pyarrow; None when it needs the careful path.

    Timestamps and days are parsed by pyarrow while it reads (about as fast as
    reading them as text, and ten times faster than parsing the text with
    pandas afterwards). Pyarrow takes only strict ISO 8601: a UTC timestamp
    with its offset (``Z``, ``+02:00``), a day without one. A file it refuses
    is read again with those columns as text and parsed by pandas, which
    accepts more (``2026-03-01`` as a UTC timestamp, ``20260301T0930``); where
    both accept a value they give the same instant.
    """
    import pyarrow as pa

    if not source.is_whole_file or source.encoding not in ("utf-8", "utf-8-sig") or source.delimiter != ",":
        return None
    if source.sep_line is not None or len(set(header)) != len(header):
        return None
    dtypes = schema.TABLES[table]
    raw_names = source.header_fields()
    kinds = {raw: dtypes[name] for raw, name in zip(raw_names, header, strict=True) if name in dtypes}
    try:
        arrow = _arrow_csv(source, {raw: _arrow_type(kind) for raw, kind in kinds.items()})
    except (pa.ArrowException, KeyError, UnicodeDecodeError):
        arrow = None
    if arrow is None and any(kind in (schema.UTC_TIMESTAMP, schema.DAY) for kind in kinds.values()):
        # strict ISO parsing refused a value: read the dates as text, let pandas try
        as_text = {raw: pa.string() if kind in (schema.UTC_TIMESTAMP, schema.DAY) else _arrow_type(kind)
                   for raw, kind in kinds.items()}  # fmt: skip
        try:
            arrow = _arrow_csv(source, as_text)
        except (pa.ArrowException, KeyError, UnicodeDecodeError):
            return None
    if arrow is None or _has_control_characters(arrow):
        return None
    frame = arrow.to_pandas(types_mapper=_nullable)
    frame.columns = [c.strip().lower() for c in frame.columns]
    for name in frame.columns:
        kind = dtypes[name]
        if kind in (schema.UTC_TIMESTAMP, schema.DAY) and frame[name].dtype == "string":
            text = frame[name]
            parsed = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
            if (parsed.isna() & text.notna()).any():
                return None
            if kind == schema.DAY:
                parsed = parsed.dt.tz_localize(None)
            frame[name] = parsed
        elif kind == schema.COUNT and (frame[name] < 0).any():
            return None
    for key in schema.KEYS[table]:
        if key in frame.columns and frame[key].isna().any():
            return None
    return schema.conform(frame, table)


#: Which bytes are control characters the careful path removes: all below 0x20 but tab, newline
#: and carriage return, and DEL. In UTF-8 each is one byte that no other character's encoding holds.
_CONTROL_BYTES = np.zeros(256, dtype=bool)
_CONTROL_BYTES[[*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]] = True


def _has_control_characters(arrow) -> bool:
    """Whether a text column holds NUL or another control character (the careful path removes them).

    Looks at the bytes of the values (ten times faster than a regular
    expression over every value).
    """
    import pyarrow as pa

    for column in arrow.itercolumns():
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            if any(_has_control_bytes(_value_bytes(chunk)) for chunk in column.chunks):
                return True
    return False


def _has_control_bytes(data: np.ndarray) -> bool:
    """Whether ``data`` holds a byte of :data:`_CONTROL_BYTES`; a quick comparison finds the candidates."""
    candidates = data[(data < 0x20) | (data == 0x7F)]  # tabs and newlines among them
    return bool(_CONTROL_BYTES[candidates].any())


def _value_bytes(chunk) -> np.ndarray:
    """The UTF-8 bytes of the values of a pyarrow string array, one after the other."""
    import pyarrow as pa

    _, offsets, data = chunk.buffers()
    if data is None or not len(chunk):
        return np.zeros(0, dtype=np.uint8)
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    at = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    return np.frombuffer(data, dtype=np.uint8)[at[0] : at[-1]]


#: Whether pyarrow reads a file with several threads. Values may hold newlines,
#: so one thread must find the row boundaries before others parse; on two
#: cores that costs 40 % more CPU time for little gain, and on a busy
#: two-core machine a single thread was faster (0.8-1.3 s against 1.3-1.8 s
#: for the benchmark's two files; benchmarks/RESULTS-metrics.md).
_THREADS = (os.cpu_count() or 1) > 2


def _arrow_csv(source: Source, types: dict):
    """Read ``source`` with pyarrow's CSV reader, only the columns of ``types``, at those types."""
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        source.path,
        read_options=pacsv.ReadOptions(block_size=1 << 24, use_threads=_THREADS),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types=types,
            include_columns=list(types),
            null_values=[""],
            strings_can_be_null=True,
            true_values=["true", "True", "TRUE", "1"],
            false_values=["false", "False", "FALSE", "0"],
        ),
    )


def _arrow_type(kind: str):
    import pyarrow as pa

    return {
        schema.COUNT: pa.int64(),
        schema.TEXT: pa.string(),
        schema.FLAG: pa.bool_(),
        schema.NUMBER: pa.float64(),
        schema.UTC_TIMESTAMP: pa.timestamp("ns", tz="UTC"),
        schema.DAY: pa.timestamp("ns"),
    }[kind]


def _nullable(arrow_type):
    import pyarrow as pa

    mapping = {
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.string(): pd.StringDtype(),
    }
    return mapping.get(arrow_type)


def write_csv(
    data: pd.DataFrame, path: str | Path, *, table: str | None = None, for_spreadsheet: bool = False
) -> Path:
    """Write a canonical table to ``path`` in the canonical CSV form, atomically.

    Parameters
    ----------
    data
        A canonical table (posts, daily, comments or effort).
    table
        Which table; worked out from the columns when not given.
    for_spreadsheet
        Neutralise text cells a spreadsheet would run as formulas (``=``,
        ``+``, ``-``, ``@``) by prefixing an apostrophe. Such a file is for
        people to open, not for reading back: the prefix stays in the text.

    Returns
    -------
    Path
        Where it was written. Reading it back with :func:`smanalytics.load`
        gives an equal table.

    Examples
    --------
    >>> import tempfile, smanalytics
    >>> daily = schema.conform(pd.DataFrame({"platform": ["x"], "account": ["cafe"],
    ...     "date": [pd.Timestamp("2026-01-01")], "followers": [120]}), "daily")
    >>> path = write_csv(daily, tempfile.mkdtemp() + "/daily.csv")
    >>> smanalytics.load(path).daily["followers"].tolist()
    [120]
    """
    table = table or canonical_table_of(list(data.columns))
    if table is None:
        raise SchemaError(
            "cannot tell which canonical table this is: expected the key columns of "
            + " or ".join(f"{t} ({', '.join(k)})" for t, k in _REQUIRED.items())
        )
    data = schema.conform(data, table)
    out = data.copy()
    for name, dtype in schema.TABLES[table].items():
        if dtype == schema.UTC_TIMESTAMP:
            stamps = out[name]
            fractional = (stamps.dt.microsecond.fillna(0) != 0).any() or (
                stamps.dt.nanosecond.fillna(0) != 0
            ).any()
            fmt = "%Y-%m-%dT%H:%M:%S.%fZ" if fractional else "%Y-%m-%dT%H:%M:%SZ"
            out[name] = stamps.dt.strftime(fmt)
        elif dtype == schema.DAY:
            out[name] = out[name].dt.strftime("%Y-%m-%d")
        elif dtype == schema.FLAG:
            out[name] = out[name].map({True: "true", False: "false"}, na_action="ignore")
        elif dtype == schema.TEXT and for_spreadsheet:
            out[name] = neutralise_formulas(out[name])
    path = Path(path)
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        out.to_csv(fh, index=False, lineterminator="\n")
    return path


register(
    Family(
        name="canonical",
        title="smanalytics canonical CSV (posts, daily, comments or effort columns)",
        platform=None,
        sniff=_sniff,
        read=_read,
    )
)
