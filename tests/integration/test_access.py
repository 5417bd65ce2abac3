"""Who sees which cases: the clerks registry and the access rule in the services."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from mediate.errors import AccessDenied, BadOptionValue, ConflictError, NotFound, ValidationError
from mediate.services import access
from mediate.services.clerks import add_clerk, disable_clerk, list_clerks
from mediate.store.engine import make_engine
from mediate.store.migrate import upgrade
from mediate.store.tables import CaseRow, ClerkRow, EventRow
from mediate.store.uow import UnitOfWork
from tests import factories

COUNTY = "jz-jfq-court-center"
TOWNSHIP = "jz-jfq-wangchu-center"
VILLAGE = "jz-jfq-wangchu-village"
OTHER = "jz-syq-court-center"


@pytest.fixture
def engine(database):
    engine = make_engine(database.url)
    upgrade(engine)
    with Session(engine) as session:
        factories.org(session, COUNTY)
        factories.org(
            session,
            TOWNSHIP,
            name="王褚街道矛盾纠纷调处中心",
            kind="township_center",
            level="township",
            division_code="410802009",
            parent_id=COUNTY,
        )
        factories.org(
            session,
            VILLAGE,
            name="某村调解室",
            kind="village_room",
            level="village",
            division_code="410802009901",
            parent_id=TOWNSHIP,
        )
        factories.org(
            session, OTHER, name="焦作市山阳区人民法院诉调对接中心", division_code="410811"
        )
        for org_id in (COUNTY, TOWNSHIP, VILLAGE, OTHER):
            factories.case(session, org_id=org_id, created_by="登记员")
        factories.case(session, org_id=None, status="registered", created_by="李书记员")
        session.commit()
    yield engine
    engine.dispose()


def register(engine, *clerks):
    """(name, org, role) tuples, added by the first admin."""
    with UnitOfWork(engine, "管理员") as uow:
        add_clerk(uow, "管理员", None, "admin")
        for name, org, role in clerks:
            add_clerk(uow, name, org, role)
        uow.commit()


def seen(engine, clerk):
    with UnitOfWork(engine, clerk) as uow:
        statement = access.restrict_cases(uow, select(CaseRow))
        return sorted((c.org_id or "-") for c in uow.session.exec(statement))


def test_with_no_clerk_registered_everybody_sees_every_case(engine):
    with UnitOfWork(engine, "anybody") as uow:
        assert access.visible_org_ids(uow) is None
    assert len(seen(engine, "anybody")) == 5


def test_a_clerk_sees_only_the_cases_of_their_own_body(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "王书记员") as uow:
        assert access.visible_org_ids(uow) == {TOWNSHIP}
    assert seen(engine, "王书记员") == [TOWNSHIP]


def test_a_supervisor_sees_their_body_and_every_body_below_it(engine):
    register(engine, ("赵主任", COUNTY, "supervisor"))
    with UnitOfWork(engine, "赵主任") as uow:
        assert access.visible_org_ids(uow) == {COUNTY, TOWNSHIP, VILLAGE}
    assert seen(engine, "赵主任") == sorted([COUNTY, TOWNSHIP, VILLAGE])


def test_an_admin_sees_and_changes_every_case_another_clerks_unrouted_one_too(engine):
    """docs/postgresql.md: an admin sees the cases of every body and the ones no body has
    yet, whoever registered them (李书记员 here): the admin routes what a clerk who left
    registered (the database holds an admin's own login to the same:
    tests/integration/test_pg_rls.py)."""
    register(engine)
    with UnitOfWork(engine, "管理员") as uow:
        assert access.visible_org_ids(uow) is None
        unrouted = uow.session.exec(select(CaseRow).where(col(CaseRow.org_id).is_(None))).one()
        assert access.can_see(uow, unrouted)
        assert access.can_change(uow, unrouted)
        access.require_case_access(uow, unrouted, change=True)
    assert seen(engine, "管理员") == sorted(["-", COUNTY, TOWNSHIP, VILLAGE, OTHER])


def test_an_unrouted_case_of_a_disabled_clerk_is_the_admins_to_route(engine):
    """The clerk who registered it left (disabled): an admin still sees it, in `case list`
    too, and routes it; a supervisor of the top body does not (an unrouted case is no
    body's, so no body's supervisor's)."""
    from mediate.services.casestore import load_case, update_case

    register(engine, ("李书记员", OTHER, "clerk"), ("赵主任", COUNTY, "supervisor"))
    with UnitOfWork(engine, "管理员") as uow:
        disable_clerk(uow, "李书记员")
        uow.commit()
    with UnitOfWork(engine, "赵主任") as uow:
        unrouted = uow.session.exec(select(CaseRow).where(col(CaseRow.org_id).is_(None))).one()
        assert not access.can_see(uow, unrouted)
        case_id = unrouted.id
    with UnitOfWork(engine, "管理员") as uow:
        unrouted = load_case(uow, case_id)  # the check of every change (transfer, …)
        update_case(uow, unrouted, {"org_id": TOWNSHIP, "status": "routed"}, "routed")
        uow.commit()
    with UnitOfWork(engine, "管理员") as uow:
        assert uow.session.get(CaseRow, case_id).org_id == TOWNSHIP


def test_the_admins_case_list_shows_the_unrouted_cases_too(engine):
    """services/who.case_scope (the light read path: case list, today): what the admin
    may see, the unrouted case of another clerk included."""
    from mediate.services.cases import CaseFilter, list_cases

    register(engine)
    with UnitOfWork(engine, "管理员") as uow:
        listed = list_cases(uow, CaseFilter(), limit=50)
    assert sorted((r["org_id"] or "-") for r in listed.rows) == sorted(
        ["-", COUNTY, TOWNSHIP, VILLAGE, OTHER]
    )


def test_a_clerk_also_sees_the_unrouted_cases_they_registered(engine):
    register(engine, ("李书记员", OTHER, "clerk"))
    assert seen(engine, "李书记员") == ["-", OTHER]


def test_another_bodys_case_is_refused_for_reading_and_changing(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "王书记员") as uow:
        other = uow.session.exec(select(CaseRow).where(CaseRow.org_id == OTHER)).one()
        own = uow.session.exec(select(CaseRow).where(CaseRow.org_id == TOWNSHIP)).one()
        access.require_case_access(uow, own, change=True)
        with pytest.raises(AccessDenied, match=f"may not see case {other.id}"):
            access.require_case_access(uow, other)
        with pytest.raises(AccessDenied, match=f"may not change case {other.id}"):
            access.require_case_access(uow, other, change=True)


def test_the_registering_clerk_may_not_change_a_case_once_another_body_has_it(engine):
    register(engine, ("登记员", OTHER, "clerk"))
    with UnitOfWork(engine, "登记员") as uow:
        township = uow.session.exec(select(CaseRow).where(CaseRow.org_id == TOWNSHIP)).one()
        access.require_case_access(uow, township)
        with pytest.raises(AccessDenied):
            access.require_case_access(uow, township, change=True)


def test_an_unregistered_clerk_may_do_nothing_once_the_registry_is_in_use(engine):
    register(engine)
    with UnitOfWork(engine, "路人") as uow, pytest.raises(AccessDenied, match="not registered"):
        access.visible_org_ids(uow)


def test_a_disabled_clerk_may_do_nothing(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "管理员") as uow:
        info = disable_clerk(uow, "王书记员")
        uow.commit()
    assert info.active is False
    with UnitOfWork(engine, "王书记员") as uow, pytest.raises(AccessDenied, match="disabled"):
        access.visible_org_ids(uow)


def test_the_first_clerk_registered_must_be_an_admin(engine):
    with UnitOfWork(engine, "x") as uow, pytest.raises(ValidationError, match="must be an admin"):
        add_clerk(uow, "王书记员", TOWNSHIP, "clerk")


def test_only_an_admin_may_register_clerks(engine):
    register(engine, ("赵主任", COUNTY, "supervisor"))
    with UnitOfWork(engine, "赵主任") as uow, pytest.raises(AccessDenied, match="Only an admin"):
        add_clerk(uow, "新人", COUNTY, "clerk")


def test_registering_checks_the_body_the_role_and_the_name(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "管理员") as uow:
        with pytest.raises(NotFound, match="no body nowhere"):
            add_clerk(uow, "甲", "nowhere", "clerk")
        with pytest.raises(ValidationError, match="give --org"):
            add_clerk(uow, "乙", None, "supervisor")
        with pytest.raises(BadOptionValue, match="--role: 'boss' is not a valid clerk role"):
            add_clerk(uow, "丙", COUNTY, "boss")
        with pytest.raises(ConflictError, match="already registered"):
            add_clerk(uow, "王书记员", COUNTY, "clerk")


def test_the_last_active_admin_cannot_be_disabled(engine):
    register(engine)
    with UnitOfWork(engine, "管理员") as uow, pytest.raises(AccessDenied, match="last active"):
        disable_clerk(uow, "管理员")


def test_registry_changes_are_in_the_audit_trail_and_the_list(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "管理员") as uow:
        actions = [e.action for e in uow.session.exec(select(EventRow).order_by(EventRow.id))]
        clerks = [(c.name, c.role, c.org_id, c.active) for c in list_clerks(uow)]
    assert actions == ["clerk_added", "clerk_added"]
    assert sorted(clerks, key=str) == sorted(
        [("管理员", "admin", None, True), ("王书记员", "clerk", TOWNSHIP, True)], key=str
    )


def test_the_registered_body_becomes_the_org_recorded_on_changes(engine):
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "王书记员", org_id=None) as uow:
        access.identity(uow)
        assert uow.org_id == TOWNSHIP


