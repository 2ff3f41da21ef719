"""End to end: the `regionkg build` command, output formats, determinism, bad files."""
from __future__ import annotations

import shutil
import subprocess
import sys

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
        # the reified triple is in the graph
        assert (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)) in g


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
