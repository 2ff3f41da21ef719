"""`regionkg view --chain`: a chain dashboard. The chain's links as columns upstream →
downstream, each link present (its projects, grouped by enterprise, sized by capacity) or
a gap; beside it a sortable table of the chain's projects with CSV export and capacity
sums per link, region and unit; PNG and SVG export of the drawing.

The page follows the timeline page's rules: assets inlined, data as escaped JSON in a
non-executed script block shown through textContent only, a Content-Security-Policy that
lets run only the page's own script and style (by hash) and fetches nothing.
"""
from __future__ import annotations

import math
from collections import defaultdict

import jinja2
from markupsafe import Markup
from pyoxigraph import Store

from .. import query as q
from .chain_data import Dashboard, Node, read_dashboard, unit_label
from .html import EvidenceTable, page_script
from .html import asset as _asset
from .html import csp_hash as _hash
from .html import json_for_script as _json_for_script
from .model import vocabulary

KIND_LABELS = {"Achieved": "已完成 done", "Target": "目标 target", "": ""}


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def amount(value: float, unit: str) -> str:
    """20万吨, 1.5亿元, 300吨: a quantity as a report writes it."""
    label = unit_label(unit)
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size:
            return f"{_number(value / size)}{word}{label}"
    return f"{_number(value)}{label}"


class _Ids:
    """Short, stable ids for IRIs (p0, e3, l12), in sorted IRI order."""

    def __init__(self, prefix: str, iris):
        self.of = {iri: f"{prefix}{i}" for i, iri in enumerate(sorted(iris))}

    def __call__(self, iri: str) -> str:
        return self.of[iri]


def _evidence_table(d: Dashboard):
    table = EvidenceTable({r: {"title": x.title, "year": x.year, "region": x.region} for r, x in d.reports.items()})

    def items(node: Node) -> list[int]:
        return table.items(sorted(node.evidence, key=lambda e: (table.report_index[e[1]], e[0])))

    return items, table.sentences, table.reports


def page_data(d: Dashboard, title: str) -> dict:
    """What the page's script reads."""
    vocab = vocabulary()
    pid, eid, lid = _Ids("p", d.projects), _Ids("e", d.enterprises), _Ids("l", [x.iri for x in d.links])
    items, sentences, reports = _evidence_table(d)
    levels = sorted({x.level for x in d.links})
    column = {lv: i for i, lv in enumerate(levels)}
    biggest: dict[str, float] = defaultdict(float)
    for p in d.projects.values():
        for value, unit, _ in p.capacity:
            biggest[unit] = max(biggest[unit], value)
    supplied_by: dict[str, list[str]] = defaultdict(list)
    for x in d.links:
        for s in x.supplies:
            supplied_by[s].append(lid(x.iri))
    links = [{"id": lid(x.iri), "label": x.label, "column": column[x.level], "depth": x.depth, "gap": x.gap,
              "planned": x.planned, "supplies": [lid(s) for s in x.supplies], "suppliedBy": sorted(supplied_by[x.iri]),
              "suppliesText": x.supplies_text, "broader": [lid(b) for b in x.broader],
              "projects": [pid(p) for p in x.projects], "enterprises": [eid(e) for e in x.enterprises],
              "via": [lid(n) for n in x.via], "others": x.others, "evidence": items(x), "names": x.names} for x in d.links]
    projects = {}
    for iri, p in sorted(d.projects.items()):
        weight = max((math.sqrt(val / biggest[u]) for val, u, _ in p.capacity if biggest[u] > 0), default=None)
        projects[pid(iri)] = {
            "label": p.label, "links": [lid(x) for x in p.links], "owners": [eid(e) for e in p.owners],
            "places": [d.places.get(pl, (pl, pl))[0] for pl in p.places], "industry": p.industry,
            "capacity": "；".join(text or amount(val, u) for val, u, text in p.capacity),
            "weight": round(weight, 3) if weight is not None else None,
            "stage": vocab.label(p.stage, "") if p.stage else "", "stageId": p.stage.rsplit("#", 1)[-1],
            "year": p.stage_year, "kind": KIND_LABELS.get(p.stage_kind, p.stage_kind), "evidence": items(p),
            "names": p.names}
    enterprises = {eid(iri): {"label": e.label, "evidence": items(e), "names": e.names,
                              "projects": [pid(p) for p, x in sorted(d.projects.items()) if iri in x.owners]}
                   for iri, e in sorted(d.enterprises.items())}
    columns = [{"label": _column_label(i, len(levels)),
                "links": [x["id"] for x in links if x["column"] == i]} for i in range(len(levels))]
    return {"title": title, "chain": d.chain, "region": d.region, "allRegions": d.region == q.ALL_REGIONS,
            "columns": columns, "links": links, "projects": projects, "enterprises": enterprises,
            "rows": _rows(d, pid, eid, projects), "sums": _sums(d), "gaps": d.gaps,
            "sentences": sentences, "reports": reports}


