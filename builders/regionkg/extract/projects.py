"""Projects: named, specific works that somebody builds.

A project phrase ends in a head word (data/project_heads.tsv: 项目, 工程, 生产线…)
and runs back to a verb or clause stop. It may be a coordinated list
("锦联55万吨罐料和20万吨低碳铝、创源6万吨单晶硅切片组件等项目"): each item is one
project, enterprise and head word distributed; what follows 等 ("5个百亿级绿色氢基
能源一体化") is shared by items that lack a product, or names their industry.
An item is [enterprise][region][capacity][product]; two capacities with two
products ("54万千瓦风电21万千瓦光伏") are two projects. Categories and counts
(重点项目, 13个投资50亿元以上项目) are not projects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple
from functools import lru_cache

from ..document import Document, Fact, Mention
from ..nlp import segment
from .common import Spans, clause_bounds, comma_clause_start, mentions_at, mentions_in, spans
from .enterprises import _is_brand, add_enterprise
from .lexicon import data_cache, Lexicons, read_tsv, shipped
from .lexicon import words
from .phrases import (CLAUSE_STOPS, generic_words, is_generic, is_verb, left_edge, split_list, starts_with_verb,
                      strip_quotes, tagged)
from .quantities import Quantity, find_investment, find_quantities
from .stage_kinds import ACHIEVED, stated

_COUNT = re.compile(r"^[\d一二三四五六七八九十两几百千]+[多余]?(?:个|项|大|批|座|条|处)")
_SCALE = re.compile(r"^(?:[\d.]*[十百千万亿]+(?:元)?级|[\d.]*[十百千万亿]*元?以上)")
_OUTPUT_WORD = re.compile(r"(?:年产|日产|年加工|年处理|年屠宰|年出栏|装机|总装机|产能)$")
_BAD_ITEM = re.compile(r"^[各等该本这此其所]|[的了着]|^\d+$|^[\d一二三四五六七八九十两几]+个")
# words a company name does not start with or contain: pronouns, levels, bodies of government
_SECTOR_END = re.compile(r"(?:服务|制造|工|农|产|行|商|物流)业$")
_HONOUR = re.compile(r"入选|争创|获评|评为|荣获|获批国家|创建国家|列入国家")
_ORDINAL = re.compile(r"^(?:首|第[一二三四五六七八九十\d]+)[座个条台家批]|^(?:全国|国内|全省|全球|世界|亚洲)(?:首|最|第一)")
_CLASS_COUNT = re.compile(r"[\d一二三四五六七八九十两]+大(?!道|桥|厦|街|楼)|[\d一二三四五六七八九十两]+[个家座处所]")
_NOT_OWNER = re.compile(r"^[全各省市县区本我]|重要|国家|管委会|交易所|政府|部门|机关|学校|医院|银行")
_CATEGORY_TAILS = {"领域", "方向", "行业", "产业", "类", "方面", "板块", "类型"}
_REMOVAL = re.compile(r"淘汰|关停|退出|拆除|压减|化解")
MAX_PHRASE = 90
MAX_ITEM = 40


@data_cache
def heads() -> dict[str, str]:
    return {row["head"]: row["needs"] for row in read_tsv("project_heads.tsv")}


# A head word followed by these is part of another word (项目管家, 项目库) or a count (项目10个).
_NOT_HEAD = r"(?!师|管家|专班|库|化|制|部(?!分)|中心|要素|全周期|全生命周期|经理|单位|审批|手续|资金|用地|招商|推进机制|的能力|合作办|办公室|[\d一二三四五六七八九十两]+[个项处座条](?!(?:[^，。；、]{0,4}?)生产线))"


@data_cache
def _head_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(h) for h in sorted(heads(), key=len, reverse=True))
    return re.compile(f"(?:{alternation}){_NOT_HEAD}")


_NUM = "[\\d一二三四五六七八九十]"
# What a works name may carry after its head: a section (（甲段）), a phase (三期, 第二跑道) and
# works done to it (改扩建, 迁建, 增建二线): 甲机场三期扩建, 乙铁路增建二线, 丙港二期.
_HAN = "[\\u4e00-\\u9fff]"
_PHASE = (rf"(?:[（(][^（）()，。]{{1,8}}段[）)]|(?:{_HAN}{{2,3}}(?:至{_HAN}{{2,3}})?|[东南西北中])段(?!落|时间))?(?:第?{_NUM}+期)?"
          rf"(?:第?{_NUM}+跑道|改扩建|扩建|迁建|扩能改造|扩能|增建二线|复线|改造升级|提质改造|改造|除险加固|扩容)?")
_PHASE_RE = re.compile(_PHASE)


@data_cache
def _continuation() -> re.Pattern[str]:
    """A works head followed by one of these is part of a longer noun (高速公路网, 港口)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words("works_continuations.tsv"), key=len, reverse=True)))


@data_cache
def _ends_in_head() -> re.Pattern[str]:
    alternation = "|".join(re.escape(h) for h in sorted(heads(), key=len, reverse=True))
    return re.compile(f"(?:{alternation}){_PHASE}$")


@data_cache
def _works_head_inside() -> re.Pattern[str]:
    named = [h for h, needs in heads().items() if needs == "named" and len(h) > 1]
    return re.compile("|".join(re.escape(h) for h in sorted(named, key=len, reverse=True)))


@data_cache
def _activities() -> frozenset[str]:
    return words("works_activities.tsv")


@data_cache
def works_modifiers() -> tuple[str, ...]:
    return tuple(sorted(words("works_modifiers.tsv") | generic_words(), key=len, reverse=True))


@data_cache
def _modifiers_re() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in works_modifiers() if w)
    return re.compile(rf"^(?:{alternation})+")


@lru_cache(maxsize=20000)
def _strip_modifiers(body: str) -> str:
    """`body` without the words before it that describe a kind of works (农村, 病险, 大中型…)."""
    rest = re.sub(r"[\d.]+|[“”\"]", "", body)
    return _modifiers_re().sub("", rest, count=1)


