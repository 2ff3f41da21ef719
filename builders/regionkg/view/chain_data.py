"""What the chain dashboard shows, read from a store: a chain's links in supply order, each
present (its projects and enterprises in the region) or a gap, and a table of its projects.

Gaps are the rows of the library query `missing-links` and the table rows those of
`chain-enterprises`, for the same chain and region, so the page cannot disagree with the
queries; the queries below only add details (levels, capacity, stage, evidence).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
from pyoxigraph import Literal, Store, Variable

from .. import query as q
from ..rdf import vocab as v
from .focus import _set_levels
from .model import vocabulary

_PREFIXES = f"""PREFIX rkg: <{v.RKG}> PREFIX rdfs: <{v.RDFS}> PREFIX skos: <{v.SKOS}>
PREFIX rdf: <{v.RDF}> PREFIX prov: <{v.PROV}> PREFIX dcterms: <{v.DCTERMS}>
"""
_CHAIN = "?c a rkg:IndustryChain ; rdfs:label|skos:altLabel ?chain ."
_REGION = "?r a rkg:Region ; rdfs:label|skos:altLabel ?region ."
MEMBERS = f"""SELECT DISTINCT ?chain ?m ?label WHERE {{ {_CHAIN}
  ?m a skos:Concept ; rkg:partOfChain ?c ; rdfs:label ?label }}"""
MODEL_EDGES = f"""SELECT DISTINCT ?chain ?s ?p ?o WHERE {{ {_CHAIN}
  ?s rkg:partOfChain ?c . VALUES ?p {{ rkg:upstreamOf skos:broader }} ?s ?p ?o }}"""
BROADER = "SELECT DISTINCT ?s ?o WHERE { ?s skos:broader ?o }"
# What makes a link present (the complement of missing-links): anything in the region
# whose industry is the link or a kind of it.
PRESENT = f"""SELECT DISTINCT ?chain ?region ?m ?x ?kind ?i WHERE {{ {_CHAIN} {_REGION}
  ?m a skos:Concept ; rkg:partOfChain ?c .
  ?x rkg:inIndustry ?i . ?i skos:broader* ?m . ?x (rkg:locatedIn|rkg:partOf)+ ?r .
  OPTIONAL {{ ?x a ?kind FILTER(?kind IN (rkg:Project, rkg:Enterprise, rkg:IndustrialPark, rkg:Region)) }} }}"""
PLANNED = f"""SELECT DISTINCT ?chain ?region ?m ?h WHERE {{ {_CHAIN} {_REGION}
  ?m a skos:Concept ; rkg:partOfChain ?c .
  ?h rkg:hasIndustry ?i . ?i skos:broader* ?m . ?h (rkg:locatedIn|rkg:partOf)* ?r }}"""
CAPACITY = """SELECT DISTINCT ?p ?value ?unit ?text WHERE { VALUES ?p { %s }
  ?p rkg:capacity ?q . ?q rkg:value ?value . OPTIONAL { ?q rkg:unit ?unit } OPTIONAL { ?q rkg:sourceText ?text } }"""
STAGE = """SELECT DISTINCT ?p ?stage ?order ?year ?kind WHERE { VALUES ?p { %s }
  ?p rkg:status ?stage . OPTIONAL { ?stage rkg:stageOrder ?order }
  OPTIONAL { ?st rdf:subject ?p ; rdf:predicate rkg:status ; rdf:object ?stage ; rkg:year ?year .
             OPTIONAL { ?st rkg:stageKind ?kind } } }"""
# The sentences behind what is said of the nodes (mentions left out), with their reports.
EVIDENCE = """SELECT DISTINCT ?x ?text ?report ?start WHERE { VALUES ?x { %s }
  { ?st rdf:subject ?x } UNION { ?st rdf:object ?x }
  ?st rdf:predicate ?p ; rkg:evidence ?text ; prov:wasDerivedFrom ?report . FILTER(?p != rkg:mentions)
  OPTIONAL { ?st rkg:startOffset ?start } }"""
REPORTS = """SELECT ?report (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) (SAMPLE(?rl) AS ?region)
  WHERE { VALUES ?report { %s } OPTIONAL { ?report dcterms:title ?t } OPTIONAL { ?report rkg:year ?y }
  OPTIONAL { ?report rkg:aboutRegion/rdfs:label ?rl FILTER(lang(?rl) = "zh") } } GROUP BY ?report"""
# What the region's reports say of a link (a gap's plans among them).
LINK_EVIDENCE = f"""SELECT DISTINCT ?region ?x ?text ?report ?start WHERE {{ {_REGION} VALUES ?x {{ %s }}
  ?st rdf:object ?x ; rdf:predicate ?p ; rkg:evidence ?text ; prov:wasDerivedFrom ?report .
  ?report rkg:aboutRegion/rkg:partOf* ?r . OPTIONAL {{ ?st rkg:startOffset ?start }} }}"""
NAMES = """SELECT DISTINCT ?x ?name WHERE { VALUES ?x { %s } ?x skos:altLabel ?name }"""
PLACES = """SELECT ?place (SAMPLE(?pl) AS ?label) (SAMPLE(?rl) AS ?region) WHERE { VALUES ?place { %s }
  ?place rdfs:label ?pl FILTER(lang(?pl) = "zh")
  OPTIONAL { ?place rkg:locatedIn+ ?reg . ?reg a rkg:Region ; rdfs:label ?rl FILTER(lang(?rl) = "zh")
             FILTER NOT EXISTS { ?place a rkg:Region } } } GROUP BY ?place"""


@dataclass(frozen=True)
class Report:
    title: str
    year: str
    region: str


@dataclass
class Node:
    """A project, an enterprise or a link: what the side panel shows."""
    iri: str
    label: str
    kind: str
    evidence: list[tuple[str, str]] = field(default_factory=list)     # (sentence, report IRI)
    names: list[str] = field(default_factory=list)                    # other names (skos:altLabel)


@dataclass
class Project(Node):
    links: list[str] = field(default_factory=list)         # the most specific links it is in
    owners: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    industry: str = ""
    capacity: list[tuple[float, str, str]] = field(default_factory=list)   # (value, unit IRI, as written)
    stage: str = ""
    stage_year: str = ""
    stage_kind: str = ""


@dataclass
class Link(Node):
    level: int = 0
    depth: int = 0                     # how far down the kinds of a link in its column
    umbrella: bool = False             # no supply of its own, only kinds (铝基新材料): drawn last
    gap: bool = False
    planned: bool = False
    supplies: list[str] = field(default_factory=list)     # link IRIs it supplies
    supplies_text: str = ""            # missing-links' `supplies`, for a gap
    broader: list[str] = field(default_factory=list)      # links it is a kind of
    projects: list[str] = field(default_factory=list)     # drawn here
    enterprises: list[str] = field(default_factory=list)  # in it without a project here
    via: list[str] = field(default_factory=list)          # narrower links that make it present
    others: list[str] = field(default_factory=list)       # other things that make it present


@dataclass(frozen=True)
class Row:
    """One row of chain-enterprises: enterprise × project × place."""
    enterprise: str | None
    project: str
    industry: str
    place: str


@dataclass
class Dashboard:
    chain: str
    region: str
    links: list[Link]
    projects: dict[str, Project]
    enterprises: dict[str, Node]
    rows: list[Row]
    gaps: list[str]                    # missing-links' `missing`, in its order
    places: dict[str, tuple[str, str]]          # place IRI → (label, region label)
    reports: dict[str, Report]


def _bindings(chain: str, region: str) -> dict:
    """Substitutions for ?chain and ?region (oxigraph binds projected variables only)."""
    value = q.COUNTRY_LABEL if region == q.ALL_REGIONS else region
    return {Variable("chain"): Literal(chain, language="zh"), Variable("region"): Literal(value, language="zh")}


def _select(store: Store, text: str, bindings: dict | None = None):
    used = {k: val for k, val in (bindings or {}).items() if f"?{k.value} " in text}
    return store.query(_PREFIXES + text, use_default_graph_as_union=True, substitutions=used)


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in sorted(iris)) or "<urn:x-none>"


def _library(store: Store, name: str, chain: str, region: str) -> list[dict]:
    columns, rows = q.run(store, q.resolve(name), {"chain": chain, "region": region})
    return [{c: (t.value if t is not None else None) for c, t in zip(columns, row)} for row in rows]


def read_dashboard(store: Store, chain: str, region: str | None = None) -> Dashboard:
    """A chain in a region (None: all regions). Raises query.UnknownName for a chain or
    region the graph does not hold."""
    region = region or q.ALL_REGIONS
    missing = _library(store, "missing-links", chain, region)
    rows = [Row(r["enterprise"], r["project"], _sorted_list(r["industry"]), r["place"])
            for r in _library(store, "chain-enterprises", chain, region)]
    bind = _bindings(chain, region)
    links = {r["m"].value: Link(r["m"].value, r["label"].value, "Link")
             for r in _select(store, MEMBERS, bind)}
    _read_model(store, links, bind)
    by_label = {link.label: link for link in links.values()}
    for r in missing:
        link = by_label[r["missing"]]
        link.gap, link.planned, link.supplies_text = True, r["planned"] == "true", _sorted_list(r["supplies"])
    for r in _select(store, PLANNED, bind):
        links[r["m"].value].planned = True
    projects = _read_projects(store, rows, links)
    enterprises = {e: Node(e, q.label_of(store, _node(e)), "Enterprise") for e in {r.enterprise for r in rows} if e}
    _read_presence(store, links, projects, enterprises, bind)
    _read_evidence(store, [*projects.values(), *enterprises.values()], EVIDENCE, {})
    _read_evidence(store, list(links.values()), LINK_EVIDENCE, bind)
    _read_names(store, [*projects.values(), *enterprises.values(), *links.values()])
    places = _read_places(store, {r.place for r in rows})
    iris = {rep for n in (*projects.values(), *enterprises.values(), *links.values()) for _, rep in n.evidence}
    reports = _read_reports(store, iris)
    ordered = sorted(links.values(), key=lambda x: (x.level, x.umbrella, _column_key(x, links), x.label))
    return Dashboard(chain, region, ordered, projects, enterprises, rows, [r["missing"] for r in missing],
                     places, reports)


def _sorted_list(text: str | None) -> str:
    """A GROUP_CONCAT (、) in a stable order: servers concatenate in any order."""
    return "、".join(sorted(text.split("、"))) if text else ""


def _node(iri: str):
    from pyoxigraph import NamedNode

    return NamedNode(iri)


def _read_model(store: Store, links: dict[str, Link], bind: dict) -> None:
    """Supply edges and kinds among the links, and each link's column (its supply level)."""
    g = nx.MultiDiGraph()
    g.add_nodes_from(links)
    for r in _select(store, MODEL_EDGES, bind):
        s, p, o = r["s"].value, r["p"].value, r["o"].value
        if s in links and o in links and s != o:
            relation = "upstreamOf" if p.endswith("upstreamOf") else "broader"
            g.add_edge(s, o, key=relation, relation=relation)
            (links[s].supplies if relation == "upstreamOf" else links[s].broader).append(o)
    _set_levels(g, set(links))
    supplying = {n for s, o, r in g.edges(data="relation") if r == "upstreamOf" for n in (s, o)}
    for iri, link in links.items():
        link.umbrella = iri not in supplying and not link.broader and any(iri in x.broader for x in links.values())
    for iri, link in links.items():
        link.level = g.nodes[iri]["level"]
        link.supplies.sort()
        link.broader.sort()
    for link in links.values():
        depth, seen, up = 0, {link.iri}, link
        while depth < 3:
            same = [b for b in up.broader if links[b].level == link.level and b not in seen and not links[b].umbrella]
            if not same:
                break
            up = links[same[0]]
            seen.add(up.iri)
            depth += 1
        link.depth = depth


