#!/usr/bin/env python3
"""Shards of N× the corpus loaded into a local Oxigraph with its bulk loader, next to
`regionkg push` into an Oxigraph server.

    python benchmarks/shard_load.py [--corpus DIR] [--times 100] [--shard-size 100]

Copies the corpus N times (see scale.py), writes its shards (`regionkg build COPY --shards
DIR --shard-size S -j 2`), loads every shard file into a new Oxigraph database with
`oxigraph load --location DB --file DIR/*.nq` (the bulk loader; PyPI package `oxigraph`)
and checks the database holds the manifest's triple count. For comparison, it builds the
1× corpus into a store and pushes it into a fresh `oxigraph serve` on loopback (the Graph
Store Protocol, as push_speed.py). Prints seconds and triples per second; not a test.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from push_speed import serve
from pyoxigraph import Store
from scale import copy_corpus

from regionkg.remote.endpoints import resolve
from regionkg.remote.push import Pusher, open_source, store_graphs

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--times", type=int, default=100)
    ap.add_argument("--shard-size", type=int, default=100)
    opts = ap.parse_args()
    exe = shutil.which("oxigraph")
    if exe is None or not opts.corpus.is_dir():
        print("needs the `oxigraph` CLI (pip install oxigraph) and ../shared/corpus", file=sys.stderr)
        return 2
    regionkg = [sys.executable, "-m", "regionkg", "build"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        copy, shards, db = Path(tmp) / "corpus", Path(tmp) / "shards", Path(tmp) / "db"
        copy_corpus(opts.corpus, opts.times, copy)
        build = timed([*regionkg, str(copy), "--shards", str(shards), "--shard-size", str(opts.shard_size),
                       "-j", "2", "-q"])
        manifest = json.loads((shards / "manifest.json").read_text("utf-8"))
        files = sorted(str(p) for p in shards.glob("*.nq"))
        load = timed([exe, "load", "--location", str(db), "--file", *files])
        loaded = len(Store.read_only(str(db)))
        assert loaded == manifest["triples"], (loaded, manifest["triples"])
        size = sum(p.stat().st_size for p in shards.glob("*.nq")) / 1e6
        rows.append((f"`oxigraph load` of the shards of {opts.times}× ({len(files)} files, {size:,.0f} MB)",
                     loaded, load))

        store = Path(tmp) / "store"
        subprocess.run([*regionkg, str(opts.corpus), "--store", str(store), "-q"], check=True)
        proc, base = serve(exe, Path(tmp) / "server")
        try:
            with open_source(store=store) as source:
                pushed = Pusher(resolve(base)).push(store_graphs(source))
        finally:
            proc.kill()
            proc.wait()
        rows.append(("`regionkg push` of the 1× store to `oxigraph serve`", pushed.triples, pushed.seconds))
    print(f"shards of {opts.times}× the corpus written in {build:.1f} s (-j 2, start-up included), "
          f"{manifest['graphs']:,} report graphs, {opts.shard_size} a file\n")
    print("| load | triples | seconds | triples/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, triples, seconds in rows:
        print(f"| {name} | {triples:,} | {seconds:.1f} | {triples / seconds:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
