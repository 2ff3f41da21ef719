"""The industrial chain model, read from data, and how a batch's industries join it.

The model is three word lists in `regionkg/data/` (described in `chains.md`), read by
the one loader, so a `--lexicon` file named like one of them extends it:

- `chains.tsv`: the chains, their names and other names;
- `chain_links.tsv`: which industries are links of which chain, and what each supplies
  (`rkg:upstreamOf`);
- `industry_broader.tsv`: kinds (`skos:broader`): 分散式风电 → 风电, a product → its class.

An industry of the batch joins the model by its canonical name (the same IRI), by a
declared kind, and is stated `rkg:partOfChain` of every chain that it or one of its
broader industries is a link of. A name that only ends in a known industry's name
(某某铝箔 → 铝箔) gives `skos:broadMatch`, which the chain queries do not follow: a
guess by name never puts an industry into a chain. Every graph carries the model itself
(chains, link industries as `skos:Concept` with labels, upstreamOf, broader), so a graph
file answers chain questions on its own.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from ..extract.lexicon import Dictionary, Lexicons, data_cache, read_tsv, shipped
from . import vocab as v
from .mint import resource

BROADER = NamedNode(v.SKOS + "broader")
BROAD_MATCH = NamedNode(v.SKOS + "broadMatch")
CONCEPT = NamedNode(v.SKOS + "Concept")
PART_OF_CHAIN = v.rkg("partOfChain")
UPSTREAM_OF = v.rkg("upstreamOf")


@dataclass(frozen=True)
class Chain:
    key: str
    label: str
    aliases: tuple[str, ...]
    english: str
    source: str

    @property
    def iri(self) -> NamedNode:
        return resource("IndustryChain", self.key)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, self.label, *self.aliases)


@dataclass(frozen=True)
class ChainModel:
    chains: tuple[Chain, ...]
    links: dict[str, tuple[str, ...]]       # industry → keys of the chains it is a link of
    supplies: dict[str, tuple[str, ...]]    # industry → industries it is upstream of
    broader: dict[str, tuple[str, ...]]     # industry → industries it is a kind of

    def chain(self, name: str) -> Chain | None:
        """The chain called `name` (its key, label or another name)."""
        for c in self.chains:
            if name in c.names:
                return c
        return None

    def kinds_of(self, industry: str) -> list[str]:
        """`industry` and every industry it is a kind of, nearest first."""
        seen, queue = [industry], [industry]
        while queue:
            for up in self.broader.get(queue.pop(0), ()):
                if up not in seen:
                    seen.append(up)
                    queue.append(up)
        return seen

    def chains_of(self, industry: str) -> list[str]:
        """Keys of the chains that `industry` is in, through its kinds."""
        return sorted({c for kind in self.kinds_of(industry) for c in self.links.get(kind, ())})

    def nodes(self) -> list[str]:
        """The model's industries: links, what they supply, and the kinds between them."""
        return list(self._nodes)

    @cached_property
    def _nodes(self) -> tuple[str, ...]:
        found = set(self.links) | {x for xs in self.supplies.values() for x in xs}
        for name in sorted(found):
            found.update(self.kinds_of(name))
        return tuple(sorted(found))

    def triples(self, named: Iterable[str] = ()) -> list[Triple]:
        """The model as RDF. Industries in `named` have their label from the reports that
        name them; the other model industries get theirs here."""
        named = set(named)
        out: list[Triple] = []
        for c in self.chains:
            out += [Triple(c.iri, v.TYPE, v.rkg("IndustryChain")),
                    Triple(c.iri, v.LABEL, Literal(c.label, language="zh"))]
            if c.english:
                out.append(Triple(c.iri, v.LABEL, Literal(c.english, language="en")))
            out += [Triple(c.iri, v.ALT_LABEL, Literal(a, language="zh")) for a in c.aliases]
        for name in self.nodes():
            out += self._describe(name, labelled=name not in named)
            out += [Triple(resource("Industry", name), UPSTREAM_OF, resource("Industry", x))
                    for x in self.supplies.get(name, ())]
        return out

    def joins(self, key: str, names: set[str], lexicons: Lexicons) -> tuple[list[Triple], set[str]]:
        """How an industry of the batch (not a model industry) joins the model: its
        declared kinds, the chains they put it in, and a name match where nothing is declared
        (the triples, and the names matched)."""
        node = resource("Industry", key)
        out = self._kinds_and_chains(key)
        kinds = self.kinds_of(key)
        matched = {m for name in sorted(names) if (m := self._name_match(name, lexicons)) and m not in kinds}
        out += [Triple(node, BROAD_MATCH, resource("Industry", m)) for m in sorted(matched)]
        return out, matched

    def extra_nodes(self, keys: Iterable[str], matched: Iterable[str] = ()) -> list[Triple]:
        """Labels and types of the industries that batch industries lead to (their declared
        kinds, the names they match) and that neither the model nor the batch holds."""
        model = set(self.nodes())
        keys = set(keys)
        reached = {up for k in keys for up in self.kinds_of(k)[1:]}
        reached |= {up for m in matched for up in self.kinds_of(m)}
        out = []
        for name in sorted(reached - model - keys):
            out += self._describe(name, labelled=True)
        return out

    def _describe(self, name: str, labelled: bool) -> list[Triple]:
        """A concept of the model: its type, its label (unless a report gives it), its kinds and chains."""
        node = resource("Industry", name)
        out = [Triple(node, v.TYPE, CONCEPT)]
        if labelled:
            out.append(Triple(node, v.LABEL, Literal(name, language="zh")))
        return out + self._kinds_and_chains(name)

    def _kinds_and_chains(self, name: str) -> list[Triple]:
        node = resource("Industry", name)
        return ([Triple(node, BROADER, resource("Industry", x)) for x in self.broader.get(name, ())]
                + [Triple(node, PART_OF_CHAIN, resource("IndustryChain", c)) for c in self.chains_of(name)])

    def _name_match(self, name: str, lexicons: Lexicons) -> str | None:
        """The industry whose name `name` ends in (its head): 某某铝箔 → 铝箔, not 铝 of 铝箔装备."""
        if len(name) < 3:
            return None
        found = [m for d in (lexicons.industries, self._node_names) if (m := d.longest_suffix(name[1:]))]
        best = max(found, key=lambda m: len(m[0]), default=None)
        return best[1] if best and best[1] != name else None

    @cached_property
    def _node_names(self) -> Dictionary:
        names = Dictionary()
        for node in self._nodes:
            names.add(node)
        return names


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x for x in cell.split("|") if x)


