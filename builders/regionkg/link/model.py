"""Links and facts found at an endpoint, and the RDF they become.

A link is a direct triple (`owl:sameAs`, `skos:exactMatch` or `skos:closeMatch`) plus a
reified statement that says how it was found:

    region:150581 owl:sameAs wd:Q1023729 .
    statement:… a rdf:Statement ; rdf:subject region:150581 ; rdf:predicate owl:sameAs ;
        rdf:object wd:Q1023729 ; rkg:linkMethod rkg:DivisionCodeMatch ; rkg:linkScore 1.0 ;
        rkg:matchedOn "15 05 81" ; prov:wasDerivedFrom <endpoint> ; dcterms:date "…"^^xsd:date .

A fact (enrichment) is a typed literal on the linked node with a statement of the same
kind, whose `dcterms:source` is the external item it was read from. Statement IRIs are
hashes of what they state, so output is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Triple

from ..rdf import vocab as v
from ..rdf.mint import hashed

SAME_AS = v.OWL + "sameAs"
EXACT_MATCH = v.SKOS + "exactMatch"
CLOSE_MATCH = v.SKOS + "closeMatch"
GEO = "http://www.opengis.net/ont/geosparql#"
WKT_LITERAL = GEO + "wktLiteral"
SOURCE = NamedNode(v.DCTERMS + "source")


@dataclass(frozen=True)
class Link:
    subject: str
    predicate: str  # SAME_AS, EXACT_MATCH or CLOSE_MATCH
    item: str  # the external resource
    method: str  # an rkg: LinkMethod individual: DivisionCodeMatch or LabelMatch
    score: Decimal
    matched_on: str  # the code form or the name that matched
    endpoint: str
    date: str  # YYYY-MM-DD: when the endpoint gave the answer


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str  # a full property IRI, e.g. rkg:population
    value: str
    datatype: str
    item: str  # the external resource the value was read from
    endpoint: str
    date: str
    point_in_time: str | None = None  # as the source dates the value (Wikidata P585)


def _provenance(st: NamedNode, endpoint: str, date: str) -> list[Triple]:
    return [Triple(st, v.DERIVED_FROM, NamedNode(endpoint)), Triple(st, v.DATE, Literal(date, datatype=v.XSD_DATE))]


def _statement(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> tuple[NamedNode, list[Triple]]:
    st = hashed("Statement", "link", s.value, p.value, str(o))
    return st, [Triple(s, p, o), Triple(st, v.TYPE, v.STATEMENT), Triple(st, v.SUBJECT, s),
                Triple(st, v.PREDICATE, p), Triple(st, v.OBJECT, o)]


def link_triples(link: Link) -> list[Triple]:
    st, triples = _statement(NamedNode(link.subject), NamedNode(link.predicate), NamedNode(link.item))
    return triples + [
        Triple(st, v.rkg("linkMethod"), v.rkg(link.method)),
        Triple(st, v.rkg("linkScore"), Literal(str(link.score), datatype=v.XSD_DECIMAL)),
        Triple(st, v.rkg("matchedOn"), Literal(link.matched_on)),
        *_provenance(st, link.endpoint, link.date),
    ]


def fact_triples(fact: Fact) -> list[Triple]:
    value = Literal(fact.value, datatype=NamedNode(fact.datatype))
    st, triples = _statement(NamedNode(fact.subject), NamedNode(fact.predicate), value)
    triples += [Triple(st, SOURCE, NamedNode(fact.item)), *_provenance(st, fact.endpoint, fact.date)]
    if fact.point_in_time:
        triples.append(Triple(st, v.rkg("pointInTime"), Literal(fact.point_in_time, datatype=v.XSD_DATE)))
    return triples
