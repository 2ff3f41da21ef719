"""Write triples as Turtle, N-Triples or TriG: sorted, so byte-identical across runs.

Files are written to a temporary file beside the target and renamed over it,
so an interrupted build never leaves a half-written graph.
"""
from __future__ import annotations

import glob
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
    parse,
    serialize,
)

from .ntriples import turtle
from .vocab import PREFIXES

FORMATS = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig"}


def sorted_triples(triples: Iterable[Triple]) -> list[Triple]:
    """Distinct triples in a stable order: that of their N-Triples lines (subject,
    predicate, object), sorted as bytes, which Rust writes and C sorts quickly."""
    lines = sorted(set(serialize(triples, format=RdfFormat.N_TRIPLES).split(b"\n")) - {b""})
    return list(parse(b"\n".join(lines), format=RdfFormat.N_TRIPLES))


def serialize_graph(shared: Iterable[Triple], reports: dict[str, bytes], fmt: str) -> bytes:
    """The whole graph in `fmt`: the shared triples and each report's N-Triples, sorted
    (the order of their N-Triples lines) so that a build's output is byte-identical across
    runs; TriG puts each report's triples in a named graph of its own."""
    shared_nt = serialize(shared, format=RdfFormat.N_TRIPLES)
    if fmt == "trig":
        quads = [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in _parse(sorted_lines([shared_nt]))]
        for report in sorted(reports):
            graph = NamedNode(report)
            quads.extend(Quad(t.subject, t.predicate, t.object, graph) for t in _parse(sorted_lines([reports[report]])))
        return serialize(quads, format=FORMATS[fmt], prefixes=PREFIXES)
    lines = sorted_lines([shared_nt, *reports.values()])
    if fmt == "nt":
        return "".join(f"{x}\n" for x in lines).encode("utf-8")
    return turtle(lines).encode("utf-8")


def sorted_lines(blobs: Iterable[bytes]) -> list[str]:
    """The distinct N-Triples lines of these documents, sorted (as code points, which is
    the order of their UTF-8 bytes). Documents that are sorted already merge quickly."""
    lines: list[str] = []
    for blob in blobs:
        lines.extend(blob.decode("utf-8").split("\n"))
    return [x for x in dict.fromkeys(sorted(lines)) if x]


def _parse(lines: list[str]) -> Iterable[Triple]:
    return parse("\n".join(lines).encode("utf-8"), format=RdfFormat.N_TRIPLES)


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