@data_cache
def chain_model() -> ChainModel:
    """The model from the data files (with the rows user files add); industry names are
    taken to their canonical form in the lexicon (乳制品 → 乳制品制造)."""
    canonical = shipped().industries.canonical

    def name(cell: str) -> str:
        return canonical.get(cell, cell)

    chains = tuple(Chain(r["chain"], r["label"], _split(r.get("aliases", "")), r.get("en", ""), r.get("source", ""))
                   for r in read_tsv("chains.tsv"))
    keys = {c.key for c in chains}
    links: dict[str, list[str]] = {}
    supplies: dict[str, list[str]] = {}
    for n, r in enumerate(read_tsv("chain_links.tsv"), 2):
        if r["chain"] not in keys:
            raise ValueError(f"chain_links.tsv: row {n} names the chain {r['chain']!r}, which chains.tsv lacks")
        links.setdefault(name(r["industry"]), []).append(r["chain"])
        supplies.setdefault(name(r["industry"]), []).extend(map(name, _split(r.get("supplies", ""))))
    broader: dict[str, list[str]] = {}
    for r in read_tsv("industry_broader.tsv"):
        if name(r["industry"]) != name(r["broader"]):
            broader.setdefault(name(r["industry"]), []).append(name(r["broader"]))

    def tidy(d: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        return {k: tuple(sorted(set(xs))) for k, xs in sorted(d.items()) if xs}
    return ChainModel(chains, tidy(links), tidy(supplies), tidy(broader))


@lru_cache(maxsize=1)
def vocabulary_individuals() -> tuple[Triple, ...]:
    """Labels and stage order of the ontology's status, stage-kind and unit individuals, so a graph
    can be queried and shown on its own (project-pipeline orders stages by rkg:stageOrder)."""
    data = resources.files("regionkg.data").joinpath("regionkg.ttl").read_bytes()
    triples = list(parse(data, format=RdfFormat.TURTLE))
    kinds = {v.rkg("ProjectStatus"), v.rkg("StageKind"), v.rkg("Unit")}
    individuals = {t.subject for t in triples if t.predicate == v.TYPE and t.object in kinds}
    keep = {v.TYPE, v.LABEL, v.rkg("stageOrder")}
    return tuple(t for t in triples if t.subject in individuals and t.predicate in keep)
