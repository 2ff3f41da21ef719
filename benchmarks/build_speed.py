#!/usr/bin/env python3
"""Build throughput on a corpus: characters per second and triples per second.

    python benchmarks/build_speed.py [PATH ...]     # default: ../shared/corpus

Prints start-up time (loading gazetteer, lexicons, jieba), the time to read and
extract, the time to serialise Turtle, and the rates. Not a test: figures only.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [ROOT.parent / "shared" / "corpus"]
    t0 = time.perf_counter()
    from regionkg.builder import build
    from regionkg.pipeline import default_pipeline

    pipeline = default_pipeline()
    pipeline(pipeline.document(__import__("regionkg.ingest.sources", fromlist=["Source"]).Source("w", "w", "通辽市推进项目建设。")))
    t1 = time.perf_counter()
    result = build(paths, pipeline=pipeline, progress=False)
    t2 = time.perf_counter()
    data = result.serialize("turtle")
    t3 = time.perf_counter()
    from regionkg.ingest.sources import find_files, read_sources

    chars = sum(len(s.text) for f in find_files(paths).files for s in read_sources(f)[0])
    triples = result.triple_count()
    build_s, ser_s = t2 - t1, t3 - t2
    print(f"corpus            {', '.join(map(str, paths))}")
    print(f"documents         {result.documents} from {result.files} files")
    print(f"characters        {chars}")
    print(f"triples           {triples}  ({len(data) / 1e6:.1f} MB Turtle)")
    print(f"start-up          {t1 - t0:.2f} s (gazetteer, lexicons, jieba)")
    print(f"extract           {build_s:.2f} s")
    print(f"serialise         {ser_s:.2f} s")
    print(f"chars/s           {chars / (build_s + ser_s):,.0f}  (text in, Turtle out, start-up excluded)")
    print(f"triples/s         {triples / (build_s + ser_s):,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
