"""`ProjectRelations`: a project's locatedIn (a park or region in the project's own
words, else the report's region) and inIndustry (what follows 等 in the list; the
product of a power project; the sentence; the heading sentence of the paragraph;
the product)."""
from __future__ import annotations

from ..document import Document, Fact, Mention
from ..gazetteer import Gazetteer
from .common import clause_bounds, comma_clause_start, mentions_at, mentions_in, spans
from .lexicon import Lexicons, shipped
from .places import free_industries, most_specific

POWER_UNITS = {"Kilowatt"}


class ProjectRelations:
    name = "project-relations"

    def __init__(self, gazetteer: Gazetteer, lexicons: Lexicons | None = None):
        self.gaz = gazetteer
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        free = free_industries(doc)
        for m in [m for m in doc.mentions if m.kind == "Project"]:
            ent = doc.entities[("Project", m.key)]
            if ent.attributes.get("located"):
                continue
            ent.attributes["located"] = True
            place = self._place(doc, m)
            if place:
                doc.facts.append(Fact(("Project", m.key), "locatedIn", place, m.sentence))
            industry, heading = self._industry(doc, m, ent, free)
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
        region = most_specific(self.gaz, regions) or self._clause_subject(doc, m) or doc.region
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
