#!/usr/bin/env python3
"""Do rjieba (Rust) and jieba (Python) agree on the segmentations RegionKG asks for?

    python benchmarks/segmentation_agreement.py [PATH ...]   # default: ../shared/corpus

Builds the corpus once with jieba, recording every text the extractors segment or tag
(and how), then asks rjieba the same and counts agreement: whole calls, tokens, and the
word boundaries and (word, tag) pairs. Prints the figures and the first disagreements.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import jieba
import jieba.posseg
import rjieba

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [ROOT.parent / "shared" / "corpus"]
    calls: set[tuple[str, str, bool]] = set()
    cut, lcut, plcut = jieba.cut, jieba.lcut, jieba.posseg.lcut
    jieba.cut = lambda text, cut_all=False, HMM=True: (calls.add(("cut", text, HMM)), cut(text, HMM=HMM))[1]
    jieba.lcut = lambda text, cut_all=False, HMM=True: (calls.add(("cut", text, HMM)), lcut(text, HMM=HMM))[1]
    jieba.posseg.lcut = lambda text, HMM=True: (calls.add(("tag", text, HMM)), plcut(text, HMM=HMM))[1]
    from regionkg.builder import build
    from regionkg.nlp import segment

    segment.use("jieba")
    build(paths, progress=False)
    jieba.cut, jieba.lcut, jieba.posseg.lcut = cut, lcut, plcut
    stats = {"cut": [0, 0, 0, 0], "tag": [0, 0, 0, 0]}        # calls, equal calls, tokens, equal tokens
    numbers_only = 0        # calls that differ only in the tag of a number (jieba: eng, rjieba: m)
    shown = 0
    t_py = t_rs = 0.0
    for kind, text, hmm in sorted(calls):
        t = time.perf_counter()
        if kind == "cut":
            ours = list(cut(text, HMM=hmm))
            t_py += time.perf_counter() - t
            t = time.perf_counter()
            theirs = rjieba.cut(text, hmm)
        else:
            ours = [(p.word, p.flag) for p in plcut(text, HMM=hmm)]
            t_py += time.perf_counter() - t
            t = time.perf_counter()
            theirs = [tuple(p) for p in rjieba.tag(text, hmm)]
        t_rs += time.perf_counter() - t
        s = stats[kind]
        s[0] += 1
        s[1] += ours == theirs
        s[2] += len(ours)
        s[3] += sum(a == b for a, b in zip(ours, theirs)) if len(ours) == len(theirs) else 0
        if ours != theirs and kind == "tag" and [w for w, _ in ours] == [w for w, _ in theirs] and all(
                a == b or (a[0].replace(".", "").isdigit() and {a[1], b[1]} == {"eng", "m"})
                for a, b in zip(ours, theirs)):
            numbers_only += 1
            continue
        if ours != theirs and shown < 12:
            shown += 1
            print(f"  {kind} hmm={hmm} {text!r}\n    jieba  {ours}\n    rjieba {theirs}")
    for kind, (n, same, tokens, same_tokens) in stats.items():
        print(f"{kind:4} calls {n:7}  identical {same / max(n, 1):.4f}  tokens {tokens:8}  "
              f"shared {same_tokens / max(tokens, 1):.4f}")
    print(f"tag calls that differ only in a number's tag (eng/m): {numbers_only}")
    print(f"time  jieba {t_py:.2f} s   rjieba {t_rs:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
