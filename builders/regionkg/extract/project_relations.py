"""`ProjectRelations`: a project's locatedIn (a park or region in the project's own
words, else the report's region) and inIndustry (what follows 等 in the list; the
product of a power project; the sentence; the heading sentence of the paragraph;
the product)."""
from __future__ import annotations

import re

from ..document import Document, Fact, Mention
from ..gazetteer import COUNTRY, Gazetteer
from .common import clause_bounds, comma_clause_end, comma_clause_start, mentions_at, mentions_in, spans
from .lexicon import Dictionary, Lexicons, data_cache, read_tsv, shipped
from .phrases import is_generic, starts_with_verb, strip_quotes
from .places import free_industries, most_specific, township_at
from .projects import heads, works_nouns
from .lexicon import words
from ..stages import stage

# a product as written after a capacity: a short run of Chinese characters
_PRODUCT = re.compile(r"[\u4e00-\u9fff]{2,8}")
# what a product is not: a size class (30万吨级…), a phase (二期), a place in a route
_NOT_PRODUCT_PARTS = (r"^级", r"[一二三四五六七八九十]期$", r"至")
_NOT_PRODUCT = re.compile("|".join(_NOT_PRODUCT_PARTS))
# nouns after which an industry word is a modifier of a facility, not a product (通航设施)
_MODIFIED = re.compile(r"设施|装置|配套")


@stage("project-relations", requires=("metadata", "mentions:Region", "mentions:IndustrialPark", "mentions:Industry",
                                     "mentions:Project"),
       assigns=("facts:locatedIn", "facts:inIndustry", "mentions:Region", "entities:product"))
