"""Where report files go and how they are written: inside the output folder, atomically.

:func:`client_folder` is the only way to a client's folder: the id must be a
safe folder name and ``OUT/<id>`` must be a real folder directly inside
``OUT`` (a symbolic link there is refused, never written through).

:func:`smanalytics._files.atomic_write` creates its temporary file private
(mode 0600, as :func:`tempfile.mkstemp` does); a report is meant to be opened
and shared, so the file gets the mode a plain ``open()`` would give it
(0666 less the umask) before it is renamed into place.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from smanalytics._files import atomic_write
from smanalytics.errors import ReportError
from smanalytics.report.spec import check_client_id

__all__ = ["write_text", "write_bytes", "client_folder", "remove_stale_temporaries"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically, mode 0666 less the umask."""
    path = Path(path)
    with atomic_write(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        os.fchmod(fh.fileno(), 0o666 & ~_umask())
    return path


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, mode 0666 less the umask."""
    path = Path(path)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
        os.fchmod(fh.fileno(), 0o666 & ~_umask())
    return path


def client_folder(out: str | os.PathLike, client_id: str, *, create: bool = False) -> Path:
    """``out/<client_id>``, checked to be a real folder directly inside ``out``.

    Parameters
    ----------
    out
        The output folder (it may itself be a link: it is the user's choice).
    client_id
        Checked with :func:`~smanalytics.report.spec.check_client_id`.
    create
        Create the folder (and ``out``) when missing.

    Raises
    ------
    SpecError
        For an id that is not a safe folder name.
    ReportError
        When ``out/<client_id>`` is a symbolic link, is not a folder, or
        resolves outside ``out``; nothing is written then.
    """
    check_client_id(client_id)
    out = Path(out)
    folder = out / client_id
    if folder.is_symlink():
        raise ReportError(
            f"{folder} is a symbolic link (to {os.readlink(folder)}); reports are written only into a "
            "real folder inside the output folder: remove the link",
            client=client_id,
        )
    if folder.exists() and not folder.is_dir():
        raise ReportError(f"{folder} exists and is not a folder: move it away", client=client_id)
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportError(
                f"cannot create the output folder {folder} ({exc.strerror or exc})", client=client_id
            ) from None
    if folder.exists() and folder.resolve().parent != out.resolve():
        raise ReportError(f"{folder} resolves outside the output folder {out}", client=client_id)
    return folder


def remove_stale_temporaries(folder: str | os.PathLike, names) -> list[Path]:
    """Remove the temporary files a killed writer of ``names`` left in ``folder``; return them.

    :func:`write_text` names its temporary file ``.<name>.<random>.tmp``;
    only files of that form for the given names are removed.
    """
    removed = []
    for name in names:
        for path in Path(folder).glob(f".{name}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed
