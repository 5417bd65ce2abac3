"""Exports on both backends: filters, masking, the audited reveal, the credit layout."""

from __future__ import annotations

import csv
import io
import json

from sqlmodel import Session, select

from mediate.services.exports import CaseExportFilters, export_cases, export_credit
from mediate.services.reports import make_filters
from mediate.store.engine import make_engine
from mediate.store.tables import EventRow, PartyRow
from mediate.store.uow import UnitOfWork
from tests.report_data import seed


def test_cases_export_filters_and_masks_identity_numbers(database):
    ids = seed(database.url)
    engine = make_engine(database.url)
    filters = CaseExportFilters(
        period=make_filters(period="2026H1").period, county="410821", statuses=("settled",)
    )
    with UnitOfWork(engine, "导出员") as uow:
        rows = list(export_cases(uow, filters))
    assert [r["case_id"] for r in rows] == [ids["F"], ids["I"]]
    assert rows[0]["org"] == "焦作市金融纠纷调解委员会"
    assert rows[0]["respondents"] == "王五"
    assert rows[0]["respondent_ids"] == "4108**********1237"
    assert rows[0]["respondent_phones"] == "138****0000"
    # DESIGN §3.3: the template's 申请人电话 is exported beside 被申请人电话, masked alike
    assert rows[0]["applicant_phones"] == "138****0000"
    assert list(rows[0]).index("applicant_phones") == list(rows[0]).index("applicant_ids") + 1
    assert str(rows[0]["amount"]) == "52000.50"
    with Session(engine) as session:
        assert session.exec(select(EventRow).where(EventRow.action == "export_reveal")).all() == []
    engine.dispose()


def test_revealing_identity_numbers_is_recorded_in_the_audit_trail(database):
    seed(database.url)
    engine = make_engine(database.url)
    filters = CaseExportFilters(statuses=("failed",))
    with UnitOfWork(engine, "导出员", "jfq-door") as uow:
        rows = list(export_cases(uow, filters, reveal=True, target="out.csv"))
    assert {r["respondent_ids"] for r in rows} == {"410802199001011237"}
    with Session(engine) as session:
        events = session.exec(select(EventRow).where(EventRow.action == "export_reveal")).all()
    assert len(events) == 1
    assert (events[0].clerk, events[0].org_id) == ("导出员", "jfq-door")
    assert events[0].after == {
        "export": "cases",
        "filters": {
            "period": None,
            "county": None,
            "source": None,
            "statuses": ["failed"],
            "org": None,
        },
        "target": "out.csv",
    }
    engine.dispose()


def test_credit_export_takes_settled_and_failed_credit_committee_cases(database):
    ids = seed(database.url)
    engine = make_engine(database.url)
    with Session(engine) as session:  # an enterprise respondent: its credit code goes in full
        party = session.exec(
            select(PartyRow).where(PartyRow.case_id == ids["G"], PartyRow.role == "respondent")
        ).one()
        party.kind, party.name, party.id_number = (
            "enterprise",
            "焦作市某某商贸有限公司",
            "91410800MA44XXXX1Y",
        )
        session.add(party)
        session.commit()
    with UnitOfWork(engine, "导出员") as uow:
        records = list(export_credit(uow, make_filters(period="2026H1")))
    engine.dispose()
    assert records == [
        {
            "record_id": f"JZ-MED-{ids['G']}",
            "case_id": ids["G"],
            "court_case_no": None,
            "cause": "买卖合同纠纷",
            "amount": "52000.50",
            "received_on": "2026-05-01",
            "closed_on": "2026-05-06",
            "result": "failed",
            "result_cn": "调解不成",
            "follow_up": "credit_report",
            "confirmation": None,
            "mediation_body": {"id": "city-credit", "name": "焦作市企业信用纠纷人民调解委员会"},
            "parties": [
                {
                    "role": "applicant",
                    "role_cn": "申请人",
                    "kind": "person",
                    "name": "张三",
                    "id_type": "resident_id",
                    "id_number": "4108**********1237",
                    "reported": False,
                },
                {
                    "role": "respondent",
                    "role_cn": "被申请人",
                    "kind": "enterprise",
                    "name": "焦作市某某商贸有限公司",
                    "id_type": "uscc",
                    "id_number": "91410800MA44XXXX1Y",
                    # follow_up credit_report without a recorded decision: as the credit
                    # notice, every enterprise respondent (domain.credit.credit_subjects)
                    "reported": True,
                },
            ],
        }
    ]


def test_export_commands_write_files_whole(cli, sqlite_db, tmp_path):
    from openpyxl import load_workbook

    seed(sqlite_db.url)
    db = ["--db", sqlite_db.url]
    target = tmp_path / "cases.xlsx"
    result = cli([*db, "export", "cases", "-o", str(target)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet.max_row == 1 + 15
    assert [c.value for c in sheet[1]][:3] == ["case id", "case no.", "cause"]  # for people
    result = cli([*db, "export", "cases", "-o", str(target), "--raw"])
    assert result.exit_code == 1 and "give --force" in result.stderr  # the file exists
    result = cli([*db, "export", "cases", "-o", str(target), "--raw", "--force"])
    assert [c.value for c in load_workbook(target).active[1]][:3] == [
        "case_id",
        "court_case_no",
        "cause",
    ]
    result = cli([*db, "export", "cases", "--status", "failed", "-f", "json"])
    data = json.loads(result.stdout)
    assert [(r["cause"], r["follow_up"]) for r in data] == [
        ("民间借贷纠纷", "returned_to_court"),
        ("买卖合同纠纷", "credit_report"),
    ]
    result = cli([*db, "export", "credit", "-p", "2026H1", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["party_role"], r["party_id_number"], r["party_reported"]) for r in rows] == [
        ("applicant", "4108**********1237", "false"),
        ("respondent", "4108**********1237", "false"),  # a person is never reported
    ]
    assert "1 credit records" in result.stderr
    result = cli([*db, "export", "credit", "-p", "2026H1"])
    assert json.loads(result.stdout)["layout"] == "mediate-credit/1"
    result = cli([*db, "export", "cases", "-f", "xlsx"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr  # usage
    assert not list(tmp_path.glob("*.partial"))


def test_a_clerk_exports_only_the_cases_of_their_body(database):
    from mediate.store.tables import ClerkRow

    ids = seed(database.url)
    engine = make_engine(database.url)
    with Session(engine) as session:
        session.add(ClerkRow(name="管理员", role="admin"))
        session.add(ClerkRow(name="修武书记员", org_id="xw-town", role="clerk"))
        session.commit()
    with UnitOfWork(engine, "修武书记员") as uow:
        rows = list(export_cases(uow, CaseExportFilters()))
    with UnitOfWork(engine, "管理员") as uow:
        everything = list(export_cases(uow, CaseExportFilters()))
    engine.dispose()
    assert [r["case_id"] for r in rows] == [ids[k] for k in ("H", "I", "J", "P")]
    assert len(everything) == 15
