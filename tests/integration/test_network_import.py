"""`org import` and `causes import` through the services, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from mediate.domain import vocabulary
from mediate.errors import ValidationErrors
from mediate.services.causes import import_taxonomy, search, show
from mediate.services.network import import_orgs
from mediate.store.tables import OrgRow
from mediate.store.uow import UnitOfWork

CSV = (
    "id,name,kind,division,field,court,capacity\n"
    "jz-410802-x1,解放区某专业调解委员会,professional,410802,traffic,jz-410802-court,40\n"
    "jz-410802009-x2,王褚街道某调解室,township_center,410802009,,,\n"
)


def test_importing_twice_updates_and_never_duplicates(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "orgs.csv"
    path.write_text(CSV, encoding="utf-8")
    with UnitOfWork(engine, "x") as uow:
        first = import_orgs(uow, path)
        uow.commit()
    path.write_text(CSV.replace(",40\n", ",80\n"), encoding="gb18030")
    with UnitOfWork(engine, "x") as uow:
        second = import_orgs(uow, path)
        uow.commit()
        row = uow.session.get(OrgRow, "jz-410802-x1")
        assert row is not None and (row.capacity, row.court_id, row.level) == (
            80,
            "jz-410802-court",
            "county",
        )
        ids = uow.session.exec(
            select(OrgRow.id).where(OrgRow.name == "解放区某专业调解委员会")
        ).all()
    assert (len(first.created), len(second.created), second.updated, second.unchanged) == (
        2,
        0,
        ["jz-410802-x1"],
        1,
    )
    assert list(ids) == ["jz-410802-x1"]


def test_a_bad_file_names_row_and_field_and_writes_nothing(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "orgs.csv"
    path.write_text(
        CSV + "jz-bad,某,tribunal,410802,,,\njz-bad2,某,court,4108,,,\n", encoding="utf-8"
    )
    with UnitOfWork(engine, "x") as uow, pytest.raises(ValidationErrors) as raised:
        import_orgs(uow, path)
    assert [str(e) for e in raised.value.errors] == [
        f"{path}, row 4: field 'kind': 'tribunal' is not a kind of body; known kinds: "
        + vocabulary.ORG_KIND.allowed(),
        f"{path}, row 5: field 'division': '4108' is not a 6, 9 or 12 digit division code",
    ]
    with UnitOfWork(engine, "x") as uow:
        assert uow.session.get(OrgRow, "jz-410802-x1") is None


def test_a_reference_to_an_unknown_body_is_refused(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "orgs.yaml"
    path.write_text(
        "- {id: jz-1, name: 某, kind: village_room, division: '410802009909', parent: jz-none}\n",
        encoding="utf-8",
    )
    with (
        UnitOfWork(engine, "x") as uow,
        pytest.raises(ValidationErrors, match="field 'parent': no body with id 'jz-none'"),
    ):
        import_orgs(uow, path)


def test_an_xlsx_network_imports(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["编号", "名称", "类型", "区划代码"])
    sheet.append(["jz-410883-x3", "孟州市某行业调解委员会", "industry_mediation", 410883])
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    with UnitOfWork(engine, "x") as uow:
        result = import_orgs(uow, path)
        uow.commit()
        row = uow.session.get(OrgRow, "jz-410883-x3")
        assert row is not None and row.division_code == "410883"
    assert result.created == ["jz-410883-x3"]


def test_another_revision_of_the_taxonomy_loads_beside_2020(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "causes-2026.yaml"
    path.write_text(
        "causes:\n  合同纠纷:\n    合同纠纷:\n      - 买卖合同纠纷\n      - 数据交易合同纠纷\n",
        encoding="utf-8",
    )
    with UnitOfWork(engine, "x") as uow:
        loaded = import_taxonomy(uow, path, "2026")
        again = import_taxonomy(uow, path, "2026")
        uow.commit()
        found = search(uow, "数据交易", "2026")
        old = show(uow, "信用卡纠纷", "2020")
    assert (loaded.created, again.created, again.unchanged) == (4, 0, 4)
    assert found == [
        {
            "version": "2026",
            "code": "1.1.2",
            "name": "数据交易合同纠纷",
            "level": 3,
            "path": ["合同纠纷", "合同纠纷", "数据交易合同纠纷"],
        }
    ]
    assert old["version"] == "2020" and old["path"][-2] == "银行卡纠纷"
