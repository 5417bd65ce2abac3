"""Many clerks at once, with real concurrent connections and processes (both backends;
PostgreSQL is the shared deployment these are for)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from sqlmodel import Session, col, func, select

from mediate.errors import ConflictError
from mediate.services import casestore, lifecycle
from mediate.services.intake import ImportOptions, Routing, import_referrals
from mediate.store.engine import make_engine
from mediate.store.tables import CaseRow, MediatorRow
from mediate.store.uow import UnitOfWork
from tests import factories
from tests.clockrun import CLOCKRUN

HEADER = "案号,案由,标的额,来源,收案日期,纠纷发生地,申请人,申请人类型,被申请人,被申请人类型"
VILLAGE_ROOM = "jz-410802009901-village-room"  # capacity 20 in the bundled network
TOWNSHIP = "jz-410802009-township-center"  # the level above it
TIMEOUT = 120


def referrals(path: Path, numbers: range, location: str = "410802009901") -> Path:
    """Small private-lending claims arising in one village: the village room takes them."""
    lines = [HEADER]
    lines += [
        f"（2026）豫0802民初{n}号,民间借贷纠纷,5000,自行受理,2026-11-02,{location},"
        f"张{n},自然人,李{n},自然人"
        for n in numbers
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(url: str) -> tuple[int, int, dict[str | None, int]]:
    engine = make_engine(url)
    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(CaseRow)).one()
        numbers = session.exec(select(func.count(col(CaseRow.court_case_no).distinct()))).one()
        by_org = dict(
            session.exec(select(CaseRow.org_id, func.count()).group_by(col(CaseRow.org_id))).all()
        )
    engine.dispose()
    return total, numbers, by_org


def test_two_imports_of_overlapping_files_at_once_import_each_case_once(initialised, tmp_path):
    first = referrals(tmp_path / "a.csv", range(1, 121))
    second = referrals(tmp_path / "b.csv", range(61, 181))
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                CLOCKRUN,
                "--db",
                initialised.url,
                "--json",
                "import",
                str(path),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "MEDIATE_CLERK": clerk},
        )
        for path, clerk in ((first, "甲"), (second, "乙"))
    ]
    outputs = [p.communicate(timeout=TIMEOUT) for p in processes]

    assert [p.returncode for p in processes] == [0, 0], [e.decode() for _o, e in outputs]
    reports = [json.loads(out) for out, _err in outputs]
    assert sum(r["imported"] for r in reports) == 180
    assert sum(r["duplicates"] for r in reports) == 60
    total, distinct, _ = counts(initialised.url)
    assert (total, distinct) == (180, 180)


def test_concurrent_imports_do_not_overfill_a_bodys_capacity(initialised, tmp_path):
    files = [
        referrals(tmp_path / "a.csv", range(1, 13)),
        referrals(tmp_path / "b.csv", range(13, 25)),
    ]
    ready = threading.Barrier(2)
    errors: list[BaseException] = []

    def clerk(name: str, path: Path) -> None:
        engine = make_engine(initialised.url)
        try:
            with UnitOfWork(engine, name) as uow:
                routing = Routing.for_uow(uow)  # both see the village room empty…
                uow.rollback()
                ready.wait(timeout=TIMEOUT)  # …before either imports anything
                import_referrals(uow, path, ImportOptions(chunk_size=4), routing=routing)
        except BaseException as exc:
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [
        threading.Thread(target=clerk, args=(n, p)) for n, p in zip("甲乙", files, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)

    assert not errors and not any(t.is_alive() for t in threads)
    total, _, by_org = counts(initialised.url)
    assert total == 24
    assert by_org == {VILLAGE_ROOM: 20, TOWNSHIP: 4}


def test_two_clerks_assigning_the_same_case_get_one_success_and_one_conflict(initialised):
    engine = make_engine(initialised.url)
    with Session(engine) as session:
        case = factories.case(session, org_id=TOWNSHIP, status="routed")
        for name in ("调解员甲", "调解员乙"):
            session.add(MediatorRow(org_id=TOWNSHIP, name=name, type="people"))
        session.commit()
        case_id = case.id
        mediators = [m.id for m in session.exec(select(MediatorRow).order_by(MediatorRow.id))]
    ready = threading.Barrier(2)
    results: dict[str, str] = {}

    def assign(clerk: str, mediator_id: int) -> None:
        mine = make_engine(initialised.url)
        try:
            with UnitOfWork(mine, clerk) as uow:
                # Both clerks look at version 1 before either writes. The version they saw
                # is passed on explicitly: the session's identity map holds rows weakly, so
                # a re-read after the other clerk's commit would otherwise see version 2.
                seen = casestore.load_case(uow, case_id).version
                ready.wait(timeout=TIMEOUT)
                try:
                    lifecycle.assign(
                        uow, case_id, mediator_id, on=dt.date(2026, 11, 3), expected_version=seen
                    )
                    uow.commit()
                    results[clerk] = "ok"
                except ConflictError as exc:
                    results[clerk] = str(exc)
        finally:
            mine.dispose()

    threads = [
        threading.Thread(target=assign, args=(c, m))
        for c, m in zip(("甲书记员", "乙书记员"), mediators, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)

    winners = [c for c, r in results.items() if r == "ok"]
    assert len(results) == 2 and len(winners) == 1
    loser = next(c for c in results if c not in winners)
    assert results[loser].startswith(f"Case {case_id} was changed by {winners[0]} at ")
    with Session(engine) as session:
        stored = session.get(CaseRow, case_id)
        assert (stored.status, stored.version) == ("assigned", 2)
        assert stored.mediator_id == mediators[("甲书记员", "乙书记员").index(winners[0])]
    engine.dispose()
