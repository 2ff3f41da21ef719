"""`regionkg build … --shards DIR`: the graph as N-Quads files for the bulk loaders of large
stores (Oxigraph, QLever, Virtuoso), beside a manifest.

DIR holds `shared.nq` (the default graph: regions, the chain model, the vocabulary's
individuals, each project's latest status), `reports-00001.nq`, … (each report's triples in
the named graph of its IRI, `shard_size` reports a file, in IRI order) and `manifest.json`
(each file with its graphs, triple count and SHA-256, the totals and one digest of them all).
Lines are sorted and nothing depends on time or machine: the same inputs give the same bytes.
The folder is written beside DIR and swapped in whole, so DIR is never half written.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import orjson
from pyoxigraph import RdfFormat, Triple, serialize

from .rdf.reportgraph import ReportGraph
from .rdf.writer import sorted_lines
from .store import new_folder

MANIFEST = "manifest.json"
SHARED = "shared.nq"
FORMAT = "regionkg-shards/1"


def folder_error(folder: str | Path) -> str | None:
    """Why `folder` cannot take shards: it holds something else, which would be replaced."""
    folder = Path(folder)
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"{folder}: not a folder"
    if any(folder.iterdir()) and not (folder / MANIFEST).is_file():
        return f"{folder}: a folder that holds no shards ({MANIFEST}): give a new or empty folder"
    return None


def write_shards(folder: str | Path, shared: Iterable[Triple], reports: dict[str, ReportGraph],
                 size: int = 1) -> dict:
    """Write the shards of a graph into `folder` (replacing the shards there); its manifest."""
    if size < 1:
        raise ValueError(f"shard size {size}: give at least 1 report a file")
    if problem := folder_error(folder):
        raise ValueError(problem)
    order = sorted(reports)
    width = max(5, len(str(-(-len(order) // size))))
    with new_folder(folder) as tmp:
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o777 & ~umask)                 # a folder for others to load, not a private one
        lines = sorted_lines([serialize(shared, format=RdfFormat.N_TRIPLES)])
        manifest: dict = {"format": FORMAT, "shard_size": size, "shared": _write(tmp / SHARED, lines, [])}
        manifest["shards"] = []
        for n, start in enumerate(range(0, len(order), size), 1):
            graphs = order[start:start + size]
            quads = [q for g in graphs for q in _quads(g, reports[g])]
            manifest["shards"].append(_write(tmp / f"reports-{n:0{width}d}.nq", quads, graphs))
        files = [manifest["shared"], *manifest["shards"]]
        manifest["graphs"] = len(order)
        manifest["triples"] = sum(f["triples"] for f in files)
        manifest["digest"] = hashlib.sha256("".join(f"{f['file']}\t{f['sha256']}\n" for f in files).encode()).hexdigest()
        (tmp / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n")
    return manifest


def _quads(report: str, graph: ReportGraph) -> list[bytes]:
    """A report's N-Triples lines, sorted, as N-Quads lines in the report's named graph."""
    name = f" <{report}> .".encode()
    lines = sorted_lines([graph.all_ntriples()])
    assert all(line.endswith(b" .") for line in lines)
    return [line[:-2] + name for line in lines]


def _write(path: Path, lines: list[bytes], graphs: list[str]) -> dict:
    data = b"\n".join(lines) + b"\n" if lines else b""
    path.write_bytes(data)
    return {"file": path.name, "graphs": graphs, "triples": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
