"""Industry mentions: lexicon terms and names ending in 产业/行业/产业集群/制造业….

A name before an industry suffix runs back to a clause stop or a boundary verb
(发展, 培育…). It is folded to the lexicon term it ends with when what precedes
is only a modifier (现代蒙药 → 蒙药, with 现代蒙药 kept as another name); a
region in front (长春…汽车产业集群) is noted, not kept in the name. Lexicon terms
without a suffix count where they stand as words of their own in a sentence
that talks about industry; broad words (能源, 物流: data/industry_broad_words.tsv)
and national-classification names only where the text develops them or lists
them as industries. A term and a processing word make one industry (肉牛深加工).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Mention
from .common import Spans, comma_clause_start, mentions_at, spans, stands_alone
from .lexicon import Lexicons, shipped, words
from .phrases import CLAUSE_STOPS, LIST_SEPARATORS, ends_in_verb, has_verb, is_generic, left_edge, strip_quotes

ANCHOR = re.compile(r"产业集群|产业链|产业(?![园化])|行业|(?<=制造|加工)业")
_STOPS = CLAUSE_STOPS | set(LIST_SEPARATORS)
_CUE = re.compile(r"产业|行业|集群|领域|方向|板块|发展|培育|壮大|打造|做强|做大|延伸|布局|招引|聚焦|围绕|主导|支柱|基地|经济")
_DEVELOP = re.compile(r"发展|培育|壮大|打造|做强|做大|做优|延伸|布局|招引|聚焦|围绕|瞄准|突出|引进|深耕|主攻|拓展|转型|升级为|形成")
_AFTER = re.compile(r"[等\d一二三四五六七八九十两大优势主导重点新兴]*(?:产业|行业|领域|方向|板块|集群|产业链|方面|环节)")
_PROCESSING = re.compile(r"精深加工|深加工|装备制造|加工|制造")
_LEAD = re.compile(r"^(?:[\d.]*[十百千万亿]+级|[一二三四五六七八九十两]+大)")
_TRAIL = re.compile(r"(?:[一二三四五六七八九十两]+大|全)$")
_BAD_START = re.compile(r"^[各等相其该本这此]")
MAX_NAME = 12
QUOTES_CLASS = "“”‘’\"'"


@lru_cache(maxsize=1)
def _broad() -> frozenset[str]:
    return words("industry_broad_words.tsv")


def _cue_in_sentence(doc: Document, index: int) -> bool:
    """Whether sentence `index` speaks of industry (kept per document: asked for each term)."""
    cues = doc.__dict__.setdefault("_industry_cues", {})
    if index not in cues:
        cues[index] = _CUE.search(doc.sentence_text(index)) is not None
    return cues[index]


class IndustryMentions:
    """Pipeline stage: `Industry` mentions (key = canonical name)."""

    name = "industries"

    def __init__(self, lexicons: Lexicons | None = None):
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        protected = spans(doc, "Region", "Enterprise")
        found: list[tuple[int, int, str, str, str | None]] = []  # start, end, canonical, surface, region
        for m in ANCHOR.finditer(text):
            # the name ends where the suffix starts (制造业: 制造 stays in the name)
            start = left_edge(text, m.start(), MAX_NAME, protected, _STOPS)
            result = self._name(doc, start, m.start())
            if result:
                canonical, surface, region, s = result
                found.append((s, m.end(), canonical, surface, region))
        anchored = Spans((s, e) for s, e, *_ in found)
        for start, end, canonical in self._compounds(self.lex.industries.find(text), text):
            if anchored.overlaps(start, end) or spans(doc, "Enterprise").inside(start, end):
                continue
            if is_generic(canonical) or not self._named_as_industry(doc, start, end, found):
                continue
            if not stands_alone(text, start, end):      # the costliest test last
                continue
            found.append((start, end, canonical, text[start:end], None))
        for start, end, canonical, surface, region in sorted(found):
            ent = doc.entity("Industry", canonical, canonical)
            if surface != canonical:
                ent.alt_labels.add(surface)
            ent.attributes.setdefault("regions", set())
            if region:
                ent.attributes["regions"].add(region)
            doc.mentions.append(Mention(start, end, "Industry", canonical, doc.sentence_at(start)))
        return doc

    def _compounds(self, hits, text):
        """Join a term with a processing word after it: 肉牛深加工, 新能源装备制造."""
        out, i = [], 0
        while i < len(hits):
            start, end, canonical = hits[i]
            m = _PROCESSING.match(text, end)
            if m:
                nxt = hits[i + 1] if i + 1 < len(hits) else None
                if nxt and nxt[0] == end and nxt[1] <= m.end():
                    i += 1
                name = text[start:m.end()]
                out.append((start, m.end(), self.lex.industries.canonical.get(name, name)))
            else:
                out.append((start, end, canonical))
            i += 1
        return out

    def _named_as_industry(self, doc: Document, start: int, end: int, found) -> bool:
        """A bare lexicon term is an industry where the text treats it as one: developed
        (发展…, 聚焦…), listed with other industries, or followed by 等产业/等领域."""
        text = doc.text
        canonical = self.lex.industries.canonical.get(text[start:end], text[start:end])
        if not self.lex.industry_source.get(canonical, "").startswith("GB/T") and text[start:end] not in _broad():
            # terms reports use for industries: in a sentence about industry, that suffices
            if _cue_in_sentence(doc, doc.sentence_at(start)):
                return True
        clause_start = comma_clause_start(text, start)
        if _DEVELOP.search(text, clause_start, start):
            return True
        if _AFTER.match(text, end):
            return True
        before, after = text[start - 1:start], text[end:end + 1]
        if (before in "、和及与" or after in "、和及与") and _AFTER.search(text, end, min(len(text), end + 30)):
            return True  # a list of industries: 依托玉米生物科技、肉牛深加工…三大优势领域
        return False

    def _name(self, doc: Document, start: int, end: int):
        """(canonical, surface, leading region, start) for the name in text[start:end], or None."""
        text, region = doc.text, None
        # regions at the front are context, not part of the name
        while r := next((r for r in mentions_at(doc, ("Region",), start) if r.end <= end), None):
            region, start = r.key, r.end
        raw = text[start:end]
        surface = _LEAD.sub("", strip_quotes(raw)).rstrip("+")
        surface = _TRAIL.sub("", surface)
        if not (2 <= len(surface) <= MAX_NAME) or _BAD_START.match(surface) or re.search(r"\d", surface):
            return None
        if is_generic(surface):
            return None
        hit = self.lex.industries.longest_suffix(surface)
        if hit is not None:
            matched, canonical = hit
            prefix = surface[: len(surface) - len(matched)]
            if not prefix or (is_generic(prefix) and len(prefix) <= 4):
                return canonical, surface, region, start  # 现代蒙药 is 蒙药, also called 现代蒙药
            if prefix in self.lex.industries:
                return surface, surface, region, start  # 新能源装备制造: a compound industry
            if len(prefix) > 6 or has_verb(prefix):
                return canonical, matched, region, end - len(matched)  # 增速高于全国纺织行业
        if any(ch in surface for ch in "的了着过们") or len(surface) > 9 or ends_in_verb(surface):
            return None
        if re.search(f"[{QUOTES_CLASS}]", raw[1:-1]):  # “一铝独大”问题: a quotation, not a name
            return None
        return surface, surface, region, start
