"""Enterprise mentions: known companies (data/enterprises.tsv and user lexicons),
names with a legal or group suffix (…集团, …有限公司, …公司), the items of a list closed
by 等…企业/品牌/旗舰店 (data/enterprise_list_closers.tsv), a brand before a trade word
(某某乳业: data/enterprise_trade_words.tsv), and the bare short form of a name that the
lexicon or the text gives in full (内蒙古某某集团 → 某某).

Every name passes one guard (`plausible`): no count or measure word, no output word
(年产), no place or place + modifier (某区, 某某口岸), no verb, no government body,
school, hospital or bank, no generic mention (龙头企业), no listed-company phrase.

The key of an enterprise is its shortest form: the core of a legal name without
the region in front and the business words behind (内蒙古创源金属有限公司 → 创源),
so that the short and the legal name are one node. Other forms are alt labels.
"""
from __future__ import annotations

import re

from functools import lru_cache

from ..document import Document, Mention
from ..gazetteer import default_gazetteer
from ..nlp import segment
from ..nlp.surfaces import Surfaces
from .common import Spans, mentions_at, mentions_in, spans, stands_alone
from .lexicon import data_cache, Lexicons, read_tsv, shipped, words
from .parks import past_develop
from .phrases import (CLAUSE_STOPS, LIST_SEPARATORS, is_generic, left_edge, split_list, starts_with_verb,
                      strip_quotes, tagged)

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


# -- the guard against false names -------------------------------------------------------
_COUNTED = re.compile(r"\d|[一二三四五六七八九十两几百千万]+[个大项类批家条座台套所]?$")
_OUTPUT = re.compile(r"年产|日产|年处理|日处理|年加工|年屠宰|年出栏|年吞吐|总装机|装机|产能|规模")
_NOT_COMPANY = re.compile(
    r"管委会|委员会|政府|机关|部门|办公室|学校|大学|学院|中学|小学|幼儿园|医院|卫生院|银行$|研究院|研究所|"
    r"协会|商会|联盟|上市|龙头|链主|央企|国企|民企|外企|企业|论坛|博览会|峰会|大会|活动|^[各全本我该这此其每]|[的了着]")
# what a place name ends with: a port, a bay, a district… (某某口岸, 某地新区)
_PLACE_TAIL = re.compile(r"(?:口岸|港口|港区|港|湾|岛|湖|山|河|江|矿区|矿|田|城区|新区|片区|地区|园区|国家|全域|沿线)$")
# what follows a place that begins a route or names a site (甲至乙, 甲乙高铁, 某某核电二期)
_ROUTE_AFTER = re.compile(r"[至到—\-]|.?(?:高铁|铁路|公路|高速|城际|航道|运河|大桥|隧道)|核电|水电站|机场|水库|港区|.{0,3}码头")


@data_cache
def _works_nouns() -> tuple[str, ...]:
    return tuple(sorted(words("works_nouns.tsv"), key=len, reverse=True))


def _region_prefix(doc: Document, start: int, end: int) -> int:
    """Where the regions named at the start of [start, end) end (start if none)."""
    pos = start
    while True:
        at = [m for m in mentions_at(doc, ("Region",), pos) if m.end <= end]
        if not at:
            return pos
        pos = at[0].end


def plausible(doc: Document, start: int, end: int, name: str) -> bool:
    """Whether `name` at [start, end) can be an enterprise's name (see the module doc)."""
    body = strip_quotes(name)
    if not (2 <= len(body) <= MAX_NAME + 6):
        return False
    if _COUNTED.search(body) or _OUTPUT.search(body) or _NOT_COMPANY.search(body) or is_generic(body):
        return False
    gaz = default_gazetteer()
    rest_at = _region_prefix(doc, start, end)
    rest = strip_quotes(doc.text[rest_at:end]) if rest_at > start else body
    if not rest or rest in gaz.by_surface or is_generic(rest) or (rest_at > start and len(rest) < 2):
        return False  # a place, or a place and a modifier (某地国家…)
    if _PLACE_TAIL.search(body) or body.endswith(_works_nouns()):
        return False  # 某某口岸, 某某水电站: a place or a works
    if _ROUTE_AFTER.match(doc.text, end):
        return False  # 甲至乙铁路, 甲乙高铁: the end of a route
    if shipped().industries.canonical.get(rest) or _verb_first(rest):
        return False
    return True


