"""At a real pseudo-terminal the everyday reads print exactly what rich would print, and
import no rich (issue 19 item 1: rich only when a table is drawn by it).

Each case runs the same commands twice in a child process on a pty of the given size: once
as the clerk runs them (the light entry draws through mediate/plaintable.py) and once with
rich's consoles made first, as console.py makes them, so rich draws everything. The two
must be the same byte for byte, escape codes included; the first must not have imported
rich, and no line may be wider than the terminal (nothing a clerk reads is cut).
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from mediate.services.demo import run_demo
from mediate.textwidth import cell_width

ROOT = Path(__file__).resolve().parents[2]

COMMANDS = [
    ["case", "show", "1"],
    ["case", "show", "3"],
    ["case", "list"],
    ["case", "list", "--status", "no such status"],  # an error message
    ["case", "list", "--offset", "500"],  # a message: no cases on this page
    ["case", "find", "张伟"],
    ["case", "find", "无此人"],
    ["today", "--within", "30"],
    ["org", "list", "--county", "410802"],
    ["report", "funnel"],
]

# Runs each command as `mediate` does; with `rich` first, rich's consoles are made before
# each command, so rich draws every table and message. Ends with whether rich was imported.
CHILD = """
import json, sys
from mediate import clock, console
from mediate.cli import run
from tests.clockrun import FIXED_NOW

clock.set_clock(FIXED_NOW)
for args in json.loads(sys.argv[2]):
    console.reset()
    if sys.argv[1] == "rich":
        console._console("out")
        console._console("err")
    print("$ mediate " + " ".join(args), flush=True)
    run(args)
print("rich imported:", "rich.console" in sys.modules, flush=True)
"""

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_demo(tmp_path_factory.mktemp("demo"), "演示管理员", lambda _line: None).database


def _at_pty(mode: str, columns: int, env: dict[str, str]) -> str:
    child = pexpect.spawn(
        sys.executable,
        ["-c", CHILD, mode, json.dumps(COMMANDS, ensure_ascii=False)],
        env=env,
        cwd=str(ROOT),
        encoding="utf-8",
        timeout=120,
        dimensions=(40, columns),
    )
    shown = child.read()
    child.close()
    assert child.exitstatus == 0, shown
    return str(shown).replace("\r\n", "\n")


TERMINALS = [  # (language, columns, settings)
    ("zh", 80, {"TERM": "xterm-256color"}),
    ("en", 80, {"TERM": "xterm-256color"}),
    ("zh", 120, {"TERM": "xterm", "NO_COLOR": "1"}),
    ("en", 100, {"TERM": "screen", "COLORTERM": "truecolor"}),
    ("zh", 80, {"TERM": "dumb"}),
    ("en", 60, {"TERM": "xterm-256color"}),
    ("zh", 132, {"TERM": "xterm-256color", "COLUMNS": "80"}),  # COLUMNS wins over the size
]


@pytest.mark.parametrize(("language", "columns", "terminal"), TERMINALS)
def test_the_everyday_reads_at_a_terminal_print_what_rich_prints_without_it(
    demo_db, language, columns, terminal
):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLORTERM")
    }
    env.update(terminal)
    env.update(
        {"MEDIATE_LANG": language, "MEDIATE_DB": str(demo_db), "MEDIATE_CLERK": "演示管理员"}
    )
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    light = _at_pty("light", columns, env)
    drawn_by_rich = _at_pty("rich", columns, env)
    *shown, imported = light.rstrip("\n").split("\n")
    assert imported == "rich imported: False"
    assert drawn_by_rich.rstrip("\n").split("\n")[:-1] == shown
    width = int(terminal.get("COLUMNS", columns)) if terminal["TERM"] != "dumb" else 80
    assert all(cell_width(ANSI.sub("", line)) <= width for line in shown)
    assert "┏" in light and ("Case no." in light) == (language == "en")
    styled = bool(ANSI.search(light))
    assert styled == (terminal["TERM"] != "dumb")
