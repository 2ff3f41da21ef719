#!/usr/bin/env python3
"""Store comparison: load time and median query latency, pyoxigraph vs rdflib in memory.

    python benchmarks/query_speed.py [--scale 1000000] [--repeat 5]

Graphs: the graph of ../shared/corpus, and a synthetic graph of about --scale triples
made by repeating the corpus graph with renamed resources (regions, the chain model and
the vocabulary stay shared, so chain queries keep their meaning). Queries: chain closure
(upstream), chain coverage, capacity totals. Prints a table; not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {"chain closure (upstream)": ("upstream", {"industry": "电池箔"}),
           "coverage (chain-coverage)": ("chain-coverage", {"chain": "铝", "region": "通辽市"}),
           "capacity totals": ("capacity-by-industry", {"region": "内蒙古自治区"})}


def corpus_graph(tmp: Path) -> tuple[Path, int]:
    from regionkg.builder import build
    from regionkg.store import load_graph

    result = build([ROOT.parent / "shared" / "corpus"], progress=False)
    store = ox.Store()
    load_graph(store, result.shared, result.reports)
    path = tmp / "corpus.nq"
    store.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
    return path, len(store)


def synthetic(corpus: Path, tmp: Path, scale: int) -> tuple[Path, int]:
    """Copies of the corpus graph with renamed reports, projects, enterprises, parks, statements."""
    lines = corpus.read_text("utf-8").splitlines()
    renamed = ("/report/", "/project/", "/enterprise/", "/park/", "/statement/", "/quantity/")
    copies = max(1, scale // len(lines))
    path = tmp / "synthetic.nq"
    with open(path, "w", encoding="utf-8") as out:
        for n in range(copies):
            for line in lines:
                if n:
                    for seg in renamed:
                        line = line.replace(seg, f"{seg}c{n}-")
                out.write(line + "\n")
    return path, copies * len(lines)


def bench_oxigraph(path: Path, repeat: int) -> dict[str, float]:
    from regionkg import query as q

    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    out = {"load": time.perf_counter() - t}
    for label, (name, params) in QUERIES.items():
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            q.run(store, q.resolve(name), params)
            times.append(time.perf_counter() - t)
        out[label] = statistics.median(times)
    return out


def _rdflib_worker(path: str, repeat: int, conn) -> None:
    from regionkg import query as q

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(path, format="nquads")
    conn.send(("load", time.perf_counter() - t))
    for label, (name, params) in QUERIES.items():
        lq = q.resolve(name)
        bindings = {k: rdflib.Literal(v, lang="zh") for k, v in {**lq.defaults, **params}.items()}
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            list(ds.query(lq.text, initBindings=bindings))
            times.append(time.perf_counter() - t)
        conn.send((label, statistics.median(times)))


def bench_rdflib(path: Path, repeat: int, limit: float) -> dict[str, float]:
    """rdflib in a worker process, given `limit` seconds in all; what did not finish is inf."""
    import multiprocessing as mp

    parent, child = mp.Pipe()
    proc = mp.Process(target=_rdflib_worker, args=(str(path), repeat, child))
    proc.start()
    out: dict[str, float] = {}
    deadline = time.perf_counter() + limit
    while len(out) < 1 + len(QUERIES) and proc.is_alive():
        if parent.poll(max(0.0, min(1.0, deadline - time.perf_counter()))):
            key, value = parent.recv()
            out[key] = value
        elif time.perf_counter() > deadline:
            break
    proc.kill()
    for key in ["load", *QUERIES]:
        out.setdefault(key, float("inf"))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-repeat", type=int, default=1, help="rdflib runs (slow on large graphs)")
    ap.add_argument("--rdflib-limit", type=float, default=300, help="seconds rdflib gets per graph")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, n_corpus = corpus_graph(tmp)
        synth, n_synth = synthetic(corpus, tmp, args.scale)
        rows = []
        for name, path, n in (("corpus", corpus, n_corpus), ("synthetic", synth, n_synth)):
            rows.append((name, n, "pyoxigraph", bench_oxigraph(path, args.repeat)))
            rows.append((name, n, "rdflib", bench_rdflib(path, args.rdflib_repeat if n > 200_000 else args.repeat,
                                                         args.rdflib_limit)))
            print(f"{name}: done", file=sys.stderr)
    cols = ["load"] + list(QUERIES)
    print(f"{'graph':10} {'triples':>9} {'engine':11} " + " ".join(f"{c:>26}" for c in cols))
    for name, n, engine, res in rows:
        print(f"{name:10} {n:>9} {engine:11} " + " ".join(
            f"{res[c] * 1000:>23.1f} ms" if res[c] != float("inf") else f"{'(not done in limit)':>26}" for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
