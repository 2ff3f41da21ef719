"""Facts about linked regions read from their external items (`--enrich`).

- coordinates (Wikidata P625) → `rkg:coordinates "Point(lon lat)"^^geo:wktLiteral`;
- population (P1082) → `rkg:population` as xsd:integer (a figure that is not whole is left out), the
  value with the latest point in time (P585) where several are given, that date kept as
  `rkg:pointInTime` on its statement.

Values are checked before they are written: a point must be on Earth and well formed, a
population a non-negative whole number.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..rdf import vocab as v
from .endpoint import Answer, SparqlEndpoint
from .escape import sparql_iri, values_block
from .model import WKT_LITERAL, Fact, Link

WIKIDATA_PREFIXES = """PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
"""
_NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_POINT = re.compile(rf"^\s*(?:<http://www\.wikidata\.org/entity/Q2>\s*)?Point\(\s*({_NUMBER})\s+({_NUMBER})\s*\)\s*$",
                    re.IGNORECASE)
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def coordinates_query(items: list[str]) -> str:
    return f"""{WIKIDATA_PREFIXES}SELECT ?item ?coordinates WHERE {{
  {values_block("item", [sparql_iri(i) for i in items])}
  ?item wdt:P625 ?coordinates .
}}"""


def population_query(items: list[str]) -> str:
    return f"""{WIKIDATA_PREFIXES}SELECT ?item ?population ?when WHERE {{
  {values_block("item", [sparql_iri(i) for i in items])}
  ?item wdt:P1082 ?population .
  OPTIONAL {{ ?item p:P1082 ?statement . ?statement ps:P1082 ?population ; pq:P585 ?when . }}
}}"""


def wkt_point(text: str) -> str | None:
    """`Point(lon lat)` on Earth, normalised, or None."""
    m = _POINT.match(text)
    if not m:
        return None
    lon, lat = Decimal(m.group(1)), Decimal(m.group(2))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return f"Point({m.group(1).lstrip('+')} {m.group(2).lstrip('+')})"


def population_value(text: str) -> str | None:
    """The population as an xsd:integer lexical form, or None if it is not a whole count."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number != number.to_integral_value():
        return None
    return str(int(number))


def _facts_from(answer: Answer, by_item: dict[str, list[str]], endpoint: str) -> list[Fact]:
    points: dict[str, set[str]] = {}
    populations: dict[str, set[tuple[str, str]]] = {}
    for row in answer.rows:
        item = row.get("item", {}).get("value", "")
        if "coordinates" in row:
            point = wkt_point(row["coordinates"]["value"])
            if point:
                points.setdefault(item, set()).add(point)
        if "population" in row:
            m = _DAY.match(row.get("when", {}).get("value", ""))
            populations.setdefault(item, set()).add((m.group(1) if m else "", row["population"]["value"]))
    facts: list[Fact] = []
    for item, subjects in by_item.items():
        if item in points:
            point = min(points[item])
            facts += [Fact(s, v.term("coordinates"), point, WKT_LITERAL, item, endpoint, answer.date)
                      for s in subjects]
        counted = [(when, population_value(raw)) for when, raw in populations.get(item, ())]
        counted = [(when, value) for when, value in counted if value is not None]
        if counted:  # the latest dated value, then the largest
            when, lexical = max(counted, key=lambda c: (c[0], int(c[1])))
            facts += [Fact(s, v.term("population"), lexical, v.XSD_INTEGER.value, item, endpoint, answer.date,
                           when or None)
                      for s in subjects]
    return facts


def enrich(endpoint: SparqlEndpoint, links: list[Link], batch_size: int = 50) -> list[Fact]:
    """Coordinates and population of the items that regions are linked to."""
    by_item: dict[str, list[str]] = {}
    for link in links:
        by_item.setdefault(link.item, []).append(link.subject)
    items = sorted(by_item)
    facts: list[Fact] = []
    for start in range(0, len(items), batch_size):
        batch = items[start:start + batch_size]
        subset = {i: by_item[i] for i in batch}
        for query in (coordinates_query(batch), population_query(batch)):
            facts += _facts_from(endpoint.query(query), subset, endpoint.url)
    return facts
