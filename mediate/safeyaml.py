"""The one YAML loader of the project: PyYAML's safe loader with limits.

Rules, dispute files, mapping files, holiday files, the network and the cause taxonomy are
written by people the tool does not control. Plain `yaml.safe_load` builds shared objects
for aliases, so a "billion laughs" file (ten aliases of ten aliases of ...) loads in a
blink, and then whatever walks the result walks 10^9 values for minutes with gigabytes;
a few thousand nested `[` exhaust Python's recursion. So every document is checked as it
is composed, before anything walks it:

- nesting deeper than MAX_DEPTH levels (counting through aliases);
- more than MAX_NODES values once aliases are expanded (counted without expanding them);
- an alias inside the node it names (a recursive structure).

The error is a `yaml.MarkedYAMLError`, so every caller reports it as it reports a syntax
error: file, line and column, and exit 1. Use `load`, `compose` or `Loader` from here,
never PyYAML's loaders directly (an architecture test checks).

`load` parses with libyaml (PyYAML's C parser) when the installed PyYAML has it, built
with libyaml 0.2.5 or later (`libyaml_usable`): the
pure-Python scanner was most of `mediate import`'s fixed start-up (the bundled rules,
network and taxonomy, about 20,000 values, issue 19 item 3). The C composer cannot be
hooked while it composes, so the whole document is composed first and then measured
with the same limits; that is safe because libyaml itself stops at 1,000 levels of
nesting and keeps aliases as shared nodes (nothing is expanded before the measure). Any
error on that path, limit or syntax, is raised again by the pure-Python loader, so a
clerk sees the same message at the same line and column either way. Older libyaml
releases accept other documents than the pure-Python parser does (the 0.2.x releases up
to 0.2.5 changed what plain scalars in flow collections may hold), and this path was
checked against 0.2.5 and later: with an older one, or one whose version cannot be read,
every document is read by the pure-Python loader, only more slowly.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from mediate import jsoncopy
from mediate.errors import ValidationError
from mediate.i18n import _

MAX_DEPTH = 64
MAX_NODES = 200_000
"""Far above any real file here (the bundled rules, network and taxonomy together hold
about 20,000 values), far below what takes noticeable time or memory to walk."""


class LimitError(ComposerError):
    """A YAML document over one of the limits; located like a syntax error."""


class _DateError(yaml.constructor.ConstructorError):
    """A date that is no real day; its problem is already in the interface language."""


class _TagError(yaml.constructor.ConstructorError):
    """A value its tag cannot read (`!!int abc`); the problem in the interface language."""


class FileError(ValidationError):
    """A YAML file that cannot be read, or whose bytes are not UTF-8 text: located at the
    file (at the line and column of the first byte that is not UTF-8), in the interface
    language."""


class Loader(yaml.SafeLoader):
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self._depth >= MAX_DEPTH:
            raise LimitError(
                None,
                None,
                _("nested more than {n} levels deep").format(n=MAX_DEPTH),
                self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Any:
        node = super().compose_document()
        if node is not None:
            _Measure().measure(node)
        return node


class _Measure:
    """Size and depth of a node graph as if its aliases were expanded, each node once."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[int, int]] = {}
        self.open: set[int] = set()

    def measure(self, node: yaml.Node, level: int = 1) -> tuple[int, int]:
        if level > MAX_DEPTH:  # on the way down: recursion here stays within MAX_DEPTH
            raise LimitError(
                None,
                None,
                _("nested more than {n} levels deep").format(n=MAX_DEPTH),
                node.start_mark,
            )
        key = id(node)
        if key in self.known:
            return self.known[key]
        if key in self.open:
            raise LimitError(
                None, None, _("an alias refers to the node that holds it"), node.start_mark
            )
        self.open.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        size, depth = 1, 1
        for child in children:
            child_size, child_depth = self.measure(child, level + 1)
            size += child_size
            depth = max(depth, child_depth + 1)
        if size > MAX_NODES:
            raise LimitError(
                None,
                None,
                _(
                    "this value expands to more than {n} values through aliases (a YAML bomb?)"
                ).format(n=MAX_NODES),
                node.start_mark,
            )
        if depth > MAX_DEPTH:
            raise LimitError(
                None,
                None,
                _("nested more than {n} levels deep (through aliases)").format(n=MAX_DEPTH),
                node.start_mark,
            )
        self.open.discard(key)
        self.known[key] = (size, depth)
        return size, depth


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, each document measured against the limits once composed."""

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            _Measure().measure(node)
        return node


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML date or time; one that matches the pattern but is no real day (2026-02-30)
    is a located YAML error, not a ValueError from deep inside PyYAML."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise _DateError(
            None,
            None,
            _("{value!r} is not a real date or time").format(value=node.value),
            node.start_mark,
        ) from None


def _strict(construct: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A scalar tag's constructor whose failure on a value it cannot read (`!!int abc`,
    `!!bool x`, `!!timestamp x`: ValueError, KeyError, AttributeError from inside PyYAML)
    is a located YAML error, as a syntax error is, never a bug's exit 3."""

    def constructor(loader: Any, node: Any) -> Any:
        try:
            return construct(loader, node)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError):
            from mediate.errors import quoted, shown

            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise _TagError(
                None,
                None,
                _("{value} cannot be read as {tag} (correct the value, or remove the tag)").format(
                    value=quoted(shown(str(node.value))), tag=tag
                ),
                node.start_mark,
            ) from None

    return constructor


