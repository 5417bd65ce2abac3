"""`mediate session`, `mediate performance`, `mediate visit` through the real CLI (issue 20).

The suite's clock stands at 2026-12-01 09:30 China time (tests/clockrun.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from mediate.resources import data_dir
from mediate.store.engine import make_engine
from mediate.store.tables import ConfirmationRow, PerformanceEventRow
from tests.conftest import invoke, squash

VILLAGE_ROOM = "jz-410802009901-village-room"  # where the sample neighbour dispute goes


@pytest.fixture
def case(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    added = invoke(
        [*db, "case", "add", "--file", str(data_dir() / "samples/disputes/neighbour.yaml")]
    )
    assert added.exit_code == 0, added.output
    assert (
        invoke([*db, "mediator", "add", "--org", VILLAGE_ROOM, "--name", "李调解"]).exit_code == 0
    )
    assert invoke([*db, "case", "assign", "1", "--mediator", "1"]).exit_code == 0, VILLAGE_ROOM
    return db


def run(db, *args):
    result = invoke([*db, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_session_is_scheduled_listed_moved_and_held_which_starts_the_mediation(case):
    made = run(case, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    assert (made["case"], made["at"], made["status"]) == (1, "2026-12-03T09:30+08:00", "scheduled")
    assert made["mediator"] == "李调解" and len(made["summoned"]) == 2
    assert [s["id"] for s in run(case, "session", "list", "--on", "2026-12-03")] == [1]
    moved = run(
        case, "session", "move", "1", "--at", "2026-12-01 09:30", "--reason", "双方提前到场"
    )
    assert (moved["at"], moved["reason"]) == ("2026-12-01T09:30+08:00", "双方提前到场")
    assert run(case, "session", "list", "--on", "2026-12-03") == []
    held = run(case, "session", "record", "1", "--attended", "1", "--notes", "双方同意赔偿")
    assert (held["status"], held["attended"], held["record"]) == ("held", [1], "双方同意赔偿")
    assert run(case, "case", "show", "1")["status"] == "in_mediation"
    actions = [e["action"] for e in run(case, "case", "history", "1")]
    assert actions[-4:] == ["session_scheduled", "session_moved", "session_held", "start"]


def test_a_cancelled_session_needs_a_reason_and_cannot_then_be_held(case):
    run(case, "session", "1", "--at", "2026-12-03 09:30", "--online")
    no_reason = invoke([*case, "session", "cancel", "1", "--reason", " "])
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr  # typed: usage error
    run(case, "session", "cancel", "1", "--reason", "被申请人住院")
    again = invoke([*case, "session", "record", "1", "--notes", "x"])
    assert again.exit_code == 1
    assert (
        "already cancelled" in squash(again.stderr).replace("", "") or "cancelled" in again.stderr
    )


def test_a_session_is_not_recorded_as_held_before_its_time(case):
    """人民调解法 art. 27: the record (调解笔录) is of a session that took place; the clock
    stands at 2026-12-01 09:30, so the session of 09:31 has not begun and the one of 09:30
    has (no tolerance: one that began early is moved first)."""
    run(case, "session", "1", "--at", "2026-12-01 09:31", "--place", "第一调解室")
    early = invoke([*case, "session", "record", "1", "--notes", "双方同意赔偿"])
    assert early.exit_code == 1, early.output
    assert squash("Session 1 is scheduled for 2026-12-01 09:31") in squash(early.stderr)
    assert squash("cannot have been held yet") in squash(early.stderr)
    assert run(case, "session", "list", "--case", "1")[0]["status"] == "scheduled"
    assert run(case, "case", "show", "1")["status"] == "assigned"
    run(case, "session", "move", "1", "--at", "2026-12-01 09:30", "--reason", "提前开始")
    held = run(case, "session", "record", "1", "--notes", "双方同意赔偿")
    assert held["status"] == "held"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", "--at", "tomorrow", "--place", "x"], "--at: 'tomorrow' is not a time"),
        (["1", "--at", "2026-12-03 09:30"], "--place: Say where"),
        (["1", "--at", "2026-12-03 09:30", "--place", "x", "--summon", "3"], "no party 3"),
        (
            ["1", "--at", "2026-12-03 09:30", "--place", "x", "--mediator", "9"],
            "no mediator 9",
        ),
        (
            ["1", "--at", "2026-12-03 09:30", "--place", "x", "--mediator", "钱某"],
            "No active mediator of the body is named 钱某",
        ),
        (["99", "--at", "2026-12-03 09:30", "--place", "x"], "no case 99"),
        # a year typed wrong: no session before the dispute was received (walk of 2026-12-02)
        (
            ["1", "--at", "1926-12-03 09:30", "--place", "x"],
            "--at: 1926-12-03 is before case 1 was received (2026-11-09)",
        ),
        # digits to str.isdigit that int() refuses, and an id past SQLite's integers
        (
            ["1", "--at", "2026-12-03 09:30", "--place", "x", "--mediator", "²"],
            "No active mediator of the body is named ²",
        ),
        (
            ["1", "--at", "2026-12-03 09:30", "--place", "x", "--mediator", "9" * 20],
            "no mediator 99999999999999999999",
        ),
    ],
)
def test_a_wrong_session_is_refused_with_what_is_wrong(case, args, message):
    result = invoke([*case, "session", *args])
    # a time that is no time is a usage error (review of 2026-12-02), the rest exit 1
    # so is a session with no place (walk of 2026-12-02)
    assert result.exit_code == (2 if message.startswith(("--at:", "--place:")) else 1), (
        result.output
    )
    assert squash(message) in squash(result.stderr)


def test_a_session_is_not_moved_before_the_case_was_received(case):
    """Review of 2026-12-02: `session move --at` before the 收案日期 exited 1 while
    `session ... --held` exited 2: the same slip of --at, a usage error naming both days."""
    run(case, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    move = ["session", "move", "1", "--at", "2025-12-03 09:30", "--reason", "x"]
    moved = invoke([*case, *move], env={"MEDIATE_LANG": "zh"})
    assert moved.exit_code == 2, moved.output
    said = "--at：2025-12-03 早于案件 1 的收案日期（2026-11-09）。"
    assert squash(said) in squash(moved.stderr), moved.stderr
    assert run(case, "session", "list", "--case", "1")[0]["at"] == "2026-12-03T09:30+08:00"


def test_a_held_session_before_the_case_was_received_is_a_usage_error_naming_the_day(case):
    """`--held` records a session after the fact: one dated before the case's 收案日期
    (2026-11-09 for the sample) is a slip of --at, refused as a usage error naming both
    days. The bound is the receipt, not the assignment (the suite assigns it on
    2026-12-01): a session may be held for a routed case before a mediator has it."""
    zh = {"MEDIATE_LANG": "zh"}
    early = ["session", "1", "--at", "2026-11-08 18:00", "--place", "第一调解室", "--held"]
    refused = invoke([*case, *early], env=zh)
    assert refused.exit_code == 2, refused.output
    said = "--at：2026-11-08 早于案件 1 的收案日期（2026-11-09）：已经召开的调解会不能早于收案。"
    assert squash(said) in squash(refused.stderr), refused.stderr
    assert run(case, "session", "list", "--case", "1") == []
    held = run(case, "session", "1", "--at", "2026-11-09 09:30", "--place", "第一调解室", "--held")
    assert (held["at"], held["status"]) == ("2026-11-09T09:30+08:00", "scheduled")


@pytest.mark.parametrize(
    ("at", "said"),
    [
        ("9999-12-31 09:30", "9999-12-31 距今超过一年：调解会议最晚只能安排在 2027-12-01"),
        ("2027-12-02 09:30", "2027-12-02 距今超过一年：调解会议最晚只能安排在 2027-12-01"),
    ],
)
def test_a_session_more_than_a_year_ahead_is_a_usage_error_naming_the_limit(case, at, said):
    """A year typed wrong (9999, 2027 for 2026): the suite's today is 2026-12-01, so the
    last day a session may be booked for is 2027-12-01 (services/sessions.py)."""
    zh = {"MEDIATE_LANG": "zh"}
    scheduled = invoke([*case, "session", "1", "--at", at, "--place", "第一调解室"], env=zh)
    assert scheduled.exit_code == 2, scheduled.output
    assert squash(f"--at：{said}") in squash(scheduled.stderr), scheduled.stderr
    run(case, "session", "1", "--at", "2027-12-01 09:30", "--place", "第一调解室")  # the limit
    moved = invoke([*case, "session", "move", "1", "--at", at, "--reason", "改期"], env=zh)
    assert moved.exit_code == 2, moved.output
    assert squash(f"--at：{said}") in squash(moved.stderr), moved.stderr
    assert run(case, "session", "list", "--case", "1")[0]["at"] == "2027-12-01T09:30+08:00"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize(
    "args",
    [
        ["visit", "1", "--note", "回访", "--on"],  # case 1 has no agreement: the date first
        ["performance", "1", "done", "--on"],
        ["session", "list", "--on"],
        ["outcome", "1", "failed", "--reason", "不同意", "--on"],
        ["report", "overdue", "--as-of"],
        ["export", "cases", "--to", "2026-12-01", "--from"],
        ["doc", "render", "registration", "1", "--date"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_date_a_century_away_is_a_usage_error_of_every_date_option(case, args, day):
    """Review of 2026-12-02: `visit --on 9999-12-31` ended in exit 1, `session list --on
    0001-01-01` in a crash (exit 3: China time to UTC overflowed). Every date option holds
    its day to a century either side of today (clock.option_days), before any work."""
    result = invoke([*case, *args, day], env={"MEDIATE_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert squash(f"{day} 不是可能的日期：这里的日期应在 1926-12-01 至 2126-12-01 之间") in squash(
        result.stderr
    ), result.stderr


def test_a_session_at_the_start_of_the_calendar_is_a_usage_error_not_a_crash(case):
    result = invoke([*case, "session", "1", "--at", "0001-01-01 00:00", "--place", "室"])
    assert result.exit_code == 2, result.output
    assert squash("0001-01-01 is not a plausible date") in squash(result.stderr)


def test_rule_people_mediation_law_art_27_a_past_session_is_booked_only_as_held(case):
    """Review of 2026-12-03: `session 8 --at <yesterday>` was booked silently. A session is
    scheduled ahead (the clock stands at 2026-12-01 09:30); one already held is booked with
    --held and then recorded (调解笔录, 人民调解法 art. 27)."""
    zh = {"MEDIATE_LANG": "zh"}
    past = ["session", "1", "--at", "2026-12-01 09:00", "--place", "第一调解室"]
    refused = invoke([*case, *past], env=zh)
    assert refused.exit_code == 2, refused.output
    assert squash("2026-12-01 09:00 已经过去") in squash(refused.stderr), refused.stderr
    assert "--held" in refused.stderr
    assert run(case, "session", "list", "--case", "1") == []
    run(case, *past, "--held")
    held = run(case, "session", "record", "1", "--notes", "双方同意赔偿")
    assert held["status"] == "held"


def test_rule_people_mediation_law_art_27_a_session_is_not_moved_to_a_time_gone(case):
    """Review of 2026-12-02: `session move ID --at <yesterday>` booked a past session,
    which `session schedule` refuses. A usage error naming --at (exit 2); the session
    keeps its time and no move is recorded."""
    run(case, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    moved = invoke(
        [*case, "session", "move", "1", "--at", "2026-11-30 09:30", "--reason", "改期"],
        env={"MEDIATE_LANG": "zh"},
    )
    assert moved.exit_code == 2, moved.output
    assert squash("2026-11-30 09:30 已经过去") in squash(moved.stderr), moved.stderr
    assert run(case, "session", "list", "--case", "1")[0]["at"] == "2026-12-03T09:30+08:00"
    actions = [e["action"] for e in run(case, "case", "history", "1")]
    assert "session_moved" not in actions


def test_a_session_is_not_moved_onto_another_of_its_case_unless_again(case):
    """Review of 2026-12-02: `session move` skipped the double-booking check `session
    schedule` makes (exit 1, naming the session, unless --again). A session moved to its
    own minute is no double booking."""
    run(case, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    run(case, "session", "1", "--at", "2026-12-05 09:30", "--place", "第一调解室")
    onto = ["session", "move", "2", "--at", "2026-12-03 09:30", "--reason", "改期"]
    refused = invoke([*case, *onto], env=ZH)
    assert refused.exit_code == 1, refused.output
    assert squash("案件 1 在 2026-12-03 09:30 已有调解会 1") in squash(refused.stderr)
    assert run(case, "session", "list", "--case", "1")[1]["at"] == "2026-12-05T09:30+08:00"
    same = ["session", "move", "1", "--at", "2026-12-03 09:30", "--reason", "换房间"]
    assert invoke([*case, *same, "--place", "第二调解室"]).exit_code == 0
    assert run(case, *onto, "--again")["at"] == "2026-12-03T09:30+08:00"


def test_a_past_time_booked_twice_is_judged_as_typed_first(case):
    """Review of 2026-12-02: a past --at over a session of the case said 'booked already'
    (exit 1); the typed value is judged first: a usage error naming --at (exit 2)."""
    at = ["--at", "2026-12-01 09:00", "--place", "调解室"]
    run(case, "session", "1", *at, "--held")
    twice = invoke([*case, "session", "1", *at], env=ZH)
    assert twice.exit_code == 2, twice.output
    assert squash("2026-12-01 09:00 已经过去") in squash(twice.stderr), twice.stderr


def test_rule_people_mediation_law_art_27_a_session_held_is_not_in_the_future(case):
    """Review of 2026-12-02: `--held` with an --at ahead was booked silently; a session
    already held (to be recorded, 人民调解法 art. 27) is not in the future: exit 2."""
    ahead = ["session", "1", "--at", "2026-12-03 09:30", "--place", "调解室", "--held"]
    refused = invoke([*case, *ahead], env=ZH)
    assert refused.exit_code == 2, refused.output
    said = squash(refused.stderr)
    assert "--held" in said and squash("已经召开的调解会不能在将来") in said, said
    assert run(case, "session", "list", "--case", "1") == []
    now = run(case, "session", "1", "--at", "2026-12-01 09:30", "--place", "调解室", "--held")
    assert now["status"] == "scheduled"


def test_a_held_session_is_not_moved_and_says_so_in_plain_chinese(case):
    run(case, "session", "1", "--at", "2026-12-01 09:00", "--place", "第一调解室", "--held")
    run(case, "session", "record", "1", "--notes", "双方同意赔偿")
    moved = invoke(
        [*case, "session", "move", "1", "--at", "2026-12-03 09:30", "--reason", "x"],
        env={"MEDIATE_LANG": "zh"},
    )
    assert moved.exit_code == 1, moved.output
    assert squash("调解会 1 的状态已是“已召开”，不能再改动。") in squash(moved.stderr)
    assert "已经已" not in moved.stderr


def settle(db, amount="5000", perform_by="2026-12-20"):
    outcome = invoke(
        [*db, "outcome", "1", "settled", "--terms", "赔偿", "--amount", amount]
        + (["--perform-by", perform_by] if perform_by else [])
    )
    assert outcome.exit_code == 0, outcome.output


def test_performance_is_recorded_in_parts_until_the_agreed_amount_is_paid(case):
    settle(case)
    first = run(case, "performance", "1", "partial", "--amount", "2000", "--note", "第一笔")
    assert (first["status"], first["paid"], first["outstanding"]) == (
        "partial",
        "2000.00",
        "3000.00",
    )
    visit = run(case, "visit", "1", "--note", "电话回访，余款月底付清")
    assert visit["events"][-1]["kind"] == "visit" and visit["events"][-1]["by"] == "测试书记员"
    last = run(case, "performance", "1", "部分履行", "--amount", "3000")
    assert (last["status"], last["outstanding"]) == ("done", "0.00")
    actions = [e["action"] for e in run(case, "case", "history", "1")]
    assert actions.count("performance_partial") == 2 and "visit" in actions


def test_the_note_on_instalments_paid_in_full_is_stored_as_a_code_and_read_in_any_language(
    case, sqlite_db, monkeypatch
):
    """The `done` the tool adds when the instalments reach the agreed amount carries a
    note: stored as a code whatever the language the command ran in, worded when read."""
    from sqlmodel import select

    settle(case)
    monkeypatch.setenv("MEDIATE_LANG", "zh")
    run(case, "performance", "1", "partial", "--amount", "5000")
    engine = make_engine(sqlite_db.url)
    with Session(engine) as session:
        rows = session.exec(select(PerformanceEventRow).order_by(PerformanceEventRow.id)).all()
        stored = [(r.kind, r.note, r.note_code) for r in rows]
    engine.dispose()
    assert stored == [("partial", None, None), ("done", None, "instalments")]
    visited = run(case, "visit", "1", "--note", "电话回访")
    assert visited["events"][1]["note"] == "分期履行完毕"
    history = invoke([*case, "case", "history", "1"])
    assert "分期履行完毕" in squash(history.stdout)
    monkeypatch.setenv("MEDIATE_LANG", "en")
    events = run(case, "visit", "1", "--note", "电话回访")["events"]
    assert (events[1]["note"], events[1]["note_code"]) == ("paid in instalments", "instalments")


def test_a_note_stored_as_text_before_the_codes_reads_as_it_was_stored(
    case, sqlite_db, monkeypatch
):
    """Databases written before migration 0012 hold the note as text (the table is
    insert-only, so it is not rewritten): it reads as it was written, in any language."""
    settle(case)
    engine = make_engine(sqlite_db.url)
    with Session(engine) as session:
        session.add(
            PerformanceEventRow(
                case_id=1,
                kind="done",
                on=dt.date(2026, 12, 1),
                note="分期履行完毕",
                recorded_by="测试书记员",
            )
        )
        session.commit()
    engine.dispose()
    monkeypatch.setenv("MEDIATE_LANG", "en")
    (event,) = run(case, "visit", "1", "--note", "电话回访")["events"][:1]
    assert (event["note"], event["note_code"]) == ("分期履行完毕", None)


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["partial"], "--amount: A partial performance needs the amount", 2),
        (["done", "--amount", "5"], "--amount: --amount goes with a partial performance only", 2),
        # more than is owed (review of 2026-12-02: 99999999 was taken as paid)
        (
            ["partial", "--amount", "99999999"],
            "more than is still owed under the agreement: 5,000.00",
            2,
        ),
        (["sometimes"], "is not a valid performance report", 2),  # a KIND the command does not take
        (["done", "--on", "2026-12-05"], "in the future", 2),  # a typed value (README)
        (["enforcement"], "has not been confirmed by a court", 1),
    ],
)
def test_a_wrong_performance_report_is_refused(case, args, message, code):
    settle(case)
    result = invoke([*case, "performance", "1", *args])
    assert result.exit_code == code, result.output
    assert squash(message) in squash(result.stderr)


def test_a_partial_performance_cannot_exceed_what_remains_owed(case):
    settle(case, amount="52000.50")
    run(case, "performance", "1", "partial", "--amount", "2000")
    result = invoke([*case, "performance", "1", "部分履行", "--amount", "50000.51"])
    assert result.exit_code == 2, result.output
    assert "50,000.50" in result.stderr
    last = invoke([*case, "performance", "1", "部分履行", "--amount", "50000.50"])
    assert last.exit_code == 0, last.output


def test_performance_needs_an_agreement(case):
    result = invoke([*case, "performance", "1", "done"])
    assert (
        result.exit_code == 1 and "no mediation agreement" in squash(result.stderr).replace("", "")
    ) or "agreement" in result.stderr


def test_a_confirmed_agreement_not_performed_goes_to_enforcement_within_two_years(case, sqlite_db):
    settle(case, perform_by="2026-12-15")
    engine = make_engine(sqlite_db.url)
    with Session(engine) as session:  # the court's ruling, as `confirm record` leaves it
        session.add(
            ConfirmationRow(
                case_id=1,
                court="焦作市解放区人民法院",
                status="confirmed",
                apply_by=dt.date(2026, 12, 31),
                decided_on=dt.date(2026, 12, 1),
            )
        )
        session.commit()
    engine.dispose()
    refused = run(case, "performance", "1", "none", "--note", "被申请人拒绝履行")
    # CPL (2023) art. 250: two years from the last day of performance (2026-12-15).
    assert (refused["status"], refused["enforce_by"]) == ("none", "2028-12-15")
    handed = run(case, "performance", "1", "enforcement", "--court", "焦作市解放区人民法院")
    assert handed["events"][-1] == {
        "kind": "enforcement",
        "on": "2026-12-01",
        "amount": None,
        "by": "焦作市解放区人民法院",
        "note": None,
        "note_code": None,
        "recorded_by": "测试书记员",
    }


def test_the_bodies_report_counts_agreements_performed_in_full(case):
    # Issue 20: the performance rate by body, a measure of mediation quality.
    settle(case)
    run(case, "performance", "1", "partial", "--amount", "2000")
    orgs = {o["id"]: o for o in run(case, "report", "orgs", "--period", "2026")["orgs"]}
    assert (orgs[VILLAGE_ROOM]["performed"], orgs[VILLAGE_ROOM]["performance_rate"]) == (0, 0.0)
    run(case, "performance", "1", "partial", "--amount", "3000")
    orgs = {o["id"]: o for o in run(case, "report", "orgs", "--period", "2026")["orgs"]}
    assert (orgs[VILLAGE_ROOM]["performed"], orgs[VILLAGE_ROOM]["performance_rate"]) == (1, 1.0)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_performance_labels_shown_are_accepted_back(lang, monkeypatch):
    # What the tool prints as a label it accepts as input (issue 18).
    from mediate.domain.performance import performance_label
    from mediate.domain.vocabulary import PERFORMANCE_REPORT

    monkeypatch.setenv("MEDIATE_LANG", lang)
    for kind in ("done", "partial", "none", "enforcement"):
        assert PERFORMANCE_REPORT.parse(performance_label(kind)) == kind


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "“完成\\x1b[31m”不是有效的履行情况；可选：已履行（done）、部分履行（partial）"),
        ("en", "'完成\\x1b[31m' is not a valid performance report; use one of: performed (done)"),
    ],
)
def test_a_performance_kind_not_known_is_a_usage_error_echoed_safely(case, lang, expected):
    """KIND goes through the closed-set parser every option uses: exit 2, the typed text
    echoed with its control characters escaped (it was echoed by repr, in ASCII quotes)."""
    result = invoke([*case, "performance", "1", "完成\x1b[31m"], env={"MEDIATE_LANG": lang})
    assert result.exit_code == 2, result.output
    assert expected in result.stderr, result.stderr
    assert "\x1b[31m" not in result.stderr


def test_today_lists_the_days_sessions(case):
    # Issue 20: `today` shows the day's sessions (the suite's today is 2026-12-01).
    run(case, "session", "1", "--at", "2026-12-01 15:00", "--place", "第一调解室")
    run(case, "session", "1", "--at", "2026-12-02 09:00", "--place", "第二调解室")
    desk = run(case, "today")
    assert [(s["case"], s["time"], s["place"]) for s in desk["sessions"]] == [
        (1, "15:00", "第一调解室")
    ]
    assert desk["counts"]["sessions"] == 1
    table = invoke([*case, "today"])  # the table once failed on a session row (no 案号 key)
    assert table.exit_code == 0 and "第一调解室" in table.stdout, table.output


def test_an_attached_record_is_kept_by_its_sha256_and_a_moved_original_is_noticed(
    case, tmp_path, monkeypatch
):
    """人民调解法 art. 27: the record (调解笔录) goes into the dossier — kept by content."""
    import hashlib

    records = tmp_path / "kept"
    monkeypatch.setenv("MEDIATE_RECORDS", str(records))
    original = tmp_path / "笔录.docx"
    original.write_bytes(b"record of the session")
    digest = hashlib.sha256(b"record of the session").hexdigest()
    run(case, "session", "1", "--at", "2026-12-01 09:00", "--place", "第一调解室", "--held")
    held = run(case, "session", "record", "1", "--attended", "1", "--file", str(original))
    assert held["record_sha256"] == digest and held["record_state"] == "ok"
    copy = held["record_copy"]
    assert copy.startswith(str(records / "case-1"))
    assert Path(copy).read_bytes() == b"record of the session"
    original.rename(tmp_path / "elsewhere.docx")
    (listed,) = run(case, "session", "list", "--case", "1")
    assert (listed["record_state"], listed["record_copy"]) == ("moved", copy)
    shown = invoke([*case, "session", "list", "--case", "1"])
    assert "moved" in squash(shown.stderr)
    original.write_bytes(b"edited afterwards")
    (listed,) = run(case, "session", "list", "--case", "1")
    assert listed["record_state"] == "changed"
    history = run(case, "case", "history", "1")
    assert any((e.get("after") or {}).get("sha256") == digest for e in history)


def test_an_unreadable_record_file_is_refused_and_nothing_is_recorded(case, tmp_path):
    run(case, "session", "1", "--at", "2026-12-01 09:00", "--place", "第一调解室", "--held")
    result = invoke([*case, "session", "record", "1", "--file", str(tmp_path / "none.docx")])
    assert result.exit_code == 1 and squash("is not a file") in squash(result.stderr)
    assert run(case, "session", "list", "--case", "1")[0]["status"] == "scheduled"


def test_today_lists_a_term_falling_due_with_what_remains_after_a_partial_performance(case):
    """人民调解法 art. 31 (the body urges performance): `today` shows the term due, the
    amount still open, and drops it once performed in full."""
    settle(case, amount="5000", perform_by="2026-12-05")
    run(case, "performance", "1", "partial", "--amount", "2000")
    (due,) = run(case, "today")["performance_due"]
    assert (due["case"], due["perform_by"], due["days_left"]) == (1, "2026-12-05", 4)
    assert (due["paid"], due["outstanding"], due["overdue"]) == ("2000.00", "3000.00", False)
    table = invoke([*case, "today"])
    assert table.exit_code == 0 and "3000.00" in table.stdout
    run(case, "performance", "1", "done")
    assert run(case, "today")["performance_due"] == []


def test_a_sessions_place_is_its_venue_not_where_the_dispute_arose(case):
    """The session tables head the session's place 地点; 发生地 is where a dispute arose (the
    routing table's column), a different fact the clerk must not confuse with it."""
    invoke([*case, "session", "1", "--at", "2026-12-01 14:00", "--place", "村调解室"])
    for args in (["session", "list"], ["today"]):
        shown = invoke([*case, *args], env={"MEDIATE_LANG": "zh"})
        assert shown.exit_code == 0, shown.output
        assert "地点" in shown.stdout and "发生地" not in shown.stdout


