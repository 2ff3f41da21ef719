"""Report metadata: title, date, year and the region whose government issued it.

Found as real reports write them: the title line ("(内蒙古)霍林郭勒市人民政府工作
报告(2023年1月7日)"), the meeting line ("——2023年2月23日在阿荣旗第十六届人民代表
大会…", also in Chinese numerals; "——2024年3月5日在第十四届全国人民代表大会第二次
会议上" or "（…日第十四届全国人民代表大会第一次会议通过）" for the State Council and
the NPC), publication lines ("发布时间: 2023-01-06") and a news item's date line.
The year: the date's, else the title's ("2024年…"), else a date in the opening, else the
NPC session's (`data/npc_terms.tsv`). The State Council's reports and the NPC's
resolutions, named so by their title or opening ("我代表国务院"), are the country's; a
mere mention of 国务院 is not. Values the input states (JSONL fields) win.
"""
from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..gazetteer import COUNTRY, Gazetteer
from .lexicon import data_cache, read_tsv
from .regions import RegionMatcher
from ..stages import stage

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇零○Ｏ一二三四五六七八九十]{1,4})"
_CN_DATE = rf"{_NUM}\s*年\s*{_NUM}\s*月\s*{_NUM}\s*日"
_DATE_CN = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_ORDINAL = r"[一二三四五六七八九十]{1,3}"
_MEETING = re.compile(rf"({_CN_DATE})\s*在(.{{2,30}}?)第?{_ORDINAL}届\s*人民代表大会")
# a session of the National People's Congress: 第十四届全国人民代表大会第三次会议 (term, session)
_NPC_SESSION = rf"第({_ORDINAL})届全国人民代表大会第({_ORDINAL})次[会會][议議]"
_NPC = re.compile(_NPC_SESSION)
_NPC_DATED = re.compile(rf"({_CN_DATE})在?{_NPC_SESSION}")     # the line of a report or resolution
_YEAR_DIGITS = r"(?<!\d)\d{4}(?!\d)"
_YEAR = re.compile(_YEAR_DIGITS)
_YEAR_CN = r"[〇零○Ｏ一二三四五六七八九]{4}"
_TITLE_YEAR = re.compile(rf"({_YEAR_DIGITS}|{_YEAR_CN})\s*年|[(（]({_YEAR_DIGITS})[)）]")
_TITLE_REGION = re.compile(r"(.{2,30}?)(?:人民)?政府工作报告")
_TITLE_TAGS = re.compile(r"(?<=报告)(?:_[^_\s]{1,8})+$")
# the State Council's report, given to the National People's Congress, and the NPC's
# resolution on it: the country's. In the opening, only the words of the issuing body count.
_NATIONAL = re.compile(r"国务院|全国人民代表大会")
_STATE_COUNCIL_SPEAKS = re.compile(rf"代表(?:中华人民共和国)?国务院|受国务院的?委托|根据国务院的决定|在{_NPC_SESSION}")
_YEARS = (1949, 2100)
_HEADER_CHARS = 800
_TITLE_LINES = 10


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if len(token) == 4 and "十" not in token:  # a year written digit by digit: 二〇二六
        return int("".join(str(_CN_DIGITS[c]) for c in token))
    if "十" in token:
        tens, _, units = token.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[token]


def parse_date(text: str) -> str | None:
    """The first date in `text` as YYYY-MM-DD, or None."""
    for regex in (_DATE_CN, _DATE_ISO):
        m = regex.search(text)
        if m:
            try:
                y, mo, d = (_number(g) for g in m.groups())
            except KeyError:
                continue
            if _plausible(y) and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def parse_year(text: str) -> int | None:
    """The year a stated value gives ("2025", "2025年", "2025-03-05"), or None."""
    m = _YEAR.search(text)
    return _plausible(int(m.group())) if m else None


def title_year(title: str) -> int | None:
    """The year a title names: 2024年…, 二〇二四年…, …(2024)."""
    for m in _TITLE_YEAR.finditer(title):
        token = m.group(1) or m.group(2)
        if year := _plausible(_number(token)):
            return year
    return None


