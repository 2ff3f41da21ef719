"""End to end: the `regionkg build` command, output formats, determinism, bad files."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from regionkg.builder import build
from regionkg.cli import main

RKG = rdflib.Namespace("https://w3id.org/regionkg/ontology#")
RKGR = "https://w3id.org/regionkg/resource/"


def parse(path, fmt="turtle"):
    g = rdflib.Graph() if fmt != "trig" else rdflib.Dataset()
    g.parse(path, format=fmt)
    return g


def test_examples_build_into_a_graph_that_follows_the_contract(tmp_path, examples_dir=None):
    from conftest import EXAMPLES

    out = tmp_path / "g.ttl"
    assert main(["build", str(EXAMPLES / "reports"), "-o", str(out), "-q"]) == 0
    g = parse(out)
    reports = set(g.subjects(RDF.type, RKG.Report))
    assert len(reports) == 5
    for r in reports:
        assert g.value(r, RKG.aboutRegion) is not None and g.value(r, DCTERMS.date) is not None
    region = rdflib.URIRef(RKGR + "region/150581")
    assert str(g.value(region, RDFS.label)) == "霍林郭勒市" and g.value(region, RDFS.label).language == "zh"
    assert str(g.value(region, RKG.adcode)) == "150581"
    assert g.value(region, RKG.level) == RKG.County
    # partOf up to the province
    assert g.value(region, RKG.partOf) == rdflib.URIRef(RKGR + "region/150500")
    assert g.value(rdflib.URIRef(RKGR + "region/150500"), RKG.partOf) == rdflib.URIRef(RKGR + "region/150000")
    assert "霍林郭勒" in {str(x) for x in g.objects(region, SKOS.altLabel)}


def test_mentions_carry_evidence_with_exact_offsets(tmp_path, corpus, pipeline):
    result = build([corpus / "seeds"], pipeline=pipeline)
    out = tmp_path / "seeds.ttl"
    out.write_bytes(result.serialize())
    g = parse(out)
    texts = {}
    for src in (corpus / "seeds").iterdir():
        from regionkg.ingest.sources import read_sources

        for s in read_sources(src)[0]:
            texts[RKGR + "report/" + s.id] = pipeline(pipeline.document(s)).text
    statements = list(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) > 50
    for st in statements:
        report = str(g.value(st, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
        start, end = int(g.value(st, RKG.startOffset)), int(g.value(st, RKG.endOffset))
        assert texts[report][start:end] == str(g.value(st, RKG.evidence))
        triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        if triple[1] in (RKG.status, RKG.targetStatus):
            # each report's stage of a project: said as done or as a target, not asserted (the
            # graph states the latest status once)
            assert g.value(st, RKG.stageKind) in (RKG.Achieved, RKG.Target)
        else:   # the reified triple is in the graph
            assert triple in g


def test_output_is_byte_identical_across_runs_and_input_orders(tmp_path, corpus):
    seeds = sorted((corpus / "seeds").iterdir())
    outs = []
    for i, order in enumerate([seeds, list(reversed(seeds)), seeds]):
        out = tmp_path / f"o{i}.ttl"
        assert main(["build", *map(str, order), "-o", str(out), "-q"]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_ntriples_and_trig_hold_the_same_triples(tmp_path, corpus):
    src = str(corpus / "seeds" / "003_58d60768b51bfc0c.txt")
    for fmt, suffix in (("turtle", "ttl"), ("nt", "nt"), ("trig", "trig")):
        assert main(["build", src, "-o", str(tmp_path / f"g.{suffix}"), "-q"]) == 0
    ttl, nt = parse(tmp_path / "g.ttl"), parse(tmp_path / "g.nt", "nt")
    assert set(ttl) == set(nt)
    ds = parse(tmp_path / "g.trig", "trig")
    report_graphs = [c for c in ds.graphs() if str(c.identifier).startswith(RKGR + "report/")]
    assert len(report_graphs) == 10  # one named graph per news item
    assert {t for c in ds.graphs() for t in c} == set(ttl)


def test_a_bad_file_is_named_and_skipped_and_the_rest_built(tmp_path, capsys):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n推进项目建设。\n", "utf-8")
    bad = tmp_path / "in" / "bad.txt"
    bad.write_bytes(b"%PDF-1.4 binary")
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "in"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "bad.txt" in err and "PDF" in err and "1 skipped" in err
    assert len(set(parse(out).subjects(RDF.type, RKG.Report))) == 1


def test_nothing_buildable_exits_non_zero_and_leaves_old_output(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "g.ttl"
    out.write_text("old", "utf-8")
    assert main(["build", str(bad), str(tmp_path / "nope.txt"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "nope.txt" in err
    assert out.read_text("utf-8") == "old"


@pytest.mark.skipif(shutil.which("regionkg") is None, reason="console script not installed")
def test_console_script_runs(tmp_path):
    from conftest import EXAMPLES

    out = tmp_path / "g.ttl"
    run = subprocess.run(["regionkg", "build", str(EXAMPLES / "reports"), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "5 reports" in run.stderr and out.stat().st_size > 0


EXTRACTED = {"builds", "locatedIn", "inIndustry", "hasIndustry", "status", "capacity", "investment"}


def _names(g, node):
    return [str(x) for x in list(g.objects(node, RDFS.label)) + list(g.objects(node, SKOS.altLabel))]


def test_every_extracted_triple_is_grounded_in_its_evidence(tmp_path, corpus, pipeline):
    """Subject and object of each extracted triple appear in the evidence (or are the report's region,
    or hold two regions the evidence names: a route's ends); a project of a list appears by its
    first words, since the list shares its head (A、B等铁路项目)."""
    result = build([corpus / "seeds"], pipeline=pipeline)
    g = rdflib.Graph()
    g.parse(data=result.serialize().decode(), format="turtle")
    prov = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    checked = 0
    for st in g.subjects(RDF.type, RDF.Statement):
        pred = str(g.value(st, RDF.predicate)).rsplit("#", 1)[-1]
        if pred not in EXTRACTED:
            continue
        evidence = str(g.value(st, RKG.evidence))
        plain = "".join(ch for ch in evidence if ch not in "“”‘’\"'")  # names drop quotation marks
        own_region = g.value(g.value(st, prov), RKG.aboutRegion)
        for node in (g.value(st, RDF.subject), g.value(st, RDF.object)):
            if node == own_region or not isinstance(node, rdflib.URIRef) or str(node).startswith(str(RKG)):
                continue
            if (node, RDF.type, RKG.Quantity) in g:
                assert str(g.value(node, RKG.sourceText)) in evidence
                continue
            names = _names(g, node)
            if (node, RDF.type, RKG.Region) in g and not any(n in plain for n in names):
                # a route lies in the smallest region holding both ends, named there by them
                inner = [r for r in g.subjects(RDF.type, RKG.Region)
                         if any(n in plain for n in _names(g, r)) and node in g.transitive_objects(r, RKG.partOf)]
                assert len(inner) >= 2, (pred, names, evidence)
                continue
            assert any(n in plain or n[:3] in plain for n in names), (pred, names, evidence)
            checked += 1
    assert checked > 200


def test_one_node_for_the_same_entity_across_reports(tmp_path, pipeline):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n内蒙古创源金属有限公司投资建设创源20万吨高端铝箔项目，年内开工建设。\n", "utf-8")
    b.write_text("(内蒙古)霍林郭勒市人民政府工作报告(2024年1月9日)\n创源20万吨高端铝箔项目建成投产，壮大铝基新材料产业集群。\n", "utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(a), str(b), "-o", str(out), "-q"]) == 0
    g = parse(out)
    enterprises = list(g.subjects(RDF.type, RKG.Enterprise))
    projects = list(g.subjects(RDF.type, RKG.Project))
    assert len(enterprises) == 1 and len(projects) == 1
    assert len(list(g.objects(enterprises[0], RDFS.label))) == 1
    assert "内蒙古创源金属有限公司" in _names(g, enterprises[0])
    reports = set(g.subjects(RDF.type, RKG.Report))
    assert {r for r in reports if (r, RKG.mentions, projects[0]) in g} == reports


def test_lexicon_flag_on_the_command_line(tmp_path, capsys):
    src = tmp_path / "r.txt"
    src.write_text("库伦旗人民政府工作报告(2024年1月5日)\n库伦旗做强荞麦精深加工，支持塞北粮油扩大生产。\n", "utf-8")
    lex = tmp_path / "lex.tsv"
    lex.write_text("kind\tname\taliases\nEnterprise\t塞北粮油\t\n", "utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(src), "-o", str(out), "-q"]) == 0
    assert not list(parse(out).subjects(RDF.type, RKG.Enterprise))
    assert main(["build", str(src), "-o", str(out), "-q", "--lexicon", str(lex)]) == 0
    (ent,) = parse(out).subjects(RDF.type, RKG.Enterprise)
    assert _names(parse(out), ent) == ["塞北粮油"]
    assert main(["build", str(src), "-o", str(out), "--lexicon", str(tmp_path / "missing.tsv")]) == 2
    assert "missing.tsv" in capsys.readouterr().err


def test_the_whole_corpus_builds_every_report_with_region_and_date(tmp_path, corpus, pipeline):
    result = build([corpus], pipeline=pipeline)
    assert result.errors == [] and result.files == 32 and [p.name for p in result.passed_over] == ["SOURCES.md"]
    g = rdflib.Graph()
    g.parse(data=result.serialize().decode(), format="turtle")
    reports = set(g.subjects(RDF.type, RKG.Report))
    assert len(reports) == 41
    assert all(g.value(r, RKG.aboutRegion) is not None and g.value(r, DCTERMS.date) is not None for r in reports)
    # the news item that names no place gets its region from the park another item places
    ruyi = rdflib.URIRef(RKGR + "report/003_58d60768b51bfc0c-3")
    assert g.value(ruyi, RKG.aboutRegion) == rdflib.URIRef(RKGR + "region/150100")
    for kind in ("Enterprise", "IndustrialPark", "Industry", "Project"):
        assert len(set(g.subjects(RDF.type, RKG[kind]))) > 20, kind


def test_a_fault_in_one_stage_keeps_the_report_and_the_rest_of_the_batch(tmp_path, capsys):
    from regionkg.builder import build as build_graph
    from regionkg.pipeline import default_pipeline

    class Boom:
        name = "boom"

        def __call__(self, doc):
            if "爆" in doc.text:
                raise RuntimeError("a stage failed")
            return doc

    pipeline = default_pipeline()
    pipeline.stages.insert(5, Boom())
    (tmp_path / "a.txt").write_text("(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n爆。创源20万吨高端铝箔项目建成投产。\n", "utf-8")
    (tmp_path / "b.txt").write_text("(内蒙古)通辽市人民政府工作报告(2023年1月9日)\n创源20万吨高端铝箔项目建成投产。\n", "utf-8")
    result = build_graph([tmp_path], pipeline=pipeline)
    assert result.documents == 2 and len(result.errors) == 1 and result.errors[0].kept
    assert "a.txt" in str(result.errors[0]) and "a stage failed" in str(result.errors[0])
    g = rdflib.Graph()
    g.parse(data=result.serialize().decode(), format="turtle")
    a = rdflib.URIRef(RKGR + "report/a")
    assert g.value(a, RKG.aboutRegion) == rdflib.URIRef(RKGR + "region/150581")
    assert len(set(g.subjects(RDF.type, RKG.Project))) == 1  # from b.txt only


def test_statements_written_directly_equal_turtle_written_from_their_lines(corpus, pipeline):
    """The worker writes each report's reified statements as Turtle directly; a store gives
    them back as N-Triples lines, which the writer turns into Turtle: the two must agree
    byte for byte (so `build --store -o` equals a plain build), and the Turtle must hold
    exactly the statements' triples."""
    from pyoxigraph import RdfFormat, parse

    from regionkg.rdf.reportgraph import ReportGraph

    result = build([corpus / "seeds", corpus / "provincial-2026" / "2026_辽宁省_政府工作报告.txt"], pipeline=pipeline)
    assert result.errors == [] and result.documents == 15
    statements = 0
    for report, graph in result.reports.items():
        again = ReportGraph.from_ntriples(graph.all_ntriples())
        assert again.statements == graph.statements, report
        assert sorted(set(again.ntriples.splitlines())) == sorted(set(graph.ntriples.splitlines()))
        triples = list(parse(graph.statements_ntriples(), format=RdfFormat.N_TRIPLES))
        assert len(triples) == graph.statement_triples()
        assert len({t.subject for t in triples}) == graph.statement_count()
        statements += graph.statement_count()
    assert statements > 500
