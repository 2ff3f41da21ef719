"""Helpers the extractors share: spans of mentions, jieba word boundaries, clauses."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from ..document import Document, Mention
from ..nlp import segment

_WINDOW = 8
CLAUSE_END_CHARS = "。；;！？!?\n"
CLAUSE_END = re.compile(f"[{CLAUSE_END_CHARS}]")


class Spans:
    """(start, end) spans kept sorted, so that "is this inside / does this overlap /
    does this hold a span" is a binary search rather than a scan of every mention."""

    __slots__ = ("_pairs", "_starts", "_ends", "_longest")

    def __init__(self, pairs: Iterable[tuple[int, int]] = ()):
        self._pairs = sorted(pairs)
        self._starts = [s for s, _ in self._pairs]
        self._ends = [e for _, e in self._pairs]
        self._longest = max((e - s for s, e in self._pairs), default=0)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self._pairs, (start, end))
        self._pairs.insert(i, (start, end))
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def plus(self, pairs: list[tuple[int, int]]) -> Spans:
        """A new index with `pairs` added (this one unchanged)."""
        return Spans(self._pairs + pairs) if pairs else self

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._pairs)

    def inside(self, start: int, end: int) -> bool:
        """[start, end) lies within one of the spans."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_right(self._starts, start)
        return any(e >= end for e in self._ends[lo:hi])

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect_right(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return any(e > start for e in self._ends[lo:hi])

    def within(self, start: int, end: int) -> bool:
        """One of the spans lies within [start, end)."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return any(e <= end for e in self._ends[lo:hi])


def spans(doc: Document, *kinds: str) -> Spans:
    """The spans of the mentions of these kinds; kept per document and extended with the
    mentions added since (a caller's earlier answer stays as it was)."""
    cache = doc.__dict__.setdefault("_spans", {})
    hit = cache.get(kinds)
    if hit is None or hit[0] is not doc.mentions:
        hit = cache[kinds] = [doc.mentions, 0, Spans()]
    if hit[1] < len(doc.mentions):
        hit[2] = hit[2].plus([(m.start, m.end) for m in doc.mentions[hit[1]:] if m.kind in kinds])
        hit[1] = len(doc.mentions)
    return hit[2]


def _by_start(doc: Document, kinds: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Starts of the mentions of these kinds, sorted, and each one's index in doc.mentions;
    kept per document and extended with the mentions added since."""
    cache = doc.__dict__.setdefault("_starts_of_kinds", {})
    hit = cache.get(kinds)
    if hit is None or hit[0] is not doc.mentions:
        hit = cache[kinds] = [doc.mentions, 0, [], []]
    starts, order = hit[2], hit[3]
    for i in range(hit[1], len(doc.mentions)):
        m = doc.mentions[i]
        if m.kind in kinds:
            at = bisect_right(starts, m.start)
            starts.insert(at, m.start)
            order.insert(at, i)
    hit[1] = len(doc.mentions)
    return starts, order


def mentions_in(doc: Document, kinds: tuple[str, ...], start: int, end: int) -> list[Mention]:
    """The mentions of these kinds that lie within [start, end), in the order they were added."""
    starts, order = _by_start(doc, kinds)
    found = sorted(order[bisect_left(starts, start):bisect_left(starts, end)])
    return [doc.mentions[i] for i in found if doc.mentions[i].end <= end]


def mentions_at(doc: Document, kinds: tuple[str, ...], start: int) -> list[Mention]:
    """The mentions of these kinds that begin at `start`, in the order they were added."""
    starts, order = _by_start(doc, kinds)
    return [doc.mentions[i] for i in sorted(order[bisect_left(starts, start):bisect_right(starts, start)])]


def stands_alone(text: str, start: int, end: int) -> bool:
    """True when the segmentation of the surroundings has a word boundary at both ends."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    pos, seen_start = lo, start == lo
    for token in segment.cut(text[lo:hi], hmm=False):
        pos += len(token)
        if pos == start:
            seen_start = True
        elif pos > start and not seen_start:
            return False
        if pos >= end:
            return seen_start and pos == end
    return False


def clause_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause (between ；。 and line ends) around `pos`, within [lo, hi)."""
    start = max(lo, last_of(text, CLAUSE_END_CHARS, lo, pos) + 1)
    m = CLAUSE_END.search(text, pos, hi)
    return start, (m.end() if m else hi)


COMMA_CLAUSE_STOPS = "，,。；;：:！？\n"


def comma_clause_start(text: str, pos: int) -> int:
    """Where the comma-delimited clause holding `pos` begins."""
    return last_of(text, COMMA_CLAUSE_STOPS, 0, pos) + 1


def comma_clause_end(text: str, pos: int) -> int:
    """Where the comma-delimited clause holding `pos` ends (after its stop mark)."""
    positions = _positions_of(text, COMMA_CLAUSE_STOPS)
    i = bisect_left(positions, pos)
    return positions[i] + 1 if i < len(positions) else len(text)


def last_of(text: str, chars: str, lo: int, hi: int) -> int:
    """The offset of the last of `chars` in text[lo:hi], or -1."""
    positions = _positions_of(text, chars)
    i = bisect_left(positions, hi) - 1
    return positions[i] if i >= 0 and positions[i] >= lo else -1


_POSITIONS: dict[str, tuple[str, list[int]]] = {}


def _positions_of(text: str, chars: str) -> list[int]:
    """Where any of `chars` occurs in `text`, in order; kept for the last text (a
    document's text is searched many times, always for the same few sets of stops)."""
    seen = _POSITIONS.get(chars)
    if seen is None or seen[0] is not text:
        pattern = re.compile("[" + re.escape(chars) + "]")
        seen = _POSITIONS[chars] = (text, [m.start() for m in pattern.finditer(text)])
    return seen[1]
