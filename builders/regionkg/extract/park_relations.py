"""`ParkRelations`: a park's locatedIn (a region in or just before its name, else the
report's region) and hasIndustry (industries in its name, or developed in the clause
that names it). It first drops facts about enterprises that the enterprise guard refused
(`enterprises.drop_refused_owners`)."""
from __future__ import annotations

from ..document import Document, Fact
from ..gazetteer import Gazetteer
from .common import clause_bounds, comma_clause_start, mentions_in
from .enterprises import drop_refused_owners
from .places import free_industries, most_specific


class ParkRelations:
    name = "park-relations"

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def __call__(self, doc: Document) -> Document:
        drop_refused_owners(doc)  # the first stage after the projects: their owners are settled
        free = free_industries(doc)
        seen: set[str] = set()
        for m in [m for m in doc.mentions if m.kind == "IndustrialPark"]:
            parks_inside = [p for p in mentions_in(doc, ("IndustrialPark",), m.start, m.end) if p is not m]
            region = most_specific(self.gaz, mentions_in(doc, ("Region",), m.start, m.end))
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
            if m.end - m.start < len(m.key):
                # a park of a list that shares its name's end (甲县、乙县某某园区): the industries there
                s_end = doc.sentences[m.sentence].end
                for i in mentions_in(doc, ("Industry",), m.end, s_end):
                    if doc.text[i.start:i.end] in m.key and i.start < m.end + len(m.key) + 40:
                        doc.facts.append(Fact(("IndustrialPark", m.key), "hasIndustry", ("Industry", i.key), m.sentence))
            # industries developed in the clause that names it: before it, in its comma clause or
            # the one before (发展甲乙，建设某某园区), or after it when the park opens the sentence
            # (某某园区发展甲、乙)
            c_start, c_end = clause_bounds(doc.text, m.start, 0, len(doc.text))
            own = comma_clause_start(doc.text, m.start)
            lo = max(c_start, comma_clause_start(doc.text, own - 1) if own > c_start else own)
            subject = not doc.text[doc.sentences[m.sentence].start:m.start].strip()
            for i in free:
                if lo <= i.start < m.start or (subject and m.end <= i.start < c_end):
                    doc.facts.append(Fact(("IndustrialPark", m.key), "hasIndustry", ("Industry", i.key), m.sentence))
        return doc
