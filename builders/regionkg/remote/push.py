"""Load graphs into a SPARQL 1.1 server, one graph at a time, in batches.

Graph Store HTTP Protocol: the first batch of a graph is `PUT data?graph=IRI` (or
`?default`), which replaces what the graph held, so a rebuilt report replaces its named
graph; the following batches are `POST`, which add (so a graph larger than one batch is
partial on the server until its last batch is in). Update mode, for servers with only
SPARQL Update: `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }`, then `INSERT DATA`.
Bodies are N-Triples written by pyoxigraph, which escapes every term.

A blank node's label holds within one request only, so triples with blank nodes travel
together in the graph's last request (RegionKG's graphs have none). Retried requests are
safe: a PUT or DROP replaces again, and adding a set of triples twice adds them once.
"""
from __future__ import annotations

import itertools
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    RdfFormat,
    Store,
    Triple,
    serialize,
)

from ..http import EndpointError, Http
from ..incremental import MANIFEST, PUSHED
from ..store import FORMATS_BY_SUFFIX, MODEL_GRAPH, add_missing_model
from .endpoints import Endpoints, graph_param, with_param
from .sparql import term_text

DEFAULT_BATCH = 50_000


@dataclass
class PushStats:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


def store_graphs(store: Store, default_to: NamedNode | None = None, model: bool = True,
                 only: Callable[[NamedNode | DefaultGraph], bool] | None = None,
                 ) -> Iterator[tuple[NamedNode | None, Iterator[Triple]]]:
    """(target graph, its triples) for the default graph, then each named graph by IRI;
    the default graph's triples go to `default_to` when given (None: the default graph).
    `only`: which of the store's graphs to give (all by default)."""
    names = sorted(store.named_graphs(), key=lambda g: g.value)
    for source in [DefaultGraph(), *names]:
        if (source == MODEL_GRAPH and not model) or (only is not None and not only(source)):
            continue
        if isinstance(source, BlankNode):
            raise ValueError("a graph named by a blank node cannot be addressed on a server")  # noqa: TRY004 (bad input)
        target = default_to if isinstance(source, DefaultGraph) else source
        quads = store.quads_for_pattern(None, None, None, source)
        first = next(quads, None)
        if first is not None:
            yield target, itertools.chain([first.triple], (q.triple for q in quads))


@contextmanager
def open_source(files: Iterable[str | Path] = (), store: str | Path | None = None,
                model: bool = True) -> Iterator[Store]:
    """The store to push: a `regionkg build --store` folder (opened read-only, so a process
    that has it open does not stand in the way), or graph files loaded (with the chain model,
    unless not `model`) into a temporary on-disk store."""
    if store is not None:
        if not Path(store).is_dir():
            raise FileNotFoundError(f"{store}: no store here (build one with `regionkg build … --store {store}`)")
        yield Store.read_only(str(store))
        return
    folder = Path(tempfile.mkdtemp(prefix="regionkg-push-"))
    try:
        loaded = Store(str(folder))
        for f in map(Path, files):
            fmt = FORMATS_BY_SUFFIX.get(f.suffix.lower())
            if fmt is None:
                raise ValueError(f"{f}: unknown graph format (use .ttl, .nt, .trig or .nq)")
            loaded.bulk_load(path=str(f), format=fmt)
        if model:
            add_missing_model(loaded)
        yield loaded
        del loaded
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def batches(triples: Iterable[Triple], size: int) -> Iterator[list[Triple]]:
    """Lists of at most `size` triples; those with blank nodes all in the last one."""
    plain: list[Triple] = []
    blank: list[Triple] = []
    for t in triples:
        if isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode):
            blank.append(t)
            continue
        plain.append(t)
        if len(plain) >= size:
            yield plain
            plain = []
    if plain:
        yield plain
    if blank:
        yield blank


def ntriples(triples: list[Triple]) -> bytes:
    return serialize(triples, format=RdfFormat.N_TRIPLES)


def update_text(graph: NamedNode | None, triples: list[Triple], replace: bool) -> bytes:
    """A SPARQL Update request adding `triples` to `graph`, dropping it first if `replace`."""
    body = ntriples(triples)
    if graph is None:
        head, tail = ("DROP SILENT DEFAULT ;\n" if replace else "") + "INSERT DATA {\n", "}\n"
    else:
        g = term_text(graph)
        head = (f"DROP SILENT GRAPH {g} ;\n" if replace else "") + f"INSERT DATA {{ GRAPH {g} {{\n"
        tail = "} }\n"
    return head.encode() + body + tail.encode()


