"""`regionkg view`: what the page holds (Python side) and what a person sees in a real
headless browser (Debian's chromium driven by Playwright) with the network blocked."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from regionkg.builder import build
from regionkg.cli import main
from regionkg.store import load_files
from regionkg.view import FocusError, ViewRequest, make_page
from regionkg.view.model import read_view_graph

DATA = ROOT / "tests" / "data"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# A report written for this test: names and sentences that try to break out of the page.
HOSTILE_REPORT = """<script>window.__pwned = 1</script>赤峰市人民政府工作报告
——2024年1月12日在赤峰市人民代表大会上

一、重点工作

发展"有色金属"产业。</script><img src=x onerror="window.__pwned=2">矿业集团50万吨铜冶炼项目开工建设。
元宝山区'光伏'产业园引进"晶澈"光伏组件项目。
"""
# A graph from another tool may carry hostile names too.
HOSTILE_TURTLE = r"""@prefix rkg: <https://w3id.org/regionkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/regionkg/resource/enterprise/x> a rkg:Enterprise ;
  rdfs:label "</script><img src=x onerror=\"window.__pwned=3\">矿业'集团\\"@zh ;
  rkg:builds <https://w3id.org/regionkg/resource/project/x> .
<https://w3id.org/regionkg/resource/project/x> a rkg:Project ; rdfs:label "<b onmouseover=alert(1)>铜项目</b>"@zh .
"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory, pipeline) -> Path:
    out = tmp_path_factory.mktemp("view") / "graph.ttl"
    result = build([DATA], pipeline=pipeline, progress=False)
    out.write_bytes(result.serialize("turtle"))
    return out


@pytest.fixture(scope="module")
def store(graph_file):
    return load_files([graph_file])


@pytest.fixture(scope="module")
def full_page(store, tmp_path_factory):
    page, view = make_page(store)
    path = tmp_path_factory.mktemp("page") / "all.html"
    path.write_text(page, "utf-8")
    return path, view


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "report.txt").write_text(HOSTILE_REPORT, "utf-8")
    (folder / "other.ttl").write_text(HOSTILE_TURTLE, "utf-8")
    graph = folder / "graph.ttl"
    page = folder / "page.html"
    assert main(["build", str(folder / "report.txt"), "-o", str(graph), "-q"]) == 0
    assert main(["view", "--graph", str(graph), "--graph", str(folder / "other.ttl"), "-o", str(page)]) == 0
    return page


# ---- Python side -------------------------------------------------------------------------

def labels(view, kind=None):
    return {d["label"] for _, d in view.nodes(data=True) if kind is None or d["kind"] == kind}


def test_view_graph_has_classes_names_facts_and_evidence(store):
    g = read_view_graph(store)
    project = next(d for _, d in g.nodes(data=True) if d["label"] == "北辰铝业10万吨电池箔项目")
    assert project["kind"] == "Project"
    assert any("100000" in f and "吨" in f for f in project["facts"])          # capacity with its unit
    assert project["stages"] and all(s["stage"] and s["year"] for s in project["stages"])   # dated stages
    assert any("电池箔项目建成投产" in e["text"] and e["report"] for e in project["evidence"])
    relations = {r for _, _, r in g.edges(data="label")}
    assert {"建设", "位于"} <= relations


def test_region_focus_keeps_sub_regions_and_what_lies_there(store):
    page, view = make_page(store, ViewRequest(region="通辽市"))
    regions = labels(view, "Region")
    assert "通辽市" in regions and "霍林郭勒市" in regions
    assert "包头市" not in regions
    assert "北辰铝业10万吨电池箔项目" in labels(view, "Project")
    with pytest.raises(FocusError, match="no Region named"):
        make_page(store, ViewRequest(region="没有这个市"))


def test_chain_view_reads_upstream_to_downstream(store):
    _, view = make_page(store, ViewRequest(chain="铝"))
    level = {d["label"]: d["level"] for _, d in view.nodes(data=True)}
    assert level["电力"] < level["电解铝"] < level["铝板带箔"] < level["电池箔"]
    assert "北辰铝业10万吨电池箔项目" in level
    with pytest.raises(FocusError, match="no chain named"):
        make_page(store, ViewRequest(chain="不存在"))


def test_ego_view_is_bounded_by_depth(store):
    _, near = make_page(store, ViewRequest(centre="北辰铝业", depth=1))
    _, wider = make_page(store, ViewRequest(centre="北辰铝业", depth=2))
    assert "北辰铝业10万吨电池箔项目" in labels(near) and "通辽市" not in labels(near)
    assert labels(near) < labels(wider)


