"""The ontology declares every term the builder writes, with labels in zh and en."""
from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from conftest import EXAMPLES, ROOT
from regionkg.builder import build

RKG = "https://w3id.org/regionkg/ontology#"


def ontology():
    g = rdflib.Graph()
    g.parse(ROOT / "ontology" / "regionkg.ttl")
    return g


def test_every_term_in_a_built_graph_is_declared(pipeline):
    onto = ontology()
    declared = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(RKG)}
    g = rdflib.Graph()
    g.parse(data=build([EXAMPLES / "reports"], pipeline=pipeline).serialize().decode(), format="turtle")
    used = {t for triple in g for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(RKG)}
    assert used and used <= declared, used - declared


def test_contract_terms_have_labels_comments_domains_ranges():
    onto = ontology()
    for name in ["Report", "Region", "IndustrialPark", "Enterprise", "Project", "Industry"]:
        assert (rdflib.URIRef(RKG + name), RDF.type, OWL.Class) in onto
    for name in ["builds", "locatedIn", "inIndustry", "hasIndustry", "partOf", "upstreamOf", "aboutRegion",
                 "mentions", "status", "capacity", "investment", "value", "unit", "evidence", "startOffset",
                 "endOffset", "adcode", "level"]:
        term = rdflib.URIRef(RKG + name)
        langs = {lbl.language for lbl in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert onto.value(term, RDFS.comment) is not None, name
        assert onto.value(term, RDFS.domain) is not None and onto.value(term, RDFS.range) is not None, name
    for status in ["Planned", "Signed", "Started", "UnderConstruction", "Completed", "PartlyOperating", "Operating"]:
        assert (rdflib.URIRef(RKG + status), RDF.type, rdflib.URIRef(RKG + "ProjectStatus")) in onto
    for unit in ["Tonne", "Kilowatt", "KilowattHour", "Yuan", "SquareMetre", "Mu", "Kilometre", "Piece"]:
        assert (rdflib.URIRef(RKG + unit), RDF.type, rdflib.URIRef(RKG + "Unit")) in onto


def test_the_vocabulary_is_the_ontologys_and_closed():
    """Every rkg: term the code may name is declared in ontology/regionkg.ttl; a typo fails."""
    import pytest as _pytest
    import rdflib

    from regionkg.rdf import vocab

    g = rdflib.Graph()
    for name in vocab.ONTOLOGY_FILES:
        g.parse(ROOT / "ontology" / name)
    declared = {str(s)[len(vocab.RKG):] for s in g.subjects() if str(s).startswith(vocab.RKG)}
    assert vocab.TERMS == declared
    assert vocab.term("status") == vocab.RKG + "status"
    with _pytest.raises(KeyError, match="rkg:statu is not declared"):
        vocab.term("statu")
