"""`ReportMentions`: rkg:mentions of every entity, with the first sentence naming it."""
from __future__ import annotations

from ..document import Document, Fact
from .common import spans
from ..stages import stage


@stage("mentions", requires=("metadata",), assigns=("facts:mentions",))
class ReportMentions:
    """rkg:mentions of every entity (regions inside enterprise names are not regions here)."""


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
