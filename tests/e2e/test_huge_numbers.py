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
        # the walk of 2026-12-02 (h9): ids of sessions, mediators and cases as int arguments
        (["visit", HUGE, "--note", "x"], 2),
        (["performance", HUGE, "done"], 2),
        (["session", "list", "--case", HUGE], 2),
        (["session", "move", HUGE, "--at", "2026-12-10 09:30", "--reason", "x"], 2),
        (["session", "cancel", HUGE, "--reason", "x"], 2),
        (["session", "record", "1", "--attended", HUGE], 2),
        (["mediator", "disable", HUGE], 2),
        (["case", "edit", "1", "--expect-version", HUGE, "--set", "tags=x"], 2),
        (["rules", "explain", HUGE], 2),
        (["db", "copy", "--to", "sqlite:///unused.db", "--chunk", HUGE], 2),
    ],
)
def test_a_number_too_big_is_refused_or_matches_nothing(initialised, cli, args, code):
    result = cli(["--db", initialised.url, *args])
    assert result.exit_code == code, result.output
    assert "Unexpected" not in result.output


def test_an_id_typed_in_full_width_digits_is_read_as_the_number(initialised, cli):
    """A Chinese input method types １２ for 12: it names case 12 (here: no such case)."""
    result = cli(["--db", initialised.url, "session", "list", "--case", "１２"])
    assert result.exit_code == 1, result.output
    assert "12" in result.output


@pytest.mark.parametrize("word", ["0", "-", "1.5", "十二"])
def test_an_id_that_is_no_whole_positive_number_is_a_usage_error(initialised, cli, word):
    result = cli(["--db", initialised.url, "mediator", "disable", word])
    assert result.exit_code == 2, result.output
