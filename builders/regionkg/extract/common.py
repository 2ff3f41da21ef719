"""Helpers the extractors share: spans of mentions, jieba word boundaries, clauses."""
from __future__ import annotations

import re

from ..document import Document
from ..nlp import segment
_WINDOW = 8
CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def spans(doc: Document, *kinds: str) -> list[tuple[int, int]]:
    """(start, end) of the mentions of these kinds, in order of addition; kept per document
    and extended with the mentions added since (stages only add, or replace the list)."""
    cache = doc.__dict__.setdefault("_spans", {})
    hit = cache.get(kinds)
    if hit is None or hit[0] is not doc.mentions:
        hit = cache[kinds] = [doc.mentions, 0, []]
    if hit[1] < len(doc.mentions):
        hit[2] = hit[2] + [(m.start, m.end) for m in doc.mentions[hit[1]:] if m.kind in kinds]
        hit[1] = len(doc.mentions)
    return hit[2]


def inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """True when [start, end) lies within one of `ranges`."""
    return any(s <= start and end <= e for s, e in ranges)


def overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def stands_alone(text: str, start: int, end: int) -> bool:
    """True when the segmentation of the surroundings has a word boundary at both ends."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    pos, bounds = lo, {lo}
    for token in segment.cut(text[lo:hi], hmm=False):
        pos += len(token)
        bounds.add(pos)
    return start in bounds and end in bounds


def clause_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between ；。 and line ends) around `pos`, within [lo, hi)."""
    start = pos
    while start > lo and not CLAUSE_END.match(text, start - 1):
        start -= 1
    m = CLAUSE_END.search(text, pos, hi)
    return start, (m.end() if m else hi)


COMMA_CLAUSE_STOPS = "，,。；;：:！？\n"


def comma_clause_start(text: str, pos: int) -> int:
    """Where the comma-delimited clause holding `pos` begins."""
    start = pos
    while start > 0 and text[start - 1] not in COMMA_CLAUSE_STOPS:
        start -= 1
    return start