class ProjectRelations:

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
            for industry, heading in self._industries(doc, m, ent, free):
                doc.facts.append(Fact(("Project", m.key), "inIndustry", ("Industry", industry), m.sentence, heading))
        return doc

    def _place(self, doc: Document, m: Mention):
        if "至" in m.key:  # a route: its section's region (…甲县段), the smallest region holding
            region = self._section(doc, m) or self._route(doc, m) or doc.region  # both ends, the report's
            return ("Region", region) if region else None
        parks = mentions_in(doc, ("IndustrialPark",), m.start, m.end)
        if parks:
            return ("IndustrialPark", parks[0].key)
        # a place in a company's name is where the company is from (甘肃嘉润合), unless it
        # lies inside the report's region (开鲁中圆 in a 通辽 report)
        companies = spans(doc, "Enterprise")
        regions = [r for r in mentions_in(doc, ("Region",), m.start, m.end)
                   if not companies.inside(r.start, r.end) or (doc.region and self.gaz.is_within(r.key, doc.region))]
        region = most_specific(self.gaz, regions)
        township = self._township(doc, m, region, regions)
        region = township or region or self._clause_subject(doc, m) or doc.region
        return ("Region", region) if region else None

    def _section(self, doc: Document, m: Mention) -> str | None:
        """The region a route's section is named after (甲至乙公路丙县段 → 丙县)."""
        for r in mentions_in(doc, ("Region",), m.start, m.end):
            if doc.text.startswith("段", r.end):
                return r.key
        return None

    def _route(self, doc: Document, m: Mention) -> str | None:
        """The smallest prefecture or lower region holding both ends of a route (甲至乙铁路);
        an end may be a township's short form, when one township of the report's province has it."""
        text = doc.text
        link = text.find("至", m.start, m.end)
        if link < 0:
            return None
        province = self.gaz.province(doc.region) if doc.region and doc.region != COUNTRY else None
        left = [r for r in mentions_in(doc, ("Region",), m.start, link) if r.end == link]
        right = mentions_at(doc, ("Region",), link + 1)
        ends = [left[-1].key if left else self._township_end(doc, link, province, before=True),
                right[0].key if right else self._township_end(doc, link + 1, province, before=False)]
        if None in ends:
            return None
        first, second = ends
        for region in (first, *self.gaz.ancestors(first)):
            if self.gaz.is_within(second, region):
                level = self.gaz.divisions[region].level
                return region if level in ("prefecture", "county", "township") else None
        return None

    def _township_end(self, doc: Document, at: int, province: str | None, before: bool) -> str | None:
        """A township's short form that ends at `at` (before) or starts there, in `province`."""
        if province is None:
            return None
        text = doc.text
        if before:
            for n in (4, 3, 2):
                found = township_at(self.gaz, text[at - n:at], province) if at - n >= 0 else None
                if found and found[1] == n:
                    doc.mentions.append(Mention(at - n, at, "Region", found[0], doc.sentence_at(at)))
                    return found[0]
            return None
        found = township_at(self.gaz, text[at:at + 5], province)
        if found is None:
            return None
        doc.mentions.append(Mention(at, at + found[1], "Region", found[0], doc.sentence_at(at)))
        return found[0]

    def _township(self, doc: Document, m: Mention, region: str | None, regions: list[Mention]) -> str | None:
        """A township named by its short form in the project's name, right after a county or
        city named there (甲县乙村水库 → 乙镇 of 甲县) or, in a county's or city's own report,
        at the start of the name: only when one township of that region has that short form."""
        if region:
            last = max((r for r in regions if r.key == region), key=lambda r: r.end)
            at, within = last.end, region
        elif doc.region and self.gaz.divisions[doc.region].level in ("prefecture", "county"):
            owner = mentions_at(doc, ("Enterprise",), m.start)
            at, within = (owner[0].end if owner else m.start), doc.region
            if owner and township_at(self.gaz, doc.text[owner[0].start:owner[0].end], within):
                at = m.start  # the "owner" was the township's short form
        else:
            return None
        if self.gaz.divisions[within].level not in ("prefecture", "county"):
            return None
        found = township_at(self.gaz, doc.text[at:min(m.end, at + 6)], within)
        if found is None:
            return None
        code, length = found
        doc.mentions.append(Mention(at, at + length, "Region", code, m.sentence))
        return code

    def _clause_subject(self, doc: Document, m: Mention) -> str | None:
        """The last region named before the project in its clause (支持甲旗建设…, 在甲县推进…),
        outside company names, when it lies inside the report's region and below it."""
        if not doc.region:
            return None
        companies = spans(doc, "Enterprise", "Project")
        before = [r for r in mentions_in(doc, ("Region",), comma_clause_start(doc.text, m.start), m.start)
                  if not companies.inside(r.start, r.end)]
        for r in sorted(before, key=lambda r: r.start, reverse=True):
            if r.key != doc.region and self.gaz.is_within(r.key, doc.region):
                return r.key
        return None

    def _industries(self, doc: Document, m: Mention, ent, free: list[Mention]) -> list[tuple[str, int | None]]:
        """The project's industries with the heading sentence each came from (if not its own):
        the most specific one its own name states (its product), and the broader one that the
        list, the clause or the paragraph heading puts it in, when that is another."""
        found: list[tuple[str, int | None]] = []
        product, surface = self._product(doc, m, ent) or (None, None)
        if product:
            found.append((self._known(doc, product, surface), None))
            ent.attributes["product"] = product
        context = self._context(doc, m, ent, free)
        if context and context[0] != product:
            found.append(context)
        return found

    def _context(self, doc: Document, m: Mention, ent, free: list[Mention]) -> tuple[str, int | None] | None:
        """The industry that the list (what follows 等), the clause or the heading gives."""
        if _FIELDLESS().search(m.key):
            return None      # a road or a port is in no industry that its surroundings name
        if ent.attributes.get("industry_hint"):
            return self._known(doc, ent.attributes["industry_hint"]), None
        inside = spans(doc, "Project", "Enterprise", "IndustrialPark")
        sentence = doc.sentences[m.sentence]
        c_start, _ = clause_bounds(doc.text, m.start, sentence.start, sentence.end)
        _, c_end = clause_bounds(doc.text, m.end, sentence.start, sentence.end)
        before = [i for i in free if c_start <= i.start < m.start and not inside.inside(i.start, i.end)
                  and not _sibling(doc.text[i.end:m.start])]
        if before:
            return before[0].key, None
        after = [i for i in free if m.end <= i.start < c_end and not inside.inside(i.start, i.end)
                 and not _names_other_works(doc.text, i, m.end) and not _subject_of_own_clause(doc.text, i, m.end)]
        if after:
            return after[0].key, None
        capacity = ent.attributes.get("capacity")
        if not (capacity is not None or any(f.predicate == "builds" and f.object == ("Project", m.key) for f in doc.facts)):
            return None  # a heading says what a company's project is for, less so a bare work's
        return self._heading(doc, m.sentence, free)

    def _product(self, doc: Document, m: Mention, ent) -> tuple[str, str] | None:
        """The industry or product class the project's own words name, outside the names of
        its owner and places: the longest lexicon term (铝箔 in 高端铝箔), else the product
        written after a capacity (甲公司10万吨某某料项目 → 某某料). (canonical name, as written)"""
        text = doc.text
        blocked = [(x.start, x.end) for x in mentions_in(doc, ("Enterprise", "Region", "IndustrialPark"), m.start, m.end)]
        pieces, pos = [], m.start
        for s, e in sorted(blocked):
            if s >= pos:
                pieces.append((pos, s))
            pos = max(pos, e)
        pieces.append((pos, m.end))
        best: tuple[int, str, str] | None = None
        for s, e in pieces:
            declared = product_kinds().find(text[s:e])      # declared products count as they are
            found = [(a, b, c, False) for a, b, c in self.lex.industries.find(text[s:e])] \
                + [(a, b, c, True) for a, b, c in declared]
            for h_start, h_end, canonical, sure in found:
                if not (sure or self._product_term(text[s + h_start:s + h_end], canonical)) \
                        or _MODIFIED.match(text, s + h_end):
                    continue
                if best is None or h_end - h_start >= best[0]:
                    best = (h_end - h_start, canonical, text[s + h_start:s + h_end])
        if best:
            return best[1], best[2]
        capacity = ent.attributes.get("capacity")
        if capacity is None or not (m.start <= capacity.start and capacity.end <= m.end):
            return None
        written = _without_head(strip_quotes(text[capacity.end:m.end]))
        if _PRODUCT.fullmatch(written) and not _NOT_PRODUCT.search(written) and not is_generic(written) \
                and not starts_with_verb(written) and not any(w in written for w in works_nouns()):
            return written, written
        return None

    def _product_term(self, surface: str, canonical: str) -> bool:
        """Whether a lexicon term in a project's name names its product: not a broad word
        (能源, 水利) nor a class of the national classification (水利管理 for a reservoir)."""
        if surface in _broad_words() or canonical in _broad_words():
            return False
        return not self.lex.industry_source.get(canonical, "").startswith("GB/T")

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

    def _known(self, doc: Document, name: str, surface: str | None = None) -> str:
        ent = doc.entity("Industry", name, name)
        if surface and surface != name:
            ent.alt_labels.add(surface)
        return name