def npc_session_year(text: str) -> int | None:
    """The year of the first NPC session `text` names (第十四届全国人民代表大会第三次会议: 2025)."""
    m = _NPC.search(text)
    try:
        term, session = (_number(g) for g in m.groups()) if m else (0, 0)
    except KeyError:                      # not a numeral (十十)
        return None
    first, years = npc_terms().get(term, (None, ()))
    if first is None or session < 1:
        return None
    return _plausible(years[session - 1] if session <= len(years) else first + session - 1)


@data_cache
def npc_terms() -> dict[int, tuple[int, tuple[int, ...]]]:
    """NPC term → (year of its first session, the years of its sessions where listed)."""
    return {int(row["term"]): (int(row["first_year"]),
                               tuple(int(y) for y in row.get("session_years", "").split("|") if y.strip()))
            for row in read_tsv("npc_terms.tsv")}


def _plausible(year: int) -> int | None:
    return year if _YEARS[0] <= year <= _YEARS[1] else None


def find_title(text: str) -> str | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    for line in lines[:_TITLE_LINES]:
        compact = "".join(line.split())
        if "工作报告" in compact and len(compact) <= 60 and "摄" not in compact:
            return _TITLE_TAGS.sub("", line)
    return lines[0][:200]


@stage("metadata", requires=("sentences",), assigns=("metadata",))
class ReportMetadata:
    """Pipeline stage: fill `doc.title`, `doc.date`, `doc.year` and `doc.region`."""

    def __init__(self, matcher: RegionMatcher | None = None):
        self.matcher = matcher or RegionMatcher()
        self.gaz: Gazetteer = self.matcher.gaz

    def __call__(self, doc: Document) -> Document:
        header = "".join(doc.text[:_HEADER_CHARS].split())
        meeting = _MEETING.search(header)
        doc.title = doc.title or find_title(doc.text)
        doc.date = doc.date or self._date(doc, meeting, header)
        doc.year = doc.year or self._year(doc, header)
        doc.region = doc.region or self._region(doc, meeting, header)
        return doc

    def _date(self, doc: Document, meeting: re.Match | None, header: str) -> str | None:
        if meeting:
            return parse_date(meeting.group(1))
        if doc.title and (d := parse_date(doc.title)):
            return d
        if national := _NPC_DATED.search(header):
            return parse_date(national.group(1))
        for line in doc.header_lines:
            if d := parse_date(line):
                return d
        return None

    @staticmethod
    def _year(doc: Document, header: str) -> int | None:
        """The date's year, else the title's, else a date's in the opening, else the NPC session's."""
        if doc.date:
            return int(doc.date[:4])
        if doc.title and (year := title_year(doc.title)):
            return year
        if stated := parse_date(header):
            return int(stated[:4])
        return npc_session_year(doc.title or "") or npc_session_year(header)

    def _region(self, doc: Document, meeting: re.Match | None, header: str) -> str | None:
        if meeting and (code := self._region_in(meeting.group(2))):
            return code
        if doc.title:
            m = _TITLE_REGION.search(doc.title)
            if m and (code := self._region_in(m.group(1))):
                return code
            if code := self._region_in(doc.title):
                return code
        if (_NATIONAL.search(doc.title or "") or (meeting and _NATIONAL.search(meeting.group(0)))
                or _STATE_COUNCIL_SPEAKS.search(header)):
            return COUNTRY
        return self._most_named(doc.text)

    def _region_in(self, text: str) -> str | None:
        """The most specific division named in a short text (the last of a nested run)."""
        codes = [code for _, _, code in self.matcher.matches(text, None)]
        if not codes:
            return None
        best = codes[0]
        for code in codes[1:]:
            if self.gaz.is_within(code, best):
                best = code
        return best

    def _most_named(self, text: str) -> str | None:
        codes = [code for _, _, code in self.matcher.matches(text, None)]
        if not codes:
            return None
        counts = Counter(codes)
        top = max(counts.values())
        return next(code for code in codes if counts[code] == top)
