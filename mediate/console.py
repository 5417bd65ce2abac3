"""All terminal output. The only module that imports rich.

Data goes to stdout (tables, or JSON with `--json`); messages go to stderr, so a script
can pipe the data and still see what went wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mediate import plaintable
from mediate.i18n import _
from mediate.textwidth import cell_width, tokens, unbroken_width, wrap

if TYPE_CHECKING:  # imported where used: `--json` draws nothing (start-up time)
    from rich.console import Console
    from rich.progress import Progress
    from rich.tree import Tree

# The two rich consoles, module attributes `out` and `err` made on first use (see
# `__getattr__`): printing JSON never imports rich.
_width: list[int | None] = [None]


def reset(width: int | None = None) -> None:
    """Re-bind the consoles to the current sys.stdout/stderr (used by test runners)."""
    globals().pop("out", None)
    globals().pop("err", None)
    _width[0] = width


def _console(name: str) -> Console:
    found: Console | None = globals().get(name)
    if found is None:
        from rich.console import Console

        nc = bool(os.environ.get("NO_COLOR"))
        if name == "out":
            found = Console(no_color=nc, highlight=False, soft_wrap=False, width=_width[0])
        else:
            found = Console(stderr=True, no_color=nc, highlight=False, width=_width[0])
        globals()[name] = found
    return found


def _out() -> Console:
    return _console("out")


def _err() -> Console:
    return _console("err")


def __getattr__(name: str) -> Any:
    """`console.out` and `console.err`: the rich consoles for data and for messages."""
    if name in ("out", "err"):
        return _console(name)
    raise AttributeError(name)


def escape(text: str) -> str:
    from rich.markup import escape as rich_escape

    return rich_escape(text)


# -- without rich (mediate/plaintable.py): a file, a pipe, a terminal ---------------------------


def _not_terminal(stream: Any) -> bool:
    """Rich's own test (Console.is_terminal) that `stream` gets no styles."""
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return True
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "0"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color == ""
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:
        return True


def _stream(name: str) -> Any:
    return sys.stdout if name == "out" else sys.stderr


def _dumb(name: str) -> bool:
    """Rich's Console.is_dumb_terminal: a terminal whose TERM is dumb or unknown."""
    term = os.environ.get("TERM", "").lower()
    return term in ("dumb", "unknown") and not _not_terminal(_stream(name))


def _ink(name: str) -> plaintable.Ink | None:
    """How `out`/`err` is written without rich, as rich would write it (the styles it
    would give, `plaintable.Ink`), or None when only rich can: a rich console made (or
    given by a test) already, an encoding other than UTF (rich draws ASCII boxes), Windows
    (its console's own colours). Rich styles nothing that is no terminal or a dumb one
    (its colour system None), and drops the colours, not the rest, with NO_COLOR."""
    if name in globals():
        return None
    stream = _stream(name)
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    if not encoding.startswith("utf"):
        return None
    if _not_terminal(stream) or _dumb(name):
        return plaintable.PLAIN
    if os.name == "nt":
        return None
    return plaintable.Ink(styles=True, colours=not os.environ.get("NO_COLOR"))


def _width_of(name: str) -> int:
    """The width the rich console for `out`/`err` has, without making it (rich's
    Console.__init__ and Console.size: a set width or COLUMNS; at a dumb terminal 80
    unless LINES is set too; else the terminal's of stdin/stdout/stderr, else 80)."""
    if name in globals():
        return int(_console(name).width)
    width = _width[0]
    columns = os.environ.get("COLUMNS")
    if width is None and columns is not None and columns.isdigit():
        width = int(columns)
    lines = os.environ.get("LINES")
    if width is not None and lines is not None and lines.isdigit():
        return width
    if _dumb(name):
        return 80
    if width is not None:
        return width
    for descriptor in (0, 1, 2):
        try:
            size = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        return size or 80
    return 80


def _out_width() -> int:
    return _width_of("out")


