"""The layout of help pages, without the framework: the framework's words (usage prefix,
headings, type metavars, notes) in the interface language, and text wrapped by display
width (a Chinese character takes two columns), never inside a number or an English word.

`framework.HelpFormatter` is Click's formatter with this layout; `PlainFormatter` is the
same layout on a plain buffer, for `mediate --help` answered by the light entry
(mediate/quick.py) without importing Typer. A test compares the two pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mediate.i18n import _
from mediate.textwidth import cell_width, wrap


def _type_names() -> dict[str, str]:
    return {
        "str": _("text"),
        "int": _("integer"),
        "float": _("number"),
        "Decimal": _("amount"),
        "bool": _("yes/no"),
        "Path": _("path"),
        "path": _("path"),
        "directory": _("directory"),
        "file": _("path"),
        "dir": _("directory"),
        "date": _("date"),
        "datetime": _("date and time"),
        "int range": _("integer"),
        "float range": _("number"),
    }


def metavar_labels() -> dict[str, str]:
    """Every metavar a command gives an argument or an option, as the clerk reads it: the
    one table of them (framework.argument_label names arguments by it, `translate_terms`
    the options of a help page; a test checks every command's parameters against it)."""
    return {
        "ID": _("ID"),
        "ID|NAME": _("ID|NAME"),
        "FILE": _("FILE"),
        "FILE...": _("FILE..."),
        "FILE|-": _("FILE|-"),
        "DIR|FILE": _("DIR|FILE"),
        "OUT": _("OUT"),
        "TEXT": _("TEXT"),
        "NAME": _("NAME"),
        "NAME|CODE": _("NAME|CODE"),
        "KIND": _("KIND"),
        "RESULT": _("RESULT"),
        "SESSION": _("SESSION"),
        "ORG": _("ORG"),
        "DATE": _("DATE"),
        "TIME": _("TIME"),
        "DAYS": _("DAYS"),
        "PERIOD": _("PERIOD"),
        "PARTY": _("PARTY"),
        "VERSION": _("VERSION"),
        "SPEC": _("SPEC"),
        "VAR": _("VAR"),
        "URL|PATH": _("URL|PATH"),
        "KEY=VALUE": _("KEY=VALUE"),
        "FIELD=VALUE": _("FIELD=VALUE"),
    }


# Pattern text, compiled at first use (re's cache): the light entry imports this module.
_OPTION_TERM = r"(?P<flags>-[^ ]*(?:, -[^ ]*)*) (?P<metavar>[^<\s][^\s]*)"


def _option_metavar(part: str) -> str:
    """`--on DATE` -> `--on 日期`: an option's own metavar by its label."""
    if m := re.fullmatch(_OPTION_TERM, part):
        label = metavar_labels().get(m["metavar"])
        if label is not None:
            return f"{m['flags']} {label}"
    return part


def _metavar(match: re.Match[str]) -> str:
    inner = match.group(1)
    many = inner.startswith("list[") and inner.endswith("]")
    if many:
        inner = inner[5:-1]
    names = _type_names()
    if inner in names:
        label = names[inner]
    elif "|" in inner:  # a choice: the values themselves
        label = inner
    else:
        label = _("value")
    return f"<{label}>..." if many else f"<{label}>"


#: An option's former names, still accepted but not shown beside its name (the key): a
#: body filter is `--body` in every command (commands/common.BodyOption).
FORMER_NAMES = {"--body": ("--org-id", "--org")}


def _without_former_names(term: str) -> str:
    """`--body, --org-id <str>` -> `--body <str>`: one name per option on a help page. A
    former name alone (`mediator add --org`, the body a mediator joins) is no alias."""
    flags = re.match(r"-[^\s,]*(?:, -[^\s,]*)*", term)
    if flags is None:
        return term
    names = flags[0].split(", ")
    former = {old for name in names for old in FORMER_NAMES.get(name, ())}
    kept = [name for name in names if name not in former]
    return ", ".join(kept) + term[flags.end() :]


def translate_terms(term: str) -> str:
    """An option's or argument's name column: type metavars and an option's own metavar
    (`metavar_labels`) in the interface language; former names left out."""
    term = _without_former_names(term)
    term = " / ".join(_option_metavar(part) for part in term.split(" / "))
    return re.sub(r"<([^<>]+)>", _metavar, term)


def _range(text: str) -> str:
    if m := re.fullmatch(r"x>=(\S+)", text):
        return _("at least {n}").format(n=m.group(1))
    if m := re.fullmatch(r"x<=(\S+)", text):
        return _("at most {n}").format(n=m.group(1))
    if m := re.fullmatch(r"(\S+)<=x<=(\S+)", text):
        return _("{low} to {high}").format(low=m.group(1), high=m.group(2))
    return text


def _extra(match: re.Match[str]) -> str:
    parts = []
    for part in match.group(1).split("; "):
        if part == "required":
            parts.append(_("required"))
        elif part.startswith("default: "):
            parts.append(_("default: {default}").format(default=part[len("default: ") :]))
        elif part.startswith("env var: "):
            parts.append(_("environment variable: {var}").format(var=part[len("env var: ") :]))
        else:
            parts.append(_range(part))
    return "[" + _("; ").join(parts) + "]"


def translate_help(text: str) -> str:
    """An option's help: the framework's own sentence and notes in the interface language."""
    text = text.replace("Show this message and exit.", _("Show this message and exit."))
    text = text.replace(
        "Install completion for the current shell.",
        _("Install completion for the current shell."),
    )
    text = text.replace(
        "Show completion for the current shell, to copy it or customize the installation.",
        _("Show completion for the current shell, to copy it or customize the installation."),
    )
    return re.sub(r"\[((?:required|default: |env var: |x[<>]=|\S+<=x<=)[^\[\]]*)\]$", _extra, text)


def translate_usage(args: str) -> str:
    return (
        args.replace("[OPTIONS]", _("[OPTIONS]"))
        .replace("COMMAND [ARGS]...", _("COMMAND [ARGS]..."))
        .replace("[ARGS]...", _("[ARGS]..."))
    )


def _heading(name: str) -> str:
    return {
        "Options": _("Options"),
        "Arguments": _("Arguments"),
        "Commands": _("Commands"),
    }.get(name, name)


class HelpLayout:
    """How a help page is laid out: the framework's words in the interface language, text
    wrapped by display width. Mixed into the framework's formatter (framework.py), and
    into `PlainFormatter` below for the light entry's `mediate --help`."""

    width: int
    current_indent: int

    if TYPE_CHECKING:  # the formatter's own (Click's, or PlainFormatter's)

        def write(self, string: str) -> None: ...

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = " " * self.current_indent + (prefix or _("Usage: ")) + prog + " "
        body = wrap(translate_usage(args), max(self.width - cell_width(head), 20))
        pad = " " * cell_width(head)
        self.write(head + body[0] + "\n")
        for rest in body[1:]:
            self.write(pad + rest + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=_heading(heading)))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = re.split(r"\n\s*\n", text.strip("\n"))
        for index, paragraph in enumerate(paragraphs):
            if index:
                self.write("\n")
            for line in wrap(paragraph, max(self.width - self.current_indent, 20)):
                self.write(indent + line + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        items = [(translate_terms(term), translate_help(text)) for term, text in rows]
        if not items:
            return
        first = min(max(cell_width(term) for term, _text in items), col_max) + col_spacing
        indent = " " * self.current_indent
        for term, text in items:
            self.write(indent + term)
            if not text:
                self.write("\n")
                continue
            if cell_width(term) <= first - col_spacing:
                self.write(" " * (first - cell_width(term)))
            else:
                self.write("\n" + " " * (first + self.current_indent))
            lines = wrap(text, max(self.width - first - self.current_indent, 20))
            self.write(lines[0] + "\n")
            for rest in lines[1:]:
                self.write(" " * (first + self.current_indent) + rest + "\n")


class PlainFormatter(HelpLayout):
    """Click's HelpFormatter buffer, indentation and sections (typer._click.formatting),
    at the width Click gives a help page: the terminal's, at most 80, less 2, at least 50."""

    def __init__(self) -> None:
        import shutil
        import sys

        # Click's test runner forces a width on its formatter module, when loaded.
        click = sys.modules.get("typer._click.formatting")
        forced = getattr(click, "FORCED_WIDTH", None)
        self.width = forced or max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
        self.current_indent = 0
        self.buffer: list[str] = []

    def write(self, string: str) -> None:
        self.buffer.append(string)

    def indent(self) -> None:
        self.current_indent += 2

    def dedent(self) -> None:
        self.current_indent -= 2

    def write_paragraph(self) -> None:
        if self.buffer:
            self.write("\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        self.write_paragraph()
        self.write_heading(name)
        self.indent()
        try:
            yield
        finally:
            self.dedent()

    def getvalue(self) -> str:
        return "".join(self.buffer)
