"""The import's bulk rows (`store/bulk.py`): values handed to the driver as the columns'
own SQLAlchemy types would hand them, however they are built."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from mediate.store.bulk import prepared_inserts
from mediate.store.tables import EventRow

SQLITE = sqlite.dialect()
TEXT = st.text(max_size=12)
SCALARS = st.none() | st.booleans() | st.integers() | TEXT


def core(table: type, name: str, value: object) -> object:
    """What SQLAlchemy's own bind processing of the column gives on SQLite."""
    process = table.__table__.c[name].type.bind_processor(SQLITE)  # type: ignore[attr-defined]
    return process(value) if process else value


@given(
    numbers=st.tuples(st.integers(min_value=0), st.integers(min_value=0)),
    rest=st.dictionaries(TEXT.filter(lambda k: k not in ("batch", "row")), SCALARS, min_size=0),
)
def test_an_event_record_is_the_json_core_would_store(numbers, rest):
    convert = prepared_inserts(SQLITE)["events"].record_converter("after", ("batch", "row"))
    record = {"batch": numbers[0], "row": numbers[1], **rest}
    items = tuple(rest.items())
    assert convert(numbers, items) == core(EventRow, "after", record)
    assert convert(numbers, items) == core(EventRow, "after", record)  # its repeating part kept


def test_on_postgresql_the_record_is_the_object_itself():
    convert = prepared_inserts(postgresql.psycopg.dialect())["events"].record_converter(
        "after", ("batch", "row")
    )
    assert convert((1, 2), (("org", "x"),)) == {"batch": 1, "row": 2, "org": "x"}


@given(st.lists(st.lists(TEXT, max_size=3) | st.lists(st.dictionaries(TEXT, SCALARS), max_size=2)))
def test_lists_converted_once_per_content_are_what_core_stores(values):
    from mediate.store.tables import DecisionRow

    convert = prepared_inserts(SQLITE)["decisions"].converter("path")
    for value in values:
        assert convert(list(value)) == core(DecisionRow, "path", value)


def test_money_and_instants_convert_as_their_column_types():
    from mediate.store.tables import CaseRow

    insert = prepared_inserts(SQLITE)["cases"]
    moment = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    for name, value in (("amount", Decimal("52000.5")), ("amount", None), ("created_at", moment)):
        assert insert.converter(name)(value) == core(CaseRow, name, value)
    assert insert.converter("created_at")(moment) == dt.datetime(2026, 12, 1, 1, 30)
