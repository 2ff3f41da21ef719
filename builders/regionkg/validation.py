"""Check a graph against the RegionKG shapes (`ontology/regionkg-shapes.ttl`) with pySHACL.

Graph files and stores are read with pyoxigraph (fast, strict) and handed to pySHACL as
one rdflib graph, the union of all named graphs. Inference is off: the shapes state what
the graph itself must say. SPARQL constraints of the shapes are run once over the whole
graph instead of once per focus node (same results, minutes faster on the corpus).
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, parse
from rdflib.namespace import RDF, RDFS, SH, XSD

from .graph_source import reading, store_folder
from .rdf.vocab import PREFIXES

_SH_NAMESPACE = rdflib.URIRef(str(SH) + "namespace")
_SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_COMPACT = sorted({**PREFIXES, "sh": str(SH), "rkgsh": "https://w3id.org/regionkg/shapes#"}.items(),
                  key=lambda kv: -len(kv[1]))


@dataclass(frozen=True)
class Result:
    """One validation result, ready to print."""

    severity: str  # violation, warning or info
    focus: str     # the node, compact IRI with its label
    path: str
    value: str
    message: str
    shape: str

    def line(self) -> str:
        parts = [f"{self.severity.upper()}: {self.focus}"]
        if self.path:
            parts.append(self.path)
        if self.value:
            parts.append(f"value {self.value}")
        return " | ".join(parts) + f": {self.message} [{self.shape}]"


@dataclass
class Report:
    """What a validation found, and on how big a graph."""

    results: list[Result] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def lines(self, limit: int | None = None, warnings: bool = True) -> list[str]:
        """Violations first; at most `limit` lines and a count of the rest."""
        chosen = self.results if warnings else self.violations
        ordered = sorted(chosen, key=lambda r: (r.severity != "violation", r.shape, r.focus, r.path, r.value))
        shown = ordered if limit is None else ordered[:limit]
        out = [r.line() for r in shown]
        if len(ordered) > len(shown):
            out.append(f"… and {len(ordered) - len(shown)} more")
        return out

    def summary(self) -> str:
        warnings = len(self.results) - len(self.violations)
        return (f"{_count(len(self.violations), 'violation')}, {_count(warnings, 'warning')} "
                f"in {self.triples} triples ({self.seconds:.1f} s)")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def shapes_graph() -> rdflib.Graph:
    """The shipped shapes."""
    g = rdflib.Graph()
    g.parse(data=resources.files("regionkg.data").joinpath("regionkg-shapes.ttl").read_text("utf-8"), format="turtle")
    return g


def load_files(paths: Iterable[str | Path]) -> rdflib.Graph:
    """Graph files (.ttl, .nt, .trig, .nq) as one rdflib graph (the union of their graphs)."""
    out = _Converter()
    for path in paths:
        with reading(path) as fmt:
            out.add_all(parse(path=str(path), format=fmt))
    return out.graph


def load_store(path: str | Path) -> rdflib.Graph:
    """A store written by `regionkg build --store` as one rdflib graph."""
    from pyoxigraph import Store

    return from_store(Store.read_only(str(store_folder(path))))


def from_store(store) -> rdflib.Graph:
    """The union of a store's graphs (a pyoxigraph `Store` or a `RemoteStore`) as one rdflib graph."""
    out = _Converter()
    out.add_all(store.quads_for_pattern(None, None, None))
    return out.graph


def validate(data: rdflib.Graph | Iterable[str | Path], shapes: rdflib.Graph | None = None) -> Report:
    """Validate an rdflib graph, or the graph files at the given paths."""
    import pyshacl

    started = time.perf_counter()
    graph = data if isinstance(data, rdflib.Graph) else load_files(data)
    shapes = shapes if shapes is not None else shapes_graph()
    core, sparql = _split_sparql(shapes)
    _, results_graph, _ = pyshacl.validate(graph, shacl_graph=core, inference="none", advanced=False,
                                           allow_warnings=True, meta_shacl=False)
    results = [_result(graph, results_graph, r) for r in results_graph.subjects(RDF.type, SH.ValidationResult)]
    for shape, constraint in sparql:
        results.extend(_run_sparql(graph, shapes, shape, constraint))
    return Report(sorted(set(results), key=lambda r: r.line()), len(graph), time.perf_counter() - started)


# --- reading graphs ---------------------------------------------------------------------

class _Converter:
    """pyoxigraph quads or triples → one rdflib graph; each term converted once."""

    def __init__(self) -> None:
        self.graph = rdflib.Graph()
        self._terms: dict[object, rdflib.term.Node] = {}

    def term(self, t) -> rdflib.term.Node:
        out = self._terms.get(t)
        if out is None:
            if isinstance(t, NamedNode):
                out = rdflib.URIRef(t.value)
            elif isinstance(t, BlankNode):
                out = rdflib.BNode(t.value)
            elif isinstance(t, Literal):
                if t.language:
                    out = rdflib.Literal(t.value, lang=t.language)
                elif t.datatype.value == str(XSD.string):
                    out = rdflib.Literal(t.value)  # as rdflib reads a plain string
                else:
                    out = rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))
            else:
                raise ValueError(f"cannot validate RDF-star term {t}")
            self._terms[t] = out
        return out

    def add_all(self, statements) -> None:
        self.graph.addN((self.term(q.subject), self.term(q.predicate), self.term(q.object), self.graph)
                        for q in statements)


