"""Whether a report states a project's stage as reached (the review of the past year) or as
aimed at (the plan): `Achieved` or `Target`.

The last kind word (`stage_kind_words.tsv`: 已, 相继 … 确保, 力争, 要 …) before the stage verb in
its sentence decides; a sentence without one takes the part of the report it stands in, which
top-level headings open (`report_parts.tsv`: 回顾 … 安排, 任务 …).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..document import Document
from .lexicon import data_cache, read_tsv

ACHIEVED, TARGET = "Achieved", "Target"
NEAR = "near"        # 即将: not reached yet, but reported as under way

_HEADING = re.compile(r"[\u3000 \t]*[一二三四五六七八九十]{1,3}、")
_HEADING_MAX = 40    # characters: a longer line is prose that starts with a numeral


@data_cache
def _kind_words() -> tuple[re.Pattern[str], dict[str, str]]:
    kinds, parts = {}, []
    rows = sorted(read_tsv("stage_kind_words.tsv"), key=lambda r: len(r["word"]), reverse=True)
    for row in rows:
        word = row["word"]
        kinds[word] = row["kind"]
        before = f"(?<![{re.escape(row['not_after'])}])" if row.get("not_after") else ""
        after = f"(?![{re.escape(row['not_before'])}])" if row.get("not_before") else ""
        parts.append(f"{before}{re.escape(word)}{after}")
    return re.compile("|".join(parts)), kinds


@data_cache
def _part_words() -> list[tuple[str, str]]:
    return [(row["word"], row["part"]) for row in read_tsv("report_parts.tsv")]


def report_parts(doc: Document) -> tuple[list[int], list[str]]:
    """The starts of the report's parts and their kinds (review or plan), in text order."""
    cached = doc.__dict__.get("_report_parts")
    if cached is not None and cached[0] is doc.sentences:
        return cached[1]
    starts, parts = [0], ["review"]
    seen_review = False
    for s in doc.sentences:
        line = doc.text[s.start:s.end]
        if len(line) > _HEADING_MAX or not _HEADING.match(line):
            continue
        said = [part for word, part in _part_words() if word in line]
        part = "review" if "review" in said else "plan" if said or seen_review else parts[-1]
        seen_review = seen_review or part == "review"
        starts.append(s.start)
        parts.append(part)
    doc.__dict__["_report_parts"] = (doc.sentences, (starts, parts))
    return starts, parts


def kind_at(doc: Document, pos: int) -> str:
    """How the report states the stage whose verb stands at `pos`: ACHIEVED, TARGET or NEAR."""
    sentence = doc.sentences[doc.sentence_at(pos)] if doc.sentences else None
    lo = sentence.start if sentence is not None else 0
    pattern, kinds = _kind_words()
    last = None
    for m in pattern.finditer(doc.text, lo, pos):
        last = m
    if last is not None:
        kind = kinds[last.group()]
        return {"achieved": ACHIEVED, "target": TARGET}.get(kind, NEAR)
    starts, parts = report_parts(doc)
    return ACHIEVED if parts[bisect_right(starts, pos) - 1] == "review" else TARGET


def stated(doc: Document, stage: str, pos: int, order: list[str]) -> tuple[str, str]:
    """(stage, kind) of a stage verb at `pos`: 即将建成 is under construction, reached."""
    kind = kind_at(doc, pos)
    if kind == NEAR:
        cap = order.index("UnderConstruction")
        return (order[min(order.index(stage), cap)], ACHIEVED)
    return stage, kind
