"""Quantities as reports write them: 20万吨, 54万千瓦, 1.5吉瓦, 184.8亿元, 5万平方米.

Values are multiplied out (万 ×10⁴, 亿 ×10⁸, 千 ×10³) and converted to the ontology's
unit (兆瓦 → kW ×1000); units come from `data/units.tsv`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .lexicon import data_cache, read_tsv

BARE_MULTIPLIERS = {"十万": 100_000, "百万": 1_000_000, "千万": 10_000_000, "万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str
    text: str
    start: int
    end: int

    @property
    def lexical(self) -> str:
        """The value as an xsd:decimal lexical form, without exponent or trailing zeros."""
        text = format(self.value.normalize(), "f")
        return text


@data_cache
def _units() -> dict[str, tuple[str, Decimal]]:
    return {row["word"]: (row["unit"], Decimal(row["factor"])) for row in read_tsv("units.tsv")}


@data_cache
def quantity_pattern() -> re.Pattern[str]:
    units = sorted(_units(), key=len, reverse=True)
    alternation = "|".join(re.escape(u) for u in units)
    # 千伏 (voltage) and 千瓦时 are told apart by the longest unit first; 千伏 is no unit here.
    # 2×35万千瓦 (= 70万千瓦); 百万千瓦级 and 千万吨级 (a multiplier alone before a unit and 级);
    # a rate (/年) or class (级) after the unit belongs to the quantity
    return re.compile(rf"(?:(?<![\d.])(\d+)\s*[×xX*]\s*)?(?:(?<![\d.])(\d+(?:\.\d+)?)\s*(万亿|万|亿|千|百|十)?"
                      rf"|(十万|百万|千万|万|亿)(?=(?:{alternation})级))\s*({alternation})(?![伏])(/年|/日|级)?")


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    units = _units()
    out = []
    for m in quantity_pattern().finditer(text, start, len(text) if end is None else end):
        times, number, mult, bare, word = m.group(1), m.group(2), m.group(3) or "", m.group(4), m.group(5)
        if word == "千瓦" and mult == "" and not bare and text[m.start(5) - 1:m.start(5)] == "千":
            continue
        unit, factor = units[word]
        if bare:
            value = Decimal(BARE_MULTIPLIERS[bare]) * factor
        else:
            value = Decimal(number) * MULTIPLIERS[mult] * factor
        if times:
            value *= Decimal(times)
        out.append(Quantity(value, unit, m.group(0), m.start(), m.end()))
    return out


_INVESTMENT = re.compile(r"(?:总投资|计划投资|投资总额|投资额?)(?:约|达|超过?|近|逾|为)?\s*(\d+(?:\.\d+)?)\s*(万亿|亿|万)?元")


def find_investment(text: str, start: int = 0, end: int | None = None) -> Quantity | None:
    m = _INVESTMENT.search(text, start, len(text) if end is None else end)
    if not m:
        return None
    value = Decimal(m.group(1)) * MULTIPLIERS[m.group(2) or ""]
    return Quantity(value, "Yuan", text[m.start(1):m.end()], m.start(1), m.end())