def _column_key(link: Link, links: dict[str, Link]) -> tuple[str, ...]:
    """A link under the broader link of its column (a kind below what it is a kind of)."""
    path, up, seen = [link.label], link, {link.iri}
    while True:
        same = [b for b in up.broader if links[b].level == link.level and b not in seen and not links[b].umbrella]
        if not same:
            return tuple(reversed(path))
        up = links[same[0]]
        seen.add(up.iri)
        path.append(up.label)


def _read_projects(store: Store, rows: list[Row], links: dict[str, Link]) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    for row in rows:
        p = projects.setdefault(row.project, Project(row.project, q.label_of(store, _node(row.project)), "Project",
                                                     industry=row.industry))
        if row.enterprise and row.enterprise not in p.owners:
            p.owners.append(row.enterprise)
        if row.place not in p.places:
            p.places.append(row.place)
    values = _values(projects)
    for r in _select(store, CAPACITY % values):
        unit = r["unit"].value if r["unit"] is not None else ""
        text = r["text"].value if r["text"] is not None else ""
        projects[r["p"].value].capacity.append((float(r["value"].value), unit, text))
    best: dict[str, tuple] = {}
    for r in _select(store, STAGE % values):
        key = (int(r["order"].value) if r["order"] is not None else 0, r["year"].value if r["year"] is not None else "",
               r["kind"].value if r["kind"] is not None else "", r["stage"].value)
        best[r["p"].value] = max(best.get(r["p"].value, key), key)
    for iri, (_, year, kind, stage) in best.items():
        p = projects[iri]
        p.stage, p.stage_year, p.stage_kind = stage, year, kind.rsplit("#", 1)[-1]
    for p in projects.values():
        p.capacity.sort()
    return projects


