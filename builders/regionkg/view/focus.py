"""Narrowing a view graph to what a person asked about: a region, an industry, a chain,
the neighbourhood of one node, or the triples of a CONSTRUCT query."""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx


class FocusError(ValueError):
    """The name asked for is not in the graph (the message suggests near names)."""


def find_nodes(g: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None) -> list[str]:
    """Nodes whose label or other name is `name`; the kinds narrow the search."""
    kinds = set(kinds or ())
    name = name.strip()
    hits = [n for n, d in g.nodes(data=True)
            if (not kinds or d["kind"] in kinds) and (d["label"] == name or name in d["names"])]
    if not hits:
        from ..query import nearest

        known = sorted({x for _, d in g.nodes(data=True) if not kinds or d["kind"] in kinds
                        for x in (d["label"], *d["names"])})
        near = nearest(name, known)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        what = "/".join(sorted(kinds)) if kinds else "node"
        raise FocusError(f"no {what} named {name!r} in the graph{hint}")
    return sorted(hits)


def visible(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph without chain-model industries that no report names (they belong in chain views)."""
    return g.subgraph([n for n, d in g.nodes(data=True) if not d["model_only"]]).copy()


def _neighbours(g: nx.MultiDiGraph, nodes: set[str], relations: set[str], kinds: set[str] | None = None,
                incoming: bool = True, outgoing: bool = True) -> set[str]:
    found: set[str] = set()
    for n in nodes:
        if outgoing:
            found.update(o for _, o, r in g.out_edges(n, data="relation") if r in relations)
        if incoming:
            found.update(s for s, _, r in g.in_edges(n, data="relation") if r in relations)
    if kinds:
        found = {n for n in found if g.nodes[n]["kind"] in kinds}
    return found


def _around_projects_and_parks(g: nx.MultiDiGraph, core: set[str]) -> set[str]:
    """Who builds the projects, where they are, and what industry they are in."""
    keep = set(core)
    keep |= _neighbours(g, {n for n in core if g.nodes[n]["kind"] == "Project"}, {"builds"})
    keep |= _neighbours(g, {n for n in keep if g.nodes[n]["kind"] in ("Project", "Enterprise", "IndustrialPark")},
                        {"locatedIn", "inIndustry"}, incoming=False)
    return keep


def region_view(g: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """A region with its sub-regions, what lies in them, who builds it and the industries they develop."""
    roots = set(find_nodes(g, name, {"Region"}))
    regions = set(roots)
    frontier = set(roots)
    while frontier:
        frontier = _neighbours(g, frontier, {"partOf"}, {"Region"}, outgoing=False) - regions
        regions |= frontier
    located = set(regions)
    frontier = set(regions)
    while frontier:                      # parks in the regions, projects in the parks…
        frontier = _neighbours(g, frontier, {"locatedIn"}, outgoing=False) - located
        located |= frontier
    keep = _around_projects_and_parks(g, located)
    keep |= _neighbours(g, regions | {n for n in located if g.nodes[n]["kind"] == "IndustrialPark"},
                        {"hasIndustry"}, incoming=False)
    keep |= _neighbours(g, regions, {"aboutRegion"}, {"Report"}, outgoing=False)
    return g.subgraph(keep).copy()


def industry_view(g: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """An industry and its narrower industries, the projects and enterprises in them,
    the regions and parks that develop them."""
    industries = set(find_nodes(g, name, {"Industry"}))
    frontier = set(industries)
    while frontier:                      # and the kinds of those, down the hierarchy
        frontier = _neighbours(g, frontier, {"broader", "broadMatch"}, {"Industry"}, outgoing=False) - industries
        industries |= frontier
    core = industries | _neighbours(g, industries, {"inIndustry", "hasIndustry"}, outgoing=False)
    return g.subgraph(_around_projects_and_parks(g, core)).copy()


def chain_view(g: nx.MultiDiGraph, chain: str) -> nx.MultiDiGraph:
    """The industries of one chain (model members and the extracted industries that join
    them) with their projects, enterprises and the regions that develop them.

    Each node gets a `level`: how many supply steps lie upstream of its industry, so a
    hierarchical layout reads left (upstream) to right (downstream).
    """
    chain = chain.strip().removesuffix("产业链")
    members = {n for n, d in g.nodes(data=True) if d["kind"] == "Industry"
               and any(c.removesuffix("产业链") == chain for c in d["chains"])}
    if not members:
        chains = sorted({c for _, d in g.nodes(data=True) for c in d["chains"]})
        raise FocusError(f"no chain named {chain!r} in the graph; chains: {', '.join(chains) or 'none'}")
    core = members | _neighbours(g, members, {"inIndustry", "hasIndustry"}, outgoing=False)
    keep = _around_projects_and_parks(g, core)
    view = g.subgraph(keep).copy()
    _set_levels(view, members)
    return view


def _set_levels(view: nx.MultiDiGraph, members: set[str]) -> None:
    supply = nx.DiGraph()                # members linked by supply; the others join them below
    supply.add_edges_from((s, o) for s, o, r in view.edges(data="relation") if r == "upstreamOf"
                          and s in members and o in members)
    supply.remove_edges_from(list(nx.selfloop_edges(supply)))
    level: dict[str, int] = {}
    try:
        order = list(nx.topological_sort(supply))
    except nx.NetworkXUnfeasible:        # a loop in the model: fall back to one column
        order = sorted(supply.nodes)
    for n in order:                      # as early as its suppliers allow…
        level[n] = max((level.get(p, 0) + 1 for p in supply.predecessors(n) if p in level), default=0)
    for n in reversed(order):            # …then as late as its customers allow, next to them
        later = [level[c] for c in supply.successors(n) if c in level]
        if later:
            level[n] = min(later) - 1
    for s, o, r in view.edges(data="relation"):          # a narrower industry sits with its broader one
        if r in ("broader", "broadMatch") and o in level:
            level.setdefault(s, level[o])
    frontier = sorted(level)                             # the rest: beside the nearest placed node
    while frontier:
        reached: dict[str, int] = {}
        for n in frontier:
            for m in sorted(nx.all_neighbors(view, n)):
                if m not in level:
                    reached[m] = min(reached.get(m, level[n]), level[n])
        level.update(reached)
        frontier = sorted(reached)
    for n in view.nodes:
        level.setdefault(n, 0)
    nx.set_node_attributes(view, level, "level")


def ego_view(g: nx.MultiDiGraph, name: str, depth: int) -> nx.MultiDiGraph:
    """Everything within `depth` steps of the named node(s), in either direction."""
    centres = find_nodes(g, name)
    undirected = g.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    return g.subgraph(keep).copy()


def triples_view(g: nx.MultiDiGraph, triples: Iterable[tuple[str, str, str]], labels: dict[str, str]) -> nx.MultiDiGraph:
    """The result of a CONSTRUCT query: its IRIs as nodes (with what the graph knows of
    them) and its triples between IRIs as edges."""
    view = nx.MultiDiGraph(**g.graph)
    for s, p, o in triples:
        for n in (s, o):
            if n not in view:
                data = dict(g.nodes[n]) if n in g else {
                    "kind": "Other", "label": labels.get(n, n), "names": [], "facts": [], "stages": [],
                    "evidence": [], "chains": [], "model_only": False, "province": ""}
                view.add_node(n, **data)
        edge = g.edges[s, o, p] if g.has_edge(s, o, key=p) else {
            "relation": p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], "label": labels.get(p, p.rsplit("#", 1)[-1]),
            "evidence": []}
        view.add_edge(s, o, key=p, **edge)
    return view
