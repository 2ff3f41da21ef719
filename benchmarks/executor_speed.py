#!/usr/bin/env python3
"""The Dask executor on two local workers next to `--jobs 2`, on N× the corpus, in one run.

    python benchmarks/executor_speed.py [--corpus DIR] [--times 10] [--repeat 2]

Copies the corpus N times into a temporary folder (distinct paths, so distinct report ids;
see scale.py), starts a Dask cluster on loopback (`distributed.LocalCluster`: two worker
processes of one thread each), warms the workers up (each loads the pipeline once, as a
long-lived worker does) and then, --repeat times and alternating which goes first, times
`regionkg build COPY -o OUT.ttl -j 2` and `regionkg build COPY -o OUT.ttl --executor
dask://…` as fresh processes, start-up included. Checks that both outputs are the same
bytes; prints the median times and their ratio. Not a test.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import copy_corpus

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "regionkg", *args], check=True)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=2)
    opts = ap.parse_args()
    try:
        from distributed import LocalCluster
    except ImportError:
        print("needs Dask: pip install 'regionkg[dist]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, memory_limit=0) as cluster:
        copy = Path(tmp) / "corpus"
        chars = copy_corpus(opts.corpus, opts.times, copy)
        url = "dask://" + cluster.scheduler_address.removeprefix("tcp://")
        warm = sorted((opts.corpus / "seeds").glob("*.txt"))[:4]
        timed(["build", *map(str, warm), "-o", f"{tmp}/warm.ttl", "--executor", url, "-q"])
        runs: dict[str, list[float]] = {"jobs 2": [], "dask, 2 workers": []}
        for n in range(opts.repeat):
            order = list(runs) if n % 2 == 0 else list(reversed(runs))
            for name in order:
                out = f"{tmp}/{'jobs' if name == 'jobs 2' else 'dask'}.ttl"
                extra = ["-j", "2"] if name == "jobs 2" else ["--executor", url]
                runs[name].append(timed(["build", str(copy), "-o", out, "-q", *extra]))
            assert Path(f"{tmp}/jobs.ttl").read_bytes() == Path(f"{tmp}/dask.ttl").read_bytes()
    jobs, dask = (statistics.median(runs[k]) for k in runs)
    print(f"{opts.times}× the corpus ({chars:,} characters), Turtle out, median of {opts.repeat}, "
          "start-up included; outputs byte-identical\n")
    print("| executor | seconds | chars/s |")
    print("| --- | ---: | ---: |")
    for name, seconds in (("--jobs 2", jobs), ("--executor dask:// (2 local workers, 1 thread each)", dask)):
        print(f"| {name} | {seconds:.1f} | {chars / seconds:,.0f} |")
    print(f"\nratio dask / jobs 2: {dask / jobs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
