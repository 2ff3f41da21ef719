"""Write triples as Turtle, N-Triples or TriG: sorted, so byte-identical across runs.

Files are written to a temporary file beside the target and renamed over it,
so an interrupted build never leaves a half-written graph.
"""
from __future__ import annotations

import gc
import glob
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
    serialize,
)

from .ntriples import PREFIX_HEADER, turtle_body
from .vocab import PREFIXES, RESOURCE_PATHS, RKGR

FORMATS = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig"}


def sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    """Distinct triples in a stable order: that of their N-Triples lines (subject,
    predicate, object), sorted as bytes, which Rust writes and C sorts quickly."""
    lines = sorted(set(serialize(triples, format=RdfFormat.N_TRIPLES).split(b"\n")) - {b""})
    return list(parse(b"\n".join(lines), format=RdfFormat.N_TRIPLES))


_STATEMENT_SUBJECT = f"<{RKGR}{RESOURCE_PATHS['Statement']}/".encode()


@dataclass
class ReportGraph:
    """A report's own triples as a build keeps them: N-Triples for all but the reified
    statements, and the statements as Turtle blocks (prefixes of PREFIXES, sorted by
    statement IRI). Statements are most of a graph and no other report shares their
    nodes, so they are written once, by the worker that extracts the report."""

    ntriples: bytes
    statements: bytes = b""

    def statements_ntriples(self) -> bytes:
        if not self.statements:
            return b""
        return serialize(parse(PREFIX_HEADER + self.statements, format=RdfFormat.TURTLE), format=RdfFormat.N_TRIPLES)

    def all_ntriples(self) -> bytes:
        return self.ntriples + self.statements_ntriples()

    def statement_count(self) -> int:
        return self.statements.count(b" .\n")          # a block's last line; literals hold no raw newline

    @classmethod
    def from_ntriples(cls, data: bytes) -> ReportGraph:
        """Split N-Triples (as a store gives them back) the way a build keeps them."""
        statements, rest = [], []
        for x in data.split(b"\n"):
            if x:
                (statements if x.startswith(_STATEMENT_SUBJECT) else rest).append(x)
        return cls(b"".join(x + b"\n" for x in rest), turtle_body(sorted(set(statements))))


def serialize_graph(shared: Iterable[Triple], reports: dict[str, ReportGraph], fmt: str) -> bytes:
    """The whole graph in `fmt`, byte-identical across runs: shared triples and the
    reports' triples but for their statements, sorted (the order of their N-Triples
    lines); then in Turtle each report's statements, reports in IRI order. N-Triples are
    sorted throughout; TriG puts each report's triples in a named graph of its own."""
    shared_nt = serialize(shared, format=RdfFormat.N_TRIPLES)
    with _collector_paused():
        return _serialize(shared_nt, reports, fmt)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Lines are bytes, in lists: nothing here makes reference cycles, and pausing the
    cycle collector spares it rescanning a large heap for each batch of new lines."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _serialize(shared_nt: bytes, reports: dict[str, ReportGraph], fmt: str) -> bytes:
    if fmt == "trig":
        quads = [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in _parse(sorted_lines([shared_nt]))]
        for report in sorted(reports):
            graph = NamedNode(report)
            triples = _parse(sorted_lines([reports[report].all_ntriples()]))
            quads.extend(Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        return serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES)
    if fmt == "nt":
        lines = sorted_lines([shared_nt, *(g.all_ntriples() for g in reports.values())])
        return b"\n".join(lines) + b"\n" if lines else b""
    body = turtle_body(sorted_lines([shared_nt, *(g.ntriples for g in reports.values())]))
    return b"".join([PREFIX_HEADER, body, *(reports[r].statements for r in sorted(reports))])


def sorted_lines(blobs: Iterable[bytes]) -> list[bytes]:
    """The distinct N-Triples lines of these documents, sorted as UTF-8 bytes (the order
    of their code points)."""
    lines: set[bytes] = set()
    for blob in blobs:
        lines.update(blob.split(b"\n"))
    lines.discard(b"")
    return sorted(lines)


def _parse(lines: list[bytes]) -> Iterable[Triple]:
    return parse(b"\n".join(lines), format=RdfFormat.N_TRIPLES)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path, ".tmp")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _sync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def remove_stale(path: Path, suffix: str) -> None:
    """Remove the temporary files or folders (`.NAME.PID.*SUFFIX`) that a killed build
    left beside `path`: those whose process is gone."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*{suffix}"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                shutil.rmtree(tmp) if tmp.is_dir() and not tmp.is_symlink() else tmp.unlink()
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        pass
    return True


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable (where the file system allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