def test_a_session_booked_over_another_is_warned_about(case):
    """Review of 2026-12-02: the same case booked twice at 09:30 said nothing. A warning
    (the clerk may mean it), for the same case and for the same mediator."""
    at = ["--at", "2026-12-05 09:30", "--place", "调解室"]
    first = invoke([*case, "session", "1", *at, "--mediator", "1"])
    assert first.exit_code == 0 and "booked twice" not in first.stderr, first.output
    again = invoke([*case, "session", "1", "--at", "2026-12-05 10:00", "--place", "调解室"])
    assert again.exit_code == 0, again.output
    assert squash("Case 1 already has session 1 at 2026-12-05 09:30") in squash(again.stderr)
    later = invoke([*case, "session", "1", "--at", "2026-12-05 14:00", "--place", "调解室"])
    assert "already has" not in later.stderr


def test_a_case_booked_twice_at_the_same_time_is_refused_unless_again(case):
    """Review of 2026-12-02: a second session of the same case at the same time was booked
    without a word. Refused (exit 1) naming the session, unless --again; a cancelled one
    is no obstacle."""
    at = ["--at", "2026-12-05 09:30", "--place", "调解室"]
    run(case, "session", "1", *at)
    twice = invoke([*case, "session", "1", *at], env=ZH)
    assert twice.exit_code == 1, twice.output
    assert squash(
        "案件 1 在 2026-12-05 09:30 已有调解会 1；如确需在同一时间再安排一次，请加 --again。"
    ) in squash(twice.stderr)
    assert [s["id"] for s in run(case, "session", "list", "--case", "1")] == [1]
    again = invoke([*case, "session", "1", *at, "--again"])
    assert again.exit_code == 0, again.output
    assert "booked twice" not in again.stderr  # --again said so: not asked again
    run(case, "session", "cancel", "1", "--reason", "重复")
    run(case, "session", "cancel", "2", "--reason", "重复")
    assert invoke([*case, "session", "1", *at]).exit_code == 0


