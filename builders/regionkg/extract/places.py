"""Helpers the relation stages share: the most specific of nested regions, and the
industry mentions that stand outside other names."""
from __future__ import annotations

import re
from functools import lru_cache

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


@lru_cache(maxsize=2)
def _township_short_forms(gaz: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Townships' short forms that the name search leaves out (two characters: mostly
    ordinary words elsewhere) → codes. Forms the gazetteer's search knows are its to find."""
    out: dict[str, list[str]] = {}
    for div in gaz.divisions.values():
        if div.level != "township":
            continue
        for form in div.aliases:
            if len(form) >= 2 and form not in gaz.by_surface:
                out.setdefault(form, []).append(div.code)
    return {k: tuple(v) for k, v in out.items()}


# what follows a place name when it names a natural site instead (沙地, 草原, 湿地…)
_SITE_AFTER = re.compile(r"沙地|沙漠|草原|湿地|湖|河|江|山|林场|矿区|地区|流域")


def township_at(gaz: Gazetteer, text: str, within: str) -> tuple[str, int] | None:
    """The one township of region `within` whose short form `text` starts with (longest
    first), and the length of that form."""
    forms = _township_short_forms(gaz)
    for n in range(min(len(text), 5), 1, -1):
        codes = [c for c in forms.get(text[:n], ()) if gaz.is_within(c, within)]
        if codes and _SITE_AFTER.match(text, n):
            return None
        if codes:
            return (codes[0], n) if len(codes) == 1 else None
    return None
