"""Chain model, library queries, `regionkg query`, the store and the Python API, on three
short reports written for the tests (tests/data)."""
from __future__ import annotations

import json

import pytest

from conftest import CORPUS, ROOT, SHARED

SERIES = SHARED / "series" / "national"
from regionkg.cli import main
from regionkg.graph import Graph
from regionkg.query import library

DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def graph(pipeline) -> Graph:
    return Graph.build([DATA], pipeline=pipeline)


def col(rows, name):
    return [r[name] for r in rows]


def test_library_has_documented_queries():
    lib = library()
    assert len(lib) >= 12
    for q in lib.values():
        header = [ln for ln in q.text.splitlines() if ln.startswith("#")]
        assert any("Parameters:" in ln for ln in header) and any("Example output" in ln for ln in header), q.name
        assert any(any("\u4e00" <= ch <= "\u9fff" for ch in ln) for ln in header[:2]), q.name  # the question in Chinese


def test_upstream_of_battery_foil_reaches_power(graph):
    ups = set(col(graph.query("upstream", industry="电池箔"), "upstreamLabel"))
    assert {"电力", "电解铝", "高纯铝", "煤炭"} <= ups and "铝板带箔" not in ups   # a kind, not a supplier
    assert "电池箔" not in ups                          # nothing is its own supplier
    downs = set(col(graph.query("downstream", industry="电解铝"), "downstreamLabel"))
    assert {"铝加工", "电池箔", "汽车轻量化"} <= downs and "电力" not in downs


def test_chain_enterprises_go_down_the_region_hierarchy(graph):
    rows = graph.query("chain-enterprises", chain="铝", region="内蒙古自治区")
    assert ("北辰铝业", "北辰铝业10万吨电池箔项目") in {(r["enterprise"], r["project"]) for r in rows}
    wind = graph.query("chain-enterprises", chain="氢能", region="扎鲁特旗")
    assert col(wind, "project") == ["星河能源50万千瓦风电项目"]  # in 扎鲁特旗, not the one in 开鲁县


def test_coverage_and_missing_links(graph):
    coverage = {r["link"]: r["present"] for r in graph.query("chain-coverage", chain="铝", region="通辽市")}
    assert coverage["电解铝"] == "true" and coverage["汽车轻量化"] == "false"
    missing = set(col(graph.query("missing-links", chain="铝", region="通辽市"), "missing"))
    assert "汽车轻量化" in missing and "电解铝" not in missing
    assert missing == {k for k, v in coverage.items() if v == "false"}


def test_capacity_totals_with_units(graph):
    rows = graph.query("capacity-by-region", industry="风电")
    by_place = {(r["place"], r["unit"]): r["total"] for r in rows}
    assert by_place == {("扎鲁特旗", "千瓦"): "500000", ("开鲁县", "千瓦"): "200000"}
    totals = {(r["industry"], r["unit"]): r["total"] for r in graph.query("capacity-by-industry", region="通辽市")}
    assert totals[("风电", "千瓦")] == "700000"


def test_pipeline_projects_of_an_enterprise_and_change_between_years(graph):
    stages = {r["status"]: int(r["projects"]) for r in graph.query("project-pipeline")}
    assert stages["谋划"] == 1 and stages["投产"] == 1
    rows = graph.query("enterprise-projects", enterprise="北辰铝业")
    foil = [(r["date"], r["status"]) for r in rows if r["project"] == "北辰铝业10万吨电池箔项目"]
    assert foil == [("2023-01-12", "开工"), ("2024-01-10", "投产")]
    (change,) = graph.query("stage-changes")
    assert (change["before"], change["after"]) == ("开工", "投产")


def test_evidence_partners_industries_reports(graph):
    ev = graph.query("evidence", name="北辰铝业10万吨电池箔项目")
    assert any(r["predicate"] == "建设" or r["predicate"].endswith("builds") for r in ev)
    assert all(r["evidence"] for r in ev)
    partners = {r["partner"]: r["links"] for r in graph.query("chain-partners", chain="铝", region="霍林郭勒市")}
    assert "电解铝" in partners["包头市"]
    assert "电解铝" in col(graph.query("region-industries", region="通辽市"), "industry")
    assert len(graph.query("reports")) == 3


def test_to_networkx(graph):
    g = graph.to_networkx()
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {"Report", "Region", "Enterprise", "Project", "Industry"} <= kinds
    builds = [(u, v) for u, v, k in g.edges(keys=True) if k == "builds"]
    assert len(builds) == 4


def test_cli_formats_store_and_bound_parameters(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(DATA), "--store", str(store), "-q"]) == 0
    wind = ["--param", "industry=风电"]
    assert main(["query", "capacity-by-region", "--store", str(store), "--format", "json", *wind]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["place"] for r in rows} == {"扎鲁特旗", "开鲁县"}
    assert main(["query", "capacity-by-region", "--store", str(store), "--format", "csv", "--iris", *wind]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "place,unit,total,projects,products" and "https://w3id.org/regionkg/resource/region/" in out[1]
    assert main(["query", "chain-coverage", "--store", str(store), "--format", "tsv",
                 "--param", "region=通辽市", "--param", "chain=铝"]) == 0
    assert "电解铝\ttrue" in capsys.readouterr().out
    # a parameter is bound, not pasted: quotes and braces find nothing and break nothing
    evil = '通辽市"@zh } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    assert main(["query", "chain-coverage", "--store", str(store), "--param", "chain=铝", "--param", f"region={evil}"]) == 2
    assert "no region named" in capsys.readouterr().err
    assert len(Graph.open(store).query("reports")) == 3
    assert main(["query", "upstream", "--store", str(store), "--param", "nosuch=1"]) == 2
    assert "takes industry" in capsys.readouterr().err
    assert main(["query", "--list"]) == 0 and "missing-links" in capsys.readouterr().out


def test_rebuilding_a_store_replaces_it(tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(DATA / "baotou-2023.txt"), "--store", str(store), "-q"]) == 0
    assert len(Graph.open(store).query("reports")) == 1
    assert main(["build", str(DATA), "--store", str(store), "-q"]) == 0
    assert len(Graph.open(store).query("reports")) == 3


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_every_library_query_answers_on_the_corpus(tmp_path, pipeline):
    g = Graph.build([CORPUS], pipeline=pipeline)
    values = {"chain": "铝", "region": "通辽市", "industry": "风电", "enterprise": "创源", "name": "创源",
              "year": "2023", "before": "2022", "after": "2023"}
    across_years = {"stage-changes", "stalled"}      # the corpus has no region's reports of three years
    empty = [name for name, q in library().items()
             if name not in across_years and not g.query(name, **{k: values[k] for k in q.parameters})]
    assert empty == []


@pytest.mark.skipif(not SERIES.is_dir(), reason="../shared/series/national is not beside the project")
def test_queries_across_years_answer_on_a_series(pipeline):
    g = Graph.build([SERIES], pipeline=pipeline)
    changes = g.query("stage-changes")
    assert changes and all(int(r["yearBefore"]) < int(r["yearAfter"]) for r in changes)
    assert g.query("stalled", region="中华人民共和国")
    kinds = {r["kind"] for r in g.query("timeline", region="中华人民共和国")}
    assert kinds == {"已完成", "目标"}
    verdicts = {r["verdict"] for r in g.query("promises", year="2009", region="中华人民共和国")}
    assert verdicts <= {"kept", "late", "silent"} and verdicts
