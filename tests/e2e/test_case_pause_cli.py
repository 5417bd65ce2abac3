"""`case pause` and `case resume` through the real CLI, in Chinese at 80 columns:
医疗纠纷预防和处理条例 art. 38 "需要鉴定的，鉴定时间不计入调解期限" (domain/pauses.py)."""

from __future__ import annotations

import json
from pathlib import Path

MEDICAL = "jz-410802-medical"
DISPUTE = """cause: 医疗损害责任纠纷
received_on: 2026-09-30
location: "410802003"
parties:
  - {role: applicant, kind: person, name: 张三}
  - {role: respondent, kind: institution, name: 焦作市人民医院}
"""
LOAN = """cause: 民间借贷纠纷
received_on: 2026-11-02
location: "410802003"
parties:
  - {role: applicant, kind: person, name: 李四}
  - {role: respondent, kind: person, name: 王五}
"""


def zh(cli, db, *args):  # type: ignore[no-untyped-def]
    result = cli(["--db", db, "--clerk", "李书记员", "--no-input", *args],
                 env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})  # fmt: skip
    result.flat = "".join(result.stderr.split())  # messages wrap at 80 columns
    return result


def _add(cli, db, tmp_path: Path, text: str, name: str) -> int:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    added = zh(cli, db, "--json", "case", "add", "--file", str(path))
    assert added.exit_code == 0, added.output
    return int(json.loads(added.stdout)["id"])


def test_rule_medical_regulation_art_38_pause_and_resume_in_chinese(cli, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case = str(_add(cli, db, tmp_path, DISPUTE, "medical.yaml"))
    added = zh(cli, db, "mediator", "add", "--org", MEDICAL, "--name", "周调解员", "--type", "人民")
    assert added.exit_code == 0, added.output
    assigned = zh(cli, db, "case", "assign", case, "--on", "2026-10-09")
    assert assigned.exit_code == 0, assigned.output
    overdue = zh(cli, db, "--json", "case", "list", "--overdue")
    assert [c["id"] for c in json.loads(overdue.stdout)["cases"]] == [int(case)]

    future = zh(cli, db, "case", "pause", case, "--reason", "鉴定", "--on", "2026-12-05")
    assert future.exit_code == 2, future.output
    assert "2026-12-05" in future.stderr and "--on" in future.stderr
    paused = zh(cli, db, "case", "pause", case, "--reason", "鉴定", "--on", "2026-11-10",
                "--note", "河南省医学会")  # fmt: skip
    assert paused.exit_code == 0, paused.output
    assert f"案件{case}的调解期限自2026-11-10起暂停计算（鉴定）。" in paused.flat

    # paused: overdue nowhere (the suite's today is 2026-12-01, past the old 11-19)
    overdue = zh(cli, db, "--json", "case", "list", "--overdue")
    assert json.loads(overdue.stdout)["cases"] == []
    desk = zh(cli, db, "--json", "today")
    assert json.loads(desk.stdout)["overdue"] == []
    report = zh(cli, db, "--clerk", "管理员", "--json", "report", "overdue")
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["total"] == 0
    shown = zh(cli, db, "case", "show", case)
    assert "自2026-11-10起暂停计算（鉴定）" in "".join(shown.stdout.split())
    data = json.loads(zh(cli, db, "--json", "case", "show", case).stdout)
    assert (data["paused_on"], data["pause_reason"], data["paused_days"], data["deadline"]) == (
        "2026-11-10",
        "appraisal",
        0,
        None,
    )
    listed = zh(cli, db, "case", "list")
    assert "暂停计算" in listed.stdout

    again = zh(cli, db, "case", "pause", case, "--reason", "鉴定")
    assert again.exit_code == 1, again.output
    assert f"案件{case}的调解期限已自2026-11-10起暂停计算（鉴定）。" in again.flat
    closed = zh(cli, db, "outcome", case, "withdrawn", "--on", "2026-11-30")
    assert closed.exit_code == 1, closed.output
    assert f"mediatecaseresume{case}--on日期" in closed.flat
    early = zh(cli, db, "case", "resume", case, "--on", "2026-11-09")
    assert early.exit_code == 1, early.output
    assert "2026-11-09早于暂停开始的日期（2026-11-10）" in early.flat
    future = zh(cli, db, "case", "resume", case, "--on", "2026-12-02")
    assert future.exit_code == 2, future.output
    assert "--on" in future.stderr

    resumed = zh(cli, db, "case", "resume", case, "--on", "2026-11-30")
    assert resumed.exit_code == 0, resumed.output
    assert "14个工作日不计入期限；新期限2026-12-09" in resumed.flat
    data = json.loads(zh(cli, db, "--json", "case", "show", case).stdout)
    assert (data["paused_on"], data["paused_days"], data["deadline"], data["deadline_unit"]) == (
        None,
        14,
        "2026-12-09",
        "workdays",
    )
    shown = zh(cli, db, "case", "show", case)
    assert "暂停14个工作日，不计入期限" in "".join(shown.stdout.split())
    nothing = zh(cli, db, "case", "resume", case)
    assert nothing.exit_code == 1, nothing.output
    assert f"案件{case}的调解期限没有暂停，无需恢复。" in nothing.flat

    history = "".join(zh(cli, db, "case", "history", case).stdout.split())
    for words in ("暂停计算调解期限", "暂停原因", "鉴定", "河南省医学会", "恢复计算调解期限",
                  "暂停天数", "恢复日期"):  # fmt: skip
        assert words in history, words
    assert "appraisal" not in history


def test_rule_medical_regulation_art_38_no_pause_for_other_disputes_or_reasons(
    cli, db, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    case = str(_add(cli, db, tmp_path, LOAN, "loan.yaml"))
    routed = zh(cli, db, "--json", "case", "show", case)
    org = json.loads(routed.stdout)["org"]["id"]
    added = zh(cli, db, "mediator", "add", "--org", org, "--name", "郑调解员", "--type", "人民")
    assert added.exit_code == 0, added.output
    assert zh(cli, db, "case", "assign", case, "--on", "2026-11-03").exit_code == 0
    refused = zh(cli, db, "case", "pause", case, "--reason", "鉴定", "--on", "2026-11-10")
    assert refused.exit_code == 1, refused.output
    assert "鉴定只暂停医疗纠纷人民调解委员会调解的医疗纠纷的调解期限" in refused.flat
    assert "医疗纠纷预防和处理条例第三十八条" in refused.flat
    unknown = zh(cli, db, "case", "pause", case, "--reason", "放假")
    assert unknown.exit_code == 2, unknown.output
    assert "放假" in unknown.stderr and "鉴定" in unknown.stderr
