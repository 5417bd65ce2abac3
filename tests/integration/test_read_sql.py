"""The read path's SQL (store/dbapi.py readers in services/cases.py, desk.py, bodies.py,
who.py) names only tables and columns that the SQLModel tables and the migrations define:
every statement the everyday reads run is recorded, and each `table.column` in it checked
against the models and against a database built by the migrations."""

from __future__ import annotations

import re
import sqlite3

from mediate.services import bodies, cases, desk, reading, who
from mediate.services.demo import run_demo
from mediate.store.dbapi import Reader
from mediate.store.tables import SQLModel

_NAME = re.compile(r"\b([a-z_]+)\.([a-z_]+)\b")


def _statements(db_path) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    class Recording(Reader):
        def rows(self, sql, params=()):  # type: ignore[no-untyped-def]
            seen.append(sql)
            return super().rows(sql, params)

    reader = Recording(sqlite3.connect(db_path), "sqlite")
    try:
        db = reading.Reading(reader, "演示管理员")
        for f in (
            cases.CaseFilter(),
            cases.CaseFilter(overdue=True, status=["routed"], party="张", mediator="刘"),
            cases.CaseFilter(due_within=7, cause="纠纷", county="410802", source="self_accepted"),
            cases.CaseFilter(mediator="1", batch=1, org="x"),
        ):
            cases.list_cases(db, f)
        cases.find_cases(db, "13800000001")
        cases.find_cases(db, "(2026)豫0802")
        cases.show_case(db, cases.resolve_case(db, "（2026）豫0802民初401号"))
        desk.todays_work(db)
        bodies.list_orgs(db, bodies.OrgFilter(kind="court", county="41", field="x", text="y"))
        bodies.resolve_org(db, "jz-410800-finance")
        reader._cache.clear()
        who.resolve(reader, "nobody", None)
    finally:
        reader.close()
    return seen


def test_every_table_and_column_the_read_sql_names_exists_in_models_and_migrations(tmp_path):
    db_path = run_demo(tmp_path / "demo", "演示管理员", lambda _line: None).database
    with sqlite3.connect(db_path) as conn:  # built by the migrations (mediate init)
        migrated = {
            table: {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    models = {t.name: set(t.columns.keys()) for t in SQLModel.metadata.sorted_tables}
    statements = _statements(db_path)
    named = {(t, c) for sql in statements for t, c in _NAME.findall(sql) if t in models}
    assert {t for t, _c in named} >= {"cases", "parties", "orgs", "outcomes", "mediators"}
    for table, column in sorted(named):
        assert column in models[table], f"{table}.{column} is not a model column"
        assert column in migrated[table], f"{table}.{column} is not in the migrated schema"
    for sql in statements:  # the tables named after FROM / JOIN exist too
        for table in re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)", sql):
            assert table in models and table in migrated, table
