"""What a network view shows, read out of a store: entities as nodes, relations as edges,
each with the names, attributes and evidence sentences a person wants to read.

The result is a networkx MultiDiGraph; node and edge attributes are plain strings and
lists, so the focus functions and the page writer need no RDF.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import networkx as nx
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse

from ..rdf import vocab as v

KINDS = ("Region", "IndustrialPark", "Enterprise", "Project", "Industry", "Report")
# Relations drawn as edges; anything else between two entities is left out.
RELATIONS = ("builds", "locatedIn", "inIndustry", "hasIndustry", "partOf", "upstreamOf", "aboutRegion")
BROAD_MATCH = v.SKOS + "broadMatch"
EVIDENCE_PER_NODE = 6

_PREFIXES = f"""PREFIX rkg: <{v.RKG}> PREFIX rdfs: <{v.RDFS}> PREFIX skos: <{v.SKOS}>
PREFIX rdf: <{v.RDF}> PREFIX prov: <{v.PROV}> PREFIX dcterms: <{v.DCTERMS}>
"""
_KIND_VALUES = " ".join(f"rkg:{k}" for k in KINDS)


@dataclass(frozen=True)
class Vocabulary:
    """Chinese labels of the ontology's classes, properties, units and statuses."""
    labels: dict[str, str]

    def label(self, iri: str, fallback: str = "") -> str:
        return self.labels.get(iri, fallback or iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1])


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("regionkg.data").joinpath("regionkg.ttl").read_bytes()
    labels: dict[str, str] = {}
    for t in parse(text, format=RdfFormat.TURTLE):
        if (t.predicate.value == v.RDFS + "label" and isinstance(t.object, Literal)
                and t.object.language == "zh" and isinstance(t.subject, NamedNode)):
            labels.setdefault(t.subject.value, t.object.value)
    labels[BROAD_MATCH] = "近似归入"
    labels[v.SKOS + "broader"] = "属于"
    return Vocabulary(labels)


def _rows(store: Store, query: str):
    return store.query(_PREFIXES + query, use_default_graph_as_union=True)


