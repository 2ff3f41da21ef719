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

from .lexicon import data_cache
from ..document import Document, Mention
from ..gazetteer import Gazetteer, default_gazetteer
from ..nlp import segment
from .common import stands_alone

_PRONOUN = re.compile(r"[我全本]([省市区县旗盟州])")
# A short form ending like a river's name, followed by river words, is the river (嫩江干流).
_RIVER_CONTEXT = re.compile(r"干流|流域|沿岸|两岸|水系|[上中下]游|支流|河段|江段|等.{0,4}江河|江河")
_AREA_AFTER = re.compile(r"地区|流域|矿区|煤田|一带")
# A route "X至Y": Y is a place too, even when its short form is also a common word (科尔沁至新民).
_ROUTE_LINKS = "至到"
# A name between list marks (甲、乙等…) is a word of its own whatever the segmenter says (乙等 → 乙/等).
_LIST_BEFORE = "、，,：:（(\n"
_LIST_AFTER = re.compile(r"[、，,；;。）)]|等|和|及")
# Works named after the town that holds them (甲乙水库, 甲乙机场): a two-character short form of a
# township found nowhere else counts before these.
_SITE_AFTER = re.compile(r"(?:国际)?机场|水库|水电站|核电站|抽水蓄能|气田|油田|煤矿")
_SITE_AFTER_ANY = re.compile(r"机场|水库|水电站|核电站|抽水蓄能|气田|油田|煤矿")
_ROUTE_ANY = re.compile(f"[{_ROUTE_LINKS}]")


