"""The audit of 2026-12: disputes of the kinds Jiaozuo courts refer, imported as a court
system exports them (`mediate import`), each held to the body and the confirming court the
law and the seed plan name. The cases, their expectations and the source of each are in
tests/data/audit/cases.yaml (its header says how to add one)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from mediate import safeyaml
from mediate.domain.confirmation import (
    AgreementFacts,
    NotAccepted,
    closing_path,
    not_accepted_warnings,
)
from mediate.domain.confirmation import (
    Path as ClosingPath,
)
from mediate.domain.model import OrgKind
from mediate.services.confirmation import competent_courts
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, OrgRow
from mediate.store.uow import UnitOfWork

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "audit" / "cases.yaml"
CASES: list[dict[str, Any]] = safeyaml.load(CASES_FILE.read_text(encoding="utf-8"))

# The headers of a court system's export (原告/被告, 案件来源, 立案日期, 诉讼请求…), not the
# tool's own template: the audit found 原告证件号码 and 被告住址 left unread.
HEADERS = {
    "case_no": "案号",
    "cause": "案由",
    "amount": "标的额（元）",
    "source": "案件来源",
    "referring_court": "委派法院",
    "received_on": "立案日期",
    "location": "纠纷发生地",
    "subject_matter_location": "标的物所在地",
    "procedure": "适用程序",
    "applicant": "原告",
    "applicant_id": "原告证件号码",
    "applicant_address": "原告住址",
    "respondent": "被告",
    "respondent_id": "被告证件号码",
    "respondent_address": "被告住址",
    "claim": "诉讼请求",
    "facts": "简要案情",  # carries the audit id, to find each case again
}
PATHS = {
    "inviting_court": ClosingPath.INVITING_COURT,
    "court_closes": ClosingPath.COURT_CLOSES,
    "competent_courts": ClosingPath.COMPETENT_COURTS,
    "none": None,
}


def write_export(path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        out = csv.writer(fh)
        out.writerow(["序号", *HEADERS.values()])
        for number, case in enumerate(CASES, 1):
            row = {**case["row"], "facts": case["id"]}
            out.writerow([number, *(str(row.get(key, "")) for key in HEADERS)])


def test_every_audit_case_names_its_expectations_and_their_source():
    """The file stays usable: unique ids, known fields, kinds and paths, and a source for
    every expectation."""
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)) >= 80
    kinds = {k.value for k in OrgKind}
    for case in CASES:
        assert set(case) == {"id", "row", "expect", "basis"}, case["id"]
        assert set(case["row"]) <= set(HEADERS) - {"facts"}, case["id"]
        expect = case["expect"]
        wanted = expect["kind"] if isinstance(expect["kind"], list) else [expect["kind"]]
        assert set(wanted) <= kinds, case["id"]
        assert expect["path"] in PATHS, case["id"]
        warn = expect.get("warn") or []
        known = {g.value for g in NotAccepted}
        assert set(warn if isinstance(warn, list) else [warn]) <= known, case["id"]
        assert len(case["basis"]) > 20, case["id"]


def _problems(uow: UnitOfWork, case: dict[str, Any], row: CaseRow) -> list[str]:
    expect = case["expect"]
    org = uow.session.get(OrgRow, row.org_id) if row.org_id else None
    wanted = expect["kind"] if isinstance(expect["kind"], list) else [expect["kind"]]
    found: list[str] = []
    if org is None or org.kind not in wanted:
        found.append(
            f"body {org.name if org else None} ({org.kind if org else None}), not {wanted}"
        )
        return found
    if expect.get("field") and org.field != expect["field"]:
        found.append(f"field {org.field}, not {expect['field']}")
    if expect.get("county") and org.division_code[:6] != expect["county"]:
        found.append(f"body in {org.division_code}, not {expect['county']}")
    if expect.get("days") and row.deadline_days != expect["days"]:
        found.append(f"mediation period {row.deadline_days} days, not {expect['days']}")
    path = PATHS[expect["path"]]
    if path is None:
        return found
    got = closing_path(row.source, row.court_case_no, settled=True)
    if got is not path:
        found.append(f"path {got.value} (source {row.source}), not {path.value}")
    if path is ClosingPath.COURT_CLOSES:
        return found
    choice = competent_courts(uow, row.id or 0)
    names = choice.names
    if expect.get("court") and names[:1] != [expect["court"]]:
        found.append(f"courts {names}, not {expect['court']} first")
    if not set(expect.get("court_among", ())) <= set(names):
        found.append(f"courts {names}, not all of {expect['court_among']}")
    if choice.intermediate != bool(expect.get("intermediate")):
        found.append(f"intermediate level {choice.intermediate}")
    facts = AgreementFacts(
        row.cause,
        terms=row.claim or "",
        tags=tuple(row.tags or ()),
        org_kind=org.kind,
        competent=tuple(names),
    )
    codes = {w.code for w in not_accepted_warnings(facts)}
    warn = expect.get("warn") or []
    if codes != set(warn if isinstance(warn, list) else [warn]):
        found.append(f"art. 355 warnings {sorted(codes)}, not {expect.get('warn')}")
    return found


@pytest.mark.slow
def test_each_audit_case_reaches_the_body_and_court_the_law_names(cli, initialised, tmp_path):
    """Imported through the CLI as one court export; every case is checked and every
    discrepancy reported with the source of the expectation it breaks."""
    export = tmp_path / "法院导出.csv"
    write_export(export)
    result = cli(["--db", initialised.url, "import", str(export)])
    assert result.exit_code == 0, result.output
    engine = make_engine(initialised.url)
    try:
        with UnitOfWork(engine, "审计") as uow:
            stored = {r.facts: r for r in uow.session.exec(select(CaseRow)).all()}
            failures = []
            for case in CASES:
                row = stored.get(case["id"])
                found = ["not imported"] if row is None else _problems(uow, case, row)
                if found:
                    failures.append(
                        f"{case['id']} {case['row']['cause']}: {'; '.join(found)}"
                        f"\n    expected by: {case['basis']}"
                    )
    finally:
        engine.dispose()
    assert not failures, "\n".join(failures)
