"""Rendering .docx templates: prepared once, rendered many times, on idle cores when it pays.

docxtpl re-reads the package, re-patches the XML and re-compiles the Jinja template on
every render, and python-docx re-serialises every part on save. A `PreparedTemplate` does
that work once: it keeps docxtpl's patched body XML compiled as a Jinja template and the
other parts of the package as bytes; each render is then one Jinja render, docxtpl's own
post-processing of the result, and one zip write. The output has the same text as
docxtpl's (tests compare them).

Templates are always compiled by `sandbox.template_environment()`: autoescape on, Jinja's
immutable sandbox, undefined names an error (never a silently blank field).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from mediate.cpus import usable_cpus
from mediate.documents.sandbox import (
    RenderError,
    not_a_document,
    read_template,
    render_docx,
    template_environment,
    template_message,
)
from mediate.files import os_reason, write_atomically
from mediate.i18n import _

_BODY = re.compile(r"<w:body\b.*</w:body>", re.DOTALL)
_PARAGRAPH_BREAK = re.compile(r"<w:p([ >])")
# headers, footers and the core properties (title, author, created) are Jinja too
_TEMPLATED_PART = re.compile(r"^(word/(header|footer)\d*|docProps/core)\.xml$")
_LISTING_CHARS = ("\t", "\a", "\n", "\f")


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class PreparedPart:
    prefix: str
    template: Any  # jinja2.Template
    suffix: str
    tables: bool = False  # the body has tables: widen their grids as docxtpl does
    source: str = ""  # what was compiled, a paragraph a line: errors name the paragraph


class PreparedTemplate:
    """A .docx template parsed and compiled once, ready to render many contexts."""

    def __init__(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        self.path = path
        raw = read_template(path)
        self.sha256 = file_sha256(path)
        self.env = template_environment()
        try:
            document = raw["word/document.xml"].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RenderError(not_a_document(path, str(exc))) from exc
        match = _BODY.search(document)
        if match is None:
            raise RenderError(not_a_document(path, _("its word/document.xml has no body")))
        self._docxtpl = DocxTemplate(str(path))  # for its XML clean-up; never loaded
        self.parts: dict[str, PreparedPart] = {}
        body = self._docxtpl.patch_xml(_body_xml(path, raw["word/document.xml"]))
        self.parts["word/document.xml"] = self._part(
            "word/document.xml", body, document[: match.start()], document[match.end() :]
        )
        for name, blob in raw.items():
            text = blob.decode("utf-8") if _TEMPLATED_PART.match(name) else ""
            if "{{" in text or "{%" in text:
                self.parts[name] = self._part(name, self._docxtpl.patch_xml(text))
        # The parts that do not change are compressed once, here, not once per document.
        self.members: list[tuple[str, _Entry | None]] = [
            (name, None if name in self.parts else _Entry.deflate(name, blob))
            for name, blob in raw.items()
        ]

    def _part(self, name: str, xml: str, prefix: str = "", suffix: str = "") -> PreparedPart:
        source = _PARAGRAPH_BREAK.sub(r"\n<w:p\1", xml)
        try:
            template = self.env.from_string(source)
        except TemplateError as exc:
            raise RenderError(template_message(self.path, exc, name, source)) from exc
        tables = name == "word/document.xml" and "<w:tbl" in xml
        return PreparedPart(prefix, template, suffix, tables, source)

    def render_bytes(self, context: dict[str, Any]) -> bytes:
        """The rendered .docx as bytes; RenderError naming the template, the paragraph and
        what went wrong when the template fails (a clerk's template is code: any error)."""
        self.env.start()  # each document has the whole budget (sandbox.LOOP_BUDGET)
        rendered = {}
        for name, part in self.parts.items():
            try:
                rendered[name] = part.prefix + self._render_xml(part, context) + part.suffix
            except Exception as exc:
                raise RenderError(template_message(self.path, exc, name, part.source)) from exc
        for name, xml in rendered.items():
            check_xml(name, xml)
        return _zip(
            entry or _Entry.deflate(name, rendered[name].encode("utf-8"), level=1)
            for name, entry in self.members
        )

    def _render_xml(self, part: PreparedPart, context: dict[str, Any]) -> str:
        # the newlines are only ours (inserted before <w:p at compile time; data is escaped)
        xml = part.template.render(context).replace("\n<w:p", "<w:p")
        xml = (
            xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        )
        if any(c in xml for c in _LISTING_CHARS):
            xml = self._docxtpl.resolve_listing(xml)
        if part.tables:  # column loops ({%tc %}) change the cell count of a row
            from lxml import etree  # type: ignore[import-untyped]

            xml = etree.tostring(self._docxtpl.fix_tables(xml), encoding="unicode")
        return str(xml)


def check_xml(name: str, xml: str) -> None:
    """A rendered part parsed back before the document is written: the other parts are
    the template's own bytes, so a document whose rendered parts parse is one Word opens."""
    from lxml import etree

    try:
        etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        raise RenderError(
            _(
                "the rendered {part} is not well-formed XML (Word could not open it): {error}"
            ).format(part=name, error=exc)
        ) from exc


@dataclass(frozen=True)
class _Entry:
    """One deflated member of a zip archive, ready to be written as is."""

    name: bytes
    crc: int
    size: int
    data: bytes

    @classmethod
    def deflate(cls, name: str, blob: bytes, level: int = 6) -> _Entry:
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        data = packer.compress(blob) + packer.flush()
        return cls(name.encode("utf-8"), zlib.crc32(blob), len(blob), data)


_DOS_DATE = (1 << 5) | 1  # 1980-01-01: output bytes depend only on the content


def _zip(entries: Iterable[_Entry]) -> bytes:
    """A zip archive of pre-deflated members (PKWARE APPNOTE: local headers, directory)."""
    body, directory, count = bytearray(), bytearray(), 0
    for e in entries:
        offset = len(body)
        common = (8, 0, _DOS_DATE, e.crc, len(e.data), e.size, len(e.name))
        body += struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", 20, 0, *common, 0) + e.name + e.data
        directory += (
            struct.pack(
                "<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, 20, 0, *common, 0, 0, 0, 0, 0, offset
            )
            + e.name
        )
        count += 1
    end = struct.pack("<4sHHHHLLH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def _body_xml(path: Path, document: bytes) -> str:
    """The <w:body> element as docxtpl sees it (python-docx's parser settings, lxml output)."""
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as exc:
        raise RenderError(not_a_document(path, str(exc))) from exc
    body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
    return str(etree.tostring(body, encoding="unicode"))


@dataclass
class Job:
    """One document to produce: the context and where it goes. `key` identifies it (case id)."""

    key: Any
    context: dict[str, Any]
    path: Path


@dataclass
class Rendered:
    key: Any
    path: Path | None
    sha256: str = ""
    error: str = ""
    title: str = ""  # the title the paper carries (its context's), as recorded


def document_event(
    kind_id: str, rendered: Rendered, drafted_on: dt.date | None = None
) -> dict[str, str]:
    """A document event's `after`: the kind, the file, its checksum, the title printed
    on it (the body's when it was made: a later transfer does not change the paper) and,
    for the application, the date printed on it (`drafted_on`, since migration 0021)."""
    after = {"kind": kind_id, "path": str(rendered.path), "sha256": rendered.sha256}
    if rendered.title:
        after["title"] = rendered.title
    if drafted_on is not None:
        after["drafted_on"] = drafted_on.isoformat()
    return after


_prepared: dict[tuple[str, float], PreparedTemplate] = {}


def prepared(path: Path) -> PreparedTemplate:
    """The prepared template for a file, cached per process (and per modification)."""
    key = (str(path), path.stat().st_mtime)
    if key not in _prepared:
        _prepared[key] = PreparedTemplate(path)
    return _prepared[key]


def render_job(template: PreparedTemplate, job: Job) -> Rendered:
    try:
        data = template.render_bytes(job.context)
    except RenderError as exc:  # a clerk's template is code: any error stops this document only
        return Rendered(job.key, None, error=str(exc))
    try:  # a file that cannot be written (a directory in its place, a full disk) fails it only
        write_atomically(job.path, data)
    except OSError as exc:
        error = _("Cannot write {path}: {error}").format(path=job.path, error=os_reason(exc))
        return Rendered(job.key, None, error=error)
    title = job.context.get("title")
    digest = hashlib.sha256(data).hexdigest()
    return Rendered(job.key, job.path, digest, title=title if isinstance(title, str) else "")


# The batch a forked pool renders: set in the parent just before the workers fork, so they
# inherit the prepared template and every job's context instead of receiving them pickled
# (pickling and unpickling a job cost about 80 µs, a twelfth of rendering it, the pickling
# in this process while the workers wait). Workers get index ranges.
_forked_batch: tuple[PreparedTemplate, Sequence[Job]] | None = None


def _render_range(start: int, stop: int) -> list[Rendered]:
    assert _forked_batch is not None, "a document worker started without its batch"
    template, jobs = _forked_batch
    return [render_job(template, job) for job in jobs[start:stop]]


POOL_FROM = 50
"""Documents per worker below which a batch stays in one process. Measured (benchmarks/
RESULTS.md, "Documents, 2026-12-01"): on an idle two-core machine a document costs about
1.1 ms of CPU to render and write, and a pool of two paid from 100 documents (1.12× the
wall time of one process at 100, 1.61× at 400 and 1,000) for 50-160 ms of CPU of its
own: two workers halve about 1.1 ms a document against 40-50 ms of wall time that the
pool adds (its wall time less half the one process's, at 100 and 400 documents), so
they break even at 80-100 documents. Under load the idle-core rule keeps one process."""


def pool_workers(
    documents: int, requested: int | None, cores: int, can_fork: bool, busy: float = 0.0
) -> int:
    """How many processes render a batch of `documents`: 1 (this one) unless a pool pays.

    `requested`: --workers, capped at `cores`, the cores this process may run on (None:
    as many as are idle: `busy` is how many other processes are running, the load average
    less this one). A pool needs fork: a spawned worker starts a fresh interpreter and
    imports the renderer before its first document (not measured: no such platform here).
    """
    idle = max(1, int(cores - busy + 0.5))
    workers = min(requested, cores) if requested else idle
    workers = max(1, min(workers, documents // POOL_FROM))  # POOL_FROM documents each
    return workers if can_fork else 1


def _busy_cores() -> float:
    """Runnable processes besides this one, from the 1-minute load average (0 where the
    platform has none)."""
    try:
        return max(0.0, os.getloadavg()[0] - 1)
    except (AttributeError, OSError):
        return 0.0


def render_jobs(
    template_path: Path,
    jobs: Sequence[Job],
    workers: int | None = None,
    advance: Any = None,
) -> list[Rendered]:
    """Render every job; over a pool of forked processes when that pays (`pool_workers`).

    `workers`: the most processes to use (None: as many as pay). `advance(n)` is called as
    documents finish (a progress bar). Results keep the jobs' order.
    """
    template = prepared(template_path)
    can_fork = hasattr(os, "fork")  # multiprocessing has its fork start method where os does
    count = pool_workers(len(jobs), workers, usable_cpus(), can_fork, _busy_cores())
    if count <= 1:
        results = []
        for job in jobs:
            results.append(render_job(template, job))
            if advance:
                advance(1)
        return results
    return _render_forked(template, jobs, count, _fork_context(), advance)


def _render_forked(
    template: PreparedTemplate, jobs: Sequence[Job], workers: int, context: Any, advance: Any
) -> list[Rendered]:
    global _forked_batch
    from concurrent.futures import ProcessPoolExecutor  # with multiprocessing: 10-30 ms

    size = max(1, min(50, len(jobs) // (workers * 4)))
    results: list[Rendered] = []
    _forked_batch = (template, jobs)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                pool.submit(_render_range, start, min(start + size, len(jobs)))
                for start in range(0, len(jobs), size)
            ]
            for future in futures:
                chunk = future.result()
                results += chunk
                if advance:
                    advance(len(chunk))
    finally:
        _forked_batch = None
    return results


def _fork_context() -> Any:
    import multiprocessing

    return multiprocessing.get_context("fork")


# Path separators and what Windows refuses, control characters, and the bidirectional
# controls (U+200E/F, U+202A-202E, U+2066-2069, U+061C) that make a name read differently
# from what it is (`Trojan Source`, CVE-2021-42574: "…\u202excod.exe" shows as "exe.docx").
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+')


def safe_filename(*parts: object, suffix: str = ".docx", limit: int = 150) -> str:
    """A file name from data: no path separators, no characters Windows refuses, bounded."""
    stem = "-".join(_UNSAFE.sub("_", str(p)).strip(" ._") for p in parts if str(p).strip())
    stem = stem.strip(" .") or "document"
    while len(stem.encode("utf-8")) > limit:
        stem = stem[:-1]
    return stem + suffix


def document_filename(kind_title: str, context: dict[str, Any]) -> str:
    """`12-司法确认申请书-张三等.docx`: case id, title, first party (safe for any name).

    The title is the document's own (an agreement of a court's docking centre is a
    调解协议书); a credit notice is named after the enterprise it concerns."""
    kind_title = context.get("title") or kind_title
    parties = context.get("parties") or []
    if context.get("kind") == "credit_notice":
        parties = context.get("credit_subjects") or parties
    who = parties[0]["name"] + ("等" if len(parties) > 1 else "") if parties else ""
    if context.get("kind") == "notice":  # one notice per session: its day tells them apart
        return safe_filename(context["case"]["id"], kind_title, context["session"]["date"], who)
    return safe_filename(context["case"]["id"], kind_title, who)


def bundled_template(kind_id: str) -> Path:
    from mediate.documents.kinds import KINDS
    from mediate.resources import templates_dir

    return templates_dir() / KINDS[kind_id].template


def render_batch(
    kind: str,
    contexts: Sequence[dict[str, Any]],
    out_dir: Path,
    workers: int | None = 2,
    template: Path | None = None,
) -> list[Path]:
    """Render one document per context with the prepared-template path, on `workers` cores.

    The entry point for benchmarks: contexts come from `documents.context.build_context`.
    Raises RenderError on the first document that fails.
    """
    from mediate.documents.kinds import kind_named

    found = kind_named(kind)
    jobs = [Job(i, c, out_dir / document_filename(found.title, c)) for i, c in enumerate(contexts)]
    results = render_jobs(template or bundled_template(found.id), jobs, workers)
    paths = []
    for result in results:
        if result.path is None:
            raise RenderError(result.error)
        paths.append(result.path)
    return paths


def docxtpl_loop(
    kind: str,
    contexts: Sequence[dict[str, Any]],
    out_dir: Path,
    template: Path | None = None,
) -> list[Path]:
    """The baseline: a plain docxtpl load-render-save loop over the same contexts."""
    from mediate.documents.kinds import kind_named

    found = kind_named(kind)
    source = template or bundled_template(found.id)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for context in contexts:
        document = render_docx(source, context)
        path = out_dir / document_filename(found.title, context)
        document.save(str(path))
        paths.append(path)
    return paths
