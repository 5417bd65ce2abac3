"""Interface language. Every user-facing string goes through `_()`.

English is the source language; Chinese comes from the catalogs in
`mediate/locale/zh_CN/LC_MESSAGES/*.po` (one catalog per area of the tool, compiled to
.mo at build time and chained together at run time). `MEDIATE_LANG=zh|en` overrides the
locale.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from mediate.resources import locale_dir

_ZH = "zh_CN"
LANGUAGES = ("en", _ZH)

_forced: ContextVar[str | None] = ContextVar("mediate_language", default=None)


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """`_()` answers in `language` ('en' or 'zh_CN') inside the block: used to know a
    label in every language, e.g. to accept it back as input whatever the locale."""
    token = _forced.set(language)
    try:
        yield
    finally:
        _forced.reset(token)


def current_language() -> str:
    """'zh_CN' or 'en', from MEDIATE_LANG, else the POSIX locale variables."""
    forced = _forced.get()
    if forced:
        return forced
    override = os.environ.get("MEDIATE_LANG", "").strip().lower()
    if override:
        return _ZH if override.startswith("zh") else "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return _ZH if value.lower().startswith("zh") else "en"
    return "en"


class _Merged(_gettext.NullTranslations):
    """Every catalog's messages from `messages.marshal` (tools/i18n.py writes it beside
    the .mo files, merged in chain order): one `marshal.loads` instead of parsing a dozen
    catalogs at every start. Plural forms are looked up in the catalogs themselves."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _catalogs().ngettext(msgid1, msgid2, n)


def _merged() -> _Merged | None:
    """The merged messages, unless missing or older than a catalog (then: the catalogs)."""
    import marshal

    folder = locale_dir() / _ZH / "LC_MESSAGES"
    try:
        merged = os.stat(folder / "messages.marshal").st_mtime
        if any(os.stat(mo).st_mtime > merged for mo in folder.glob("*.mo")):
            return None
        return _Merged(marshal.loads((folder / "messages.marshal").read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        return None


@cache
def translations(language: str) -> _gettext.NullTranslations:
    if language != _ZH:
        return _gettext.NullTranslations()
    return _merged() or _catalogs()


@cache
def _catalogs() -> _gettext.NullTranslations:
    chain: _gettext.NullTranslations | None = None
    for mo in sorted((locale_dir() / _ZH / "LC_MESSAGES").glob("*.mo")):
        with mo.open("rb") as fh:
            catalog = _gettext.GNUTranslations(fh)
        if chain is None:
            chain = catalog
        else:
            chain.add_fallback(catalog)
    return chain or _gettext.NullTranslations()


def _(message: str) -> str:
    return translations(current_language()).gettext(message)


def pgettext(context: str, message: str) -> str:
    """`message` in the sense `context` names ("body", "performance"): a word the catalogs
    translate one way in one place and another way in another has a msgctxt for each, so
    no two catalogs give one msgid two translations (they are chained: the first wins)."""
    key = f"{context}\x04{message}"
    found = translations(current_language()).gettext(key)
    return message if found == key else found


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)
