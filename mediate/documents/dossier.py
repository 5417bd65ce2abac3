"""The case dossier (卷宗) as one Word file: the cover and 卷内目录, then every paper.

人民调解法 art. 27: 人民调解委员会应当建立调解工作档案，将调解登记、调解工作记录、调解协议书等
材料立卷归档. The cover and contents are rendered from `templates/dossier.docx` (its first
section, no page numbers); each paper is rendered on its own from its template and its
body appended here, starting on a new page with a bookmark (`paper_N`), in the second
section whose page numbers start at 1. The contents' 页号 column holds a PAGEREF field to
each bookmark, so Word, WPS and LibreOffice show the page each paper starts on, computed
from their own layout.

Page numbers are never guessed: when a PDF was made (`--pdf`, LibreOffice), each paper's
page count is read from its own PDF (a paper starts on a new page and has the same page
setup in the dossier as alone, so it takes as many pages there) and the fields' shown
values are those numbers; without a PDF the shown values are empty and the file asks the
word processor to update its fields on opening (w:updateFields).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from mediate.errors import MediateError
from mediate.i18n import _

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_BOOKMARK_ID_BASE = 9000
# CT_PPr children that come before w:pageBreakBefore (ECMA-376 part 1, 17.3.1.26)
_BEFORE_PAGE_BREAK = ("pStyle", "keepNext", "keepLines")
# CT_Settings children that come after w:updateFields (ECMA-376 part 1, 17.15.1.78)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def bookmark(number: int) -> str:
    """The bookmark where paper `number` (1-based) starts; the contents point at it."""
    return f"paper_{number}"


def _parse(data: bytes, part: str) -> tuple[dict[str, bytes], object]:
    from lxml import etree  # type: ignore[import-untyped]

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        root = etree.fromstring(members[part], etree.XMLParser(resolve_entities=False))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise MediateError(_("not a Word document ({error})").format(error=exc)) from exc
    return members, root


def paper_body(data: bytes) -> list[object] | None:
    """The block elements of a rendered paper's body, ready to append to the dossier;
    None when the paper refers to parts of its own package (pictures, links, embedded
    objects) that the dossier does not carry."""
    _members, root = _parse(data, "word/document.xml")
    body = root.find(_w("body"))  # type: ignore[attr-defined]
    if body is None:
        raise MediateError(_("not a Word document (no body)"))
    blocks = [child for child in body if child.tag != _w("sectPr")]
    for block in blocks:
        for element in block.iter():
            if element.tag in (_w("headerReference"), _w("footerReference")):
                continue  # an inner section's own, removed below
            if any(name.startswith(f"{{{R}}}") for name in element.attrib):
                return None
    for block in blocks:
        for old in [*block.iter(_w("bookmarkStart")), *block.iter(_w("bookmarkEnd"))]:
            old.getparent().remove(old)  # ids and names must be unique in the dossier
        for section in block.iter(_w("sectPr")):  # an inner section break: its own footers
            for ref in [
                *section.findall(_w("headerReference")),
                *section.findall(_w("footerReference")),
            ]:
                section.remove(ref)
    return blocks


def _first_paragraph(blocks: list[object], new_page: bool) -> object:
    """The paragraph a paper starts with (one is added before a leading table), set to
    begin a new page."""
    from lxml import etree

    first = blocks[0] if blocks else None
    if first is None or first.tag != _w("p"):  # type: ignore[attr-defined]
        first = etree.Element(_w("p"))
        blocks.insert(0, first)
    if new_page:
        ppr = first.find(_w("pPr"))  # type: ignore[attr-defined]
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            first.insert(0, ppr)  # type: ignore[attr-defined]
        if ppr.find(_w("pageBreakBefore")) is None:
            at = 0
            for i, child in enumerate(ppr):
                if etree.QName(child).localname in _BEFORE_PAGE_BREAK:
                    at = i + 1
            ppr.insert(at, etree.Element(_w("pageBreakBefore")))
    return first


def _mark(paragraph: object, number: int) -> None:
    from lxml import etree

    start = etree.Element(_w("bookmarkStart"))
    start.set(_w("id"), str(_BOOKMARK_ID_BASE + number))
    start.set(_w("name"), bookmark(number))
    end = etree.Element(_w("bookmarkEnd"))
    end.set(_w("id"), str(_BOOKMARK_ID_BASE + number))
    ppr = paragraph.find(_w("pPr"))  # type: ignore[attr-defined]
    at = 1 if ppr is not None else 0
    paragraph.insert(at, start)  # type: ignore[attr-defined]
    paragraph.insert(at + 1, end)  # type: ignore[attr-defined]


def compose(cover: bytes, papers: Sequence[list[object]], update_fields: bool) -> bytes:
    """The dossier: the rendered cover and contents, then each paper's blocks (from
    `paper_body`) on a new page with its bookmark. `update_fields`: ask Word/WPS to
    compute the page references when the file is opened (their values are not known)."""
    from lxml import etree

    members, root = _parse(cover, "word/document.xml")
    body = root.find(_w("body"))  # type: ignore[attr-defined]
    last = body[-1] if len(body) and body[-1].tag == _w("sectPr") else None
    for number, blocks in enumerate(papers, start=1):
        blocks = list(blocks)
        # the first paper opens the numbered section, which already starts a new page
        _mark(_first_paragraph(blocks, new_page=number > 1), number)
        for block in blocks:
            if last is not None:
                last.addprevious(block)
            else:
                body.append(block)
    members["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    if update_fields:
        members["word/settings.xml"] = _with_update_fields(members["word/settings.xml"])
    return _zip(members)


def _with_update_fields(settings: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(settings, etree.XMLParser(resolve_entities=False))
    if root.find(_w("updateFields")) is None:
        flag = etree.Element(_w("updateFields"))
        flag.set(_w("val"), "true")
        following = [c for c in root if etree.QName(c).localname in _AFTER_UPDATE_FIELDS]
        if following:
            following[0].addprevious(flag)
        else:
            root.append(flag)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _zip(members: dict[str, bytes]) -> bytes:
    """The package, `[Content_Types].xml` first; fixed dates, so the bytes (and the
    manifest's hash) depend only on the content."""
    out = io.BytesIO()
    names = sorted(members, key=lambda n: n != "[Content_Types].xml")  # stable: order kept
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, members[name])
    return out.getvalue()