def _verb_first(text: str) -> bool:
    """提速某某, 推动…: a known verb of two characters or more first (jieba's guess of unknown
    words kept whole, so that a brand whose first character can be a verb is not taken for one)."""
    tokens = tagged(text, hmm=True)
    first, flag = tokens[0] if tokens else ("", "")
    return flag.startswith("v") and len(first) >= 2 and segment.in_dictionary(first) \
        and (len(tokens) > 1 or len(first) == len(text))


def add_enterprise(doc: Document, start: int, end: int, names: set[str], key: str, checked: bool = False) -> bool:
    """Add an Enterprise mention; a name that fails the guard (`plausible`) is left out
    (unless `checked`: a lexicon's names are known). Returns whether it was added."""
    if not checked and not plausible(doc, start, end, doc.text[start:end]):
        return False
    ent = doc.entity("Enterprise", key, key)
    ent.alt_labels.update(n for n in names if n != key)
    doc.mentions.append(Mention(start, end, "Enterprise", key, doc.sentence_at(start)))
    return True


def drop_refused_owners(doc: Document) -> None:
    """Drop the facts about enterprises that `add_enterprise` refused (a caller that took a
    name for an owner without checking the answer): they would name a node that is no entity."""
    doc.facts[:] = [f for f in doc.facts
                    if not ((f.subject[0] == "Enterprise" and f.subject not in doc.entities)
                            or (f.object[0] == "Enterprise" and f.object not in doc.entities))]


# -- lists, trade words, short forms ------------------------------------------------------
@data_cache
def _trade_words() -> Surfaces:
    return Surfaces(words("enterprise_trade_words.tsv"))


def _closer_words(kind: str) -> str:
    rows = [r["word"] for r in read_tsv("enterprise_list_closers.tsv") if r["kind"] == kind]
    return "|".join(re.escape(w) for w in sorted(rows, key=len, reverse=True))


@data_cache
def _closer_pattern() -> re.Pattern[str]:
    """等, a count of companies (5家), up to six other characters (modifiers or an industry), the head."""
    count = r"(?:[\d一二三四五六七八九十百几多]+家)?"
    return re.compile(f"等{count}(?P<mid>[\u4e00-\u9fff]{{0,6}}?)(?:{_closer_words('closer')})(?!效应|家|数|主体|集聚|群|化)")


@data_cache
def _categories() -> re.Pattern[str]:
    return re.compile(_closer_words("category"))


@data_cache
def _modifiers() -> re.Pattern[str]:
    return re.compile(f"(?:{_closer_words('modifier')})*")


@lru_cache(maxsize=20000)
def _is_brand(word: str) -> bool:
    """One word that the dictionary lacks or tags as a proper noun: a brand (德彪, 伊利)."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word) or is_generic(word):
        return False
    tags = tagged(word, hmm=True)
    if len(tags) != 1:
        return False
    if not segment.in_dictionary(word):
        return tags[0][1][:1] not in ("v", "a", "d", "m", "t", "r", "f")
    return tags[0][1] in ("nr", "nrt", "nrfg")  # a name-like dictionary word (小尾羊)


_DERIVED: dict[int, tuple[Lexicons, dict[str, str]]] = {}


def _derived_short_forms(lex: Lexicons) -> dict[str, str]:
    """The lexicon's derived short forms (`_derive`), made once per lexicon."""
    hit = _DERIVED.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = _DERIVED[id(lex)] = (lex, _derive(lex))
    return hit[1]