def test_another_case_at_the_same_place_and_time_is_booked_with_a_warning(case):
    sample = data_dir() / "samples/disputes/neighbour.yaml"
    assert invoke([*case, "case", "add", "--file", str(sample)]).exit_code == 0
    run(case, "session", "1", "--at", "2026-12-05 09:30", "--place", "第一调解室")
    same = invoke(
        [*case, "session", "2", "--at", "2026-12-05 09:30", "--place", " 第一调解室"], env=ZH
    )
    assert same.exit_code == 0, same.output
    assert squash("第一调解室 在 2026-12-05 09:30 已有案件 1 的调解会 1。") in squash(same.stderr)
    elsewhere = invoke(
        [*case, "session", "2", "--at", "2026-12-05 14:30", "--place", "第一调解室"], env=ZH
    )
    assert elsewhere.exit_code == 0 and "已有案件" not in elsewhere.stderr, elsewhere.output


def test_a_mediator_booked_twice_within_the_hour_is_warned_about_in_either_language(case):
    """The same mediator cannot hold two sessions at once: a session of another case with
    that mediator less than an hour away is named in a warning (exit 0: the clerk may mean
    it); an hour apart, another mediator's or a cancelled session is no clash."""
    sample = data_dir() / "samples/disputes/neighbour.yaml"
    assert invoke([*case, "case", "add", "--file", str(sample)]).exit_code == 0
    assert (
        invoke([*case, "mediator", "add", "--org", VILLAGE_ROOM, "--name", "王调解"]).exit_code == 0
    )
    assert invoke([*case, "case", "assign", "2", "--mediator", "1"]).exit_code == 0
    run(case, "session", "1", "--at", "2026-12-05 09:30", "--place", "第一调解室")
    same = invoke([*case, "session", "2", "--at", "2026-12-05 10:15", "--place", "第二调解室"])
    assert same.exit_code == 0, same.output
    assert squash("The mediator already has session 1 (case 1) at 2026-12-05 09:30.") in squash(
        same.stderr
    )
    assert "booked twice" not in same.stderr  # another case: not the same-case warning
    zh = invoke(
        [*case, "session", "2", "--at", "2026-12-05 09:00", "--place", "第二调解室"],
        env={"MEDIATE_LANG": "zh"},
    )
    assert zh.exit_code == 0, zh.output
    assert squash("该调解员在 2026-12-05 09:30 已有调解会 1（案件 1）。") in squash(zh.stderr)
    apart = invoke([*case, "session", "2", "--at", "2026-12-05 10:30", "--place", "第二调解室"])
    assert apart.exit_code == 0 and "mediator already has" not in apart.stderr, apart.output
    other = invoke(
        [*case, "session", "2", "--at", "2026-12-05 09:30", "--mediator", "2", "--place", "室"]
    )
    assert other.exit_code == 0 and "mediator already has" not in other.stderr, other.output
    run(case, "session", "cancel", "1", "--reason", "调解员请假")
    after = invoke([*case, "session", "2", "--at", "2026-12-05 09:45", "--place", "第二调解室"])
    assert "mediator already has session 1" not in after.stderr, after.output


