#!/usr/bin/env python3
"""Build throughput and peak memory at 1×, 10× and 100× the corpus, with --jobs 1 and 2,
and the time of an incremental rebuild after adding one report to the largest store.

    python benchmarks/scale.py [--corpus DIR] [--times 1 10 100] [--jobs 1 2] [--modes turtle store]

The N× corpus is the corpus copied N times into a temporary folder (distinct file names,
so distinct report ids). Each build is a fresh process, start-up included:
`regionkg build COPY -o OUT.ttl` (mode turtle: text in, Turtle out, the whole graph held
to sort it) or `regionkg build COPY --store DIR` (mode store: streamed into the on-disk
store, memory bounded by a batch). Peak memory is the largest resident set of the build
process or one of its workers. "vs 1×" compares the per-core rate with the 1× rate of the
same mode and jobs. Prints a table; not a test.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_corpus(corpus: Path, times: int, into: Path) -> int:
    chars = 0
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.suffix in (".txt", ".jsonl", ".html")]
    for i in range(times):
        for f in files:
            target = into / f"copy{i:03d}" / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            if i == 0:
                chars += len(f.read_text("utf-8", errors="replace"))
    return chars * times


_MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(args: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB of the build process or its largest worker), measured by
    a fresh parent process so that earlier builds do not count."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "regionkg", *args],
                         check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, int(out.split()[-1]) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--times", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--modes", nargs="+", default=["turtle", "store"], choices=["turtle", "store"])
    opts = ap.parse_args()
    rows = []
    base: dict[tuple[str, int], float] = {}
    largest = None
    with tempfile.TemporaryDirectory(prefix="regionkg-scale-") as tmp:
        tmp = Path(tmp)
        for times in opts.times:
            corpus = tmp / f"corpus{times}"
            chars = copy_corpus(opts.corpus, times, corpus)
            for mode in opts.modes:
                for jobs in opts.jobs:
                    target = tmp / f"{mode}{times}-{jobs}"
                    where = ["-o", f"{target}.ttl"] if mode == "turtle" else ["--store", str(target)]
                    seconds, peak = run(["build", str(corpus), *where, "--jobs", str(jobs), "-q"])
                    per_core = chars / seconds / jobs
                    base.setdefault((mode, jobs), per_core)
                    rows.append((f"{times}×", mode, jobs, chars, seconds, chars / seconds, per_core,
                                 per_core / base[(mode, jobs)], peak))
                    print(f"{times}× {mode} jobs {jobs}: {seconds:.1f} s, {peak:,.0f} MB", file=sys.stderr, flush=True)
                    if mode == "store":
                        largest = target
                    else:
                        Path(f"{target}.ttl").unlink()
            if times != opts.times[-1]:
                shutil.rmtree(corpus)                # the disk holds one copy at a time
        incremental: list[tuple[float, float]] = []
        if largest is not None:                      # one more report into the largest store, three times
            for n in range(3):
                extra = corpus / f"added{n}" / f"report-{n}.txt"
                extra.parent.mkdir()
                extra.write_text(f"包头市人民政府工作报告\n——2025年1月{8 + n}日在包头市第十六届人民代表大会第五次会议上\n\n"
                                 "壮大稀土新材料产业。北方稀土5万吨稀土永磁材料项目开工建设。\n", "utf-8")
                incremental.append(run(["build", str(corpus), "--store", str(largest), "--jobs", str(opts.jobs[-1]),
                                        "-q"]))
            unchanged = run(["build", str(corpus), "--store", str(largest), "--jobs", str(opts.jobs[-1]), "-q"])
    print()
    print("| corpus | output | jobs | characters | seconds | chars/s | chars/s per core | vs 1× | peak RSS MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, mode, jobs, chars, secs, rate, per_core, ratio, peak_mb in rows:
        print(f"| {name} | {mode} | {jobs} | {chars:,} | {secs:.1f} | {rate:,.0f} | {per_core:,.0f} | {ratio:.2f} "
              f"| {peak_mb:,.0f} |")
    if incremental:
        times = ", ".join(f"{seconds:.1f} s" for seconds, _ in incremental)
        print(f"\nincremental rebuild after adding one report to the {opts.times[-1]}× store, three times: {times} "
              f"(peak RSS {max(mb for _, mb in incremental):,.0f} MB); with nothing changed: {unchanged[0]:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
