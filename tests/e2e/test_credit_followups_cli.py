"""A failed case's follow-ups through the real CLI: a court's referral mediated by the credit
committee, failed, returned to the court and then reported to the credit agencies."""

import datetime as dt
import json

from sqlmodel import Session

from mediate.store.engine import make_engine
from tests import factories

CREDIT = "jz-410800-credit"
RESPONDENT = "焦作市某某商贸有限公司"


def run(cli, db, *args):
    env = {"MEDIATE_CREDIT_AGENCY": "焦作市公共信用信息平台"}  # the credit notice's addressee
    result = cli(["--db", db, "--clerk", "李书记员", "--no-input", *args], env=env)
    result.stderr = " ".join(result.stderr.split())  # messages wrap at the terminal width
    return result


def returned_then_reported(cli, store) -> str:
    """Case 1: delegated by a court (委派) to 市信调委, failed on 2026-11-06 (back to the
    court, the default for a court's referral), reported on 2026-11-09."""
    engine = make_engine(store.url)
    with Session(engine) as session:
        factories.org(
            session,
            CREDIT,
            name="焦作市企业信用纠纷人民调解委员会",
            kind="credit_committee",
            level="city",
            division_code="410800",
        )
        factories.case(
            session,
            org_id=CREDIT,
            source="court_delegated",
            referring_court="焦作市解放区人民法院",
            cause="买卖合同纠纷",
            claim="支付货款52000元",
            status="in_mediation",
            received_on=dt.date(2026, 10, 20),
            parties=[factories.person(), factories.enterprise("respondent", RESPONDENT)],
        )
        session.commit()
    engine.dispose()
    db = store.url
    failed = run(
        cli, db, "--json", "outcome", "1", "failed", "--reason", "拒不到场", "--on", "2026-11-06"
    )
    assert failed.exit_code == 0, failed.output
    assert json.loads(failed.stdout)["follow_ups"] == ["returned_to_court"]
    basis = "《征信业管理条例》第四十四条"
    reported = run(
        cli, db, "credit", "report", "1", "--yes", "--basis", basis, "--on", "2026-11-09"
    )
    assert reported.exit_code == 0, reported.output
    return db


def test_rule_seed_18_credit_regulation_art_44_a_report_leaves_a_return_to_court_adjudicated(
    cli, store, tmp_path
):
    # Seed item 18 (市信调委: a failure is reported to the credit agencies, 征信业管理条例
    # art. 44) and seed item 17 (the 70/20/10 funnel: a failure returned to the court is
    # adjudication): the report is a decision of its own; the statistics follow the return.
    db = returned_then_reported(cli, store)

    funnel = json.loads(run(cli, db, "--json", "report", "funnel", "-p", "2026-11").stdout)
    counts = {b: v["count"] for b, v in funnel["total"]["buckets"].items()}
    assert (counts["adjudication"], counts["unresolved"]) == (1, 0)

    orgs = json.loads(run(cli, db, "--json", "report", "orgs", "-p", "2026-11").stdout)
    body = next(b for b in orgs["orgs"] if b["id"] == CREDIT)
    assert (body["failed"], body["settled"]) == (1, 0)

    from docx import Document

    paper = tmp_path / "白皮书.docx"
    made = run(cli, db, "report", "whitepaper", "-p", "2026-11", "-o", str(paper))
    assert made.exit_code == 0, made.output
    rows = [[c.text for c in row.cells] for row in Document(str(paper)).tables[0].rows]
    assert ["诉讼裁判（不宜调解或调解不成退回法院）", "1", "100.0%", "10.0%"] in rows
    assert any(r[0].startswith("调解不成") and r[1] == "0" for r in rows), rows

    shown = json.loads(run(cli, db, "--json", "case", "show", "1").stdout)["outcome"]
    assert (shown["follow_up"], shown["credit_report"]["reported_on"]) == (
        "returned_to_court",
        "2026-11-09",
    )
    table = run(cli, db, "case", "show", "1")
    assert "returned to the court, reported to the credit agencies" in table.stdout


def test_rule_seed_18_credit_regulation_art_44_a_returned_case_reported_is_exported_and_noticed(
    cli, store, tmp_path
):
    # The credit platform's file and the credit notice (征信业管理条例 arts. 23, 25, 44: the
    # enterprise is told of the report) still see the report after the return to court.
    db = returned_then_reported(cli, store)

    exported = run(
        cli, db, "--json", "export", "credit", "--from", "2026-11-01", "--to", "2026-11-30"
    )
    assert exported.exit_code == 0, exported.output
    [record] = json.loads(exported.stdout)["records"]
    assert (record["case_id"], record["follow_up"]) == (1, "credit_report")
    assert [p["reported"] for p in record["parties"]] == [False, True]  # the enterprise

    notice = run(cli, db, "doc", "render", "credit_notice", "1", "-o", str(tmp_path / "out"))
    assert notice.exit_code == 0, notice.output
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".docx"]

    again = run(cli, db, "credit", "report", "1", "--yes", "--basis", "同上")
    assert again.exit_code == 1 and "already reported" in again.stderr
