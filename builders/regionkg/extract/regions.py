"""Find the administrative divisions a document names.

Each gazetteer match is resolved to one division code, using the region named
right before it (通辽开鲁县) and the report's own region; names that stay
ambiguous are left out. Short forms are held to stricter tests than official
names: they must stand as a word of their own (jieba's segmentation of the
surrounding text), forms that are also common words (data/region_stopwords.tsv)
need the report's region to fix them, and a county's short form from outside the
report's province counts only on a route ("科尔沁至新民").
Pronouns (我市, 全旗, 本县…) resolve to the report's region or its
nearest ancestor of that kind.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..document import Document, Mention
from ..gazetteer import Gazetteer, default_gazetteer
from .common import stands_alone

_PRONOUN = re.compile(r"[我全本]([省市区县旗盟州])")
# A short form ending like a river's name, followed by river words, is the river (嫩江干流).
_RIVER_CONTEXT = re.compile(r"干流|流域|沿岸|两岸|水系|[上中下]游|支流|河段|江段|等.{0,4}江河|江河")
_AREA_AFTER = re.compile(r"地区|流域|矿区|煤田|一带")
# A route "X至Y": Y is a place too, even when its short form is also a common word (科尔沁至新民).
_ROUTE_LINKS = "至到"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("regionkg.data").joinpath("region_stopwords.tsv").read_text("utf-8")
    rows = [ln.split("\t")[0].strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(rows[1:])


class RegionMatcher:
    """Locate and resolve division names in text."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gaz = gazetteer or default_gazetteer()

    def matches(self, text: str, report_region: str | None) -> list[tuple[int, int, str]]:
        """(start, end, division code) for every resolvable division name."""
        found: list[tuple[int, int, str]] = []
        prev_end, prev_code = -1, None
        for start, end, surface in self.gaz.find(text):
            adjacent = prev_code if prev_end == start else None
            route = prev_end == start - 1 and text[start - 1] in _ROUTE_LINKS
            code = self._resolve(text, start, end, surface, adjacent, report_region, route)
            if code:
                found.append((start, end, code))
                prev_end, prev_code = end, code
        return found

    def _resolve(self, text, start, end, surface, adjacent, report_region, route=False) -> str | None:
        gaz = self.gaz
        cands = gaz.by_surface[surface]
        is_full = any(c.full for c in cands)
        near = [c for c in (adjacent, report_region) if c]
        fixed_by_context = any(gaz.is_within(c.code, ctx) for c in cands for ctx in near)
        if surface in stopwords() and not fixed_by_context:
            return None
        province = gaz.province(report_region) if report_region else None
        nearby = fixed_by_context or (province and any(gaz.is_within(c.code, province) for c in cands))
        if not is_full or not nearby:
            if not stands_alone(text, start, end):
                return None
        if not is_full:
            if surface[-1] in "江河湖" and _RIVER_CONTEXT.match(text, end):
                return None
        code = gaz.resolve(surface, near + ([province] if province else []))
        if code is None:
            return None
        level = gaz.divisions[code].level
        in_context = any(gaz.is_within(code, ctx) for ctx in near)
        if level == "township" and not in_context and not (is_full and len(cands) == 1):
            return None  # townships: inside the context, or by a full name found nowhere else
        if level == "township" and not is_full and _AREA_AFTER.match(text, end):
            return None  # 霍林河地区: an area named after a river or a coal field, not the town
        if not is_full and level in ("county", "township") and not route:
            # a county's short form far from the report's province needs a route or a neighbour
            if province and not in_context and not gaz.is_within(code, province):
                return None
        return code

    def pronouns(self, text: str, report_region: str | None) -> list[tuple[int, int, str]]:
        if not report_region:
            return []
        out = []
        for m in _PRONOUN.finditer(text):
            suffix = m.group(1) or m.group(2)
            code = self.gaz.nearest(report_region, suffix)
            if code:
                out.append((m.start(), m.end(), code))
        return out


class RegionMentions:
    """Pipeline stage: region mentions (the `rkg:mentions` facts come from `ReportMentions`)."""

    name = "regions"

    def __init__(self, matcher: RegionMatcher | None = None):
        self.matcher = matcher or RegionMatcher()

    def __call__(self, doc: Document) -> Document:
        spans = self.matcher.matches(doc.text, doc.region) + self.matcher.pronouns(doc.text, doc.region)
        for start, end, code in sorted(spans):
            doc.mentions.append(Mention(start, end, "Region", code, doc.sentence_at(start)))
        return doc
