"""Relations between the entities a document names, and what the report mentions.

- `ProjectRelations`: locatedIn (a park or region in the project's own words, else
  the report's region) and inIndustry (what follows 等 in the list; the product
  of a power project; the sentence; the heading sentence of the paragraph; the
  product).
- `ParkRelations`: locatedIn (a region in or just before the park's name, else the
  report's region) and hasIndustry (industries in its name, or developed in the
  clause that names it).
- `RegionIndustries`: hasIndustry of the region a clause is about (the report's
  own unless the clause starts with another) for every industry it names.
- `ReportMentions`: rkg:mentions of every entity, with the first sentence naming it.
"""
from __future__ import annotations

import re

from ..document import Document, Fact, Mention
from ..gazetteer import Gazetteer
from .common import clause_bounds, comma_clause_start, mentions_at, mentions_in, spans
from .lexicon import Lexicons, shipped

POWER_UNITS = {"Kilowatt"}
_HAS = re.compile(r"发展|培育|壮大|打造|做强|做大|做优|延伸|布局|招引|聚焦|围绕|瞄准|突出|构建|建设|推进|推动|主导|支柱|"
                  r"集群|基地|产业链|优势|特色|重点|实施|形成|拓展|引进|提升|加快|升级|转型")


def _most_specific(gaz: Gazetteer, regions: list[Mention]) -> str | None:
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


class ProjectRelations:
    name = "project-relations"

    def __init__(self, gazetteer: Gazetteer, lexicons: Lexicons | None = None):
        self.gaz = gazetteer
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        free_industries = _free_industries(doc)
        for m in [m for m in doc.mentions if m.kind == "Project"]:
            ent = doc.entities[("Project", m.key)]
            if ent.attributes.get("located"):
                continue
            ent.attributes["located"] = True
            place = self._place(doc, m)
            if place:
                doc.facts.append(Fact(("Project", m.key), "locatedIn", place, m.sentence))
            industry, heading = self._industry(doc, m, ent, free_industries)
            if industry:
                doc.facts.append(Fact(("Project", m.key), "inIndustry", ("Industry", industry), m.sentence, heading))
        return doc

    def _place(self, doc: Document, m: Mention):
        if "至" in m.key:  # a route between places lies in the report's region
            return ("Region", doc.region) if doc.region else None
        parks = mentions_in(doc, ("IndustrialPark",), m.start, m.end)
        if parks:
            return ("IndustrialPark", parks[0].key)
        # a place in a company's name is where the company is from (甘肃嘉润合), unless it
        # lies inside the report's region (开鲁中圆 in a 通辽 report)
        companies = spans(doc, "Enterprise")
        regions = [r for r in mentions_in(doc, ("Region",), m.start, m.end)
                   if not companies.inside(r.start, r.end) or (doc.region and self.gaz.is_within(r.key, doc.region))]
        region = _most_specific(self.gaz, regions) or self._clause_subject(doc, m) or doc.region
        return ("Region", region) if region else None

    def _clause_subject(self, doc: Document, m: Mention) -> str | None:
        """A region that opens the clause of the project (扎鲁特旗建设…风电项目), if in the report's region."""
        start = comma_clause_start(doc.text, m.start)
        lead = mentions_at(doc, ("Region",), start)
        if lead and doc.region and self.gaz.is_within(lead[0].key, doc.region) and lead[0].key != doc.region:
            return lead[0].key
        return None

    def _industry(self, doc: Document, m: Mention, ent, free: list[Mention]) -> tuple[str | None, int | None]:
        """The project's industry, and the heading sentence it came from (if not its own)."""
        if ent.attributes.get("industry_hint"):
            return self._known(doc, ent.attributes["industry_hint"]), None
        inner = [i for i in mentions_in(doc, ("Industry",), m.start, m.end)]
        product = inner[-1].key if inner else self._product_industry(doc.text[m.start:m.end])
        capacity = ent.attributes.get("capacity")
        if product and capacity is not None and capacity.unit in POWER_UNITS:
            return self._known(doc, product), None
        sentence = doc.sentences[m.sentence]
        c_start, _ = clause_bounds(doc.text, m.start, sentence.start, sentence.end)
        _, c_end = clause_bounds(doc.text, m.end, sentence.start, sentence.end)
        before = [i for i in free if c_start <= i.start < m.start]
        if before:
            return before[0].key, None
        after = [i for i in free if m.end <= i.start < c_end]
        if after:
            return after[0].key, None
        if not (capacity is not None or any(f.predicate == "builds" and f.object == ("Project", m.key) for f in doc.facts)):
            return None, None  # a heading says what a company's project is for, less so a bare work's
        heading = self._heading(doc, m.sentence, free)
        return heading if heading else (None, None)

    def _heading(self, doc: Document, index: int, free: list[Mention]) -> tuple[str, int] | None:
        paragraph = doc.sentences[index].paragraph
        first = index
        while first > 0 and doc.sentences[first - 1].paragraph == paragraph:
            first -= 1
        if first == index:
            return None
        s = doc.sentences[first]
        found = [i for i in free if s.start <= i.start < s.end]
        return (found[0].key, first) if found else None

    def _product_industry(self, text: str) -> str | None:
        hits = self.lex.industries.find(text)
        return hits[-1][2] if hits else None

    def _known(self, doc: Document, name: str) -> str:
        doc.entity("Industry", name, name)
        return name


