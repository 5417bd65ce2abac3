"""Python's cyclic garbage collector during bulk work (a court batch's import).

Automatic collections are triggered by allocations, so during an import they fall in the
middle of a chunk and walk its rows: thousands of live objects (disputes, parties,
decisions) that no collection can free, each surviving row walked again by every older
generation's collection. That was about a tenth of an import's CPU (20,000 rows: 937
collections, 1.0 s of 10 s).

`paused()` turns automatic collection off while the rows are read and written; the bulk
loop calls `collect_young()` at each chunk's end, once the chunk's rows are let go, when
the young generations hold only what the chunk left behind. Rows are freed by their
reference counts; what a chunk leaves in reference cycles is collected at its end, so
memory stays as flat as with automatic collection. Nothing older is walked meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0  # pauses open now, in any thread
_resume = False  # whether the first of them found automatic collection on


@contextmanager
def paused() -> Iterator[None]:
    """No automatic garbage collection inside; the caller's setting is given back after,
    also on error or interrupt. Pauses may overlap (two imports in two threads): the
    collector is turned back on when the last one ends, and only if it was on when the
    first began. Thresholds and frozen objects are left as they are."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def collect_young() -> int:
    """Collect the two young generations (what was made since the previous call, and what
    survived it); the rest is not walked. Returns the number of unreachable objects."""
    return gc.collect(1)