def test_an_unrouted_case_registered_by_another_clerk_is_neither_seen_nor_changed(engine):
    # Issue 21: a rule letting anyone change an unrouted case passed every test before this.
    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "王书记员") as uow:
        unrouted = uow.session.exec(select(CaseRow).where(col(CaseRow.org_id).is_(None))).one()
        assert unrouted.created_by == "李书记员"
        assert not access.can_see(uow, unrouted)
        assert not access.can_change(uow, unrouted)
        with pytest.raises(AccessDenied, match=f"may not change case {unrouted.id}"):
            access.require_case_access(uow, unrouted, change=True)


@pytest.mark.parametrize(
    ("language", "unrouted", "routed"),
    [
        (
            "en",
            "no body has it yet: only 李书记员, who registered it, or an admin may",
            "it belongs to another body",
        ),
        ("zh_CN", "尚未分流至任何调解组织，仅登记人 李书记员 或管理员可以", "属于其他机构"),
    ],
)
def test_the_refusal_says_why_an_unrouted_case_is_not_the_clerks(
    engine, language, unrouted, routed
):
    """Not "another body" for a case no body has (review of 2026-12-02): who may, instead."""
    from mediate.i18n import in_language
    from mediate.services.cases import show_case
    from tests.conftest import squash

    register(engine, ("王书记员", TOWNSHIP, "clerk"))
    with UnitOfWork(engine, "王书记员") as uow, in_language(language):
        cases = {c.org_id: c for c in uow.session.exec(select(CaseRow))}
        for change in (False, True):
            with pytest.raises(AccessDenied) as caught:
                access.require_case_access(uow, cases[None], change=change)
            assert squash(unrouted) in squash(str(caught.value))
            with pytest.raises(AccessDenied) as caught:
                access.require_case_access(uow, cases[OTHER], change=change)
            assert squash(routed) in squash(str(caught.value))
        with pytest.raises(AccessDenied) as caught:  # the light read path (who.py)
            show_case(uow, cases[None].id)
        assert squash(unrouted) in squash(str(caught.value))


def test_the_registering_clerk_may_change_their_own_unrouted_case(engine):
    register(engine, ("李书记员", OTHER, "clerk"))
    with UnitOfWork(engine, "李书记员") as uow:
        unrouted = uow.session.exec(select(CaseRow).where(col(CaseRow.org_id).is_(None))).one()
        access.require_case_access(uow, unrouted, change=True)


def test_a_clerk_whose_body_is_gone_sees_no_case_at_all(engine):
    # A clerk row without a body (left by a data repair or an old import) must fall closed.
    register(engine)
    with Session(engine) as session:
        session.add(ClerkRow(name="无主书记员", org_id=None, role="clerk"))
        session.commit()
    with UnitOfWork(engine, "无主书记员") as uow:
        assert access.visible_org_ids(uow) == set()
        anyone_elses = uow.session.exec(select(CaseRow)).all()
        assert not any(access.can_see(uow, c) for c in anyone_elses)
        assert not any(access.can_change(uow, c) for c in anyone_elses)
    assert seen(engine, "无主书记员") == []
