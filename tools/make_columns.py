"""Write mediate/domain/columns.py: the column names of the cases and parties tables, in
table order, read off mediate/store/tables.py (the one definition). The lists that name
a case's or a party's fields (domain/fields.py, services/cases.py, store/bulk.py) are cut
from these, so they follow the tables without the light entry importing SQLAlchemy.
`tests/unit/test_case_columns.py` fails when the file is not what this would write now.

    python tools/make_columns.py
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "mediate" / "domain" / "columns.py"


def columns() -> dict[str, tuple[str, ...]]:
    from mediate.store.tables import CaseRow, PartyRow

    tables = {"CASES": CaseRow, "PARTIES": PartyRow}
    return {name: tuple(c.name for c in row.__table__.columns) for name, row in tables.items()}  # type: ignore[attr-defined]


def source() -> str:
    lines = [
        '"""The columns of the cases and parties tables, in table order (mediate/store/tables.py).',
        "",
        "Generated: do not edit. `python tools/make_columns.py` rewrites it; a test fails when",
        'it is stale."""',
    ]
    for name, names in columns().items():
        lines += ["", f"{name} = ("] + [f'    "{n}",' for n in names] + [")"]
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(source(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