def _column_label(i: int, n: int) -> str:
    where = "上游 upstream" if i == 0 else "下游 downstream" if i == n - 1 and n > 1 else "中游 midstream"
    return f"{i + 1} · {where}"


def _rows(d: Dashboard, pid, eid, projects: dict) -> list[dict]:
    """The table: one row per row of chain-enterprises, with the project's details."""
    link_labels = {x.iri: x.label for x in d.links}
    out = []
    for r in d.rows:
        p = d.projects[r.project]
        shown = projects[pid(r.project)]
        place, region = d.places.get(r.place, (r.place, r.place))
        evidence = _stage_evidence(d, p)
        out.append({"project": pid(r.project), "enterprise": eid(r.enterprise) if r.enterprise else None,
                    "link": "、".join(link_labels[x] for x in p.links), "industry": r.industry,
                    "region": region, "place": place, "capacity": shown["capacity"],
                    "capacityValue": p.capacity[0][0] if p.capacity else None,
                    "stage": shown["stage"], "year": p.stage_year, "kind": shown["kind"],
                    "evidence": evidence[0], "cite": evidence[1]})
    return out


def cite(d: Dashboard, report: str) -> str:
    """霍林郭勒市 2023年 · (the report's title): whose report, which year."""
    r = d.reports[report]
    return " ".join(x for x in (r.region, f"{r.year}年" if r.year else "", "·", r.title) if x)


def _stage_evidence(d: Dashboard, p) -> tuple[str, str]:
    """The sentence of the report that stated the project's stage (else its latest one)."""
    if not p.evidence:
        return "", ""
    ordered = sorted(p.evidence, key=lambda e: (d.reports[e[1]].year, d.reports[e[1]].title, e[0]))
    same = [e for e in ordered if d.reports[e[1]].year == p.stage_year] or ordered
    text, report = same[-1]
    return text, cite(d, report)


def _sums(d: Dashboard) -> list[dict]:
    """Capacity per link, region and unit (never across units), each project once."""
    seen: set[tuple] = set()
    totals: dict[tuple[str, str, str], list] = {}
    labels = {x.iri: x.label for x in d.links}
    order = {x.iri: i for i, x in enumerate(d.links)}
    for r in d.rows:
        p = d.projects[r.project]
        region = d.places.get(r.place, (r.place, r.place))[1]
        for link in p.links:
            for value, unit, _ in p.capacity:
                key = (link, region, unit, p.iri, value)
                if key in seen:
                    continue
                seen.add(key)
                total = totals.setdefault((link, region, unit), [0.0, set()])
                total[0] += value
                total[1].add(p.iri)
    return [{"link": labels[link], "region": region, "unit": unit_label(unit) or unit, "total": total,
             "text": amount(total, unit), "projects": len(ps)}
            for (link, region, unit), (total, ps) in sorted(totals.items(), key=lambda kv: (order[kv[0][0]], kv[0][1:]))]


def render_chain_page(d: Dashboard, title: str) -> str:
    """The whole dashboard page, as text."""
    data = page_data(d, title)
    script, style = page_script("chain.js"), _asset("chain.css")
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_asset), autoescape=True, keep_trailing_newline=True)
    return env.get_template("chain.html").render(
        title=title, data=Markup(_json_for_script(data)), script=Markup(script), style=Markup(style),
        script_hash=_hash(script), style_hash=_hash(style))


def make_chain_page(store: Store, chain: str, region: str | None = None,
                    title: str | None = None) -> tuple[str, Dashboard]:
    """The dashboard page of a chain in a region (None: all regions), and what it shows.
    Raises query.UnknownName for a chain or region the graph does not hold."""
    d = read_dashboard(store, chain.strip(), region.strip() if region else None)
    where = "全国 all regions" if d.region == q.ALL_REGIONS else d.region
    return render_chain_page(d, title or f"RegionKG · {where} · {d.chain.removesuffix('产业链')}产业链"), d
