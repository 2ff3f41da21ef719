"""The industrial chain model (ontology/chains.ttl) and how extracted industries join it.

The model's industries carry the IRIs the builder mints from canonical lexicon names,
so an extracted 电解铝 is the model's 电解铝. An industry with another name joins the
chain of the member whose name is part of its own (高端铝箔 → 铝箔, in the aluminium
chain): rkg:partOfChain for each of that member's chains and skos:broadMatch the member.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from . import vocab as v
from .mint import resource

BROAD_MATCH = NamedNode(v.SKOS + "broadMatch")


@dataclass(frozen=True)
class ChainModel:
    triples: tuple[Triple, ...]
    member_names: dict[str, NamedNode]         # member industry name → IRI
    member_chains: dict[NamedNode, tuple[NamedNode, ...]]
    chain_names: dict[str, NamedNode]          # chain label or alt label (without 产业链) → chain

    def links(self, industry: NamedNode, names: set[str]) -> list[Triple]:
        """partOfChain and broadMatch triples that join an extracted industry to the model."""
        if industry in self.member_chains:
            return []
        out: list[Triple] = []
        member = self._member_within(names)
        chains: set[NamedNode] = set()
        if member is not None:
            out.append(Triple(industry, BROAD_MATCH, member))
            chains.update(self.member_chains.get(member, ()))
        for name in names:
            for label, chain in self.chain_names.items():
                if len(label) >= 2 and label in name:
                    chains.add(chain)
        out.extend(Triple(industry, v.rkg("partOfChain"), c) for c in sorted(chains, key=str))
        return out

    def _member_within(self, names: set[str]) -> NamedNode | None:
        best = None
        for name in names:
            for label, iri in self.member_names.items():
                if len(label) >= 2 and label in name and (best is None or len(label) > len(best[0])):
                    best = (label, iri)
        return best[1] if best else None


@lru_cache(maxsize=1)
def chain_model() -> ChainModel:
    data = resources.files("regionkg.data").joinpath("chains.ttl").read_bytes()
    triples = [t for t in parse(data, format=RdfFormat.TURTLE)]
    extra: list[Triple] = []
    member_chains: dict[NamedNode, list[NamedNode]] = {}
    members: set[NamedNode] = set()
    chain_names: dict[str, NamedNode] = {}
    for t in triples:
        if t.predicate == v.rkg("partOfChain"):
            member_chains.setdefault(t.subject, []).append(t.object)
            members.add(t.subject)
        elif t.predicate == v.rkg("upstreamOf"):
            members.update((t.subject, t.object))
        elif t.predicate in (v.LABEL, v.ALT_LABEL) and t.subject.value.startswith(resource("IndustryChain", "x").value[:-1]):
            if t.object.language == "zh":
                chain_names[t.object.value.removesuffix("产业链")] = t.subject
    names = {}
    for m in sorted(members, key=str):
        name = unquote(m.value.rsplit("/", 1)[1])
        names[name] = m
        extra += [Triple(m, v.TYPE, v.rkg("Industry")), Triple(m, v.LABEL, Literal(name, language="zh"))]
    return ChainModel(tuple(triples + extra), names,
                      {k: tuple(sorted(vs, key=str)) for k, vs in member_chains.items()}, chain_names)


@lru_cache(maxsize=1)
def vocabulary_individuals() -> tuple[Triple, ...]:
    """Labels and stage order of the ontology's status and unit individuals, so a graph
    can be queried and shown on its own (project-pipeline orders stages by rkg:stageOrder)."""
    data = resources.files("regionkg.data").joinpath("regionkg.ttl").read_bytes()
    triples = list(parse(data, format=RdfFormat.TURTLE))
    kinds = {v.rkg("ProjectStatus"), v.rkg("Unit")}
    individuals = {t.subject for t in triples if t.predicate == v.TYPE and t.object in kinds}
    keep = {v.TYPE, v.LABEL, v.rkg("stageOrder")}
    return tuple(t for t in triples if t.subject in individuals and t.predicate in keep)
