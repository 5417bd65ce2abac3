"""Outcome rows a credit report overwrote get their follow-up back (data only, no schema
change). Before 2026-12-03 `mediate credit report` wrote `credit_report` into
outcomes.follow_up, so a court's referral failed at the credit committee (seed item 18),
returned to the court and then reported left the funnel's adjudication bucket for
"unresolved" (seed item 17). The report is now its own `credit_report` event only
(services/credit.py); this restores, for each row marked `credit_report` whose case has that
event, the follow-up its failure recorded (its `follow_up` events: the return to court when
it is among them, else the first, as services/outcomes.record_outcome chooses). A row with
no such events is left as it is (nothing tells what it was; it still counts as reported).

The downgrade writes `credit_report` back into the rows of the cases that have the event,
as the code before it did.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03 11:00:00
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

CREDIT_REPORT = "credit_report"
RETURNED = "returned_to_court"
CHUNK = 500


def _after(value: Any) -> dict[str, Any]:
    if isinstance(value, str):  # SQLite: JSON as text
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def _reported_cases(bind: Any, marked_only: bool) -> list[int]:
    sql = (
        "SELECT DISTINCT events.case_id FROM events WHERE events.action = :action"
        " AND events.case_id IS NOT NULL"
    )
    if marked_only:
        sql += (
            " AND events.case_id IN (SELECT outcomes.case_id FROM outcomes"
            " WHERE outcomes.follow_up = :action)"
        )
    rows = bind.execute(sa.text(sql), {"action": CREDIT_REPORT})
    return sorted(int(r[0]) for r in rows)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cases = _reported_cases(bind, marked_only=True)
    for start in range(0, len(cases), CHUNK):
        chunk = cases[start : start + CHUNK]
        chosen: dict[int, list[str]] = {}
        rows = bind.execute(
            sa.text(
                "SELECT events.case_id, events.after FROM events WHERE events.action ="
                " 'follow_up' AND events.case_id IN :ids ORDER BY events.id"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": chunk},
        )
        for case_id, after in rows:
            item = _after(after).get("follow_up")
            if isinstance(item, str) and item and item != CREDIT_REPORT:
                chosen.setdefault(int(case_id), []).append(item)
        for case_id, items in chosen.items():
            bind.execute(
                sa.text(
                    "UPDATE outcomes SET follow_up = :value"
                    " WHERE case_id = :case_id AND follow_up = :marked"
                ),
                {
                    "value": RETURNED if RETURNED in items else items[0],
                    "case_id": case_id,
                    "marked": CREDIT_REPORT,
                },
            )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cases = _reported_cases(bind, marked_only=False)
    for start in range(0, len(cases), CHUNK):
        bind.execute(
            sa.text("UPDATE outcomes SET follow_up = :marked WHERE case_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": cases[start : start + CHUNK], "marked": CREDIT_REPORT},
        )
