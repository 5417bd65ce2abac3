"""Write mediate/quickspec.py: the options of the commands the light entry takes, read off
the Typer app (the one definition). `tests/unit/test_quick_entry.py` fails when the file
is not what this would write now.

    MEDIATE_LANG=en python tools/make_quickspec.py
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path
from typing import Any

TARGET = Path(__file__).resolve().parents[1] / "mediate" / "quickspec.py"

#: The commands the light entry answers (mediate/quick.py has a runner for each).
QUICK = (
    ("case", "show"),
    ("case", "list"),
    ("case", "find"),
    ("today",),
    ("org", "list"),
    ("report", "funnel"),
    ("doc", "batch"),
)
#: Options of those commands the light entry leaves to the full app (a write; LibreOffice).
FULL_ONLY = {("case", "show"): {"--reveal"}, ("doc", "batch"): {"--pdf"}}


def _vocabulary(callback: Any) -> str | None:
    """The name in mediate.domain.vocabulary of the vocabulary a `choice()` callback parses."""
    from mediate.domain import vocabulary

    cells = [c.cell_contents for c in (getattr(callback, "__closure__", None) or ())]
    for name, value in vars(vocabulary).items():
        if isinstance(value, vocabulary.Vocabulary) and any(value is c for c in cells):
            return name
    inner = [c for c in cells if callable(c) and getattr(c, "__closure__", None)]
    return next((found for c in inner if (found := _vocabulary(c))), None)  # Typer's wrapper


def _option(param: Any, full_only: set[str]) -> dict[str, Any]:
    annotation = param.type_descriptor.annotation
    kind = {bool: "flag", int: "int", str: "str"}.get(annotation)
    if param.multiple and str(annotation) == "list[str]":
        kind = "str"
    writes_dir = getattr(param.callback, "writes_dir", False)
    if writes_dir and annotation is Path:
        kind = "outdir"  # commands.common.output_dir: files.check_out_dir, in both entries
    entry: dict[str, Any] = {"dest": param.name, "kind": kind, "multiple": bool(param.multiple)}
    entry["default"] = str(param.default) if kind == "outdir" else param.default
    if param.min is not None:
        entry["min"] = param.min
    if param.max is not None:
        entry["max"] = param.max
    screens = getattr(param.callback, "screens_text", False)
    if screens:
        # commands.common.screened: the light entry takes a printable value within the
        # column's length unchanged, as screen_text does, and leaves anything else to it.
        from mediate.commands.common import MAX_FREE_TEXT, _declared_length

        column = param.callback.screen_column
        entry["screen_limit"] = (_declared_length(column) if column else None) or MAX_FREE_TEXT
    elif param.callback is not None and not writes_dir:
        entry["vocabulary"] = _vocabulary(param.callback)
    unsupported = (
        kind is None
        or param.secondary_opts
        or getattr(param, "count", False)
        or param.nargs != 1
        or (param.callback and not (screens or writes_dir) and not entry.get("vocabulary"))
        or set(param.opts) & full_only
    )
    if unsupported:
        entry["kind"] = "full"  # given on the command line: the full app runs it
    return entry


def _command(command: Any, full_only: set[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    arguments: list[str] = []
    for param in command.params:
        if type(param).__name__ == "TyperArgument":
            arguments.append(param.name)
            continue
        entry = _option(param, full_only)
        for opt in [*param.opts, *param.secondary_opts]:
            options[opt] = entry
    return {"arguments": arguments, "options": options}


def spec() -> dict[str, Any]:
    import typer

    from mediate.typer_app import app

    root = typer.main.get_command(app)
    commands = {}
    for path in QUICK:
        command: Any = root
        for name in path:
            command = command.commands[name]
        commands[" ".join(path)] = _command(command, FULL_ONLY.get(path, set()))
    global_options = _command(root, set())["options"]
    return {"global": global_options, "commands": commands, "root_help": _root_help(root)}


def _root_help(root: Any) -> dict[str, Any]:
    """What `mediate --help` shows besides the registry's commands: the usage pieces and
    each option's term and help (English: the light entry translates them)."""
    import typer

    ctx = typer.Context(root, info_name="mediate", **root.context_settings)
    records = [r for p in root.get_params(ctx) if (r := p.get_help_record(ctx))]
    return {
        "usage": " ".join(root.collect_usage_pieces(ctx)),
        "options": [list(record) for record in records],
    }


def source() -> str:
    text = pprint.pformat(spec(), width=96, sort_dicts=True)
    return (
        '"""The light entry\'s option spec, read off the Typer app by tools/make_quickspec.py.\n\n'
        "Generated: do not edit. `python tools/make_quickspec.py` rewrites it; a test fails\n"
        'when it is stale."""\n\n'
        "from typing import Any\n\n"
        "# fmt: off\n"
        f"SPEC: dict[str, Any] = {text}\n"
    )


def main() -> None:
    import os

    if os.environ.get("MEDIATE_LANG") != "en":
        sys.exit("run with MEDIATE_LANG=en: the spec holds the English help texts")
    TARGET.write_text(source(), encoding="utf-8")
    print(f"wrote {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
