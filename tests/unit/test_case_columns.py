"""The lists that name a case's columns are cut from the table (mediate/domain/columns.py,
generated from mediate/store/tables.py): what each leaves out is pinned here, so a column
added to the table is read, written and (only if it is said so) editable."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_columns", ROOT / "tools/make_columns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_columns_are_the_tables_now():
    written = (ROOT / "mediate" / "domain" / "columns.py").read_text(encoding="utf-8")
    assert written == _tool().source(), "run python tools/make_columns.py"


def test_case_show_reads_every_case_column_but_the_bookkeeping_ones():
    from mediate.domain.columns import CASES
    from mediate.services.cases import _CASE_FIELDS

    assert len(set(_CASE_FIELDS)) == len(_CASE_FIELDS)
    assert set(CASES) - set(_CASE_FIELDS) == {
        "intake_key",
        "cause_code",
        "route_rule",
        "import_batch_id",
        "updated_at",
    }


def test_the_bulk_writer_writes_every_case_column_but_those_left_to_their_defaults():
    """CASE_COLUMNS is written out (the order of the import's rows): a column added to the
    table fails here until the bulk writer writes it or leaves it to its default."""
    from mediate.domain.columns import CASES
    from mediate.store.bulk import CASE_COLUMNS, NOT_WRITTEN
    from mediate.store.tables import CaseRow

    assert len(set(CASE_COLUMNS)) == len(CASE_COLUMNS)
    assert set(CASE_COLUMNS) | NOT_WRITTEN == set(CASES)
    left = [n for n in CASES if n not in CASE_COLUMNS]
    assert left == ["assigned_on", "extension_days", "paused_on", "pause_reason", "paused_days"]
    table = CaseRow.__table__  # type: ignore[attr-defined]
    assert all(table.c[n].nullable or table.c[n].server_default is not None for n in left)
    assert CASE_COLUMNS[0] == "id"  # insert_new_cases hands it out


def test_case_edit_changes_what_the_clerk_gave_at_intake_in_table_order():
    from mediate.domain.columns import CASES
    from mediate.domain.fields import CASE_EDITABLE, EDITED_AT_INTAKE, field_labels

    assert set(CASES) >= EDITED_AT_INTAKE  # a renamed column is not silently dropped
    assert tuple(n for n in CASES if n in CASE_EDITABLE) == CASE_EDITABLE
    assert set(CASES) - set(CASE_EDITABLE) == {
        "id",
        "intake_key",
        "cause_code",
        "county_code",
        "status",
        "org_id",
        "mediator_id",
        "route_rule",
        "deadline_days",
        "deadline_unit",  # the rules' unit (domain/deadlines.due_date), set by routing
        "deadline",
        "assigned_on",
        "extension_days",
        "paused_on",  # case pause / resume (domain/pauses.py)
        "pause_reason",
        "paused_days",
        "closed_on",
        "import_batch_id",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    }
    assert set(CASE_EDITABLE) <= set(field_labels())


def test_a_party_s_fields_are_its_columns_but_the_keys():
    from mediate.domain.columns import PARTIES
    from mediate.domain.fields import PARTY_FIELDS

    assert PARTIES[:3] == ("id", "case_id", "position")
    assert PARTIES[3:] == PARTY_FIELDS


def test_a_party_is_encoded_once_each_value_under_its_column():
    """`party_values` is what register_case, case edit and the bulk writer store."""
    from mediate.domain.fields import PARTY_FIELDS, party_values
    from mediate.domain.model import Party, PartyKind, PartyRole

    given: dict[str, object] = {name: f"<{name}>" for name in PARTY_FIELDS}
    given |= {"role": PartyRole.RESPONDENT, "kind": PartyKind.ENTERPRISE}
    given["birth_date"] = dt.date(1990, 1, 2)
    party = Party(**given)  # type: ignore[arg-type]
    stored = dict(zip(PARTY_FIELDS, party_values(party), strict=True))
    assert stored == given | {"role": "respondent", "kind": "enterprise"}
    assert type(stored["role"]) is str and type(stored["kind"]) is str
    as_text = dict(zip(PARTY_FIELDS, party_values(party, dt.date.isoformat), strict=True))
    assert as_text == stored | {"birth_date": "1990-01-02"}


def test_the_bulk_writer_s_case_row_holds_what_register_case_stores_in_column_order():
    from mediate.domain.model import CaseInput, Decision, Level, Org, OrgKind, Source
    from mediate.intake.stream import CASE
    from mediate.services.intake import _case_row, _case_values
    from mediate.store.bulk import CASE_COLUMNS

    case = CaseInput(
        cause="民间借贷纠纷",
        parties=[],
        source=Source.COURT_ENTRUSTED,
        received_on=dt.date(2026, 11, 2),
        court_case_no="(2026)豫0802民诉前调1号",
        amount=Decimal("1000.00"),
        procedure="summary",
        referring_court="焦作市解放区人民法院",
        location="410802009",
        subject_matter_location="温县",
        tags=["批量"],
        facts="借款未还",
        claim="还款",
    )
    org = Org("jf-rmtj", "解放区人民调解委员会", OrgKind.COUNTY_CENTER, Level.COUNTY, "410802")
    decision = Decision(org, "rule-a", ["root"], 30, "v1")
    now = object()
    same = (lambda value: value, ["批量"])  # the driver conversions left out
    outcome = (CASE, 7, case, "key", "nk", (), (), None)
    places = (case.received_on, dt.date(2026, 12, 2), "410802")
    row = dict(
        zip(
            CASE_COLUMNS,
            _case_row(outcome, decision, None, places, (5, "王", now), same),
            strict=True,
        )
    )
    registered = _case_values(case, "410802", "王")
    shared = set(registered) - {"status", "created_at", "updated_at"}
    assert {k: row[k] for k in shared} == {k: registered[k] for k in shared}
    assert {k: v for k, v in row.items() if k not in shared} == {
        "id": None,
        "intake_key": "nk",
        "status": "routed",
        "org_id": "jf-rmtj",
        "mediator_id": None,
        "route_rule": "rule-a",
        "deadline_days": 30,
        "deadline_unit": None,  # calendar days: the decision's unit is "days"
        "deadline": dt.date(2026, 12, 2),
        "closed_on": None,
        "import_batch_id": 5,
        "created_at": now,
        "updated_at": now,
    }


def test_the_other_lists_of_fields_name_columns_and_a_dispute_file_gives_the_editable_ones():
    """Lists that keep their own order or choice on purpose (a dispute file's keys, cause
    first, as its error lists them; what a re-import compares) still name columns."""
    from mediate.domain.columns import PARTIES
    from mediate.domain.fields import CASE_EDITABLE
    from mediate.intake import validate
    from mediate.services import reimport

    assert set(validate.CASE_FIELDS) - {"parties"} == set(CASE_EDITABLE)
    assert set(reimport.CASE_FIELDS) | set(reimport.REPORTED_ONLY) <= set(CASE_EDITABLE)
    assert set(reimport.PARTY_FIELDS) | set(validate._TEXT_FIELDS) <= set(PARTIES)
