"""Industrial parks and zones: names ending in 开发区, 高新区, 工业园区, 产业园, 集中区….

A bare 高新区 or 开发区 is the report region's own (霍林郭勒高新区); coordinated
names share their suffix (科尔沁综合物流、空港物流和木里图工业物流园区 are three
parks). Generic ones (智慧园区, 旗县特色产业园区, 各旗县市…) are left out.
"""
from __future__ import annotations

import re

from ..document import Document, Mention
from ..gazetteer import Gazetteer
from .common import Spans, spans, stands_alone
from .lexicon import Lexicons, shipped, words
from ..nlp import segment
from .phrases import CLAUSE_STOPS, is_generic, left_edge, split_list, strip_quotes, tagged

SUFFIX = re.compile(
    r"高新技术产业开发区|经济技术开发区|经济开发区|循环经济园区|工业园区|产业园区|物流园区|示范园区|"
    r"开发区|高新区|工业园|产业园(?!区)|集中区|工矿区|总部基地|特别合作区|合作区|综合保税区|保税区|"
    r"产业示范区|示范区|综合试验区|试验区|先导区|科学城|科技城|科创城|产业基地|经济园"
)
# zones that take a list of places or industries before them, each item a park of its own
_LIST_HEADS = ("园区", "园", "产业基地", "示范区", "科创城", "科技城", "科学城")
BARE = {"开发区", "高新区", "经济技术开发区", "经济开发区", "高新技术产业开发区"}
_BAD = re.compile(r"^[各等该本这此一]|[的了]")
_CATEGORY = re.compile(r"^[\d一二三四五六七八九十两几]+个|[\d一二三四五六七八九十两几]+[家所批]|等|^以|^和|^运营|清廉|理顺|^创新$|国家|省级|省域|^省|市级|县级|"
                       r"自治区级|新一轮|更多|若干|跨|以上|密集型|特色|专业|示范|改革$|集群$|^产业$|^自贸$|^自由贸易$|境外|沿边|世界级|全国(?!最大|首个|首家|领先)|^新型|一体化")
# zones an aim describes rather than names (打造国内领先的某某产业基地)
_DESCRIBED = ("产业基地", "示范区", "产业示范区")
# pilot zones are parks when their name says what economy they hold (某某产业先导区, 某地转型综改示范区),
# not policy zones (某某富裕示范区, 某某一体化发展示范区)
_PILOT_ZONES = ("示范区", "试验区", "先导区", "合作区")
_ECONOMY_WORD = re.compile(r"产业|工业|经济|科技|数字|数据|转型|综改|贸易|物流|制造|高质量发展")
# a count after the suffix (新增某某先导区10个) counts a kind of zone; 园中园 is a kind of park
_COUNT_AFTER = re.compile(r"[\d一二三四五六七八九十两几]+[个家]|中园")
# 建设一批某某产业园: parks of a kind
_MANY_BEFORE = re.compile(r"一批|多个|若干|一系列")
# a pilot zone that the region bids for is a designation, not a park yet (争创某某示范区)
_BID = re.compile(r"争创|创建|申建|申报|争取|创成")
# a count and a scale between a list of places or industries and the shared suffix (4个千亿级…)
_COUNT_SCALE = re.compile(r"[\d一二三四五六七八九十两几]+[个大][\d.]*[十百千万亿]*(?:元|亿元)?级?$")
MAX_NAME = 40
# the suffixes of one park, whose name a generic word can make when the text repeats it (低碳产业园)
# what an aim says of a park before its name (建成全国最大某某产业园)
_SUPERLATIVE = re.compile(r"(?:全国|国内|全省|全区|全市|亚洲|世界|全球|北方|西部|东北)(?:最大|首个|首家|领先|一流)(?:的)?")
_KIND_BEFORE = re.compile(r"国家|省级|市级|县级|自治区级|各|[\d一二三四五六七八九十两几]+[个家所批]|新建|创建|争创")
_NAMED_SUFFIXES = ("产业园", "工业园", "产业园区", "工业园区", "开发区", "高新区", "集中区")
# a verb left before a park suffix is no name (发挥高新区…); 如意 is a name though jieba calls it a verb
_VERB_BODIES = frozenset(w for w in words("name_boundaries.tsv"))