# a dictionary without nested ones (a page tree node's Kids are references, not
# dictionaries) that is a /Pages node, /Count wherever it stands in it
_PAGES_NODE = re.compile(rb"<<((?:(?!<<|>>).)*?/Type\s*/Pages\b(?:(?!<<|>>).)*)>>", re.DOTALL)
_COUNT = re.compile(rb"/Count\s+(\d+)")


def pdf_pages(path: Path) -> int:
    """The number of pages of a PDF: the /Count of its page tree's root (the largest /Count
    of a /Pages node; LibreOffice writes them uncompressed), else what poppler's `pdfinfo`
    says when it is installed."""
    data = path.read_bytes()
    counts = [
        int(found.group(1))
        for node in _PAGES_NODE.finditer(data)
        if (found := _COUNT.search(node.group(1)))
    ]
    if counts:
        return max(counts)
    counted = _pdfinfo_pages(path)
    if counted is None:
        raise MediateError(
            _("{path}: cannot read the number of pages of this PDF.").format(path=path)
        )
    return counted


def _pdfinfo_pages(path: Path) -> int | None:
    import shutil
    import subprocess

    program = shutil.which("pdfinfo")
    if program is None:
        return None
    done = subprocess.run([program, str(path)], capture_output=True, text=True, check=False)
    found = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
    return int(found.group(1)) if found else None


def start_pages(counts: Sequence[int]) -> list[tuple[int, int]]:
    """(first, last) page of each paper in the numbered section, from their page counts."""
    spans, page = [], 1
    for count in counts:
        spans.append((page, page + count - 1))
        page += count
    return spans
