"""The Python API a notebook user calls: build or load a graph, query it, hand it to networkx.

    import regionkg
    g = regionkg.Graph.build(["reports/"])          # or .load("all.ttl"), .open("store/"), .remote(url)
    rows = g.query("chain-enterprises", chain="铝", region="通辽市")
    nx_graph = g.to_networkx()
    g.to_html("aluminium.html", chain="铝", region="通辽市")
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyoxigraph import Literal, NamedNode, Store

from . import query as q
from .rdf import vocab as v
from .store import load_files, load_graph, open_store

_ENTITY_KINDS = {"Report", "Region", "IndustrialPark", "Enterprise", "Project", "Industry", "IndustryChain"}


class Graph:
    """A RegionKG graph in a pyoxigraph store (in memory or on disk), or on a SPARQL server."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def build(cls, paths, **kwargs) -> "Graph":
        """Build the graph of the reports under `paths` in memory."""
        from .builder import build

        result = build([Path(p) for p in paths], **kwargs)
        store = Store()
        load_graph(store, result.shared, result.reports)
        return cls(store)

    @classmethod
    def load(cls, *files) -> "Graph":
        """Load Turtle, N-Triples, TriG or N-Quads files."""
        return cls(load_files(files))

    @classmethod
    def open(cls, path) -> "Graph":
        """Open a store written by `regionkg build --store`."""
        return cls(open_store(path))

    @classmethod
    def remote(cls, url: str, user: str | None = None, password: str | None = None) -> "Graph":
        """A graph on a SPARQL server (pushed with `regionkg push`), read through the SPARQL
        protocol (as `user`, where the server asks); the server's default graph must be the
        union of its graphs."""
        from .remote.sparql import connect

        return cls(connect(url, user=user, password=password))

    def __len__(self) -> int:
        return len(self.store)

    def query(self, name_or_sparql: str, iris: bool = False, **params: str) -> list[dict[str, str]]:
        """Rows of a library query (by name), a .rq file or SPARQL text, as dicts of strings;
        IRIs are shown by their labels unless `iris`."""
        if name_or_sparql in q.library() or name_or_sparql.endswith(".rq"):
            query = q.resolve(name_or_sparql)
        else:
            query = q.LibraryQuery("adhoc", name_or_sparql)
        columns, rows = q.run(self.store, query, params)
        return [{c: q.display(self.store, t, iris) for c, t in zip(columns, row)} for row in rows]

    def to_html(self, path, **focus) -> None:
        """Write an interactive page of the graph; `focus` takes the fields of
        `regionkg.view.ViewRequest` (region, industry, chain, centre, depth, construct, title)."""
        from .rdf.writer import write_atomic
        from .view import ViewRequest, make_page

        page, _ = make_page(self.store, ViewRequest(**focus))
        write_atomic(Path(path), page.encode("utf-8"))

    def to_networkx(self) -> nx.MultiDiGraph:
        """Entities as nodes (with class and label), relations between them as edges
        (keyed by property name); literals and reification are left out."""
        g = nx.MultiDiGraph()
        labels: dict[str, str] = {}
        types: dict[str, str] = {}
        for quad in self.store.quads_for_pattern(None, None, None):
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if p == v.RDFS + "label" and isinstance(o, Literal):
                labels[s.value] = o.value
            elif p == v.RDF + "type" and isinstance(o, NamedNode) and o.value.startswith(v.RKG):
                types[s.value] = o.value[len(v.RKG):]
        for quad in self.store.quads_for_pattern(None, None, None):
            s, p, o = quad.subject, quad.predicate.value, quad.object
            if (isinstance(o, NamedNode) and p.startswith(v.RKG) and types.get(s.value) in _ENTITY_KINDS
                    and types.get(o.value) in _ENTITY_KINDS):
                g.add_edge(s.value, o.value, key=p[len(v.RKG):], property=p[len(v.RKG):])
        for node, kind in types.items():
            if kind in _ENTITY_KINDS:
                g.add_node(node, kind=kind, label=labels.get(node, node.rsplit("/", 1)[-1]))
        return g
