"""Helpers the relation stages share: the most specific of nested regions, and the
industry mentions that stand outside other names."""
from __future__ import annotations

from ..document import Document, Mention
from ..gazetteer import Gazetteer
from .common import spans


def most_specific(gaz: Gazetteer, regions: list[Mention]) -> str | None:
    """The first region named, or the deepest of a nested run that starts with it (通辽开鲁县)."""
    if not regions:
        return None
    best = regions[0].key
    for m in regions[1:]:
        if gaz.is_within(m.key, best) and m.key != best:
            best = m.key
        else:
            break
    return best


def free_industries(doc: Document) -> list[Mention]:
    """Industry mentions outside project, enterprise and park names, in text order."""
    blocked = spans(doc, "Project", "Enterprise", "IndustrialPark")
    return sorted((m for m in doc.mentions if m.kind == "Industry" and not blocked.inside(m.start, m.end)),
                  key=lambda m: m.start)