def test_construct_query_is_drawn(store, tmp_path):
    rq = tmp_path / "builds.rq"
    rq.write_text("PREFIX rkg: <https://w3id.org/regionkg/ontology#>\n"
                  "CONSTRUCT { ?e rkg:builds ?p } WHERE { ?e rkg:builds ?p }", "utf-8")
    out = tmp_path / "q.html"
    assert main(["view", "--graph", str(tmp_path / "missing.ttl"), "--query", str(rq), "-o", str(out)]) == 2
    assert not out.exists()
    graph = tmp_path / "g.ttl"
    assert main(["build", str(DATA), "-o", str(graph), "-q"]) == 0
    assert main(["view", "--graph", str(graph), "--query", str(rq), "-o", str(out)]) == 0
    _, view = make_page(load_files([graph]), ViewRequest(construct=rq.read_text("utf-8")))
    assert {d["kind"] for _, d in view.nodes(data=True)} == {"Enterprise", "Project"}
    assert view.number_of_edges() >= 3
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "utf-8")
    assert main(["view", "--graph", str(graph), "--query", str(select), "-o", str(tmp_path / "s.html")]) == 2


def test_page_is_deterministic_and_self_contained(store, full_page):
    path, view = full_page
    again, _ = make_page(store)
    assert path.read_text("utf-8") == again
    html = again
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)   # nothing fetched from a host
    assert "vis.Network" in html and "Content-Security-Policy" in html


def many_pieces(regions: int, pairs: int):
    """A view graph of one province with cities and `pairs` enterprise → project pairs
    linked to nothing else: the shape of a big batch whose extras lie outside regions."""
    import networkx as nx

    g = nx.MultiDiGraph()

    def node(n, kind, **extra):
        g.add_node(n, kind=kind, label=n, names=[n], facts=[], chains=[], evidence=[], **extra)

    node("省", "Region", region_level="Province")
    for i in range(regions):
        node(f"市{i}", "Region", region_level="Prefecture")
        g.add_edge(f"市{i}", "省", relation="partOf", label="位于", evidence=[])
    for i in range(pairs):
        node(f"企业{i}", "Enterprise")
        node(f"项目{i}", "Project")
        g.add_edge(f"企业{i}", f"项目{i}", relation="builds", label="建设", evidence=[])
    return g


def test_large_layout_places_every_piece_apart_and_the_same_every_time():
    from regionkg.view.layout import radial_positions
    from regionkg.view.page import LARGE, build_network

    view = many_pieces(30, LARGE)
    positions = radial_positions(view)
    assert set(positions) == set(view.nodes)
    assert len(set(positions.values())) == len(positions)           # no two nodes on one spot
    assert radial_positions(many_pieces(30, LARGE)) == positions
    nodes = build_network(view).get_network_data()[0]
    assert sorted(n["id"] for n in nodes) == sorted(view.nodes)      # each node once
    assert all((n["x"], n["y"]) == positions[n["id"]] for n in nodes)


