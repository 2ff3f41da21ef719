"""Industry mentions: names ending in 产业/行业/产业集群/制造业…, items of enumerations of
industries, and lexicon terms where the clause treats them as industries.

A name before an industry suffix runs back to a clause stop or a boundary verb
(发展, 培育…); leading verbs, prepositions and region-level words (省, 县域, 国家) are
cut off, and a name that is only an umbrella class (新兴, 未来, 第三, 现代化:
data/industry_umbrella.tsv) is none. It is folded to the lexicon term it ends with
when what precedes is only a modifier (现代蒙药 → 蒙药, with 现代蒙药 kept as another
name); a region in front (长春…汽车产业集群) is noted, not kept in the name.

In an enumeration "甲、乙、丙等[修饰]产业/行业/集群/领域/板块/业态" every item is an
industry, in the lexicon or not, when it is short, has no verb or digit and is not
generic (one-character items only in lists of three or more).

A lexicon term without a suffix is an industry only with evidence in its own clause:
a develop verb before it (发展, 培育, 做强: data/industry_develop_verbs.tsv), 基地/集群
after a build verb, 等…产业 after it, or a list of such; never before a head noun that
makes it a modifier (5G基站, 健康消费, 能源投资, 某产品产量: data/industry_modifier_heads.tsv)
nor inside a 《》 title or a quotation. A term and a processing word make one industry
(肉牛深加工).

`developed(doc, mention)` tells the region relation whether the clause develops the
industry (the same evidence; for suffixed names, a develop word in the sentence).
"""
from __future__ import annotations

import re
from functools import lru_cache
from heapq import merge

from ..document import Document, Mention
from ..nlp import segment
from .common import Spans, comma_clause_start, last_of, mentions_at, spans, stands_alone
from .lexicon import Lexicons, read_tsv, shipped, words
from .phrases import (CLAUSE_STOPS, LIST_SEPARATORS, ends_in_verb, generic_words, has_verb, is_generic, left_edge,
                      split_list, strip_quotes, tagged)

ANCHOR = re.compile(r"产业集群|产业链|产业(?![园化带])|(?<!全)行业|(?<=制造|加工)业|(?<=服务)业(?!态)")
_STOPS = CLAUSE_STOPS | set(LIST_SEPARATORS)
# an enumeration of industries: 等 + a few words of modifier + the head of the list
_ENUM_HEAD = r"产业集群|产业链|产业(?![园化带])|行业|集群|领域|板块|新?业态|细分赛道|赛道|服务业|制造业|方向"
ENUMERATION = re.compile(rf"等(?P<mod>[^，。；：、,;:!?！？\n等]{{0,6}}?)(?P<head>{_ENUM_HEAD})")
# a counted list without 等: 甲、乙、丙三大优势领域, 甲物流、乙物流五大基地
COUNTED = re.compile(r"(?P<mod>(?:[一二三四五六七八九十两]+[大个]|(?<![\d.])\d{1,2}[个大])[^，。；：、,;:!?！？\n等]{0,6}?)"
                     r"(?P<head>产业集群|产业链群|产业|集群|领域|板块|基地)")
# 甲、乙等…发展: a list whose development the clause speaks of (one item at least a lexicon term)
DEVELOPED = re.compile(r"等(?P<mod>[^，。；：,;:!?！？\n等]{0,10}?)(?P<head>发展)")
# products and services, where a develop verb governs the list
PRODUCTS = re.compile(r"等(?P<mod>[^，。；：、,;:!?！？\n等]{0,4}?)(?P<head>产品和服务|产品)")
_AFTER = re.compile(r"[等\d一二三四五六七八九十两大优势主导重点新兴]*(?:产业(?![园化带])|行业|领域|方向|板块|集群|产业链)")
_PROCESSING = re.compile(r"精深加工|深加工|装备制造|加工|制造")
_LEAD = re.compile(r"^(?:[\d.]*[十百千万亿]+级|[一二三四五六七八九十两]+大)")
_TRAIL = re.compile(r"(?:[一二三四五六七八九十两]+大|全)$")
_BAD_START = re.compile(r"^[各等相其该本这此]")
_SLOGAN = re.compile(r"新$|^新.新")  # 新技术新产业新场景: a slogan of 新X, not a name
_CUT_TAGS = {"v", "p", "d", "c", "m", "q", "f"}  # a name does not start with a verb, preposition, adverb…
_SUFFIX = re.compile(r"产业集群|产业链|产业|行业|集群")
_CONSUMPTION = re.compile(r"消费")
_CONSUMPTION_LIST = re.compile(r"消费[、，,]")
# what a list's head is followed by when the list names goods to buy (甲、乙等领域促进消费政策)
_CONSUMPTION_AFTER = re.compile(r"[^，。；：,;:!?！？\n]{0,4}?(?:消费|以旧换新)")  # 发展甲消费、乙消费，…
_LIST_TAIL = re.compile(r"(?:[、和及与][^，。；、,;等]{1,10})*等")
MAX_NAME = 12
MAX_ITEM = 10
QUOTES_CLASS = "“”‘’\"'"
EVIDENCE = "_industry_evidence"  # doc attribute: mention start → how the clause names it


