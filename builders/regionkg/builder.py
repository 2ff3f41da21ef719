"""Build a graph from input paths: read, run the pipeline, collect triples."""
from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, Triple, parse, serialize
from tqdm import tqdm

from .errors import InputError, merged, no_date
from .extraction import Extracted, extract, given_already, placed_by_others, resolved_by_batch, shared_triples
from .ingest.sources import (
    Source,
    find_files,
    make_ids_unique,
    read_again,
    read_sources,
    set_aside,
)
from .pipeline import Pipeline, default_pipeline
from .rdf.reportgraph import ReportGraph, Spill
from .rdf.vocab import ALT_LABEL
from .rdf.writer import graph_chunks, serialize_graph, sorted_lines


@dataclass
class BuildResult:
    """What a build made and what it could not use."""

    reports: dict[str, ReportGraph] = field(default_factory=dict)     # report IRI → its triples
    shared: list[Triple] = field(default_factory=list)
    files: int = 0
    errors: list[InputError] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len(self.reports)

    def serialize(self, fmt: str = "turtle") -> bytes:
        return serialize_graph(self.shared, self.reports, fmt)

    def chunks(self, fmt: str = "turtle") -> Iterator[bytes]:
        """`serialize` in pieces, for writing a large graph without joining it in memory."""
        return graph_chunks(self.shared, self.reports, fmt)

    def triple_count(self) -> int:
        lines = sorted_lines([serialize(self.shared, format=RdfFormat.N_TRIPLES), *(g.ntriples for g in self.reports.values())])
        return len(lines) + sum(g.statement_triples() for g in self.reports.values())


def build(paths: list[str | Path], pipeline: Pipeline | None = None, progress: bool | None = None,
          jobs: int | None = 1) -> BuildResult:
    """Build the graph of every report under `paths` in memory.

    Unreadable files are recorded in `errors` and skipped; the rest is built. `jobs`
    worker processes extract documents (None: one per core); the result is the same.
    """
    pipeline = pipeline or default_pipeline()
    with few_collections():
        return _build(paths, pipeline, progress, jobs)


def _build(paths: list[str | Path], pipeline: Pipeline, progress: bool | None, jobs: int | None) -> BuildResult:
    inventory = find_files(paths)
    result = BuildResult(errors=list(inventory.errors), passed_over=inventory.passed_over)
    show = progress if progress is not None else (len(inventory.files) > 5 and sys.stderr.isatty())
    sources = []
    for path in tqdm(inventory.files, desc="reading", unit="file", disable=not show, file=sys.stderr):
        found, errors = read_sources(path)
        result.errors.extend(errors)
        if found:
            result.files += 1
            sources.extend(found)
    make_ids_unique(sources)
    set_aside(sources)
    spill = Spill()                        # each report's graph keeps it open as long as needed
    done = _parked(extract_each(pipeline, [(s, None) for s in sources], jobs, show), spill)
    summaries = [e.summary for e in done]
    placed = placed_by_others(summaries)
    if placed:
        again = [(s, placed[e.summary.report]) for s, e in zip(sources, done) if e.summary.report in placed]
        redone = {e.summary.report: e for e in _parked(extract_each(pipeline, again, jobs, False), spill)}
        done = [redone.get(e.summary.report, e) for e in done]
    wanted = resolved_by_batch(pipeline, [e.summary for e in done])
    again = [(s, e.summary.context, *wanted.get(e.summary.report, ({}, {}))) for s, e in zip(sources, done)
             if not given_already(e.summary, wanted.get(e.summary.report))]
    if again:
        redone = {e.summary.report: e for e in _parked(extract_each(pipeline, again, jobs, False), spill)}
        done = [redone.get(e.summary.report, e) for e in done]
    for e in done:
        if e.summary.fault:
            result.errors.append(e.fault_error())
        if not e.summary.date:
            result.errors.append(no_date(e.path))
        result.reports[e.summary.report] = e.graph
    result.shared = shared_triples(pipeline, [e.summary for e in done])
    _one_label_per_node(result, done)
    result.errors = merged(result.errors)
    return result


def _parked(extracted: Iterator[Extracted], spill: Spill) -> list[Extracted]:
    """Each document's statements moved to disk as it comes: a build's memory holds the
    rest of the graph (to sort it), not the statements."""
    out = []
    for e in extracted:
        e.graph.park(spill)
        out.append(e)
    return out


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
    bar = tqdm(total=len(work), desc="building", unit="doc", disable=not show, file=sys.stderr)
    try:
        if jobs == 1 or len(work) < 2:
            for source, *hints in work:
                yield extract(pipeline, read_again(source), *hints)
                bar.update()
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
                    yield e
                    bar.update()
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


def _one_label_per_node(result: BuildResult, done: list[Extracted]) -> None:
    """Names that mint one IRI (白云 and 白 云: white space is dropped) give one node one
    rdfs:label, the smallest, whatever the input order; the others become altLabels.
    (Each report's labels are NFKC-normal already: 管委会+ and 管委会＋ agree there.)"""
    labels: dict[str, set[str]] = {}
    for e in done:
        for subject, label_line in e.labels.items():
            labels.setdefault(subject, set()).add(label_line)
    moved: dict[str, str] = {}                    # label line → the altLabel line it becomes
    for lines in labels.values():
        if len(lines) > 1:
            value = {x: next(iter(parse(x.encode("utf-8"), format=RdfFormat.N_TRIPLES))).object.value for x in lines}
            chosen = min(lines, key=value.__getitem__)
            for x in lines - {chosen}:
                s, _, o = x.split(" ", 2)
                moved[x] = f"{s} <{ALT_LABEL.value}> {o}"
    if not moved:
        return
    for e in done:
        if any(x in moved for x in e.labels.values()):
            lines = [moved.get(f"{x}\n", f"{x}\n") for x in e.graph.ntriples.decode("utf-8").split("\n") if x]
            e.graph.ntriples = "".join(sorted(set(lines))).encode("utf-8")
