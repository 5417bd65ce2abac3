"""`mediate doc render notice|registration` through the real CLI (issue 20 items 1 and 3).

The suite's clock stands at 2026-12-01 09:30 China time (tests/clockrun.py)."""

from __future__ import annotations

import docx
import pytest

from tests.conftest import invoke, squash
from tests.e2e import test_sessions_cli as sessions
from tests.e2e.test_sessions_cli import run

room = sessions.case  # the fixture: a case at a village room, its mediator assigned


def text_of(path: str) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def test_the_notice_is_for_the_next_scheduled_session_one_page_per_summoned_party(room, tmp_path):
    run(room, "session", "1", "--at", "2026-12-08 14:00", "--place", "第二调解室")
    run(room, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室", "--summon", "2")
    made = run(room, "doc", "render", "notice", "1", "-o", str(tmp_path))
    text = text_of(made["path"])
    assert "2026年12月3日（星期四）上午9时30分" in text and "第一调解室" in text
    assert text.count("调解通知书") == 1  # only party 2 is summoned to session 2
    assert "人民调解员李调解" in text
    # 人民调解法 arts. 23, 26: voluntary; no default judgment, no sanction
    assert "可以视为拒绝调解" in text and "第二十六条" in text
    assert "缺席" not in text and "判决" not in text and "罚款" not in text
    first = run(room, "doc", "render", "notice", "1", "--session", "1", "-o", str(tmp_path))
    assert first["path"] != made["path"]  # the session's day is in the file name
    assert text_of(first["path"]).count("调解通知书") == 2  # both parties summoned


def test_a_notice_for_an_online_session_leaves_the_link_to_fill_in(room, tmp_path):
    run(room, "session", "1", "--at", "2026-12-03 15:00", "--online")
    made = run(room, "doc", "render", "notice", "1", "-o", str(tmp_path))
    text = text_of(made["path"])
    assert "在线视频调解" in text and "下午3时" in text and "＿＿＿＿" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notice", "1"], "no mediation session scheduled"),
        (["notice", "1", "--session", "9"], "no session 9"),
        (["agreement", "1", "--session", "1"], "--session is for the notice"),
    ],
)
def test_a_notice_without_its_session_is_refused_by_name(room, tmp_path, args, message):
    result = invoke([*room, "doc", "render", *args, "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert squash(message) in squash(result.stderr)


def test_a_cancelled_session_gets_no_notice(room, tmp_path):
    run(room, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    run(room, "session", "cancel", "1", "--reason", "申请人住院")
    result = invoke([*room, "doc", "render", "notice", "1", "--session", "1", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "cancelled" in squash(result.stderr)


def test_the_registration_form_prints_on_its_own_with_source_date_body_and_clerk(room, tmp_path):
    made = run(room, "doc", "render", "人民调解申请书", "1", "-o", str(tmp_path))
    assert made["kind"] == "registration"
    text = text_of(made["path"])
    assert text.startswith("人民调解受理登记表")
    assert "☑当事人申请" in text and "登记人（签名）：测试书记员" in text
    assert "《中华人民共和国人民调解法》第十七条" in text
    listed = run(room, "doc", "templates")
    assert {"registration", "notice"} <= {k["kind"] for k in listed}


def test_doc_batch_renders_notices_for_cases_with_a_session_and_skips_the_others(room, tmp_path):
    run(room, "session", "1", "--at", "2026-12-03 09:30", "--place", "第一调解室")
    result = run(room, "doc", "batch", "notice", "-o", str(tmp_path))
    assert [r["case"] for r in result["rendered"]] == [1]
    batch = run(room, "doc", "batch", "registration", "-o", str(tmp_path))
    assert [r["case"] for r in batch["rendered"]] == [1]


@pytest.mark.parametrize(
    ("kind", "said", "not_said"),
    [
        ("agreement", "thedayitwasreached", "received"),
        ("registration", "thedaythecasewasreceived", "reached"),
        ("service_address", "byhand", "reached"),
    ],
)
def test_date_refused_for_an_undated_paper_says_what_dates_that_paper(
    room, tmp_path, kind, said, not_said
):
    # the registration form carries the day received; the service-address form is dated by
    # the party; only the agreement is dated by the day it was reached (人民调解法 art. 29)
    result = invoke(
        [*room, "doc", "render", kind, "1", "--date", "2026-12-01", "-o", str(tmp_path)]
    )
    message = squash(result.stderr)  # spaces squashed out
    assert result.exit_code == 2 and said in message and not_said not in message
