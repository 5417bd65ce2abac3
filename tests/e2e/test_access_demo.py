"""`mediate demo` shows backups, moving up and access on a copy of its database."""

from __future__ import annotations

from sqlalchemy import text

from mediate.services.demo import run_demo
from mediate.store.copy import checksums
from mediate.store.engine import make_engine


def test_the_demo_backs_up_copies_and_scopes_a_clerk_without_touching_its_database(tmp_path):
    result = run_demo(tmp_path / "demo", "演示管理员", lambda _line: None)

    access = result.summary["access"]
    main = make_engine(f"sqlite:///{result.database}")
    backup = make_engine(f"sqlite:///{access['backup']}")
    copy = make_engine(f"sqlite:///{access['copy']}")
    try:
        # What the clerk sees is exactly their body's cases, counted here from the copy
        # itself: fewer than all (a clerk who saw everything failed nothing before).
        with copy.connect() as conn:
            org_id = conn.execute(
                text("SELECT org_id FROM clerks WHERE name = :n"), {"n": access["clerk"]}
            ).scalar_one()
            own = conn.execute(
                text("SELECT count(*) FROM cases WHERE org_id = :o"), {"o": org_id}
            ).scalar_one()
            total = conn.execute(text("SELECT count(*) FROM cases")).scalar_one()
        assert access["cases"] == total
        assert 0 < access["clerk_sees"] == own < total
        taken = {s.table: s for s in checksums(backup)}
        copied = {s.table: s for s in checksums(copy)}
        assert copied["clerks"].rows == (2 if access["cases"] else 1)
        assert taken["clerks"].rows == 0  # the demo database stays a single desk
        assert all(copied[t] == taken[t] for t in taken if t not in ("clerks", "events"))
        assert copied["events"].rows == taken["events"].rows + copied["clerks"].rows
        assert next(s for s in checksums(main) if s.table == "clerks").rows == 0
    finally:
        for engine in (main, backup, copy):
            engine.dispose()
