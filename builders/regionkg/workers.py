"""Extraction of many documents: in this process or in worker processes, in order."""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import shutil
import signal
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm

from .extraction import Extracted, extract
from .ingest.sources import read_again
from .pipeline import Pipeline


@contextmanager
def few_collections(young: int = 50_000) -> Iterator[None]:
    """Python's cycle collector rescans live objects as new ones are made; a build keeps a
    large gazetteer and lexicons for its whole run and makes many short-lived objects.
    Freeze what exists (the pipeline's data is never garbage) and collect the young
    generation less often; both are restored afterwards. Worth about a third of the
    extraction time on the corpus."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(young, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def extract_each(pipeline: Pipeline, work: list[tuple], jobs: int | None, show: bool) -> Iterator[Extracted]:
    """Extract every (source, context region[, resolved project keys]), yielding the results
    in order as they come, so a caller can store each and let it go."""
    jobs = (os.cpu_count() or 1) if jobs is None else max(1, jobs)
    bar = progress_bar(len(work), show)
    try:
        if jobs == 1 or len(work) < 2:
            for source, *hints in work:
                e = extract(pipeline, read_again(source), *hints)
                bar.update()
                yield e
        else:
            global _WORKER_PIPELINE
            _WORKER_PIPELINE = pipeline            # inherited by the forked workers
            with multiprocessing.get_context("fork").Pool(min(jobs, len(work)), _quiet_on_interrupt) as pool:
                # a few documents ahead per worker, no more: when the caller is slower (writing
                # a store), finished documents do not pile up in memory
                ahead: deque = deque()
                items = iter(work)
                for item in itertools.islice(items, AHEAD * jobs):
                    ahead.append(pool.apply_async(_extract_in_worker, (item,)))
                while ahead:
                    e = ahead.popleft().get()
                    for item in itertools.islice(items, 1):
                        ahead.append(pool.apply_async(_extract_in_worker, (item,)))
                    bar.update()
                    yield e
            _WORKER_PIPELINE = None
    finally:
        bar.close()


_WORKER_PIPELINE: Pipeline | None = None
AHEAD = 4                  # documents in flight per worker


def _quiet_on_interrupt() -> None:
    """Workers leave Ctrl-C to the main process, which stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _extract_in_worker(item: tuple) -> Extracted:
    return extract(_WORKER_PIPELINE, read_again(item[0]), *item[1:])


class _Lines:
    """Progress as a line every tenth of the way, where a terminal gives a bar no width."""

    def __init__(self, total: int):
        self.total, self.done, self._next = total, 0, 0

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next or self.done == self.total:
            print(f"regionkg: building {self.done}/{self.total} documents", file=sys.stderr)
            self._next = self.done + max(1, self.total // 10)

    def close(self) -> None:
        pass


def progress_bar(total: int, show: bool):
    """A progress bar on stderr (tqdm), lines where the terminal has no width, or nothing."""
    if show and shutil.get_terminal_size((80, 24)).columns == 0:
        return _Lines(total)
    return tqdm(total=total, desc="building", unit="doc", disable=not show, file=sys.stderr)
