"""Each template's output converts to PDF through LibreOffice, with the right pages and text."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from mediate.documents.pdf import convert_to_pdf
from mediate.documents.render import render_batch
from tests.unit.test_doc_rendering import context_for

pytestmark = [
    pytest.mark.skipif(
        shutil.which("soffice") is None and shutil.which("libreoffice") is None,
        reason="LibreOffice (soffice) is not installed; .ci/system-packages installs it in CI",
    ),
    pytest.mark.skipif(
        shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
        reason="poppler-utils (pdftotext, pdfinfo) is not installed",
    ),
]

# kind -> (sample, pages with 三号 仿宋 on the GB/T 9704 grid (22 x 28) on A4, phrases)
EXPECTED = {
    "application": (
        "minor_invited",
        3,
        [
            "司法确认申请书",
            "法定代理人：李大明",
            "此致",
            "焦作市解放区人民法院",
            "（2026）豫0802民初123号",
            "二〇二六年十一月二十日",
        ],
    ),
    "agreement": (
        "branch_peoples",
        4,
        ["人民调解协议书", "三、本案调解费用由双方各自承担", "人民调解员（签名）：刘调解"],
    ),
    "service_address": ("person_person", 2, ["送达地址确认书", "电子送达：□同意"]),
    "termination": ("person_person", 1, ["终止调解告知书", "因被申请人拒绝还款方案"]),
    "credit_notice": ("many_parties", 2, ["企业信用信息通报函", "91410800MA44WWWW4B"]),
}


def test_every_template_converts_to_pdf_with_its_pages_and_text(tmp_path):
    paths = []
    for kind, (sample, _pages, _phrases) in EXPECTED.items():
        paths += render_batch(kind, [context_for(kind, sample)], tmp_path, workers=1)
    pdfs = convert_to_pdf(paths, tmp_path / "pdf")
    for (kind, (_sample, pages, phrases)), pdf in zip(EXPECTED.items(), pdfs, strict=True):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
        assert count == pages, kind
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = re.sub(r"—\d+—", "", re.sub(r"\s+", "", text))  # page numbers out
        for phrase in phrases:
            assert phrase in flat, (kind, phrase)
        # the shipped fontconfig aliases: title (小标宋) and body (仿宋) are different faces
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert len(set(fonts.splitlines()[2:])) >= 2, kind


def test_a_missing_libreoffice_is_a_clear_message(monkeypatch, tmp_path):
    from mediate.documents import pdf
    from mediate.errors import MediateError

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(MediateError, match="PDF needs LibreOffice, which is not installed"):
        convert_to_pdf([tmp_path / "x.docx"], tmp_path)


def test_render_with_pdf_writes_both_files(initialised, settled_case, cli, tmp_path):
    out = tmp_path / "out"
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "termination",
            str(settled_case),
            "-o",
            str(out),
            "--pdf",
        ]
    )
    assert result.exit_code == 1  # a settled case has no termination notice
    result = cli(
        [
            "--db",
            initialised.url,
            "doc",
            "render",
            "agreement",
            str(settled_case),
            "-o",
            str(out),
            "--pdf",
        ]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".pdf"]
