"""Writing report files: atomically (temp file, then rename) and readable like any new file.

:func:`smanalytics._files.atomic_write` creates its temporary file private
(mode 0600, as :func:`tempfile.mkstemp` does); a report is meant to be opened
and shared, so the file gets the mode a plain ``open()`` would give it
(0666 less the umask) before it is renamed into place.
"""

from __future__ import annotations

import os
from pathlib import Path

from smanalytics._files import atomic_write

__all__ = ["write_text"]


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