# --- results ------------------------------------------------------------------------------

def compact(term: rdflib.term.Node | None) -> str:
    """A short, one-line form of a term: prefixed IRIs, quoted literals."""
    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        value = str(term)
        for prefix, ns in _COMPACT:
            if value.startswith(ns) and len(value) > len(ns):
                return f"{prefix}:{value[len(ns):]}"
        return f"<{value}>"
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    text = str(term)
    shown = repr(text if len(text) <= 80 else text[:79] + "…")[1:-1].replace('"', '\\"')
    if term.language:
        return f'"{shown}"@{term.language}'
    if term.datatype is not None and term.datatype != XSD.string:
        return f'"{shown}"^^{compact(term.datatype)}'
    return f'"{shown}"'


def _describe(graph: rdflib.Graph, node) -> str:
    """The node and what says what it is: its label, or for a statement its report."""
    label = graph.value(node, RDFS.label)
    if label is not None:
        return f"{compact(node)} ({label})"
    report = graph.value(node, rdflib.URIRef(PREFIXES["prov"] + "wasDerivedFrom"))
    if report is not None:
        return f"{compact(node)} (in {compact(report)})"
    return compact(node)


def _messages(graph: rdflib.Graph, subject, predicate) -> str:
    messages = list(graph.objects(subject, predicate))
    order = {"en": 0, "zh": 1}
    return " / ".join(str(m) for m in sorted(messages, key=lambda m: (order.get(m.language or "", 2), str(m))))


def _result(data: rdflib.Graph, results: rdflib.Graph, r) -> Result:
    shape = results.value(r, SH.sourceShape)
    message = _messages(results, r, SH.resultMessage)
    if not message:
        component = results.value(r, SH.sourceConstraintComponent)
        message = f"fails {compact(component)}"
    focus, path, value = results.value(r, SH.focusNode), results.value(r, SH.resultPath), results.value(r, SH.value)
    if value is None and isinstance(path, rdflib.URIRef):  # a count: show what there is
        values = sorted(data.objects(focus, path), key=str)
        shown = ", ".join(compact(v) for v in values[:3]) + (", …" if len(values) > 3 else "")
    else:
        shown = compact(value)
    return Result(
        severity=_SEVERITIES.get(results.value(r, SH.resultSeverity), "violation"),
        focus=_describe(data, focus),
        path=compact(path),
        value=shown,
        message=message,
        shape=compact(shape) if isinstance(shape, rdflib.URIRef) else "shape",
    )


# --- SPARQL constraints, run once per graph -----------------------------------------------

def _split_sparql(shapes: rdflib.Graph) -> tuple[rdflib.Graph, list[tuple[rdflib.term.Node, rdflib.term.Node]]]:
    """The shapes without their sh:sparql constraints, and those constraints."""
    found = [(s, c) for s, c in shapes.subject_objects(SH.sparql)
             if (shapes.value(s, SH.deactivated) or rdflib.Literal(False)).toPython() is not True]
    if not found:
        return shapes, []
    core = rdflib.Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core, found


def _focus_nodes(graph: rdflib.Graph, shapes: rdflib.Graph, shape) -> set:
    nodes: set = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
        for c in classes:
            nodes.update(graph.subjects(RDF.type, c))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        nodes.update(graph.subjects(p, None))
    for p in shapes.objects(shape, SH.targetObjectsOf):
        nodes.update(graph.objects(None, p))
    return nodes


def _prefixes(shapes: rdflib.Graph, constraint) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(source, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, _SH_NAMESPACE)}>")
    return "\n".join(sorted(set(lines)))


def _run_sparql(graph: rdflib.Graph, shapes: rdflib.Graph, shape, constraint) -> list[Result]:
    """A SELECT constraint evaluated with $this unbound: each row names a failing focus node."""
    focus = _focus_nodes(graph, shapes, shape)
    if not focus:
        return []
    query = _prefixes(shapes, constraint) + "\n" + str(shapes.value(constraint, SH.select))
    severity = _SEVERITIES.get(shapes.value(shape, SH.severity), "violation")
    template = _messages(shapes, constraint, SH.message) or _messages(shapes, shape, SH.message)
    out = []
    for row in graph.query(query):
        bound = row.asdict()
        this = bound.get("this")
        if this not in focus:
            continue
        message = re.sub(r"\{[?$](\w+)\}", lambda m, b=bound: str(b.get(m.group(1), "")), template)
        out.append(Result(severity, _describe(graph, this), compact(bound.get("path")), compact(bound.get("value")),
                          message or f"fails {compact(shape)}", compact(shape)))
    return out