def _plain_text(text: str) -> bool:
    """Text rich would print as it is: no emoji code, tab or control character."""
    if ":" in text and re.search(r":[\w+-]+:", text):  # an emoji code
        return False
    return not any((ord(ch) < 32 and ch != "\n") or ch == "\x7f" for ch in text)


def _write(name: str, text: str) -> None:
    stream = sys.stdout if name == "out" else sys.stderr
    stream.write(text)
    stream.flush()


# What a message or a printed value never sends to the terminal as it is: control
# characters (an ESC starts a terminal sequence) and the text-direction controls (U+202E
# shows a name backwards). Data is screened when it comes in (`intake.text.screen_text`);
# this guards what was stored before that. A message keeps its tabs, a cell does not.
# The patterns are compiled when a text needs them (re's cache), not at import (issue 19).
_CONTROLS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_CELL_CONTROLS = r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def shown(text: str, controls: str = _CELL_CONTROLS) -> str:
    """`text` with every control character written as its escape (`\\x1b`, `\\u202e`)."""
    if text.isprintable():
        return text
    return re.sub(controls, lambda m: repr(m.group())[1:-1], text)


def _say(text: str, prefix: str, indent: int, markup: str, style: str = "") -> None:
    """A message on stderr, without rich when it can: `style` for the whole message
    (`prefix` included), or for a ✗ prefix alone (`error`). A control character in it (a
    value from a file, quoted as the Chinese catalog quotes, not escaped as repr() would)
    is written as its escape, never sent to the terminal."""
    text = shown(text, _CONTROLS)
    ink = _ink("err")
    if ink is not None and _plain_text(text + prefix):
        width = None if _not_terminal(sys.stderr) else _width_of("err")
        lines = _fold_lines(text, indent, width)
        lines = [prefix + lines[0], *(" " * indent + line for line in lines[1:])]
        if prefix == "✗ ":
            lines[0] = ink("✗", style) + lines[0][1:]
            style = ""
        _write("err", plaintable.styled_lines("\n".join(lines), ink, style))
        return
    _err().print(markup.format(text=_fold(text, indent)), soft_wrap=True)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    """`data` as JSON, Chinese as it is. Stored text is kept faithfully: text stored before
    intake refused them may hold text-direction controls (U+202E …), zero-width and C1
    characters or line separators, which are written as their escapes (\\u202e), the
    same text to a JSON reader but never sent raw to a terminal, where they reorder or
    hide what is shown (rendering drops them instead: `cells.xml_text`)."""
    import json  # here: a table needs none of it (start-up, issue 19)

    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    return _json_invisible().sub(_escaped, text)


