#!/usr/bin/env python3
"""Push throughput: the store of ../shared/corpus loaded into a local Oxigraph server.

    python benchmarks/push_speed.py [--repeat 3] [--batch-size 50000]

Builds the corpus with `regionkg build --store` into a temporary folder; then, for each
mode (Graph Store Protocol or SPARQL Update, with the default batch size or batches of
5 000), --repeat times: starts a fresh `oxigraph serve --union-default-graph` on loopback
(PyPI package `oxigraph`), pushes the store into it (load) and pushes it again (replace:
every graph is replaced). Prints a table of medians; not a test.
"""
from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from regionkg.cli import main as regionkg
from regionkg.remote.endpoints import resolve
from regionkg.remote.push import Pusher, open_source, store_graphs
from regionkg.remote.sparql import RemoteStore

ROOT = Path(__file__).resolve().parent.parent


def serve(exe: str, folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([exe, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
            return proc, base
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("oxigraph serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=50_000)
    args = parser.parse_args()
    exe = shutil.which("oxigraph")
    if exe is None or not args.corpus.is_dir():
        print("needs the `oxigraph` server (pip install oxigraph) and ../shared/corpus", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        if regionkg(["build", str(args.corpus), "--store", str(store), "-q"]) != 0:
            return 1
        rows = []
        for mode, update, size in (("Graph Store Protocol", False, args.batch_size),
                                   ("Graph Store Protocol, batches of 5 000", False, 5_000),
                                   ("SPARQL Update", True, args.batch_size),
                                   ("SPARQL Update, batches of 5 000", True, 5_000)):
            runs = []
            for n in range(args.repeat):
                proc, base = serve(exe, Path(tmp) / f"server-{len(rows)}-{n}")
                try:
                    pusher = Pusher(resolve(base), update=update, batch_size=size)
                    for _ in range(2):  # load into the empty server, then replace every graph
                        with open_source(store=store) as source:
                            runs.append(pusher.push(store_graphs(source)))
                    assert len(RemoteStore(base)) == runs[-1].triples
                finally:
                    proc.kill()
                    proc.wait()
            load = statistics.median(r.seconds for r in runs[0::2])
            replace = statistics.median(r.seconds for r in runs[1::2])
            rows.append((mode, runs[0].graphs, runs[0].triples, runs[0].requests, load, replace))
    print(f"corpus store pushed to a local Oxigraph server (median of {args.repeat})\n")
    print("| mode | graphs | triples | requests | load (s) | load triples/s | replace (s) | replace triples/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for mode, graphs, triples, requests, load, replace in rows:
        print(f"| {mode} | {graphs} | {triples:,} | {requests} | {load:.2f} | {triples / load:,.0f} | "
              f"{replace:.2f} | {triples / replace:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
