"""`doc lint`: what goes wrong in a clerk's edited template, found before it renders.

- Jinja syntax errors (with the paragraph's text);
- tags split across Word runs (Word inserts run boundaries when a tag is typed in pieces,
  spell-checked or partly formatted; docxtpl can often repair them, but not always);
- variables that are not in the documented context (`kinds.CONTEXT`), top level and
  fields of the documented objects, including loop variables over party lists;
- access to attributes starting with an underscore (`__class__`, `__globals__`, also through
  `|attr(...)` or `x["__init__"]`), the other attributes Jinja's sandbox refuses, and the
  globals that serve only to reach Python from a template (`cycler`, `joiner`, `lipsum`,
  `self`): the sandbox refuses them at render time, lint says so before;
- runs of text for which neither the run, its styles nor the document defaults name an East
  Asian font (Word and WPS would pick one themselves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from jinja2 import TemplateSyntaxError, meta, nodes
from jinja2.sandbox import (
    UNSAFE_ASYNC_GENERATOR_ATTRIBUTES,
    UNSAFE_COROUTINE_ATTRIBUTES,
    UNSAFE_FUNCTION_ATTRIBUTES,
    UNSAFE_GENERATOR_ATTRIBUTES,
    UNSAFE_METHOD_ATTRIBUTES,
)

from mediate.documents.kinds import CONTEXT, PARTY_FIELDS
from mediate.documents.sandbox import (
    LOOP_BUDGET,
    MAX_RANGE,
    RenderError,
    not_a_document,
    read_template,
    template_environment,
)
from mediate.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_JINJA_GLOBALS = {"loop", "range", "lipsum", "dict", "cycler", "joiner", "namespace"}
# Objects whose only use in a document template is as a way into Python (their
# `__init__.__globals__` reaches modules): documents need none of them.
_UNSAFE_GLOBALS = {"cycler", "joiner", "lipsum", "self"}
# What jinja2.sandbox refuses besides underscore names (frames, code, globals of
# functions, generators and coroutines; `mro`).
_UNSAFE_ATTRIBUTES = (
    UNSAFE_FUNCTION_ATTRIBUTES
    | UNSAFE_METHOD_ATTRIBUTES
    | UNSAFE_GENERATOR_ATTRIBUTES
    | UNSAFE_COROUTINE_ATTRIBUTES
    | UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
    | {"mro"}
)


@dataclass
class LintIssue:
    file: str
    where: str
    code: str  # syntax | split-tag | unknown-variable | unsafe | east-asian-font | not-docx
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}"


def lint_path(path: Path) -> list[LintIssue]:
    """Lint one .docx, or every .docx in a directory."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.docx") if not p.name.startswith("~$"))
        return [issue for f in files for issue in lint_file(f)]
    return lint_file(path)


@dataclass
class _Paragraph:
    style: str | None
    runs: list[tuple[str, Any]]  # (text, run element)


