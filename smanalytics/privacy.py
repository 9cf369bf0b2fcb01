"""Keeping commenters' names out of tables and reports.

The comments table's ``author`` is never a raw name: :func:`hash_authors`
replaces each name by a keyed BLAKE2 digest (16 hex characters), the same for
the same name, so that "how many different people commented" and "did the
account answer this person" can still be computed. Values that are already
such digests are left alone, so hashing twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

__all__ = ["hash_author", "hash_authors", "neutralise_formulas"]

_KEY = b"smanalytics commenter v1"
_DIGEST = re.compile(r"^[0-9a-f]{12,64}$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def hash_author(name: str) -> str:
    """A stable 16-hex-character pseudonym for a commenter's name.

    Examples
    --------
    >>> hash_author("Lucy Smith") == hash_author("Lucy Smith")
    True
    >>> len(hash_author("Lucy Smith"))
    16
    """
    return hashlib.blake2b(name.strip().encode("utf-8"), key=_KEY, digest_size=8).hexdigest()


def hash_authors(values: pd.Series) -> pd.Series:
    """Hash every author name in ``values`` that is not already a digest; NA stays NA.

    Examples
    --------
    >>> hash_authors(pd.Series(["Lucy", "0123456789abcdef", None], dtype="string")).tolist()[1:]
    ['0123456789abcdef', <NA>]
    """
    text = values.astype("string")
    plain = text.notna() & ~text.str.fullmatch(_DIGEST).fillna(False)
    out = text.copy()
    out[plain] = [hash_author(v) for v in text[plain]]
    return out


def neutralise_formulas(values: pd.Series) -> pd.Series:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe.

    Cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are
    shown as text by Excel, LibreOffice and Google Sheets once prefixed.

    Examples
    --------
    >>> neutralise_formulas(pd.Series(["=HYPERLINK(\\"x\\")", "fine", "-3"])).tolist()
    ['\\'=HYPERLINK("x")', 'fine', "'-3"]
    """
    text = values.astype("string")
    risky = text.str.startswith(_FORMULA_START).fillna(False)
    return text.mask(risky, "'" + text)
