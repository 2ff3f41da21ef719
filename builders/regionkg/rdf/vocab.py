"""Namespaces and vocabulary terms, declared once."""
from __future__ import annotations

import re
from importlib import resources

from pyoxigraph import NamedNode

RKG = "https://w3id.org/regionkg/ontology#"
RKGR = "https://w3id.org/regionkg/resource/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OWL = "http://www.w3.org/2002/07/owl#"

# Kinds of minted resources and the path segment of their IRIs.
RESOURCE_PATHS = {
    "Report": "report",
    "Region": "region",
    "IndustrialPark": "park",
    "Enterprise": "enterprise",
    "Project": "project",
    "Industry": "industry",
    "IndustryChain": "chain",
    "Quantity": "quantity",
    "Statement": "statement",
}

# Prefixes written into Turtle and TriG: one per kind of resource keeps IRIs readable.
PREFIXES = {
    "rkg": RKG,
    "rkgr": RKGR,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "owl": OWL,
    **{path: f"{RKGR}{path}/" for path in RESOURCE_PATHS.values()},
}


ONTOLOGY_FILES = ("regionkg.ttl", "linking.ttl")     # ontology/, shipped in regionkg/data


def _declared() -> frozenset[str]:
    """The local names the ontology declares (`rkg:name` opening a description)."""
    data = resources.files("regionkg.data")
    text = "\n".join(data.joinpath(name).read_text("utf-8") for name in ONTOLOGY_FILES)
    return frozenset(re.findall(r"^rkg:([A-Za-z][\w-]*)\b", text, re.M))


TERMS = _declared()          # the ontology's vocabulary: closed, a name outside it is an error


def term(name: str) -> str:
    """The IRI of an ontology term, which must be declared in ontology/regionkg.ttl."""
    if name not in TERMS:
        raise KeyError(f"rkg:{name} is not declared in ontology/regionkg.ttl")
    return RKG + name


def rkg(name: str) -> NamedNode:
    return NamedNode(term(name))


TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")
ALT_LABEL = NamedNode(SKOS + "altLabel")
TITLE = NamedNode(DCTERMS + "title")
DATE = NamedNode(DCTERMS + "date")
DERIVED_FROM = NamedNode(PROV + "wasDerivedFrom")
STATEMENT = NamedNode(RDF + "Statement")
SUBJECT = NamedNode(RDF + "subject")
PREDICATE = NamedNode(RDF + "predicate")
OBJECT = NamedNode(RDF + "object")
XSD_DATE = NamedNode(XSD + "date")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_ANYURI = NamedNode(XSD + "anyURI")
XSD_GYEAR = NamedNode(XSD + "gYear")

LEVELS = {"country": "Country", "province": "Province", "prefecture": "Prefecture", "county": "County", "township": "Township"}