@lru_cache(maxsize=1)
def _json_invisible() -> re.Pattern[str]:
    # compiled on the first --json output, not at import (the light read path)
    return re.compile(r"[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found[0]):04x}"  # only ever inside a JSON string: json.dumps puts them there


def print_json(data: Any) -> None:
    sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()


def _fold(text: str, indent: int = 0, width: int | None = None) -> str:
    """`text` wrapped to `width` (at a terminal: its width) by display width, never inside a
    number, an id, a path or an English word — rich would break a Chinese sentence
    anywhere and a long id in the middle. Lines that fit are kept as they are; text going
    to a file or a pipe is not wrapped at all (no width to wrap to). Escaped for rich."""
    if width is None and _err().is_terminal:
        width = _err().width
    lines = _fold_lines(text, indent, width)
    return ("\n" + " " * indent).join(escape(line) for line in lines)


def _fold_lines(text: str, indent: int, width: int | None) -> list[str]:
    """The lines of `_fold`, unescaped (`width` None: not wrapped)."""
    if width is None:
        return text.split("\n")
    room = max(width - indent, 20)
    lines: list[str] = []
    for raw in text.split("\n"):
        if cell_width(raw) <= room:
            lines.append(raw)
            continue
        body = raw.lstrip(" ")
        lead = raw[: len(raw) - len(body)]
        lines.extend(lead + part for part in wrap(body, max(room - len(lead), 10)))
    return lines


def message(text: str) -> None:
    _say(text, "", 0, "{text}")


def info(text: str) -> None:
    _say(text, "", 0, "[cyan]{text}[/cyan]", "cyan")


def success(text: str) -> None:
    _say(text, "", 0, "[green]{text}[/green]", "green")


def warn(text: str) -> None:
    _say(text, "⚠ ", 2, "[yellow]⚠ {text}[/yellow]", "yellow")


def error(text: str) -> None:
    _say(_full_stop(text), "✗ ", 2, "[bold red]✗[/bold red] {text}", "bold red")


def _full_stop(text: str) -> str:
    """A Chinese message ends as a sentence does, with 。: a reason built for a cell of an
    import report ("“abc”不是金额", "不是真实存在的日期") is a whole message on the
    command line (`--amount：“abc”不是金额。`). Only a message ending in a Chinese word,
    a closing bracket or quotation mark gets it: one ending in a path or a code is left."""
    from mediate.i18n import current_language

    stripped = text.rstrip()
    last = stripped[-1:]
    if ("\u4e00" <= last <= "\u9fff" or last in "）”") and current_language().startswith("zh"):
        return stripped + "。"
    return text


def line(text: str = "", style: str | None = None) -> None:
    """A line of data to stdout."""
    _out().print(escape(shown(text)), style=style)


def key_values_whole(pairs: Sequence[tuple[str, Any]], key: str, value: str) -> None:
    """`key_values` of `pairs` and then `key` with a value that must never be broken (a
    sha256 a clerk compares or copies): beside its key when it fits there, else on a line
    of its own below the key, from the first column, unwrapped (a terminal narrower still
    folds it itself, and copying it takes it whole)."""
    room = _out_width() - max(cell_width(k) for k, _v in [*pairs, (key, "")]) - 2
    if cell_width(value) <= room:
        key_values([*pairs, (key, value)])
        return
    key_values([*pairs, (key, "")])
    _out().print(escape(value), soft_wrap=True)


@dataclass
class Column:
    header: str
    justify: str = "left"
    style: str | None = None
    drop: int = 0
    """0: always shown. Otherwise the column may be left out when the terminal is too
    narrow for the table; the highest number goes first."""


_SHORT_PHRASE = 8
"""Cells up to this many columns (four Chinese characters: 调解不成, 已分流) are never broken."""

_BORDERS = 3  # a column's padding and its rule in rich's default box


_NARROWEST = 4
"""Two Chinese characters a line: how narrow a column of longer phrases (案由, a body's
name) or a header may get when that keeps a court case number whole in its column."""


def _min_width(text: str, floor: int = _SHORT_PHRASE) -> int:
    """The narrowest a column may get without cutting `text`: its longest unbreakable piece
    (a number, an id, a date, an English word), and a short phrase whole; a longer text
    no narrower than `floor`."""
    whole, widest = _unbreakable(text)
    return whole if whole <= _SHORT_PHRASE else max(widest, floor)


@lru_cache(maxsize=4096)  # a column's cells repeat (kinds, places, statuses)
def _unbreakable(text: str) -> tuple[int, int]:
    """(the width of `text`, the width of its widest piece; for a short phrase, whole:
    no piece is wider than the text)."""
    whole = cell_width(text)
    if whole <= _SHORT_PHRASE:
        return whole, whole
    if text.isascii():  # its pieces: the words between white space (textwidth.tokens)
        return whole, max(map(len, text.split()), default=0)
    return whole, max(map(cell_width, tokens(text)), default=0)


def _tight_header(header: str) -> int:
    """The narrowest a column's header may get to keep a case number whole: wrapped down to
    two Chinese characters a line (a short phrase too), never inside a word."""
    return max([min(_NARROWEST, cell_width(header)), *map(cell_width, tokens(header))])


def _natural_width(text: str) -> int:
    if "\n" not in text:
        return cell_width(text)
    return max(cell_width(part) for part in text.split("\n"))


def _fit_widths(natural: list[int], least: list[int], room: int) -> list[int] | None:
    """Column widths that fit in `room` (narrowing the widest first, never below a column's
    least width), or None when the least widths alone do not fit."""
    if sum(least) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:
        index = max(
            (i for i in range(len(widths)) if widths[i] > least[i]),
            key=lambda i: widths[i] - least[i] / 1000,
        )
        widths[index] -= 1
    return widths


_COMFORTABLE = 12
"""A column narrower than this (six Chinese characters) is hard to read: droppable columns
go before any column is squeezed below it."""


def _layout(
    cols: list[Column],
    natural: list[int],
    least: list[int],
    room: int,
    whole: list[int],
    tight: list[int],
) -> tuple[list[int], list[int]] | None:
    """Which columns to show and how wide: first keeping every column comfortable, dropping
    droppable ones as needed; then down to each column's least width; else None. Each
    first with `whole` (court case numbers unbroken: the clerk reads and types them back),
    then with the other columns' longer phrases and headers down to their `tight` width
    (two Chinese characters a line) to keep them whole, and only then with a case number
    broken between the court's code and its type."""
    keep_whole = [max(pair) for pair in zip(least, whole, strict=True)]
    squeezed = [max(pair) for pair in zip(whole, tight, strict=True)]
    tries = [(_COMFORTABLE, keep_whole), (0, keep_whole), (0, squeezed)]
    tries = tries if keep_whole != least else []
    for floor, lowest in [*tries, (_COMFORTABLE, least), (0, least)]:
        shown = list(range(len(cols)))
        while True:
            widths = _fit_widths(
                [natural[i] for i in shown],
                [max(lowest[i], min(natural[i], floor)) for i in shown],
                room - _BORDERS * len(shown),
            )
            if widths is not None:
                return shown, widths
            droppable = [i for i in shown if cols[i].drop]
            if not droppable:
                break
            shown.remove(max(droppable, key=lambda i: (cols[i].drop, i)))
    return None


def fits(columns: Sequence[str | Column], rows: Iterable[Sequence[Any]]) -> bool:
    """Whether `table` would show these columns whole and comfortably at the current width
    (none dropped, none squeezed below six Chinese characters): else a caller may prefer
    another arrangement, e.g. the table transposed."""
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    cells = [[_cell(v) for v in row] for row in rows]
    natural = [
        max([_natural_width(c.header), *(_natural_width(r[i]) for r in cells)])
        for i, c in enumerate(cols)
    ]
    least = [max(_min_width(c.header), min(natural[i], _COMFORTABLE)) for i, c in enumerate(cols)]
    least = [max([least[i], *(_min_width(r[i]) for r in cells)]) for i in range(len(cols))]
    return _fit_widths(natural, least, _out_width() - 1 - _BORDERS * len(cols)) is not None


def table(
    columns: Sequence[str | Column],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    caption: str | None = None,
    width: int | None = None,
) -> None:
    """A table that fits the terminal without cutting a cell: cells wrap (never inside a
    number, an id or a short phrase); when even that is too wide, droppable columns are
    left out (the caption says which), and as a last resort each row is printed as a
    record, one field a line."""
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    cells = [[_cell(v) for v in row] for row in rows]
    room = (width or _out_width()) - 1
    natural = [
        max([_natural_width(c.header), *(_natural_width(r[i]) for r in cells)])
        for i, c in enumerate(cols)
    ]
    least = [
        max([_min_width(c.header), *(_min_width(r[i]) for r in cells)]) for i, c in enumerate(cols)
    ]
    whole = [max([0, *(unbroken_width(r[i]) for r in cells)]) for i in range(len(cols))]
    tight = [
        max([_tight_header(c.header), *(_min_width(r[i], _NARROWEST) for r in cells)])
        for i, c in enumerate(cols)
    ]
    layout = _layout(cols, natural, least, room, whole, tight)
    if layout is None:
        _records([c.header for c in cols], cells, title, caption)
        return
    shown, widths = layout
    hidden = [cols[i].header for i in range(len(cols)) if i not in shown]
    if hidden:
        note = _("Not shown at this width: {columns} (see --json).").format(
            columns=_(", ").join(hidden)
        )
        caption = f"{caption}\n{note}" if caption else note
    ink = _ink("out")
    if ink is not None and not any(cols[i].style for i in shown):
        drawn = plaintable.table(
            ["\n".join(wrap(cols[i].header, w)) for i, w in zip(shown, widths, strict=True)],
            [cols[i].justify for i in shown],
            widths,
            [[_wrap_cell(row[i], w) for i, w in zip(shown, widths, strict=True)] for row in cells],
            title,
            caption,
            ink,
        )
        if drawn is not None:
            _write("out", drawn)
            return
    from rich.table import Table

    t = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for i, w in zip(shown, widths, strict=True):
        c = cols[i]
        t.add_column(
            escape("\n".join(wrap(c.header, w))),
            justify=c.justify,  # type: ignore[arg-type]
            style=c.style,
            width=w,
            overflow="fold",
        )
    for row in cells:
        t.add_row(*(escape(_wrap_cell(row[i], w)) for i, w in zip(shown, widths, strict=True)))
    _out().print(t)


def _wrap_cell(text: str, width: int) -> str:
    return "\n".join(_wrapped(part, width) for part in text.split("\n"))


def _wrapped(line: str, width: int) -> str:
    """One line of a cell wrapped to `width`; a line that fits and that `wrap` would leave
    as it is (its spaces single, none at its ends) is left without tokenising it."""
    if not line:
        return ""
    if cell_width(line) <= width and " ".join(line.split()) == line:
        return line
    return "\n".join(wrap(line, width))


def _records(
    headers: list[str], cells: list[list[str]], title: str | None, caption: str | None
) -> None:
    """A table too wide for the terminal, as one block of `field  value` lines per row."""
    if title:
        _line(title, "bold")
    for index, row in enumerate(cells):
        if index:
            _line("")
        key_values(list(zip(headers, row, strict=True)))
    if caption:
        _line(caption)


def _line(text: str, style: str | None = None) -> None:
    """A line of text on stdout, as rich prints it (wrapped when wider than the width)."""
    ink = _ink("out")
    if ink is not None and _plain_text(text):
        lines = plaintable.wrap_like_rich(text, _out_width())
        if lines is not None:
            _write("out", plaintable.styled_lines("\n".join(lines), ink, style or ""))
            return
    _out().print(escape(text), style=style)


@dataclass(frozen=True)
class Phrases:
    """A value of several phrases joined by `separator` that `key_values` wraps only between
    phrases, each read (and typed back) whole: a case's tags."""

    phrases: tuple[str, ...]
    separator: str

    def lines(self, width: int) -> str:
        """The phrases on lines of up to `width` columns, a line broken after a separator
        (a phrase wider than a line alone is wrapped as any text is)."""
        lines: list[str] = []
        current = ""
        last = len(self.phrases) - 1
        for index, phrase in enumerate(self.phrases):
            piece = phrase + (self.separator if index < last else "")
            if current and cell_width((current + piece).rstrip()) > width:
                lines.append(current.rstrip())
                current = ""
            current += piece
        lines.append(current.rstrip())
        return "\n".join(_wrapped(line, width) for line in lines)


def key_values(
    pairs: Iterable[tuple[str, Any]], title: str | None = None, width: int | None = None
) -> None:
    """`field  value` lines; a long value wraps beside its field, never inside a number,
    an id or a word (nor inside a phrase of `Phrases`)."""
    given = list(pairs)
    key_width = max((cell_width(key) for key, _value in given), default=0)
    room = max((width or _out_width()) - key_width - 2, 20)
    items = [
        (key, value.lines(room) if isinstance(value, Phrases) else _cell(value))
        for key, value in given
    ]
    ink = _ink("out")
    if ink is not None:
        drawn = plaintable.key_values(
            [(key, _wrap_cell(value, room)) for key, value in items], title, _out_width(), ink
        )
        if drawn is not None:
            _write("out", drawn)
            return
    from rich.table import Table

    t = Table(title=title, show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    for key, value in items:
        t.add_row(escape(key), escape(_wrap_cell(value, room)))
    _out().print(t)


def bar(fraction: float, width: int | None = None) -> str:
    """A bar of up to 30 cells, shorter on a narrow terminal (at 80 columns, room for the
    funnel's longest bucket label beside it)."""
    width = width or max(10, min(30, _out_width() - 56))
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    return shown(str(value))


@dataclass
class TreeNode:
    label: str
    children: list[TreeNode]


def tree(root: TreeNode) -> None:
    def add(node: TreeNode, parent: Tree) -> None:
        for child in node.children:
            add(child, parent.add(escape(child.label)))

    from rich.tree import Tree

    t = Tree(escape(root.label))
    add(root, t)
    _out().print(t)


class ProgressHandle:
    """Steps handed to the bar at most every `EVERY` seconds: rich's own `advance` costs
    about 9 µs, paid once per row of a 100,000-row import it was 0.9 s of a clerk's wait,
    while the bar is redrawn only ten times a second anyway."""

    EVERY = 0.1  # seconds

    def __init__(self, progress: Progress | None, task: Any, total: int | None = None) -> None:
        self._progress = progress
        self._task = task
        self._pending = 0  # steps not yet handed to the bar
        self._handed = 0.0  # when they last were (time.monotonic)
        self._done = 0  # steps handed to the bar
        self._total = total

    def advance(self, n: int = 1) -> None:
        if self._progress is None:
            return
        self._pending += n
        now = time.monotonic()
        if now - self._handed >= self.EVERY:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        """Hand the bar the steps it has not shown yet."""
        if self._progress is not None and self._pending:
            self._done += self._pending
            if self._total is not None and self._done > self._total:
                # a rough total (a CSV's lines) fell short: never more done than the total
                self._total = self._done
                self._progress.update(self._task, total=self._total)
            self._progress.advance(self._task, self._pending)
            self._pending = 0
            self._handed = time.monotonic() if now is None else now

    def set_total(self, total: int | None) -> None:
        """The total, once known (e.g. after a file was opened)."""
        if self._progress is not None:
            self.flush()
            self._total = None if total is None else max(total, self._done)
            self._progress.update(self._task, total=self._total)


@contextmanager
def progress(description: str, total: int | None) -> Iterator[ProgressHandle]:
    """A progress bar on a terminal; silent when stderr is not a terminal (known without
    making the rich console: `doc batch` in the light entry imports no rich for it)."""
    if ("err" not in globals() and _not_terminal(sys.stderr)) or not _err().is_terminal:
        yield ProgressHandle(None, None)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_err(),
        transient=True,
    ) as p:
        task = p.add_task(escape(description), total=total)
        handle = ProgressHandle(p, task, total)
        try:
            yield handle
        finally:
            handle.flush()


def ask(prompt: str, default: str | None = None) -> str:
    """One line of input from the clerk (stderr prompt, so stdout stays data); Enter takes
    the default."""
    shown = escape(prompt)
    if default:
        shown += f" [bold]({escape(default)})[/bold]"
    answer = _err().input(shown + ": ")
    if not answer and "readline" in sys.modules and _err().is_terminal:
        # Once readline is loaded (for Tab completion) it does not echo the newline of an
        # empty line: without this the next prompt would follow on the same line.
        _err().file.write("\n")
        _err().file.flush()
    return answer.strip() or (default or "")


_YES = {"y", "yes", "是", "是的", "对", "好", "确认"}
_NO = {"n", "no", "否", "不", "不是", "取消"}


def confirm(prompt: str, default: bool = True) -> bool:
    """A yes/no question; 是/否 (or y/n) in either language, Enter for the default."""
    choices = _("yes/no")
    while True:
        answer = ask(f"{prompt} [{choices}]", _("yes") if default else _("no")).lower()
        if answer in _YES or answer == _("yes").lower():
            return True
        if answer in _NO or answer == _("no").lower():
            return False
        error(_("Answer {yes} or {no}.").format(yes=_("yes"), no=_("no")))
