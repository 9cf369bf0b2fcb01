"""The translators' tooling: extract, update, compile and check the message catalogs.

Each step is Babel's own command (``pybabel extract``, ``update``,
``compile``) with this project's options, so ``make messages`` and ``make
catalogs`` (or ``python -m smanalytics.i18n.catalogs messages|compile|check``)
and the tests run exactly the same thing:

* ``messages``: gather every message of the package (``_()``, ``ngettext()``,
  ``pgettext()``, ``N_()``, ``Nn_()``, with the ``# Translators:`` comment
  above them) into ``locale/smanalytics.pot``, then bring each language's
  ``.po`` up to date with it (new messages empty, changed ones marked fuzzy);
* ``compile``: write each ``.po`` as the ``.mo`` that reports read;
* ``check``: say what is wrong: messages the catalogs lack or no longer
  have, messages not translated or still fuzzy, a translation whose
  ``{placeholders}`` differ from the English, a ``.mo`` not compiled from its
  ``.po``. The test suite fails on any of these.
"""

from __future__ import annotations

import io
import re
import string
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from smanalytics.i18n.messages import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["TEMPLATE", "catalog_path", "extract", "update", "compile_catalogs", "problems", "main"]

#: The catalog of the English messages, which the languages' catalogs are made from.
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

#: The package, whose modules are searched for messages, and the folder above it.
PACKAGE = LOCALE_DIR.parents[1]

#: ``pybabel extract``'s options: the mapping, the plural marker of tables, translators' comments.
EXTRACT_OPTIONS = [
    f"--mapping-file={LOCALE_DIR.parent / 'babel.cfg'}",
    "--keyword=Nn_:1,2",
    "--add-comments=Translators:",
    "--add-location=file",
    "--sort-by-file",
    "--width=100",
    "--project=smanalytics",
    "--copyright-holder=the smanalytics developers",
]


def catalog_path(language: str, suffix: str = ".po") -> Path:
    """The catalog file of ``language`` (``fr``): ``locale/fr/LC_MESSAGES/smanalytics.po``."""
    return LOCALE_DIR / LANGUAGES[language].locale / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _pybabel(*arguments: str) -> None:
    """Run one ``pybabel`` command in this process, from the folder above the package."""
    import contextlib

    from babel.messages.frontend import CommandLineInterface

    with contextlib.chdir(PACKAGE.parent), contextlib.redirect_stdout(io.StringIO()):
        CommandLineInterface().run(["pybabel", "--quiet", *arguments])


def extract(output: Path = TEMPLATE) -> Path:
    """Write every message of the package into ``output`` (the template ``smanalytics.pot``).

    An ``output`` whose messages did not change is left as it was (with its
    creation date), so that extracting twice changes no file.
    """
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / output.name
        _pybabel("extract", *EXTRACT_OPTIONS, f"--output-file={fresh}", PACKAGE.name)
        if not output.is_file() or _undated(output) != _undated(fresh):
            output.write_bytes(fresh.read_bytes())
    return output


def _undated(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "-Creation-Date:" not in line]


def update() -> None:
    """Bring each language's ``.po`` up to date with the template, creating missing ones."""
    for code in _translated():
        options = [f"--input-file={TEMPLATE}", f"--output-dir={LOCALE_DIR}", f"--domain={DOMAIN}"]
        options += [f"--locale={LANGUAGES[code].locale}", "--ignore-obsolete", "--init-missing"]
        options += ["--width=100"]
        _pybabel("update", *options)


def compile_catalogs() -> None:
    """Compile each language's ``.po`` into its ``.mo`` (fuzzy translations are left out)."""
    for code in _translated():
        options = [f"--directory={LOCALE_DIR}", f"--domain={DOMAIN}", f"--locale={LANGUAGES[code].locale}"]
        _pybabel("compile", *options)


def _translated() -> list[str]:
    """The languages that have a catalog: all but English, whose messages are the English text."""
    return [code for code in LANGUAGES if code != DEFAULT]


def _read(path: Path, language: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=LANGUAGES[language].locale if language else None)


def _key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def _keys(catalog) -> set:
    return {_key(m) for m in catalog if m.id}


