"""Fuzz the builder: thousands of generated inputs through ingest, extraction and the writers.

    python benchmarks/fuzz.py                  # 3000 examples, seed 0
    python benchmarks/fuzz.py -n 500 --seed 7 --failures fuzz-failures.jsonl

Inputs (in turn): any Unicode text (lone surrogates included) as .txt, GB18030 .txt, HTML or
a JSONL line with random metadata; the corpus's sentences with nasty pieces (quotes,
backslashes, controls, separators), shuffled and cut at random points, in the same four
forms; and arbitrary bytes as a .txt file. Each must give a graph that parses as Turtle,
N-Triples and TriG with rdflib and pyoxigraph, passes the SHACL shapes and whose evidence
offsets hold (see tests/fuzzing.py), or no graph and a message naming the file.
Failures are counted, not stopped at; the failing inputs are written to --failures.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fuzzing import any_text, check_file, corpus_sentences, input_file, mixed_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--examples", type=int, default=3000, help="examples in all (default 3000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--failures", type=Path, help="write failing inputs here (JSON lines)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)

    kinds = {"unicode": input_file(any_text), "bytes": st.binary(max_size=2000).map(lambda b: ("doc.txt", b))}
    if corpus_sentences():
        kinds["corpus-mix"] = input_file(mixed_text())
    else:
        print("../shared/corpus not found: the corpus mix is left out", file=sys.stderr)
    each = max(1, args.examples // len(kinds))
    stats = {"tried": 0, "built": 0, "triples": 0, "failures": []}
    started = time.perf_counter()
    for kind, strategy in kinds.items():
        run(kind, strategy, each, args.seed, stats)
    seconds = time.perf_counter() - started
    failures = stats["failures"]
    print(f"examples tried: {stats['tried']} (seed {args.seed}); graphs built: {stats['built']}, "
          f"triples checked: {stats['triples']}; failures: {len(failures)}; {seconds:.0f} s")
    for f in failures[:10]:
        print(f"- {f['kind']}: {f['error'].splitlines()[-1][:200]}")
    if args.failures and failures:
        with args.failures.open("w", encoding="utf-8") as fh:
            for f in failures:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    return 1 if failures else 0


def run(kind: str, strategy, examples: int, seed_value: int, stats: dict) -> None:
    """Run `examples` inputs of one kind; count failures rather than stop at the first."""
    @seed(seed_value)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(file):
        name, data = file
        stats["tried"] += 1
        try:
            n = check_file(name, data)
        except Exception:  # noqa: BLE001  (every failure is counted)
            stats["failures"].append({"kind": kind, "name": name, "data": data.decode("latin-1"),
                                      "error": traceback.format_exc()})
            return
        stats["built"] += n > 0
        stats["triples"] += n
        if stats["tried"] % 250 == 0:
            print(f"  {stats['tried']} tried, {len(stats['failures'])} failures", file=sys.stderr, flush=True)

    prop()


if __name__ == "__main__":
    sys.exit(main())