@data_cache
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
        hits = self.gaz.find(text)
        for n, (start, end, surface) in enumerate(hits):
            adjacent = prev_code if prev_end == start else None
            route = prev_end == start - 1 and text[start - 1] in _ROUTE_LINKS
            after = hits[n + 1][2] if n + 1 < len(hits) and hits[n + 1][0] == end else None
            # 甲、乙、丙: an item of a list of regions (乙 may be a common word)
            in_list = prev_end == start - 1 and text[start - 1] in "、和"
            code = self._resolve(text, start, end, surface, adjacent, report_region, route, after, in_list)
            if code:
                found.append((start, end, code))
                prev_end, prev_code = end, code
        return self._short_townships(text, found, report_region)

    def _resolve(self, text, start, end, surface, adjacent, report_region, route=False, after=None,
                 in_list=False) -> str | None:
        gaz = self.gaz
        cands = gaz.by_surface[surface]
        is_full = any(c.full for c in cands)
        near = [c for c in (adjacent, report_region) if c]
        fixed_by_context = any(gaz.is_within(c.code, ctx) for c in cands for ctx in near)
        if surface in stopwords():
            # a common word needs its place fixed by a region named just before or listed with
            # it, or by the report of a prefecture, a county or a municipality (a province holds
            # too many such names)
            strict = [c for c in near if c == adjacent or in_list or gaz.divisions[c].level != "province"
                      or gaz.divisions[c].name.endswith("市")]
            if not any(gaz.is_within(c.code, ctx) for c in cands for ctx in strict):
                return None
        province = gaz.province(report_region) if report_region else None
        nearby = fixed_by_context or (province and any(gaz.is_within(c.code, province) for c in cands))
        site = len(cands) == 1 and _SITE_AFTER.match(text, end) is not None and \
            gaz.divisions[cands[0].code].level == "township" and (province is None or gaz.is_within(cands[0].code, province))
        if (not is_full or not nearby) and not site and not _listed(text, start, end) \
                and not self._nested(cands, adjacent, after) and not stands_alone(text, start, end):
            return None
        if not is_full:
            if surface[-1] in "江河湖" and _RIVER_CONTEXT.match(text, end):
                return None
        code = gaz.resolve(surface, near + ([province] if province else [])) or (cands[0].code if site else None)
        if code is None:
            return None
        level = gaz.divisions[code].level
        in_context = any(gaz.is_within(code, ctx) for ctx in near)
        if level == "township" and not in_context and not (is_full and len(cands) == 1) and not site:
            return None  # townships: inside the context, by a full name found nowhere else, or a site's
        if level == "township" and not is_full and _AREA_AFTER.match(text, end):
            return None  # 霍林河地区: an area named after a river or a coal field, not the town
        if not is_full and level in ("county", "township") and not route:
            # a county's short form far from the report's province needs a route or a neighbour
            if province and not in_context and not gaz.is_within(code, province):
                return None
        return code

    def _nested(self, cands, adjacent: str | None, after: str | None) -> bool:
        """甲市乙区…: a short form right after a region that holds it, or right before a full
        name or short form that it holds, is the region whatever the segmenter says (甲市乙机场)."""
        gaz = self.gaz
        if adjacent is not None and any(c.code != adjacent and gaz.is_within(c.code, adjacent) for c in cands):
            return True
        return after is not None and any(gaz.is_within(a.code, c.code) and a.code != c.code
                                         for a in gaz.by_surface[after] for c in cands)

    def _short_townships(self, text: str, found: list[tuple[int, int, str]],
                         report_region: str | None) -> list[tuple[int, int, str]]:
        """Two-character short forms of townships (left out of the gazetteer's search: most are
        ordinary words) where the text fixes them: right after a prefecture or county that
        holds exactly one of that name (甲县乙镇 written 甲乙), at a route's end next to a region (乙至丙铁路), or
        before a site named after the town when no other division has that name (乙水库)."""
        if not found:
            return found
        index = _township_index(self.gaz)
        ends = {e: code for _, e, code in found}
        starts = {s: code for s, _, code in found}
        taken = [(s, e) for s, e, _ in found]
        # where a short form can stand: right after a region, at either end of a route link,
        # right before a site; two characters each
        spots = {e for e in ends} | {m.start() - 2 for m in _SITE_AFTER_ANY.finditer(text)}
        for m in _ROUTE_ANY.finditer(text):
            spots.update((m.start() - 2, m.end()))
        extra = []
        for start in sorted(p for p in spots if p >= 0):
            end = start + 2
            surface = text[start:end]
            codes = index.codes.get(surface)
            if not codes:
                continue
            code = None
            if start in ends and self.gaz.divisions[ends[start]].level in ("prefecture", "county"):
                inside = [c for c in codes if self.gaz.is_within(c, ends[start])]
                code = inside[0] if len(inside) == 1 else None
            unique = len(codes) == 1 and surface not in self.gaz.by_surface
            if code is None and unique and surface not in stopwords():
                before, after = text[start - 1:start], text[end:end + 1]
                route = (after and after in _ROUTE_LINKS and (end + 1) in starts) or \
                        (before and before in _ROUTE_LINKS and (start - 1) in ends)
                home = report_region is None or self.gaz.is_within(codes[0], self.gaz.province(report_region))
                if route or (home and _SITE_AFTER.match(text, end)):
                    code = codes[0]
            if code and _verb_like(surface):
                code = None  # 某市建设…, 打通机场: a verb, not the town
            if code and not any(s < end and start < e for s, e in taken):
                extra.append((start, end, code))
                taken.append((start, end))
        return sorted(found + extra) if extra else found

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


@lru_cache(maxsize=20000)
def _verb_like(word: str) -> bool:
    """A word that the dictionary knows as a verb (建设, 打通, 会师)."""
    tags = segment.tag(word, False)
    return len(tags) == 1 and tags[0][1].startswith("v") and segment.in_dictionary(word)


def _listed(text: str, start: int, end: int) -> bool:
    """The name stands between list marks (、甲、, 、甲等)."""
    return (start == 0 or text[start - 1] in _LIST_BEFORE) and _LIST_AFTER.match(text, end) is not None


class _TownshipIndex:
    """Two-character short forms of townships → their codes."""

    def __init__(self, gaz: Gazetteer):
        self.codes: dict[str, list[str]] = {}
        for div in gaz.divisions.values():
            if div.level == "township":
                for alias in div.aliases:
                    if len(alias) == 2:
                        self.codes.setdefault(alias, []).append(div.code)


_TOWNSHIPS: dict[int, _TownshipIndex] = {}


def _township_index(gaz: Gazetteer) -> _TownshipIndex:
    hit = _TOWNSHIPS.get(id(gaz))
    if hit is None:
        hit = _TOWNSHIPS[id(gaz)] = _TownshipIndex(gaz)
    return hit


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
