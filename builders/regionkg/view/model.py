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

    Node attributes: kind, label, names (other labels), facts (attribute lines), stages
    (list of {stage, year, kind, report}), evidence (every {text, report} that states
    something of it, ordered by report year), model_only (only the chain model names it),
    chains (labels of the chains it belongs to), province (the IRI of the province it lies
    in, or ""), region_level (of a region: Province, Prefecture, County …).
    Edge attributes: relation (local name), label (Chinese), evidence.
    Graph attribute reports: report IRI → {title, year, region}.
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
        g.add_node(iri, **_blank_node(kind, label))
    # the chain model's industries that no report names are skos:Concept only
    for row in _rows(store, f"""SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{
          ?s a skos:Concept ; rdfs:label ?l FILTER(lang(?l) = "zh" && STRSTARTS(STR(?s), "{v.RKGR}industry/"))
        }} GROUP BY ?s"""):
        if row["s"].value not in g:
            g.add_node(row["s"].value, **_blank_node("Industry", row["label"].value))

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
    g.graph["reports"] = _read_reports(store)
    _read_facts(store, g, vocab)
    _read_stages(store, g, vocab)
    _read_evidence(store, g)
    _place_in_provinces(store, g)
    return g


def _blank_node(kind: str, label: str) -> dict:
    return {"kind": kind, "label": label, "names": [], "facts": [], "stages": [], "evidence": [], "chains": [],
            "model_only": True, "province": ""}


def _read_reports(store: Store) -> dict[str, dict[str, str]]:
    """Whose report and which year: what a citation needs besides the title."""
    out = {}
    for row in _rows(store, """SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?d) AS ?date)
          (SAMPLE(?rl) AS ?region) WHERE { ?r a rkg:Report . OPTIONAL { ?r dcterms:title ?t }
          OPTIONAL { ?r rkg:year ?y } OPTIONAL { ?r dcterms:date ?d }
          OPTIONAL { ?r rkg:aboutRegion/rdfs:label ?rl FILTER(lang(?rl) = "zh") } } GROUP BY ?r"""):
        year = row["year"] or row["date"]
        out[row["r"].value] = {"title": row["title"].value if row["title"] is not None else "",
                               "year": year.value[:4] if year is not None else "",
                               "region": row["region"].value if row["region"] is not None else ""}
    return out


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
    for row in _rows(store, """SELECT ?s ?code ?level WHERE { ?s a rkg:Region ; rkg:adcode ?code .
                                 OPTIONAL { ?s rkg:level ?level } }"""):
        level = f"，{vocab.label(row['level'].value) if isinstance(row['level'], NamedNode) else row['level'].value}" \
            if row["level"] is not None else ""
        facts[row["s"].value].append(f"区划代码：{row['code'].value}{level}")
        if isinstance(row["level"], NamedNode) and row["s"].value in g:
            g.nodes[row["s"].value]["region_level"] = row["level"].value.rsplit("#", 1)[-1]
    for row in _rows(store, """SELECT ?s ?date WHERE { ?s a rkg:Report ; dcterms:date ?date }"""):
        facts[row["s"].value].append(f"日期：{row['date'].value}")
    for iri, lines in facts.items():
        if iri in g:
            g.nodes[iri]["facts"] = sorted(set(lines))