ZH = {"MEDIATE_LANG": "zh"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--place", ""], "--place：请写明调解地点"),
        (["--place", "  "], "--place：请写明调解地点"),
        ([], "--place：请写明调解地点"),
        (["--online", "--place", "第一调解室"], "--place：线上调解没有调解地点"),
    ],
)
def test_a_session_is_held_at_a_place_or_online_never_neither_nor_both(case, args, message):
    result = invoke([*case, "session", "schedule", "1", "--at", "2026-12-03 09:30", *args], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(message) in squash(result.stderr)
    assert run(case, "session", "list", "--case", "1") == []


def test_moving_an_online_session_refuses_a_place_as_schedule_does(case):
    run(case, "session", "1", "--at", "2026-12-03 09:30", "--online")
    moved = ["session", "move", "1", "--at", "2026-12-04 09:30", "--reason", "改期"]
    result = invoke([*case, *moved, "--place", "第一调解室"], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash("--place：调解会 1 为线上调解，没有调解地点") in squash(result.stderr)
    kept = run(case, "session", "list", "--case", "1")[0]
    assert (kept["online"], kept["place"], kept["at"]) == (True, None, "2026-12-03T09:30+08:00")
    assert run(case, *moved)["online"] is True  # moved without --place, it stays online


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partial"], "--amount：部分履行须写明已履行的金额（--amount）。"),
        (
            ["partial", "--amount", "20000000000000"],
            "--amount：金额 20000000000000 不合理：金额应低于 10^13 元。",
        ),
        (["partial", "--amount", "abc"], "--amount：“abc”不是金额。"),
    ],
)
def test_a_performance_amount_is_named_as_the_amount_paid_in_whole_sentences(case, args, message):
    settle(case)
    result = invoke([*case, "performance", "1", *args], env=ZH)
    assert result.exit_code == 2, result.output
    assert squash(message) in squash(result.stderr)
    assert "标的额" not in result.stderr


