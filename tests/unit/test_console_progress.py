"""The progress bar is handed steps at most every tenth of a second, and none are lost."""

from __future__ import annotations

from typing import Any

import pytest

from mediate import console


class FakeBar:
    def __init__(self) -> None:
        self.calls: list[int] = []
        self.totals: list[int | None] = []

    def advance(self, task: Any, n: int) -> None:
        self.calls.append(n)

    def update(self, task: Any, total: int | None) -> None:
        self.totals.append(total)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(console.time, "monotonic", lambda: now[0])
    return now


def test_steps_within_a_tenth_of_a_second_reach_the_bar_together(clock: list[float]) -> None:
    bar = FakeBar()
    handle = console.ProgressHandle(bar, "task")  # type: ignore[arg-type]
    for _ in range(1000):  # a thousand rows read in the same instant
        handle.advance()
    assert bar.calls == [1]  # the first step is shown at once
    clock[0] += 0.1
    handle.advance()
    assert bar.calls == [1, 1000]
    handle.advance(5)
    handle.flush()
    assert sum(bar.calls) == 1006  # nothing lost


def test_a_slow_step_is_shown_when_it_is_made(clock: list[float]) -> None:
    bar = FakeBar()
    handle = console.ProgressHandle(bar, "task")  # type: ignore[arg-type]
    for _ in range(3):  # a document a second: every step shown as it comes
        clock[0] += 1
        handle.advance()
    assert bar.calls == [1, 1, 1]


def test_the_total_is_set_after_the_steps_made_before_it(clock: list[float]) -> None:
    bar = FakeBar()
    handle = console.ProgressHandle(bar, "task")  # type: ignore[arg-type]
    handle.advance()
    handle.advance(2)
    handle.set_total(10)
    assert sum(bar.calls) == 3 and bar.totals == [10]


def test_a_rough_total_that_falls_short_is_raised_never_more_done_than_total(
    clock: list[float],
) -> None:
    """A CSV's total is its lines: a row the count missed never shows as 11/10."""
    bar = FakeBar()
    handle = console.ProgressHandle(bar, "task")  # type: ignore[arg-type]
    handle.set_total(10)
    for _ in range(12):
        clock[0] += 1
        handle.advance()
    assert sum(bar.calls) == 12 and bar.totals == [10, 11, 12]
    handle.set_total(5)  # a total below what is done already
    assert bar.totals[-1] == 12


def test_a_control_character_in_a_message_is_written_as_its_escape(capsys) -> None:
    """The Chinese catalog quotes a value in “” where English has repr() (review of
    2026-12-02): a control character in it (from a rules file, say) still never reaches the
    terminal as it is."""
    console.error("“a\x1b[2Jb”不是日期\t（见\x07）")
    said = capsys.readouterr().err
    assert "\x1b" not in said and "\x07" not in said
    assert "“a\\x1b[2Jb”" in said and "\\x07" in said
