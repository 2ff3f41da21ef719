"""One document in, its triples and a small summary out; and what a batch derives from
the summaries of all its documents (the shared part of the graph).

A document's triples depend only on its own text and, for a report that names no
place, the region another report gives its parks. Everything that depends on several
documents (region descriptions, the latest status of a project, chain links) is
derived from the summaries, so documents can be extracted in any order, in worker
processes, or taken from an earlier build.
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import NamedNode, Triple

from . import __version__
from .errors import InputError
from .extract.projects import STAGE_ORDER
from .extract.stage_kinds import ACHIEVED
from .ingest.sources import Source
from .pipeline import Pipeline
from .rdf.chains import chain_model, vocabulary_individuals
from .rdf.triples import document_lines, region_triples, report_iri
from .rdf.vocab import term
from .resolution import Profile, profiles, rename, resolve
from .rdf.reportgraph import ReportGraph

STATUS = NamedNode(term("status"))


@dataclass
class Summary:
    """What the batch needs to know of a document besides its triples."""

    report: str
    region: str | None = None
    date: str = ""
    region_codes: list[str] = field(default_factory=list)
    park_regions: dict[str, list[str]] = field(default_factory=dict)   # park key → regions
    unplaced_parks: list[str] = field(default_factory=list)            # parks of a placeless report
    industries: dict[str, list[str]] = field(default_factory=dict)     # industry key → names
    statuses: list[tuple[str, str, str]] = field(default_factory=list)  # (project IRI, stage, kind)
    year: int | None = None
    projects: list[Profile] = field(default_factory=list)               # what the batch compares
    resolved: dict[str, str] = field(default_factory=dict)  # project key → the key the batch gave it
    known: str = ""            # digest of the project names the batch gave it (see names_digest)
    context: str | None = None     # the region the batch gave a report whose text names none
    fault: str = ""
    digest: str = ""               # of the report's graph: `push` sends only graphs that changed

    def to_json(self) -> dict:
        """As plain JSON values (made by hand: `dataclasses.asdict` deep-copies, which costs
        seconds over a manifest of thousands of reports)."""
        return {"report": self.report, "region": self.region, "date": self.date, "year": self.year,
                "region_codes": list(self.region_codes),
                "park_regions": {k: list(v) for k, v in self.park_regions.items()},
                "unplaced_parks": list(self.unplaced_parks),
                "industries": {k: list(v) for k, v in self.industries.items()},
                "statuses": [list(x) for x in self.statuses], "context": self.context, "fault": self.fault,
                "projects": [p.to_json() for p in self.projects], "resolved": dict(self.resolved),
                "known": self.known,
                "digest": self.digest}

    @classmethod
    def from_json(cls, data: dict) -> Summary:
        data = dict(data)
        data["statuses"] = [tuple(x) for x in data.get("statuses", [])]
        data["projects"] = [Profile.from_json(p) for p in data.get("projects", [])]
        return cls(**data)

    def compact(self) -> Summary:
        """Share one copy of each name and IRI among all summaries (industry names, codes and
        projects recur across reports): a batch keeps thousands of summaries."""
        i = sys.intern
        self.region_codes = [i(c) for c in self.region_codes]
        self.park_regions = {i(k): [i(c) for c in v] for k, v in self.park_regions.items()}
        self.unplaced_parks = [i(k) for k in self.unplaced_parks]
        self.industries = {i(k): [i(n) for n in v] for k, v in self.industries.items()}
        self.statuses = [(i(p), i(stage), i(kind)) for p, stage, kind in self.statuses]
        return self


@dataclass
class Extracted:
    source_id: str
    path: str
    context: str | None          # the region given from outside (placeless reports), if any
    graph: ReportGraph           # the report's own triples, node-level status left out
    summary: Summary

    def fault_error(self) -> InputError:
        return fault_error(self.path, self.summary.fault)


def fault_error(path: str, fault: str) -> InputError:
    """The message for a report whose later stages failed."""
    return InputError(path, f"extraction stopped early ({fault}); the report, its metadata and regions are kept",
                      kept=True)


def extract(pipeline: Pipeline, source: Source, context: str | None = None,
            resolved: dict[str, str] | None = None, known: dict[str, str] | None = None) -> Extracted:
    """Run the pipeline on one source (with `context` as its region when it names none, the
    project keys the batch resolved to other nodes' keys and the project names it knows from
    related reports)."""
    doc, fault = pipeline.safely(source, context, known)
    projects = profiles(doc)
    rename(doc, resolved or {})
    report = report_iri(doc)
    summary = Summary(report=report.value, region=doc.region, context=context, projects=projects,
                      resolved=dict(resolved or {}), known=names_digest(known or {}),
                      fault=f"{type(fault).__name__}: {fault}" if fault is not None else "")
    codes = {doc.region} if doc.region else set()
    for fact in doc.facts:
        for kind, key in (fact.subject, fact.object):
            if kind == "Region":
                codes.add(key)
        if fact.subject[0] == "IndustrialPark" and fact.predicate == "locatedIn" and fact.object[0] == "Region":
            summary.park_regions.setdefault(fact.subject[1], []).append(fact.object[1])
    summary.region_codes = sorted(c for c in codes if c)
    summary.park_regions = {k: sorted(set(v)) for k, v in sorted(summary.park_regions.items())}
    for (kind, key), ent in sorted(doc.entities.items()):
        if kind == "Industry":
            summary.industries[key] = sorted({ent.label, *ent.alt_labels})
    if doc.region is None or context is not None:
        summary.unplaced_parks = sorted({m.key for m in doc.mentions if m.kind == "IndustrialPark"})
    made = document_lines(doc)
    summary.date = doc.date or ""
    summary.year = doc.year
    summary.statuses = sorted(set(made.statuses))
    graph = ReportGraph("".join(made.lines).encode("utf-8"), made.statements.encode("utf-8"))
    summary.digest = hashlib.sha256(graph.ntriples + b"\0" + graph.statements).hexdigest()[:32]
    return Extracted(source.id, source.path, context, graph, summary)


def placed_by_others(summaries: list[Summary]) -> dict[str, str]:
    """For each placeless report, the one region that other reports give its parks
    (如意工业园区 → 呼和浩特市); reports whose parks point nowhere or to several places stay out."""
    park_regions: dict[str, set[str]] = {}
    for s in summaries:
        if s.context is None:          # only what texts say themselves
            for park, codes in s.park_regions.items():
                park_regions.setdefault(park, set()).update(codes)
    out: dict[str, str] = {}
    for s in summaries:
        if (s.region is None or s.context is not None) and s.unplaced_parks:
            known = sorted({c for park in s.unplaced_parks for c in park_regions.get(park, ())})
            if len(known) == 1:
                out[s.report] = known[0]
    return out


def resolved_by_batch(pipeline: Pipeline, summaries: list[Summary]) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """For each report, the project keys that the batch makes other nodes' names (one
    project named again in a later report) and the project names of related reports (see
    resolution.py)."""
    return resolve(summaries, pipeline.gazetteer, pipeline.lexicons)


def given_already(summary: Summary, wanted: tuple[dict[str, str], dict[str, str]] | None) -> bool:
    """Whether a report was extracted with what the batch now gives it (resolved keys, names)."""
    resolved, known = wanted or ({}, {})
    return summary.resolved == resolved and summary.known == names_digest(known)


def names_digest(known: dict[str, str]) -> str:
    """A short digest of known names: what a summary keeps to tell whether they changed."""
    if not known:
        return ""
    return hashlib.sha256("\n".join(f"{k}\t{v}" for k, v in sorted(known.items())).encode()).hexdigest()[:16]


def shared_triples(pipeline: Pipeline, summaries: list[Summary]) -> list[Triple]:
    """What the batch as a whole says: its regions and their ancestors, the vocabulary's
    individuals, chain links of its industries and the latest status of each project."""
    codes = sorted({c for s in summaries for c in s.region_codes})
    out = region_triples(pipeline.gazetteer, codes)
    out.extend(vocabulary_individuals())
    industries: dict[str, set[str]] = {}
    for s in summaries:
        for key, names in s.industries.items():
            industries.setdefault(key, set()).update(names)
    out.extend(chain_triples(pipeline, industries))
    out.extend(latest_status(summaries))
    return out


def chain_triples(pipeline: Pipeline, industries: dict[str, set[str]]) -> list[Triple]:
    """The chain model, and how the batch's industries (key → names) join it."""
    model = chain_model()
    out = model.triples(named=industries)
    nodes = set(model.nodes())
    matched: set[str] = set()
    for key in sorted(industries):
        if key not in nodes:
            joins, names = model.joins(key, industries[key], pipeline.lexicons)
            out.extend(joins)
            matched |= names
    out.extend(model.extra_nodes(industries, matched))
    return out


def latest_status(summaries: list[Summary]) -> list[Triple]:
    """Each project's status: that of the latest report naming one (each report's own
    stays in its evidence), a stage reached before one aimed at; between reports of one
    year, the later stage."""
    best: dict[str, tuple] = {}
    for s in summaries:
        when = (s.year or 0, s.date)
        for project, stage, kind in s.statuses:
            candidate = (when, kind == ACHIEVED, STAGE_ORDER.index(stage), stage)
            if project not in best or candidate > best[project]:
                best[project] = candidate
    return [Triple(NamedNode(p), STATUS, NamedNode(term(best[p][-1]))) for p in sorted(best)]


@lru_cache(maxsize=8)
def extractor_version(user_lexicons: tuple[str, ...] = ()) -> str:
    """Changes whenever the code's version, a shipped data file or a user lexicon changes:
    an incremental build re-extracts everything then."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    data = resources.files("regionkg.data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith((".tsv", ".ttl"))):
        h.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    for path in user_lexicons:
        h.update(os.fsencode(path) + b"\0")
        with open(path, "rb") as fh:
            h.update(fh.read())
    return h.hexdigest()[:16]