def _refused(loader: Any, node: Any) -> Any:
    """A tag whose value no mediate file takes (`!!binary`: bytes; `!!set`, `!!omap`,
    `!!pairs`: not a plain mapping or list): a located YAML error — stored as it was read,
    a party's name was the text of bytes (b'\\xe5…'), an address the text of a set (review
    of 2026-12-03)."""
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise _TagError(
        None,
        None,
        _(
            "the tag {tag} is not taken here: write text, numbers, dates, lists and "
            "mappings (remove the tag)"
        ).format(tag=tag),
        node.start_mark,
    )


_SCALAR_TAGS = ("null", "bool", "int", "float")
_REFUSED_TAGS = ("binary", "set", "omap", "pairs")
for _loader in (Loader, _CLoader):
    for _name in _REFUSED_TAGS:
        _loader.add_constructor(f"tag:yaml.org,2002:{_name}", _refused)
    for _name in _SCALAR_TAGS:
        _tag = f"tag:yaml.org,2002:{_name}"
        _loader.add_constructor(
            _tag, _strict(yaml.constructor.SafeConstructor.yaml_constructors[_tag])
        )
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _strict(_timestamp))


MIN_LIBYAML = (0, 2, 5)


@functools.cache
def libyaml_usable() -> bool:
    """Whether `load` may parse with libyaml: PyYAML built with it, and a libyaml whose
    version can be read and is at least MIN_LIBYAML."""
    if not yaml.__with_libyaml__:
        return False
    try:
        from yaml import _yaml

        version = tuple(_yaml.get_version())
    except (ImportError, AttributeError, TypeError):
        return False
    return version >= MIN_LIBYAML


def load(stream: Any) -> Any:
    """Like `yaml.safe_load`, within the limits."""
    if isinstance(stream, str) and libyaml_usable():
        try:
            return yaml.load(stream, Loader=_CLoader)
        except yaml.YAMLError:
            pass  # reported below as the pure-Python loader words and places it
    return yaml.load(stream, Loader=Loader)


