"""Helpers the extractors share: spans of mentions, jieba word boundaries, clauses."""
from __future__ import annotations

import re

from ..document import Document
from ..nlp import segment
_WINDOW = 8
CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def spans(doc: Document, *kinds: str) -> list[tuple[int, int]]:
    """(start, end) of the mentions of these kinds; cached until mentions are added."""
    cache = doc.__dict__.setdefault("_spans", {})
    state = (id(doc.mentions), len(doc.mentions))
    hit = cache.get(kinds)
    if hit is not None and hit[0] == state:
        return hit[1]
    found = [(m.start, m.end) for m in doc.mentions if m.kind in kinds]
    cache[kinds] = (state, found)
    return found


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