class ParkRelations:
    name = "park-relations"

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def __call__(self, doc: Document) -> Document:
        free = _free_industries(doc)
        seen: set[str] = set()
        for m in [m for m in doc.mentions if m.kind == "IndustrialPark"]:
            parks_inside = [p for p in mentions_in(doc, ("IndustrialPark",), m.start, m.end) if p is not m]
            region = _most_specific(self.gaz, mentions_in(doc, ("Region",), m.start, m.end))
            if m.key not in seen:
                seen.add(m.key)
                if region:
                    doc.facts.append(Fact(("IndustrialPark", m.key), "locatedIn", ("Region", region), m.sentence))
                elif parks_inside:
                    doc.facts.append(Fact(("IndustrialPark", m.key), "locatedIn", ("IndustrialPark", parks_inside[0].key), m.sentence))
                elif doc.region:
                    doc.facts.append(Fact(("IndustrialPark", m.key), "locatedIn", ("Region", doc.region), m.sentence))
            for i in mentions_in(doc, ("Industry",), m.start, m.end):
                doc.facts.append(Fact(("IndustrialPark", m.key), "hasIndustry", ("Industry", i.key), m.sentence))
            c_start, _ = clause_bounds(doc.text, m.start, 0, len(doc.text))
            for i in free:
                if c_start <= i.start < m.start:
                    doc.facts.append(Fact(("IndustrialPark", m.key), "hasIndustry", ("Industry", i.key), m.sentence))
        return doc


class RegionIndustries:
    name = "region-industries"

    def __call__(self, doc: Document) -> Document:
        for i in _free_industries(doc):
            if not _HAS.search(doc.sentence_text(i.sentence)):
                continue  # named, but not as something the region develops or has
            c_start, c_end = clause_bounds(doc.text, i.start, 0, len(doc.text))
            subject = doc.region
            leading = mentions_at(doc, ("Region",), c_start)
            if leading:
                subject = leading[0].key
            ent = doc.entities[("Industry", i.key)]
            subjects = {subject} | set(ent.attributes.get("regions", ()))
            for region in sorted(s for s in subjects if s):
                doc.facts.append(Fact(("Region", region), "hasIndustry", ("Industry", i.key), i.sentence))
        return doc


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


class ReportMentions:
    """rkg:mentions of every entity (regions inside enterprise names are not regions here)."""

    name = "mentions"

    def mentions_only(self, doc: Document) -> list[Fact]:
        """The mentions facts of a document, computed apart from the other facts."""
        before = len(doc.facts)
        self(doc)
        found = doc.facts[before:]
        del doc.facts[before:]
        return found

    def __call__(self, doc: Document) -> Document:
        companies = spans(doc, "Enterprise")
        first: dict[tuple[str, str], int] = {}
        for m in sorted(doc.mentions, key=lambda m: m.start):
            if m.kind == "Region" and companies.inside(m.start, m.end):
                continue
            first.setdefault((m.kind, m.key), m.sentence)
        for (kind, key), sentence in sorted(first.items()):
            doc.facts.append(Fact(("Report", doc.id), "mentions", (kind, key), sentence))
        for (kind, key) in sorted(doc.entities):
            if (kind, key) not in first:
                doc.facts.append(Fact(("Report", doc.id), "mentions", (kind, key), None))
        if doc.region and ("Region", doc.region) not in first:
            doc.facts.append(Fact(("Report", doc.id), "mentions", ("Region", doc.region), None))
        return doc


def _free_industries(doc: Document) -> list[Mention]:
    """Industry mentions outside project, enterprise and park names, in text order."""
    blocked = spans(doc, "Project", "Enterprise", "IndustrialPark")
    return sorted((m for m in doc.mentions if m.kind == "Industry" and not blocked.inside(m.start, m.end)),
                  key=lambda m: m.start)