class Pusher:
    """Sends graphs to one server over the Graph Store Protocol, or SPARQL Update (`update`)."""

    def __init__(self, endpoints: Endpoints, http: Http | None = None, *, update: bool = False,
                 batch_size: int = DEFAULT_BATCH):
        if batch_size < 1:
            raise ValueError("the batch size must be 1 or more")
        if update and endpoints.update is None:
            raise ValueError("update mode needs the server's SPARQL Update URL (--update-url URL)")
        if not update and endpoints.data is None:
            raise ValueError("give the server's Graph Store Protocol URL (--data URL), or its SPARQL Update "
                             "URL with --update-url URL")
        self.endpoints, self.update, self.batch_size = endpoints, update, batch_size
        self.http = http or Http()

    def push_graph(self, graph: NamedNode | None, triples: Iterable[Triple]) -> int:
        """Replace `graph` (None: the default graph) on the server by `triples`; their number."""
        count = 0
        for n, batch in enumerate(batches(triples, self.batch_size)):
            if self.update:
                self.http.send("POST", self.endpoints.update, update_text(graph, batch, replace=n == 0),
                               {"Content-Type": "application/sparql-update; charset=utf-8"})
            else:
                url = with_param(self.endpoints.data, graph_param(graph.value if graph else None))
                self.http.send("PUT" if n == 0 else "POST", url, ntriples(batch),
                               {"Content-Type": "application/n-triples"})
            count += len(batch)
        return count

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph from the server (one it does not hold is no error)."""
        if self.update:
            self.http.send("POST", self.endpoints.update, f"DROP SILENT GRAPH {term_text(graph)}".encode(),
                           {"Content-Type": "application/sparql-update; charset=utf-8"})
            return
        try:
            self.http.send("DELETE", with_param(self.endpoints.data, graph_param(graph.value)))
        except EndpointError as exc:
            if exc.status != 404:
                raise

    def push(self, graphs: Iterable[tuple[NamedNode | None, Iterable[Triple]]]) -> PushStats:
        stats = PushStats()
        started, requests = time.perf_counter(), self.http.requests
        for graph, triples in graphs:
            stats.triples += self.push_graph(graph, triples)
            stats.graphs += 1
        stats.seconds = time.perf_counter() - started
        stats.requests = self.http.requests - requests
        return stats


# --- pushing only what changed since the last push -------------------------------------
@dataclass
class StoreState:
    """What a store built by `regionkg build --store` holds, by digest (from its manifest)."""

    reports: dict[str, str]        # report IRI → digest of its graph
    shared: str                    # digest of the default graph
    model: str                     # the extractor version (the chain model comes with it)

    def to_json(self) -> dict:
        return {"reports": self.reports, "shared": self.shared, "model": self.model}


@dataclass
class PushPlan:
    """The graphs a push sends and drops, against what was pushed last to the same place."""

    reports: set[str]
    dropped: list[str]
    shared: bool
    model: bool
    unchanged: int

    def wants(self, graph: NamedNode | DefaultGraph) -> bool:
        if isinstance(graph, DefaultGraph):
            return self.shared
        if graph == MODEL_GRAPH:
            return self.model
        return graph.value in self.reports


def store_state(folder: str | Path) -> StoreState | None:
    """The state of a store from its manifest (None: no manifest, so no plan)."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    reports = {d["summary"]["report"]: d["summary"].get("digest", "")
               for entry in manifest.get("files", {}).values() for d in entry.get("docs", [])}
    return StoreState(reports, manifest.get("shared_sha256", ""), manifest.get("version", ""))


def plan(state: StoreState, last: dict | None) -> PushPlan:
    """Reports whose graph is new or changed (an unknown digest counts as changed), reports
    gone since, and whether the default and model graphs changed."""
    if not last:
        return PushPlan(set(state.reports), [], True, True, 0)
    before: dict[str, str] = last.get("reports", {})
    changed = {r for r, d in state.reports.items() if not d or before.get(r) != d}
    return PushPlan(changed, sorted(set(before) - set(state.reports)), last.get("shared") != state.shared,
                    last.get("model") != state.model, len(state.reports) - len(changed))


def pushed_record(folder: str | Path) -> dict:
    try:
        return json.loads((Path(folder) / PUSHED).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def remember_push(folder: str | Path, target: str, state: StoreState) -> None:
    """Record what `target` now holds, beside the store (after a push that succeeded)."""
    from ..rdf.writer import write_atomic

    record = pushed_record(folder)
    record[target] = state.to_json()
    write_atomic(Path(folder) / PUSHED, json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
