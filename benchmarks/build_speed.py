#!/usr/bin/env python3
"""Build throughput on a corpus: characters per second and triples per second.

    python benchmarks/build_speed.py [--runs N] [PATH ...]     # default: ../shared/corpus, 5 runs

Each run is a fresh process (caches cold, as for a user): it loads the pipeline
(start-up), reads and extracts every report, and serialises Turtle, single-threaded.
The machine's speed varies from run to run (a shared virtual machine), so the runs are
summarised by their best and their median. Not a test: figures only.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def once(paths: list[Path]) -> dict:
    t0 = time.perf_counter()
    from regionkg.builder import build
    from regionkg.ingest.sources import Source, find_files, read_sources
    from regionkg.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline(pipeline.document(Source("w", "w", "通辽市推进项目建设。")))
    t1 = time.perf_counter()
    result = build(paths, pipeline=pipeline, progress=False, jobs=1)
    t2 = time.perf_counter()
    data = result.serialize("turtle")
    t3 = time.perf_counter()
    chars = sum(len(s.text) for f in find_files(paths).files for s in read_sources(f)[0])
    return {"documents": result.documents, "files": result.files, "chars": chars,
            "triples": result.triple_count(), "bytes": len(data),
            "startup": t1 - t0, "extract": t2 - t1, "serialise": t3 - t2}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--once"]:
        print(json.dumps(once([Path(p) for p in argv[1:]])))
        return 0
    runs = 5
    if argv[:1] == ["--runs"]:
        runs, argv = int(argv[1]), argv[2:]
    paths = [str(p) for p in argv] or [str(ROOT.parent / "shared" / "corpus")]
    results = [json.loads(subprocess.run([sys.executable, __file__, "--once", *paths], check=True,
                                         capture_output=True, text=True).stdout) for _ in range(runs)]
    first = results[0]
    totals = sorted(r["extract"] + r["serialise"] for r in results)
    best = min(results, key=lambda r: r["extract"] + r["serialise"])
    median = statistics.median(totals)
    print(f"corpus            {', '.join(paths)}")
    print(f"documents         {first['documents']} from {first['files']} files")
    print(f"characters        {first['chars']:,}")
    print(f"triples           {first['triples']:,}  ({first['bytes'] / 1e6:.1f} MB Turtle)")
    print(f"runs              {runs} (fresh processes, one core)")
    print(f"start-up          {min(r['startup'] for r in results):.2f} s best (gazetteer, lexicons, jieba)")
    print(f"extract           {best['extract']:.2f} s in the best run")
    print(f"serialise         {best['serialise']:.2f} s in the best run")
    print(f"chars/s           {first['chars'] / totals[0]:,.0f} best, {first['chars'] / median:,.0f} median"
          "  (text in, Turtle out, start-up excluded)")
    print(f"triples/s         {first['triples'] / totals[0]:,.0f} best, {first['triples'] / median:,.0f} median")
    print(f"with start-up     {first['chars'] / (totals[0] + best['startup']):,.0f} chars/s best")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