def decode(data: bytes, file: str) -> str:
    """The text of a YAML file's bytes: UTF-8, a byte order mark allowed (and dropped).
    Other bytes (a file saved in GBK) are a `FileError` at `file:line:column` of the first
    byte that is not UTF-8, never a UnicodeDecodeError's English."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        read = bytes(exc.object)  # the bytes after the byte order mark: exc.start's frame
        line = read.count(b"\n", 0, exc.start) + 1
        start = read.rfind(b"\n", 0, exc.start) + 1
        column = len(read[start : exc.start].decode("utf-8", errors="replace")) + 1
        raise FileError(_("the file is not UTF-8 text"), f"{file}:{line}:{column}") from None


def read_bytes(path: Path, file: str | None = None) -> bytes:
    """A YAML file's bytes; one the system will not give is a `FileError` at `file` (by
    default the path), its reason in the interface language (`files.os_reason`)."""
    from mediate.files import os_reason

    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileError(os_reason(exc), str(path) if file is None else file) from None


def read_text(path: Path, file: str | None = None) -> str:
    """The text of a YAML file, as every reader of one takes it (`read_bytes`, `decode`):
    its errors are `FileError`s at `file` (by default the path)."""
    name = str(path) if file is None else file
    return decode(read_bytes(path, name), name)


def load_file(path: Path) -> Any:
    """`load` of a UTF-8 file, remembered by its content: the bundled network, 案由
    revisions and rules (about 20,000 values, 0.1-0.3 s to parse even with libyaml, at
    every command that routes) are read back as JSON (a few ms) while their bytes are
    unchanged. The memory is keyed by the SHA-256 of the bytes and of the reader
    (`_reader`: this module's source, PyYAML's version, which parser), so an edited file,
    or one read by another loader, is parsed again, never read stale; it is kept only when
    JSON gives back exactly what YAML gave (dates are tagged; no non-string keys), and it
    lives in the user's own data directory (a `mediate.jsoncopy` copy on the shelf
    `yaml`), at most `_CACHE_KEEP` copies, the most recently used. JSON, not marshal or
    pickle: a damaged or planted cache file can only fail to parse (then the YAML is read),
    never run code.

    The text goes to the parser as it is in the file: YAML itself reads CR LF, CR, LF and
    NEL as one line break each and keeps LS and PS (PyYAML's and libyaml's scanners); any
    rewriting before it (CR LF to LF would turn CR CR LF, two breaks, into one) would make
    the tool read what YAML does not. Errors: a `FileError` for a file that cannot be read
    or is not UTF-8 text (`read_text`), `load`'s yaml.YAMLError for its YAML."""
    data = read_bytes(path)
    text = decode(data, str(path))
    cache = _cache_file(data)
    if cache is not None:
        result = jsoncopy.read(cache, object_hook=_decoded, mark_used=True)
        if result is not jsoncopy.ABSENT:
            return result
    result = load(text)
    if cache is not None:
        _remember(cache, result)
    return result


_CACHE_LIMIT = 16 * 1024 * 1024  # bytes of YAML: larger files are parsed every time
_CACHE_KEEP = 32
"""Copies kept: the bundled network, taxonomy and rules, and a rules or mapping file or
two of the user's, with room for the versions of a file being edited. Beyond this the
least recently used go, when a new copy is written (never on a read)."""


@functools.cache
def _reader() -> bytes:
    """What, besides a file's bytes, decides what `load` makes of them: this module (its
    limits, its constructors), PyYAML's version and whether libyaml parses (an older
    libyaml accepts other documents). Part of every copy's key, so a copy made by another
    reader is never read back."""
    own = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    parser = "libyaml" if libyaml_usable() else "python"
    return f"{own}\0{yaml.__version__}\0{parser}\0".encode()


def _cache_file(data: bytes) -> Path | None:
    if len(data) > _CACHE_LIMIT:
        return None
    return jsoncopy.location("yaml", hashlib.sha256(_reader() + data).hexdigest())


# A YAML date or timestamp in the JSON copy: {"\u0000date": "2026-01-01"}. A mapping that
# looks like one in the YAML itself does not come back equal, so it is never kept.
_DATE, _MOMENT = "\u0000date", "\u0000datetime"


