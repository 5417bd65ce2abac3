"""The one Jinja environment every template the tool renders goes through.

A clerk's template is code written by someone else: a `whitepaper.docx` or
`人民调解协议书.docx` dropped into the templates directory must not reach Python
(`{{ cycler.__init__.__globals__.os.popen('id').read() }}`). Case documents, the white
paper and any future template are therefore rendered by `template_environment()` only:
Jinja's immutable sandbox (no attribute starting with an underscore, no mutating methods,
no calls to unsafe callables), autoescape on (the output is WordprocessingML), every
printed value made text XML can hold (`cells.xml_text`: a vertical tab from Word would
make a document Word cannot open), undefined names an error. docxtpl is always handed
this environment through `render_docx`; an architecture test keeps any other
construction out of the package. What is written is parsed back first (`check_docx`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, nodes, pass_environment
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from mediate.cells import xml_text
from mediate.documents.chinese import integer_words, small_number
from mediate.errors import MediateError
from mediate.i18n import _


class RenderError(MediateError):
    """A template could not be rendered with a context."""


def cn_num(value: Any) -> str:
    """Jinja filter: 1 -> 一, 12 -> 十二, 132 -> 一百三十二 (numbering of terms, copies)."""
    number = int(value)
    if 0 < number < 100:
        return small_number(number)
    return integer_words(number)


# How much work one render of a template may do (review of 2026-12-03: two nested
# `range(100000)` loops hung `doc render` for ever). A case's papers loop over its parties,
# terms and sessions: tens of items, a few hundred kB of XML. Far past that is an attack.
MAX_RANGE = 10_000
"""Items one `range()` may have (Jinja's sandbox allows 100,000, each)."""
LOOP_BUDGET = 200_000
"""Loop iterations one render may take, every loop counted (nested loops multiply)."""
OUTPUT_BUDGET = 50_000_000
"""Characters one render may print, and the most a `*` may build."""


class TemplateBudgetError(SecurityError):
    """A template did more work than any document needs (MAX_RANGE, LOOP_BUDGET,
    OUTPUT_BUDGET): refused rather than left to run."""


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the work one render may do bounded: every `for`
    loop's iterable passes the `_counted` filter (added to each parsed template), which
    charges each item to `spent`; `range` is capped; `*` may not build more than
    OUTPUT_BUDGET; what is printed is counted. `start()` before each render."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.spent = 0
        self.printed = 0
        self.globals["range"] = self._range
        self.filters["_counted"] = _counted

    def start(self) -> None:
        self.spent = self.printed = 0

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None, lineno=loop.lineno)
        return tree

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateBudgetError(
                _("range() of {n} numbers: a template may count to {limit} at most").format(
                    n=len(numbers), limit=MAX_RANGE
                )
            )
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and not (isinstance(right, int | float) and abs(right) <= 64):
            raise TemplateBudgetError(_("a power above 64 in a template"))
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                if (
                    isinstance(sized, str | list | tuple)
                    and isinstance(times, int)
                    and len(sized) * times > OUTPUT_BUDGET
                ):
                    raise TemplateBudgetError(
                        _("a text or list of more than {limit} items built with *").format(
                            limit=OUTPUT_BUDGET
                        )
                    )
        return super().call_binop(context, operator, left, right)

    def charge(self, items: int = 1) -> None:
        self.spent += items
        if self.spent > LOOP_BUDGET:
            raise TemplateBudgetError(
                _("the template's loops ran more than {limit} times in one document").format(
                    limit=LOOP_BUDGET
                )
            )

    def charge_output(self, value: Any) -> None:
        self.printed += len(value) if isinstance(value, str) else 0
        if self.printed > OUTPUT_BUDGET:
            raise TemplateBudgetError(
                _("the template printed more than {limit} characters in one document").format(
                    limit=OUTPUT_BUDGET
                )
            )


@pass_environment
def _counted(env: BoundedEnvironment, iterable: Any) -> Any:
    for item in iterable:
        env.charge()
        yield item


