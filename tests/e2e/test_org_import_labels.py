"""`org import` reads back what `org show` and `org list` print, and places its errors as a
clerk counts (review of 2026-12-03, a clerk's walk under MEDIATE_LANG=zh):

- a CSV headed 类型, 层级 with 村(社区)调解室 and 村 was refused, listing county_center and
  city; `org show`'s headers (上级组织, 法院, 容量（在办案件数）, 示例名称) were unknown
  columns. What the tool prints as a label it takes back, and its errors list the labels.
- a YAML file's errors said orgs[0] and divisions[2] without a line; -3 was 不是整数; a
  missing division was None under division_code; a key written twice kept the last one;
  an unknown key of a division was ignored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ZH = {"MEDIATE_LANG": "zh", "COLUMNS": "80"}
WIDE = {"MEDIATE_LANG": "zh", "COLUMNS": "200"}  # `org show` read back line by line
ROOM = "jz-410802002901-village-room"  # a village room of data/network.yaml


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.conftest import invoke

    url = f"sqlite:///{tmp_path_factory.mktemp('labels') / 'test.db'}"
    assert invoke(["--db", url, "init"]).exit_code == 0
    return url


def _run(db: str, *args: str, env: dict[str, str] = ZH) -> Any:
    from tests.conftest import invoke

    return invoke(["--db", db, "--clerk", "李书记员", *args], env=env)


def _shown(db: str, org_id: str) -> list[tuple[str, str]]:
    """`org show` as the clerk reads it: each label and its value as printed."""
    result = _run(db, "org", "show", org_id, env=WIDE)
    assert result.exit_code == 0, result.output
    pairs = []
    for line in result.stdout.splitlines():
        label, _space, value = line.strip().partition(" ")
        pairs.append((label, value.strip()))
    return pairs


def _renamed(pairs: list[tuple[str, str]], new_id: str) -> list[tuple[str, str]]:
    return [
        (label, {"编号": new_id, "名称": f"{new_id}室"}.get(label, value)) for label, value in pairs
    ]


def _refused(result: Any, *said: str) -> None:
    assert result.exit_code == 1, result.output
    for text in said:
        assert text in result.stderr, result.stderr


def test_a_csv_headed_and_filled_as_org_show_prints_is_imported(db: str, tmp_path: Path) -> None:
    printed = _shown(db, ROOM)
    assert ("类型", "村(社区)调解室") in printed and (
        "上级组织",
        "jz-410802002-township-center",
    ) in printed
    pairs = _renamed(printed, "jz-shown-csv")
    path = tmp_path / "shown.csv"
    path.write_text(
        ",".join(label for label, _v in pairs) + "\n" + ",".join(v for _l, v in pairs) + "\n",
        "utf-8",
    )
    result = _run(db, "org", "import", str(path))
    assert result.exit_code == 0, result.output
    assert _shown(db, "jz-shown-csv") == pairs


def test_a_yaml_body_keyed_as_org_show_prints_is_imported(db: str, tmp_path: Path) -> None:
    pairs = _renamed(_shown(db, ROOM), "jz-shown-yaml")
    path = tmp_path / "shown.yaml"
    path.write_text(
        "orgs:\n  - " + "\n    ".join(f"'{label}': '{value}'" for label, value in pairs) + "\n",
        "utf-8",
    )
    result = _run(db, "org", "import", str(path))
    assert result.exit_code == 0, result.output
    assert _shown(db, "jz-shown-yaml") == pairs


def test_a_csv_headed_as_org_list_prints_is_imported(db: str, tmp_path: Path) -> None:
    """org list heads the division's code 行政区划 (org show its name): a file with no
    区划代码 beside it gives the code under it."""
    listed = _run(db, "org", "list", "--kind", "professional", env=WIDE)
    assert all(h in listed.stdout for h in ("编号", "名称", "类型", "行政区划", "专业领域"))
    path = tmp_path / "listed.csv"
    path.write_text(
        "编号,名称,类型,行政区划,专业领域\njz-listed,某调解委员会,专业调解组织,410802,婚姻家庭\n",
        "utf-8",
    )
    result = _run(db, "org", "import", str(path))
    assert result.exit_code == 0, result.output
    body = json.loads(_run(db, "--json", "org", "show", "jz-listed").stdout)
    assert (body["kind"], body["division"], body["field"]) == ("professional", "410802", "family")


def test_the_reviewers_row_with_kind_and_level_by_label_is_imported(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "room.csv"
    path.write_text(
        "编号,名称,类型,层级,区划代码\njz-label-room,某室,村(社区)调解室,村,410802002901\n", "utf-8"
    )
    result = _run(db, "org", "import", str(path))
    assert result.exit_code == 0, result.output
    body = json.loads(_run(db, "--json", "org", "show", "jz-label-room").stdout)
    assert (body["kind"], body["level"]) == ("village_room", "village")


def test_errors_list_kinds_levels_and_columns_by_the_labels_the_clerk_reads(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("编号,名称,类型,层级,区划代码\njz-x,某室,法庭,镇上,410802\n", "utf-8")
    _refused(
        _run(db, "org", "import", str(path)),
        "可用类型：县(区)法院诉调对接中心（county_center）、",
        "可用层级：市级（city）、县级（county）",
    )
    path.write_text("编号,名称,负责人\n", "utf-8")
    _refused(
        _run(db, "org", "import", str(path)),
        "未知列“负责人”；可用列：编号（id）、名称（name）、类型（kind）",
        "上级组织（parent）、法院（court）、容量（在办案件数）（capacity）",
    )


YAML = """\
divisions:
  - code: '410802009205'
    name: 某村
    court: '410802'
