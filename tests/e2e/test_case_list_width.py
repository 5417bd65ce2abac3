"""`mediate case list` at the clerk's 80-column terminal, in Chinese, as a child process:
a court case number (案号, 法〔2015〕137号 art. 5 form) is read and typed back by the clerk,
so it is never broken while the other columns can narrow or wrap; at 60 columns each case
is a record of its own, the numbers still whole."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from mediate.textwidth import cell_width
from tests import factories
from tests.conftest import invoke

# Realistic: 诉前调解 numbers (民诉前调, 28 columns), the long bodies and causes of the demo.
CASES = [
    (
        "（2026）豫0802民诉前调1234号",
        "机动车交通事故责任纠纷",
        "焦作市解放区道路交通事故纠纷人民调解委员会",
        "调解中",
    ),
    ("（2026）豫0811民诉前调10086号", "金融借款合同纠纷", "焦作市金融纠纷调解委员会", "调解成功"),
    (
        "（2026）豫0802民初401号",
        "物业服务合同纠纷",
        "焦作市解放区物业纠纷人民调解委员会",
        "调解不成",
    ),
    ("（2026）豫0821民诉前调7号", "追索劳动报酬纠纷", "焦作市解放区人民法院诉调对接中心", "已分流"),
]
STATUS = {"调解中": "in_mediation", "调解成功": "settled", "调解不成": "failed", "已分流": "routed"}


@pytest.fixture
def url(sqlite_db) -> str:
    assert invoke(["--db", sqlite_db.url, "init"]).exit_code == 0

    def build(session: Any) -> list[int]:
        ids = []
        for n, (number, cause, body, status) in enumerate(CASES):
            factories.org(session, f"jz-test-{n}", name=body)
            row = factories.case(
                session,
                [
                    factories.enterprise(name="中国工商银行股份有限公司焦作分行"),
                    factories.person("respondent", "欧阳建国", id_number=f"41080219900101{n:03d}7"),
                ],
                org_id=f"jz-test-{n}",
                court_case_no=number,
                cause=cause,
                status=STATUS[status],
            )
            ids.append(row.id)
        return ids

    factories.seed(sqlite_db.url, build)
    return sqlite_db.url


def _list(url: str, columns: int) -> str:
    env = dict(os.environ, MEDIATE_LANG="zh", COLUMNS=str(columns))
    done = subprocess.run(
        [sys.executable, "-m", "mediate", "--db", url, "case", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_at_80_columns_case_numbers_are_whole_and_the_other_columns_wrap(url):
    text = _list(url, 80)
    lines = text.splitlines()
    assert max(cell_width(line) for line in lines) <= 80, text
    assert "┃" in text, text  # still a table
    for number, _cause, _body, status in CASES:
        assert any(number in line for line in lines), (number, text)
        assert status in text  # a status is a short phrase: whole
    rows: list[list[str]] = []  # each row's cells, their lines joined
    for line in lines:
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            if cells[0]:
                rows.append(cells)
            else:
                rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    shown = {(row[1], row[2], row[4]) for row in rows}  # wrapped, never cut
    assert shown == {(number, cause, body) for number, cause, body, _status in CASES}, text


def test_at_60_columns_each_case_is_a_record_with_its_number_whole(url):
    text = _list(url, 60)
    lines = [line.rstrip() for line in text.splitlines()]
    assert max(cell_width(line) for line in lines) <= 60, text
    assert "┃" not in text
    for number, _cause, _body, status in CASES:
        assert f"案号      {number}" in lines, (number, text)
        assert f"状态      {status}" in lines