@pass_environment
def _finalize(env: BoundedEnvironment, value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        value = xml_text(value)
    env.charge_output(value)
    return value


def template_environment() -> BoundedEnvironment:
    """The sandboxed environment for every template (see the module docstring)."""
    env = BoundedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
    env.filters["cn_num"] = cn_num
    return env


# What a template's package may hold once inflated: the bundled ones are under 100 kB, a
# clerk's with a letterhead picture a few MB; more is no letter (a zip bomb, a video).
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024


def read_template(path: Path) -> dict[str, bytes]:
    """Every member of a .docx template by name, read once for every path that opens one
    (`doc render`, `batch`, `templates`, `lint`, the dossier, the white paper): a file that
    is not a Word document — empty, not a zip, damaged, without word/document.xml — is the
    one RenderError naming it (exit 1), never the reader's own exception (review of
    2026-12-03: an empty application.docx made `doc templates` exit 3)."""
    from mediate.files import os_reason

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(
            _("template {path}: cannot be read: {error}").format(path=path, error=os_reason(exc))
        ) from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_TEMPLATE_BYTES:
                raise RenderError(
                    _("template {path}: more than {mb} MB once unpacked: no letter is").format(
                        path=path, mb=MAX_TEMPLATE_BYTES // (1024 * 1024)
                    )
                )
            members = {info.filename: archive.read(info) for info in infos}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error,
            ValueError) as exc:  # fmt: skip
        raise RenderError(not_a_document(path, str(exc) or type(exc).__name__)) from exc
    if "word/document.xml" not in members:
        raise RenderError(not_a_document(path, _("it has no word/document.xml")))
    return members


def not_a_document(path: Path, why: str) -> str:
    """The message for a template file that is no Word document."""
    return _(
        "template {path}: not a Word document (.docx, a zip package Word writes): {why}"
    ).format(path=path, why=why)


def template_message(path: Path, error: object, part: str = "", source: str = "") -> str:
    """What went wrong in a template, in the catalog's words, naming the file and, where
    Jinja tells the line, the paragraph and its text (`part`: the package member; `source`:
    the text compiled, a paragraph a line, as render.PreparedTemplate compiles it); Jinja's
    or Python's own words follow in brackets (review of 2026-12-03 item 3)."""
    where = _where(error, part, source) if isinstance(error, BaseException) else ""
    return _("template {name}{where}: {error}").format(
        name=path.name, where=where, error=_what(error)
    )


def _what(error: object) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError

    if not isinstance(error, BaseException) or isinstance(error, TemplateBudgetError):
        return str(error)
    if isinstance(error, TemplateSyntaxError):
        return _("Jinja syntax error ({error})").format(error=error.message)
    if isinstance(error, UndefinedError):
        return _(
            "a name the document's data does not have ({error}; `mediate doc templates` "
            "lists the names)"
        ).format(error=error)
    if isinstance(error, SecurityError):
        return _(
            "it reaches past the document's data into Python, which templates may not ({error})"
        ).format(error=error)
    if isinstance(error, TemplateError):
        return _("template error ({error})").format(error=error)
    return _("the template failed ({error})").format(error=f"{type(error).__name__}: {error}")


def _where(error: BaseException, part: str, source: str) -> str:
    """`, 正文第 3 段（{{ nope }}）`: the paragraph of the line Jinja names, when it does."""
    import html
    import re

    line = getattr(error, "lineno", None)
    traceback = error.__traceback__
    while traceback is not None:  # Jinja rewrites a render's frames to the template's lines
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    lines = source.split("\n")
    if not line or not source or line > len(lines):
        return ""
    paragraph = sum(1 for text in lines[:line] if text.startswith("<w:p"))
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1])).strip()[:60]
    label = {"word/document.xml": _("the document's body")}.get(part) or part.removeprefix("word/")
    return _(", {part} paragraph {n} ({text})").format(part=label, n=paragraph, text=text)


def render_docx(path: Path, context: dict[str, Any]) -> Any:
    """A .docx template rendered whole by docxtpl in the sandbox: the `DocxTemplate`
    (its `.docx` is the python-docx document). Any failure of the template — unsafe
    access, syntax, undefined name, or anything else a template can raise — is a
    RenderError naming the template."""
    from docxtpl import DocxTemplate

    read_template(path)
    try:
        document = DocxTemplate(str(path))
        env = template_environment()
        env.start()
        document.render(context, jinja_env=env, autoescape=True)
    except TemplateError as exc:
        raise RenderError(template_message(path, exc)) from exc
    except Exception as exc:  # a template is someone else's code: any error is theirs
        raise RenderError(template_message(path, exc)) from exc
    return document


def check_docx(path: Path) -> None:
    """A written .docx opened again with python-docx (every XML part parsed) before it is
    reported written; RenderError if Word could not open it either."""
    import docx

    try:
        docx.Document(str(path))
    except Exception as exc:  # python-docx, lxml and zipfile each raise their own
        raise RenderError(
            _("{path}: the document written is not one Word can open: {error}").format(
                path=path.name, error=exc
            )
        ) from exc