@lru_cache(maxsize=1)
def _broad() -> frozenset[str]:
    return words("industry_broad_words.tsv")


@lru_cache(maxsize=1)
def _umbrella() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("industry_umbrella.tsv") if r["kind"] == "umbrella")


@lru_cache(maxsize=1)
def _levels() -> frozenset[str]:
    return frozenset(r["word"] for r in read_tsv("industry_umbrella.tsv") if r["kind"] in ("level", "lead"))


@lru_cache(maxsize=1)
def _modifier_head() -> re.Pattern:
    """A modifier head right after an industry word (its suffix, if any, skipped)."""
    heads = sorted((r["word"] for r in read_tsv("industry_modifier_heads.tsv")), key=len, reverse=True)
    return re.compile(r"(?:产业|行业)?(?:" + "|".join(map(re.escape, heads)) + ")")


@lru_cache(maxsize=1)
def _inspection() -> re.Pattern:
    """Words of safety inspection (隐患排查, 专项整治): a list in such a clause is of fields, not industries."""
    heads = [r["word"] for r in read_tsv("industry_modifier_heads.tsv") if r["kind"] == "inspection"]
    return re.compile("|".join(map(re.escape, sorted(heads, key=len, reverse=True))))


@lru_cache(maxsize=1)
def _verbs() -> dict[str, re.Pattern]:
    by_kind: dict[str, list[str]] = {}
    for r in read_tsv("industry_develop_verbs.tsv"):
        by_kind.setdefault(r["kind"], []).append(r["word"])
    return {k: re.compile("|".join(map(re.escape, sorted(v, key=len, reverse=True)))) for k, v in by_kind.items()}


_BASE_AFTER = re.compile(r"(?:产业|行业)?(?:[^，。；、,;]{0,4}?)(?:集群|基地)")
_DEVELOP_AFTER = re.compile(r"(?:产业|行业)?(?:高质量|创新|融合|集群化|规模化|协同|绿色|健康|加快|快速|持续|创新和健康)?发展")


@lru_cache(maxsize=20000)
def is_umbrella(name: str) -> bool:
    """An umbrella class or policy adjective, alone or with generic words at either end
    (战略性新兴, 高新技术, 新兴支柱, 优势特色)."""
    umbrella = _umbrella()
    rest, changed = name, True
    while rest and changed:
        changed = False
        for w in sorted(umbrella, key=len, reverse=True):
            if len(w) > 1 and (rest.startswith(w) or rest.endswith(w)):
                rest = rest[len(w):] if rest.startswith(w) else rest[: -len(w)]
                changed = True
                break
    return rest != name and (not rest or rest in umbrella or is_generic(rest))


def modified(text: str, end: int) -> bool:
    """The word that ends at `end` qualifies a head noun after it (5G基站, 能源投资, 产量)."""
    return _modifier_head().match(text, end) is not None


def in_title_or_quote(text: str, start: int, end: int, term: str) -> bool:
    """Inside a 《》 title, or a “quotation” that is more than the term itself."""
    lo = comma_clause_start(text, start)
    opened = last_of(text, "《", lo, start)
    if opened >= 0 and last_of(text, "》", opened, start) < 0:
        return True
    q = last_of(text, "“\"", lo, start + 1)
    if q >= 0 and last_of(text, "”\"", q + 1, start) < 0:
        close = text.find("”", end)
        quoted = text[q + 1:close] if close >= 0 else ""
        return strip_quotes(quoted) != term
    return False


