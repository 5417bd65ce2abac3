"""Labels that were written twice and drifted apart, folded into one function each (review
of 2026-12-02): each test fails if a second copy comes back and reads otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_the_commands_keep_no_title_or_time_function_of_their_own():
    from mediate.commands import reads

    assert reads.paper_title is paper_title and reads.minute_label is minute_label
    assert not hasattr(reads, "_document_title") and not hasattr(reads, "local_time")


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