def _paragraphs(xml: bytes) -> list[_Paragraph]:
    root = ElementTree.fromstring(xml)
    result = []
    for para in root.iter(f"{W}p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        runs = []
        for run in para.iter(f"{W}r"):
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            runs.append((text, run))
        result.append(_Paragraph(style.get(f"{W}val") if style is not None else None, runs))
    return result


class _StyleFonts:
    """Whether a style (through basedOn), or the document defaults, name an East Asian font."""

    def __init__(self, styles_xml: bytes | None) -> None:
        self.fonts: dict[str, bool] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self.defaults = False
        if styles_xml is None:
            return
        root = ElementTree.fromstring(styles_xml)
        self.defaults = _names_east_asian(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId") or ""
            self.fonts[style_id] = _names_east_asian(style.find(f"{W}rPr"))
            based = style.find(f"{W}basedOn")
            if based is not None:
                self.based_on[style_id] = based.get(f"{W}val") or ""
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") == "1":
                self.default_paragraph = style_id

    def style_names_one(self, style_id: str | None) -> bool:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            if self.fonts.get(style_id):
                return True
            seen.add(style_id)
            style_id = self.based_on.get(style_id)
        return False

    def run_has_one(self, run: Any, paragraph_style: str | None) -> bool:
        if _names_east_asian(run.find(f"{W}rPr")):
            return True
        run_style = run.find(f"{W}rPr/{W}rStyle")
        if run_style is not None and self.style_names_one(run_style.get(f"{W}val")):
            return True
        return self.style_names_one(paragraph_style or self.default_paragraph) or self.defaults


def _names_east_asian(rpr: Any) -> bool:
    fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
    return fonts is not None and bool(fonts.get(f"{W}eastAsia") or fonts.get(f"{W}eastAsiaTheme"))


def lint_file(path: Path) -> list[LintIssue]:
    name = path.name
    try:
        members = read_template(path)
        parts = {n: xml for n, xml in members.items() if _PARTS.match(n)}
        styles = _StyleFonts(members.get("word/styles.xml"))
    except (RenderError, ElementTree.ParseError) as exc:
        return [LintIssue(name, "-", "not-docx", _not_docx(path, exc))]
    issues: list[LintIssue] = []
    for part, xml in sorted(parts.items()):
        label = part.removeprefix("word/").removesuffix(".xml")
        try:
            paragraphs = _paragraphs(xml)
        except ElementTree.ParseError as exc:
            return [LintIssue(name, label, "not-docx", _not_docx(path, exc))]
        issues += _split_tags(name, label, paragraphs)
        issues += _fonts(name, label, paragraphs, styles)
    issues += _template_checks(path)
    return issues


def _not_docx(path: Path, exc: Exception) -> str:
    """The message `read_template` gives (the one every command gives), or its wording for
    a part that is not XML."""
    return str(exc) if isinstance(exc, RenderError) else not_a_document(path, str(exc))


def _split_tags(file: str, part: str, paragraphs: list[_Paragraph]) -> list[LintIssue]:
    issues = []
    for number, paragraph in enumerate(paragraphs, start=1):
        runs = paragraph.runs
        bounds, offset = [], 0
        for text, _run in runs:
            bounds.append((offset, offset + len(text)))
            offset += len(text)
        whole = "".join(text for text, _run in runs)
        for match in _TAG.finditer(whole):
            spanned = [b for b in bounds if b[0] < match.end() and b[1] > match.start()]
            if len(spanned) > 1:
                issues.append(
                    LintIssue(
                        file,
                        _("{part} paragraph {n}").format(part=part, n=number),
                        "split-tag",
                        _(
                            "tag {tag} is split across {runs} Word runs; delete it and type it "
                            "again in one go, without formatting inside it"
                        ).format(tag=match.group(0), runs=len(spanned)),
                    )
                )
    return issues


def _fonts(
    file: str, part: str, paragraphs: list[_Paragraph], styles: _StyleFonts
) -> list[LintIssue]:
    """Runs of text for which neither the run, its styles nor the defaults name an East
    Asian font."""
    issues = []
    for number, paragraph in enumerate(paragraphs, start=1):
        for text, run in paragraph.runs:
            if text.strip() and not styles.run_has_one(run, paragraph.style):
                issues.append(
                    LintIssue(
                        file,
                        _("{part} paragraph {n}").format(part=part, n=number),
                        "east-asian-font",
                        _("the run {text!r} names no East Asian font").format(text=text[:40]),
                        error=False,
                    )
                )
    return issues


def _parsed(path: Path) -> tuple[list[Any], list[LintIssue]]:
    """The Jinja syntax trees of the templated parts, as docxtpl will see them."""
    from docxtpl import DocxTemplate

    env = template_environment()
    read_template(path)  # a file that is no .docx: the one message (RenderError, exit 1)
    document = DocxTemplate(str(path))
    document.init_docx()
    sources = {"document": document.patch_xml(document.get_xml())}
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _key, part in document.get_headers_footers(uri):
            sources[part.partname.split("/")[-1].removesuffix(".xml")] = document.patch_xml(
                document.get_part_xml(part)
            )
    trees, issues = [], []
    for label, source in sources.items():
        try:
            trees.append(env.parse(source))
        except TemplateSyntaxError as exc:
            lines = source.splitlines()
            line = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
            text = re.sub(r"<[^>]+>", "", line)[:120]
            issues.append(
                LintIssue(
                    path.name,
                    label,
                    "syntax",
                    _("Jinja syntax error: {error} (near: {text})").format(
                        error=exc.message, text=text
                    ),
                )
            )
    return trees, issues


def _template_checks(path: Path) -> list[LintIssue]:
    try:
        trees, issues = _parsed(path)
    except RenderError as exc:
        return [LintIssue(path.name, "-", "not-docx", str(exc))]
    except Exception as exc:  # docxtpl/python-docx cannot read it at all
        return [LintIssue(path.name, "-", "not-docx", not_a_document(path, _error_text(exc)))]
    for tree in trees:
        issues += _unsafe(path.name, tree)
        issues += _unbounded(path.name, tree)
        for name in sorted(meta.find_undeclared_variables(tree) - set(CONTEXT) - _JINJA_GLOBALS):
            issues.append(
                LintIssue(
                    path.name,
                    name,
                    "unknown-variable",
                    _(
                        "{name!r} is not in the documented context (see `mediate doc templates`)"
                    ).format(name=name),
                )
            )
        for dotted in sorted(_unknown_fields(tree)):
            issues.append(
                LintIssue(
                    path.name,
                    dotted,
                    "unknown-variable",
                    _("{name!r} is not a documented field").format(name=dotted),
                )
            )
    return issues


def _range_length(node: nodes.Node) -> int | None:
    """How many numbers a `range(...)` of constants counts (None: not one, or not constant)."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        return None
    if node.node.name != "range" or node.kwargs or node.dyn_args or node.dyn_kwargs:
        return None
    if not all(isinstance(a, nodes.Const) and isinstance(a.value, int) for a in node.args):
        return None
    try:
        return len(range(*(a.value for a in node.args)))  # type: ignore[attr-defined]
    except (TypeError, ValueError, OverflowError):
        return None


def _unbounded(file: str, tree: nodes.Template) -> list[LintIssue]:
    """`range()`s past the sandbox's MAX_RANGE, and loops nested over constant ranges whose
    iterations together pass LOOP_BUDGET: the render would be refused (review of
    2026-12-03: two nested range(100000) loops hung `doc render`)."""
    issues = []
    for call in tree.find_all(nodes.Call):
        n = _range_length(call)
        if n is not None and n > MAX_RANGE:
            issues.append(
                LintIssue(
                    file,
                    f"range ({n})",
                    "unbounded",
                    _("range() counts {n} numbers; a template may count to {limit} at most").format(
                        n=n, limit=MAX_RANGE
                    ),
                )
            )

    def nested(node: nodes.Node, outer: int) -> None:
        for child in node.iter_child_nodes():
            if not isinstance(child, nodes.For):
                nested(child, outer)
                continue
            inner = child.iter.node if isinstance(child.iter, nodes.Filter) else child.iter
            n = _range_length(inner) if inner is not None else None
            total = outer * (n or 1)
            if n is not None and outer > 1 and total > LOOP_BUDGET:
                issues.append(
                    LintIssue(
                        file,
                        _("template line {n}").format(n=child.lineno),
                        "unbounded",
                        _("nested loops run {n} times; a document may take {limit} at most").format(
                            n=total, limit=LOOP_BUDGET
                        ),
                    )
                )
                continue
            nested(child, total)

    nested(tree, 1)
    return issues


def _error_text(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def _unsafe_attribute(name: object) -> bool:
    return isinstance(name, str) and (name.startswith("_") or name in _UNSAFE_ATTRIBUTES)


def _unsafe(file: str, tree: nodes.Template) -> list[LintIssue]:
    """Underscore and other sandbox-refused attributes, and the unsafe globals."""
    found: list[tuple[str, str]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
        if isinstance(node, nodes.Getattr) and _unsafe_attribute(node.attr):
            found.append((f".{node.attr}", _("attribute {name!r}").format(name=node.attr)))
        elif (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and _unsafe_attribute(node.arg.value)
        ):
            found.append((f"[{node.arg.value!r}]", _("item {name!r}").format(name=node.arg.value)))
        elif isinstance(node, nodes.Filter) and node.name == "attr":
            names = [a.value for a in node.args if isinstance(a, nodes.Const)]
            if any(_unsafe_attribute(n) for n in names):
                found.append(("|attr", _("attribute {name!r}").format(name=names[0])))
        elif isinstance(node, nodes.Name) and node.name in _UNSAFE_GLOBALS:
            found.append((node.name, _("global {name!r}").format(name=node.name)))
    return [
        LintIssue(
            file,
            where,
            "unsafe",
            _(
                "{what} reaches past the document's data into Python; templates may use "
                "only the documented context (the sandbox refuses it when rendering)"
            ).format(what=what),
        )
        for where, what in found
    ]


def _fields_of(schema: Any) -> tuple[str, ...] | None:
    if isinstance(schema, list):
        return None
    return schema if isinstance(schema, tuple) else None


def _item_fields(iterable: nodes.Node, scope: dict[str, Any]) -> tuple[str, ...] | None:
    """Fields of the items of a loop over a documented party list."""
    if isinstance(iterable, nodes.Filter) and iterable.name == "_counted" and iterable.node:
        iterable = iterable.node  # the sandbox's count of loop iterations (BoundedEnvironment)
    if isinstance(iterable, nodes.Name) and isinstance(CONTEXT.get(iterable.name), list):
        return PARTY_FIELDS
    return None


def _walk(node: nodes.Node, scope: dict[str, tuple[str, ...]], found: set[str]) -> None:
    if isinstance(node, nodes.For):
        inner = dict(scope)
        fields = _item_fields(node.iter, scope)
        if isinstance(node.target, nodes.Name):
            if fields is not None:
                inner[node.target.name] = fields
            else:
                inner.pop(node.target.name, None)
        _walk(node.iter, scope, found)
        for child in [*node.body, *node.else_]:
            _walk(child, inner, found)
        return
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        fields = scope.get(node.node.name)
        if fields is not None and node.attr not in fields:
            found.add(f"{node.node.name}.{node.attr}")
    for child in node.iter_child_nodes():
        _walk(child, scope, found)


def _unknown_fields(tree: nodes.Template) -> set[str]:
    scope = {name: fields for name, s in CONTEXT.items() if (fields := _fields_of(s))}
    found: set[str] = set()
    _walk(tree, scope, found)
    return found


def used_variables(path: Path) -> list[str]:
    """Names and dotted fields a template uses, for `doc templates` (`case.cause`, not
    also `case`)."""
    try:
        trees, _issues = _parsed(path)
    except RenderError:
        raise
    except Exception as exc:  # docxtpl/python-docx cannot read it at all
        raise RenderError(not_a_document(path, _error_text(exc))) from exc
    used: set[str] = set()
    for tree in trees:
        used |= meta.find_undeclared_variables(tree) - _JINJA_GLOBALS
        for node in tree.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name in CONTEXT:
                used.add(f"{node.node.name}.{node.attr}")
    parents = {name.partition(".")[0] for name in used if "." in name}
    return sorted(used - parents)
