"""`regionkg view --timeline`: a region's projects by year, each cell the stage its reports
state, done (the review of the past year) or target (the plan), with the sentences behind it.

The rows come from the library query `timeline` (bound parameters, names checked); the page
follows the network page's rules: assets inlined, data as escaped JSON in a non-executed
script block, shown through textContent only, and a Content-Security-Policy that lets run
only the page's own script and style (by hash) and fetch nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
from markupsafe import Markup
from pyoxigraph import Store

from .. import query as q
from ..rdf import vocab as v
from .html import asset as _asset
from .html import csp_hash as _hash
from .html import json_for_script as _json_for_script
from .model import vocabulary

# Stages in life-cycle order (rkg:stageOrder 1..7) and their colours: viridis, ordered and
# colour-blind safe; ink is the text colour that reads on the filled cell.
STAGES = ("Planned", "Signed", "Started", "UnderConstruction", "Completed", "PartlyOperating", "Operating")
PALETTE = ("#440154", "#443983", "#31688e", "#21918c", "#35b779", "#90d743", "#fde725")
INK = ("#fff", "#fff", "#fff", "#fff", "#111", "#111", "#111")
KINDS = {v.term("Achieved"): "done", v.term("Target"): "target"}
KIND_LABELS = {"done": "已完成 done", "target": "目标 target"}


@dataclass(frozen=True, order=True)
class Statement:
    """One report's stage of a project in a year."""
    kind: str            # "done" or "target" ("done" sorts first)
    report: str          # the report's title, or its id
    start: int
    stage: str           # local name, e.g. "Started"
    evidence: str


@dataclass
class ProjectRow:
    name: str
    cells: dict[str, list[Statement]] = field(default_factory=dict)   # year → statements

    @property
    def first_year(self) -> str:
        return min(self.cells)


@dataclass
class Timeline:
    region: str
    years: list[str]
    projects: list[ProjectRow]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _report_names(store: Store) -> dict[str, str]:
    """Report IRI → its title (through the library query `reports`)."""
    columns, rows = q.run(store, q.library()["reports"])
    at = {c: i for i, c in enumerate(columns)}
    names: dict[str, str] = {}
    for row in rows:
        title = row[at["title"]]
        if title is not None:
            names.setdefault(row[at["report"]].value, title.value)
    return names


def read_timeline(store: Store, region: str | None = None) -> Timeline:
    """The stage statements of a region's reports (with its sub-regions; None: all), as
    projects × years. Raises query.UnknownName for a region the graph does not hold."""
    region = region or q.ALL_REGIONS
    columns, rows = q.run(store, q.library()["timeline"], {"region": region})
    at = {c: i for i, c in enumerate(columns)}
    titles = _report_names(store) if rows else {}
    projects: dict[str, ProjectRow] = {}
    for row in rows:
        kind = KINDS.get(row[at["kind"]].value)
        stage = _local(row[at["stage"]].value)
        if kind is None or stage not in STAGES:
            continue
        name, year, report = (row[at[c]].value for c in ("project", "year", "report"))
        statement = Statement(kind, titles.get(report, _local(report)), int(row[at["start"]].value), stage,
                              row[at["evidence"]].value)
        cell = projects.setdefault(name, ProjectRow(name)).cells.setdefault(year, [])
        if statement not in cell:            # a triple the union default graph holds twice
            cell.append(statement)
    for p in projects.values():
        for statements in p.cells.values():
            statements.sort()
    years = sorted({y for p in projects.values() for y in p.cells})
    ordered = sorted(projects.values(), key=lambda p: (p.first_year, p.name))
    return Timeline(region, years, ordered)


def _highest(statements: list[Statement], kind: str) -> str | None:
    stages = [s.stage for s in statements if s.kind == kind]
    return max(stages, key=STAGES.index) if stages else None


def page_data(timeline: Timeline, title: str) -> dict:
    """What the page's script reads: years, stages, and per project its cells."""
    vocab = vocabulary()
    stages = [{"id": s, "label": vocab.label(v.term(s), s), "order": i + 1} for i, s in enumerate(STAGES)]
    projects = []
    for p in timeline.projects:
        cells = {year: {"done": _highest(st, "done"), "target": _highest(st, "target"),
                        "statements": [{"kind": s.kind, "stage": s.stage, "evidence": s.evidence,
                                        "report": s.report} for s in st]}
                 for year, st in p.cells.items()}
        projects.append({"name": p.name, "cells": cells})
    return {"title": title, "region": timeline.region, "years": timeline.years, "stages": stages,
            "kindLabels": KIND_LABELS, "projects": projects}


def _palette_css() -> str:
    return "\n".join(f".stage-{s} {{ --stage: {c}; --ink: {ink}; --tint: {c}66; }}"
                     for s, c, ink in zip(STAGES, PALETTE, INK))


def render_timeline(timeline: Timeline, title: str) -> str:
    """The whole timeline page, as text."""
    data = page_data(timeline, title)
    script = _asset("timeline.js")
    style = _asset("timeline.css") + _palette_css() + "\n"
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_asset), autoescape=True, keep_trailing_newline=True)
    return env.get_template("timeline.html").render(
        title=title, stages=data["stages"], data=Markup(_json_for_script(data)),
        script=Markup(script), style=Markup(style), script_hash=_hash(script), style_hash=_hash(style))


def make_timeline_page(store: Store, region: str | None = None, title: str | None = None) -> tuple[str, Timeline]:
    """The timeline page of a region (None: all reports), and what it shows."""
    timeline = read_timeline(store, region)
    return render_timeline(timeline, title or f"RegionKG · {timeline.region} 项目年表"), timeline
