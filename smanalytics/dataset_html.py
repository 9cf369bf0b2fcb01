"""How a :class:`~smanalytics.dataset.Dataset` shows itself in JupyterLab: accounts, files and problems.

``Dataset._repr_html_`` calls :func:`dataset_html`: one table of the accounts
(platform, account, period, posts, daily rows, how their followers are
known), one of the files (what each is, what became of it), and the problem
rows grouped by file and reason (a file not used is said once, in the files
table). Every text that comes from an export (file names, account names,
reasons quoting a cell) is escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from smanalytics.problem_summary import FILE_NOT_USED, describe_problems

__all__ = ["dataset_html", "MAX_ROWS"]

#: Rows shown per table; the rest are counted.
MAX_ROWS = 30

#: How each follower basis is said (``Dataset.follower_basis``).
_BASIS = {
    "exported": "known (exported)",
    "reconstructed": "reconstructed",
    "total": "one total only",
    "none": "unknown",
}

_STYLE = (
    "<style>.sm-ds table{border-collapse:collapse;margin:.2em 0 .8em}"
    ".sm-ds th,.sm-ds td{padding:.15em .6em;text-align:left;border-bottom:1px solid #ddd}"
    ".sm-ds td.n{text-align:right}.sm-ds .unused td{color:#8a5a00}"
    ".sm-ds h4{margin:.6em 0 .2em}</style>"
)


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def _table(header: list[str], rows: list[tuple[list[str], str]], numeric: set[int], total: int) -> str:
    """An HTML table of already escaped cells; each row with its CSS class."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = []
    for cells, css in rows[:MAX_ROWS]:
        tds = "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(cells)
        )
        body.append(f'<tr class="{css}">{tds}</tr>' if css else f"<tr>{tds}</tr>")
    more = f"<p>... and {total - MAX_ROWS} more</p>" if total > MAX_ROWS else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def _accounts(dataset) -> str:
    accounts = dataset.accounts()
    if not len(accounts):
        return "<p>No account data.</p>"
    known = {
        (row.platform, row.account): (row.followers_basis, row.followers_note)
        for row in dataset.follower_basis.itertuples()
    }
    rows = []
    for row in accounts.itertuples():
        kind, note = known.get((row.platform, row.account), ("none", ""))
        followers = f'<span title="{_text(note)}">{_text(_BASIS.get(kind, kind))}</span>'
        period = f"{_day(row.start)} to {_day(row.end)}" if pd.notna(row.start) else ""
        rows.append(
            ([_text(row.platform), _text(row.account), period, str(row.posts), str(row.days), followers], "")
        )
    header = ["platform", "account", "period", "posts", "daily rows", "followers"]
    return _table(header, rows, {3, 4}, len(rows))


def _sources(dataset) -> str:
    sources = dataset.sources
    if not len(sources):
        return "<p>No files.</p>"
    rows = []
    for row in sources.itertuples():
        name = str(row.file).replace("\\", "/").rsplit("/", 1)[-1]
        status = str(row.status)
        what = row.title if status == "read" else row.notes
        cells = [
            f'<span title="{_text(row.file)}">{_text(name)}</span>',
            _text(status),
            _text(what),
            _text(row.rows),
            _text(row.problems),
        ]
        rows.append((cells, "" if status == "read" else "unused"))
    return _table(["file", "status", "what it is", "rows", "problems"], rows, {3, 4}, len(rows))


def _problems(dataset) -> str:
    """The problem rows grouped; a file not used is in the files table already, with why."""
    problems = dataset.problems
    rows = problems[~problems["reason"].astype("string").str.startswith(FILE_NOT_USED).fillna(False)]
    sentences = describe_problems(rows)
    if not sentences:
        return "<p>Every row of every file used was read.</p>"
    items = "".join(f"<li>{_text(s)}</li>" for s in sentences[:MAX_ROWS])
    more = f"<li>... and {len(sentences) - MAX_ROWS} more groups</li>" if len(sentences) > MAX_ROWS else ""
    return f"<ul>{items}{more}</ul>"


def dataset_html(dataset) -> str:
    """The HTML a notebook shows for ``dataset``: accounts, files and grouped problems, all text escaped.

    Examples
    --------
    >>> from smanalytics.dataset import Dataset
    >>> "<h4>Accounts</h4><p>No account data.</p>" in dataset_html(Dataset())
    True
    """
    return (
        f'{_STYLE}<div class="sm-ds"><p><b>{_text(repr(dataset))}</b></p>'
        f"<h4>Accounts</h4>{_accounts(dataset)}"
        f"<h4>Files</h4>{_sources(dataset)}"
        f"<h4>Rows not read</h4>{_problems(dataset)}</div>"
    )
