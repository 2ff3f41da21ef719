"""The embedded store: a pyoxigraph on-disk store that `regionkg build --store DIR` fills
and `regionkg query --store DIR` reuses without parsing Turtle again.

Each report's triples are in a named graph of their own (the report's IRI); gazetteer
regions are in the default graph, the chain model in `rkgr:graph/model`; queries see the union. A store is
written into a new folder and swapped in by renames, so a failed build leaves the
previous store as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple

from .graph_source import GRAPH_FORMATS, reading, store_folder
from .rdf.chains import chain_model, vocabulary_individuals
from .rdf.ntriples import PREFIX_HEADER
from .rdf.vocab import RDF, RKGR, term
from .rdf.reportgraph import ReportGraph
from .rdf.writer import remove_stale

MODEL_GRAPH = NamedNode(RKGR + "graph/model")
TYPE = NamedNode(RDF + "type")
CHAIN = NamedNode(term("IndustryChain"))


def model_quads() -> list[Quad]:
    """The chain model and the vocabulary's individuals, for graph files written before
    graphs carried them (see `load_files`)."""
    triples = chain_model().triples() + list(vocabulary_individuals())
    return [Quad(t.subject, t.predicate, t.object, MODEL_GRAPH) for t in triples]


def add_missing_model(store: Store) -> None:
    """Add the chain model to a store loaded from graph files that lack it (files written
    before graphs carried the model): chain questions need it."""
    if next(store.quads_for_pattern(None, TYPE, CHAIN), None) is None:
        store.bulk_extend(model_quads())


def load_graph(store: Store, shared: Iterable[Triple], reports: dict[str, ReportGraph]) -> None:
    """Put a build's graph in `store`: shared triples (the chain model among them) in the
    default graph, each report's in its named graph."""
    store.bulk_extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in shared)
    with ReportLoader(store) as loader:
        for report in sorted(reports):
            loader.add(report, reports[report])


def put_report(store: Store, report: str, graph: ReportGraph) -> None:
    """Add a report's triples to its named graph."""
    with ReportLoader(store) as loader:
        loader.add(report, graph)


SMALL = 1 << 20


class ReportLoader:
    """Adds report graphs to a store in batches: each batch one TriG document for
    pyoxigraph's bulk loader, which is many times faster than a transaction per report.
    The loader's memory grows with its batch (a 32 MB batch peaked at 650 MB, 4 MB at 250 MB,
    both at the same speed)."""

    def __init__(self, store: Store, batch_bytes: int = 4 << 20):
        self.store, self.batch_bytes = store, batch_bytes
        self._pieces: list[bytes] = []
        self._size = 0
        self._pending: set[str] = set()

    def add(self, report: str, graph: ReportGraph) -> None:
        self._pieces += [f"<{report}> {{\n".encode(), graph.ntriples, graph.statements, b"}\n"]
        self._size += len(graph.ntriples) + len(graph.statements)
        self._pending.add(report)
        if self._size >= self.batch_bytes:
            self.flush()

    def remove(self, report: str) -> None:
        """Remove a report's graph (what is still waiting to be added included)."""
        if report in self._pending:
            self.flush()
        self.store.remove_graph(NamedNode(report))

    def flush(self) -> None:
        if self._pieces:
            data = b"".join([PREFIX_HEADER, *self._pieces])
            if self._size < SMALL:           # a few reports: one transaction, no new files for the store to compact
                self.store.load(data, format=RdfFormat.TRIG)
            else:
                self.store.bulk_load(data, format=RdfFormat.TRIG)
        self._pieces, self._size, self._pending = [], 0, set()

    def __enter__(self) -> ReportLoader:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.flush()


@contextmanager
def new_folder(path: str | Path) -> Iterator[Path]:
    """A fresh folder beside `path` to build a store in, swapped in for `path` when the
    block succeeds and removed when it fails. Folders that killed builds left behind
    (their process gone) are removed first."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path, ".building")
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".building", dir=path.parent))
    try:
        yield tmp
        swap_in(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def swap_in(tmp: Path, path: Path) -> None:
    """Put the finished store folder `tmp` where `path` is, the old one removed after."""
    old = None
    if path.exists():
        old = path.with_name(f".{path.name}.old")
        if old.exists():
            shutil.rmtree(old)
        path.rename(old)
    tmp.rename(path)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def open_store(path: str | Path) -> Store:
    return Store(str(store_folder(path)))


FORMATS_BY_SUFFIX = GRAPH_FORMATS


def load_files(files: Iterable[str | Path]) -> Store:
    """An in-memory store holding the given graph files (and the chain model, if they lack it);
    a file that is missing or does not parse is named in the error."""
    store = Store()
    for f in files:
        with reading(f) as fmt:
            store.bulk_load(path=str(f), format=fmt)
    add_missing_model(store)
    return store
