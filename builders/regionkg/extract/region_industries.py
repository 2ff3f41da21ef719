"""`RegionIndustries`: hasIndustry of regions for the industries their clauses develop;
`DropUnusedIndustries`: industries in no relation are dropped.

An industry gets hasIndustry when its own clause says the region develops, builds or has
it (see `industries.developed`: a develop verb, an enumeration of industries, a cluster
or base), or, for a name with an industry suffix, when its sentence speaks of
developing, clusters or pillars and the name is not only qualifying another noun
(产业体系) or a figure (某业增加值增长5%). The subject is a region written right in front
of the industry (甲县乙产业), else the region or regions that the clause is about
(支持甲市、乙市等市发展丙 → 甲市, 乙市; a clause that opens with a region), else the
report's region. Industries inside project, enterprise and park names are left to
those (an industry in a park's name is the park's).
"""
from __future__ import annotations

import re

from ..document import Document, Fact, Mention
from .common import CLAUSE_END_CHARS, COMMA_CLAUSE_STOPS, last_of, mentions_in, spans
from .industries import developed, evidence_of, leading_region
from .places import free_industries

_HAS = re.compile(r"发展|培育|壮大|打造|做强|做大|做优|延伸|布局|招引|聚焦|围绕|瞄准|突出|构建|建设|推进|推动|主导|支柱|"
                  r"集群|基地|产业链|优势|特色|重点|实施|形成|拓展|引进|提升|加快|升级|转型")
# what may stand between a clause start and the region the clause is about
_SUBJECT_LEAD = re.compile(r"(?:大力|积极|着力|全力|重点)?(?:支持|鼓励|推动|引导|指导|帮助|推进|加快|促进)?(?:在|由)?$")
_SUBJECT_LIST = re.compile(r"[、和及与]")
PARK = "park"


class RegionIndustries:
    name = "region-industries"

    def __call__(self, doc: Document) -> Document:
        blocked = spans(doc, "Project", "Enterprise", "IndustrialPark", "Industry")
        for i in free_industries(doc):
            if not self._has(doc, i):
                continue
            own = leading_region(doc, i)
            subjects = [own] if own else (self._clause_subjects(doc, i, blocked) or [doc.region])
            if subjects == [PARK]:
                continue  # the clause is about a park: its relations are the park's
            for region in sorted({s for s in subjects if s}):
                doc.facts.append(Fact(("Region", region), "hasIndustry", ("Industry", i.key), i.sentence))
        return doc

    @staticmethod
    def _has(doc: Document, i: Mention) -> bool:
        if developed(doc, i):
            return True
        return evidence_of(doc, i) == "suffix" and _HAS.search(doc.sentence_text(i.sentence)) is not None

    @staticmethod
    def _clause_subjects(doc: Document, i: Mention, blocked) -> list[str]:
        """The regions the clause of `i` is about: the last region (or list of regions) in
        its clause before it that opens a comma clause, after a verb of support at most."""
        text = doc.text
        lo = last_of(text, CLAUSE_END_CHARS, 0, i.start) + 1
        parks = spans(doc, "IndustrialPark")
        regions = sorted((r for r in mentions_in(doc, ("Region", "IndustrialPark"), lo, i.start)
                          if r.kind == "IndustrialPark" or not (blocked.inside(r.start, r.end) or parks.inside(r.start, r.end))),
                         key=lambda r: r.start)
        groups: list[list[Mention]] = []
        for r in regions:
            if groups and groups[-1] and groups[-1][-1].end == r.start:
                groups[-1][-1] = r  # 甲市乙县: the more specific
                continue
            if groups and groups[-1] and _SUBJECT_LIST.fullmatch(text[groups[-1][-1].end:r.start] or "-"):
                groups[-1].append(r)  # 甲市、乙市和丙市
                continue
            start = max(lo, last_of(text, COMMA_CLAUSE_STOPS, lo, r.start) + 1)
            lead = text[start:r.start]
            # a region may follow a verb of support (支持甲市…); a park is the subject only when it opens the clause
            groups.append([r] if (_SUBJECT_LEAD.fullmatch(lead) if r.kind == "Region" else not lead) else [])
        groups = [g for g in groups if g]
        if not groups:
            return []
        group = groups[-1]
        if any(r.kind == "IndustrialPark" for r in group):
            return [PARK]
        return [r.key for r in group]


class DropUnusedIndustries:
    """Industries in no relation are words of other names (铝箔 in a project's name) or
    named in passing (能源保供), not industries the report says anything about."""

    name = "drop-unused-industries"

    def __call__(self, doc: Document) -> Document:
        used = {f.object[1] for f in doc.facts if f.object[0] == "Industry"}
        for kind, key in list(doc.entities):
            if kind == "Industry" and key not in used:
                del doc.entities[(kind, key)]
                doc.mentions = [m for m in doc.mentions if not (m.kind == "Industry" and m.key == key)]
        return doc
