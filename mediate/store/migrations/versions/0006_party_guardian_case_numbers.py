"""parties' legal guardians; case numbers in full-width brackets

Revision ID: 0006
Revises: 0005

- parties.guardian, guardian_relation, guardian_id_number: a minor or a person without
  full capacity acts through a 法定代理人 (民法典 arts. 23, 27, 28), whom the court forms
  list beside the party.
- cases.court_case_no and confirmations.court_case_no rewritten to the canonical
  （2026）豫0802民初123号 (法〔2015〕137号 art. 5). A number whose canonical form another case
  already holds is left as it is (never a unique-key failure halfway through an upgrade).
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


# A frozen copy of mediate.domain.case_numbers.canonical_case_no as of this revision: a
# migration must rewrite the numbers the same way whatever that module becomes
# (tests/unit/test_migrations_frozen.py).
_OPENING = "(（〔[【［〈<"
_CLOSING = ")）〕]】］〉>"
_SHAPE = re.compile(r"^（(\d{4})）[\u4e00-\u9fff]\d{2,4}[\u4e00-\u9fff]{1,8}\d{1,7}号$")
_SPACES = re.compile(r"\s+")


def canonical_case_no(text: str) -> str | None:
    """（2026）豫0802民初1234号 for a case number however bracketed (法〔2015〕137号 art. 5),
    or None when `text` is not one."""
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if not compact:
        return None
    if compact[0] in _OPENING:
        compact = "（" + compact[1:]
    close = next((i for i, ch in enumerate(compact) if ch in _CLOSING), -1)
    if close > 0:
        compact = compact[:close] + "）" + compact[close + 1 :]
    return compact if _SHAPE.match(compact) else None


def upgrade() -> None:
    with op.batch_alter_table("parties") as batch:
        batch.add_column(sa.Column("guardian", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("guardian_relation", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("guardian_id_number", sa.String(length=30), nullable=True))
    bind = op.get_bind()
    for table in ("cases", "confirmations"):
        _canonical_numbers(bind, table, unique=table == "cases")


def _canonical_numbers(bind: sa.engine.Connection, table: str, unique: bool) -> None:
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column("court_case_no", sa.String))
    found = bind.execute(
        sa.select(rows.c.id, rows.c.court_case_no).where(rows.c.court_case_no.is_not(None))
    ).all()
    taken = {number for _id, number in found}
    changes = []
    for row_id, number in found:
        canonical = canonical_case_no(number)
        if canonical is None or canonical == number or (unique and canonical in taken):
            continue
        taken.add(canonical)
        changes.append({"row_id": row_id, "number": canonical})
    if changes:
        bind.execute(
            rows.update()
            .where(rows.c.id == sa.bindparam("row_id"))
            .values(court_case_no=sa.bindparam("number")),
            changes,
        )


def downgrade() -> None:
    with op.batch_alter_table("parties") as batch:
        batch.drop_column("guardian_id_number")
        batch.drop_column("guardian_relation")
        batch.drop_column("guardian")
