"""The network page as an analyst uses it, in headless Chromium with the network blocked:
the overview of the whole corpus (computed layout kept, region hubs labelled at fit,
provinces folded and unfolded, isolated nodes hidden), filters by class, year and report,
every evidence item reachable, relations to click with back and forward, search listing
every match, and PNG/SVG export of the view."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from regionkg.graph import Graph
from regionkg.store import load_files
from regionkg.view import make_page
from test_view import Visit, browser  # noqa: F401  (browser is a fixture)

MANY = 130              # evidence items about one invented project (the pager shows 10 a page)
PROJECT = "远山矿业40万吨氧化铝项目"

PREFIXES = """@prefix rkg: <https://w3id.org/regionkg/ontology#> .
@prefix r: <https://w3id.org/regionkg/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def many_evidence() -> str:
    """Turtle: an invented enterprise, project and region, and MANY statements of the
    project, each from a report of its own year (1890 + i), plus a stage reached in 1900 and
    one aimed at in 1901."""
    out = [PREFIXES, """
r:region\\/ys a rkg:Region ; rdfs:label "远山县"@zh .
r:enterprise\\/ys a rkg:Enterprise ; rdfs:label "远山矿业"@zh ; rkg:builds r:project\\/ys .
r:project\\/ys a rkg:Project ; rdfs:label "远山矿业40万吨氧化铝项目"@zh ; rkg:locatedIn r:region\\/ys ;
  rkg:status rkg:Started .
[] a rdf:Statement ; rdf:subject r:project\\/ys ; rdf:predicate rkg:status ; rdf:object rkg:Started ;
  rkg:year "1900"^^xsd:gYear ; prov:wasDerivedFrom r:report\\/ys-1900 ; rkg:evidence "远山矿业40万吨氧化铝项目开工。" ;
  rkg:stageKind rkg:Achieved .
[] a rdf:Statement ; rdf:subject r:project\\/ys ; rdf:predicate rkg:targetStatus ; rdf:object rkg:Operating ;
  rkg:year "1901"^^xsd:gYear ; prov:wasDerivedFrom r:report\\/ys-1901 ; rkg:stageKind rkg:Target ."""]
    for i in range(MANY):
        year = 1890 + i
        out.append(f"""r:report\\/ys-{year} a rkg:Report ; rkg:aboutRegion r:region\\/ys ; rkg:year "{year}"^^xsd:gYear ;
  dcterms:title "远山县{year}年政府工作报告"@zh .
[] a rdf:Statement ; rdf:subject r:enterprise\\/ys ; rdf:predicate rkg:builds ; rdf:object r:project\\/ys ;
   prov:wasDerivedFrom r:report\\/ys-{year} ; rkg:evidence "第{i + 1}条：推进远山矿业40万吨氧化铝项目。" ;
   rkg:startOffset {i} ; rkg:endOffset {i + 20} .""")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def corpus_page(corpus, pipeline, tmp_path_factory) -> Path:
    store = Graph.build([corpus], pipeline=pipeline, progress=False).store
    page, view = make_page(store)
    assert view.number_of_nodes() > 1000            # the overview of a large graph
    path = tmp_path_factory.mktemp("network") / "corpus.html"
    path.write_text(page, "utf-8")
    return path


@pytest.fixture(scope="module")
def evidence_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("evidence")
    (folder / "many.ttl").write_text(many_evidence(), "utf-8")
    page, _ = make_page(load_files([folder / "many.ttl"]))
    path = folder / "many.html"
    path.write_text(page, "utf-8")
    return path


@pytest.fixture
def overview(browser, corpus_page):  # noqa: F811
    visit = Visit(browser, corpus_page, viewport={"width": 1600, "height": 1000})
    yield visit
    assert visit.requests == [visit.url] and visit.errors == []           # nothing left the page
    visit.close()


def shown_kinds(visit) -> set[str]:
    return set(visit.page.evaluate("regionkgView.data.nodes.filter(n => regionkgView.shown().has(n.id)).map(n => n.kind)"))


def test_overview_keeps_the_computed_layout_and_labels_region_hubs(overview):
    page = overview.page
    moved = page.evaluate("""() => { const v = regionkgView, at = v.network.getPositions();
        return v.data.nodes.filter(n => n.x !== undefined && at[n.id] &&
          Math.hypot(at[n.id].x - n.x, at[n.id].y - n.y) > 1.5).length; }""")   # getPositions rounds to whole units
    assert moved == 0                                                     # no physics undid the layout
    provinces = set(page.evaluate("""() => regionkgView.data.nodes.filter(n => n.hub === 0 &&
        regionkgView.shown().has(n.id)).map(n => n.label)"""))
    drawn = page.evaluate("regionkgView.drawnLabels()")
    assert len(provinces) >= 20 and provinces <= {d["text"] for d in drawn}
    assert all(d["px"] >= 12 for d in drawn)                             # readable at fit
    # The labels are on the canvas: dark ink inside each province label's box.
    ink = page.evaluate("""(boxes) => {
        const c = document.querySelector('#rkg-network canvas'), ctx = c.getContext('2d');
        const k = c.width / c.clientWidth;
        return boxes.map(b => { const px = ctx.getImageData(Math.round((b.x - b.width / 2) * k),
            Math.round((b.y - b.px / 2) * k), Math.max(1, Math.round(b.width * k)), Math.round(b.px * k)).data;
          let n = 0; for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 200 && px[i] < 90 && px[i + 1] < 110) n++;
          return n; }); }""", [d for d in drawn if d["text"] in provinces])
    assert min(ink) > 10
    shot = page.screenshot()
    assert len(shot) > 50_000