orgs:
  - id: jz-y-one
    name: 甲室
    kind: village_room
    division: '410802002901'
  - id: jz-y-two
    name: 乙室
    kind: village_room
    capacity: -3
"""


def test_a_yaml_org_file_places_each_error_by_line_and_number_from_one(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "y.yaml"
    path.write_text(YAML, "utf-8")
    result = _run(db, "org", "import", str(path))
    _refused(
        result,
        "y.yaml:2:5，第1个区划：未知字段“court”",
        "y.yaml:10:5，第2个机构：字段“division”必填",
        "y.yaml:10:5，第2个机构：字段 capacity：“-3”小于 0；应填 0 或以上的整数",
    )
    assert not any(s in result.stderr for s in ("orgs[", "divisions[", "None", "division_code"))


def test_a_key_written_twice_in_a_yaml_org_file_is_refused_at_its_line(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(
        "orgs:\n  - id: jz-twice\n    name: 某室\n    kind: village_room\n"
        "    division: '410802002901'\n    capacity: 2\n    capacity: 30\n",
        "utf-8",
    )
    _refused(_run(db, "org", "import", str(path)), "twice.yaml:7:5：键“capacity”重复")
    assert _run(db, "org", "show", "jz-twice").exit_code != 0


@pytest.mark.parametrize(
    ("header", "columns", "said"),
    [
        ("编号,名称,name,类型,区划代码", "BC", "“名称”和“name”是同一字段 名称（name）；只保留一个"),
        ("编号,name,name,类型,区划代码", "BC", "“name”写了两次；只保留一个"),
        ("编号,名称,类型,区划代码,行政区划代码", "DE", "“区划代码”和“行政区划代码”是同一字段"),
        ("编号,名称,类型,区划代码,division_code", "DE", "“区划代码”和“division_code”是同一字段"),
    ],
)  # fmt: skip
def test_a_field_headed_twice_in_a_csv_org_file_is_refused_naming_both(
    db: str, tmp_path: Path, header: str, columns: str, said: str
) -> None:
    """Both headers are named by their column letters, as the sheet shows them (the review
    of 2026-12-03: "o.csv 第 1 行" alone did not say where)."""
    path = tmp_path / "twice.csv"
    path.write_text(header + "\njz-headed-twice,甲室,乙室,village_room,410802002901\n", "utf-8")
    result = _run(db, "org", "import", str(path))
    first, second = columns
    _refused(result, f"twice.csv 第 1 行 {first} 列和 {second} 列：{said}", "未导入任何内容")
    assert _run(db, "org", "show", "jz-headed-twice").exit_code != 0


def test_a_field_keyed_twice_by_two_spellings_in_a_yaml_org_file_is_refused_at_its_line(
    db: str, tmp_path: Path
) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(
        "orgs:\n  - id: jz-keyed-twice\n    名称: 甲室\n    kind: village_room\n"
        "    division: '410802002901'\n    name: 乙室\n",
        "utf-8",
    )
    _refused(
        _run(db, "org", "import", str(path)),
        "twice.yaml:6:5：“名称”和“name”是同一字段 名称（name）；只保留一个",
    )
    assert _run(db, "org", "show", "jz-keyed-twice").exit_code != 0
