"""A number past what the database or the calendar holds is a usage error or "no such
case", never exit 3 (final read of 2026-12-02: OverflowError from --limit, --offset,
--within, --batch, --mediator, a case id, and year 0000 in --period)."""

import pytest

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    "args, code",
    [
        (["today", "--within", "99999999"], 2),
        (["case", "list", "--limit", HUGE], 2),
        (["case", "list", "--offset", HUGE], 2),
        (["case", "list", "--batch", HUGE], 2),
        (["case", "list", "--due-within", "99999999"], 2),
        (["report", "overdue", "--limit", HUGE], 2),
        (["report", "causes", "--period", "0000"], 2),
        (["report", "funnel", "--period", "0000年第一季度"], 2),
        (["case", "show", HUGE], 1),
        (["case", "list", "--mediator", HUGE], 0),
        (["case", "list", "--mediator", f"刘明（{HUGE}）"], 0),
    ],
)
def test_a_number_too_big_is_refused_or_matches_nothing(initialised, cli, args, code):
    result = cli(["--db", initialised.url, *args])
    assert result.exit_code == code, result.output
    assert "Unexpected" not in result.output
