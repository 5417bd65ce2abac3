"""Tables and messages as rich draws them, without importing rich.

`console.py` lays a table out (which columns, how wide, cells wrapped) and then draws it.
Drawing with rich costs its import and its layout (at a terminal two to three times a
light command's start-up, issue 19), so `console.py` draws here instead, character for
character what rich's `Table` prints: to a file or a pipe without styles, and at a
terminal with the few styles rich gives a table (bold headers and keys, an italic title,
a dim italic caption) and the messages (their colours), as the escape codes rich writes
for them (`Ink`). `tests/unit/test_plaintable.py` compares the two on random tables, and
at a pseudo-terminal. Anything else (a character of doubtful width, a title wider than
its table) is left to rich: `None` from these functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from mediate.textwidth import cell_width

# Characters whose width rich (rich.cells) and textwidth agree on: printable ASCII, the
# CJK ideographs, CJK punctuation (not its combining tone marks) and full-width forms, and
# the punctuation mediate prints. A test checks every one against rich.
_AGREED = (
    (0x20, 0x7E),
    (0xB7, 0xB7),  # ·
    (0x2010, 0x2027),  # dashes, quotes, …
    (0x2030, 0x203A),  # ‰ ′ ″ › …
    (0x2580, 0x259F),  # block elements: the bars of report funnel (█ ░)
    (0x3000, 0x3029),  # CJK symbols and punctuation
    (0x3030, 0x303F),
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xFF01, 0xFF60),  # full-width forms
)


# The SGR parameters rich writes for the styles mediate prints (rich.style.Style: its
# attributes first, bold 1, dim 2, italic 3, then the colour, standard colours at every
# colour depth); without colour (NO_COLOR) rich drops the colours and keeps the rest.
_SGR = {
    "bold": "1",
    "italic": "3",
    "dim italic": "2;3",
    "bold red": "1;31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}
_SGR_NO_COLOUR = {"bold": "1", "italic": "3", "dim italic": "2;3", "bold red": "1"}


class Ink:
    """How rich writes a styled piece of text on one stream: as it is when the stream gets
    no styles (not a terminal, or a dumb one: rich's colour system None), else wrapped in
    the style's escape codes, one piece at a time as rich renders each segment."""

    __slots__ = ("codes",)

    def __init__(self, styles: bool, colours: bool = True) -> None:
        self.codes = (_SGR if colours else _SGR_NO_COLOUR) if styles else {}

    def __call__(self, text: str, style: str) -> str:
        code = self.codes.get(style)
        if not code or not text:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"


PLAIN = Ink(styles=False)


def agreed(text: str) -> bool:
    """Whether every character of `text` is one whose width both agree on (or a newline)."""
    if text.isascii():  # printable ASCII (0x20-0x7E) and line breaks
        return text.replace("\n", "").isprintable()
    return all(map(_agreed, set(text)))


@cache
def _agreed(character: str) -> bool:
    """One character of `agreed` (each told once: a table repeats them; no pattern of
    Chinese ranges to compile at a light command's start, issue 19)."""
    code = ord(character)
    return character == "\n" or any(low <= code <= high for low, high in _AGREED)


def _pad(line: str, width: int, justify: str) -> str:
    room = width - cell_width(line)
    if justify == "right":
        line = line.rstrip()
        return " " * (width - cell_width(line)) + line
    return line + " " * room


def _center(text: str, width: int) -> list[str] | None:
    """Each line of `text` centred in `width` as rich centres a title, wrapped as rich
    wraps it when wider; None when the text has a `[` (console.py gives titles and
    captions to rich as markup) or only rich can wrap it alike."""
    if "[" in text:
        return None
    lines = wrap_like_rich(text, width)
    if lines is None:
        return None
    centred = []
    for line in lines:
        line = line.rstrip()
        used = cell_width(line)
        left = (width - used) // 2
        centred.append(" " * left + line + " " * (width - used - left))
    return centred


@cache
def _word() -> re.Pattern[str]:
    """Rich's word: white space, a word, white space."""
    return re.compile(r"\s*\S+\s*")


def wrap_like_rich(text: str, width: int) -> list[str] | None:
    """The lines rich makes of `text` in `width` columns (rich.text.Text.wrap with its
    default overflow, fold: rich._wrap.divide_line breaks before a word that does not fit,
    folds a word wider than a line, then drops white space past the width), or None when
    only rich can: a character of doubtful width, a tab, a text ending in a line break, a
    line rich would crop."""
    if width < 2 or not agreed(text) or text.endswith("\n"):
        return None
    lines = []
    for line in text.split("\n"):
        breaks = _breaks(line, width)
        for start, end in zip([0, *breaks], [*breaks, len(line)], strict=True):
            piece = line[start:end]
            excess = len(piece) - width  # rich's Text.rstrip_end: in characters
            if excess > 0:
                spaces = len(piece) - len(piece.rstrip())
                piece = piece[: len(piece) - min(spaces, excess)]
            if cell_width(piece) > width:
                return None  # rich crops it
            lines.append(piece)
    return lines


def _breaks(line: str, width: int) -> list[int]:
    """Where rich breaks `line` (rich._wrap.divide_line, fold on)."""
    breaks: list[int] = []
    offset = 0
    for match in _word().finditer(line):
        start, word = match.start(), match.group()
        size = cell_width(word.rstrip())
        if width - offset >= size:
            offset += cell_width(word)
        elif size > width:  # folded across lines, a character at a time
            folded = _chop(word, width)
            for piece in folded[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_width(folded[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_width(word)
    return breaks


def _chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` columns (rich.cells.chop_cells)."""
    pieces: list[str] = []
    current, used = "", 0
    for ch in text:
        size = cell_width(ch)
        if used + size > width and current:
            pieces.append(current)
            current, used = "", 0
        current += ch
        used += size
    if current:
        pieces.append(current)
    return pieces


def _cell_lines(text: str, width: int, justify: str) -> list[str] | None:
    lines = text.split("\n")
    if any(cell_width(line) > width for line in lines):
        return None
    return [_pad(line, width, justify) for line in lines]


def table(
    headers: Sequence[str],
    justify: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[Sequence[str]],
    title: str | None,
    caption: str | None,
    ink: Ink = PLAIN,
) -> str | None:
    """A bordered table (rich's default HEAVY_HEAD box, padding 1, bold header, italic
    title, dim italic caption), cells already wrapped to their column's width; None when
    only rich can draw it alike."""
    texts = [*headers, *(c for row in rows for c in row), title or "", caption or ""]
    if not agreed("".join(texts)) or (ink.codes and 0 in widths):
        return None  # an empty column at a terminal: rich styles its header its own way
    head = [_cell_lines(h, w, j) for h, w, j in zip(headers, widths, justify, strict=True)]
    body = [
        [_cell_lines(c, w, j) for c, w, j in zip(row, widths, justify, strict=True)] for row in rows
    ]
    if any(c is None for c in head) or any(c is None for row in body for c in row):
        return None
    total = sum(widths) + 3 * len(widths) + 1
    out: list[str] = []
    if title:
        centred = _center(title, total)
        if centred is None:
            return None
        out += [ink(line, "italic") for line in centred]
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    out += _row(head, widths, "┃", ink, "bold")  # type: ignore[arg-type]
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    for cells in body:
        out += _row(cells, widths, "│", PLAIN, "")  # type: ignore[arg-type]
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    if caption:
        centred = _center(caption, total)
        if centred is None:
            return None
        out += [ink(line, "dim italic") for line in centred]
    return "\n".join(out) + "\n"


def _row(
    cells: list[list[str]], widths: Sequence[int], rule: str, ink: Ink, style: str
) -> list[str]:
    """The lines of one row: cells aligned to the top, the header row (`style` given) to
    the bottom. A line of a cell is its padding, its text and its padding (three pieces
    to style), a line below or above its text one blank piece."""
    height = max(len(c) for c in cells)
    shaped = []
    pad = ink(" ", style)
    for lines, width in zip(cells, widths, strict=True):
        blank = ink(" " * (width + 2), style)
        drawn = [pad + ink(line, style) + pad if width else blank for line in lines]
        fill = [blank] * (height - len(lines))
        shaped.append(fill + drawn if style else drawn + fill)
    return [rule + rule.join(cell[n] for cell in shaped) + rule for n in range(height)]


def key_values(
    pairs: Sequence[tuple[str, str]], title: str | None, width: int, ink: Ink = PLAIN
) -> str | None:
    """`key  value` lines as rich draws a borderless two-column table without header (no
    edge padding, the keys bold), values already wrapped, in `width` columns; None when
    only rich can draw it alike (e.g. wider than `width`: rich would narrow the values)."""
    if not pairs or not all(agreed(k) and agreed(v) for k, v in pairs):
        return None
    if title and not agreed(title):
        return None
    keys = [k.split("\n") for k, _v in pairs]
    values = [v.split("\n") for _k, v in pairs]
    key_width = max(cell_width(line) for lines in keys for line in lines)
    value_width = max(cell_width(line) for lines in values for line in lines)
    if key_width == 0:
        return None  # rich gives an empty column a width of its own
    out: list[str] = []
    total = key_width + 2 + value_width
    if total > width:
        return None
    if title:
        centred = _center(title, total)
        if centred is None:
            return None
        out += [ink(line, "italic") for line in centred]
    pad, blank = ink(" ", "bold"), ink(" " * (key_width + 1), "bold")
    for key_lines, value_lines in zip(keys, values, strict=True):
        height = max(len(key_lines), len(value_lines))
        keys_drawn = [ink(_pad(key, key_width, "left"), "bold") + pad for key in key_lines]
        keys_drawn += [blank] * (height - len(key_lines))
        value_lines = value_lines + [""] * (height - len(value_lines))
        for key, value in zip(keys_drawn, value_lines, strict=True):
            out.append(key + " " + _pad(value, value_width, "left"))
    return "\n".join(out) + "\n"


def styled_lines(text: str, ink: Ink, style: str) -> str:
    """`text` on lines of its own, each styled apart, as rich prints a styled text that
    fits its width."""
    return "\n".join(ink(line, style) for line in text.split("\n")) + "\n"
