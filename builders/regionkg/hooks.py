"""Events of a build that tests (and tools) can act on at a known point, never on a timer.

`REGIONKG_STOP_AFTER=N:SIGNAL` (e.g. `3:KILL`, `5:INT`): once the build has taken in its N-th
document (written it to the store, or kept it for the file), the process sends itself
SIGNAL, as a user's Ctrl-C or a crash would at that moment, whatever the machine's speed.

`REGIONKG_WORKER_EXIT=FILE` (set in a Dask worker's environment): the worker that is about
to extract the document whose id FILE holds removes FILE and kills itself (SIGKILL), as a
lost machine would; the file's removal is atomic, so one worker dies, once.
"""
from __future__ import annotations

import os
import signal

STOP_AFTER = "REGIONKG_STOP_AFTER"
WORKER_EXIT = "REGIONKG_WORKER_EXIT"


def document_taken(count: int) -> None:
    """Called by the engine after each document it has taken in."""
    setting = os.environ.get(STOP_AFTER)
    if not setting:
        return
    n, _, name = setting.partition(":")
    if n.strip().isdigit() and count == int(n):
        os.kill(os.getpid(), getattr(signal, f"SIG{name.strip().upper() or 'INT'}"))


def worker_extracting(source_id: str) -> None:
    """Called by a Dask worker before it extracts a document."""
    marker = os.environ.get(WORKER_EXIT)
    if not marker:
        return
    try:
        with open(marker, encoding="utf-8") as fh:
            if fh.read().strip() != source_id:
                return
        os.unlink(marker)
    except OSError:
        return
    os.kill(os.getpid(), signal.SIGKILL)
