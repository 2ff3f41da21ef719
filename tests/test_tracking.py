"""Projects followed across the reports of several years: one node for a project named
again, stages said as done or as a target, and the questions an analyst asks of them.
The reports in tests/data_tracking are written for these tests (a banner's three years)."""
from __future__ import annotations

from pathlib import Path

import pytest

from regionkg.cli import main
from regionkg.graph import Graph
from regionkg.resolution import form
from test_view import Visit, browser  # noqa: F401  (browser is a fixture)

DATA = Path(__file__).parent / "data_tracking"
FULL = "青禾乳业年产10万吨液态奶项目"


@pytest.fixture(scope="module")
def graph():
    return Graph.build([DATA])


def timeline(graph, project=None):
    rows = graph.query("timeline", region="阿鲁科尔沁旗")
    return [(r["project"], int(r["year"]), r["stage"], r["kind"]) for r in rows
            if project is None or r["project"] == project]


def test_a_project_named_without_owner_and_capacity_is_the_same_node(graph):
    years = {year for _, year, _, _ in timeline(graph, FULL)}
    assert years == {2022, 2023}          # 2023 names it "10万吨液态奶项目"
    names = {r["project"] for r in graph.query("timeline", region="阿鲁科尔沁旗")}
    assert "10万吨液态奶项目" not in names


def test_a_name_without_its_owner_joins_the_project_of_earlier_and_later_years(graph):
    rows = timeline(graph, "红星啤酒厂迁建项目")
    assert {year for _, year, _, _ in rows} == {2022, 2023, 2024}


def test_phases_owners_and_products_stay_apart(graph):
    names = {r["project"] for r in graph.query("timeline", region="阿鲁科尔沁旗")}
    assert {FULL, "青禾乳业年产10万吨液态奶二期项目", "绿源乳业年产10万吨液态奶项目",
            "青禾乳业年产5万吨奶粉项目"} <= names
    assert {year for _, year, _, _ in timeline(graph, "绿源乳业年产10万吨液态奶项目")} == {2024}


def test_stages_are_said_done_or_as_a_target_with_the_year(graph):
    rows = set(timeline(graph, FULL))
    assert (FULL, 2022, "开工", "已完成") in rows      # the review of 2021
    assert (FULL, 2022, "投产", "目标") in rows        # the plan: 确保…年内建成投产
    assert (FULL, 2023, "投产", "已完成") in rows
    # the report's own stage is what it says was reached; its target is a targetStatus
    ask = """PREFIX rkg: <https://w3id.org/regionkg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?p WHERE { ?st rdf:predicate ?p ; rdf:object rkg:Operating ; rkg:stageKind rkg:Target ;
                          rkg:year ?y . FILTER(STR(?y) = "2022") }"""
    predicates = {r["p"] for r in graph.query(ask, iris=True)}
    assert predicates == {"https://w3id.org/regionkg/ontology#targetStatus"}


def test_promises_kept_late_and_projects_that_never_start(graph):
    verdicts = {r["project"]: r["verdict"] for r in graph.query("promises", year="2022", region="阿鲁科尔沁旗")}
    assert verdicts[FULL] == "kept" and verdicts["蓝湾文旅综合体项目"] == "late"
    stalled = [r["project"] for r in graph.query("stalled", region="阿鲁科尔沁旗")]
    assert stalled == ["蓝湾文旅综合体项目"]
    changes = {(r["project"], r["change"]) for r in graph.query("new-and-dropped", before="2023", after="2024",
                                                                  region="阿鲁科尔沁旗")}
    assert ("绿源乳业年产10万吨液态奶项目", "new") in changes and (FULL, "dropped") in changes


def test_the_timeline_command_names_the_nearest_projects(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["build", str(DATA), "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    assert main(["timeline", "啤酒厂迁建项目", "--graph", str(out), "--format", "tsv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6 and all(x.startswith("红星啤酒厂迁建项目\t") for x in lines[1:])
    assert main(["timeline", "啤酒厂搬迁项目", "--graph", str(out)]) == 2
    assert "红星啤酒厂迁建项目" in capsys.readouterr().err


def test_a_store_build_resolves_as_a_file_build(tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(DATA), "--store", str(store), "-q"]) == 0
    assert sorted(timeline(Graph.open(store))) == sorted(timeline(Graph.build([DATA])))


@pytest.mark.parametrize("a, b, same", [
    ("甲乙公司年产5万吨碳酸钙项目", "碳酸钙项目", True),           # owner and capacity dropped
    ("甲乙铁路", "甲乙铁路工程", True),                            # head word
    ("丙丁高速铁路", "丙丁高铁", True),                            # works synonyms
    ("戊己水库一期工程", "戊己水库二期工程", False),                # phases
    ("戊己水库", "戊己水库二期工程", False),                       # the whole is not a phase
])
def test_forms_of_names(a, b, same):
    fa, fb = form(a, ("甲乙公司",), "5万吨"), form(b)
    assert (fa == fb) is same or (not same and fa.phase != fb.phase)


def test_the_timeline_page_of_a_real_build_shows_every_project_and_its_evidence(browser, tmp_path):  # noqa: F811
    out, page = tmp_path / "g.ttl", tmp_path / "timeline.html"
    assert main(["build", str(DATA), "-o", str(out), "-q"]) == 0
    assert main(["view", "--timeline", "--region", "阿鲁科尔沁旗", "--graph", str(out), "-o", str(page)]) == 0
    rows = Graph.build([DATA]).query("timeline", region="阿鲁科尔沁旗")
    visit = Visit(browser, page)
    try:
        assert visit.requests == [visit.url] and visit.errors == []
        shown = visit.page.eval_on_selector_all("#tl-grid tbody th", "ths => ths.map(t => t.textContent)")
        assert sorted(shown) == sorted({r["project"] for r in rows})
        visit.page.locator(f'button.cell[data-project="{FULL}"][data-year="2022"]').click()
        said = visit.page.eval_on_selector_all("#tl-details .evidence", "ps => ps.map(p => p.textContent)")
        assert sorted(said) == sorted({r["evidence"] for r in rows if r["project"] == FULL and r["year"] == "2022"})
    finally:
        visit.close()
