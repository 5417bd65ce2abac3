"""Tables, `key: value` blocks, records and messages are drawn without rich
(mediate/plaintable.py), character for character what rich draws: to a file or a pipe, and
at a terminal with rich's styles as its escape codes (the consoles made as console.py
makes them, on streams that say they are terminals; tests/e2e/test_terminal_output.py
does the same at a real pseudo-terminal)."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rich.console import Console

from mediate import console

WORDS = st.sampled_from(
    ["调解中", "焦作市金融纠纷调解委员会", "（2026）豫0802民初1234号", "52000.50", "2026-12-02",
     "张伟", "王芳、刘洋", "Case no.", "a", "", "settled", "court-entrusted (after filing)",
     "中国工商银行股份有限公司焦作分行", "1", "…", "— ·", "“引号”", "x" * 30, "甲" * 25,
     "line\nbreak", "[bold]x[/bold]", "路 › 规则"]
)  # fmt: skip
TEXT = st.lists(WORDS, min_size=0, max_size=3).map(" ".join)
PLAIN: list[bool] = []  # whether each call was drawn without rich


def _both(draw: Callable[[], None], width: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(what rich draws, what the plain path draws) for the same call at `width`."""
    rich_out, rich_err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(console, "out", Console(file=rich_out, width=width, highlight=False,
                                                soft_wrap=False), raising=False)  # fmt: skip
    monkeypatch.setattr(console, "err", Console(file=rich_err, width=width, highlight=False),
                        raising=False)  # fmt: skip
    draw()
    monkeypatch.undo()
    console.reset(width=width)
    plain_out, plain_err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", plain_out)
    monkeypatch.setattr(sys, "stderr", plain_err)
    draw()
    PLAIN.append("out" not in vars(console) and "err" not in vars(console))  # no rich made
    monkeypatch.undo()
    console.reset(width=width)
    return rich_out.getvalue() + rich_err.getvalue(), plain_out.getvalue() + plain_err.getvalue()


class _Terminal(io.StringIO):
    """A stream that says it is a terminal (rich and console.py both ask `isatty`)."""

    def isatty(self) -> bool:
        return True


# What decides how rich writes to a terminal: its colour system (none at a dumb terminal,
# whatever TERM or COLORTERM say otherwise), NO_COLOR, and its width (COLUMNS; at a dumb
# terminal 80 unless LINES is set too).
TERMINALS = [
    {"TERM": "xterm-256color"},
    {"TERM": "xterm", "NO_COLOR": "1"},
    {"TERM": "xterm-kitty", "COLORTERM": "truecolor"},
    {"TERM": "dumb"},
    {"TERM": "dumb", "LINES": "25"},
    {"TERM": "screen", "FORCE_COLOR": "1"},
]
_TERMINAL_SETTINGS = ("TERM", "COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "FORCE_COLOR",
                      "TTY_COMPATIBLE")  # fmt: skip


def _at_terminal(
    draw: Callable[[], None], terminal: dict[str, str], width: int, mp: pytest.MonkeyPatch
) -> tuple[str, str]:
    """(what rich draws, what is drawn without rich) for the same calls on stdout and
    stderr that are terminals of `width` columns (COLUMNS) set up as `terminal` says."""
    drawn = []
    with mp.context() as m:
        for name in _TERMINAL_SETTINGS:
            m.delenv(name, raising=False)
        for name, value in {**terminal, "COLUMNS": str(width)}.items():
            m.setenv(name, value)
        for by_rich in (True, False):
            console.reset()
            out, err = _Terminal(), _Terminal()
            m.setattr(sys, "stdout", out)
            m.setattr(sys, "stderr", err)
            if by_rich:  # rich's consoles, made as console.py makes them at a terminal
                console._console("out")
                console._console("err")
            draw()
            if not by_rich:
                PLAIN.append("out" not in vars(console) and "err" not in vars(console))
            drawn.append(out.getvalue() + "\n--- stderr\n" + err.getvalue())
    console.reset()
    return drawn[0], drawn[1]


def _drawn(
    draw: Callable[[], None], width: int, terminal: dict[str, str] | None, mp: pytest.MonkeyPatch
) -> tuple[str, str]:
    """`_both` (a file or a pipe) when `terminal` is None, else `_at_terminal`."""
    if terminal is None:
        return _both(draw, width, mp)
    return _at_terminal(draw, terminal, width, mp)


