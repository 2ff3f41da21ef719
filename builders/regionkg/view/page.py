"""One self-contained HTML page of a view graph: pyvis builds the vis-network data and
options, and our own template inlines vis-network (from pyvis's copy) so the page needs
no network at all.

A large graph keeps the layout computed here (layout.py): the browser runs no physics on
it, draws it at once and hides edges while it moves. Region hubs are labelled at every
zoom, a province folds into one node, isolated nodes wait behind a checkbox.

Every string on the page comes from report text, so the data travels as JSON inside a
`<script type="application/json">` block with `<`, `>` and `&` escaped, and the page's
script shows it through `textContent` only, never as HTML. The page's CSP lets only its
own inline script and style run (by hash) and fetches nothing.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from ..rdf import vocab as v
from .html import EvidenceTable, asset, csp_hash, json_for_script, page_script
from .layout import radial_positions
from .model import vocabulary

_VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str


STYLES = {
    "Region": NodeStyle("#4e79a7", "diamond"),
    "IndustrialPark": NodeStyle("#59a14f", "square"),
    "Enterprise": NodeStyle("#e15759", "triangle"),
    "Project": NodeStyle("#f28e2b", "dot"),
    "Industry": NodeStyle("#b07aa1", "star"),
    "Report": NodeStyle("#9c9c9c", "hexagon"),
    "Other": NodeStyle("#76b7b2", "dot"),
}
HIDDEN_BY_DEFAULT = {"Report"}
LARGE = 400          # above this many nodes: the computed layout as it is, straight edges
# Region hubs labelled at every zoom, the first rank drawn even where labels collide.
HUB_RANK = {"Country": 0, "Province": 0, "Prefecture": 1}
HUB_DEGREE = 12      # another region linked to this many nodes is a hub of the last rank
LABEL_THRESHOLD = 9  # on-screen px below which vis-network leaves a node's label out
FOLD_ABOVE = 10_000  # a page showing more nodes than this opens with its provinces folded


def _size(degree: int) -> float:
    return round(min(45.0, 9.0 + 4.0 * math.sqrt(degree)), 1)


def _hub_rank(d: dict, degree: int) -> int | None:
    if d["kind"] != "Region":
        return None
    rank = HUB_RANK.get(d.get("region_level", ""))
    return rank if rank is not None else (2 if degree >= HUB_DEGREE else None)


class _NodeIds(list):
    """pyvis keeps node ids in a list and asks it `id in ids` for every node and edge it
    adds, which is quadratic; this list answers from a set, so a graph of tens of
    thousands of nodes is built in seconds, with pyvis doing what it always does."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set = set()

    def __contains__(self, item: object) -> bool:
        return item in self._members

    def append(self, item) -> None:
        self._members.add(item)
        super().append(item)


def build_network(view: nx.MultiDiGraph, layered: bool = False,
                  table: EvidenceTable | None = None) -> Network:
    """A pyvis Network of the view graph: styled nodes, labelled edges, layout options.
    Evidence and stages point into `table` (its sentences and reports)."""
    table = table or EvidenceTable(view.graph.get("reports", {}))
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    net.node_ids = _NodeIds()
    degree = dict(view.degree())
    large = view.number_of_nodes() > LARGE
    positions = radial_positions(view) if large and not layered else {}
    for n in sorted(view.nodes):
        d = view.nodes[n]
        style = STYLES.get(d["kind"], STYLES["Other"])
        extra = {"level": d["level"]} if layered and "level" in d else {}
        if n in positions:
            extra["x"], extra["y"] = positions[n]
        hub = _hub_rank(d, degree[n])
        if hub is not None:
            extra["hub"] = hub
        stages = [[s["stage"], s["year"], s["kind"], table.report_index.get(s["report"], -1),
                   s["reached"]]
                  for s in d.get("stages", [])]
        net.add_node(n, label=d["label"], shape=style.shape, color=style.colour, size=_size(degree[n]),
                     kind=d["kind"], names=d["names"], facts=d["facts"], stages=stages, chains=d["chains"],
                     ev=table.items((e["text"], e["report"]) for e in d["evidence"]),
                     province=d.get("province", ""), **extra)
    for s, o, key, d in sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(s, o, label=d["label"], relation=d["relation"],
                     ev=table.items((e["text"], e["report"]) for e in d["evidence"]))
    net.set_options(json.dumps(_options(large, layered)))
    return net


def _options(large: bool, layered: bool) -> dict:
    options = {
        "nodes": {"font": {"size": 14, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "color": "#555"},
                  "color": {"color": "#b8b8b8", "highlight": "#333"},
                  "smooth": False if large else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False},
    }
    if layered:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "LR", "sortMethod": "directed",
                                              "levelSeparation": 260, "nodeSpacing": 60}}
        options["physics"] = {"enabled": False}
    elif large:                       # the computed layout is the layout: physics would undo it
        options["layout"] = {"improvedLayout": False, "randomSeed": 7}
        options["physics"] = {"enabled": False}
    else:
        options["layout"] = {"improvedLayout": True, "randomSeed": 7}
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90,
                                                   "avoidOverlap": 0.2},
                              "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 25,
                                                "fit": True}}
    return options


def _legend(view: nx.MultiDiGraph) -> list[dict]:
    vocab = vocabulary()
    counts: dict[str, int] = {}
    for _, kind in view.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return [{"kind": k, "label": vocab.label(v.RKG + k, k), "colour": s.colour, "shape": s.shape,
             "count": counts.get(k, 0), "hidden": k in HIDDEN_BY_DEFAULT}
            for k, s in STYLES.items() if counts.get(k)]


def page_data(view: nx.MultiDiGraph, title: str, layered: bool = False) -> dict:
    """What the page's script reads: nodes, edges, options, legend, sentences, reports."""
    table = EvidenceTable(view.graph.get("reports", {}))
    net = build_network(view, layered, table)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "legend": _legend(view),
            "title": title, "kindLabels": {k: vocabulary().label(v.RKG + k, k) for k in STYLES},
            "sentences": table.sentences, "reports": table.reports, "labelThreshold": LABEL_THRESHOLD,
            "lazyLabels": view.number_of_nodes() > LARGE and not layered,
            "foldAbove": FOLD_ABOVE}


def render_page(view: nx.MultiDiGraph, title: str, layered: bool = False) -> str:
    """The whole HTML page of a view graph, as text."""
    data = page_data(view, title, layered)
    env = jinja2.Environment(loader=jinja2.FunctionLoader(asset), autoescape=True, keep_trailing_newline=True)
    vis_js = (_VIS / "vis-network.min.js").read_text("utf-8")
    if "</script" in vis_js.lower():          # pragma: no cover - a vendored file we do not control
        raise RuntimeError("vis-network.min.js cannot be inlined: it holds </script")
    vis_css, script, style = (_VIS / "vis-network.css").read_text("utf-8"), page_script("page.js"), asset("page.css")
    return env.get_template("page.html").render(
        title=title, data=Markup(json_for_script(data)), vis_css=Markup(vis_css), vis_js=Markup(vis_js),
        page_js=Markup(script), page_css=Markup(style),
        script_hashes=Markup(" ".join((csp_hash(vis_js), csp_hash(script)))),
        style_hashes=Markup(" ".join((csp_hash(vis_css), csp_hash(style)))))
