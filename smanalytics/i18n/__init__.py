"""The reader's language: gettext messages and the locale's number and date forms.

Texts a reader sees are whole sentences with named placeholders, so that a
translator can reorder them; counts take their plural form from gettext::

    from smanalytics.i18n import _, fmt, ngettext

    _("Conversation on {platform} rose from {before} to {after}.").format(
        platform=name, before=fmt.number(a, 2), after=fmt.number(b, 2))
    ngettext("{n} post", "{n} posts", n).format(n=fmt.integer(n))

They speak the active language (:func:`use`, :func:`activate`; English by
default); the report makes its client's language active
(:func:`in_report_language`). Texts in tables built at import are marked
with :func:`N_` and translated where they are shown. See
:mod:`smanalytics.i18n.messages` (catalogs, languages) and
:mod:`smanalytics.i18n.fmt` (numbers, dates).
"""

from smanalytics.i18n import fmt
from smanalytics.i18n.messages import (
    AUTO,
    DEFAULT,
    LANGUAGES,
    N_,
    Language,
    Nn_,
    _,
    activate,
    check_language,
    current,
    gettext,
    in_report_language,
    language_from_exports,
    locale,
    ngettext,
    npgettext,
    pgettext,
    use,
)

__all__ = [
    "fmt",
    "AUTO",
    "DEFAULT",
    "LANGUAGES",
    "Language",
    "N_",
    "Nn_",
    "_",
    "activate",
    "check_language",
    "current",
    "gettext",
    "in_report_language",
    "language_from_exports",
    "locale",
    "ngettext",
    "npgettext",
    "pgettext",
    "use",
]
