"""Report metadata: title, date and the region whose government issued it.

Found as real reports write them: the title line ("(内蒙古)霍林郭勒市人民政府工作
报告(2023年1月7日)"), the meeting line ("——2023年2月23日在阿荣旗第十六届人民代表
大会…", also in Chinese numerals), publication lines ("发布时间: 2023-01-06") and a
news item's date line. Values the input states (JSONL fields) win.
"""
from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..gazetteer import COUNTRY, Gazetteer
from .regions import RegionMatcher
from ..stages import stage

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(?:\d{1,4}|[〇零○Ｏ一二三四五六七八九十]{1,4})"
_DATE_CN = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_MEETING = re.compile(
    rf"({_NUM}\s*年\s*{_NUM}\s*月\s*{_NUM}\s*日)\s*在(.{{2,30}}?)第?[一二三四五六七八九十]+届\s*人民代表大会"
)
_TITLE_REGION = re.compile(r"(.{2,30}?)(?:人民)?政府工作报告")
_TITLE_TAGS = re.compile(r"(?<=报告)(?:_[^_\s]{1,8})+$")
# the State Council's report, given to the National People's Congress: the country's
_NATIONAL = re.compile(r"国务院|全国人民代表大会")
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
            if 1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


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
    """Pipeline stage: fill `doc.title`, `doc.date` and `doc.region`."""


    def __init__(self, matcher: RegionMatcher | None = None):
        self.matcher = matcher or RegionMatcher()
        self.gaz: Gazetteer = self.matcher.gaz

    def __call__(self, doc: Document) -> Document:
        header = "".join(doc.text[:_HEADER_CHARS].split())
        meeting = _MEETING.search(header)
        doc.title = doc.title or find_title(doc.text)
        doc.date = doc.date or self._date(doc, meeting)
        doc.region = doc.region or self._region(doc, meeting)
        return doc

    def _date(self, doc: Document, meeting: re.Match | None) -> str | None:
        if meeting:
            return parse_date(meeting.group(1))
        if doc.title and (d := parse_date(doc.title)):
            return d
        for line in doc.header_lines:
            if d := parse_date(line):
                return d
        return None

    def _region(self, doc: Document, meeting: re.Match | None) -> str | None:
        if meeting and (code := self._region_in(meeting.group(2))):
            return code
        if doc.title:
            m = _TITLE_REGION.search(doc.title)
            if m and (code := self._region_in(m.group(1))):
                return code
            if code := self._region_in(doc.title):
                return code
        if _NATIONAL.search(doc.title or "") or (meeting and _NATIONAL.search(meeting.group(0))):
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
