"""Text laid out for a terminal that shows Chinese: widths in columns (a Chinese character
takes two) and wrapping that never breaks inside a number, an id, an English word or a
path, and keeps closing punctuation with what precedes it. Used by the help formatter
(framework.py) and by console.py for messages. Pure: no rich, no typer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from mediate.domain.court_codes import COURT_CODE, TYPE_CODE

_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%…·")
_NO_LINE_END = set("（《「『【〔“‘([{：")


@cache
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cell_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (East Asian) characters take two."""
    if text.isascii():
        return len(text)
    return _wide_text_width(text)


@lru_cache(maxsize=8192)  # a table measures each cell, line and piece several times
def _wide_text_width(text: str) -> int:
    return sum(map(_char_width, text))


def tokens(text: str) -> list[str]:
    """Pieces a line may break between: a run of non-wide characters without spaces (an
    English word, a number, an option, a path), either half of a court case number (案号),
    a single wide character, or a space."""
    return list(_tokens(text))


# A court case number in its canonical form (domain/case_numbers.py, 法〔2015〕137号 art. 3:
# "（"+收案年度+"）"+法院代字+类型代字+案件编号+"号"): the clerk reads it and types it back,
# so a line breaks inside one only between the court's code and the case type, into two
# pieces that each read as what they are (（2026）豫0802 / 民初401号, （2020）最高法 / 民终1316号).
# Compiled at first use (a text with 号 in it): its ranges of Chinese characters cost a
# light command's start-up milliseconds (issue 19).
@cache
def _case_no() -> re.Pattern[str]:
    return re.compile(rf"(（\d{{4}}）{COURT_CODE})({TYPE_CODE}\d{{1,7}}号)")


def unbroken_width(text: str) -> int:
    """The width a table column needs to show `text` unbroken when it is a court case
    number (which `tokens` may break in two as a last resort); 0 for any other text."""
    return cell_width(text) if "号" in text and _case_no().fullmatch(text) else 0


@lru_cache(maxsize=4096)  # a table's cells repeat (kinds, places, statuses)
def _tokens(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    narrow = False  # the last piece is a run of narrow characters without spaces
    for piece in _pieces(text):
        # white space; half a case number; a wide character
        if piece[0].isspace() or len(piece) > 1 or _char_width(piece) == 2:
            pieces.append(piece)
            narrow = False
        elif narrow:
            pieces[-1] += piece
        else:
            pieces.append(piece)
            narrow = True
    # keep closing punctuation with what precedes it, opening with what follows
    glued: list[str] = []
    for token in pieces:
        joins = glued and (token[0] in _NO_LINE_START or glued[-1][-1] in _NO_LINE_END)
        if joins and not token.isspace() and not glued[-1].isspace():
            glued[-1] += token
            continue
        glued.append(token)
    return tuple(glued)


@cache
def _spaces_or_one() -> re.Pattern[str]:
    return re.compile(r"\s+|[^\s]")


def _pieces(text: str) -> list[str]:
    """White-space runs and single characters, a case number as two pieces."""
    pieces_of = _spaces_or_one().findall
    if "号" not in text:
        return pieces_of(text)
    pieces: list[str] = []
    at = 0
    for found in _case_no().finditer(text):
        pieces += pieces_of(text, at, found.start())
        pieces += found.groups()
        at = found.end()
    pieces += pieces_of(text, at)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """`text` wrapped to `width` columns; a piece longer than a line is cut only when it
    must be (it is never shortened with an ellipsis)."""
    lines: list[str] = []
    current = ""
    used = 0  # cell_width(current), kept as pieces are added (widths add up)
    for token in tokens(" ".join(text.split())):
        if token.isspace():
            if current:
                current += " "
                used += 1
            continue
        size = cell_width(token)
        if current and used + size > width:
            lines.append(current.rstrip())
            current, used = "", 0
        current += token
        used += size
        while used > width and len(current) > 1:
            cut = _fit(current, width)
            lines.append(current[:cut])
            current = current[cut:]
            used = cell_width(current)
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _fit(text: str, width: int) -> int:
    used = 0
    for index, ch in enumerate(text):
        used += cell_width(ch)
        if used > width:
            return max(index, 1)
    return len(text)
