"""Issue 17's check, through the command line: a court-delegated traffic case of a minor with
a guardian, mediated by a court docking centre's invited mediator, the case number typed as
(2026)… and the facts pasted from Word. The 司法确认申请书 and the agreement are well-formed,
show the 法定代理人, print （2026）, and do not cite 人民调解法 art. 33 (特邀调解规定 art. 19
and CPL art. 205 instead)."""

from __future__ import annotations

import json
import zipfile

import docx
import yaml

CENTER = "jz-410802-county-center"

DISPUTE = {
    "cause": "机动车交通事故责任纠纷",
    "amount": "18600",
    "source": "court_delegated",
    "court_case_no": "(2026)豫0802民诉前调123号",
    "referring_court": "焦作市解放区人民法院",
    "received_on": "2026-11-02",
    "location": "410802",
    "facts": "\u3000\u30002026年9月3日，李小明骑车与张三驾驶的轿车相撞受伤。\r\n"
    "\u3000\u3000交警认定张三负主要责任。\x0b  李小明花费医疗费18,600元。",
    "parties": [
        {
            "role": "applicant",
            "kind": "person",
            "name": "李小明",
            "id_number": "410802201105050017",
            "address": "河南省焦作市解放区焦南街道1号",
            "phone": "13700000000",
            "guardian": "李大明",
            "guardian_relation": "父亲",
            "guardian_id_number": "410802198001011238",
        },
        {
            "role": "respondent",
            "kind": "person",
            "name": "张三",
            "id_number": "410802199001011232",
            "address": "河南省焦作市解放区民主南路1号",
            "phone": "13800000000",
        },
    ],
}


def test_the_papers_of_a_minor_in_invited_mediation_are_right(initialised, cli, tmp_path):
    db = initialised.url
    dispute = tmp_path / "dispute.yaml"
    dispute.write_text(yaml.safe_dump(DISPUTE, allow_unicode=True), encoding="utf-8")

    def run(*args: str) -> object:
        result = cli(["--db", db, *args])
        assert result.exit_code == 0, result.output
        return result

    added = json.loads(run("--json", "case", "add", "--file", str(dispute)).stdout)
    case_id = str(added["id"])
    shown = json.loads(run("--json", "case", "show", case_id).stdout)
    assert shown["court_case_no"] == "（2026）豫0802民诉前调123号"  # stored canonical
    run("case", "transfer", case_id, "--to", CENTER, "--reason", "法院委派诉调对接中心调解")
    run("mediator", "add", "--org", CENTER, "--name", "赵敏", "--type", "特邀")
    run("case", "assign", case_id, "--on", "2026-11-03")
    run(
        "outcome", case_id, "success", "--on", "2026-11-10", "--terms",
        "张三于2026年12月31日前赔偿李小明医疗费18,600元。", "--amount", "18600",
    )  # fmt: skip
    run("confirm", "request", case_id, "--court", "1")
    for kind in ("application", "agreement"):
        rendered = json.loads(
            run("--json", "doc", "render", kind, case_id, "-o", str(tmp_path / "out")).stdout
        )
        with zipfile.ZipFile(rendered["path"]) as archive:
            assert archive.testzip() is None
        text = "\n".join(p.text for p in docx.Document(rendered["path"]).paragraphs)
        assert "法定代理人：李大明，系李小明的父亲" in text
        assert "（2026）豫0802民诉前调123号" in text
        assert "《中华人民共和国人民调解法》第三十三条" not in text
        assert "人民调解" not in text
    assert "\n交警认定张三负主要责任。\n李小明花费医疗费18,600元。\n" in text
    assert text.startswith("调解协议书")
    assert "特邀调解员（签名）：赵敏" in text


def test_a_delegated_case_with_a_filed_number_is_registered_as_entrusted(
    initialised, cli, tmp_path
):
    """法〔2015〕137号: 民初 is the number of a filed case, so the mediation is 委托 and the
    court closes it (特邀调解规定 art. 20): intake says so instead of letting the clerk reach a
    confirmation the court will refuse."""
    dispute = tmp_path / "dispute.yaml"
    filed = {**DISPUTE, "court_case_no": "(2026)豫0802民初123号"}
    dispute.write_text(yaml.safe_dump(filed, allow_unicode=True), encoding="utf-8")
    result = cli(["--db", initialised.url, "--json", "case", "add", "--file", str(dispute)])
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    assert any("（2026）豫0802民初123号" in w and "case edit" in w for w in added["warnings"])
    case_id = str(added["id"])
    shown = cli(["--db", initialised.url, "--json", "case", "show", case_id])
    assert json.loads(shown.stdout)["source"] == "court_entrusted"
