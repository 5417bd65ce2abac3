"""Labels that were written twice and drifted apart, folded into one function each (review
of 2026-12-02): each test fails if a second copy comes back and reads otherwise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import mediate
from mediate.clock import CHINA, minute_label
from mediate.documents.kinds import KINDS, kind_named
from mediate.domain.events import value_label
from mediate.domain.papers import TITLES, paper_title


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        ("2026-12-01T00:30:00+00:00", "2026-12-01 08:30"),  # an event's time, stored UTC
        ("2026-12-01T08:30+08:00", "2026-12-01 08:30"),  # a session's, China time
        ("2026-12-01T00:30:59Z", "2026-12-01 08:30"),
        (dt.datetime(2026, 12, 1, 0, 30, tzinfo=dt.UTC), "2026-12-01 08:30"),
        (dt.datetime(2026, 12, 1, 8, 30, tzinfo=CHINA), "2026-12-01 08:30"),
        (dt.datetime(2026, 11, 30, 16, 5), "2026-12-01 00:05"),  # naive: UTC, as stored
        ("明天上午", "明天上午"),  # no moment: as it is
    ],
)
def test_every_moment_is_shown_in_china_time_to_the_minute(moment, shown):
    assert minute_label(moment) == shown


def test_the_history_shows_a_session_time_as_the_session_list_does():
    """`case history` (value_label) and `session list` / `case show` (minute_label) are one
    function: the same stored moment reads the same in both."""
    stored = "2026-12-01T00:30:00+00:00"
    assert value_label("at", stored) == minute_label(stored) == "2026-12-01 08:30"


@pytest.mark.parametrize("kind", sorted(TITLES))
def test_a_paper_is_named_alike_in_case_show_the_history_and_doc_render(kind):
    """`case show`'s documents and the history name a paper by `paper_title`, and `doc
    render` takes that title back as the kind."""
    title = paper_title(kind)
    assert KINDS[kind].title == title == value_label("kind", kind)
    assert kind_named(title) is KINDS[kind]


#: A moment cut to the minute by hand: what clock.minute_label does, in China time.
_MINUTE_COPIES = re.compile(
    r"""strftime\(\s*["']%Y-%m-%d %H:%M["']\s*\)"""
    r"""|\.replace\(\s*["']T["']\s*,\s*["'] ["']\s*\)\s*\[\s*:\s*16\s*\]"""
)


def test_no_code_but_the_clock_formats_a_moment_to_the_minute():
    """Review of 2026-12-02: the identity check let `services/demo.py` cut a session's
    time with `.replace("T", " ")[:16]` (no China time); every copy in mediate/ fails."""
    root = Path(mediate.__file__).parent
    copies = [
        f"{path.relative_to(root)}:{text.count(chr(10), 0, found.start()) + 1}"
        for path in sorted(root.rglob("*.py"))
        if path != root / "clock.py"
        for text in [path.read_text(encoding="utf-8")]
        for found in _MINUTE_COPIES.finditer(text)
    ]
    assert copies == []


def test_the_scan_finds_a_copy():
    assert _MINUTE_COPIES.search('at.replace("T", " ")[:16]')
    assert _MINUTE_COPIES.search("moment.strftime('%Y-%m-%d %H:%M')")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_performance_report_reads_alike_in_the_history_and_is_taken_back(language):
    """One table (domain/performance.performance_label): the history shows a report's
    kind as `performance` shows the state, and `performance KIND` takes the label back."""
    from mediate.domain.performance import PerformanceKind, performance_label
    from mediate.domain.vocabulary import PERFORMANCE_REPORT
    from mediate.i18n import in_language

    with in_language(language):
        for kind in PerformanceKind:
            shown = performance_label(kind)
            assert shown != kind or language == "en"
            assert value_label("kind", kind.value) == shown
            assert value_label("kind", kind.value, "performance_reported") == shown
            if kind.value in PERFORMANCE_REPORT.codes:
                assert PERFORMANCE_REPORT.parse(shown) == kind