def _only_modifiers(body: str) -> bool:
    return not _strip_modifiers(body)


# a route (甲至乙), a road code (G6, S307), a quoted name
_ROUTE = re.compile(r"[\u4e00-\u9fff]{2,}[至到—–－-][\u4e00-\u9fff]{2,}")
_CODE = re.compile(r"[A-Z]{1,2}\d{1,4}")
# water and power schemes named by their ends: 引甲济乙, 引甲入乙, 西电东送
_SCHEME = re.compile(r"引(?![客资才商智企外贤凤])[\u4e00-\u9fff]{1,2}[济入](?:(?![等和及与工项])[\u4e00-\u9fff]){1,2}|[东西南北][电气水煤][东西南北][送输调运]")


@data_cache
def status_verbs() -> dict[str, str]:
    return {row["verb"]: row["status"] for row in read_tsv("status_verbs.tsv")}


@data_cache
def _status_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(v) for v in sorted(status_verbs(), key=len, reverse=True)))


STAGE_ORDER = ["Planned", "Signed", "Started", "UnderConstruction", "Completed", "PartlyOperating", "Operating"]


@dataclass
class Item:
    """One project of a phrase, before it becomes an entity."""

    start: int
    end: int
    owner: str | None = None          # enterprise key
    owner_text: str = ""
    capacity: Quantity | None = None
    body: str = ""                   # the item's text as written (owner, region, capacity, product)
    product: str = ""
    names: set[str] = field(default_factory=set)