def develops(text: str, start: int, end: int, broad: bool = False) -> bool:
    """The clause around [start, end) develops what stands there: a develop verb before it,
    a build verb with 基地/集群 after it, or (not for broad words) 发展 after it."""
    verbs = _verbs()
    lo = comma_clause_start(text, start)
    before = text[lo:start]
    last = None
    for last in verbs["develop"].finditer(before):
        pass
    if last is not None:
        verb_end = lo + last.end()
        # no other verb between the develop verb and the term (打造甲、构建乙、提升丙: 丙 is not developed)
        if start == verb_end or left_edge(text, start, start - verb_end, stops=CLAUSE_STOPS, lists=True) <= verb_end:
            return True
    base = _BASE_AFTER.match(text, end)
    if base and (verbs["build"].search(before) or (verbs["build"].match(text, base.end()) and has_verb(before))):
        return True  # 建设某某基地, 推进某某基地建设
    return not broad and _DEVELOP_AFTER.match(text, end) is not None


_CUE = re.compile(r"产业|行业|集群|领域|方向|板块|发展|培育|壮大|打造|做强|做大|延伸|布局|招引|聚焦|围绕|主导|支柱|基地|经济|项目")


def _cue_in_sentence(doc: Document, index: int) -> bool:
    """Whether sentence `index` speaks of industry (kept per document: asked for each term)."""
    cues = doc.__dict__.setdefault("_industry_cues", {})
    if index not in cues:
        cues[index] = _CUE.search(doc.sentence_text(index)) is not None
    return cues[index]


def _word_starts(text: str, pos: int) -> bool:
    """The segmentation of the few characters around `pos` has a word boundary there."""
    lo = max(0, pos - 4)
    at = lo
    for token in segment.cut(text[lo:pos + 4], hmm=False):
        if at >= pos:
            return at == pos
        at += len(token)
    return at == pos


def _evidence(doc: Document) -> dict[int, str]:
    return doc.__dict__.setdefault(EVIDENCE, {})


def evidence_of(doc: Document, m: Mention) -> str | None:
    """How the clause names industry mention `m`: enumeration, developed, suffix (a name
    with an industry suffix, no more), figure (qualifying a head noun or a figure), mentioned."""
    return _evidence(doc).get(m.start, (None, None))[0]


def developed(doc: Document, m: Mention) -> bool:
    """Whether the clause of industry mention `m` says that it is developed, built or had."""
    return evidence_of(doc, m) in ("enumeration", "developed")


def leading_region(doc: Document, m: Mention) -> str | None:
    """The region written right in front of industry mention `m` (甲县乙产业), if any."""
    return _evidence(doc).get(m.start, (None, None))[1]


def _umbrella_lead(prefix: str) -> bool:
    """The modifier before a lexicon term starts with an umbrella word (现代化都市圈汽车)."""
    return any(prefix.startswith(w) for w in _umbrella() if len(w) > 1)


_CLAUSE_END = re.compile(r"[，。；：,;:！？!?\n（(]")
_STRUCTURE = re.compile(r"产业|行业|市场|环境")
_NOT_A_NAME = re.compile(r"\d|以上|以下|[十百千万亿]+级|[+×]|[于之]")
_WEAK_HEADS = {"基地"}


