"""Turn documents and gazetteer records into RDF triples, as the contract says."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Triple

from ..document import Document
from ..extract.stage_kinds import ACHIEVED
from ..extract.projects import STAGE_ORDER
from ..gazetteer import COUNTRY, Gazetteer
from . import vocab as v
from .mint import hashed, normal_name, resource
from .ntriples import StatementWriter, iri, line, literal


def report_iri(doc: Document) -> NamedNode:
    return resource("Report", doc.id)


def node(kind: str, key: str) -> NamedNode:
    """The IRI of an entity (regions are keyed by their division code, reports by id)."""
    return resource(kind, key)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


@dataclass
class DocumentLines:
    """A document's triples: N-Triples lines, and its reified statements as Turtle; the
    (project IRI, stage, kind) of each project's stage in the report, of which the batch states
    the latest as the project's status."""

    lines: list[str]                 # N-Triples lines, but for the statements
    statements: str                  # the reified statements, as Turtle blocks (see ntriples.py)
    statuses: list[tuple[str, str, str]]     # (project IRI, stage, kind)


def document_lines(doc: Document) -> DocumentLines:
    """The report node, its metadata, its entities and every extracted fact with evidence."""
    report = report_iri(doc).value
    R = iri(report)
    out = [line(R, _TYPE, _REPORT), line(R, _SOURCE_FILE, literal(doc.source))]
    if doc.title:
        out.append(line(R, _TITLE, literal(doc.title)))
    if doc.date:
        out.append(line(R, _DATE, literal(doc.date, datatype=v.XSD + "date")))
    if doc.year:
        out.append(line(R, _YEAR, literal(f"{doc.year:04d}", datatype=v.XSD_GYEAR.value)))
    if doc.region:
        out.append(line(R, _ABOUT_REGION, iri(_node("Region", doc.region))))
    if doc.url:
        out.append(line(R, _URL, literal(doc.url, datatype=v.XSD + "anyURI")))
    statuses: list[tuple[str, str, str]] = []
    evidence = _Evidence(doc, report)
    for ent in doc.entities.values():
        if ent.kind == "Region":
            continue  # described once, from the gazetteer
        subject = _node(ent.kind, ent.key)
        S = iri(subject)
        out.append(line(S, _TYPE, _CLASSES[ent.kind]))
        label = normal_name(ent.label)           # one label per node: names of one IRI share it
        out.append(line(S, _LABEL, literal(label, "zh")))
        out.extend(line(S, _ALT_LABEL, literal(a, "zh")) for a in sorted(ent.alt_labels | {ent.label}) if a != label)
        if ent.kind == "Project":
            out.extend(_project_attributes(evidence, subject, ent, statuses))
    for fact in doc.facts:
        s, o = _node(*fact.subject), _node(*fact.object)
        p = v.term(fact.predicate)
        out.append(line(iri(s), iri(p), iri(o)))
        if fact.sentence is not None:
            evidence(s, p, iri(o), fact.sentence, fact.first_sentence)
    return DocumentLines(out, evidence.turtle(), statuses)


def _project_attributes(evidence: _Evidence, subject: str, ent, statuses: list[tuple[str, str, str]]) -> list[str]:
    """Capacity, investment (quantity nodes) and status of a project, with evidence."""
    out: list[str] = []
    sentence = ent.attributes.get("sentence")
    facts = []
    for prop in ("capacity", "investment"):
        q = ent.attributes.get(prop)
        if q is None:
            continue
        Q = iri(hashed("Quantity", subject, prop, q.lexical, q.unit).value)
        out += [
            line(Q, _TYPE, _QUANTITY),
            line(Q, _VALUE, literal(q.lexical, datatype=v.XSD + "decimal")),
            line(Q, _UNIT, iri(v.term(q.unit))),
            line(Q, _SOURCE_TEXT, literal(q.text)),
        ]
        facts.append((v.term(prop), Q))
    stages = ent.attributes.get("stages", [])
    reached = any(kind == ACHIEVED for _, _, kind in stages)
    for index, stage, kind in stages:
        # the report's stage is what it says was reached; a target counts only without one
        p = v.term("targetStatus" if reached and kind != ACHIEVED else "status")
        evidence.stage(subject, p, stage, kind, index)
    best = _report_stage(stages)
    if best is not None:
        statuses.append((subject, *best))
    S = iri(subject)
    for p, o in facts:
        out.append(line(S, iri(p), o))
        if sentence is not None:
            evidence(subject, p, o, sentence)
    if ent.attributes.get("product"):   # its evidence is that of the rkg:inIndustry fact
        out.append(line(S, _PRODUCT, iri(_node("Industry", ent.attributes["product"]))))
    return out