def test_untrusted_text_cannot_close_the_data_block(hostile_page):
    html = hostile_page.read_text("utf-8")
    data = html.split('<script type="application/json" id="rkg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data
    assert "onerror" in data                       # the text is there, as data
    assert "<title>&lt;script&gt;" in html or "<title>RegionKG" in html


def test_cli_needs_one_source(tmp_path, capsys):
    assert main(["view", "-o", str(tmp_path / "x.html")]) == 2
    assert "give one graph source: --graph FILE, --store DIR or --endpoint URL" in capsys.readouterr().err


# ---- In a real browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("REGIONKG_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed (CI installs Debian's chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND"])
        yield b
        b.close()


class Visit:
    """A page opened with every request but the page itself refused and recorded."""

    def __init__(self, browser, path: Path, viewport: dict | None = None):
        self.page = browser.new_page(viewport=viewport or {"width": 1280, "height": 800})
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        url = path.resolve().as_uri()

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url == url:
                r.continue_()
            else:
                r.abort()

        self.page.route("**/*", route)
        self.page.on("requestfailed", lambda r: self.failed.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        self.url = url

    def close(self):
        self.page.close()


def test_page_loads_offline_with_the_whole_network(browser, full_page):
    path, view = full_page
    visit = Visit(browser, path)
    try:
        assert visit.requests == [visit.url] and visit.failed == [] and visit.errors == []
        counts = visit.page.evaluate("[regionkgView.nodes.length, regionkgView.edges.length]")
        assert counts == [view.number_of_nodes(), view.number_of_edges()]
        shown = visit.page.evaluate(
            "regionkgView.data.nodes.filter(n => regionkgView.shown().has(n.id)).map(n => n.kind)")
        assert "Report" not in shown and "Project" in shown                    # reports hidden by default
        assert visit.page.locator("#rkg-legend").inner_text().count("\n") >= 4
        painted = visit.page.evaluate("""() => {
            const c = document.querySelector('#rkg-network canvas');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let ink = 0;
            for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200)) ink++;
            return ink; }""")
        assert painted > 2000                                                  # not a blank canvas
        shot = visit.page.screenshot()
        assert len(shot) > 20_000
    finally:
        visit.close()


def _hover(visit, label: str) -> str:
    node_id = visit.page.evaluate("l => regionkgView.data.nodes.find(n => n.label === l).id", label)
    visit.page.evaluate("id => regionkgView.network.focus(id, {scale: 1.5, animation: false})", node_id)
    box = visit.page.locator("#rkg-network").bounding_box()
    xy = visit.page.evaluate("id => regionkgView.network.canvasToDOM(regionkgView.network.getPositions([id])[id])",
                             node_id)
    visit.page.mouse.move(box["x"] + xy["x"] + 2, box["y"] + xy["y"] + 2)
    visit.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    tip = visit.page.locator("#rkg-tip")
    tip.wait_for(state="visible", timeout=10_000)
    return tip.inner_text()


def test_tooltip_shows_evidence_and_search_finds_a_node(browser, full_page):
    path, _ = full_page
    visit = Visit(browser, path)
    try:
        text = _hover(visit, "北辰铝业10万吨电池箔项目")
        assert "北辰铝业10万吨电池箔项目建成投产" in text and "项目" in text
        visit.page.fill("#rkg-search-input", "北辰铝业10万吨电池箔")
        visit.page.press("#rkg-search-input", "Enter")
        selected = visit.page.evaluate("regionkgView.network.getSelectedNodes()")
        wanted = visit.page.evaluate("regionkgView.find('北辰铝业10万吨电池箔项目').id")
        assert selected == [wanted]
        assert "电池箔项目建成投产" in visit.page.locator("#rkg-details").inner_text()
        visit.page.fill("#rkg-search-input", "没有这个名字")
        visit.page.press("#rkg-search-input", "Enter")
        assert "未找到" in visit.page.locator("#rkg-search-status").inner_text()
    finally:
        visit.close()


def test_hostile_text_stays_text(browser, hostile_page):
    visit = Visit(browser, hostile_page)
    try:
        assert visit.errors == [] and visit.dialogs == [] and visit.requests == [visit.url]
        assert visit.page.evaluate("window.__pwned") is None
        assert visit.page.evaluate("document.querySelectorAll('img').length") == 0
        assert visit.page.evaluate("document.scripts.length") == 3
        enterprise = visit.page.evaluate(
            "regionkgView.data.nodes.find(n => n.kind === 'Enterprise' && n.label.includes('onerror')).label")
        assert enterprise.startswith("</script><img")
        tip = _hover(visit, enterprise)
        assert "<img src=x onerror=" in tip                                    # shown as text
        project = visit.page.evaluate("regionkgView.data.nodes.find(n => n.label.includes('铜冶炼')).label")
        tip = _hover(visit, project)
        assert "onerror=" in tip and "<script>window.__pwned = 1</script>赤峰市" in tip   # evidence and report title
        visit.page.fill("#rkg-search-input", enterprise)
        visit.page.press("#rkg-search-input", "Enter")
        assert enterprise in visit.page.locator("#rkg-details h2").first.inner_text()
        assert visit.page.evaluate("window.__pwned") is None
    finally:
        visit.close()


def test_example_page_is_current(tmp_path):
    """examples/view.html is what `make examples` builds from examples/reports."""
    graph, page = tmp_path / "graph.ttl", tmp_path / "view.html"
    assert main(["build", str(ROOT / "examples" / "reports"), "-o", str(graph), "-q"]) == 0
    assert main(["view", "--graph", str(graph), "-o", str(page), "--title", "RegionKG 示例 · 通辽"]) == 0
    assert page.read_bytes() == (ROOT / "examples" / "view.html").read_bytes()


def test_python_api_writes_a_focused_page(graph_file, tmp_path):
    from regionkg.graph import Graph

    graph = Graph.load(graph_file)
    graph.to_html(tmp_path / "a.html", chain="铝", region="通辽市")
    page, view = make_page(graph.store, ViewRequest(chain="铝", region="通辽市"))
    assert (tmp_path / "a.html").read_text("utf-8") == page
    assert "北辰铝业10万吨电池箔项目" in labels(view, "Project")
    assert "包头市" not in labels(view, "Region") and "电力" in labels(view, "Industry")
