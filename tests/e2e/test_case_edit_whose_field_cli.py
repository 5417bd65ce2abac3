"""`case edit --set` names whose field a value is for (review of 2026-12-02).

`case edit 26 --set 经营者住所=…` (a party's field, without --party) was refused with the
list of the case's fields only, never saying the field is a party's and needs --party."""

from __future__ import annotations

from mediate.resources import data_dir
from tests.conftest import invoke, squash

ZH = {"MEDIATE_LANG": "zh"}


def test_a_partys_field_without_party_and_a_case_field_with_it_say_whose_it_is(sqlite_db):
    db = ["--db", sqlite_db.url]
    assert invoke([*db, "init"]).exit_code == 0
    sample = str(data_dir() / "samples/disputes/neighbour.yaml")
    assert invoke([*db, "case", "add", "--file", sample]).exit_code == 0
    party = invoke([*db, "case", "edit", "1", "--set", "经营者住所=焦作市某路1号"], env=ZH)
    assert party.exit_code == 2, party.output
    said = (
        "--set：“经营者住所”是当事人的字段：请用 --party N 指明是哪位当事人"
        "（N 为 case show 中的序号）。"
    )
    assert squash(said) in squash(party.stderr), party.stderr
    case = invoke([*db, "case", "edit", "1", "--party", "1", "--set", "案由=合同纠纷"], env=ZH)
    assert case.exit_code == 2, case.output
    said = "--set：“案由”是案件的字段，不是当事人的：修改时请不要加 --party。"
    assert squash(said) in squash(case.stderr), case.stderr
    unknown = invoke([*db, "case", "edit", "1", "--set", "颜色=红"], env=ZH)
    assert "“颜色”不是可修改的字段（可修改：案号、" in squash(unknown.stderr)