class IndustryMentions:
    """Pipeline stage: `Industry` mentions (key = canonical name)."""

    name = "industries"

    def __init__(self, lexicons: Lexicons | None = None):
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        protected = spans(doc, "Region", "Enterprise")
        evidence = _evidence(doc)
        found: list[tuple[int, int, str, str, str | None, str]] = []  # start, end, canonical, surface, region, evidence
        for item in self._enumerations(doc, protected):
            found.append(item)
        listed = Spans([(s, e) for s, e, *_ in found] + doc.__dict__.get("_industry_fields", []))
        for m in ANCHOR.finditer(text):
            # the name ends where the suffix starts (制造业: 制造 stays in the name)
            start = left_edge(text, m.start(), MAX_NAME, protected, _STOPS)
            if listed.overlaps(start, m.end()):
                continue
            # 服务业, 制造业 keep their 业 (生活性服务业), as the lexicon's names do; so do
            # words whose 产 is their own (房地产业, 水产业, 矿产业: 房地产 + 业)
            name_end = m.end() if m.group() == "业" else m.start()
            if m.group() == "产业" and self._own_chan(text, start, m.start()):
                name_end = m.end()
            result = self._name(doc, start, name_end)
            if result:
                canonical, surface, region, s = result
                found.append((s, m.end(), canonical, surface, region, self._suffixed(doc, s, m.end())))
        anchored = Spans([(s, e) for s, e, *_ in found] + doc.__dict__.get("_industry_fields", []))
        enterprises = spans(doc, "Enterprise")
        region_ends = {r.end: r.key for r in doc.mentions if r.kind == "Region"}
        for start, end, canonical in self._compounds(self.lex.industries.find(text), text):
            if anchored.overlaps(start, end) or enterprises.inside(start, end):
                continue
            if is_generic(canonical) or is_umbrella(canonical):
                continue
            kind = self._named_as_industry(doc, start, end)
            if not kind or not stands_alone(text, start, end):      # the costliest test last
                continue
            region = region_ends.get(start)  # 甲县乙: a region written right before the term
            found.append((start, end, canonical, text[start:end], region, kind))
        for start, end, canonical, surface, region, kind in sorted(found):
            ent = doc.entity("Industry", canonical, canonical)
            if surface != canonical:
                ent.alt_labels.add(surface)
            ent.attributes.setdefault("regions", set())
            if region:
                ent.attributes["regions"].add(region)
            evidence[start] = (kind, region)
            doc.mentions.append(Mention(start, end, "Industry", canonical, doc.sentence_at(start)))
        return doc

    # enumerations ----------------------------------------------------------------------
    def _enumerations(self, doc: Document, protected: Spans):
        """Items of 甲、乙、丙等…产业/领域/业态 lists: (start, end, canonical, surface, region, evidence)."""
        text = doc.text
        out = []
        rejected = doc.__dict__.setdefault("_industry_fields", [])
        seen: set[int] = set()
        for m in merge(ENUMERATION.finditer(text), PRODUCTS.finditer(text), COUNTED.finditer(text),
                       DEVELOPED.finditer(text), key=lambda m: m.start()):
            mod = m.group("mod")
            if m.re is COUNTED and "、" not in text[comma_clause_start(text, m.start()):m.start()]:
                continue  # 打造40个重点某某产业集群: a count of a kind, no list
            if m.re is DEVELOPED:
                if _modifier_head().search(mod):
                    continue  # 甲、乙等专业市场焕新发展: markets, not industries
                mod = ""  # what comes between is how it develops (低碳化、高端化)
            if mod and tagged(mod)[0][1] == "v" and not mod.endswith(("性", "型")):
                continue  # 等推进…: not the modifier of a list's head
            lo = comma_clause_start(text, m.start())
            start = max(lo, left_edge(text, m.start(), 80, protected, CLAUSE_STOPS, lists=True))
            if (modified(text, m.end()) and not _SUFFIX.match(text, m.end())) or _CONSUMPTION_AFTER.match(text, m.end()):
                rejected.append((start, m.end()))
                continue  # 等领域消费潜力, 等领域促进消费政策: a consumption list
            strong = m.group("head") not in _WEAK_HEADS or bool(mod) and (mod in _umbrella() or is_umbrella(mod))
            if m.re is PRODUCTS or (m.re is COUNTED and not strong):
                if not develops(text, start, start):
                    continue  # 做优甲、乙等特色产品: products only where the clause develops them
            if m.re is PRODUCTS and not mod:
                continue
            if not strong and not (develops(text, start, start) or self._develops_after(text, m.end())):
                rejected.append((start, m.end()))
                continue  # 聚焦甲、乙等领域, 深化甲、乙等领域改革: fields, unless the clause develops them
            if _CONSUMPTION.search(mod) or _inspection().search(text, self._clause_start(text, start), self._clause_end(text, m.end())):
                rejected.append((start, m.end()))
                continue  # 等消费型产业
            previous = comma_clause_start(text, max(0, lo - 1))  # this comma clause and the one before
            if not m.group("head").startswith(("产业", "行业")) and _CONSUMPTION_LIST.search(text, max(previous, self._clause_start(text, start)), m.start()):
                rejected.append((start, m.end()))
                continue  # 发展甲消费…，打造乙经济、丙经济等新业态: growth points of consumption
            pieces = [(s, p) for s, p in split_list(text, text[start:m.start()], start, protected) if p]
            if len(pieces) < 2:
                continue
            items = []
            for i, (s, piece) in enumerate(pieces):
                e = s + len(piece)
                if i == 0:  # the first item runs back to the verb that governs the list
                    s = max(s, left_edge(text, e, MAX_ITEM + 4, protected, _STOPS))
                    s = self._after_verb(text, s, e)
                item = self._item(doc, s, e, len(pieces), protected)
                if item == "field":
                    items = None  # 科研、工业、农业等领域: fields of work, not a list of industries
                    if m.re is not COUNTED:  # 甲、乙与服务5大产业: the items may still be named as industries
                        rejected.append((start, m.end()))
                    break
                if item is not None:
                    items.append(item)
            if items and m.group("head") == "领域" and all(i[3] in _broad() for i in items):
                rejected.append((start, m.end()))
                continue  # 教育、医疗等领域: fields of public service
            if items and m.re is DEVELOPED and not any(i[3] in self.lex.industries.canonical for i in items):
                continue
            if items and len(items) >= 2:
                out.extend(i for i in items if i[0] not in seen)
                seen.update(i[0] for i in items)
        for items in self._verb_lists(doc, protected):
            out.extend(i for i in items if i[0] not in seen)
            seen.update(i[0] for i in items)
        return out

    def _verb_lists(self, doc: Document, protected: Spans):
        """发展甲、乙和丙 up to the clause's end, without 等: a list governed by a develop
        verb whose items all look like names, one of them at least a lexicon term."""
        text = doc.text
        for v in _verbs()["develop"].finditer(text):
            stop = _CLAUSE_END.search(text, v.end(), min(len(text), v.end() + 60))
            if not stop or stop.start() == v.end():
                continue
            obj = text[v.end():stop.start()]
            if "等" in obj or not re.search("[、和及与]", obj) or _SUFFIX.search(obj):
                continue
            lo = comma_clause_start(text, v.start())
            if _CONSUMPTION_LIST.search(text, comma_clause_start(text, max(0, lo - 1)), v.start()):
                continue  # 扩大服务消费，发展甲经济、乙经济: growth points of consumption
            pieces = [(s, p) for s, p in split_list(text, obj, v.end(), protected) if p]
            if len(pieces) < 2 or any(len(p) > MAX_ITEM for _, p in pieces):
                continue
            items = [self._item(doc, s, s + len(p), len(pieces), protected) for s, p in pieces]
            if any(not isinstance(i, tuple) for i in items):
                continue
            if not any(i[2] in self.lex.industries.canonical.values() or i[3] in self.lex.industries.canonical for i in items):
                continue
            yield [i[:5] + ("enumeration",) for i in items]

    def _own_chan(self, text: str, start: int, end: int) -> bool:
        """The 产 of 产业 at `end` ends a lexicon word (房地产, 水产, 矿产)."""
        return any(text[s:end + 1] in self.lex.industries.canonical or text[s:end + 1] in ("矿产",)
                   for s in range(max(start, end - 4), end))

    def _after_verb(self, text: str, start: int, end: int) -> int:
        """Where the first item of a list starts when a verb precedes it (企业涵盖甲 → 甲)."""
        surface = text[start:end]
        if surface in self.lex.industries.canonical:
            return start
        tokens, pos, cut = tagged(surface), 0, 0
        for word, flag in tokens[:-1]:
            pos += len(word)
            if flag == "v" or (pos == len(word) and word in _levels()):
                cut = pos
        if surface[cut:] in self.lex.industries.canonical or (len(surface) >= 5 and len(surface) - cut >= 3):
            return start + cut  # 企业涵盖人工智能, 引导规范网络文学
        return start

    @staticmethod
    def _develops_after(text: str, pos: int) -> bool:
        """A develop verb after a list's head in the same clause (在甲、乙等领域引育…)."""
        stop = re.compile("[。；;！？!?\n]").search(text, pos)
        return _verbs()["develop"].search(text, pos, stop.start() if stop else len(text)) is not None

    @staticmethod
    def _clause_end(text: str, pos: int) -> int:
        stop = re.compile("[。；;！？!?\n]").search(text, pos)
        return stop.start() if stop else len(text)

    @staticmethod
    def _clause_start(text: str, pos: int) -> int:
        return last_of(text, "。；;！？!?\n", 0, pos) + 1

    def _item(self, doc: Document, start: int, end: int, count: int, protected: Spans):
        text, region = doc.text, None
        while start < end and text[start] in QUOTES_CLASS:
            start += 1
        while end > start and text[end - 1] in QUOTES_CLASS:
            end -= 1
        while r := next((r for r in mentions_at(doc, ("Region",), start) if r.end < end), None):
            region, start = r.key, r.end
        if any(r.end == end for r in mentions_at(doc, ("Region",), start)):
            return None  # 甲市、乙市4大某某基地: places that hold the industry, not industries
        surface = text[start:end]
        if not surface or len(surface) > MAX_ITEM or (len(surface) == 1 and count < 3):
            return None
        if re.search(r"[\d\s的了着过]", surface) or re.search(f"[{QUOTES_CLASS}]", surface):
            return None
        hit = self.lex.industries.canonical.get(surface)
        if hit is None and (surface in generic_words() or is_umbrella(surface) or surface in _levels()
                            or _STRUCTURE.search(surface)):
            return "field"  # 产业生态, 市场竞争: aspects of the economy, not industries
        if hit is None and any(_modifier_head().fullmatch(surface, p) for p in range(1, len(surface))):
            return None  # 风光电资源: a resource, a facility…, not an industry
        if hit in _umbrella() or surface in ("工业", "消费"):
            return "field"
        if hit is None:
            if left_edge(text, end, MAX_ITEM, protected, _STOPS) > start:
                return None  # a verb or function word inside: a phrase, not a name
            tokens = tagged(surface)
            if tokens[0][1] in ("p", "c", "d", "m", "r") or (tokens[0][1] == "v" and len(tokens) > 2):
                return None
            if all(flag in ("a", "ad", "b", "d", "z", "v") for _, flag in tokens) or surface.endswith(("型", "性")):
                return None  # 超硬、超轻等新材料: qualities, not industries
        return start, end, hit or surface, surface, region, "enumeration"

    # names with a suffix ---------------------------------------------------------------
    def _suffixed(self, doc: Document, start: int, end: int) -> str:
        """How a suffixed name is named: "figure" before an output figure or head noun
        (某业增加值, 产业体系), "developed" when the clause develops it, else "suffix"."""
        text = doc.text
        if modified(text, end) or in_title_or_quote(text, start, end, text[start:end]):
            return "figure"
        if any(text.startswith(w, end) for w in _umbrella() if len(w) > 1):
            return "figure"  # 某某制造业特色产业集群: qualifying another industry name
        if develops(text, start, end) or text.endswith("集群", 0, end) or text.startswith("基地", end):
            return "developed"
        return "suffix"

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

    def _named_as_industry(self, doc: Document, start: int, end: int) -> str | None:
        """A bare lexicon term is an industry where its clause treats it as one: developed
        (发展…, 培育…), listed before 等产业/等领域, or in a list of such; never as a
        modifier of a head noun (5G基站), in a title or quotation."""
        text = doc.text
        term = text[start:end]
        if modified(text, end) or in_title_or_quote(text, start, end, term) or self._list_of_things(text, end):
            return None
        broad = term in _broad()
        if term.endswith("经济") and _CONSUMPTION.search(text, self._clause_start(text, start), start):
            return None  # 某某经济 as a growth point of consumption
        if develops(text, start, end, broad):
            return "developed"
        before, after = text[start - 1:start], text[end:end + 1]
        stop = min(len(text), end + 30)
        clause_end = re.compile("[，。；：,;:\n]").search(text, end, stop)
        if _AFTER.match(text, end):
            return "developed"  # 在甲领域, 乙板块: the text names it as a sector
        listed = None
        if (before in "、和及与" or after in "、和及与") and after in "、和及与等":
            listed = _AFTER.search(text, end, clause_end.start() if clause_end else stop)
        if listed:  # a list of industries: 依托玉米生物科技、肉牛深加工…三大优势领域
            weak = listed.group().endswith(("领域", "方向", "板块")) and not re.search("新兴|优势|主导|特色|支柱", listed.group())
            if not weak or develops(text, start, start) or self._develops_after(text, listed.end()):
                return "developed"
        if broad or not _cue_in_sentence(doc, doc.sentence_at(start)):
            return None
        return "mentioned"  # named, e.g. as a project's product: only relations that need no more keep it

    @staticmethod
    def _list_of_things(text: str, end: int) -> bool:
        """The term is an item of a list of facilities, resources…: 甲、乙等新型基础设施, 甲、乙等要素."""
        tail = _LIST_TAIL.match(text, end)
        if not tail:
            return False
        pos = tail.end()
        return any(modified(text, p) for p in range(pos, min(len(text), pos + 4)) if text[p - 1] not in "，。；、,;")

    def _name(self, doc: Document, start: int, end: int):
        """(canonical, surface, leading region, start) for the name in text[start:end], or None."""
        text, region = doc.text, None
        # regions at the front are context, not part of the name
        while r := next((r for r in mentions_at(doc, ("Region",), start) if r.end <= end), None):
            region, start = r.key, r.end
        raw = text[start:end]
        surface = _LEAD.sub("", strip_quotes(raw)).rstrip("+")
        surface = _TRAIL.sub("", surface)
        if not surface:
            return None
        found_at = text.rfind(surface, start, end)
        start = found_at if found_at >= 0 else start
        if _NOT_A_NAME.search(surface) and surface not in self.lex.industries.canonical:
            return None  # 百亿级, 30条以上, 高校+平台+企业: counts, sizes and slogans
        # a name does not start with a verb, a preposition (以先进制造业), a level (省, 县域)
        for _ in range(4):
            tokens = tagged(surface)
            if len(tokens) < 2 or surface in self.lex.industries.canonical:
                break
            if tokens[0][0] in _levels() or tokens[0][1] in _CUT_TAGS:
                cut = len(tokens[0][0])
            else:
                break
            surface, start = surface[cut:], start + cut
        cut = self._after_verb(surface, 0, len(surface)) if len(surface) >= 5 else 0  # 成功举办某某时尚
        lead = next((w for w in sorted(_umbrella(), key=len, reverse=True)
                     if len(w) > 1 and surface.startswith(w) and len(surface) - len(w) >= 2), None)
        if not cut and lead and self.lex.industries.longest_suffix(surface) is None and not is_umbrella(surface) \
                and surface not in _umbrella():
            cut = len(lead)  # 特色数字产业集群 → 数字
        if cut and len(surface) - cut >= 2:
            surface, start = surface[cut:], start + cut
            while (first := tagged(surface)[0][0]) in _levels() and len(surface) - len(first) >= 2:
                surface, start = surface[len(first):], start + len(first)
        if not (2 <= len(surface) <= MAX_NAME) or _BAD_START.match(surface) or re.search(r"\d", surface):
            return None
        exact = self.lex.industries.canonical.get(surface)
        if exact is not None:
            return exact, surface, region, start  # 服务业, 制造业: lexicon terms, generic or not
        if is_generic(surface) or is_umbrella(surface) or _SLOGAN.search(surface) or surface in _levels():
            return None
        if any(surface.endswith(w) for w in _umbrella() if len(w) > 1) or surface.endswith(("型", "性")):
            return None  # 某某特色产业, 资源型产业, 高成长性产业: a class of industries, not one
        if any(surface.endswith(w) for w in _levels() if len(w) > 1):
            return None  # 沿线城市产业, 城镇产业: the industries of a place
        if any(_modifier_head().fullmatch(surface, p) for p in range(1, len(surface) - 1)):
            return None  # 工业强省产业: a head noun ends it, not an industry word
        if not _word_starts(text, start):
            return None  # 筑牢乡村产业 cut inside 筑牢: not where a name starts
        hit = self.lex.industries.longest_suffix(surface)
        if hit is not None:
            matched, canonical = hit
            prefix = surface[: len(surface) - len(matched)]
            if not prefix or (is_generic(prefix) and len(prefix) <= 4) or _umbrella_lead(prefix):
                return canonical, surface, region, start  # 现代蒙药 is 蒙药, also called 现代蒙药
            if prefix in self.lex.industries:
                return surface, surface, region, start  # 新能源装备制造: a compound industry
            if len(prefix) > 6 or has_verb(prefix):
                return canonical, matched, region, end - len(matched)  # 增速高于全国纺织行业
        if any(ch in surface for ch in "的了着过们") or len(surface) > 9 or ends_in_verb(surface):
            return None
        if re.search(f"[{QUOTES_CLASS}]", raw[1:-1]):  # “一铝独大”问题: a quotation, not a name
            return None
        tokens = tagged(surface)
        if all(flag in ("a", "ad", "t", "m", "d", "b") for _, flag in tokens):
            return None  # 幸福产业, 未来产业: an adjective, not a name
        return surface, surface, region, start
