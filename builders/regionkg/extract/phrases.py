"""Finding where a name starts: the left edge of a phrase that ends at an anchor.

Names in reports run from a clause boundary or a verb (推进, 发展, 建设…: see
`data/name_boundaries.tsv`) up to their head word (产业, 园区, 项目…). Spans of
protected mentions (regions, enterprises) are never cut, so 和林格尔 keeps its 和.
"""
from __future__ import annotations

import re
from functools import lru_cache
from heapq import merge

from ..nlp import segment
from ..nlp.surfaces import Surfaces
from .common import Spans, stands_alone
from .lexicon import data_cache, read_tsv, words

CLAUSE_STOPS = set("，。；：！？,;:!?（）()《》【】[]<>「」『』\n\t …/|")
LIST_SEPARATORS = "、"
QUOTES = "“”‘’\"'"
_QUOTES_RE = re.compile(f"[{QUOTES}]")


@data_cache
def _boundaries(lists: bool = False) -> Surfaces:
    """Boundary words; for coordinated lists, conjunctions do not end the phrase."""
    return Surfaces((row["word"] for row in read_tsv("name_boundaries.tsv")
                     if not (lists and row["kind"] == "conjunction")), longest=False)


@data_cache
def generic_words() -> frozenset[str]:
    return words("generic_names.tsv")


def strip_quotes(text: str) -> str:
    return _QUOTES_RE.sub("", text)


def left_edge(text: str, end: int, max_len: int, protected: Spans = Spans(),  # noqa: B008 (never changed)
              stops: str | set[str] = CLAUSE_STOPS, lists: bool = False) -> int:
    """Start of the name that ends at `end`: after the last clause stop and the last
    boundary word within `max_len` characters, never inside a protected span."""
    start = end
    floor = max(0, end - max_len)
    while start > floor and text[start - 1] not in stops:
        start -= 1
    cut = start
    window = text[start:end]
    if window:
        for s, e, _ in _boundaries(lists).find(window):
            b_start, b_end = start + s, start + e
            if b_end > end or protected.overlaps(b_start, b_end):
                continue
            cut = max(cut, b_end)
    return cut


_POS_OK = {"加工", "制造", "服务", "养殖", "种植", "开发", "利用", "回收", "储能", "发电", "运输", "物流"}


@lru_cache(maxsize=20000)
def tagged(text: str, hmm: bool = False) -> tuple[tuple[str, str], ...]:
    """jieba's (word, tag) pairs for a short text, cached: names recur across a batch.
    With `hmm`, words the dictionary lacks are guessed whole rather than cut to characters."""
    return tuple(segment.tag(text, hmm))


def ends_in_verb(name: str) -> bool:
    """True when jieba tags the last word of `name` as a verb (努力补齐, 问题导致)."""
    tokens = tagged(name)
    return bool(tokens) and tokens[-1][1] == "v" and tokens[-1][0] not in _POS_OK


def starts_with_verb(text: str) -> bool:
    """True when a text of several words starts with a verb (吸引…, 承接…)."""
    tokens = tagged(text)
    return len(tokens) > 1 and tokens[0][1] == "v"


def has_verb(text: str) -> bool:
    return any(flag == "v" for _, flag in tagged(text))


_CONJUNCTION = re.compile(r"、|以及|和|及|与")
_JOINING = re.compile(r"(?:连通|联通|互联|互通|连接|衔接|贯通)$")


def split_list(text: str, listed: str, offset: int, protected: Spans) -> list[tuple[int, str]]:
    """Items of a coordinated list (A、B和C) with their offsets. Conjunctions inside
    protected spans (呼和浩特) or inside words (参与) do not split."""
    pieces, pos = [], 0
    joined = _JOINING.search(listed)
    for m in _CONJUNCTION.finditer(listed):
        if joined and m.group() != "、":
            continue  # 甲运河与乙航道连通: one works joining two
        at = offset + m.start()
        if protected.inside(at, offset + m.end()):
            continue
        if m.group() != "、" and not stands_alone(text, at, offset + m.end()):
            continue
        pieces.append((offset + pos, listed[pos:m.start()]))
        pos = m.end()
    pieces.append((offset + pos, listed[pos:]))
    return pieces


def is_verb(name: str) -> bool:
    """True when every word of `name` is a verb (发挥, 推动落实)."""
    tokens = tagged(name)
    return bool(tokens) and all(flag.startswith("v") for _, flag in tokens)


@data_cache
def _generic_index() -> tuple[tuple[str, ...], dict[str, list[int]], dict[str, list[int]]]:
    """Generic words longest first, and their positions in that order by first and by last character."""
    ordered = tuple(sorted((w for w in generic_words() if w), key=lambda w: (-len(w), w)))
    by_first: dict[str, list[int]] = {}
    by_last: dict[str, list[int]] = {}
    for i, w in enumerate(ordered):
        by_first.setdefault(w[0], []).append(i)
        by_last.setdefault(w[-1], []).append(i)
    return ordered, by_first, by_last


_AMOUNT = re.compile(r"[\d.]*[十百千万亿]*元?以[上下]|[\d.]*[十百千万亿]+级|超?[\d.]*[十百千万亿]+元")
_COUNT = re.compile(r"(?:[\d.]+|[一二三四五六七八九十百千万亿两几]+)(?:个|大|项|类|批|家|条|号|期)?")


@lru_cache(maxsize=50000)
def is_generic(name: str) -> bool:
    """True when `name` is made only of generic words, numbers and counters."""
    rest = strip_quotes(name)
    if rest in generic_words():
        return True
    rest = _COUNT.sub("", _AMOUNT.sub("", rest))
    if not rest:
        return True
    ordered, by_first, by_last = _generic_index()
    changed = True
    while rest and changed:
        changed = False
        # longest first, a word taken off either end; only words that begin with the
        # first character or end with the last can be
        for i in merge(by_first.get(rest[0], ()), by_last.get(rest[-1], ())):
            w = ordered[i]
            if rest.startswith(w):
                rest = rest[len(w):]
                changed = True
                break
            if rest.endswith(w):
                rest = rest[: -len(w)]
                changed = True
                break
    return not rest
