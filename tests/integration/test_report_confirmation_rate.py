"""The bodies' confirmation rate counts only the settled cases that may apply for judicial
confirmation: a case a court entrusted after filing (委托) is closed by the court itself
(特邀调解规定 art. 20; DOMAIN.md §4.1): the rule of `domain.entrusted.is_entrusted`, which
`confirm request` refuses by. On both backends."""

from __future__ import annotations

import datetime as dt
import json

from sqlmodel import Session

from mediate.services.reports import make_filters, report_orgs
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import ConfirmationRow, OutcomeRow
from mediate.store.uow import UnitOfWork
from tests import factories

DAY = dt.date(2026, 11, 20)
DOOR = "jfq-door"  # only entrusted cases settled here
TOWN = "jfq-town"  # entrusted and not entrusted cases

# (body, source, court case number, confirmation status or None)
SETTLED = [
    (DOOR, "court_entrusted", "（2026）豫0802民初11号", "confirmed"),  # recorded before the refusal
    (DOOR, "court_entrusted", "（2026）豫0802民初12号", None),
    (TOWN, "self_accepted", None, "confirmed"),
    (TOWN, "court_delegated", None, "filed"),
    (TOWN, "court_entrusted", "（2026）豫0802民终13号", None),
]


def _seed(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, DOOR, name="解放区人民法院诉调对接中心", kind="county_center")
        factories.org(
            session,
            TOWN,
            name="解放区某街道调处中心",
            kind="township_center",
            level="township",
            division_code="410802006",
        )
        for org_id, source, number, confirmation in SETTLED:
            row = factories.case(
                session,
                org_id=org_id,
                source=source,
                court_case_no=number,
                status="settled",
                received_on=DAY - dt.timedelta(days=10),
                closed_on=DAY,
            )
            session.add(
                OutcomeRow(
                    case_id=row.id, result="settled", decided_on=DAY, recorded_by="测试书记员"
                )
            )
            if confirmation:
                session.add(
                    ConfirmationRow(
                        case_id=row.id,
                        court="焦作市解放区人民法院",
                        status=confirmation,
                        apply_by=DAY + dt.timedelta(days=30),
                    )
                )
        session.commit()
    engine.dispose()


def _orgs(url: str):
    engine = make_engine(url)
    with UnitOfWork(engine, "测试书记员") as uow:
        report = report_orgs(uow, make_filters(period="2026-11"), DAY)
    engine.dispose()
    return report


def test_entrusted_cases_are_out_of_the_confirmation_rate_special_invitation_art_20(database):
    _seed(database.url)
    report = _orgs(database.url)
    bodies = {b.key: b for b in report.orgs}
    door, town = bodies[DOOR], bodies[TOWN]
    assert (door.settled, door.eligible, door.confirmed, door.confirmation_rate) == (
        2,
        0,
        0,
        None,
    )
    assert (town.settled, town.eligible, town.confirmed, town.confirmation_rate) == (
        3,
        2,
        1,
        0.5,
    )
    county = next(lv for lv in report.levels if lv.key == "county")
    assert (county.eligible, county.confirmation_rate) == (0, None)
    total = report.total
    assert (total.settled, total.eligible, total.confirmed, total.confirmation_rate) == (
        5,
        2,
        1,
        0.5,
    )


def test_orgs_json_and_table_carry_the_eligible_count_and_say_what_the_rate_counts(cli, database):
    _seed(database.url)
    args = ["--db", database.url, "report", "orgs", "-p", "2026-11", "--as-of", "2026-11-20"]
    data = json.loads(cli(["--json", *args]).stdout)
    door = next(o for o in data["orgs"] if o["id"] == DOOR)
    assert (door["settled"], door["eligible"], door["confirmed"]) == (2, 0, 0)
    assert door["confirmation_rate"] is None
    assert (data["total"]["eligible"], data["total"]["confirmation_rate"]) == (2, 0.5)

    shown = cli(args, env={"MEDIATE_LANG": "zh", "COLUMNS": "80"})
    assert shown.exit_code == 0, shown.output
    assert "法院立案后委托调解的案件由法院自行结案，不计入" in shown.stdout
    rates = shown.stdout.split("司法确认")[1]  # the second table: the rates
    door_cells = next(line for line in rates.splitlines() if "县级" in line).split("│")
    town_cells = next(line for line in rates.splitlines() if "乡镇(街" in line).split("│")
    assert door_cells[1].strip().startswith("解放区人")  # the door (its name may wrap)
    assert (door_cells[6].strip(), town_cells[6].strip()) == ("—", "50.0%")
