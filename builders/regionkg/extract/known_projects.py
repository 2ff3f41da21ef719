"""`KnownProjects`: a project named again by a name already known, without the cues the
project finder needs (三峡工程 once the report or a related report has named the works).

Known names are the report's own project names and those the batch gives it from reports of
related regions (`Document.known_projects`, name → the node's key). A name is found where
it stands whole, outside other names; its stage is that of its own clause.
"""
from __future__ import annotations

import re

from ..document import Document, Mention
from ..stages import stage
from .common import clause_bounds, spans
from .lexicon import Dictionary
from .projects import _status

MIN_NAME = 3                                   # shorter names are left to the project finder
# a short form the report introduces right after a name: 甲乙风电项目（以下简称“甲乙风电”）
_SHORT_FORM = re.compile(r"(?:项目|工程)?[（(](?:以下)?简称[“\"「]?([^”\"」（）()，。]{2,12}?)[”\"」]?[）)]")
_LIST = re.compile(r"[、，,；]|等")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@stage("known-projects", requires=("sentences", "mentions:Project"), assigns=("mentions:Project",))
class KnownProjects:
    """Mentions of projects by names the report or its batch already knows."""

    def __call__(self, doc: Document) -> Document:
        defined = _short_forms(doc)
        known = dict(doc.known_projects)
        for (kind, key), ent in sorted(doc.entities.items()):
            if kind == "Project":
                for name in sorted({ent.label, *ent.alt_labels}):
                    known.setdefault(name, key)
        names = Dictionary()
        for name, key in sorted(known.items()):
            if len(name) >= MIN_NAME and not _LIST.search(name):
                names.canonical.setdefault(name, key)
        if not names.canonical:
            return doc
        taken = spans(doc, "Project", "Enterprise", "IndustrialPark").plus(defined)
        text = doc.text
        for start, end, key in names.find(text):
            if taken.overlaps(start, end) or _HAN.match(text, end) and text[end] in "项工":
                continue
            c_start, c_end = clause_bounds(text, start, 0, len(text))
            ent = doc.entities.get(("Project", key))
            if ent is None:
                ent = doc.entity("Project", key, key)
                ent.attributes["known"] = True        # found by name only: the batch does not compare it
            ent.alt_labels.add(text[start:end])
            said = _status(doc, c_start, start, end, c_end, own_only=True)
            sentence = doc.sentence_at(start)
            ent.attributes.setdefault("sentence", sentence)
            if said:
                ent.attributes.setdefault("stages", []).append((doc.sentence_at(said.at), said.stage, said.kind))
            doc.mentions.append(Mention(start, end, "Project", key, sentence))
            taken.add(start, end)
        return doc


def _short_forms(doc: Document) -> list[tuple[int, int]]:
    """Give a project the short form the report introduces for it (以下简称…); the spans
    that introduce them."""
    spans_ = []
    for m in doc.mentions:
        if m.kind == "Project":
            found = _SHORT_FORM.match(doc.text, m.end)
            if found:
                doc.entities[("Project", m.key)].alt_labels.add(found.group(1))
                spans_.append(found.span())
    return spans_
