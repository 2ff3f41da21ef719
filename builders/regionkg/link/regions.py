"""Regions → external items by division code (Wikidata P442), checked by Chinese label.

Wikidata stores a code as digit groups separated by spaces with trailing zero groups
dropped (province "15", prefecture "15 05", county "15 05 81", township "15 05 81 005"),
and for some items as plain digits ("150581", "1505", "150500"). Every form is asked for;
a candidate becomes `owl:sameAs` only if one of its zh labels is one of our names, or
equal to one after an administrative suffix (市, 盟, 旗, 县, 区, 自治区…) is removed
from both; of several candidates, a single exact one wins, otherwise none is linked.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .endpoint import SparqlEndpoint
from .escape import is_query_safe_iri, sparql_string, values_block
from .model import SAME_AS, Link
from .targets import Target

CODE_PROPERTY = "http://www.wikidata.org/prop/direct/P442"
LABEL_LANGS = ("zh", "zh-hans", "zh-cn")
_GROUPS = (2, 2, 2, 3, 3)  # province, prefecture, county, township, village digits
# longest first; one is removed at most
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "联合旗", "地区", "新区", "林区", "矿区",
            "街道", "苏木", "市", "盟", "旗", "县", "区", "州", "镇", "乡")
EXACT_SCORE = Decimal("1.0")
CORE_SCORE = Decimal("0.9")


def code_forms(code: str) -> list[str]:
    """Every form Wikidata may hold for a 6-, 9- or 12-digit division code.

    >>> code_forms("150500")
    ['15 05', '15 05 00', '1505', '150500', '150500000000']
    """
    if not re.fullmatch(r"\d{6}|\d{9}|\d{12}", code):
        return []
    full = code.ljust(12, "0")
    groups, start = [], 0
    for size in _GROUPS:
        groups.append(full[start:start + size])
        start += size
    kept = list(groups)
    while len(kept) > 1 and set(kept[-1]) == {"0"}:
        kept.pop()
    forms = [" ".join(kept), " ".join(groups[:3]) if len(code) == 6 else " ".join(kept),
             "".join(kept), code, full]
    return list(dict.fromkeys(forms))


def normalise(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def core(name: str) -> str:
    """The name without one administrative suffix; '' if less than two characters remain."""
    name = normalise(name)
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name if len(name) >= 2 else ""


def label_agreement(ours: tuple[str, ...], theirs: set[str] | list[str]) -> Decimal | None:
    """EXACT_SCORE if a label of theirs is one of our names, CORE_SCORE if they agree
    without their administrative suffixes, else None."""
    our_names = {normalise(n) for n in ours}
    their_names = {normalise(n) for n in theirs}
    if our_names & their_names:
        return EXACT_SCORE
    our_cores = {core(n) for n in our_names} - {""}
    if our_cores & {core(n) for n in their_names}:
        return CORE_SCORE
    return None


def region_query(forms: list[str]) -> str:
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?code ?item ?label WHERE {{
  {values_block("code", [sparql_string(f) for f in forms])}
  ?item <{CODE_PROPERTY}> ?code .
  OPTIONAL {{ ?item rdfs:label|skos:altLabel ?label .
             FILTER(LANG(?label) IN ({", ".join(sparql_string(lang) for lang in LABEL_LANGS)})) }}
}}"""


@dataclass
class RegionOutcome:
    links: list[Link]
    unmatched: int  # no item holds the code
    refused: int  # items hold the code but no label agrees, or several do


def link_regions(endpoint: SparqlEndpoint, regions: list[Target], batch_size: int = 40) -> RegionOutcome:
    """`owl:sameAs` links for regions whose code and label an endpoint item shares."""
    coded = [r for r in regions if r.code and code_forms(r.code)]
    links: list[Link] = []
    unmatched = refused = 0
    for start in range(0, len(coded), batch_size):
        batch = coded[start:start + batch_size]
        form_owner = {form: r for r in batch for form in code_forms(r.code or "")}
        answer = endpoint.query(region_query(sorted(form_owner)))
        # region IRI → item → (code forms it matched on, its zh labels)
        found: dict[str, dict[str, tuple[set[str], set[str]]]] = {}
        for row in answer.rows:
            region = form_owner.get(row.get("code", {}).get("value", ""))
            item = row.get("item", {})
            if region is None or item.get("type") != "uri" or not is_query_safe_iri(item.get("value", "")):
                continue
            forms, labels = found.setdefault(region.iri, {}).setdefault(item["value"], (set(), set()))
            forms.add(row["code"]["value"])
            if "label" in row:
                labels.add(row["label"]["value"])
        for region in batch:
            candidates = found.get(region.iri, {})
            if not candidates:
                unmatched += 1
                continue
            scored = {item: label_agreement(region.names, labels) for item, (_, labels) in candidates.items()}
            agreeing = {item: s for item, s in scored.items() if s is not None}
            best = max(agreeing.values(), default=None)
            winners = sorted(item for item, s in agreeing.items() if s == best)
            if len(winners) != 1:
                refused += 1
                continue
            item = winners[0]
            links.append(Link(region.iri, SAME_AS, item, "DivisionCodeMatch", best, min(candidates[item][0]),
                              endpoint.url, answer.date))
    return RegionOutcome(links, len(regions) - len(coded) + unmatched, refused)
