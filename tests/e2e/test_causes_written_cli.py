"""`causes search` and `causes show` take the words clerks write (借钱不还, 欠薪, 物业费) and
show the official cause they resolve to, as routing and court papers read them (found by
review, 2026-12-02: search found nothing and show exited 1)."""

from __future__ import annotations

import json

ZH = {"MEDIATE_LANG": "zh"}


def test_causes_search_and_show_resolve_everyday_words(cli, initialised) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", initialised.url]
    found = cli([*db, "--json", "causes", "search", "借钱不还"])
    assert found.exit_code == 0, found.output
    first = json.loads(found.stdout)[0]
    assert (first["version"], first["name"]) == ("2025", "民间借贷纠纷")
    assert first["written"] == "借钱不还"
    shown = cli([*db, "--json", "causes", "show", "借钱不还"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert (data["name"], data["written"], data["only_when"]) == ("民间借贷纠纷", "借钱不还", None)
    assert data["path"][0] == "合同、准合同纠纷"
    wages = json.loads(cli([*db, "--json", "causes", "search", "欠薪"]).stdout)
    assert [(c["name"], c["only_when"]) for c in wages if "written" in c][:1] == [
        ("追索劳动报酬纠纷", "employer")
    ]
    fee = cli([*db, "causes", "show", "物业费"], env=ZH)
    assert fee.exit_code == 0, fee.output
    assert "物业费 → 物业服务合同纠纷" in fee.stdout
    pay = cli([*db, "causes", "show", "欠薪"], env=ZH)
    assert "欠薪 → 追索劳动报酬纠纷（被申请人为单位时）" in pay.stdout
    # an official name shows as before; a word that means no cause is still not found
    plain = json.loads(cli([*db, "--json", "causes", "show", "民间借贷纠纷"]).stdout)
    assert "written" not in plain
    assert cli([*db, "causes", "show", "邻居吵架"]).exit_code == 1