class _Evidence:
    """The reified statements of a document, as Turtle blocks: evidence is the sentence
    (from `first` on, when given); one statement node per triple and evidence span."""

    write = StatementWriter()
    write_kind = StatementWriter({"kind": v.term("stageKind")})
    write_staged = StatementWriter({"kind": v.term("stageKind"), "year": v.term("year")})

    def __init__(self, doc: Document, report: str):
        self.doc, self.report, self.R = doc, report, iri(report)
        self.blocks: dict[str, str] = {}                                   # statement IRI → block
        self._texts: dict[tuple[int, int], str] = {}                       # a span's evidence literal, made once

    def __call__(self, s: str, p: str, o: str, index: int, first: int | None = None) -> None:
        doc = self.doc
        sentence = doc.sentences[index]
        start = doc.sentences[first].start if first is not None else sentence.start
        text = self._texts.get((start, sentence.end))
        if text is None:
            text = self._texts[(start, sentence.end)] = literal(doc.text[start:sentence.end])
        st = hashed("Statement", self.report, s, p, o[1:-1], str(start), str(sentence.end)).value
        if st not in self.blocks:
            self.blocks[st] = self.write(st, s, p, o, self.R, text, start, sentence.end)

    def stage(self, s: str, p: str, stage: str, kind: str, index: int) -> None:
        """A project's stage as the sentence states it: done or aimed at, and the report's year."""
        sentence = self.doc.sentences[index]
        o = iri(v.term(stage))
        st = hashed("Statement", self.report, s, p, o[1:-1], str(sentence.start), str(sentence.end)).value
        if st not in self.blocks:
            extras = {"kind": iri(v.term(kind))}
            if self.doc.year:
                extras["year"] = literal(f"{self.doc.year:04d}", datatype=v.XSD_GYEAR.value)
            writer = self.write_staged if self.doc.year else self.write_kind
            self.blocks[st] = writer(st, s, p, o, self.R, literal(self.doc.text[sentence.start:sentence.end]),
                                     sentence.start, sentence.end, **extras)

    def turtle(self) -> str:
        return "".join(self.blocks[st] for st in sorted(self.blocks))


def _report_stage(stages: list[tuple[int, str, str]]) -> tuple[str, str] | None:
    """(stage, kind) of the report for a project: the latest reached, else the latest aimed at."""
    reached = [(stage, kind) for _, stage, kind in stages if kind == ACHIEVED]
    pool = reached or [(stage, kind) for _, stage, kind in stages]
    return max(pool, key=lambda x: STAGE_ORDER.index(x[0])) if pool else None


@lru_cache(maxsize=100_000)
def _node(kind: str, key: str) -> str:
    return node(kind, key).value


_TYPE = iri(v.RDF + "type")
_LABEL = iri(v.RDFS + "label")
_ALT_LABEL = iri(v.SKOS + "altLabel")
_TITLE = iri(v.DCTERMS + "title")
_PRODUCT = iri(v.term("product"))
_DATE = iri(v.DCTERMS + "date")
_SOURCE_FILE, _ABOUT_REGION, _URL, _YEAR = (iri(v.term(n)) for n in ("sourceFile", "aboutRegion", "url", "year"))
_VALUE, _UNIT, _SOURCE_TEXT = (iri(v.term(n)) for n in ("value", "unit", "sourceText"))
_REPORT, _QUANTITY = iri(v.term("Report")), iri(v.term("Quantity"))
_CLASSES = {kind: iri(v.term(kind)) for kind in v.RESOURCE_PATHS if kind != "Statement"}   # rdf:Statement


def region_triples(gazetteer: Gazetteer, codes: Iterable[str]) -> list[Triple]:
    """Describe the regions with these codes and all their ancestors."""
    out: list[Triple] = []
    done: set[str] = set()
    for code in codes:
        while code and code not in done:
            done.add(code)
            div = gazetteer.divisions[code]
            subject = node("Region", code)
            out.append(Triple(subject, v.TYPE, v.rkg("Region")))
            out.append(Triple(subject, v.LABEL, zh(div.name)))
            out.extend(Triple(subject, v.ALT_LABEL, zh(a)) for a in div.aliases)
            out.append(Triple(subject, v.rkg("adcode"), Literal(div.code)))
            out.append(Triple(subject, v.rkg("level"), v.rkg(v.LEVELS[div.level])))
            parent = div.parent or (COUNTRY if div.level == "province" else "")
            if parent:   # provinces lie in the country: a query about 全国 reaches every region
                out.append(Triple(subject, v.rkg("partOf"), node("Region", parent)))
            code = parent
    return out