def _encoded(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return {_MOMENT: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _decoded(mapping: dict[str, Any]) -> Any:
    import datetime as dt

    if len(mapping) == 1:  # a malformed one raises ValueError: the YAML is read instead
        if isinstance(mapping.get(_DATE), str):
            return dt.date.fromisoformat(mapping[_DATE])
        if isinstance(mapping.get(_MOMENT), str):
            return dt.datetime.fromisoformat(mapping[_MOMENT])
    return mapping


def _remember(cache: Path, result: Any) -> None:
    try:
        encoded = json.dumps(result, ensure_ascii=False, allow_nan=False, default=_encoded)
    except (TypeError, ValueError):  # a set, a float that is not a number: YAML only
        return
    if json.loads(encoded, object_hook=_decoded) != result:  # a non-string key, a tuple
        return
    jsoncopy.write(cache, encoded, keep=_CACHE_KEEP)


def compose(stream: Any) -> yaml.Node | None:
    """Like `yaml.compose`, within the limits."""
    return yaml.compose(stream, Loader=Loader)


def error(exc: yaml.YAMLError, file: str) -> ValidationError:
    """A YAML error (syntax or limit) as the tool reports it: `file:line:column: problem`,
    the problem in the interface language (`problem`)."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
    return ValidationError(problem(exc), where=where)


def problem(exc: yaml.YAMLError) -> str:
    """What is wrong, for the clerk: this module's own problems (limits, impossible dates)
    as they are; PyYAML's common English phrases in the interface language; any other
    one as a generic "YAML syntax error" with PyYAML's text (its first line) as a
    technical detail, as a damaged workbook's error is (`workbook_guard.unreadable`).
    Only the pure-Python loader's phrases: `load` reports libyaml's errors through it."""
    text = str(getattr(exc, "problem", None) or exc)
    if isinstance(exc, (LimitError, _DateError, _TagError)):
        return text
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        return _(
            "the file holds the control character U+{code:04X}, which YAML does not allow; "
            "remove it"
        ).format(code=exc.character)
    anchor = re.fullmatch(
        r"found duplicate anchor (.+); first occurrence", getattr(exc, "context", None) or ""
    )
    if text == "second occurrence" and anchor:
        return _("the anchor {name} is already defined above").format(name=_token(anchor[1]))
    if _after_quotes(exc):
        return _(
            "more text after a closing quote (put the whole value in quotes; inside '…' "
            "write a quote ' as '')"
        )
    in_context = _IN_CONTEXT.get(getattr(exc, "context", None) or "")
    if in_context:
        found = re.fullmatch(r".*, but found (.+)", text)
        return in_context(_token(found[1]) if found else "")
    for pattern, say in _PROBLEMS:
        match = pattern.fullmatch(text)
        if match:
            return say(match)
    detail = text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__
    return _("YAML syntax error (technical detail: {detail})").format(detail=detail)


def _after_quotes(exc: yaml.YAMLError) -> bool:
    """PyYAML's "expected <block end>, but found '<scalar>'" where the value found
    follows a closing quote on its line (`name: 'a'b'`): no indentation at fault."""
    if getattr(exc, "problem", None) != "expected <block end>, but found '<scalar>'":
        return False
    mark = getattr(exc, "problem_mark", None)
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str) or mark is None:
        return False
    before = buffer[: mark.pointer]
    line = before[before.rfind("\n") + 1 :].rstrip()
    return line.endswith(("'", '"'))


def _token(found: str) -> str:
    """PyYAML's name of a token or character (its repr: "'<stream end>'", "'\\t'")."""
    name = found[1:-1] if len(found) >= 2 and found[0] == found[-1] == "'" else found
    names = {
        "<stream end>": _("the end of the file"),
        "<block end>": _("the end of an indented block"),
        "<block mapping start>": _("a new key"),
        "<block sequence start>": _("a new list"),
        "<block entry>": _("a list item '-'"),
        "<scalar>": _("a value"),
        "<document start>": "'---'",
        "?": _("a new key"),
        "\\n": _("the end of the line"),
        " ": _("a space"),
    }
    return names.get(name, f"“{name}”")


def _cannot_begin(char: str) -> str:
    """A text begins with a character YAML reads as its own (`%`, `@`, a tag's `!`)."""
    return _("a value cannot begin with {char} (put the text in quotes)").format(char=_token(char))


_PROBLEMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"expected the node content, but found (.+)"),
        lambda m: _("a value is missing here (found {found})").format(found=_token(m[1])),
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        lambda m: _(
            "a 'key: value' is not allowed here (check the indentation, or quote a text "
            "that holds ': ')"
        ),
    ),
    (
        re.compile(r"could not find expected ':'"),
        lambda m: _("the ':' after a key is missing"),
    ),
    (
        re.compile(r"found character (.+) that cannot start any token"),
        lambda m: (
            _("a tab character cannot stand here (indent with spaces)")
            if m[1] == "'\\t'"
            else _cannot_begin(m[1])
        ),
    ),
    (
        re.compile(r"expected ',' or '\]', but got (.+)"),
        lambda m: _("a list in [ ] lacks ',' or ']' (found {found})").format(found=_token(m[1])),
    ),
    (
        re.compile(r"expected ',' or '\}', but got (.+)"),
        lambda m: _("a mapping in {{ }} lacks ',' or '}}' (found {found})").format(
            found=_token(m[1])
        ),
    ),
    (
        re.compile(r"expected <block end>, but found (.+)"),
        lambda m: _("the indentation does not line up (found {found})").format(found=_token(m[1])),
    ),
    (
        re.compile(r"invalid indentation or unclosed '\[' or '\{'"),
        lambda m: _("wrong indentation, or an unclosed bracket"),
    ),
    (
        re.compile(r"sequence entries are not allowed here"),
        lambda m: _("a list item '-' is not allowed here (check the indentation)"),
    ),
    (
        re.compile(r"found unexpected end of stream"),
        lambda m: _("the file ends inside quotes (a closing quote is missing)"),
    ),
    (
        re.compile(r"found undefined alias (.+)"),
        lambda m: _("the alias {name} names no anchor").format(name=_token(m[1])),
    ),
    (
        re.compile(r"found unknown escape character (.+)"),
        lambda m: _("unknown escape {char} in a double-quoted text").format(char=_token(m[1])),
    ),
    (
        # (its context is "expected a single document in the stream")
        re.compile(r"but found another document"),
        lambda m: _("the file holds more than one document ('---')"),
    ),
    (
        re.compile(r"found unexpected document separator"),
        lambda m: _("a line '---' or '...' inside quotes (a closing quote is missing above it)"),
    ),
    (
        re.compile(r"could not determine a constructor for the tag .+"),
        lambda m: _cannot_begin("!"),
    ),
    (
        re.compile(r"mapping keys are not allowed here"),
        lambda m: _("a value cannot begin with {char} (put the text in quotes)").format(char="“?”"),
    ),
    (
        # `!!int [1]`, `!!map x`, `!!omap x`: a tag of one kind on a value of another
        re.compile(
            r"expected a (?:scalar|sequence|mapping) node, but found \w+"
            r"|expected a (?:sequence|mapping)(?: of length 1)?, but found .+"
        ),
        lambda m: _("the tag '!!…' before this value does not fit it (remove the tag)"),
    ),
    (
        re.compile(r"expected escape sequence of (\d+) hexadecimal numbers, but found (.+)"),
        lambda m: _(
            "an escape \\x, \\u or \\U in a double-quoted text needs {n} hexadecimal "
            "digits (found {found}; write a backslash as \\\\, or use single quotes)"
        ).format(n=m[1], found=_token(m[2])),
    ),
    (
        re.compile(r"found incompatible YAML document \(version 1\.\* is required\)"),
        lambda m: _("the file asks for a YAML version other than 1 ('%YAML'); remove that line"),
    ),
    (
        re.compile(r"found duplicate YAML directive|duplicate tag handle .+"),
        lambda m: _("a '%' line (a YAML directive) is given twice; remove one"),
    ),
    (
        re.compile(r"found undefined tag handle .+"),
        lambda m: _cannot_begin("!"),
    ),
    (
        re.compile(r"expected '<document start>', but found (.+)"),
        lambda m: _(
            "more after the end of the document (found {found}; an extra bracket, or a line '...'?)"
        ).format(found=_token(m[1])),
    ),
    (
        re.compile(r"found unhashable key"),
        lambda m: _("a key cannot be a list or a mapping"),
    ),
]

# Where PyYAML says what it was reading (`context`), that says what is wrong whatever the
# problem: each is given the token found, in words ("" when the problem names none).
_IN_CONTEXT: dict[str, Callable[[str], str]] = {
    "while scanning a block scalar": lambda found: _(
        "after '|' or '>' the text begins on the next line (found {found}; put a text "
        "that begins with '|' or '>' in quotes)"
    ).format(found=found),
    "while scanning an anchor": lambda found: _(
        "the name of an anchor '&' cannot begin with {found} (put a text that begins "
        "with '&' in quotes)"
    ).format(found=found),
    "while scanning an alias": lambda found: _(
        "the name of an alias '*' cannot begin with {found} (put a text that begins "
        "with '*' in quotes)"
    ).format(found=found),
    "while scanning a directive": lambda found: _cannot_begin("%"),
    "while scanning a tag": lambda found: _cannot_begin("!"),
    "while parsing a tag": lambda found: _cannot_begin("!"),
}
