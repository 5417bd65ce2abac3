"""Text as people type it: screened as it comes in, folded to half width.

`intake/values.py` takes these in and exports them with its parsers; they live here so
that the light entry (`mediate/quick.py`) can screen a setting (the clerk's name,
`config.Settings.clerk`) and fold a search (`case find`) without importing the parsers,
the case-number patterns and their compiled expressions (issue 19: start-up). Nothing
here compiles a pattern before it is used.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from mediate.i18n import _


class BadValue(ValueError):
    """A value that cannot be taken in; the message is the reason, for the clerk."""


@cache
def _line_breaks() -> re.Pattern[str]:
    """Line breaks as other programs write them: CR LF, a bare CR, Word's manual line break
    (vertical tab, pasted from Word), form feed, NEL, the Unicode line/paragraph separators."""
    return re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


@cache
def control_characters() -> re.Pattern[str]:
    """What no field may hold: the other C0 controls (NUL first), DEL, C1 controls, lone
    surrogates and the two non-characters XML refuses. Tab and line feed are text."""
    return re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@cache
def bidi_controls() -> re.Pattern[str]:
    """The bidirectional controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069): they make a
    name read other than it is ("Trojan Source", CVE-2021-42574) in a table, a document, a
    file name; no party, case or clerk ever needs one, so they are refused like a control."""
    return re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@cache
def zero_width() -> re.Pattern[str]:
    """The invisible zero-width characters (U+200B-200D, U+2060, U+FEFF) a paste from a web
    page or Word brings along: dropped, so that 王\u200b五 is the 王五 it shows as."""
    return re.compile(r"[\u200b-\u200d\u2060\ufeff]")


@cache
def _quoted_formula() -> re.Pattern[str]:
    return re.compile(r"'(?=[=+\-@\t\r])")


def screen_text(text: str) -> str:
    """Every text that comes in (import, `case add`, `case new`, `org import`, mapping
    files) passes here first: line breaks become "\n", a control character or a
    bidirectional control (U+202E…) is refused, a zero-width character dropped.

    A NUL breaks PostgreSQL and XLSX, a vertical tab makes a .docx Word cannot open, and
    neither is ever meant: the value is rejected (BadValue names the character) rather
    than silently changed. The quote `mediate.cells` puts before a would-be formula in a
    CSV it writes (an `--errors` file) is taken off again, so that file imports back.
    """
    if text.isprintable():
        return _quoted_formula().sub("", text, count=1) if text.startswith("'") else text
    text = _line_breaks().sub("\n", text)
    found = control_characters().search(text)
    if found:
        raise BadValue(
            _("holds the control character U+{code:04X} (position {at}); remove it").format(
                code=ord(found.group()), at=found.start() + 1
            )
        )
    found = bidi_controls().search(text)
    if found:
        raise BadValue(
            _(
                "holds the text-direction control character U+{code:04X} (position {at}); remove it"
            ).format(code=ord(found.group()), at=found.start() + 1)
        )
    text = zero_width().sub("", text)
    return _quoted_formula().sub("", text, count=1) if text.startswith("'") else text


def screen_option_text(text: str, limit: int, *, lines: bool = False, blank: bool = True) -> str:
    """A free-text value given as an option (or a setting): `screen_text`, line breaks
    folded into a space unless `lines`, at most `limit` characters; `blank=False`: an
    empty or all-blank value is refused too."""
    text = screen_text(text)
    if not blank and not text.strip():
        raise BadValue(_("cannot be empty"))
    if not lines and "\n" in text:
        text = " ".join(part.strip() for part in text.split("\n") if part.strip())
    if len(text) > limit:
        raise BadValue(
            _("{n} characters, longer than the {limit} this field holds").format(
                n=len(text), limit=limit
            )
        )
    return text


def half_width(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (NFKC), spaces removed (the
    white space `str.split` and the pattern `\\s` both take: `str.isspace`)."""
    if text.isascii():
        return text.replace(" ", "") if " " in text else text
    return "".join(unicodedata.normalize("NFKC", text).split())