def _derive(lex: Lexicons) -> dict[str, str]:
    """Bare short forms of the lexicon's names of the shape region + brand + suffix
    (内蒙古某某集团 → 某某): a brand the dictionary does not know, of one enterprise only."""
    gaz = default_gazetteer()
    found: dict[str, set[str]] = {}
    for surface, canonical in lex.enterprises.canonical.items():
        lead = next((e for s, e, _ in gaz.find(surface) if s == 0), 0)
        code = gaz.resolve(surface[:lead]) if lead else None
        if not code or gaz.divisions[code].level not in ("province", "prefecture") or not SUFFIX.search(surface):
            continue
        core = core_name(surface, lead)
        if core in lex.enterprises or core in gaz.by_surface or core in lex.industries or _trade_words().find(core):
            continue
        if _is_brand(core) and not core.endswith(("投", "控", "化", "港", "重")):
            found.setdefault(core, set()).add(canonical)
    return {core: next(iter(c)) for core, c in found.items() if len(c) == 1}


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
        short_forms: dict[str, str] = {}
        for m in SUFFIX.finditer(text):
            start = left_edge(text, m.start(), MAX_NAME, spans(doc, "Region"), _STOPS)
            start = past_develop(text, start, m.start() - MAX_NAME - 6, self.lex, spans(doc, "Region"), _STOPS)
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
            if core in self.lex.enterprises:
                key = self.lex.enterprises.canonical[core]
            elif core in self.lex.industries or is_generic(core) or len(core) < 2 or core.endswith("产业") \
                    or (self.lex.industries.longest_suffix(core) or ("",))[0] == core \
                    or (segment.in_dictionary(core) and not _is_brand(core) and tagged(core)[0][1] in ("n", "vn")):
                key = full  # 某省数据集团: the core is a trade, not a name
            else:
                key = core
                if len(core) >= 2 and _is_brand(core):
                    short_forms.setdefault(core, key)
            if not plausible(doc, start, m.end(), full if key == full else core):
                continue
            add_enterprise(doc, start, m.end(), {n for n in names if len(n) >= 2}, key, checked=True)
            taken.add(start, m.end())
        for start, end, canonical in self.lex.enterprises.find(text):
            if taken.overlaps(start, end):
                continue
            place = _subsidiary_place(text, end)
            if place:  # 某某蒙东: the group's regional company, a name of its own
                name = text[start:end + len(place)]
                add_enterprise(doc, start, end + len(place), {name}, self.lex.enterprises.canonical.get(name, name),
                               checked=True)
                taken.add(start, end + len(place))
                continue
            if not stands_alone(text, start, end):
                continue
            add_enterprise(doc, start, end, {text[start:end]}, canonical, checked=True)
            taken.add(start, end)
        self._short_forms(doc, taken, {**_derived_short_forms(self.lex), **short_forms})
        self._listed(doc, taken)
        self._trade_names(doc, taken)
        return doc

    def _short_forms(self, doc: Document, taken: Spans, forms: dict[str, str]) -> None:
        """Bare short forms (某某) of names the lexicon or the text gives in full."""
        if not forms:
            return
        text = doc.text
        for start, end, form in Surfaces(forms).find(text):
            if taken.overlaps(start, end) or not stands_alone(text, start, end):
                continue
            if add_enterprise(doc, start, end, {form}, forms[form]):
                taken.add(start, end)

    def _listed(self, doc: Document, taken: Spans) -> None:
        """甲乙、丙丁等龙头企业: the items of a list closed by 等 and a kind of company; and
        甲乙、丙丁等项目 when one of the items is a company already found (the others are too)."""
        text = doc.text
        protected = spans(doc, "Region", "Enterprise")
        closed = {m.start(): m for m in _closer_pattern().finditer(text)}
        for m in re.finditer("等", text):
            by_kind = m.start() in closed
            if by_kind:
                mid = closed[m.start()].group("mid")
                if mid and not (is_generic(mid) or self.lex.industries.longest_suffix(mid) or mid in self.lex.industries
                                or _only_modifiers(mid)):
                    by_kind = False
            if not by_kind and not spans(doc, "Enterprise").overlaps(max(0, m.start() - 40), m.start()):
                continue  # neither a kind of company after 等 nor a company before it
            start = left_edge(text, m.start(), 60, protected, _STOPS - set(LIST_SEPARATORS), lists=True)
            items = split_list(text, text[start:m.start()], start, protected)
            if items and text.startswith("了", items[0][0]):  # 培育了甲、乙等企业
                items[0] = (items[0][0] + 1, items[0][1][1:])
            bodies = [strip_quotes(b).strip() for _, b in items]
            if not bodies or any(not b for b in bodies):
                continue
            if any(b in self.lex.industries or is_generic(b) or self.lex.industries.longest_suffix(b) == (b, b)
                   or _categories().search(b) for b in bodies):
                continue  # 专精特新、高新技术等企业: kinds of companies
            if any(q in text[start:m.start()] for q in "“\"'‘「"):
                continue  # “专精特新”、“独角兽”等企业: quoted kinds or slogans, not names
            found, known = [], 0
            for (p_start, piece), body in zip(items, bodies):
                p_start += len(piece) - len(piece.lstrip())
                p_end = p_start + len(piece.strip())
                inside = mentions_in(doc, ("Enterprise",), p_start, p_end)
                if inside:
                    known += any(e.start == p_start and e.end == p_end for e in inside)
                    continue  # a company the other rules found
                if not (2 <= len(body) <= (10 if by_kind else 6)) or not plausible(doc, p_start, p_end, body):
                    break  # 行业龙头、单打冠军等企业: one kind makes the list a list of kinds
                found.append((p_start, p_end, body))
            else:
                if not by_kind and (not known or len(items) < 2):
                    continue
                for p_start, p_end, body in found:
                    if not taken.overlaps(p_start, p_end):
                        rest_at = _region_prefix(doc, p_start, p_end)  # 某地某某: the company 某某 in 某地
                        key = text[rest_at:p_end] if p_end - rest_at >= 2 else body
                        add_enterprise(doc, rest_at if key != body else p_start, p_end, {body, key},
                                       self.lex.enterprises.canonical.get(key, key), True)
                        taken.add(p_start, p_end)

    def _trade_names(self, doc: Document, taken: Spans) -> None:
        """某某乳业, 某某矿业: a brand right before a trade word names one company."""
        text = doc.text
        regions = spans(doc, "Region")
        for t_start, t_end, word in _trade_words().find(text):
            if taken.overlaps(t_start, t_end) or regions.overlaps(t_start, t_end):
                continue
            going_on = self.lex.industries.find(text[t_end:t_end + 4])
            if going_on and going_on[0][0] == 0:
                continue  # 某某钢铁物流: an industry goes on
            # the brand runs from the last stop, boundary word or region before the trade word
            b_start = left_edge(text, t_start, 6, regions, _STOPS | set("和与及等"))
            for r in mentions_in(doc, ("Region",), b_start, t_start):
                b_start = max(b_start, r.end)
            brand = text[b_start:t_start]
            if not (2 <= len(brand) <= 4) or brand in self.lex.industries or is_generic(brand):
                continue
            start = _region_start(doc, b_start)
            if not stands_alone(text, start, t_end) or not _name_ends(text, t_end):
                continue  # 某某新材料, 某某物流专线: the trade word is part of a longer word
            if not _is_brand(brand):
                continue
            # the mention leaves the region before it out (某地某某乳业: 某某乳业 in 某地)
            if add_enterprise(doc, b_start, t_end, {text[start:t_end], text[b_start:t_end]}, text[b_start:t_end]):
                taken.add(start, t_end)


