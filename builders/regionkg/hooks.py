"""Events of a build that tests (and tools) can act on at a known point, never on a timer.

`REGIONKG_STOP_AFTER=N:SIGNAL` (e.g. `3:KILL`, `5:INT`): once the build has taken in its N-th
document (written it to the store, or kept it for the file), the process sends itself
SIGNAL, as a user's Ctrl-C or a crash would at that moment, whatever the machine's speed.
"""
from __future__ import annotations

import os
import signal

STOP_AFTER = "REGIONKG_STOP_AFTER"


def document_taken(count: int) -> None:
    """Called by the engine after each document it has taken in."""
    setting = os.environ.get(STOP_AFTER)
    if not setting:
        return
    n, _, name = setting.partition(":")
    if n.strip().isdigit() and count == int(n):
        os.kill(os.getpid(), getattr(signal, f"SIG{name.strip().upper() or 'INT'}"))
