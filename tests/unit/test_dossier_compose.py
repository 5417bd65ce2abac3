"""Composing the dossier's Word file (mediate/documents/dossier.py): papers on new pages
with bookmarks, page references, page counts read from PDFs."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from mediate.documents import dossier
from mediate.errors import MediateError
from mediate.resources import templates_dir

W = dossier.W


def package(body: str) -> bytes:
    """A rendered paper: the bundled record template's package with this body."""
    source = (templates_dir() / "record.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                text = data.decode()
                start, end = text.index("<w:body>") + len("<w:body>"), text.index("<w:sectPr")
                data = (text[:start] + body + text[end:]).encode()
            new.writestr(info, data)
    return out.getvalue()


def paragraph(text: str) -> str:
    properties = '<w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr>'
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def body_of(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
        settings = archive.read("word/settings.xml").decode()
    return root.find(f"{{{W}}}body"), settings


def test_each_paper_starts_on_a_new_page_at_its_bookmark_after_the_cover():
    cover = package(paragraph("卷内目录"))
    papers = [
        dossier.paper_body(package(paragraph("甲") + paragraph("甲二"))),
        dossier.paper_body(package("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")),
    ]
    body, settings = body_of(dossier.compose(cover, papers, update_fields=True))
    blocks = [etree.QName(b).localname for b in body]
    assert blocks == ["p", "p", "p", "p", "tbl", "sectPr"]  # a paragraph added before the table
    first, third = body[1], body[3]
    assert first.find(f".//{{{W}}}bookmarkStart").get(f"{{{W}}}name") == "paper_1"
    assert first.find(f".//{{{W}}}pageBreakBefore") is None  # its section starts the page
    assert third.find(f".//{{{W}}}bookmarkStart").get(f"{{{W}}}name") == "paper_2"
    ppr = [etree.QName(c).localname for c in third.find(f"{{{W}}}pPr")]
    assert ppr[0] == "pageBreakBefore"
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("updateFields") < settings.index("<w:compat>")


def test_page_break_goes_after_keep_next_in_the_paragraph_properties():
    cover = package(paragraph("封面"))
    papers = [dossier.paper_body(package(paragraph(str(n)))) for n in (1, 2)]
    body, settings = body_of(dossier.compose(cover, papers, update_fields=False))
    ppr = [etree.QName(c).localname for c in body[2].find(f"{{{W}}}pPr")]
    assert ppr[:3] == ["keepNext", "pageBreakBefore", "jc"]
    assert "updateFields" not in settings  # the page numbers were known


def test_a_paper_with_pictures_or_links_of_its_own_is_not_merged():
    linked = '<w:p><w:hyperlink r:id="rId99"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>'
    body = package(linked.replace("<w:hyperlink", f'<w:hyperlink xmlns:r="{dossier.R}"'))
    assert dossier.paper_body(body) is None


def test_old_bookmarks_of_the_papers_are_dropped_so_names_stay_unique():
    marked = '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/></w:p>'
    blocks = dossier.paper_body(package(marked))
    assert not [e for b in blocks for e in b.iter(f"{{{W}}}bookmarkStart")]


def test_not_a_word_document_is_a_clear_error():
    with pytest.raises(MediateError, match="not a Word document"):
        dossier.paper_body(b"plain text")


def test_pdf_pages_reads_the_page_tree_root(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(
        b"%PDF-1.6\n2 0 obj\n<</Type /Pages /Parent 1 0 R /Kids[5 0 R] /Count 2>>\nendobj\n"
        b"1 0 obj\n<</Type/Pages/Kids[2 0 R 3 0 R]/Count 7>>\nendobj\n"
        b"5 0 obj\n<</Type/Page/Parent 2 0 R>>\nendobj\n"
    )
    assert dossier.pdf_pages(pdf) == 7
    count_first = tmp_path / "c.pdf"  # /Count before /Type, and a long Kids array
    kids = " ".join(f"{n} 0 R" for n in range(10, 110))
    count_first.write_bytes(f"1 0 obj\n<</Count 100/Kids[{kids}]/Type/Pages>>\n".encode())
    assert dossier.pdf_pages(count_first) == 100
    broken = tmp_path / "b.pdf"
    broken.write_bytes(b"%PDF-1.6\n")
    with pytest.raises(MediateError, match="number of pages"):
        dossier.pdf_pages(broken)


def test_start_pages_follow_from_each_papers_page_count():
    assert dossier.start_pages([2, 1, 3]) == [(1, 2), (3, 3), (4, 6)]
    assert dossier.start_pages([]) == []
