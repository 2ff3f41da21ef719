"""Build a graph from input paths: read, run the pipeline, collect triples."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Triple

from .extract.projects import STAGE_ORDER as STAGES
from .rdf.vocab import DATE, RKG
from tqdm import tqdm

from .errors import InputError
from .ingest.sources import find_files, make_ids_unique, read_sources
from .pipeline import Pipeline, default_pipeline
from .rdf.chains import chain_model, vocabulary_individuals
from .rdf.mint import resource
from .rdf.triples import document_triples, region_triples, report_iri
from .rdf.writer import serialize_graph


@dataclass
class BuildResult:
    """What a build made and what it could not use."""

    per_report: dict[NamedNode, list[Triple]] = field(default_factory=dict)
    shared: list[Triple] = field(default_factory=list)
    files: int = 0
    errors: list[InputError] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len(self.per_report)

    def serialize(self, fmt: str = "turtle") -> bytes:
        return serialize_graph(self.shared, self.per_report, fmt)

    def triples(self) -> set[Triple]:
        out = set(self.shared)
        for triples in self.per_report.values():
            out.update(triples)
        return out


def build(paths: list[str | Path], pipeline: Pipeline | None = None, progress: bool | None = None) -> BuildResult:
    """Build the graph of every report under `paths`.

    Unreadable files are recorded in `errors` and skipped; the rest is built.
    """
    pipeline = pipeline or default_pipeline()
    inventory = find_files(paths)
    result = BuildResult(errors=list(inventory.errors), passed_over=inventory.passed_over)
    sources = []
    show = progress if progress is not None else (len(inventory.files) > 5 and sys.stderr.isatty())
    for path in tqdm(inventory.files, desc="reading", unit="file", disable=not show, file=sys.stderr):
        found, errors = read_sources(path)
        result.errors.extend(errors)
        if found:
            result.files += 1
            sources.extend(found)
    make_ids_unique(sources)
    region_codes: set[str] = set()
    unplaced: list[tuple[object, list[str]]] = []
    park_regions: dict[str, set[str]] = {}
    industries: dict[str, set[str]] = {}
    for source in tqdm(sources, desc="building", unit="doc", disable=not show, file=sys.stderr):
        doc, fault = pipeline.safely(source)
        if fault is not None:
            result.errors.append(InputError(source.path, f"extraction stopped early ({type(fault).__name__}: {fault}); "
                                                         "the report, its metadata and regions are kept", kept=True))
        for fact in doc.facts:
            if fact.subject[0] == "IndustrialPark" and fact.predicate == "locatedIn" and fact.object[0] == "Region":
                park_regions.setdefault(fact.subject[1], set()).add(fact.object[1])
        for (kind, key), ent in doc.entities.items():
            if kind == "Industry":
                industries.setdefault(key, set()).update({ent.label, *ent.alt_labels})
        if doc.region is None:
            unplaced.append((source, sorted({m.key for m in doc.mentions if m.kind == "IndustrialPark"})))
        result.per_report[report_iri(doc)] = document_triples(doc)
        region_codes.update(key for kind, key in _entity_refs(doc) if kind == "Region")
    for source, parks in unplaced:
        # a report that names no place, but a park that other reports place (如意工业园区 → 呼和浩特市)
        known = sorted({code for park in parks for code in park_regions.get(park, ())})
        if len(known) == 1:
            doc = pipeline.document(source)
            doc.region = known[0]
            doc = pipeline(doc)
            result.per_report[report_iri(doc)] = document_triples(doc)
            region_codes.update(key for kind, key in _entity_refs(doc) if kind == "Region")
    result.shared = region_triples(pipeline.gazetteer, sorted(region_codes))
    chains = chain_model()  # the model itself joins the graph in stores and queries, not in the file
    result.shared.extend(vocabulary_individuals())
    _keep_latest_status(result)
    for key in sorted(industries):
        result.shared.extend(chains.links(resource("Industry", key), industries[key]))
    return result


def _entity_refs(doc):
    if doc.region:
        yield ("Region", doc.region)
    for fact in doc.facts:
        yield fact.subject
        yield fact.object


def _keep_latest_status(result: BuildResult) -> None:
    """A project named in several reports keeps the stage of the latest one on its node
    (each report's own statement stays in its evidence); ties go to the later stage."""
    status_p = NamedNode(RKG + "status")
    dates = {}
    for report, triples in result.per_report.items():
        dates[report] = next((t.object.value for t in triples if t.subject == report and t.predicate == DATE), "")
    stated: dict[NamedNode, list[tuple[str, int, NamedNode, NamedNode]]] = {}
    for report, triples in result.per_report.items():
        for t in triples:
            if t.predicate == status_p:
                stated.setdefault(t.subject, []).append((dates[report], STAGES.index(t.object.value.rsplit("#", 1)[1]), t.object, report))
    for project, values in stated.items():
        if len({v[2] for v in values}) < 2:
            continue
        best = max(values, key=lambda v: (v[0], v[1]))[2]
        for report in {v[3] for v in values}:
            result.per_report[report] = [t for t in result.per_report[report]
                                         if not (t.subject == project and t.predicate == status_p and t.object != best)]
