import json

import docx


def test_the_demo_produces_every_kind_of_document(cli, tmp_path):
    result = cli(["--json", "demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)["summary"]["documents"]
    assert set(documents) == {
        "application",
        "agreement",
        "termination",
        "service_address",
        "credit_notice",
        "court_report",
        "return_letter",
        "registration",
        "notice",
    }
    titles = {
        "application": "司法确认申请书",
        "agreement": "人民调解协议书",
        "termination": "终止调解告知书",
        "service_address": "送达地址确认书",
        "credit_notice": "企业信用信息通报函",
        "court_report": "调解情况报告",
        "return_letter": "退回函",
        "notice": "调解通知书",
    }
    for kind, entry in documents.items():
        first = docx.Document(entry["file"]).paragraphs[0].text
        if kind == "registration":  # 人民调解受理登记表 or 调解受理登记表, by the body
            assert first.endswith("调解受理登记表")
            continue
        assert first == titles[kind]
        assert entry["file"] in json.loads(result.stdout)["files"]
