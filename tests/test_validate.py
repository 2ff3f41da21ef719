"""SHACL shapes and `regionkg validate`: built graphs conform, hand-broken ones do not."""
from __future__ import annotations

import pytest
import rdflib
from conftest import ROOT
from rdflib.namespace import RDF, RDFS, XSD
from regionkg.builder import build
from regionkg.cli import main
from regionkg.validation import load_files, shapes_graph, validate

RKG = rdflib.Namespace("https://w3id.org/regionkg/ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def small(pipeline, tmp_path_factory) -> rdflib.Graph:
    """The graph of the three short test reports, parsed back from Turtle."""
    path = tmp_path_factory.mktemp("small") / "g.ttl"
    path.write_bytes(build([DATA], pipeline=pipeline).serialize())
    return load_files([path])


def broken(g: rdflib.Graph, remove=(), add=()) -> rdflib.Graph:
    out = rdflib.Graph()
    for t in g:
        out.add(t)
    for t in remove:
        out.remove(t)
    for t in add:
        out.add(t)
    return out


def first(g, cls):
    return min(g.subjects(RDF.type, cls))


def shapes_of(report, focus) -> set[str]:
    return {r.shape for r in report.violations if str(focus).rsplit("/", 1)[-1] in r.focus}


def test_shapes_cover_every_class_of_the_contract():
    shapes = shapes_graph()
    targets = set(shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#targetClass")))
    for cls in ("Report", "Region", "IndustrialPark", "Enterprise", "Project", "Industry", "Quantity"):
        assert RKG[cls] in targets, cls
    assert RDF.Statement in targets
    # every shape explains itself in English and Chinese
    sh_message = rdflib.URIRef("http://www.w3.org/ns/shacl#message")
    for subject in set(shapes.subjects(sh_message, None)):
        assert {m.language for m in shapes.objects(subject, sh_message)} == {"en", "zh"}, subject


def test_a_built_graph_conforms(small):
    report = validate(small)
    assert report.conforms, report.lines()
    assert report.triples == len(small)


def test_the_corpus_graph_has_no_violations(corpus, pipeline, tmp_path):
    out = tmp_path / "corpus.ttl"
    out.write_bytes(build([corpus], pipeline=pipeline).serialize())
    report = validate([out])
    assert report.violations == [], report.lines()
    assert report.triples > 50_000  # the whole corpus was read (about 99 000 triples)


def test_a_project_with_two_labels(small):
    project = first(small, RKG.Project)
    report = validate(broken(small, add=[(project, RDFS.label, rdflib.Literal("另一个名字", lang="zh"))]))
    assert "rkgsh:Label" in shapes_of(report, project)
    (line,) = [ln for ln in report.lines() if "rkgsh:Label" in ln]
    assert "另一个名字" in line and "exactly one" in line and "中文标签" in line


def test_a_label_in_english_or_blank(small):
    industry = first(small, RKG.Industry)
    label = small.value(industry, RDFS.label)
    g = broken(small, remove=[(industry, RDFS.label, label)], add=[(industry, RDFS.label, rdflib.Literal("x", lang="en"))])
    assert "rkgsh:Label" in shapes_of(validate(g), industry)
    g = broken(small, remove=[(industry, RDFS.label, label)], add=[(industry, RDFS.label, rdflib.Literal(" ", lang="zh"))])
    assert "rkgsh:Label" in shapes_of(validate(g), industry)


def test_negative_capacity_and_unknown_unit(small):
    quantity = first(small, RKG.Quantity)
    value, unit = small.value(quantity, RKG.value), small.value(quantity, RKG.unit)
    g = broken(small, remove=[(quantity, RKG.value, value), (quantity, RKG.unit, unit)],
               add=[(quantity, RKG.value, rdflib.Literal("-5", datatype=XSD.decimal)), (quantity, RKG.unit, RKG.Furlong)])
    assert {"rkgsh:QuantityValue", "rkgsh:QuantityUnit"} <= shapes_of(validate(g), quantity)
    g = broken(small, remove=[(quantity, RKG.value, value)], add=[(quantity, RKG.value, rdflib.Literal("很多"))])
    assert "rkgsh:QuantityValue" in shapes_of(validate(g), quantity)


def test_two_statuses_or_one_not_in_the_list(small):
    project = next(p for p in sorted(small.subjects(RDF.type, RKG.Project)) if small.value(p, RKG.status))
    g = broken(small, add=[(project, RKG.status, RKG.Planned if small.value(project, RKG.status) != RKG.Planned else RKG.Signed)])
    assert "rkgsh:ProjectStatus" in shapes_of(validate(g), project)
    g = broken(small, remove=[(project, RKG.status, small.value(project, RKG.status))], add=[(project, RKG.status, RKG.Dreaming)])
    assert "rkgsh:ProjectStatus" in shapes_of(validate(g), project)


def test_a_statement_without_evidence_or_with_wrong_offsets(small):
    st = first(small, RDF.Statement)
    evidence, end = small.value(st, RKG.evidence), small.value(st, RKG.endOffset)
    assert "rkgsh:StatementEvidence" in shapes_of(validate(broken(small, remove=[(st, RKG.evidence, evidence)])), st)
    g = broken(small, remove=[(st, RKG.endOffset, end)], add=[(st, RKG.endOffset, rdflib.Literal(int(end) + 3))])
    report = validate(g)
    assert "rkgsh:StatementSpan" in shapes_of(report, st)
    assert any(f"offsets span {len(str(evidence)) + 3}" in ln for ln in report.lines())
    g = broken(small, remove=[(st, PROV.wasDerivedFrom, small.value(st, PROV.wasDerivedFrom))])
    assert "rkgsh:StatementReport" in shapes_of(validate(g), st)


def test_a_region_without_code_or_level(small):
    region = first(small, RKG.Region)
    g = broken(small, remove=[(region, RKG.adcode, small.value(region, RKG.adcode)), (region, RKG.level, None)])
    assert {"rkgsh:RegionCode", "rkgsh:RegionLevel"} <= shapes_of(validate(g), region)
    g = broken(small, remove=[(region, RKG.adcode, None)], add=[(region, RKG.adcode, rdflib.Literal("15"))])
    assert "rkgsh:RegionCode" in shapes_of(validate(g), region)


def test_a_relation_to_the_wrong_kind_of_node(small):
    enterprise = first(small, RKG.Enterprise)
    report = first(small, RKG.Report)
    g = broken(small, add=[(enterprise, RKG.builds, first(small, RKG.Region)), (report, RKG.mentions, RKG.Tonne)])
    result = validate(g)
    assert "rkgsh:Builds" in shapes_of(result, enterprise) and "rkgsh:ReportMentions" in shapes_of(result, report)


# --- the command line ---------------------------------------------------------------------

def test_validate_command_exit_codes(tmp_path, small, capsys):
    good = tmp_path / "good.nt"
    small.serialize(good, format="nt", encoding="utf-8")
    assert main(["validate", "--graph", str(good)]) == 0
    assert "0 violations" in capsys.readouterr().out
    region = first(small, RKG.Region)
    bad = tmp_path / "bad.ttl"
    broken(small, remove=[(region, RKG.adcode, None)]).serialize(bad, format="turtle", encoding="utf-8")
    assert main(["validate", "--graph", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "VIOLATION: region:" in out and "rkg:adcode" in out and "1 violation," in out
    (tmp_path / "junk.ttl").write_text("this is not turtle <", "utf-8")
    assert main(["validate", "--graph", str(tmp_path / "junk.ttl")]) == 2
    assert "junk.ttl" in capsys.readouterr().err
    assert main(["validate", "--graph", str(tmp_path / "missing.ttl")]) == 2
    assert main(["validate"]) == 2


def test_validate_a_store_and_build_with_validate(tmp_path, capsys, monkeypatch):
    store, out = tmp_path / "store", tmp_path / "g.trig"
    assert main(["build", str(DATA), "-o", str(out), "--store", str(store), "-q", "--validate"]) == 0
    assert "0 violations" in capsys.readouterr().err
    assert main(["validate", "--store", str(store)]) == 0
    assert main(["validate", "--store", str(tmp_path / "nostore")]) == 2
    # a build whose output breaks the shapes exits 3 and says why
    from regionkg import validation

    strict = shapes_graph()
    strict.parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix rkg: <https://w3id.org/regionkg/ontology#> ."
                      "<urn:x:NoStatus> a sh:PropertyShape ; sh:targetClass rkg:Project ; sh:path rkg:status ; sh:maxCount 0 .",
                 format="turtle")
    monkeypatch.setattr(validation, "shapes_graph", lambda: strict)
    capsys.readouterr()
    assert main(["build", str(DATA), "-o", str(out), "-q", "--validate"]) == 3
    assert "VIOLATION: project:" in capsys.readouterr().err
