"""Write triples as Turtle, N-Triples or TriG: sorted, so byte-identical across runs.

Files are written to a temporary file beside the target and renamed over it,
so an interrupted build never leaves a half-written graph.
"""
from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import (
    RdfFormat,
    Triple,
    parse,
    serialize,
)

from .ntriples import PREFIX_HEADER, abbreviated, turtle_body
from .reportgraph import ReportGraph

FORMATS = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig"}


def sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    """Distinct triples in a stable order: that of their N-Triples lines (subject,
    predicate, object), sorted as bytes, which Rust writes and C sorts quickly."""
    return list(_parse(sorted_lines([serialize(triples, format=RdfFormat.N_TRIPLES)])))


def serialize_graph(shared: Iterable[Triple], reports: dict[str, ReportGraph], fmt: str) -> bytes:
    """The whole graph in `fmt` (see `graph_chunks`)."""
    return b"".join(graph_chunks(shared, reports, fmt))


def graph_chunks(shared: Iterable[Triple], reports: dict[str, ReportGraph], fmt: str) -> Iterator[bytes]:
    """The whole graph in `fmt`, in pieces, byte-identical across runs: shared triples and
    the reports' triples but for their statements, sorted (the order of their N-Triples
    lines); then in Turtle each report's statements, reports in IRI order. N-Triples are
    sorted throughout; TriG puts each report's triples in a named graph of its own."""
    shared_nt = serialize(shared, format=RdfFormat.N_TRIPLES)
    if fmt == "turtle":
        body = turtle_body(sorted_lines([shared_nt, *(g.ntriples for g in reports.values())]))
        yield PREFIX_HEADER
        yield body
        del body
        for report in sorted(reports):               # read back one at a time where parked on disk
            yield reports[report].statements
        return
    yield _serialize(shared_nt, reports, fmt)


def _serialize(shared_nt: bytes, reports: dict[str, ReportGraph], fmt: str) -> bytes:
    if fmt == "trig":
        return b"".join(_trig(shared_nt, reports))
    lines = sorted_lines([shared_nt, *(g.all_ntriples() for g in reports.values())])
    return b"\n".join(lines) + b"\n" if lines else b""


def _trig(shared_nt: bytes, reports: dict[str, ReportGraph]) -> Iterator[bytes]:
    """TriG written as the Turtle is: the shared triples in the default graph, each report's
    lines and statement blocks in a graph of its own (TriG takes Turtle inside a graph)."""
    yield PREFIX_HEADER
    yield turtle_body(sorted_lines([shared_nt]))
    for report in sorted(reports):
        graph = reports[report]
        yield f"\n{abbreviated(report)} {{\n".encode()
        yield turtle_body(sorted_lines([graph.ntriples]))
        yield graph.statements
        yield b"}\n"


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


def write_atomic(path: str | Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of them) to `path` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path, ".tmp")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            for piece in [data] if isinstance(data, bytes | bytearray) else data:
                fh.write(piece)
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