class ProjectMentions:
    """Pipeline stage: `Project` entities with capacity, investment, status and their
    `builds` facts; locatedIn and inIndustry come from `ProjectRelations`."""

    name = "projects"

    def __init__(self, lexicons: Lexicons | None = None):
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        edges = _MASK.sub(lambda m: "〔" * len(m.group()), text)  # same offsets; sections and /年 stop nothing
        taken = Spans()
        last_end = 0
        for m in _head_pattern().finditer(text):
            head, h_start, h_end = m.group(), m.start(), m.end()
            if taken.overlaps(h_start, h_end) or spans(doc, "IndustrialPark", "Enterprise").inside(h_start, h_end):
                continue
            needs = heads().get(head, "any")
            end = _PHASE_RE.match(text, h_end).end()
            if needs == "named" and not _ends_works(doc, head, h_start, end):
                continue
            inner = _inner().match(text, end) if head not in ("项目", "工程") else None
            if inner and "等" not in text[max(0, h_start - 6):h_start] and not _edge_verbs().search(inner.group()):
                continue  # 甲河航道整治工程, 甲运河与乙航道连通工程: the later head ends the name
            absorbed = _ABSORBED.match(text, end)
            if absorbed and head not in ("项目", "工程"):
                end = absorbed.end()  # 甲风电基地项目, 乙水库工程: one project
            listed = _listed().match(text, end)
            if listed and not _stage_in(text, end, text.find("等", end, listed.end())):
                continue  # 甲高铁、乙工程等项目: the list's last head names them all
            protected = spans(doc, "Region", "Enterprise", "IndustrialPark")
            # "A、B等5个重点项目": the list ends at 等, whatever words stand before the head
            seg = h_start
            while seg > 0 and h_start - seg < MAX_PHRASE and edges[seg - 1] not in CLAUSE_STOPS:
                seg -= 1
            etc = text.rfind("等", seg, h_start)
            tail_text = _strip_count(text[etc + 1:h_start]) if etc >= 0 else ""
            list_end = etc if etc >= 0 and len(tail_text) <= 12 and "、" not in tail_text else h_start
            start = left_edge(edges, list_end, MAX_PHRASE, protected, CLAUSE_STOPS, lists=True)
            if start == list_end == h_start and head in ("项目", "工程") and text[h_start - 2:h_start] in _activities() \
                    and not _ABSTRACT.search(text, max(0, h_start - 4), h_start - 2):
                # 甲航道能级提升工程: the verb before the head is part of the name; the works nouns
                # of the phrase decide (a 质量提升工程 has none)
                start = left_edge(edges, h_start - 1, MAX_PHRASE, protected, CLAUSE_STOPS, lists=True)
            start = _after_stage_verb(text, max(start, last_end), list_end, protected)
            while start < list_end and text[start] in "、和及与":
                start += 1
            phrase = text[start:h_start]
            if start == list_end or _REMOVAL.search(text, max(0, start - 3), start):
                continue
            items, hint, tail_status = self._items(doc, start, phrase, head)
            if not items:
                continue
            c_start, c_end = clause_bounds(text, h_start, 0, len(text))
            status = tail_status or _status(doc, c_start, start, end, c_end)
            if needs == "named" and not (status if "等" in phrase else
                                         _status(doc, c_start, start, end, c_end, own_only=True)):
                continue  # a works named without a stage (甲机场提升货运能力) is not being built
            taken.add(start, end)
            last_end = end
            investment = find_investment(text, end, c_end) if len(items) == 1 else None
            self._phrase_start = start
            full_head = text[h_start:end]
            shared = head in ("项目", "工程") or needs == "named" or "等" in phrase or all("至" in i.body for i in items)
            for n, item in enumerate(items):
                own = shared or n == len(items) - 1
                adjacent = item.end == h_start and n == len(items) - 1  # written as body + head
                self._add(doc, item, full_head if own else "", status, investment, hint, adjacent)
                if len(doc.text[item.start:item.end].strip()) < 3 and len(items) > 1:
                    # a two-character item (津沧、兴港等高速公路) is written only as part of the list
                    self._literal_alias(doc, item, end)
        self._schemes(doc, taken)
        self._located_each(doc, taken)
        return doc

    def _located_each(self, doc: Document, taken: Spans) -> None:
        """建成2座抽水蓄能电站，分别位于甲县、乙县: N works, one at each place named."""
        text = doc.text
        for m in _located_each_pattern().finditer(text):
            places = [p for p in re.split(r"、|和|及|与", m.group("places")) if p]
            if _count_value(m.group("n")) != len(places) or len(places) < 2:
                continue
            kind = m.group("kind")
            c_start, c_end = clause_bounds(text, m.start(), 0, len(text))
            status = _status(doc, c_start, m.start("n"), m.end("kind"), c_end, own_only=True)
            if status is None:
                continue
            pos = m.start("places")
            for place in places:
                at = text.find(place, pos, m.end())
                pos = at + len(place)
                if not mentions_at(doc, ("Region",), at):
                    continue  # the places must be places
                self._phrase_start = at
                item = Item(at, at + len(place), body=place + kind, product=kind)
                self._add(doc, item, "", status, None, None)
            taken.add(m.start(), m.end())

    def _literal_alias(self, doc: Document, item: Item, end: int) -> None:
        """A two-character item is known by itself too (京沪 of 京沪、京广等高铁)."""
        mention = doc.mentions[-1]
        if mention.kind == "Project" and mention.start == item.start:
            ent = doc.entities[("Project", mention.key)]
            ent.alt_labels.add(strip_quotes(doc.text[item.start:end]))
            own = strip_quotes(doc.text[item.start:item.end]).strip()
            if len(own) == 2 and _HAN_ONLY.fullmatch(own) and not is_generic(own) \
                    and not spans(doc, "Region").overlaps(item.start, item.end):
                ent.alt_labels.add(own)

    def _schemes(self, doc: Document, taken: Spans) -> None:
        """Water and power schemes named without a head (西电东送, 引甲入乙), when a stage is stated."""
        text = doc.text
        others = spans(doc, "Region", "Enterprise", "IndustrialPark")
        for m in _SCHEME.finditer(text):
            s0, e0 = m.span()
            if taken.overlaps(s0, e0) or others.overlaps(s0, e0):
                continue
            if re.match(r"[\u4e00-\u9fff]", text[e0:e0 + 1]) and not (
                    _FOLLOW_OK.match(text, e0) or _status_pattern().search(text, e0, e0 + 4)):
                continue  # 西电东送战略: a word of policy
            c_start, c_end = clause_bounds(text, s0, 0, len(text))
            status = _status(doc, c_start, s0, e0, c_end, own_only=True)
            if status is None:
                continue
            taken.add(s0, e0)
            self._phrase_start = s0
            self._add(doc, Item(s0, e0, body=m.group(), product=m.group()), "", status, None, None)

    # -- parsing a phrase -----------------------------------------------------------
    def _items(self, doc: Document, start: int, phrase: str, head: str) -> tuple[list[Item], str | None, str | None]:
        tail, hint, tail_status, generic_tail = "", None, None, False
        cut = phrase.rfind("等")
        listed = phrase
        if cut >= 0 and (len(_SCALE.sub("", _COUNT.sub("", phrase[cut + 1:]))) > 12 or "、" in phrase[cut:]):
            cut = -1  # 松花江等主要江河…治理、东部两江三期工程: the list goes on after 等
        if cut >= 0:
            listed, tail = phrase[:cut], phrase[cut + 1:]
            tail = _strip_count(tail)
            stages = _stage_words(tail)
            if stages:  # 甲项目等300个拟竣工投产项目: the stage of the examples, not a kind
                stage, kind = stated(doc, max(stages, key=STAGE_ORDER.index), start + cut, STAGE_ORDER)
                tail_status, tail = StageWord(stage, start + cut, kind), ""
            suffix = self.lex.industries.longest_suffix(tail) if tail else None
            kept = _strip_generic(tail) if heads().get(head) == "named" else ""  # 甲、乙等文化旅游景区: in each name
            if tail in self.lex.industries:
                hint, tail = self.lex.industries.canonical[tail], kept
            elif suffix:  # 铝新材料: an industry of its own unless the lead is a mere modifier
                lead = tail[: len(tail) - len(suffix[0])]
                hint, tail = (suffix[1] if is_generic(lead) else tail), kept
            if tail in _CATEGORY_TAILS or tail.startswith("产业") or (tail and starts_with_verb(tail + "的")):
                return [], None, None  # 高技术、服务业等领域项目, …等提升承载能力项目: kinds of projects
            if is_generic(tail):
                generic_tail, tail = bool(tail), ""
        items: list[Item] = []
        owner_protect = spans(doc, "Region", "Enterprise", "IndustrialPark")
        for piece in split_list(doc.text, listed, start, owner_protect):
            p_start, text_piece = piece
            body = strip_quotes(text_piece).strip()
            if not body:
                continue
            items.extend(self._parse_item(doc, p_start, p_start + len(text_piece), body, tail, items,
                                          brands=heads().get(head) != "named"))
        enumerated = cut >= 0
        self._brands_beside_owners(doc, items)
        if enumerated and len(items) > 1 and all(i.body in self.lex.industries for i in items):
            return [], None, None  # 加快煤电一体化、煤化工等项目建设: kinds of projects
        if enumerated and head in ("项目", "工程") and (len(items) > 1 or generic_tail) \
                and all(self._kind_word(doc, i) for i in items):
            return [], None, None  # 推进火箭、卫星制造等重大项目: kinds of products, none named
        if re.search(r"一批|一系列|若干", doc.text[max(0, start - 4):start]):
            return [], None, None  # 建设一批化工新材料、专用化学品等项目: kinds of projects
        needs = heads().get(head, "any")
        if needs == "named" and re.search(r"[、和及与]$", phrase):
            return [], None, None  # 甲电网、微电网: a works head with no name of its own
        parks = spans(doc, "IndustrialPark")
        _split_count(items)
        self._share_prefix(doc, items)
        if cut < 0:  # 甲、乙等项目 lists examples, never one owner's steps
            items = _merge_steps(doc, items, self.lex.industries)
        _share_route(doc, items)
        if not enumerated:
            _share_product(doc, items)
        keep = []
        honour = _HONOUR.search(doc.text, max(0, start - 8), start + len(phrase))
        for item in items:
            if honour or _ORDINAL.match(item.body) or _CLASS_COUNT.search(item.body) \
                    or (_names_own_head(item.body) and _bare_kind(item.body)):
                continue  # 入选…工厂, 首座…电站, 4大…基地: honours, firsts and counts, not named works
            if item.capacity is not None and item.capacity.text.endswith("级") and not item.owner \
                    and not mentions_in(doc, ("Region",), item.start, item.end):
                continue  # 千万吨级炼油厂: a class of plant, not one
            if needs == "named" and item is not items[-1] and (_own_works_noun(item.body, head) or _stage_in(item.body, 0, len(item.body)) or (
                    not enumerated and len(item.body) > 5 and not (_ROUTE.search(item.body) or _is_region_only(doc, item.start, item.end)))):
                continue  # 甲网、乙站、丙电厂: items with works of their own kind; long items are no abbreviations
            if any(s <= item.start and item.end <= e and e - s >= len(item.body) for s, e in parks):
                continue  # the item is a park: a place, not a project
            if "各" in doc.text[max(0, item.start - 5):item.start]:
                continue  # 各旗县市食品加工产业园: a kind, not one
            if needs != "named" and not self._named(doc, item, head, enumerated):
                continue
            if not (2 <= len(item.body) <= MAX_ITEM) or _BAD_ITEM.search(item.body) or is_generic(item.body):
                continue
            written = strip_quotes(doc.text[item.start:item.end]).strip()
            if not item.owner and not item.capacity and any(w in works_nouns() or _generic_works(w)
                                                            for w in {strip_quotes(item.body), written}):
                continue  # 学校、医院等配套项目: kinds of works
            if is_generic(item.product) and not item.owner and not item.capacity:
                continue
            if head == "项目" and re.fullmatch(r"[\w.+-]*", item.body, re.ASCII) and not (item.owner or item.capacity):
                continue  # 5G项目, AI+项目: a technology
            if _SECTOR_END.search(item.body) and not item.capacity and not enumerated:
                continue  # 甲基地服务业项目: the projects of a sector, not one
            if needs == "owner" and not (item.owner or item.capacity):
                continue
            if needs == "named" and not self._names_works(doc, item):
                continue
            keep.append(item)
        if needs == "named" and not enumerated and items and (not keep or keep[-1] is not items[-1]):
            return [], None, None  # the head belongs to the item before it; if that is no name, none is
        return keep, hint, tail_status

    def _share_prefix(self, doc: Document, items: list[Item]) -> None:
        """甲地新能源动力和储能: a product joined by 和 to an item shares that item's place or owner."""
        text = doc.text
        for prev, item in zip(items, items[1:]):
            if text[item.start - 1:item.start] not in "和及与" or item.owner or item.capacity or prev.capacity \
                    or not (item.body in self.lex.industries or len(item.body) <= 4 and not _names_own_head(item.body)) \
                    or mentions_in(doc, ("Region",), item.start, item.end):
                continue
            regions = mentions_at(doc, ("Region",), prev.start)
            prefix = prev.owner_text or (text[prev.start:regions[0].end] if regions else "")
            if prefix and not item.body.startswith(prefix):
                item.body = prefix + item.body
                item.owner, item.owner_text = (prev.owner, prev.owner_text) if prev.owner_text else (None, "")

    def _kind_word(self, doc: Document, item: Item) -> bool:
        """An item of common words only (火箭, 卫星制造): a kind of product, not a name."""
        body = item.body
        if item.owner or item.capacity or len(body) > 6 or mentions_in(doc, ("Region",), item.start, item.end):
            return False
        if _ends_in_head().search(body) or any(w in body for w in works_nouns()):
            return False
        if re.fullmatch(r"\d*[A-Za-z][\w-]*", body):
            return True  # 5G-A, AI: a technology
        if not re.fullmatch(r"[\u4e00-\u9fff]+", body):
            return False
        tokens = segment.cut(body, hmm=False)
        return all(len(t) >= 2 and segment.in_dictionary(t) for t in tokens)

    def _names_works(self, doc: Document, item: Item) -> bool:
        """A works head needs a name before it: an owner, a place, a route (甲至乙), a code
        (G6), an abbreviation pair or a proper name (甲乙高铁, 某某水库), not only words for
        a kind of works (农村公路, 病险水库)."""
        body = item.body
        if item.owner or _ROUTE.search(body) or _CODE.search(body) or _SCHEME.search(body):
            return True
        if mentions_at(doc, ("Region",), item.start):
            return True
        if re.search(r"(.)\1通$", body):
            return False  # 市市通高铁: a slogan of coverage
        if not re.fullmatch(r"[\u4e00-\u9fff“”\"]{2,12}", body) or _only_modifiers(body):
            return False
        rest = _strip_modifiers(body)
        if rest != body and (rest in self.lex.industries or len(rest) <= 1):
            return False  # 大中型标准化奶牛养殖场, 国家级铁矿: a kind for a product, not one named works
        if _generic_works(body) or (len(body) <= 4 and is_verb(body)):
            return False  # 打通机场: a verb, not a name
        # a short body after the verb that starts the phrase is a name (增天, 聊邯长: abbreviations)
        return len(body) <= 4 or not (is_verb(body) or starts_with_verb(body))

    def _named(self, doc: Document, item: Item, head: str, enumerated: bool) -> bool:
        """Whether an item names one project rather than an activity (大抓项目, 技术革新项目)."""
        body = item.body
        if item.owner or item.capacity or re.search(r"[A-Za-z]+\d+|\d+[A-Za-z]+", body) or _SCHEME.search(body):
            return True
        if _placed_works(doc, item):
            return True   # 甲镇220千伏输变电工程: works at a place named (达来诺日… starts with no verb)
        if (is_verb(body) or starts_with_verb(body)) and not (enumerated and _names_own_head(body)):
            return False
        if spans(doc, "Region", "IndustrialPark").within(item.start, item.end):
            return True
        if body in self.lex.industries and not enumerated:
            return False  # 推进煤化工项目: projects of an industry, not one project
        if _generic_works(body):
            return False  # 农村供水工程, A级旅游景区提升工程: a kind of works
        if enumerated or head not in ("项目", "工程"):
            return True
        return any(w in body for w in works_nouns()) or bool(_works_head_inside().search(body))

    def _parse_item(self, doc: Document, start: int, end: int, body: str, tail: str, before: list[Item],
                    brands: bool = True) -> list[Item]:
        text = doc.text
        owner, owner_text = self._owner_at(doc, start, end)
        quantities = [q for q in find_quantities(text, start, end) if q.unit != "Yuan"]
        if quantities:
            first = quantities[0]
            lead = text[start:first.start]
            lead = _OUTPUT_WORD.sub("", lead)
            if not owner and lead and not _is_region_only(doc, start, start + len(lead)):
                if 2 <= len(lead) <= 8 and not is_generic(lead) and not re.search(r"[\d的]", lead) \
                        and not _NOT_OWNER.search(lead) and not is_verb(lead):
                    owner, owner_text = lead, lead
                    add_enterprise(doc, start, start + len(lead), {lead}, lead)
            if not owner and not lead and before and before[-1].owner:
                owner, owner_text = before[-1].owner, before[-1].owner_text  # 锦联55万吨罐料和20万吨低碳铝
            out = []
            for i, q in enumerate(quantities):
                p_end = quantities[i + 1].start if i + 1 < len(quantities) else end
                product = strip_quotes(text[q.end:p_end]).strip()
                if not product and tail:
                    product = tail
                prefix = text[start:q.start] if i == 0 else ""
                written = (owner_text if i and owner_text else "") + prefix + q.text + product
                if i == 0 and not prefix.startswith(owner_text):
                    written = owner_text + written
                out.append(Item(start if i == 0 else q.start, p_end, owner, owner_text, q, written, product))
            return out
        if not owner:
            owner, owner_text = self._owner_by_shape(doc, start, end, brands)
        product = body[len(owner_text):] if owner_text and body.startswith(owner_text) else body
        if tail:  # 长四辽通、敦牡等铁路项目: what follows 等 belongs to every item
            body, product = body + tail, product + tail
        return [Item(start, end, owner, owner_text, None, body, product)]

    def _brands_beside_owners(self, doc: Document, items: list[Item]) -> None:
        """甲公司某产品、某某乙产品等项目: in a list whose other items start with a company, an
        item of an unknown word and a product (某某 + 铝板带箔) starts with a company too."""
        if len(items) < 2 or not any(i.owner for i in items):
            return
        text = doc.text
        for item in items:
            if item.owner or item.capacity is not None or mentions_at(doc, ("Region", "Enterprise"), item.start):
                continue
            written = strip_quotes(text[item.start:item.end]).strip()
            hit = self.lex.industries.longest_suffix(written)
            lead = written[: len(written) - len(hit[0])] if hit else ""
            if not (2 <= len(lead) <= 4) or not text.startswith(lead, item.start):
                continue
            if not re.fullmatch(r"[\u4e00-\u9fff]+", lead) or segment.in_dictionary(lead) or is_generic(lead) \
                    or lead in self.lex.industries or self.lex.industries.find(lead) or _NOT_OWNER.search(lead) \
                    or any(flag.startswith(("v", "a", "m")) and len(w) >= 2 for w, flag in tagged(lead)):
                continue  # 高端铝箔, 新型材料: words of a kind, not a brand
            if add_enterprise(doc, item.start, item.start + len(lead), {lead}, lead):
                item.owner, item.owner_text = lead, lead
                item.product = item.body[len(lead):] if item.body.startswith(lead) else item.product

    def _owner_by_shape(self, doc: Document, start: int, end: int, brands: bool = True) -> tuple[str | None, str]:
        """Owners that the shape of an item shows: a name before a place at its end
        (中核汇能通榆 → 中核汇能), or a place, a short name and an industry
        (辽宁兴华智能装备制造 → 辽宁兴华)."""
        text = doc.text
        regions = mentions_in(doc, ("Region",), start, end)
        if regions and regions[-1].end == end and 2 <= regions[-1].start - start <= 6:
            lead = text[start:regions[-1].start]
            if not is_generic(lead) and not _is_region_only(doc, start, regions[-1].start) and not re.search(r"[\d至到]", lead):
                add_enterprise(doc, start, regions[-1].start, {lead}, lead)
                return lead, lead
        if regions and regions[0].start == start:
            hits = [h for h in self.lex.industries.find(text[regions[0].end:end])]
            if hits and 2 <= hits[0][0] <= 4:
                name = text[start:regions[0].end + hits[0][0]]
                core = name[regions[0].end - start:]
                if self._works_place(doc, regions[0].key) and (_is_brand(core) or not segment.in_dictionary(core)):
                    # 某县某某玉米生物: the company 某某, at work in that county
                    add_enterprise(doc, regions[0].end, start + len(name), {name, core}, core)
                    return core, name
                add_enterprise(doc, start, start + len(name), {name, core}, name)
                return name, name
        # before a works head (甲乙高铁, 某某召景区) an unknown word is the works' own name, not a brand
        return self._owner_by_brand(doc, start, end, regions) if brands else (None, "")

    @staticmethod
    def _works_place(doc: Document, code: str) -> bool:
        """A county or township of the report's own region (or the region itself): before a
        company's name it says where the works is (某县某某…), whereas a province or a city
        before it is where the company comes from (辽宁某某 building in another place)."""
        from ..gazetteer import default_gazetteer
        gaz = default_gazetteer()
        div = gaz.divisions.get(code)
        if div is None or div.level not in ("county", "township") or not doc.region:
            return False
        while div is not None:
            if div.code == doc.region:
                return True
            div = gaz.divisions.get(div.parent) if div.parent else None
        return False

    def _owner_by_brand(self, doc: Document, start: int, end: int, regions) -> tuple[str | None, str]:
        """A word the dictionary does not know, before a product or a work: 锦联铝板带箔,
        万力商业综合体 (a brand), but not 煤制乙二醇 (an industry term as a whole)."""
        raw = doc.text[start:end]
        if raw[:1] in "“\"‘" or raw in self.lex.industries or (regions and regions[0].start == start):
            return None, ""  # a quoted name (“吉电入京”…) is a name, not a brand and a product
        tokens = segment.cut(raw)
        brand = tokens[0] if tokens else ""
        if len(tokens) < 2 or not (2 <= len(brand) <= 4) or segment.in_dictionary(brand):
            return None, ""
        rest = raw[len(brand):]
        if rest[:1] in "至到—－-":
            return None, ""  # 甲地至乙地铁路: a route, not a brand
        if not re.fullmatch(r"[\u4e00-\u9fff]+", brand) or is_generic(brand) or _NOT_OWNER.search(brand):
            return None, ""
        if any(flag.startswith("v") for _, flag in tagged(brand, hmm=True)):
            return None, ""  # 抓实, 建强: verbs the dictionary lacks
        if any(rest.startswith(w) for w in works_nouns()) or _bare_kind(rest):
            return None, ""  # 中蒙医院: the institution's own name
        if not (self.lex.industries.find(rest) or any(w in rest for w in works_nouns())):
            return None, ""
        add_enterprise(doc, start, start + len(tokens[0]), {tokens[0]}, tokens[0])
        return tokens[0], tokens[0]

    def _owner_at(self, doc: Document, start: int, end: int) -> tuple[str | None, str]:
        """An enterprise mentioned at the very start of the item (after a region, if any)."""
        pos = start
        while True:
            for m in mentions_at(doc, ("Region", "Enterprise"), pos):
                if m.kind == "Region" and m.end < end:
                    pos = m.end
                    break
                if m.kind == "Enterprise" and m.end <= end:
                    return m.key, doc.text[start:m.end]
            else:
                return None, ""

    # -- making the entity -------------------------------------------------------------
    def _add(self, doc: Document, item: Item, head: str, status: StageWord | None, investment, hint,
             adjacent: bool = False) -> None:
        body = item.body
        if not item.owner:
            owner = _sentence_subject(doc, min(item.start, getattr(self, "_phrase_start", item.start)))
            if owner:
                item.owner, item.owner_text = owner
                body = item.owner_text + body
        if not adjacent and _names_own_head(body) and not body.endswith(head):
            head = ""  # 甲高铁、乙水库等项目: each item is named by its own head
        bare = head[:-2] if len(head) > 2 and _ABSORBED.fullmatch(head[-2:]) else head
        name = body if (not head or body.endswith(head)) else body + head
        names = {name, body, body + bare}
        if not head and _ends_in_head().search(body):
            names.update({body + "项目"} if not body.endswith(("项目", "工程")) else set())
        if item.owner_text and body.startswith(item.owner_text):
            rest = body[len(item.owner_text):]
            names.update({rest + head, rest})
        if item.capacity is not None:
            names.add((item.owner_text or "") + item.product + head)
            names.add(item.product + head)
        names = {n for n in names if len(n) >= 3 and not is_generic(n) and not _bare_kind(n)}
        names.add(name)
        ent = doc.entity("Project", name, name)
        ent.alt_labels.update(n for n in names if n != name)
        if item.capacity is not None:
            ent.attributes.setdefault("capacity", item.capacity)
        if investment is not None:
            ent.attributes.setdefault("investment", investment)
        if status:   # each stage said, with its sentence; `status` the last, as the finder reads it
            ent.attributes["status"] = status.stage
            ent.attributes.setdefault("stages", []).append((doc.sentence_at(status.at), status.stage, status.kind))
        if hint:
            ent.attributes.setdefault("industry_hint", hint)
        sentence = doc.sentence_at(item.start)
        ent.attributes.setdefault("sentence", sentence)
        doc.mentions.append(Mention(item.start, item.end, "Project", name, sentence))
        if item.owner:
            doc.facts.append(Fact(("Enterprise", item.owner), "builds", ("Project", name), sentence))


