"""One self-contained HTML page of a view graph: pyvis builds the vis-network data and
options, and our own template inlines vis-network (from pyvis's copy) so the page needs
no network at all.

Every string on the page comes from report text, so the data travels as JSON inside a
`<script type="application/json">` block with `<`, `>` and `&` escaped, and the page's
script shows it through `textContent` only, never as HTML.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup
import networkx as nx
import pyvis
from pyvis.network import Network

from .layout import radial_positions
from .model import vocabulary
from ..rdf import vocab as v

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
LARGE = 400          # above this many nodes: straight edges, quicker stabilisation


def _json_for_script(data) -> str:
    """JSON that cannot close or open a tag inside a <script> block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _size(degree: int) -> float:
    return round(min(45.0, 9.0 + 4.0 * math.sqrt(degree)), 1)


def build_network(view: nx.MultiDiGraph, layered: bool = False) -> Network:
    """A pyvis Network of the view graph: styled nodes, labelled edges, layout options."""
    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    degree = dict(view.degree())
    large = view.number_of_nodes() > LARGE
    positions = radial_positions(view) if large and not layered else {}
    for n in sorted(view.nodes):
        d = view.nodes[n]
        style = STYLES.get(d["kind"], STYLES["Other"])
        extra = {"level": d["level"]} if layered and "level" in d else {}
        if n in positions:
            extra["x"], extra["y"] = positions[n]
        net.add_node(n, label=d["label"], shape=style.shape, color=style.colour, size=_size(degree[n]),
                     kind=d["kind"], names=d["names"], facts=d["facts"], evidence=d["evidence"],
                     evidenceCount=d.get("evidence_count", len(d["evidence"])), chains=d["chains"],
                     hidden=d["kind"] in HIDDEN_BY_DEFAULT, **extra)
    for s, o, key, d in sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(s, o, label=d["label"], relation=d["relation"], evidence=d["evidence"])
    options = {
        "nodes": {"font": {"size": 14, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"},
                  "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "color": "#555"},
                  "color": {"color": "#b8b8b8", "highlight": "#333"},
                  "smooth": False if large else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large, "navigationButtons": False},
    }
    if layered:
        options["layout"] = {"hierarchical": {"enabled": True, "direction": "LR", "sortMethod": "directed",
                                              "levelSeparation": 260, "nodeSpacing": 60}}
        options["physics"] = {"enabled": False}
    else:
        options["layout"] = {"improvedLayout": not large, "randomSeed": 7}
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90,
                                                   "avoidOverlap": 0.2},
                              "stabilization": {"enabled": True, "iterations": 40 if large else 400,
                                                "updateInterval": 25, "fit": True}}
    net.set_options(json.dumps(options))
    return net


def _legend(view: nx.MultiDiGraph) -> list[dict]:
    vocab = vocabulary()
    counts: dict[str, int] = {}
    for _, kind in view.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return [{"kind": k, "label": vocab.label(v.RKG + k, k), "colour": s.colour, "shape": s.shape,
             "count": counts.get(k, 0), "hidden": k in HIDDEN_BY_DEFAULT}
            for k, s in STYLES.items() if counts.get(k)]


def render_page(view: nx.MultiDiGraph, title: str, layered: bool = False) -> str:
    """The whole HTML page of a view graph, as text."""
    net = build_network(view, layered)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options), "legend": _legend(view),
            "title": title, "kindLabels": {k: vocabulary().label(v.RKG + k, k) for k in STYLES}}
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template), autoescape=True,
                             keep_trailing_newline=True)
    script = (_VIS / "vis-network.min.js").read_text("utf-8")
    if "</script" in script.lower():          # pragma: no cover - a vendored file we do not control
        raise RuntimeError("vis-network.min.js cannot be inlined: it holds </script")
    return env.get_template("page.html").render(
        title=title, data=Markup(_json_for_script(data)),
        vis_css=Markup((_VIS / "vis-network.css").read_text("utf-8")),
        vis_js=Markup(script),
        page_js=Markup(_asset("page.js")),
        page_css=Markup(_asset("page.css")))


def _asset(name: str) -> str:
    return resources.files("regionkg.view").joinpath(name).read_text("utf-8")


def _template(name: str) -> str:
    return _asset(name)
