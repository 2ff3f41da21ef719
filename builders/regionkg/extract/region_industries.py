"""`RegionIndustries`: hasIndustry of the region a clause is about (the report's own
unless the clause starts with another) for every industry it names;
`DropUnusedIndustries`: industries in no relation are dropped."""
from __future__ import annotations

import re

from ..document import Document, Fact
from .common import clause_bounds, mentions_at
from .places import free_industries

_HAS = re.compile(r"发展|培育|壮大|打造|做强|做大|做优|延伸|布局|招引|聚焦|围绕|瞄准|突出|构建|建设|推进|推动|主导|支柱|"
                  r"集群|基地|产业链|优势|特色|重点|实施|形成|拓展|引进|提升|加快|升级|转型")



class RegionIndustries:
    name = "region-industries"

    def __call__(self, doc: Document) -> Document:
        for i in free_industries(doc):
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