@data_cache
def works_nouns() -> frozenset[str]:
    return words("works_nouns.tsv")


def _share_route(doc: Document, items: list[Item]) -> None:
    """Routes share what the last one says: 开鲁至科尔沁、科尔沁至新民500千伏风电输送通道."""
    if len(items) < 2 or not all("至" in i.body for i in items):
        return
    last = items[-1]
    route_end = re.match(r"\w+?至[^\d]+?(?=\d|$)", last.body)
    if not route_end:
        return
    shared = last.body[route_end.end():]
    for item in items[:-1]:
        if not item.product.endswith(shared):
            item.body += shared
            item.product += shared


def _share_product(doc: Document, items: list[Item]) -> None:
    """Elided lists share the last item's product: 甲乙、丙丁核电送出工程 → 甲乙核电送出工程."""
    if len(items) < 2:
        return
    last = items[-1]
    lead = doc.text[last.start:last.end]
    regions = mentions_in(doc, ("Region",), last.start, last.end)
    prefix = len(last.owner_text) or (regions[0].end - last.start if regions and regions[0].start == last.start else 0)
    if last.capacity is not None and prefix:  # 甲乙、丙丁20亿立方米/年煤制天然气项目
        product = doc.text[last.capacity.start:last.end]
        for item in items[:-1]:
            if item.capacity is None and 2 <= len(item.body) <= 4 and item.body == item.product:
                item.body += product
                item.product = last.product
                item.capacity = last.capacity
        return
    product = lead[prefix:] if prefix else ""
    if not product or len(product) < 2 or last.capacity is not None:
        return
    physical = works_nouns() - _activities() - {"治理", "整治", "改造", "迁建", "扩建", "新建"}
    if not (any(w in product for w in physical) or _works_head_inside().search(product)):
        return  # the shared part must name the works (核电送出特高压), not a size (百万) or an activity (整治)
    for item in items[:-1]:
        if item.capacity is None and 2 <= len(item.body) <= 4 and not item.owner \
                and not any(w in item.body for w in works_nouns()) and not _ends_in_head().search(item.body):
            item.body += product
            item.product = product


