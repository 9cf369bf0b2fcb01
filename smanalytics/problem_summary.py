"""Problem rows grouped so that a person can read them: by file and reason, with examples.

A file whose dates are in a language the reader does not know yields one
problem per row, all alike; listed one by one they fill pages. Grouped, they
say it once: ``28 rows of CyberSystema__Overview.csv: column 'Date': expected a
date (lines 2, 3, 4, ...; found '25 Φεβρουαρίου', '26 Φεβρουαρίου', ...)``.
Two rows are alike when they share file, column and reason once the value
that was found is set aside.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["summarise_problems", "describe_problems", "SUMMARY_COLUMNS"]

#: How the problem of a file that was not used at all begins (see :mod:`smanalytics.io.sources`).
FILE_NOT_USED = "file not used: "

#: The columns of :func:`summarise_problems`.
SUMMARY_COLUMNS = ("file", "column", "reason", "rows", "lines", "examples")

# "..., found '25 Φεβρουαρίου'" / "... found 'Total'": the value, set aside for grouping
_FOUND = re.compile(r",?\s*found\s+(?P<value>'.*'|\S+)\s*$", re.DOTALL)


def _split(reason: str) -> tuple[str, str | None]:
    match = _FOUND.search(reason)
    if match is None:
        return reason, None
    return reason[: match.start()], match.group("value")


def summarise_problems(problems: pd.DataFrame, *, examples: int = 3) -> pd.DataFrame:
    """Group problem rows by file, column and reason (the value found set aside).

    Parameters
    ----------
    problems
        A problems table (``file, line, column, reason``), e.g. ``Dataset.problems``.
    examples
        How many line numbers and found values to keep per group.

    Returns
    -------
    DataFrame
        One row per group, in the order groups first appear: ``file``,
        ``column``, ``reason`` (without the value), ``rows`` (how many),
        ``lines`` (the first line numbers, a list) and ``examples`` (the
        first distinct values found, a list; empty when the reason names none).

    Examples
    --------
    >>> p = pd.DataFrame({"file": ["a.csv"] * 3, "line": [2, 3, 9], "column": ["Date"] * 3,
    ...     "reason": [f"column 'Date': expected a date, found '{d} Μαρτίου'" for d in (1, 2, 3)]})
    >>> row = summarise_problems(p, examples=2).iloc[0]
    >>> int(row["rows"]), row["reason"], row["lines"], row["examples"]
    (3, "column 'Date': expected a date", [2, 3], ["'1 Μαρτίου'", "'2 Μαρτίου'"])
    """
    if not len(problems):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    split = [_split(str(r)) for r in problems["reason"]]
    frame = pd.DataFrame(
        {
            "file": problems["file"].astype("string").fillna("").to_numpy(),
            "column": problems["column"].astype("string").fillna("").to_numpy(),
            "reason": [general for general, _ in split],
            "value": [value for _, value in split],
            "line": problems["line"].to_numpy(),
        }
    )
    out = []
    for (file, column, reason), group in frame.groupby(["file", "column", "reason"], sort=False):
        lines = [int(n) for n in group["line"].dropna().head(examples)]
        values = list(dict.fromkeys(v for v in group["value"] if isinstance(v, str)))[:examples]
        out.append(
            {
                "file": file,
                "column": column or None,
                "reason": reason,
                "rows": len(group),
                "lines": lines,
                "examples": values,
            }
        )
    return pd.DataFrame(out, columns=list(SUMMARY_COLUMNS)).astype(
        {"file": "string", "column": "string", "reason": "string", "rows": "int64"}
    )


def describe_problems(problems: pd.DataFrame, *, examples: int = 3) -> list[str]:
    """One sentence per group of :func:`summarise_problems`, naming the file by its name.

    Examples
    --------
    >>> p = pd.DataFrame({"file": ["in/a.csv", "in/a.csv"], "line": [2, 5], "column": ["Likes", "Likes"],
    ...     "reason": ["column 'Likes': expected a whole number, found 'lots'"] * 2})
    >>> describe_problems(p)
    ["2 rows of a.csv: column 'Likes': expected a whole number (lines 2, 5; found 'lots')"]
    """
    sentences = []
    for row in summarise_problems(problems, examples=examples).itertuples():
        name = str(row.file).replace("\\", "/").rsplit("/", 1)[-1]
        if row.reason.startswith(FILE_NOT_USED):
            sentences.append(f"{name}: {row.reason}")
            continue
        what = f"{row.rows} row{'s' if row.rows != 1 else ''} of {name}" if row.lines else name
        detail = []
        if row.lines:
            more = ", ..." if row.rows > len(row.lines) else ""
            detail.append(f"line{'s' if row.rows != 1 else ''} {', '.join(map(str, row.lines))}{more}")
        if row.examples:
            more = ", ..." if row.rows > len(row.examples) and len(row.examples) == examples else ""
            detail.append(f"found {', '.join(row.examples)}{more}")
        sentences.append(f"{what}: {row.reason}" + (f" ({'; '.join(detail)})" if detail else ""))
    return sentences
