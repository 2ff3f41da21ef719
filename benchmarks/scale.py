#!/usr/bin/env python3
"""Build throughput and peak memory at 1×, 10× and 100× the corpus, with --jobs 1 and 2,
and the time of an incremental rebuild after adding one report to the largest store.

    python benchmarks/scale.py [--corpus DIR] [--times 1 10 100] [--jobs 1 2]

The N× corpus is the corpus copied N times into a temporary folder (distinct file names,
so distinct report ids). Each build is `regionkg build COPY --store DIR` in a fresh
process (start-up included); peak memory is that process's maximum resident set (its
workers counted separately, the largest shown). Prints a table; not a test.
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
    opts = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="regionkg-scale-") as tmp:
        tmp = Path(tmp)
        for times in opts.times:
            corpus = tmp / f"corpus{times}"
            chars = copy_corpus(opts.corpus, times, corpus)
            for jobs in opts.jobs:
                store = tmp / f"store{times}-{jobs}"
                seconds, peak = run(["build", str(corpus), "--store", str(store), "--jobs", str(jobs), "-q"])
                rows.append((f"{times}×", jobs, chars, seconds, chars / seconds, chars / seconds / jobs, peak))
                print(f"{times}× jobs {jobs}: {seconds:.1f} s", file=sys.stderr, flush=True)
            largest = store
        # one more report into the largest store
        extra = corpus / "added" / "one-more-report.txt"
        extra.parent.mkdir()
        extra.write_text("包头市人民政府工作报告（基准测试用）\n——2025年1月8日在包头市人民代表大会上\n\n"
                         "壮大稀土新材料产业。北方稀土5万吨稀土永磁材料项目开工建设。\n", "utf-8")
        seconds, peak = run(["build", str(corpus), "--store", str(largest), "--jobs", str(opts.jobs[-1]), "-q"])
    print()
    print("| corpus | jobs | characters | seconds | chars/s | chars/s per core | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, jobs, chars, secs, rate, per_core, peak_mb in rows:
        print(f"| {name} | {jobs} | {chars:,} | {secs:.1f} | {rate:,.0f} | {per_core:,.0f} | {peak_mb:,.0f} |")
    print(f"\nincremental rebuild after adding one report to the {opts.times[-1]}× store: {seconds:.1f} s "
          f"(peak RSS {peak:,.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