def _fields(text: str) -> set[str] | None:
    """The named placeholders of a ``str.format`` text, or None when it is not a valid format."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _shown(key: tuple[str | None, str]) -> str:
    context, msgid = key
    text = msgid if len(msgid) <= 70 else msgid[:67] + "..."
    return f"{text!r}" + (f" (context {context!r})" if context else "")


def problems() -> list[str]:
    """Everything wrong with the catalogs, one line each (empty when they are complete and current)."""
    out: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        fresh = _read(extract(Path(folder) / f"{DOMAIN}.pot"))
    if not TEMPLATE.is_file():
        return [f"{TEMPLATE} is missing: run make messages"]
    template = _read(TEMPLATE)
    out.extend(_hidden_messages(fresh))
    for key in sorted(_keys(fresh) - _keys(template), key=str):
        out.append(f"{TEMPLATE.name}: lacks {_shown(key)}, in the code: run make messages")
    for key in sorted(_keys(template) - _keys(fresh), key=str):
        out.append(f"{TEMPLATE.name}: holds {_shown(key)}, no longer in the code: run make messages")
    for code in _translated():
        out.extend(_language_problems(code, fresh))
    return out


#: A one-line message call: ``_("...")``, as pybabel extracts it, except inside an f-string.
_CALL = re.compile(r"""(?<![\w.])_\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*\)""")


def _hidden_messages(fresh) -> Iterator[str]:
    """Messages the extraction cannot see (a ``_("...")`` inside an f-string), by file and line."""
    import ast

    ids = {msgid for _context, msgid in _keys(fresh)}
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for call in _CALL.finditer(line):
                if not re.search(r"\b[rR]?[fF][rR]?[\"']", line[: call.start()]):
                    continue  # not inside an f-string: pybabel sees it
                text = ast.literal_eval(call.group("q") + call.group("text") + call.group("q"))
                if text not in ids:
                    where = f"{path.relative_to(PACKAGE.parent)}:{number}"
                    yield f"{where}: {_shown((None, text))} is not extracted (inside an f-string?)"


def _language_problems(code: str, fresh) -> Iterator[str]:
    po = catalog_path(code)
    if not po.is_file():
        yield f"{code}: {po} is missing: run make messages, then translate it"
        return
    catalog = _read(po, code)
    name = f"{code} ({po.relative_to(LOCALE_DIR)})"
    for key in sorted(_keys(fresh) - _keys(catalog), key=str):
        yield f"{name}: lacks {_shown(key)}: run make messages, then translate it"
    for key in sorted(_keys(catalog) - _keys(fresh), key=str):
        yield f"{name}: holds {_shown(key)}, no longer in the code: run make messages"
    for message in catalog:
        if not message.id:
            continue
        yield from _message_problems(name, message, catalog.num_plurals)
    yield from _compiled_problems(code, catalog)


def _message_problems(name: str, message, plurals: int) -> Iterator[str]:
    key = _shown(_key(message))
    if message.fuzzy:
        yield f"{name}: {key} is fuzzy (the English changed): check the translation, then drop the flag"
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    texts = message.string if isinstance(message.string, tuple) else (message.string,)
    if isinstance(message.id, tuple) and len(texts) != plurals:
        yield f"{name}: {key} has {len(texts)} plural forms; the language has {plurals}"
    if not all(texts):
        yield f"{name}: {key} is not translated"
        return
    wanted = set().union(*(_fields(i) or set() for i in ids))
    for text in texts:
        found = _fields(text)
        if found is None:
            yield f"{name}: {key}: the translation {text!r} is not a valid format (a lone brace?)"
        elif found != wanted:
            yield (
                f"{name}: {key}: the translation has the placeholders {sorted(found)}, the English "
                f"{sorted(wanted)}"
            )


def _compiled_problems(code: str, catalog) -> Iterator[str]:
    from babel.messages.mofile import write_mo

    mo = catalog_path(code, ".mo")
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    if not mo.is_file():
        yield f"{code}: {mo.name} is missing: run make catalogs"
    elif mo.read_bytes() != compiled.getvalue():
        yield f"{code}: {mo.relative_to(LOCALE_DIR)} is not compiled from its .po: run make catalogs"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m smanalytics.i18n.catalogs messages|compile|check``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m smanalytics.i18n.catalogs", description=__doc__.split("\n", 1)[0]
    )
    parser.add_argument("step", choices=["messages", "compile", "check"])
    step = parser.parse_args(argv).step
    if step == "messages":
        extract()
        update()
        print(f"updated {TEMPLATE} and the catalogs of {', '.join(_translated())}")
        return 0
    if step == "compile":
        compile_catalogs()
        print(f"compiled the catalogs of {', '.join(_translated())}")
        return 0
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)" if found else "the catalogs are complete and current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