_LIST_COUNT = re.compile(r"(\d+|[一二两三四五六七八九十]+)[个座条县市区项家处所]")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count_value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _DIGITS.get(text)
    return 10 + _DIGITS.get(text[1], 0) if text[0] == "十" else None


@data_cache
def _located_each_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(h) for h in sorted(heads(), key=len, reverse=True))
    return re.compile(r"(?P<n>\d+|[两二三四五六七八九十]+)[座个处条家](?P<kind>[\u4e00-\u9fff]{1,12}?(?:" + alternation + r"))"
                      r"[，,]?分别(?:位于|建在|落户|在)(?P<places>[\u4e00-\u9fff、]{2,40}?)(?=[，。；,;]|$)")


def _merge_steps(doc: Document, items: list[Item], industries) -> list[Item]:
    """甲钢铁炼铁、炼钢、轧钢项目: one owner's process steps, with no owner, capacity or head of
    their own, are one project."""
    if len(items) < 2 or not (items[0].owner or items[0].capacity):
        return items
    steps = items[1:]
    if not all(len(i.body) <= 3 and not i.owner and i.capacity is None and not _names_own_head(i.body)
               and i.body not in industries and not any(w in i.body for w in works_nouns())
               and not mentions_in(doc, ("Region",), i.start, i.end) for i in steps):
        return items
    first, last = items[0], items[-1]
    tail = doc.text[first.end:last.end]
    return [Item(first.start, last.end, first.owner, first.owner_text, first.capacity, first.body + tail,
                 first.product + tail)]


