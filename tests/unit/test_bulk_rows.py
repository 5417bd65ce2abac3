"""The import's bulk rows (`store/bulk.py`): values handed to the driver as the columns'
own SQLAlchemy types would hand them, however they are built."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
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


def stored(value: object) -> object:
    """What Python's sqlite3 stores for a value it is handed (its own adapters)."""
    with closing(sqlite3.connect(":memory:")) as db:
        return db.execute("SELECT ?", (value,)).fetchone()[0]


@given(
    instant=st.datetimes(timezones=st.timezones()),
    day=st.dates() | st.none(),
    fen=st.decimals(min_value=0, max_value=10**9, places=2) | st.none(),
)
def test_money_days_and_instants_convert_to_what_the_driver_stores(instant, day, fen):
    from mediate.store.tables import CaseRow, PartyRow

    cases, parties = prepared_inserts(SQLITE)["cases"], prepared_inserts(SQLITE)["parties"]
    for insert, table, name, value in (
        (cases, CaseRow, "amount", fen),
        (cases, CaseRow, "created_at", instant),
        (cases, CaseRow, "received_on", day),
        (cases, CaseRow, "deadline", day),
        (parties, PartyRow, "birth_date", day),
    ):
        convert = insert.converter(name)
        assert convert(value) == stored(core(table, name, value)), name
        assert convert(value) == stored(core(table, name, value)), name  # kept, same
        assert type(convert(value)) in (int, str, type(None))  # no adapter of the driver's


def test_instants_are_stored_in_utc():
    insert = prepared_inserts(SQLITE)["cases"]
    moment = dt.datetime(2026, 12, 1, 9, 30, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert insert.converter("created_at")(moment) == "2026-12-01 01:30:00.000005"


def test_on_postgresql_values_go_to_the_driver_as_they_are():
    insert = prepared_inserts(postgresql.psycopg.dialect())["cases"]
    day = dt.date(2026, 11, 2)
    assert insert.converter("received_on")(day) is day
    assert insert.converter("amount")(Decimal("1.5")) == Decimal("1.5")
