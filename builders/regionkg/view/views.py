"""What `regionkg view` draws: the whole graph or the part a person asks for."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from pyoxigraph import NamedNode, Store

from . import focus
from .model import read_view_graph, vocabulary
from .page import render_page


@dataclass(frozen=True)
class ViewRequest:
    """The focus of a view; the given parts narrow it together (a chain in a region)."""
    region: str | None = None
    industry: str | None = None
    chain: str | None = None
    centre: str | None = None
    depth: int = 2
    construct: str | None = None       # the text of a CONSTRUCT query
    title: str | None = None

    def describe(self) -> str:
        parts = [f"地区 {self.region}" if self.region else "", f"产业 {self.industry}" if self.industry else "",
                 f"{self.chain}产业链" if self.chain else "",
                 f"{self.centre} 周边 {self.depth} 步" if self.centre else "", "查询结果" if self.construct else ""]
        return " · ".join(p for p in parts if p) or "全图"


def select(g: nx.MultiDiGraph, store: Store, request: ViewRequest) -> tuple[nx.MultiDiGraph, bool]:
    """The view graph for a request, and whether it is laid out as a chain (left to right)."""
    if request.construct:
        view = _construct_view(g, store, request.construct)
    else:
        view = focus.visible(g) if not request.chain else g
        if request.chain:
            view = focus.chain_view(view, request.chain)
        # A chain narrowed to a place keeps all its industries, so the missing links show.
        skeleton = {n for n, k in view.nodes(data="kind") if k == "Industry"} if request.chain else set()
        for name, pick in ((request.region, focus.region_view), (request.industry, focus.industry_view)):
            if name:
                keep = set(pick(g if request.chain else view, name)) & set(view)
                view = view.subgraph(keep | skeleton).copy()
        if request.centre:
            keep = set(focus.ego_view(view, request.centre, request.depth))
            view = view.subgraph(keep).copy()
    return view, bool(request.chain) and not request.construct


def _construct_view(g: nx.MultiDiGraph, store: Store, text: str) -> nx.MultiDiGraph:
    result = store.query(text, use_default_graph_as_union=True)
    triples = []
    try:
        for t in result:
            if not hasattr(t, "predicate"):
                raise ValueError("--query wants a CONSTRUCT query (it draws the triples it returns)")
            if isinstance(t.subject, NamedNode) and isinstance(t.object, NamedNode):
                triples.append((t.subject.value, t.predicate.value, t.object.value))
    except TypeError as exc:
        raise ValueError("--query wants a CONSTRUCT query (it draws the triples it returns)") from exc
    labels = dict(vocabulary().labels)
    return focus.triples_view(g, sorted(triples), labels)


def make_page(store: Store, request: ViewRequest = ViewRequest()) -> tuple[str, nx.MultiDiGraph]:
    """The HTML page for a request, and the graph it draws."""
    g = read_view_graph(store)
    view, layered = select(g, store, request)
    title = request.title or f"RegionKG · {request.describe()}"
    return render_page(view, title, layered), view
