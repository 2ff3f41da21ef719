"""Enterprises and industries → external items by Chinese name, with a type constraint.

Our names (rdfs:label and skos:altLabel) are looked up as literals tagged zh, zh-hans and
zh-cn among the items' rdfs:label and skos:altLabel, restricted to items typed as a
company, business or enterprise (for enterprises) or as an industry or economic sector
(for industries). Each candidate gets a score:

- 1.0: its label is our label                           → skos:exactMatch
- 0.9: its label is one of our other names              → skos:closeMatch
- 0.8: one of its other names is one of our names       → skos:closeMatch

Only a single candidate at or above `min_score` becomes a link: a name two items share is
left unlinked.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from .endpoint import SparqlEndpoint
from .escape import is_query_safe_iri, sparql_literal, values_block
from .model import CLOSE_MATCH, EXACT_MATCH, Link
from .regions import LABEL_LANGS, normalise
from .targets import Target

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
# Wikidata classes: company, business, enterprise; industry, economic sector
TYPE_CLASSES = {"Enterprise": ("Q783794", "Q4830453", "Q6881511"), "Industry": ("Q8148", "Q268592")}
# an enterprise is an instance of a company class; an industry an instance or a subclass of one
TYPE_PATHS = {"Enterprise": "wdt:P31/wdt:P279*", "Industry": "(wdt:P31|wdt:P279)/wdt:P279*"}
LABEL_SCORE, OUR_ALT_SCORE, THEIR_ALT_SCORE = Decimal("1.0"), Decimal("0.9"), Decimal("0.8")
MIN_NAME_LENGTH = 2


def label_query(kind: str, names: list[str]) -> str:
    literals = [sparql_literal(name, lang) for name in names for lang in LABEL_LANGS]
    classes = " ".join(f"wd:{q}" for q in TYPE_CLASSES[kind])
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wd: <{WD}>
PREFIX wdt: <{WDT}>
SELECT DISTINCT ?name ?item ?via WHERE {{
  {values_block("name", literals)}
  {{ ?item rdfs:label ?name . BIND("label" AS ?via) }} UNION {{ ?item skos:altLabel ?name . BIND("altLabel" AS ?via) }}
  VALUES ?class {{ {classes} }}
  ?item {TYPE_PATHS[kind]} ?class .
}}"""


def score(target: Target, name: str, via: str) -> Decimal:
    if via == "label":
        return LABEL_SCORE if normalise(name) == normalise(target.label) else OUR_ALT_SCORE
    return THEIR_ALT_SCORE


@dataclass
class LabelOutcome:
    links: list[Link]
    unmatched: int  # no typed item bears any of the names
    ambiguous: int  # several items do


def link_by_label(endpoint: SparqlEndpoint, targets: list[Target], batch_size: int = 25,
                  min_score: Decimal = THEIR_ALT_SCORE) -> LabelOutcome:
    """exactMatch / closeMatch links for enterprises or industries (one kind per call)."""
    links: list[Link] = []
    unmatched = ambiguous = 0
    for start in range(0, len(targets), batch_size):
        batch = targets[start:start + batch_size]
        by_name: dict[str, list[Target]] = defaultdict(list)
        for target in batch:
            for name in dict.fromkeys(target.names):
                if len(normalise(name)) >= MIN_NAME_LENGTH:
                    by_name[name].append(target)
        if not by_name:
            unmatched += len(batch)
            continue
        kinds = {t.kind for t in batch}
        if len(kinds) != 1 or next(iter(kinds)) not in TYPE_CLASSES:
            raise ValueError(f"link_by_label takes enterprises or industries of one kind, not {sorted(kinds)}")
        answer = endpoint.query(label_query(next(iter(kinds)), sorted(by_name)))
        # target IRI → item → (score, name it matched on)
        best: dict[str, dict[str, tuple[Decimal, str]]] = defaultdict(dict)
        for row in answer.rows:
            name, item, via = (row.get(k, {}).get("value", "") for k in ("name", "item", "via"))
            if row.get("item", {}).get("type") != "uri" or not is_query_safe_iri(item):
                continue
            for target in by_name.get(name, []):
                found, known = score(target, name, via), best[target.iri].get(item)
                # the highest score, then the first name in code-point order: independent of row order
                if known is None or found > known[0] or (found == known[0] and name < known[1]):
                    best[target.iri][item] = (found, name)
        for target in batch:
            confident = {item: c for item, c in best.get(target.iri, {}).items() if c[0] >= min_score}
            if not confident:
                unmatched += 1
            elif len(confident) > 1:
                ambiguous += 1
            else:
                (item, (found_score, name)), = confident.items()
                predicate = EXACT_MATCH if found_score == LABEL_SCORE else CLOSE_MATCH
                links.append(Link(target.iri, predicate, item, "LabelMatch", found_score, name,
                                  endpoint.url, answer.date))
    return LabelOutcome(links, unmatched, ambiguous)