@data_cache
def _subsidiary_places() -> tuple[str, ...]:
    return tuple(sorted(words("enterprise_subsidiary_places.tsv"), key=len, reverse=True))


def _subsidiary_place(text: str, pos: int) -> str:
    """The subsidiary place word (data/enterprise_subsidiary_places.tsv) right at `pos`, when
    the name goes on after it (某某蒙东风电项目; not 某某、东北…) or ends there."""
    for word in _subsidiary_places():
        if text.startswith(word, pos):
            after = text[pos + len(word):pos + len(word) + 2]
            if not after.startswith(("地区", "地", "区")):
                return word
    return ""


def _only_modifiers(mid: str) -> bool:
    return _modifiers().fullmatch(mid) is not None


_AFTER_NAME = set("、，,。；;：:）)和与及等\n") | set("0123456789")
# nouns after a trade word that make it part of a longer noun (某某物流专线, 某某钢铁物流中心)
_NOUN_AFTER = frozenset("专线 市场 产品 产业 行业 企业 领域 板块 经济 体系 网络 平台 服务 链 集群".split())


def _name_ends(text: str, pos: int) -> bool:
    """A company's name can end at `pos`: a stop, a list mark or a figure follows, or a word
    that does not carry the noun on (某某石化转型升级; not 某某物流专线, 某某电子纸)."""
    if pos >= len(text) or text[pos] in _AFTER_NAME:
        return True
    tokens = tagged(text[pos:pos + 6], hmm=False)
    if not tokens:
        return True
    word, flag = tokens[0]
    if word in _NOUN_AFTER or word in _works_nouns() or shipped().industries.canonical.get(word):
        return False
    return not (len(word) == 1 and flag.startswith("n"))


def _region_start(doc: Document, pos: int) -> int:
    """The start of the regions named right before `pos` (吉林某某乳业), else pos."""
    start = pos
    for m in sorted((m for m in doc.mentions if m.kind == "Region" and m.end == start), key=lambda m: m.start):
        start = m.start
    return start