@data_cache
def product_kinds() -> Dictionary:
    """The products and kinds that the industry hierarchy declares (industry_broader.tsv:
    高端某箔 → 某箔), each to its canonical name: a project whose name states one is in it."""
    canonical = shipped().industries.canonical
    found = Dictionary()
    for row in read_tsv("industry_broader.tsv"):
        name = row["industry"]
        found.canonical.setdefault(name, canonical.get(name, name))
    return found


@data_cache
def _broad_words() -> frozenset[str]:
    return words("industry_broad_words.tsv")


def _sibling(between: str) -> bool:
    """Whether an industry word lies in an earlier item of the project's own list (甲风电、乙项目):
    a list mark and no comma between them. Such a word names that item, not the project's field."""
    return "、" in between and not any(c in between for c in "，,：:")


def _names_other_works(text: str, industry: Mention, project_end: int) -> bool:
    """Whether an industry word after the project, past a comma, modifies another works
    (…推进，某火电改造配建风电项目进展顺利): its own comma clause goes on to a works head."""
    if comma_clause_start(text, industry.start) <= project_end:
        return False
    rest = text[industry.end:comma_clause_end(text, industry.end)]
    return any(head in rest for head, needs in heads().items() if needs == "any")


def _subject_of_own_clause(text: str, industry: Mention, project_end: int) -> bool:
    """Whether an industry word after the project, past a comma, opens a clause of its own
    (…建成通车，城市某某突破发展): it is that clause's topic, not the project's field. One
    that a verb governs (…，新增某某产品) still names the project's field."""
    start = comma_clause_start(text, industry.start)
    if start <= project_end:
        return False
    return not _GOVERNING().search(text, start, industry.start)


@data_cache
def _FIELDLESS() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(words("fieldless_works.tsv"), key=len, reverse=True))))


@data_cache
def _GOVERNING() -> re.Pattern:
    """Verbs that govern an industry word after them (发展, 打造…; 新增, 形成, 带动)."""
    verbs = {r["word"] for r in read_tsv("industry_develop_verbs.tsv") if r["kind"] in ("develop", "build", "result")}
    return re.compile("|".join(map(re.escape, sorted(verbs, key=len, reverse=True))))


def _without_head(name: str) -> str:
    """`name` without the head word it ends in (某某料项目 → 某某料)."""
    for head in sorted(heads(), key=len, reverse=True):
        if name.endswith(head) and len(name) > len(head):
            return name[: -len(head)]
    return name