_DEVELOP = "发展"
_HOW = re.compile(r"(?:高质量|融合|创新|协同|绿色|集群化|一体化)+$")  # 某某产业融合发展, 某某高质量发展


def past_develop(text: str, start: int, floor: int, lex: Lexicons, protected: Spans, stops, bare: bool = False) -> int:
    """Move a name's start back over 发展 when an industry stands right before it: 发展 is then
    part of the name (某某产业发展集团, 某某产业融合发展试验区), not its verb; and over
    某某高质量发展 right before a zone's suffix (`bare`: 某地某某高质量发展综合试验区)."""
    floor = max(0, floor)
    while start - len(_DEVELOP) > floor and text.startswith(_DEVELOP, start - len(_DEVELOP)):
        raw = text[max(0, floor, start - 14):start - len(_DEVELOP)]
        before = _HOW.sub("", raw)
        if not before or not (before.endswith("产业") or lex.industries.longest_suffix(before)
                              or any(e == len(before) for _, e, _ in lex.industries.find(before))
                              or (bare and before != raw)):
            break
        start = left_edge(text, start - len(_DEVELOP), start - len(_DEVELOP) - floor, protected, stops, lists=True)
        bare = False
    return start


def _lead_verb(phrase: str) -> int:
    """The length of a verb that opens a longer phrase (设立某地某某试验区): not part of the name
    when a place follows it."""
    tokens = tagged(phrase)
    if len(tokens) > 1 and len(tokens[0][0]) == 2 and tokens[0][1] == "v" and len(phrase) - 2 >= 4 \
            and segment.in_dictionary(tokens[0][0]) and tokens[0][0] not in _VERB_BODIES:
        return 2
    return 0


def _word_start(text: str, pos: int) -> int:
    """Where the word of the segmentation that holds text[pos] starts."""
    lo = max(0, pos - 8)
    at = lo
    for token in segment.cut(text[lo:pos + 8], hmm=False):
        if at + len(token) > pos:
            return at
        at += len(token)
    return pos


def _covered(doc: Document, start: int, end: int) -> bool:
    """text[start:end] (spaces aside) is a run of region mentions."""
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    pos = start
    while pos < end:
        at = [r for r in doc.mentions if r.kind == "Region" and r.start == pos and r.end <= end]
        if not at:
            return False
        pos = at[0].end
    return pos == end and end > start


def short_name(gaz: Gazetteer, code: str) -> str:
    div = gaz.divisions[code]
    return min((a for a in div.aliases if len(a) >= 2), key=len, default=div.name)


def _same_kind(bodies: list[str]) -> bool:
    """Coordinated park names share their suffix: A物流、B物流和C工业物流园区."""
    last = bodies[-1]
    return all(b and last and b[-1] == last[-1] for b in bodies[:-1])


