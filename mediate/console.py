"""All terminal output. The only module that imports rich.

Data goes to stdout (tables, or JSON with `--json`); messages go to stderr, so a script
can pipe the data and still see what went wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:  # imported where used: most commands draw neither (start-up time)
    from rich.progress import Progress
    from rich.tree import Tree

_no_color = bool(os.environ.get("NO_COLOR"))
out = Console(no_color=_no_color, highlight=False, soft_wrap=False)
err = Console(stderr=True, no_color=_no_color, highlight=False)


def reset(width: int | None = None) -> None:
    """Re-bind the consoles to the current sys.stdout/stderr (used by test runners)."""
    global out, err
    nc = bool(os.environ.get("NO_COLOR"))
    out = Console(no_color=nc, highlight=False, soft_wrap=False, width=width)
    err = Console(stderr=True, no_color=nc, highlight=False, width=width)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


def print_json(data: Any) -> None:
    sys.stdout.write(to_json(data) + "\n")
    sys.stdout.flush()


def message(text: str) -> None:
    err.print(escape(text))


def info(text: str) -> None:
    err.print(f"[cyan]{escape(text)}[/cyan]")


def success(text: str) -> None:
    err.print(f"[green]{escape(text)}[/green]")


def warn(text: str) -> None:
    err.print(f"[yellow]⚠ {escape(text)}[/yellow]")


def error(text: str) -> None:
    err.print(f"[bold red]✗[/bold red] {escape(text)}")


def line(text: str = "", style: str | None = None) -> None:
    """A line of data to stdout."""
    out.print(escape(text), style=style)


@dataclass
class Column:
    header: str
    justify: str = "left"
    style: str | None = None


def table(
    columns: Sequence[str | Column],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    caption: str | None = None,
) -> None:
    t = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for col in columns:
        c = col if isinstance(col, Column) else Column(col)
        t.add_column(escape(c.header), justify=c.justify, style=c.style)  # type: ignore[arg-type]
    for row in rows:
        t.add_row(*(escape(_cell(v)) for v in row))
    out.print(t)


def key_values(pairs: Iterable[tuple[str, Any]], title: str | None = None) -> None:
    t = Table(title=title, show_header=False, box=None, pad_edge=False)
    t.add_column(style="bold")
    t.add_column()
    for key, value in pairs:
        t.add_row(escape(key), escape(_cell(value)))
    out.print(t)


def bar(fraction: float, width: int = 30) -> str:
    filled = max(0, min(width, round(fraction * width)))
    return "█" * filled + "░" * (width - filled)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


@dataclass
class TreeNode:
    label: str
    children: list[TreeNode]


def tree(root: TreeNode) -> None:
    def add(node: TreeNode, parent: Tree) -> None:
        for child in node.children:
            add(child, parent.add(escape(child.label)))

    from rich.tree import Tree

    t = Tree(escape(root.label))
    add(root, t)
    out.print(t)


class ProgressHandle:
    def __init__(self, progress: Progress | None, task: Any) -> None:
        self._progress = progress
        self._task = task

    def advance(self, n: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def set_total(self, total: int | None) -> None:
        """The total, once known (e.g. after a file was opened)."""
        if self._progress is not None:
            self._progress.update(self._task, total=total)


@contextmanager
def progress(description: str, total: int | None) -> Iterator[ProgressHandle]:
    """A progress bar on a terminal; silent when stderr is not a terminal."""
    if not err.is_terminal:
        yield ProgressHandle(None, None)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as p:
        task = p.add_task(escape(description), total=total)
        yield ProgressHandle(p, task)


def ask(prompt: str, default: str | None = None) -> str:
    """One line of input from the clerk (stderr prompt, so stdout stays data)."""
    from rich.prompt import Prompt

    answer = Prompt.ask(escape(prompt), console=err, default=default)
    return "" if answer is None else str(answer)


def confirm(prompt: str, default: bool = True) -> bool:
    from rich.prompt import Confirm

    return bool(Confirm.ask(escape(prompt), console=err, default=default))
