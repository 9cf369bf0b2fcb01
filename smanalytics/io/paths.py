"""Which files a list of paths, globs and folders names.

A client's exports usually arrive as a folder, often with what the operating
system or a zip tool left beside them. :func:`collect` turns files, globs and
folders (searched recursively) into the export files to read, in a stable
order, and lists what it left out and why: hidden files and folders (a name
starting with ``.``, e.g. ``.DS_Store``, macOS's ``._`` copies), the junk
files of Windows and Office (``Thumbs.db``, ``desktop.ini``, ``~$`` lock files)
and macOS's ``__MACOSX`` folders. A file named explicitly is always read.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from smanalytics.errors import ExportError

__all__ = ["collect", "expand_paths", "Collected", "Skipped", "junk_reason"]

PathLike = str | os.PathLike

#: Files that operating systems and office programs write beside a user's files (lower case).
JUNK_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"})
#: Folders that zip tools and operating systems add (lower case).
JUNK_FOLDERS = frozenset({"__macosx", "$recycle.bin", "system volume information"})


@dataclass(frozen=True)
class Skipped:
    """A path inside a folder that is not read, and why."""

    path: Path
    reason: str


@dataclass
class Collected:
    """The files to read, in order, and what was left out of the folders given."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.files) + len(self.skipped)

    def __iter__(self) -> Iterator[Path]:
        return iter(self.files)


def junk_reason(path: Path) -> str | None:
    """Why a file or folder found inside a folder is not an export, or None when it may be one.

    Examples
    --------
    >>> junk_reason(Path(".DS_Store")), junk_reason(Path("~$Overview.xlsx")), junk_reason(Path("Reach.csv"))
    ('a hidden file (its name starts with a dot)', 'an Office lock file (~$...)', None)
    """
    name = path.name
    if name.startswith("."):
        what = "folder" if path.is_dir() else "file"
        return f"a hidden {what} (its name starts with a dot)"
    lower = name.lower()
    if lower in JUNK_FILES:
        return "a file the operating system keeps (thumbnails or folder settings)"
    if lower in JUNK_FOLDERS:
        return "a folder that a zip tool or the operating system added"
    if name.startswith("~$"):
        return "an Office lock file (~$...)"
    return None


def collect(paths: PathLike | Iterable[PathLike]) -> Collected:
    """The export files named by ``paths`` (files, globs and folders), each once.

    A folder stands for every file inside it, recursively, in sorted order;
    hidden files and OS junk inside folders and among glob matches are left
    out and listed in ``skipped``.

    Raises
    ------
    ExportError
        For a path that does not exist or a glob that matches nothing.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("b.csv", ".DS_Store", "sub/a.csv"):
    ...     (folder / name).parent.mkdir(exist_ok=True); _ = (folder / name).write_text("x")
    >>> found = collect(folder)
    >>> [p.relative_to(folder).as_posix() for p in found.files], [s.path.name for s in found.skipped]
    (['b.csv', 'sub/a.csv'], ['.DS_Store'])
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = Collected()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            out.files.append(path)

    for item in paths:
        text = os.fspath(item)
        if glob.has_magic(text):
            matches = sorted(glob.glob(text))
            if not matches:
                raise ExportError("no file matches this pattern", path=text)
            for match in map(Path, matches):
                reason = junk_reason(match)
                if reason is not None:
                    out.skipped.append(Skipped(match, reason))
                elif match.is_dir():
                    _walk(match, add, out.skipped)
                else:
                    add(match)
            continue
        path = Path(text)
        if path.is_dir():
            before = len(out)
            _walk(path, add, out.skipped)
            if len(out) == before:
                out.skipped.append(Skipped(path, "an empty folder"))
        elif path.exists():
            add(path)
        else:
            raise ExportError("no such file or folder", path=path)
    return out


def _walk(folder: Path, add, skipped: list[Skipped]) -> None:
    """Every file under ``folder``, sorted, hidden files and junk folders listed in ``skipped``."""
    for root, folders, files in os.walk(folder):
        here = Path(root)
        for name in sorted(folders):
            reason = junk_reason(here / name)
            if reason is not None:
                skipped.append(Skipped(here / name, reason))
        folders[:] = sorted(name for name in folders if junk_reason(here / name) is None)
        for name in sorted(files):
            path = here / name
            reason = junk_reason(path)
            if reason is not None:
                skipped.append(Skipped(path, reason))
            else:
                add(path)


def expand_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    """The export files named by ``paths``, as :func:`collect` finds them (without the skipped ones)."""
    return collect(paths).files
