"""`case add` and `import` count a medical dispute's 30 working days (医疗纠纷预防和处理条例
art. 38) by the holidays file, as `case assign` and `case extend` do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DISPUTE = """cause: 医疗损害责任纠纷
received_on: 2026-11-20
location: "410802003"
parties:
  - {role: applicant, kind: person, name: 张三}
  - {role: respondent, kind: institution, name: 焦作市人民医院}
"""
SHEET = (
    "案由,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型\n"
    "医疗损害责任纠纷,自行受理,2026-11-20,410802003,李四,自然人,焦作市人民医院,事业单位\n"
)


@pytest.mark.parametrize(
    ("holidays", "due"),
    [
        # no file: 2027 is beyond the package, so 元旦 (01-01) by rule and weekends: from
        # Friday 11-20, 29 working days end on 12-31 and the 30th is Monday 01-04
        (None, "2027-01-04"),
        # the file makes 01-04 a holiday too: the 30th is 01-05
        ("2027:\n  holidays: [2027-01-01, 2027-01-04]\n", "2027-01-05"),
    ],
)
def test_a_new_and_an_imported_medical_case_count_working_days_by_the_holidays_file(
    cli, db, tmp_path: Path, monkeypatch, holidays: str | None, due: str
) -> None:  # type: ignore[no-untyped-def]
    if holidays is not None:
        path = tmp_path / "holidays.yaml"
        path.write_text(holidays, encoding="utf-8")
        monkeypatch.setenv("MEDIATE_HOLIDAYS", str(path))
    dispute, sheet = tmp_path / "case.yaml", tmp_path / "referrals.csv"
    dispute.write_text(DISPUTE, encoding="utf-8")
    sheet.write_text(SHEET, encoding="utf-8")
    added = cli(["--db", db, "--json", "case", "add", "--file", str(dispute)])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["decision"]["deadline_unit"] == "workdays"
    imported = cli(["--db", db, "--json", "import", str(sheet)])
    assert imported.exit_code == 0, imported.output
    listed = cli(["--db", db, "--json", "case", "list", "--cause", "医疗损害责任纠纷"])
    assert listed.exit_code == 0, listed.output
    cases = json.loads(listed.stdout)["cases"]
    assert sorted(c["deadline"] for c in cases) == [due, due]
