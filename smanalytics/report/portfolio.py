"""The batch's portfolio: every client's accounts, for the size benchmark.

Small accounts get more conversation per follower than big ones, so each
client's conversation rate is compared with what is usual at its size among
the other accounts of the batch (DESIGN.md §5). Before any notebook runs,
:func:`portfolio_rows` summarises each client's exports (in the batch's own
workers), and :func:`write_portfolio` writes ``OUT/portfolio.csv``, which
every client without a ``reference:`` of its own then receives. What this
pass reads is kept for each client's report (:mod:`smanalytics.report.tables`),
so no export is parsed twice.
"""

from __future__ import annotations

import os
from pathlib import Path

from smanalytics.report._output import write_text
from smanalytics.report.spec import ClientSpec

__all__ = ["PORTFOLIO_COLUMNS", "portfolio_rows", "write_portfolio"]

PORTFOLIO_COLUMNS = ["client_id", "platform", "account", "followers", "conversation_rate"]


def portfolio_rows(client: ClientSpec, tables: str | os.PathLike | None = None) -> list[dict]:
    """One row per account of ``client``: followers and conversation rate (comments / followers).

    Over all the client's data, whatever its period. With ``tables``, the
    data read is also written there (:mod:`smanalytics.report.tables`), for
    the client's report to use instead of reading the exports again. Never
    raises: a client whose exports cannot be read or summarised adds no rows,
    and its own report fails with the reason.
    """
    from smanalytics.errors import SmanalyticsError
    from smanalytics.metrics import account_summary
    from smanalytics.report.content import export_files, load_exports
    from smanalytics.report.tables import fingerprint, write_tables

    try:
        read_from = fingerprint(export_files(client)) if tables else None  # before reading them
    except (OSError, SmanalyticsError):  # the report reads them itself, and says what is wrong
        read_from = None
    try:
        dataset = load_exports(client, period=False)
    except Exception:  # one client must not stop the batch; its report says what went wrong
        return []
    if read_from is not None:
        try:
            write_tables(dataset, tables, read_from)
        except Exception:  # a full disk, say: the report reads the exports itself
            pass
    try:
        summary = account_summary(dataset.posts, dataset.daily)
    except Exception:
        return []
    rows = []
    for row in summary.itertuples():
        rows.append(
            {
                "client_id": client.id,
                "platform": row.platform,
                "account": row.account,
                "followers": None if _missing(row.followers) else int(row.followers),
                "conversation_rate": None
                if _missing(row.conversation_rate)
                else float(row.conversation_rate),
            }
        )
    return rows


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def write_portfolio(rows: list[dict], out: str | os.PathLike) -> Path:
    """Write ``out/portfolio.csv`` (atomically), leaving it untouched when nothing changed.

    An unchanged file keeps its modification time, so ``--resume`` does not
    take every report for stale.
    """
    import pandas as pd

    path = Path(out) / "portfolio.csv"
    text = pd.DataFrame(rows, columns=PORTFOLIO_COLUMNS).to_csv(index=False, lineterminator="\n")
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_text(path, text)
    return path
