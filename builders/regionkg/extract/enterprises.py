"""Enterprise mentions: known companies (data/enterprises.tsv and user lexicons) and
names with a legal or group suffix (…集团, …有限公司, …公司).

The key of an enterprise is its shortest form: the core of a legal name without
the region in front and the business words behind (内蒙古创源金属有限公司 → 创源),
so that the short and the legal name are one node. Other forms are alt labels.
"""
from __future__ import annotations

import re

from ..document import Document, Mention
from .common import Spans, mentions_at, spans, stands_alone
from .lexicon import Lexicons, shipped
from .phrases import CLAUSE_STOPS, LIST_SEPARATORS, is_generic, left_edge, starts_with_verb, strip_quotes

SUFFIX = re.compile(r"集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|集团|公司")
_BUSINESS = re.compile(r"(?:科技|实业|控股|发展|金属|新材料|材料|能源|化工|电力|投资|贸易|股份|生物|制药|新能源|环保|建设|工业)+$")
_STOPS = CLAUSE_STOPS | set(LIST_SEPARATORS)
_BAD = re.compile(r"^[各等相其该本这此一两\d]|[的了和与及]")
MAX_NAME = 16


_KIND = re.compile(r"型|性|^跨|首家|中小|^大型|^全国|^省|^市|^县|银行|学校|中学|小学|医院|^国有|^民营")


def core_name(name: str, region_prefix_len: int = 0) -> str:
    """The short form of an enterprise name: no legal suffix, region or business words."""
    core = SUFFIX.sub("", name[region_prefix_len:]) if SUFFIX.search(name) else name[region_prefix_len:]
    shorter = _BUSINESS.sub("", core)
    return shorter if len(shorter) >= 2 else core


def add_enterprise(doc: Document, start: int, end: int, names: set[str], key: str) -> None:
    ent = doc.entity("Enterprise", key, key)
    ent.alt_labels.update(n for n in names if n != key)
    doc.mentions.append(Mention(start, end, "Enterprise", key, doc.sentence_at(start)))


class EnterpriseMentions:
    """Pipeline stage: `Enterprise` mentions (key = the enterprise's short form)."""

    name = "enterprises"

    def __init__(self, lexicons: Lexicons | None = None):
        self.lex = lexicons or shipped()

    def _ends_in_kind(self, body: str) -> bool:
        """城市医疗, 现代物流: a body that is an industry after a modifier names a kind of company."""
        hit = self.lex.industries.longest_suffix(body)
        return hit is not None and (len(body) - len(hit[0]) <= 4) and body not in self.lex.enterprises

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        taken = Spans()
        for m in SUFFIX.finditer(text):
            start = left_edge(text, m.start(), MAX_NAME, spans(doc, "Region"), _STOPS)
            body = strip_quotes(text[start:m.start()])
            if not (2 <= len(body) <= MAX_NAME) or _BAD.search(body) or is_generic(body):
                continue
            if body in self.lex.industries:  # 教育集团, 物流公司: a kind, not a name
                continue
            if _KIND.search(body) or starts_with_verb(body) or self._ends_in_kind(body):
                continue  # 紧密型城市医疗集团, 大型综合性现代物流集团, 中小学…: kinds of companies
            full = body + m.group()
            prefix = next((r.end - start for r in mentions_at(doc, ("Region",), start) if r.end < m.start()), 0)
            core = core_name(full, prefix)
            names = {full, core, SUFFIX.sub("", full)}
            if prefix:
                names.add(full[prefix:])
            key = self.lex.enterprises.canonical.get(core, core)
            add_enterprise(doc, start, m.end(), {n for n in names if len(n) >= 2}, key)
            taken.add(start, m.end())
        for start, end, canonical in self.lex.enterprises.find(text):
            if taken.overlaps(start, end) or not stands_alone(text, start, end):
                continue
            add_enterprise(doc, start, end, {text[start:end]}, canonical)
        return doc
