"""Pipeline stage: strip web boilerplate from the document text."""
from __future__ import annotations

from ..document import Document
from .boilerplate import Rule, default_rules, strip_boilerplate
from ..stages import stage


@stage("boilerplate", requires=("text",), assigns=("clean-text",))
class BoilerplateStripper:

    def __init__(self, rules: tuple[Rule, ...] | None = None):
        self.rules = rules or default_rules()

    def __call__(self, doc: Document) -> Document:
        doc.text, removed = strip_boilerplate(doc.text, self.rules)
        doc.header_lines.extend(removed)
        return doc