def _read_presence(store: Store, links: dict[str, Link], projects: dict[str, Project],
                   enterprises: dict[str, Node], bind: dict) -> None:
    """Place each project in its most specific links; list what else makes a link present."""
    up: dict[str, set[str]] = defaultdict(set)
    for r in _select(store, BROADER):
        up[r["s"].value].add(r["o"].value)
    industries: dict[str, set[str]] = defaultdict(set)
    counted: dict[str, set[str]] = defaultdict(set)          # link → things in it (broader*)
    kinds: dict[str, str] = {}
    for r in _select(store, PRESENT, bind):
        m, x = r["m"].value, r["x"].value
        counted[m].add(x)
        kinds[x] = r["kind"].value.rsplit("#", 1)[-1] if r["kind"] is not None else kinds.get(x, "")
        industries[x].add(r["i"].value)
    for x in sorted(industries):
        placed = set()
        for i in industries[x]:
            placed |= _nearest_links(i, links, up)
        placed -= {a for p in placed for a in _ancestors(p, up)}
        if any(not links[m].umbrella for m in placed):        # a specific link before a heading
            placed = {m for m in placed if not links[m].umbrella}
        if x in projects:
            projects[x].links = sorted(placed, key=lambda iri: (links[iri].level, links[iri].label))
        for m in placed:
            target = links[m].projects if x in projects else links[m].enterprises \
                if kinds[x] == "Enterprise" else links[m].others
            target.append(x)
        if kinds[x] == "Enterprise" and x not in enterprises:
            enterprises[x] = Node(x, q.label_of(store, _node(x)), "Enterprise")
    for m, things in counted.items():
        link = links[m]
        shown = set(link.projects) | set(link.enterprises) | set(link.others)
        link.via = sorted({n for x in things - shown for n in (projects[x].links if x in projects else [])
                           if n != m}, key=lambda iri: links[iri].label)
        link.others += sorted(x for x in things - shown if x not in projects and x not in link.others)
    for link in links.values():
        link.projects.sort(key=lambda p: (projects[p].owners[:1], projects[p].label))
        link.enterprises.sort()
        link.others = [q.label_of(store, _node(x)) for x in sorted(set(link.others))]


