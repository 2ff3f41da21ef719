"""A quick starting layout for large views, so the browser only polishes it.

Force-directed layout of a few thousand nodes from random positions costs the browser
tens of seconds; a radial tree layout (each subtree gets a wedge in proportion to its
size) costs milliseconds here and leaves little for the physics to do.
Deterministic: the same graph gives the same positions.
"""
from __future__ import annotations

import math

import networkx as nx

RING = 160.0         # distance between the rings of a tree
SPACING = 28.0       # room a node needs on a ring


def radial_positions(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for every node. The administrative hierarchy (partOf) below the country
    is the skeleton: each tree of regions a radial tree, the trees on a spiral, largest first. Every other
    node goes beside the placed nodes it is linked to (at their centre, fanned out), in
    breadth-first order; what is linked to no region forms radial trees further out."""
    regions = nx.Graph()
    regions.add_nodes_from(n for n, k in g.nodes(data="kind") if k == "Region")
    # each province its own tree (its cities around it), not one tree hung from the country
    top = {n for n, level in g.nodes(data="region_level") if level == "Country"}
    regions.add_edges_from((s, o) for s, o, r in g.edges(data="relation") if r == "partOf" and s in regions
                           and o in regions and s != o and not {s, o} & top)
    u = nx.Graph()
    u.add_nodes_from(g.nodes)
    u.add_edges_from((s, o) for s, o in g.edges() if s != o)
    spiral = _Spiral()
    positions: dict[str, tuple[float, float]] = {}
    for tree in _components(regions):
        spiral.place(_radial_tree(regions.subgraph(tree)), positions)
    _fan_out(u, positions)
    # what is left are whole components of nodes linked to no placed node: each is laid out
    # in full by its tree, so nothing remains to fan out from it
    for rest in _components(u.subgraph([n for n in u if n not in positions])):
        spiral.place(_radial_tree(u.subgraph(rest)), positions)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _components(g: nx.Graph) -> list[list[str]]:
    return sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))


class _Spiral:
    """Places laid-out groups outwards on a spiral, the first at the centre."""

    def __init__(self) -> None:
        self.radius = -1.0
        self.angle = 0.0
        self.ring = 0.0

    def place(self, group: tuple[dict[str, tuple[float, float]], float], positions: dict) -> None:
        local, size = group
        if self.radius < 0:
            cx = cy = 0.0
            self.radius = self.ring = size
        else:
            distance = self.radius + size + SPACING * 2
            cx, cy = distance * math.cos(self.angle), distance * math.sin(self.angle)
            self.ring = max(self.ring, distance + size)
            self.angle += (2 * size + SPACING * 2) / max(distance, 1.0)
            if self.angle > 2 * math.pi:
                self.angle, self.radius = 0.0, self.ring
        for n, (x, y) in local.items():
            positions[n] = (cx + x, cy + y)


def _fan_out(u: nx.Graph, positions: dict[str, tuple[float, float]]) -> None:
    """Places, breadth first from the placed nodes, every node linked to them."""
    frontier = sorted({m for n in positions for m in u.neighbors(n) if m not in positions})
    while frontier:
        crowd: dict[tuple[float, float], int] = {}
        placed = {}
        for n in frontier:
            anchors = [positions[m] for m in sorted(u.neighbors(n)) if m in positions]
            cx = sum(x for x, _ in anchors) / len(anchors)
            cy = sum(y for _, y in anchors) / len(anchors)
            key = (round(cx), round(cy))
            k = crowd[key] = crowd.get(key, 0) + 1
            ring = 1 + int(math.sqrt(k))          # fan the nodes that share an anchor
            a = k * 2.39996                       # golden angle
            placed[n] = (cx + ring * SPACING * 1.6 * math.cos(a), cy + ring * SPACING * 1.6 * math.sin(a))
        positions.update(placed)
        frontier = sorted({m for n in placed for m in u.neighbors(n) if m not in positions})


def _radial_tree(component: nx.Graph) -> tuple[dict[str, tuple[float, float]], float]:
    root = min(component.nodes, key=lambda n: (-component.degree(n), n))
    children: dict[str, list[str]] = {root: []}
    depth = {root: 0}
    order = [root]
    for n in order:                        # breadth-first spanning tree
        for m in sorted(component.neighbors(n)):
            if m not in depth:
                depth[m] = depth[n] + 1
                children[n].append(m)
                children[m] = []
                order.append(m)
    leaves: dict[str, int] = {}
    for n in reversed(order):
        leaves[n] = sum(leaves[c] for c in children[n]) or 1
    per_ring: dict[int, int] = {}
    for d in depth.values():
        per_ring[d] = per_ring.get(d, 0) + 1
    radius_of: dict[int, float] = {0: 0.0}
    for d in range(1, max(per_ring) + 1):
        radius_of[d] = max(radius_of[d - 1] + RING, per_ring[d] * SPACING / (2 * math.pi))
    positions = {root: (0.0, 0.0)}
    wedges = {root: (0.0, 2 * math.pi)}
    for n in order:
        start, width = wedges[n]
        for c in children[n]:
            share = width * leaves[c] / leaves[n]
            wedges[c] = (start, share)
            a = start + share / 2
            positions[c] = (radius_of[depth[c]] * math.cos(a), radius_of[depth[c]] * math.sin(a))
            start += share
    return positions, radius_of[max(per_ring)] + SPACING
