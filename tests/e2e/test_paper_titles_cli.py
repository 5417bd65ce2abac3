"""`case show` and `case history` name a paper by the title it carries (documents.kinds
.paper_title, the rule the printed paper follows): a registration form of a body not named
人民调解委员会 is a 调解受理登记表 (documents/wording), of a people's mediation committee a
人民调解受理登记表 — never the generic 受理登记表 beside a paper that says otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mediate import console
from mediate.resources import data_dir
from tests.conftest import squash

ZH = {"MEDIATE_LANG": "zh"}


@pytest.mark.parametrize(
    ("sample", "title"),
    [("finance", "调解受理登记表"), ("traffic", "人民调解受理登记表")],
)
def test_show_and_history_name_the_paper_as_it_is_printed(
    cli, initialised, tmp_path: Path, sample: str, title: str
) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    added = cli([*db, "case", "add", "--file", str(data_dir() / f"samples/disputes/{sample}.yaml")])
    assert added.exit_code == 0, added.output
    made = cli([*db, "--json", "doc", "render", "registration", "1", "-o", str(tmp_path)])
    assert made.exit_code == 0, made.output
    (paper,) = tmp_path.glob("*.docx")
    assert paper.name.startswith(f"1-{title}-")  # the title the paper carries
    console.reset(width=400)  # wide enough that no cell wraps
    shown = cli([*db, "case", "show", "1"], env=ZH)
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.stdout.splitlines() if paper.name in line)
    assert squash(row).startswith(f"│{title}│")
    data = json.loads(cli([*db, "--json", "case", "show", "1"]).stdout)
    assert [(d["kind"], d["title"]) for d in data["documents"]] == [("registration", title)]
    history = cli([*db, "case", "history", "1"], env=ZH)
    assert history.exit_code == 0, history.output
    assert f"类型：{title}；" in squash(history.stdout)
    # The title shown is taken back as the kind (doc render KIND).
    again = cli([*db, "doc", "render", title, "1", "-o", str(tmp_path / "again")])
    assert again.exit_code == 0, again.output
