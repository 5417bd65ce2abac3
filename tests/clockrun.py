"""Run the `mediate` CLI in a child process on the test suite's fixed clock.

Tests that need a real process (a pty, concurrent imports) start
`[sys.executable, CLOCKRUN, ...args]` instead of `-m mediate`, so the child agrees with the
in-process tests on what "today" is. The tool itself has no clock override.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

# The suite's "now": every test runs on this day whatever the real date (issue 21: a test on
# the real clock broke when a confirmation window it relied on closed).
FIXED_NOW = dt.datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
CLOCKRUN = str(Path(__file__).resolve())

if __name__ == "__main__":
    from mediate import clock
    from mediate.cli import main

    clock.set_clock(FIXED_NOW)
    main()