def test_a_wrong_attended_number_names_the_attended_option(case):
    """Review of 2026-12-02: `session record --attended 99` named --summon."""
    run(case, "session", "1", "--at", "2026-12-01 08:30", "--place", "第一调解室", "--held")
    result = invoke([*case, "session", "record", "1", "--attended", "99", "--notes", "x"])
    assert result.exit_code != 0
    assert "--attended" in result.stderr and "--summon" not in result.stderr
    assert "99" in result.stderr


def test_attended_takes_the_party_names_session_list_prints(case):
    """Review of 2026-12-02: `session record 3 --attended 周一` exited 2 (不是整数) though
    `session list` shows the parties by name; a name no party has lists the parties."""
    run(case, "session", "1", "--at", "2026-12-01 08:30", "--place", "第一调解室", "--held")
    unknown = invoke(
        [*case, "session", "record", "1", "--attended", "周一", "--notes", "x"],
        env={"MEDIATE_LANG": "zh"},
    )
    # refused as --mediator 钱某 and --summon 3 are (exit 1), no longer a parse error (2)
    assert unknown.exit_code == 1, unknown.output
    assert "不是整数" not in unknown.stderr
    assert "--attended" in unknown.stderr
    assert "1. 王芳" in unknown.stderr and "2. 刘洋" in unknown.stderr
    wrong = invoke([*case, "session", "record", "1", "--attended", "9", "--notes", "x"])
    assert wrong.exit_code == 1, wrong.output
    held = run(
        case, "session", "record", "1", "--attended", "刘洋", "--attended", "1", "--notes", "x"
    )
    assert held["attended"] == [1, 2]


def test_rule_people_mediation_law_art_31_a_visit_follows_up_a_settled_case_and_says_so(case):
    """Review of 2026-12-03: `visit` on a case without an agreement was refused in the
    words of `performance`; a recorded visit says it was recorded."""
    zh = {"MEDIATE_LANG": "zh"}
    refused = invoke([*case, "visit", "1", "--note", "电话回访"], env=zh)
    assert refused.exit_code == 1, refused.output
    assert squash("回访是对调解成功案件协议履行情况的回访") in squash(refused.stderr)
    assert "履行情况只对" not in refused.stderr
    settle(case)
    visited = invoke([*case, "visit", "1", "--note", "电话回访"], env=zh)
    assert visited.exit_code == 0, visited.output
    assert squash("已记录案件 1 的回访") in squash(visited.stderr), visited.stderr