class ParkMentions:
    """Pipeline stage: `IndustrialPark` mentions (key = canonical name)."""

    name = "parks"

    def __init__(self, gazetteer: Gazetteer, lexicons: Lexicons | None = None):
        self.gaz = gazetteer
        self.lex = lexicons or shipped()

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        protected = spans(doc, "Region", "Enterprise")
        taken = Spans()
        for m in SUFFIX.finditer(text):
            if taken.overlaps(m.start(), m.end()) or self._continues(text, m.end()):
                continue
            start = self._start(text, m.start(), protected)
            phrase = text[start:m.start()]
            if m.group() in _DESCRIBED and text[start - 1:start] == "的":
                continue
            if _COUNT_AFTER.match(text, m.end()) or _MANY_BEFORE.search(text, max(0, start - 4), start):
                continue
            if m.group().endswith(_PILOT_ZONES) and (not (_ECONOMY_WORD.search(phrase) or self.lex.industries.find(phrase))
                                                      or _BID.search(text, max(0, start - 6), start)):
                continue
            again = bool(phrase.strip()) and self._named_again(text, strip_quotes(phrase), m)
            if phrase.strip() and is_generic(strip_quotes(phrase)) and m.group() not in BARE and not again:
                continue
            if not phrase.strip():
                # a bare 高新区 is the report region's own; a province's reports speak of zones in general
                if m.group() in BARE and doc.region and self.gaz.divisions[doc.region].level != "province":
                    name = short_name(self.gaz, doc.region) + m.group()
                    self._add(doc, m.start(), m.end(), name, {m.group()})
                continue
            parts = split_list(text, phrase, start, protected)
            if not m.group().endswith(_LIST_HEADS):
                # 甲市和乙高新区: a place before a conjunction is no part of the name
                parts = parts[-1:] if all(_covered(doc, s, s + len(p)) for s, p in parts[:-1]) else [(start, phrase)]
            if len(parts) > 1 and self._shared(doc, parts, m):
                taken.add(start, m.end())
                continue
            head = "园区" if m.group().endswith("园区") else "园" if m.group().endswith("园") else m.group()
            if "各" in text[max(0, start - 5):start]:  # 各旗县市…产业园: a kind of park, not one
                parts = parts[1:]
            if not parts:
                continue
            lead = m.group()[: len(m.group()) - len(head)]
            if len(parts) > 1 and not _same_kind([strip_quotes(p) for _, p in parts[:-1]] + [strip_quotes(parts[-1][1]) + lead]):
                parts = parts[-1:]  # 云端智慧通辽和开发区云计算产业园: only the last is a park
            for i, (p_start, piece) in enumerate(parts):
                last = i == len(parts) - 1
                lead_words = _SUPERLATIVE.match(piece)
                if lead_words and len(piece) - lead_words.end() >= 2:  # 全国最大某某产业园: 某某产业园
                    p_start, piece = p_start + lead_words.end(), piece[lead_words.end():]
                body = strip_quotes(piece)
                if not body or "、" in body or _BAD.search(body) or (is_generic(body) and not again) \
                        or body in _VERB_BODIES:
                    continue
                if _CATEGORY.search(body):
                    continue  # 国家现代农业产业园, 省级开发区, 创建…产业园: kinds of parks
                if not last and (len(body) < 2 or is_generic(body)):
                    continue
                name = body + (m.group() if last else head)
                if (is_generic(name) and not again) or name in BARE:
                    continue
                end = m.end() if last else p_start + len(piece)
                self._add(doc, p_start, end, name, set())
            taken.add(start, m.end())
        for start, end, canonical in self.lex.parks.find(text):
            if not taken.overlaps(start, end):
                self._add(doc, start, end, canonical, {text[start:end]})
        self._drop_shared_names(doc)
        return doc

    def _drop_shared_names(self, doc: Document) -> None:
        """What the parks of a list share (现代农牧业示范园区 of 甲县、乙县…) names them all when
        it stands alone in the same text, not one more park."""
        shared = doc.__dict__.pop("_shared_park_names", set())
        drop = {key for key in shared if ("IndustrialPark", key) in doc.entities}
        if drop:
            for key in drop:
                del doc.entities[("IndustrialPark", key)]
            doc.mentions[:] = [m for m in doc.mentions if not (m.kind == "IndustrialPark" and m.key in drop)]

    def _start(self, text: str, end: int, protected: Spans) -> int:
        """Where a park's name ending at `end` starts: a bracketed place belongs to it
        (西部（某市）科学城), and so does 发展 after an industry (某某产业融合发展试验区); a
        one-character boundary inside a word does not cut it (由 in 自由贸易)."""
        start = left_edge(text, end, MAX_NAME, protected, CLAUSE_STOPS, lists=True)
        if start >= 1 and start < end and text[start - 1] in _VERB_BODIES and not stands_alone(text, start - 1, start):
            start = _word_start(text, start - 1)
        if start > 0 and text[start - 1] in "）)":  # 中国（某省）自由贸易试验区, 西部（某市）科学城
            opening = max(text.rfind("（", max(0, start - 12), start), text.rfind("(", max(0, start - 12), start))
            if opening > 0:
                before = left_edge(text, opening, MAX_NAME, protected, CLAUSE_STOPS, lists=True)
                start = before if before < opening else start
        else:
            start = past_develop(text, start, end - MAX_NAME, self.lex, protected, CLAUSE_STOPS, bare=start == end)
        bid = _BID.match(text, start)
        if bid:
            return bid.end()  # 申建某某试验区: the verb is not the name (and marks a bid)
        lead = _lead_verb(text[start:end])
        return start + lead if lead and protected.overlaps(start + lead, start + lead + 1) else start

    def _shared(self, doc: Document, parts: list[tuple[int, str]], m: re.Match) -> bool:
        """甲县、乙县现代农牧业示范园区 (places) or 甲、乙和丙4个产业园区 (items naming an industry,
        before a count): every item is a park with the shared suffix. Returns whether the list was taken so."""
        text = doc.text
        last_start, last = parts[-1]
        items = [(s, strip_quotes(p).strip()) for s, p in parts]
        if any(not b for _, b in items):
            return False
        regions = spans(doc, "Region")
        if all(_covered(doc, s, s + len(p)) for s, p in parts[:-1]):
            # places: the last item is a place too, then what they share (现代农牧业)
            lead = next((r.end for r in doc.mentions if r.kind == "Region" and r.start == last_start), None)
            if lead is None:
                return False
            shared = _COUNT_SCALE.sub("", text[lead:m.start()]).lstrip("的")
            shared = re.sub(r"^[\d一二三四五六七八九十两几]+[个大]", "", shared)
            if is_generic(shared + m.group()) or _CATEGORY.search(shared) or _BAD.search(shared):
                return False
            doc.__dict__.setdefault("_shared_park_names", set()).add(shared + m.group())
            for s, p in parts[:-1]:
                body = strip_quotes(p).strip()
                self._add(doc, s, s + len(p), body + shared + m.group(), {shared + m.group()}, keep_region=True)
            self._add(doc, last_start, m.end(), text[last_start:lead] + shared + m.group(), {shared + m.group()},
                      keep_region=True)
            return True
        industries = self.lex.industries
        last_body = _COUNT_SCALE.sub("", items[-1][1])
        bodies = [b for _, b in items[:-1]] + [last_body]
        if last_body != items[-1][1] and all(b in industries or industries.find(b) for b in bodies) \
                and not regions.overlaps(parts[0][0], m.start()):
            for (s, _), body in zip(items, bodies):
                self._add(doc, s, s + len(body), body + m.group(), {body})
            return True
        return False

    @staticmethod
    def _named_again(text: str, body: str, m: re.Match) -> bool:
        """A generic word before the suffix of one park (低碳产业园) names a park when the text
        comes back to that same name elsewhere, standing on its own: then it is the name of one
        place, not a kind (智慧园区 once, 特色产业园区 in a list of aims)."""
        if m.group() not in _NAMED_SUFFIXES or len(body) > 4:
            return False
        name = body + m.group()
        at = [i.start() for i in re.finditer(re.escape(name), text)]
        before = [text[left_edge(text, i, 6):i] for i in at]
        return len(at) >= 2 and not any(_KIND_BEFORE.search(b) or _MANY_BEFORE.search(b) for b in before)

    @staticmethod
    def _continues(text: str, pos: int) -> bool:
        """True when a longer park name goes on after this suffix (开发区综合物流园区); not when
        a verb comes first (某开发区列入全国某某开发区百强: the name ends before the verb)."""
        end = pos
        while end < len(text) and end - pos < 14 and text[end] not in CLAUSE_STOPS and text[end] not in "、和及与":
            end += 1
        nxt = SUFFIX.search(text, pos, end)
        if nxt is None:
            return False
        first = tagged(text[pos:nxt.start()])[:1]
        return not (first and first[0][1] == "v" and len(first[0][0]) >= 2)

    def _add(self, doc: Document, start: int, end: int, name: str, other: set[str], keep_region: bool = False) -> None:
        # a region in front is where the park is, not its name (呼和浩特如意工业园区 → 如意工业园区),
        # unless nothing but a bare suffix would be left (霍林郭勒高新区), or the parks of a list
        # differ only by their places (甲县、乙县现代农牧业示范园区)
        full, pos = name, start
        for r in sorted((m for m in doc.mentions if m.kind == "Region" and m.start >= start and not keep_region),
                        key=lambda m: m.start):
            if r.start != pos:
                break
            div = self.gaz.divisions[r.key]
            if div.level not in ("province", "prefecture") and doc.text[r.start:r.end] != div.name:
                break  # 科尔沁牛业产业园: a county's short form is part of the name
            rest = full[r.end - start:]
            if rest in BARE or len(rest) < 4 or SUFFIX.fullmatch(rest):
                break
            pos, name = r.end, rest
        if name != full:
            other = other | {full}
        ent = doc.entity("IndustrialPark", name, name)
        ent.alt_labels.update(o for o in other if o != name)
        doc.mentions.append(Mention(start, end, "IndustrialPark", name, doc.sentence_at(start)))