def _split_count(items: list[Item]) -> None:
    """甲、乙、丙3县高速: a count equal to the number of items confirms the list; what follows
    it is every item's product, and the count is neither an owner nor a capacity."""
    if len(items) < 2 or items[-1].capacity is not None:
        return
    last = items[-1]
    m = _LIST_COUNT.search(last.body)
    if not m or m.start() == 0 or _count_value(m.group(1)) != len(items):
        return
    shared = last.body[m.end():]
    last.body = last.body[:m.start()] + shared
    last.product = last.product.replace(m.group(), "", 1)
    for item in items[:-1]:
        if item.capacity is None and shared and not item.body.endswith(shared):
            item.body += shared
            item.product += shared


@lru_cache(maxsize=5000)
def _names_own_head(body: str) -> bool:
    """The body ends in a head of its own (甲高铁, 乙港二期), not in a one-character head alone (兴港)."""
    m = _ends_in_head().search(body)
    return bool(m) and (len(m.group()) > 1 or len(body) > 3 and not _is_bare_single(body))


def _is_bare_single(body: str) -> bool:
    return heads().get(body[-1]) == "named" and len(body) <= 3


@lru_cache(maxsize=5000)
def _strip_generic(text: str) -> str:
    for w in sorted(generic_words(), key=len, reverse=True):
        if w and text.startswith(w):
            return _strip_generic(text[len(w):])
    return text