WHERE = st.none() | st.sampled_from(TERMINALS)  # a pipe, or one of the terminals


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    headers=st.lists(TEXT, min_size=1, max_size=6),
    rows=st.lists(st.lists(TEXT, min_size=6, max_size=6), max_size=4),
    title=st.none() | TEXT,
    caption=st.none() | TEXT,
    width=st.sampled_from([40, 60, 80, 120]),
    drops=st.lists(st.integers(0, 3), min_size=6, max_size=6),
    where=WHERE,
)
def test_a_table_is_drawn_as_rich_draws_it(
    monkeypatch, headers, rows, title, caption, width, drops, where
):
    columns = [
        console.Column(h, justify="right" if i == 1 else "left", drop=drops[i])
        for i, h in enumerate(headers)
    ]
    cells = [row[: len(headers)] for row in rows]
    drawn_by_rich, drawn_plain = _drawn(
        lambda: console.table(columns, cells, title=title or None, caption=caption or None),
        width,
        where,
        monkeypatch,
    )
    assert drawn_plain == drawn_by_rich


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=8),
    title=st.none() | TEXT,
    width=st.sampled_from([40, 80]),
    where=WHERE,
)
def test_key_values_are_drawn_as_rich_draws_them(monkeypatch, pairs, title, width, where):
    drawn_by_rich, drawn_plain = _drawn(
        lambda: console.key_values(pairs, title=title or None), width, where, monkeypatch
    )
    assert drawn_plain == drawn_by_rich


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=TEXT | st.sampled_from(["甲" * 50, "long words " * 9, "a\n\nb", "x" * 90]),
    width=st.sampled_from([40, 80]),
    where=WHERE,
)
def test_messages_are_written_as_rich_writes_them(monkeypatch, text, width, where):
    def say() -> None:
        console.message(text)
        console.info(text)
        console.warn(text)
        console.error(text)
        console.success(text)

    drawn_by_rich, drawn_plain = _drawn(say, width, where, monkeypatch)
    assert drawn_plain == drawn_by_rich


def test_the_characters_drawn_without_rich_have_the_width_rich_gives_them():
    from rich.cells import cell_len

    from mediate.plaintable import _AGREED
    from mediate.textwidth import cell_width

    for low, high in _AGREED:
        for code in range(low, high + 1):
            assert cell_len(chr(code)) == cell_width(chr(code)), hex(code)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_everyday_tables_are_drawn_without_rich_and_alike(monkeypatch, width):
    from tests.unit.test_console_tables import CASES, HEADERS

    def draw() -> None:
        console.table(HEADERS, CASES, title="案件", caption="共 3 件")
        console.key_values(
            [("案件", 1), ("案由", "金融借款合同纠纷"), ("事实", "甲" * 60)], "案件 1"
        )
        console.message("没有案件。")

    PLAIN.clear()
    drawn_by_rich, drawn_plain = _both(draw, width, monkeypatch)
    assert PLAIN == [True]
    assert drawn_plain == drawn_by_rich


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_everyday_tables_at_a_terminal_are_drawn_without_rich_and_alike(
    monkeypatch, terminal, width
):
    from tests.unit.test_console_tables import CASES, HEADERS

    def draw() -> None:
        console.table(HEADERS, CASES, title="案件", caption="共 3 件")
        console.table(HEADERS[:4], [], title="Cases", caption="0 of 0 cases")  # empty
        console.key_values(
            [("案件", 1), ("案由", "金融借款合同纠纷"), ("事实", "甲" * 60)], "案件 1"
        )
        console.message("没有案件。")
        console.warn("规则：诉前调解 › 金融纠纷")

    PLAIN.clear()
    drawn_by_rich, drawn_plain = _at_terminal(draw, terminal, width, monkeypatch)
    assert PLAIN == [True]
    assert drawn_plain == drawn_by_rich
    if terminal.get("NO_COLOR") or terminal["TERM"] == "dumb":
        assert not re.search("\x1b\\[[0-9;]*3[0-7]m", drawn_plain)  # no colour (30–37)
    if terminal["TERM"] != "dumb":
        assert "\x1b[1m" in drawn_plain  # bold headers or keys
    if terminal["TERM"] != "dumb" and width >= 80:
        assert "\x1b[2;3m" in drawn_plain  # the caption, dim italic


PIECES = st.sampled_from([" ", "  ", "\n", "，", "甲乙丙丁戊己庚辛", "word", "an-identifier-42"])


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(WORDS | PIECES, max_size=10).map("".join),
    width=st.integers(2, 50),
    style=st.sampled_from(["", "bold"]),
)
def test_a_line_is_wrapped_as_rich_wraps_it(text, width, style):
    from rich.markup import escape

    from mediate import plaintable

    lines = plaintable.wrap_like_rich(text, width)
    assume(lines is not None)  # else left to rich (a line it would crop, a final break)
    printed = io.StringIO()
    rich = Console(file=printed, width=width, highlight=False, force_terminal=True,
                   color_system="standard")  # fmt: skip
    rich.print(escape(text), style=style or None)
    ink = plaintable.Ink(styles=True)
    assert plaintable.styled_lines("\n".join(lines), ink, style) == printed.getvalue()
