"""The one batch procedure behind every build.

A *plan* says what to extract (every input, or what changed since the store's manifest) and
what an earlier build left (the summaries of reports kept as they are). The engine extracts
the plan's documents, extracts again the reports to which the batch now gives something
else (the region of a placeless report, resolved project keys, known project names), and
hands every report graph, every removal and finally the batch's shared triples to its
*sinks*: a graph file, an on-disk store, shards for bulk loaders, the graph in memory of the
Python API. A build with a store and a file feeds both from the same pass. Where documents
are extracted (this process, local worker processes, a Dask cluster) is the *executor*'s
business (executors.py); it gives the results in the order of the work.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pyoxigraph import Triple

from . import hooks
from .executors import Executor, LocalProcesses
from .errors import InputError, merged, no_date
from .extraction import (
    Extracted,
    Summary,
    fault_error,
    given_already,
    placed_by_others,
    resolved_by_batch,
    shared_triples,
)
from .ingest.sources import Source
from .pipeline import Pipeline


@dataclass
class Plan:
    """What a build extracts, and what an earlier build left that it keeps."""

    sources: list[Source]                                      # ids settled, texts set aside
    kept: dict[str, Summary] = field(default_factory=dict)     # report → its summary, unchanged
    before: set[str] = field(default_factory=set)              # reports the sinks hold already
    reread: Callable[[str], Source | None] = lambda report: None   # a kept report's source
    errors: list[InputError] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)


class Sink(Protocol):
    """Where a build's graph goes."""

    def put(self, e: Extracted) -> None:
        """A report's graph, new or replacing the one held."""

    def remove(self, report: str) -> None:
        """A report that is no longer an input."""

    def finish(self, shared: list[Triple], summaries: dict[str, Summary]) -> None:
        """The batch's shared triples, once every report is in."""


@dataclass
class Outcome:
    """What a run did."""

    summaries: dict[str, Summary]
    extracted: int = 0                       # extractions, the second ones included
    redone: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    errors: list[InputError] = field(default_factory=list)


def run(plan: Plan, pipeline: Pipeline, sinks: Iterable[Sink], jobs: int | None = 1,
        progress: bool = False, executor: Executor | None = None) -> Outcome:
    """Extract the plan's documents (on `executor`, else `jobs` local processes), give the
    batch's hints, and feed the sinks."""
    sinks = list(sinks)
    executor = executor or LocalProcesses(jobs)
    out = Outcome(summaries=dict(plan.kept))
    sources: dict[str, Source] = {}
    paths: dict[str, str] = {}

    def take(work: list[tuple], show: bool) -> None:
        for item, e in zip(work, executor.map(pipeline, work, show)):
            for sink in sinks:
                sink.put(e)
            report = e.summary.report
            out.summaries[report] = e.summary.compact()
            sources[report], paths[report] = item[0], e.path
            out.extracted += 1
            hooks.document_taken(out.extracted)

    take([(s, None) for s in plan.sources], progress)
    take(_again(out, _regions_wanted(out.summaries), sources, plan), False)
    take(_again(out, _projects_wanted(pipeline, out.summaries), sources, plan), False)
    out.redone = {r for r in paths if r in plan.kept}
    for report in sorted(plan.before - set(out.summaries)):
        for sink in sinks:
            sink.remove(report)
        out.removed.add(report)
    shared = shared_triples(pipeline, [out.summaries[r] for r in sorted(out.summaries)])
    for sink in sinks:
        sink.finish(shared, out.summaries)
    for report in sorted(paths):
        s = out.summaries[report]
        if s.fault:
            out.errors.append(fault_error(paths[report], s.fault))
        if not s.date and not s.year:
            out.errors.append(no_date(paths[report]))
    out.errors = merged(plan.errors + out.errors)
    return out


Hints = Callable[[str, Summary], tuple | None]   # report, summary → (context, resolved, known) or None


def _regions_wanted(summaries: dict[str, Summary]) -> Hints:
    """A placeless report takes the one region other reports give its parks."""
    desired = placed_by_others(list(summaries.values()))

    def hints(report: str, s: Summary) -> tuple | None:
        if s.context != desired.get(report) and (s.context is not None or report in desired):
            return (desired.get(report),)
        return None
    return hints


def _projects_wanted(pipeline: Pipeline, summaries: dict[str, Summary]) -> Hints:
    """Projects named again are one node: resolved keys and the names related reports know."""
    wanted = resolved_by_batch(pipeline, [summaries[r] for r in sorted(summaries)])

    def hints(report: str, s: Summary) -> tuple | None:
        if given_already(s, wanted.get(report)):
            return None
        return (s.context, *wanted.get(report, ({}, {})))
    return hints


def _again(out: Outcome, hints: Hints, sources: dict[str, Source], plan: Plan) -> list[tuple]:
    """(source, hints…) of each report the batch now gives something else."""
    work = []
    for report, summary in sorted(out.summaries.items()):
        given = hints(report, summary)
        if given is not None:
            source = sources.get(report) or plan.reread(report)
            if source is not None:
                work.append((source, *given))
    return work
