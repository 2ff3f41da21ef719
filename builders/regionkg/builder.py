"""Build a graph from input paths: every input extracted, the graph in memory or a file."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, Triple, serialize
from tqdm import tqdm

from . import engine
from .errors import InputError
from .executors import Executor, open_executor
from .extraction import Extracted, Summary
from .ingest.sources import find_files, make_ids_unique, read_sources, set_aside
from .pipeline import Pipeline, default_pipeline
from .rdf.reportgraph import ReportGraph, Spill
from .shards import write_shards
from .rdf.writer import graph_chunks, serialize_graph, sorted_lines, write_atomic
from .workers import few_collections


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


class MemorySink:
    """Keeps the build's graph: each report's triples (statements parked on disk) and the shared ones."""

    def __init__(self) -> None:
        self.result = BuildResult()
        self._spill = Spill()

    def put(self, e: Extracted) -> None:
        e.graph.park(self._spill)
        self.result.reports[e.summary.report] = e.graph

    def remove(self, report: str) -> None:
        self.result.reports.pop(report, None)

    def finish(self, shared: list[Triple], summaries: dict[str, Summary]) -> None:
        self.result.shared = shared


class FileSink(MemorySink):
    """Writes the graph to a file when the build is done; the reports that an incremental
    build kept are read from its store."""

    def __init__(self, path: Path, fmt: str, store: Store | None = None):
        super().__init__()
        self.path, self.fmt, self.store = path, fmt, store

    def finish(self, shared: list[Triple], summaries: dict[str, Summary]) -> None:
        super().finish(shared, summaries)
        if not summaries:
            return                                 # nothing built: the old file stays
        reports = self.result.reports
        for report in sorted(set(summaries) - set(reports)):
            data = self.store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(report))
            reports[report] = ReportGraph.from_ntriples(data)
        self.write(shared, reports)

    def write(self, shared: list[Triple], reports: dict[str, ReportGraph]) -> None:
        write_atomic(self.path, graph_chunks(shared, reports, self.fmt))


class ShardSink(FileSink):
    """Writes the graph as N-Quads shards of `size` reports, for bulk loaders (shards.py).
    Beside another sink of the same build, it holds the same report graphs, not copies."""

    def __init__(self, path: Path, size: int = 1, store: Store | None = None):
        super().__init__(path, "nquads", store)
        self.size = size
        self.manifest: dict = {}

    def write(self, shared: list[Triple], reports: dict[str, ReportGraph]) -> None:
        self.manifest = write_shards(self.path, shared, reports, self.size)


def build(paths: list[str | Path], pipeline: Pipeline | None = None, progress: bool | None = None,
          jobs: int | None = 1, output: str | Path | None = None, fmt: str = "turtle",
          executor: str | Executor | None = None, shards: str | Path | None = None,
          shard_size: int = 1) -> BuildResult:
    """Build the graph of every report under `paths` in memory (and write it to `output`,
    and as N-Quads shards of `shard_size` reports to the folder `shards`).

    Unreadable files are recorded in `errors` and skipped; the rest is built. `jobs`
    worker processes extract documents (None: one per core), or the workers of a Dask
    cluster (`executor="dask://HOST:PORT"`, see executors.py); the result is the same.
    """
    pipeline = pipeline or default_pipeline()
    with few_collections(), open_executor(executor, jobs) as ex:
        plan, files = fresh_plan(paths, progress)
        sink = FileSink(Path(output), fmt) if output is not None else MemorySink()
        sinks: list = [sink] + ([ShardSink(Path(shards), shard_size)] if shards is not None else [])
        show = progress if progress is not None else (len(plan.sources) > 5 and sys.stderr.isatty())
        done = engine.run(plan, pipeline, sinks, jobs, show, ex)
    result = sink.result
    result.files, result.errors, result.passed_over = files, done.errors, plan.passed_over
    return result


def fresh_plan(paths: list[str | Path], progress: bool | None) -> tuple[engine.Plan, int]:
    """Every document under `paths`, ids made unique; and how many files held one."""
    inventory = find_files(paths)
    plan = engine.Plan(sources=[], errors=list(inventory.errors), passed_over=inventory.passed_over)
    show = progress if progress is not None else (len(inventory.files) > 5 and sys.stderr.isatty())
    files = 0
    for path in tqdm(inventory.files, desc="reading", unit="file", disable=not show, file=sys.stderr):
        found, errors = read_sources(path, inventory.name_of(path))
        plan.errors.extend(errors)
        if found:
            files += 1
            plan.sources.extend(found)
    make_ids_unique(plan.sources)
    set_aside(plan.sources)
    return plan, files