def test_isolated_nodes_wait_behind_a_checkbox(overview):
    page = overview.page
    lonely = page.evaluate("Array.from(regionkgView.lonely)")
    assert lonely and not page.evaluate("ids => ids.some(id => regionkgView.shown().has(id))", lonely)
    page.check("#rkg-isolated")
    assert page.evaluate("ids => ids.every(id => regionkgView.shown().has(id) || "
                         "regionkgView.data.nodes.find(n => n.id === id).kind === 'Report')", lonely)


def test_a_province_folds_into_one_node_and_unfolds(overview):
    page = overview.page
    before = page.evaluate("regionkgView.network.body.nodeIndices.length")
    province = page.evaluate("regionkgView.data.nodes.find(n => n.label === '内蒙古自治区').id")
    members = page.evaluate("p => regionkgView.data.nodes.filter(n => n.province === p && "
                            "regionkgView.shown().has(n.id)).length", province)
    page.evaluate("p => regionkgView.fold(p)", province)
    stand_in = "cluster:" + province
    after = page.evaluate("regionkgView.network.body.nodeIndices.length")
    assert after == before - members + 1
    links = page.evaluate("id => regionkgView.network.getConnectedNodes(id)", stand_in)
    assert links                                                          # linked to what its nodes link to
    page.click("#rkg-fit")
    xy = page.evaluate("id => regionkgView.network.canvasToDOM(regionkgView.network.getPositions([id])[id])", stand_in)
    box = page.locator("#rkg-network").bounding_box()
    page.mouse.dblclick(box["x"] + xy["x"], box["y"] + xy["y"])
    assert page.evaluate("regionkgView.collapsed.size") == 0
    assert page.evaluate("regionkgView.network.body.nodeIndices.length") == before
    page.click("#rkg-collapse")
    folded = page.evaluate("regionkgView.collapsed.size")
    assert folded >= 20 and "省折叠" in page.locator("#rkg-stats").inner_text()
    page.click("#rkg-expand")
    assert page.evaluate("regionkgView.network.body.nodeIndices.length") == before


def test_filters_by_class_year_and_report(overview):
    page = overview.page
    page.uncheck("#rkg-legend input[data-kind=Project]")
    assert "Project" not in shown_kinds(overview) and "Enterprise" in shown_kinds(overview)
    page.check("#rkg-legend input[data-kind=Project]")
    year = page.evaluate("document.querySelector('#rkg-year option:nth-child(2)').value")
    page.select_option("#rkg-year", year)
    wrong = page.evaluate("""(year) => { const v = regionkgView, d = v.data;
        return d.nodes.filter(n => v.shown().has(n.id) && n.kind !== 'Region' &&
          !n.ev.some(i => d.reports[d.sentences[i][1]].year === year)).length; }""", year)
    assert wrong == 0 and page.evaluate("regionkgView.shown().size") > 0
    page.select_option("#rkg-report", index=3)
    report = int(page.evaluate("document.getElementById('rkg-report').value"))
    wrong = page.evaluate("""(r) => { const v = regionkgView, d = v.data;
        return d.nodes.filter(n => v.shown().has(n.id) && n.kind !== 'Region' &&
          !n.ev.some(i => d.sentences[i][1] === r)).length; }""", report)
    assert wrong == 0
    page.select_option("#rkg-report", "")
    assert page.evaluate("regionkgView.shown().size") > 1000


def test_search_lists_every_match(overview):
    page = overview.page
    page.fill("#rkg-search-input", "铝")
    page.press("#rkg-search-input", "Enter")
    total = page.evaluate("regionkgView.findAll('铝').length")
    assert total > 10
    assert page.locator("#rkg-search-status").inner_text().startswith(f"{total} 个匹配")
    assert page.locator("#rkg-results li").count() == min(total, 200)
    third = page.locator("#rkg-results li").nth(2)
    name = third.locator("button").inner_text()
    third.locator("button").click()
    assert page.locator("#rkg-panel h2").inner_text() == name
    assert "第 3 个" in page.locator("#rkg-search-status").inner_text()
    # Zoomed in on it, its label and those around it are drawn by vis-network.
    assert page.evaluate("n => regionkgView.nodes.get(regionkgView.find(n).id).label", name) == name