@data_cache
def _works_word_re() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(works_nouns() | set(heads()), key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})")


@lru_cache(maxsize=20000)
def _generic_works(body: str) -> bool:
    """Modifiers, a works noun and a works verb only (农村供水, A级旅游景区提升): a kind of works."""
    rest = _strip_modifiers(body)
    if rest == body:
        return False
    if not rest:
        return True
    m = _works_word_re().match(rest)
    if m:
        rest = rest[m.end():]
    elif not any(rest.startswith(a) for a in _activities()):
        return False
    while rest and any(rest.startswith(a) for a in _activities()):
        rest = rest[2:] if rest[:2] in _activities() else rest[1:]
    return not rest


@lru_cache(maxsize=20000)
def _bare_kind(name: str) -> bool:
    """A head with at most a modifier (水电站, 二期项目, 大型灌区): a kind, never an alias."""
    m = _ends_in_head().search(name)
    if not m:
        return False
    rest = name[:m.start()]
    return len(rest) <= 1 or _only_modifiers(rest)


def _placed_works(doc: Document, item: Item) -> bool:
    """An item that starts with a place's own name (not 全旗, 我市) and goes on to works of its own."""
    for m in mentions_at(doc, ("Region",), item.start):
        said = doc.text[m.start:m.end]
        if not said.startswith(("全", "我", "本", "各", "该")) and item.end - m.end >= 2 \
                and any(w in doc.text[m.end:item.end] for w in works_nouns()):
            return True
    return False


def _own_works_noun(body: str, head: str) -> bool:
    """True when an item ends in a works noun of its own (智能电网, 汇集站) before a shared head."""
    return not body.endswith(head) and any(body.endswith(w) for w in works_nouns())


def _is_region_only(doc: Document, start: int, end: int) -> bool:
    """True when text[start:end] is covered by region mentions."""
    pos = start
    while at := mentions_at(doc, ("Region",), pos):
        pos = at[0].end
    return pos >= end


def _sentence_subject(doc: Document, pos: int) -> tuple[str, str] | None:
    """The enterprise a sentence starts with (福耀集团淘汰…,转建…项目)."""
    s = doc.sentences[doc.sentence_at(pos)]
    for m in doc.mentions:
        if m.kind == "Enterprise" and m.start == s.start and m.end <= pos:
            return m.key, doc.text[m.start:m.end]
    return None


class StageWord(NamedTuple):
    """A stage stated for a project: the stage, where its verb stands, done or aimed at."""

    stage: str
    at: int
    kind: str