def _number(text: str) -> str:
    """A decimal as a person writes it: 200000.0 → 200000, 1.50 → 1.5."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def read_view_graph(store: Store) -> nx.MultiDiGraph:
    """Every entity of the store as a node and every drawn relation as an edge.

    Node attributes: kind, label, names (other labels), facts (attribute lines),
    evidence (list of {text, report}), model_only (only the chain model names it),
    chains (labels of the chains it belongs to). Edge attributes: relation (local
    name), label (Chinese), evidence.
    """
    vocab = vocabulary()
    g = nx.MultiDiGraph()
    for row in _rows(store, f"""
        SELECT ?s ?kind (SAMPLE(?l) AS ?label) (SAMPLE(?title) AS ?t) WHERE {{
          VALUES ?kind {{ {_KIND_VALUES} }}
          ?s a ?kind .
          OPTIONAL {{ ?s rdfs:label ?l FILTER(lang(?l) = "zh") }}
          OPTIONAL {{ ?s dcterms:title ?title }}
        }} GROUP BY ?s ?kind"""):
        iri = row["s"].value
        kind = row["kind"].value[len(v.RKG):]
        label = (row["label"] or row["t"] or row["s"]).value
        if kind == "Report" and row["t"] is not None:
            label = row["t"].value
        g.add_node(iri, kind=kind, label=label, names=[], facts=[], evidence=[], chains=[], model_only=True)
    # the chain model's industries that no report names are skos:Concept only
    for row in _rows(store, f"""SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{
          ?s a skos:Concept ; rdfs:label ?l FILTER(lang(?l) = "zh" && STRSTARTS(STR(?s), "{v.RKGR}industry/"))
        }} GROUP BY ?s"""):
        if row["s"].value not in g:
            g.add_node(row["s"].value, kind="Industry", label=row["label"].value, names=[], facts=[], evidence=[],
                       chains=[], model_only=True)

    # The chain model types industries of its own; one no report names or links to is
    # "model only" and left to chain views. Asked of the union, so a server answers too.
    for n, d in g.nodes(data=True):
        d["model_only"] = d["kind"] == "Industry"
    for row in _rows(store, """SELECT DISTINCT ?s WHERE { ?s a rkg:Industry .
          { ?r rkg:mentions ?s } UNION { ?x rkg:inIndustry|rkg:hasIndustry ?s } }"""):
        if row["s"].value in g:
            g.nodes[row["s"].value]["model_only"] = False

    for row in _rows(store, """SELECT DISTINCT ?s ?alt WHERE { ?s skos:altLabel ?alt } ORDER BY ?s ?alt"""):
        node = g.nodes.get(row["s"].value)
        if node is not None and row["alt"].value != node["label"]:
            node["names"].append(row["alt"].value)

    relation_values = " ".join(f"rkg:{r}" for r in RELATIONS) + " skos:broader skos:broadMatch"
    for row in _rows(store, f"""SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {relation_values} }} ?s ?p ?o }}"""):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        if s in g and o in g:
            g.add_edge(s, o, key=p, relation=p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], label=vocab.label(p),
                       evidence=[])
    for row in _rows(store, """SELECT DISTINCT ?s ?c ?cl WHERE { ?s rkg:partOfChain ?c . ?c rdfs:label ?cl
                                 FILTER(lang(?cl) = "zh") } ORDER BY ?cl"""):
        node = g.nodes.get(row["s"].value)
        if node is not None and row["cl"].value not in node["chains"]:
            node["chains"].append(row["cl"].value)
    _read_facts(store, g, vocab)
    _read_evidence(store, g)
    return g


def _read_facts(store: Store, g: nx.MultiDiGraph, vocab: Vocabulary) -> None:
    facts: dict[str, list[str]] = defaultdict(list)
    for row in _rows(store, """SELECT ?s ?p ?value ?unit ?text WHERE {
          VALUES ?p { rkg:capacity rkg:investment }
          ?s ?p ?q . ?q rkg:value ?value . OPTIONAL { ?q rkg:unit ?unit } OPTIONAL { ?q rkg:sourceText ?text }
        }"""):
        unit = vocab.label(row["unit"].value) if row["unit"] is not None else ""
        written = f"（{row['text'].value}）" if row["text"] is not None else ""
        facts[row["s"].value].append(
            f"{vocab.label(row['p'].value)}：{_number(row['value'].value)} {unit}{written}".strip())
    for row in _rows(store, """SELECT ?s ?status WHERE { ?s rkg:status ?status }"""):
        facts[row["s"].value].append(f"{vocab.label(v.term('status'), '状态')}：{vocab.label(row['status'].value)}")
    for row in _rows(store, """SELECT ?s ?code ?level WHERE { ?s a rkg:Region ; rkg:adcode ?code .
                                 OPTIONAL { ?s rkg:level ?level } }"""):
        level = f"，{vocab.label(row['level'].value) if isinstance(row['level'], NamedNode) else row['level'].value}" \
            if row["level"] is not None else ""
        facts[row["s"].value].append(f"区划代码：{row['code'].value}{level}")
    for row in _rows(store, """SELECT ?s ?date WHERE { ?s a rkg:Report ; dcterms:date ?date }"""):
        facts[row["s"].value].append(f"日期：{row['date'].value}")
    for iri, lines in facts.items():
        if iri in g:
            g.nodes[iri]["facts"] = sorted(set(lines))


def _read_evidence(store: Store, g: nx.MultiDiGraph) -> None:
    per_node: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _rows(store, """SELECT ?s ?p ?o ?text ?title ?start WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rkg:evidence ?text .
          OPTIONAL { ?st rkg:startOffset ?start }
          OPTIONAL { ?st prov:wasDerivedFrom ?r . ?r dcterms:title ?title }
        } ORDER BY ?title ?start ?text"""):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        item = (row["text"].value, row["title"].value if row["title"] is not None else "")
        for node in (s, o):
            if node in g and item not in per_node[node]:
                per_node[node].append(item)
        if g.has_edge(s, o, key=p):
            edge = g.edges[s, o, p]
            if len(edge["evidence"]) < EVIDENCE_PER_NODE and {"text": item[0], "report": item[1]} not in edge["evidence"]:
                edge["evidence"].append({"text": item[0], "report": item[1]})
    for node, items in per_node.items():
        g.nodes[node]["evidence"] = [{"text": t, "report": r} for t, r in items[:EVIDENCE_PER_NODE]]
        g.nodes[node]["evidence_count"] = len(items)