def test_relations_are_clickable_in_their_direction_with_back_and_forward(overview):
    page = overview.page
    enterprise, project = page.evaluate("""() => { const d = regionkgView.data;
        const e = d.edges.find(e => e.relation === 'builds');
        return [d.nodes.find(n => n.id === e.from).label, d.nodes.find(n => n.id === e.to).label]; }""")
    page.evaluate("l => regionkgView.go({type: 'node', id: regionkgView.find(l).id})", project)
    panel = page.locator("#rkg-panel")
    incoming = panel.locator("h4", has_text="→ 本节点")
    assert incoming.count() >= 1
    row = panel.locator(".relation", has=page.locator("button.link", has_text=enterprise)).first
    assert row.locator("span.this").inner_text() == project                 # enterprise —建设→ project
    assert row.inner_text().index(enterprise) < row.inner_text().index(project)
    row.locator("button.link").click()
    assert panel.locator("h2").inner_text() == enterprise
    page.click("#rkg-back")
    assert panel.locator("h2").inner_text() == project
    page.click("#rkg-forward")
    assert panel.locator("h2").inner_text() == enterprise
    assert page.is_disabled("#rkg-forward")


def test_png_and_svg_export_the_view(overview, tmp_path):
    page = overview.page
    with page.expect_download() as png:
        page.click("#rkg-png")
    path = tmp_path / "view.png"
    png.value.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    with page.expect_download() as svg:
        page.click("#rkg-svg")
    path = tmp_path / "view.svg"
    svg.value.save_as(path)
    root = ET.parse(path).getroot()
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {d["text"] for d in page.evaluate("regionkgView.drawnLabels()")} <= texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}line"))) > 1000


def test_a_projects_timeline_shows_each_year_and_narrows_the_evidence(browser, evidence_page):  # noqa: F811
    visit = Visit(browser, evidence_page)
    try:
        page = visit.page
        page.evaluate("l => regionkgView.go({type: 'node', id: regionkgView.find(l).id})", PROJECT)
        years = page.locator("#rkg-panel .timeline .year:not(.all)")
        assert years.all_inner_texts() == ["1900\n开工", "1901\n投产（目标）"]
        assert "done" in years.nth(0).get_attribute("class") and "target" in years.nth(1).get_attribute("class")
        heading = page.locator("#rkg-panel .evidence h3")
        years.nth(0).click()
        cites = page.locator("#rkg-panel .evidence cite").all_inner_texts()
        assert f"（2 条" in heading.inner_text() and set(cites) == {"— 远山县 1900年 · 远山县1900年政府工作报告"}
        page.click("#rkg-panel .timeline .year.all")
        assert f"（{MANY + 1} 条" in heading.inner_text()
        assert visit.errors == []
    finally:
        visit.close()


def test_every_evidence_item_is_reachable_and_cited(browser, evidence_page):  # noqa: F811
    visit = Visit(browser, evidence_page)
    try:
        page = visit.page
        page.evaluate("l => regionkgView.go({type: 'node', id: regionkgView.find(l).id})", PROJECT)
        panel = page.locator("#rkg-panel")
        assert f"（{MANY + 1} 条" in panel.locator(".evidence h3").inner_text()
        seen: list[str] = []
        while True:
            seen += panel.locator(".evidence blockquote p").all_inner_texts()
            cites = panel.locator(".evidence blockquote cite").all_inner_texts()
            assert all(re.fullmatch(r"— 远山县 (\d{4})年 · 远山县\1年政府工作报告", c) for c in cites), cites
            assert panel.locator(".evidence mark").count() >= len(cites)   # the mention highlighted
            following = panel.locator(".evidence .pager button").nth(1)
            if following.is_disabled():
                break
            following.click()
        assert len(seen) == MANY + 1 == len(set(seen))
        assert visit.requests == [visit.url] and visit.errors == []
    finally:
        visit.close()


def test_a_graph_too_big_to_draw_opens_folded_by_province(browser, corpus, pipeline, tmp_path, monkeypatch):  # noqa: F811
    from regionkg.view import page as network_page

    monkeypatch.setattr(network_page, "FOLD_ABOVE", 1000)     # the corpus stands in for a 10× graph
    store = Graph.build([corpus], pipeline=pipeline, progress=False).store
    path = tmp_path / "folded.html"
    path.write_text(make_page(store)[0], "utf-8")
    visit = Visit(browser, path, viewport={"width": 1600, "height": 1000})
    try:
        page = visit.page
        folded = page.evaluate("Array.from(regionkgView.collapsed)")
        assert len(folded) >= 20
        drawn = {d["id"] for d in page.evaluate("regionkgView.drawnLabels()")}
        assert {"cluster:" + p for p in folded} <= drawn
        assert page.evaluate("regionkgView.network.body.nodeIndices.length") < 1500
        assert visit.errors == []
    finally:
        visit.close()
