"""`regionkg view --timeline`: projects × years from a small invented series of reports
(tests/data_timeline/series.ttl), on the Python side and in headless chromium with the
network blocked (the browser fixture and Visit of test_view)."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from conftest import ROOT
from regionkg.cli import main
from regionkg.query import UnknownName
from regionkg.store import load_files
from regionkg.view import make_timeline_page
from regionkg.view.timeline import read_timeline
from test_view import Visit, browser  # noqa: F401  (browser is a fixture)

SERIES = ROOT / "tests" / "data_timeline" / "series.ttl"
RAIL, PORT, WIND, WATER, DATA, SOLAR = ("青禾至石门城际铁路", "石门港三期工程", "东川风电基地",
                                        "石门化工园区污水处理厂", "青禾数据中心", "东川光伏组件项目")
ORDER = [SOLAR, RAIL, PORT, WIND, WATER, DATA]          # by first year, then name
YEARS = ["2001", "2002", "2003", "2004"]


@pytest.fixture(scope="module")
def store():
    return load_files([SERIES])


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("timeline") / "timeline.html"
    assert main(["view", "--timeline", "--graph", str(SERIES), "-o", str(path)]) == 0
    return path


def hostile_evidence(store) -> str:
    (cell,) = [p.cells["2004"] for p in read_timeline(store).projects if p.name == DATA]
    return cell[0].evidence


# ---- Python side -------------------------------------------------------------------------

def test_rows_are_projects_and_columns_every_year(store):
    timeline = read_timeline(store)
    assert timeline.years == YEARS
    assert [p.name for p in timeline.projects] == ORDER
    rail = {p.name: p for p in timeline.projects}[RAIL]
    assert [(s.kind, s.stage) for s in rail.cells["2002"]] == [("done", "Started"), ("target", "UnderConstruction")]
    assert [s.report for s in rail.cells["2004"]] == ["qh-2004"]                  # no title: its id
    assert rail.cells["2001"][0].report == "青禾省2001年政府工作报告"
    port = {p.name: p for p in timeline.projects}[PORT]
    assert sorted(port.cells) == ["2002", "2004"]                                 # 2003 is a column, not a cell


def test_region_narrows_to_its_reports_and_sub_regions(store):
    dongchuan = read_timeline(store, "东川市")
    assert [p.name for p in dongchuan.projects] == [SOLAR, WIND] and dongchuan.years == ["2001", "2003"]
    assert [p.name for p in read_timeline(store, "石门市").projects] == [WATER]
    assert [p.name for p in read_timeline(store, "青禾省").projects] == ORDER
    with pytest.raises(UnknownName, match="nearest: 石门市"):
        read_timeline(store, "石门")


def test_page_is_deterministic_self_contained_and_escaped(store, page_file):
    html = page_file.read_text("utf-8")
    assert make_timeline_page(store)[0] == html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    data = html.split('<script type="application/json" id="tl-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "onerror" in data


def test_cli_errors(tmp_path, capsys):
    out = tmp_path / "t.html"
    assert main(["view", "--timeline", "--region", "石门", "--graph", str(SERIES), "-o", str(out)]) == 2
    assert "nearest: 石门市" in capsys.readouterr().err
    assert main(["view", "--timeline", "--chain", "铝", "--graph", str(SERIES), "-o", str(out)]) == 2
    assert "--timeline" in capsys.readouterr().err
    assert not out.exists()
    assert main(["view", "--timeline", "--region", "东川市", "--graph", str(SERIES), "-o", str(out)]) == 0
    assert "2 projects, 2 years" in capsys.readouterr().err


def test_endpoint_gives_the_same_page(tmp_path_factory, tmp_path, page_file):
    from servers import OxigraphServers

    servers = OxigraphServers(lambda: tmp_path_factory.mktemp("oxigraph"))
    try:
        base = servers.start(union=True).removesuffix("/query")
        assert main(["push", "--graph", str(SERIES), "--to", base, "-q"]) == 0
        out = tmp_path / "remote.html"
        assert main(["view", "--timeline", "--endpoint", base, "-o", str(out)]) == 0
        assert out.read_text("utf-8") == page_file.read_text("utf-8")
        assert main(["view", "--timeline", "--region", "石门", "--endpoint", base, "-o", str(out)]) == 2
    finally:
        servers.stop()


def test_a_graph_without_stages_gives_an_empty_page(tmp_path, capsys):
    graph = tmp_path / "g.ttl"
    graph.write_text(SERIES.read_text("utf-8").split("# 青禾至石门城际铁路:")[0], "utf-8")   # no statements
    out = tmp_path / "empty.html"
    assert main(["view", "--timeline", "--graph", str(graph), "-o", str(out)]) == 0
    assert "warning: no project stages" in capsys.readouterr().err
    assert '"projects":[]' in out.read_text("utf-8")


# ---- In a real browser ----------------------------------------------------------------------

def cell(visit, project: str, year: str):
    return visit.page.locator(f'button.cell[data-project="{project}"][data-year="{year}"]')


def evidence_shown(visit) -> list[str]:
    return visit.page.eval_on_selector_all("#tl-details .evidence", "ps => ps.map(p => p.textContent)")


def test_grid_has_a_row_per_project_and_a_column_per_year(browser, page_file):  # noqa: F811
    visit = Visit(browser, page_file)
    try:
        assert visit.requests == [visit.url] and visit.failed == [] and visit.errors == []
        assert not [m for m in visit.console if "Content Security Policy" in m]
        assert visit.page.eval_on_selector_all("#tl-grid thead th", "ths => ths.map(t => t.textContent)")[1:] == YEARS
        assert visit.page.eval_on_selector_all("#tl-grid tbody th", "ths => ths.map(t => t.textContent)") == ORDER
        assert visit.page.eval_on_selector_all("#tl-grid tbody tr", "trs => trs.map(t => t.cells.length)") == [5] * 6
        assert cell(visit, PORT, "2003").count() == 0
        sticky = visit.page.evaluate("""() => [document.querySelector('#tl-grid thead th:nth-child(2)'),
                                               document.querySelector('#tl-grid tbody th')]
                                           .map(e => getComputedStyle(e).position)""")
        assert sticky == ["sticky", "sticky"]
        assert visit.page.locator("#tl-legend li").count() == 10                 # 7 stages, done, target, badge
    finally:
        visit.close()


def test_done_and_target_cells_look_different(browser, page_file):  # noqa: F811
    visit = Visit(browser, page_file)
    try:
        look = "b => { const s = getComputedStyle(b); return [s.borderTopStyle, s.backgroundImage, s.backgroundColor]; }"
        done = cell(visit, RAIL, "2003").evaluate(look)           # 在建, done
        target = cell(visit, RAIL, "2001").evaluate(look)         # 开工, target
        assert done[0] == "solid" and done[1] == "none" and done[2] != "rgba(0, 0, 0, 0)"
        assert target[0] == "dashed" and "gradient" in target[1]
        assert cell(visit, RAIL, "2003").inner_text() == "在建"
        assert cell(visit, RAIL, "2002").locator(".badge").count() == 1          # done 开工, target 在建 too
        assert cell(visit, RAIL, "2003").locator(".badge").count() == 0
        started, operating = (cell(visit, RAIL, y).evaluate("b => getComputedStyle(b).backgroundColor")
                              for y in ("2002", "2004"))
        assert started != operating                                               # coloured by stage
    finally:
        visit.close()


def test_click_and_keyboard_show_a_cells_evidence(browser, page_file):  # noqa: F811
    visit = Visit(browser, page_file)
    try:
        cell(visit, RAIL, "2002").click()
        assert evidence_shown(visit) == ["青禾至石门城际铁路开工。", "加快青禾至石门城际铁路建设。"]
        kinds = visit.page.eval_on_selector_all("#tl-details .kind", "ds => ds.map(d => d.textContent)")
        assert kinds == ["已完成 done · 开工", "目标 target · 在建"]
        assert "青禾省2002年政府工作报告" in visit.page.locator("#tl-details").inner_text()
        cell(visit, WATER, "2003").focus()
        visit.page.keyboard.press("Enter")
        assert evidence_shown(visit) == ["石门化工园区污水处理厂正在建设。", "建成石门化工园区污水处理厂。"]
        visit.page.keyboard.press("Tab")
        assert visit.page.evaluate("document.activeElement.dataset.project") == DATA
        visit.page.fill("#tl-filter", "东川")
        assert visit.page.locator("#tl-grid tbody tr:visible").count() == 2
        assert "2 / 6" in visit.page.locator("#tl-count").inner_text()
    finally:
        visit.close()


def test_hostile_evidence_stays_text(browser, page_file, store):  # noqa: F811
    visit = Visit(browser, page_file)
    try:
        cell(visit, DATA, "2004").click()
        assert evidence_shown(visit) == [hostile_evidence(store)]
        assert "</script><script>window.__pwned=1</script><img" in hostile_evidence(store)
        assert visit.page.evaluate("window.__pwned") is None
        assert visit.page.evaluate("document.querySelectorAll('img, b, #tl-details script').length") == 0
        assert visit.page.evaluate("document.scripts.length") == 2
        assert visit.errors == [] and visit.dialogs == [] and visit.requests == [visit.url]
    finally:
        visit.close()