def _read_stages(store: Store, g: nx.MultiDiGraph, vocab: Vocabulary) -> None:
    """Each stage a report states of a project, with the report's year and whether it was
    reached or aimed at (`reached` None where the graph does not say); a stage no statement
    dates is listed without a year."""
    stated: dict[str, set[tuple[str, str, str, str, bool | None]]] = defaultdict(set)
    for row in _rows(store, """SELECT ?s ?stage ?year ?kind ?report WHERE {
          VALUES ?p { rkg:status rkg:targetStatus } ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?stage .
          OPTIONAL { ?st rkg:year ?year } OPTIONAL { ?st rkg:stageKind ?kind }
          OPTIONAL { ?st prov:wasDerivedFrom ?report } }"""):
        stated[row["s"].value].add((
            row["year"].value if row["year"] is not None else "", vocab.label(row["stage"].value),
            vocab.label(row["kind"].value) if row["kind"] is not None else "",
            row["report"].value if row["report"] is not None else "",
            None if row["kind"] is None else row["kind"].value == v.RKG + "Achieved"))
    for row in _rows(store, """SELECT ?s ?stage WHERE { ?s rkg:status ?stage }"""):
        label = vocab.label(row["stage"].value)
        if not any(stage == label for _, stage, *_ in stated[row["s"].value]):
            stated[row["s"].value].add(("", label, "", "", None))
    for iri, stages in stated.items():
        if iri in g:
            g.nodes[iri]["stages"] = [{"year": y, "stage": s, "kind": k, "report": r, "reached": done}
                                      for y, s, k, r, done in sorted(stages)]


def _read_evidence(store: Store, g: nx.MultiDiGraph) -> None:
    """Every sentence behind what is said of a node or an edge, oldest report first. A
    node leaves out sentences that are only its report's title (a mention in a heading)."""
    reports = g.graph["reports"]
    per_node: dict[str, dict[tuple[str, str], tuple]] = defaultdict(dict)
    per_edge: dict[tuple[str, str, str], dict[tuple[str, str], tuple]] = defaultdict(dict)
    for row in _rows(store, """SELECT ?s ?p ?o ?text ?report ?start WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rkg:evidence ?text .
          OPTIONAL { ?st rkg:startOffset ?start } OPTIONAL { ?st prov:wasDerivedFrom ?report } }"""):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        report = row["report"].value if row["report"] is not None else ""
        item = (row["text"].value, report)
        about = reports.get(report, {})
        order = (about.get("year", ""), about.get("region", ""), report,
                 int(row["start"].value) if row["start"] is not None else -1, item[0])
        if item[0] != about.get("title"):
            for node in (s, o):
                if node in g:
                    per_node[node].setdefault(item, order)
        if g.has_edge(s, o, key=p):
            per_edge[(s, o, p)].setdefault(item, order)
    for node, items in per_node.items():
        g.nodes[node]["evidence"] = _ordered(items)
    for key, items in per_edge.items():
        g.edges[key]["evidence"] = _ordered(items)


def _ordered(items: dict[tuple[str, str], tuple]) -> list[dict[str, str]]:
    return [{"text": t, "report": r} for (t, r), _ in sorted(items.items(), key=lambda kv: (kv[1], kv[0]))]


def _place_in_provinces(store: Store, g: nx.MultiDiGraph) -> None:
    """The province each node lies in, so a page can fold a province into one node:
    regions by partOf, projects and parks by where they are, reports by their region, an
    enterprise by its projects when they all lie in one province. Industries lie nowhere."""
    province = {}
    for row in _rows(store, """SELECT DISTINCT ?r ?p WHERE { ?p a rkg:Region ; rkg:level rkg:Province .
                                 ?r rkg:partOf* ?p }"""):
        province.setdefault(row["r"].value, set()).add(row["p"].value)
    where = {n: min(ps) for n, ps in province.items() if len(ps) == 1 and n in g}
    for relation in ("locatedIn", "aboutRegion", "locatedIn"):       # parks first place the projects in them
        for s, o, r in sorted(g.edges(data="relation")):
            if r == relation and s not in where and o in where and g.nodes[s]["kind"] != "Region":
                where[s] = where[o]
    for n, kind in g.nodes(data="kind"):
        if kind == "Enterprise" and n not in where:
            found = {where.get(o) for _, o, r in g.out_edges(n, data="relation") if r == "builds"}
            if len(found) == 1 and None not in found:
                where[n] = found.pop()
    for n, p in where.items():
        if p in g:
            g.nodes[n]["province"] = p
