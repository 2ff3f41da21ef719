"""What to link: regions, enterprises and industries read from a RegionKG graph or store."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import Store

from ..rdf import vocab as v

KINDS = ("Region", "Enterprise", "Industry")


@dataclass(frozen=True)
class Target:
    iri: str
    kind: str
    label: str  # the canonical Chinese name (rdfs:label @zh)
    alt_labels: tuple[str, ...] = ()
    code: str | None = None  # a region's division code (rkg:adcode)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


_QUERY = f"""
SELECT ?s ?label ?alt ?code WHERE {{
  ?s a <{v.RKG}KIND> ; <{v.LABEL.value}> ?label .
  FILTER(LANG(?label) = "zh")
  OPTIONAL {{ ?s <{v.ALT_LABEL.value}> ?alt . FILTER(LANG(?alt) = "zh") }}
  OPTIONAL {{ ?s <{v.RKG}adcode> ?code }}
}}"""


def read_targets(store: Store, kind: str) -> list[Target]:
    """Every resource of `kind` (Region, Enterprise or Industry) with its names, by IRI."""
    if kind not in KINDS:
        raise ValueError(f"cannot link {kind!r}: only {', '.join(KINDS)}")
    labels: dict[str, str] = {}
    alts: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, str] = {}
    for row in store.query(_QUERY.replace("KIND", kind), use_default_graph_as_union=True):
        iri = row["s"].value
        labels[iri] = min(labels.get(iri, row["label"].value), row["label"].value)  # one, deterministically
        if row["alt"] is not None:
            alts[iri].add(row["alt"].value)
        if row["code"] is not None:
            codes[iri] = row["code"].value
    return [Target(iri, kind, labels[iri], tuple(sorted(alts[iri] - {labels[iri]})), codes.get(iri))
            for iri in sorted(labels)]
