"""Turn documents and gazetteer records into RDF triples, as the contract says."""
from __future__ import annotations

from typing import Iterable

from pyoxigraph import Literal, NamedNode, Triple

from ..document import Document
from ..gazetteer import Gazetteer
from . import vocab as v
from .mint import hashed, resource


def report_iri(doc: Document) -> NamedNode:
    return resource("Report", doc.id)


def node(kind: str, key: str) -> NamedNode:
    """The IRI of an entity (regions are keyed by their division code, reports by id)."""
    return resource(kind, key)


def zh(text: str) -> Literal:
    return Literal(text, language="zh")


def document_triples(doc: Document) -> list[Triple]:
    """The report node, its metadata, its entities and every extracted fact with evidence."""
    report = report_iri(doc)
    out = [
        Triple(report, v.TYPE, v.rkg("Report")),
        Triple(report, v.rkg("sourceFile"), Literal(doc.source)),
    ]
    if doc.title:
        out.append(Triple(report, v.TITLE, Literal(doc.title)))
    if doc.date:
        out.append(Triple(report, v.DATE, Literal(doc.date, datatype=v.XSD_DATE)))
    if doc.region:
        out.append(Triple(report, v.rkg("aboutRegion"), node("Region", doc.region)))
    if doc.url:
        out.append(Triple(report, v.rkg("url"), Literal(doc.url, datatype=v.XSD_ANYURI)))
    for ent in doc.entities.values():
        if ent.kind == "Region":
            continue  # described once, from the gazetteer
        subject = node(ent.kind, ent.key)
        out.append(Triple(subject, v.TYPE, v.rkg(ent.kind)))
        out.append(Triple(subject, v.LABEL, zh(ent.label)))
        out.extend(Triple(subject, v.ALT_LABEL, zh(a)) for a in sorted(ent.alt_labels) if a != ent.label)
        if ent.kind == "Project":
            out.extend(_project_attributes(doc, report, subject, ent))
    for fact in doc.facts:
        s, o = node(*fact.subject), node(*fact.object)
        p = v.rkg(fact.predicate)
        out.append(Triple(s, p, o))
        if fact.sentence is not None:
            out.extend(_evidence(doc, report, s, p, o, fact.sentence, fact.first_sentence))
    return out


def _project_attributes(doc: Document, report: NamedNode, subject: NamedNode, ent) -> list[Triple]:
    """Capacity, investment (quantity nodes) and status of a project, with evidence."""
    out: list[Triple] = []
    sentence = ent.attributes.get("sentence")
    facts = []
    for prop in ("capacity", "investment"):
        q = ent.attributes.get(prop)
        if q is None:
            continue
        qnode = hashed("Quantity", subject.value, prop, q.lexical, q.unit)
        out += [
            Triple(qnode, v.TYPE, v.rkg("Quantity")),
            Triple(qnode, v.rkg("value"), Literal(q.lexical, datatype=v.XSD_DECIMAL)),
            Triple(qnode, v.rkg("unit"), v.rkg(q.unit)),
            Triple(qnode, v.rkg("sourceText"), Literal(q.text)),
        ]
        facts.append((v.rkg(prop), qnode))
    if ent.attributes.get("status"):
        facts.append((v.rkg("status"), v.rkg(ent.attributes["status"])))
    for p, o in facts:
        out.append(Triple(subject, p, o))
        if sentence is not None:
            out.extend(_evidence(doc, report, subject, p, o, sentence))
    return out


def _evidence(doc: Document, report: NamedNode, s, p, o, index: int, first: int | None = None) -> list[Triple]:
    """The reified statement: evidence is the sentence (from `first` on, when given)."""
    sentence = doc.sentences[index]
    start = doc.sentences[first].start if first is not None else sentence.start
    # one statement node per triple and evidence span: a triple stated twice has two
    st = hashed("Statement", report.value, s.value, p.value, o.value, str(start), str(sentence.end))
    return [
        Triple(st, v.TYPE, v.STATEMENT),
        Triple(st, v.SUBJECT, s),
        Triple(st, v.PREDICATE, p),
        Triple(st, v.OBJECT, o),
        Triple(st, v.DERIVED_FROM, report),
        Triple(st, v.rkg("evidence"), Literal(doc.text[start:sentence.end])),
        Triple(st, v.rkg("startOffset"), Literal(str(start), datatype=v.XSD_INTEGER)),
        Triple(st, v.rkg("endOffset"), Literal(str(sentence.end), datatype=v.XSD_INTEGER)),
    ]


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
            if div.parent:
                out.append(Triple(subject, v.rkg("partOf"), node("Region", div.parent)))
            code = div.parent
    return out