def _status(doc: Document, c_start: int, p_start: int, p_end: int, c_end: int,
            own_only: bool = False) -> StageWord | None:
    """The stage of the project's own clause: the latest stated after the phrase (前期工作
    outranks the verbs around it: 加快推进前期工作 is Planned), else the last one before it,
    in its comma clause first, then in its sentence. A stage reached outranks one aimed at
    (已批准，要在适当时候开工: reached is the approval)."""
    text = doc.text
    stop = _next_stop(text, p_end, c_end)
    comma = text.find("、", p_end, stop)
    after = []
    for hi in ((comma, stop) if comma >= 0 else (stop,)):  # 甲水库大坝封顶、乙水库蓄水: each its own
        after = [m for m in _status_pattern().finditer(text, p_end, hi)
                 if not _NOT_STAGE.match(text, m.end()) and not _PHASE_WORD.fullmatch(m.group())]
        if after:
            break
    if after:
        said = [StageWord(*_stated(doc, m)) for m in after]
        planned = [w for w, m in zip(said, after) if m.group().startswith(("前期", "预研", "纳规"))]
        if planned:
            return StageWord("Planned", planned[0].at, planned[0].kind)
        reached = [w for w in said if w.kind == ACHIEVED] or said
        return max(reached, key=lambda w: STAGE_ORDER.index(w.stage))
    own = max(c_start, comma_clause_start(text, p_start))
    for lo, hi in ((own, p_start),) if own_only else ((own, p_start), (c_start, own)):
        before = [m for m in _status_pattern().finditer(text, lo, hi) if not _NOT_STAGE.match(text, m.end())]
        if before:
            return StageWord(*_stated(doc, before[-1]))
    return None


def _stated(doc: Document, verb: re.Match) -> tuple[str, int, str]:
    stage, kind = stated(doc, status_verbs()[verb.group()], verb.start(), STAGE_ORDER)
    return stage, verb.start(), kind


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# a stage verb followed by these is a measure (通车里程, 投产率), not the project's stage
_NOT_STAGE = re.compile(r"总?里程|率|量|能力|规模|时间|总?数")


@data_cache
def _edge_verbs() -> re.Pattern[str]:
    edge = [row["verb"] for row in read_tsv("status_verbs.tsv") if row.get("edge") == "y"]
    return re.compile("|".join(re.escape(v) for v in sorted(edge, key=len, reverse=True)))


def _after_stage_verb(text: str, start: int, end: int, protected: Spans) -> int:
    """A name starts after the last stage verb before it (投运甲乙工程, 建成通车甲至乙等项目)."""
    for m in _edge_verbs().finditer(text, start, end):
        if not protected.overlaps(m.start(), m.end()):
            start = m.end()
    return start


_ABSORBED = re.compile(r"(?:项目|工程)(?!管家|专班|库|化|制|部|中心|要素|经理|单位|审批|手续|资金|用地|招商|推进|谋划|储备)")
# the head is one item of a list that a later head (…等重大项目) names
@data_cache
def _listed() -> re.Pattern[str]:
    """The head is one item of a list that a later head (…等重大项目, …等5条高铁) names."""
    named = "|".join(re.escape(h) for h, needs in sorted(heads().items(), key=lambda kv: -len(kv[0])) if needs == "named")
    return re.compile(rf"[^，。；：！？,;、]{{0,20}}?(?:(?:、[^，。；：！？,;]{{1,40}}?)?等[^，。；：、,;]{{0,14}}?(?:项目|工程|{named})"
                      rf"|、[^，。；：！？,;]{{1,40}}?(?:项目|工程)等)")
_MASK = re.compile(r"[（(][^（）()，。]{1,8}段[）)]|/(?=年|日|小时)")
@data_cache
def _inner() -> re.Pattern[str]:
    """More name up to a later head in the same item: 甲河航道整治工程, 甲机场环线铁路."""
    later = [h for h, needs in heads().items() if needs == "named" and len(h) > 1]
    alternation = "|".join(re.escape(h) for h in sorted(later, key=len, reverse=True))
    free = "(?:(?![及和与])[\u4e00-\u9fff])"
    return re.compile(rf"{free}{{0,8}}?(?:(?:[与和]{free}{{1,12}}?)?(?:工程|项目)|{alternation})")
_FOLLOW_OK = re.compile(r"[^\u4e00-\u9fff]|项目|工程|等|和|及|与|建设|前期|纳")


def _ends_works(doc: Document, head: str, h_start: int, end: int) -> bool:
    """Whether a works head (铁路, 机场, 水库…) ends a name here: not inside a place name
    (防城港市), not part of a longer noun (高速公路网, 港口), not a bare word (高速)."""
    text = doc.text
    if spans(doc, "Region").overlaps(h_start, end) and spans(doc, "Region").inside(h_start, h_start + len(head)):
        return False
    if end == h_start + len(head) and _continuation().match(text, end) and not _status_pattern().match(text, end):
        return False
    if len(head) == 1 and not (_FOLLOW_OK.match(text, end) or _status_pattern().match(text, end) or end >= len(text)):
        return False
    if len(head) == 1 and h_start > 0:
        if tagged(text[h_start - 1])[0][1] == "v":
            return False  # 开港, 出港: a verb, not a port
    return True


def _stage_words(text: str) -> list[str]:
    """The stages of a text made only of stage verbs (拟竣工投产, 计划开工), else none."""
    rest = re.sub(r"^(?:拟|计划|即将|年内|今年)", "", text)
    found = [m for m in _status_pattern().finditer(rest)]
    if not found or sum(m.end() - m.start() for m in found) != len(rest):
        return []
    return [status_verbs()[m.group()] for m in found]


# what an abstract program improves (质量提升工程, 服务能力提升工程): not a works
_ABSTRACT = re.compile(r"(?:质量|水平|能力|服务|品质|效能)$")
_PHASE_WORD = re.compile(r"改扩建|扩建|迁建|改造|扩能改造")


def _stage_in(text: str, start: int, end: int) -> bool:
    """Whether a stage verb other than a works suffix (扩建, 迁建: parts of names) stands in text[start:end]."""
    return any(not _PHASE_WORD.fullmatch(m.group()) for m in _status_pattern().finditer(text, start, end))


def _strip_count(text: str) -> str:
    return _SCALE.sub("", _COUNT.sub("", text))


def _next_stop(text: str, pos: int, hi: int) -> int:
    m = re.compile(r"[，,。；;！？]").search(text, pos, hi)
    return m.start() if m else hi


