"""gettext messages in the reader's language: the catalogs, the active language, the lookups.

Every text a reader sees is a message of the ``smanalytics`` gettext domain,
written in English in the code. Its translations are catalogs beside this
module, ``locale/<locale>/LC_MESSAGES/smanalytics.po``, compiled to ``.mo``
(see the README's section for translators); English needs none, the
messages are the English text.

The functions here speak the *active* language: English unless
:func:`use` (a context manager) or :func:`activate` set another for the
current context (a thread, an asyncio task, a notebook kernel). The report
sets its client's language around every section and chart
(:func:`in_report_language`), so report code only calls ``_()``. Each
catalog is read once per process.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, TypeVar

__all__ = [
    "Language",
    "LANGUAGES",
    "DEFAULT",
    "AUTO",
    "DOMAIN",
    "LOCALE_DIR",
    "check_language",
    "language_from_exports",
    "use",
    "activate",
    "current",
    "locale",
    "gettext",
    "_",
    "ngettext",
    "pgettext",
    "npgettext",
    "N_",
    "Nn_",
    "in_report_language",
]

#: The gettext domain: the catalogs' file name.
DOMAIN = "smanalytics"

#: Where the catalogs are: ``<locale>/LC_MESSAGES/smanalytics.po`` and ``.mo``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


class Language(NamedTuple):
    """A language reports are written in.

    Attributes
    ----------
    name
        The language as its readers name it (``Français``), for lists of choices.
    locale
        The CLDR locale of its number and date forms (``pt_PT``), which also
        names its catalog's folder.
    day
        The CLDR skeleton of a day with its month in letters and its year
        (``yMMMd``: ``2 Oct 2026``), where the locale's medium date is all digits.
    """

    name: str
    locale: str
    day: str = "yMMMd"


#: The languages reports are written in, by the code a manifest gives (``language: fr``).
#: English is British in its forms (``2 Oct 2026``); Portuguese is that of Portugal.
LANGUAGES = {
    "en": Language("English", "en_GB"),
    "fr": Language("Français", "fr"),
    "es": Language("Español", "es"),
    "de": Language("Deutsch", "de"),
    "pt": Language("Português", "pt_PT", day="yMMMMd"),
}

#: The language when none is given, and when ``auto`` finds none.
DEFAULT = "en"

#: The ``language`` value that takes the interface language of the client's exports.
AUTO = "auto"

#: The language :func:`use` set for the current context; None: the process's (:func:`activate`).
_active: contextvars.ContextVar[str | None] = contextvars.ContextVar("smanalytics_language", default=None)

#: The language of the process outside any :func:`use` block (a notebook kernel's, set by :func:`activate`).
_process = [DEFAULT]


def check_language(value: object, *, auto: bool = False) -> str:
    """The language code ``value`` names (``fr``, ``FR``, ``fr-CA``, ``pt_BR``: nearest shipped).

    With ``auto``, ``"auto"`` is accepted too and returned as it is.

    Raises
    ------
    ValueError
        Saying which languages there are.

    Examples
    --------
    >>> check_language("fr"), check_language("pt-BR"), check_language("Auto", auto=True)
    ('fr', 'pt', 'auto')
    >>> check_language("ja")
    Traceback (most recent call last):
    ...
    ValueError: must be one of en, fr, es, de, pt
    """
    text = str(value).strip().lower().replace("_", "-") if isinstance(value, str) else ""
    if auto and text == AUTO:
        return AUTO
    code = text.split("-", 1)[0]
    if code not in LANGUAGES:
        raise ValueError("must be one of " + ", ".join([*LANGUAGES, *([AUTO] if auto else [])]))
    return code


def language_from_exports(languages: Iterable[object]) -> str:
    """The report language of a client whose export files were written in ``languages``.

    ``languages`` holds one interface language per file (``sources.language``;
    None or empty where the file's words did not tell). The most frequent
    one wins, the first seen among equals; a language without a catalog
    here, or none at all, gives English.

    Examples
    --------
    >>> language_from_exports(["fr", None, "fr", "en"]), language_from_exports(["ja", "ja", "es"])
    ('fr', 'en')
    >>> language_from_exports([None, ""]), language_from_exports(["pt_BR"])
    ('en', 'pt')
    """
    codes = []
    for value in languages:
        if isinstance(value, str) and value.strip():
            codes.append(value.strip().lower().replace("_", "-").split("-", 1)[0])
    if not codes:
        return DEFAULT
    counts = Counter(codes)
    best = max(counts.values())
    winner = next(code for code in codes if counts[code] == best)
    return winner if winner in LANGUAGES else DEFAULT


@contextlib.contextmanager
def use(language: str) -> Iterator[str]:
    """Speak ``language`` inside the ``with`` block (then the language before it again).

    Examples
    --------
    >>> with use("fr"):
    ...     current(), gettext("Followers")
    ('fr', 'Abonnés')
    >>> current()
    'en'
    """
    token = _active.set(check_language(language))
    try:
        yield current()
    finally:
        _active.reset(token)


def activate(language: str) -> str:
    """Speak ``language`` from now on in this process, outside :func:`use` blocks (a notebook's later cells).

    A process-wide setting, not a context one: a notebook kernel may run each
    cell in a context of its own.
    """
    _process[0] = check_language(language)
    return _process[0]


def current() -> str:
    """The active language's code (``en`` unless :func:`use` or :func:`activate` said otherwise)."""
    return _active.get() or _process[0]


def locale() -> str:
    """The CLDR locale of the active language (``en_GB``, ``fr``, ``pt_PT``): its number and date forms."""
    return LANGUAGES[current()].locale


@functools.cache
def _translations(language: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``language``, read once; English is the messages themselves."""
    if language == DEFAULT:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[LANGUAGES[language].locale])


def gettext(message: str) -> str:
    """``message`` in the active language."""
    return _translations(current()).gettext(message)


#: The usual short name of :func:`gettext`, which the extraction looks for.
_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n``, by the active language's plural rules.

    The count is put in by the caller (``.format(n=...)``): a language may
    have more forms than two, and the English singular may not be for 1 only.
    """
    return _translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, where ``context`` tells apart two uses of the same English."""
    return _translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` with a context, as :func:`pgettext`."""
    return _translations(current()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it (for tables built at import).

    Where the table's text is shown, it goes through :func:`gettext`.
    """
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message and its plural for the catalogs, for a table; shown with ``ngettext(*pair, n)``.

    Examples
    --------
    >>> DAYS = Nn_("{n} day", "{n} days")
    >>> ngettext(*DAYS, 1).format(n=1), ngettext(*DAYS, 2).format(n=2)
    ('1 day', '2 days')
    """
    return singular, plural


F = TypeVar("F", bound=Callable)


def in_report_language(function: F) -> F:
    """Make ``function(report, ...)`` speak ``report.language`` (a section, a chart, a finding).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> @in_report_language
    ... def followers(report):
    ...     return gettext("Followers")
    >>> followers(SimpleNamespace(language="fr")), followers(SimpleNamespace(language="en"))
    ('Abonnés', 'Followers')
    """

    @functools.wraps(function)
    def speaking(report, *args, **kwargs):
        with use(getattr(report, "language", DEFAULT)):
            return function(report, *args, **kwargs)

    return speaking  # type: ignore[return-value]