def _nearest_links(industry: str, links: dict[str, Link], up: dict[str, set[str]]) -> set[str]:
    frontier, seen = {industry}, {industry}
    while frontier:
        hit = frontier & set(links)
        if hit:
            return hit
        frontier = {b for f in frontier for b in up[f]} - seen
        seen |= frontier
    return set()


def _ancestors(iri: str, up: dict[str, set[str]]) -> set[str]:
    found, frontier = set(), set(up[iri])
    while frontier:
        found |= frontier
        frontier = {b for f in frontier for b in up[f]} - found
    return found - {iri}


def _read_evidence(store: Store, nodes: list[Node], text: str, bind: dict) -> None:
    by_iri = {n.iri: n for n in nodes}
    found: dict[str, list[tuple]] = defaultdict(list)
    for r in _select(store, text.replace("%s", _values(by_iri)), bind):
        start = int(r["start"].value) if r["start"] is not None else 0
        found[r["x"].value].append((r["report"].value, start, r["text"].value))
    for iri, items in found.items():
        seen: set[tuple[str, str]] = set()
        for report, _, sentence in sorted(items):
            if (sentence, report) not in seen:
                seen.add((sentence, report))
                by_iri[iri].evidence.append((sentence, report))


def _read_names(store: Store, nodes: list[Node]) -> None:
    by_iri = {n.iri: n for n in nodes}
    for r in _select(store, NAMES % _values(by_iri)):
        node = by_iri[r["x"].value]
        if r["name"].value != node.label:
            node.names.append(r["name"].value)
    for n in nodes:
        n.names.sort()


def _read_places(store: Store, iris: set[str]) -> dict[str, tuple[str, str]]:
    out = {}
    for r in _select(store, PLACES % _values(iris)):
        label = r["label"].value
        out[r["place"].value] = (label, r["region"].value if r["region"] is not None else label)
    return out


def _read_reports(store: Store, iris: set[str]) -> dict[str, Report]:
    out = {}
    for r in _select(store, REPORTS % _values(iris)):
        iri = r["report"].value
        out[iri] = Report(r["title"].value if r["title"] is not None else iri.rsplit("/", 1)[-1],
                          r["year"].value if r["year"] is not None else "",
                          r["region"].value if r["region"] is not None else "")
    return out


def unit_label(unit: str) -> str:
    return vocabulary().label(unit, "") if unit else ""
