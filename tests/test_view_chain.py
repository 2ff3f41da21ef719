"""`regionkg view --chain`: the chain dashboard. On the shared corpus, its gaps are the rows
of `missing-links` and its table the rows of `chain-enterprises`; in headless chromium
(network blocked) the gaps are drawn and readable, the table sorts and exports, the drawing
exports as PNG and SVG. A small invented graph (tests/data_chains/dashboard.ttl) carries
hostile names, two units in one link, and a project with many sentences."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from regionkg import query as q
from regionkg.cli import main
from regionkg.graph import Graph
from regionkg.store import load_files
from regionkg.view import make_chain_page
from regionkg.view.chain import page_data
from regionkg.view.chain_data import read_dashboard
from test_view import browser  # noqa: F401  (browser is a fixture)

SMALL = ROOT / "tests" / "data_chains" / "dashboard.ttl"
CHAIN, REGION = "铝", "通辽市"
MANY = 23                      # sentences about one project of the small graph (paged by 10)


def many_sentences() -> str:
    """Turtle: MANY invented statements about 青禾铝业30万吨电解铝项目, one report each year."""
    out = []
    for i in range(MANY):
        year = 2000 + i
        out.append(f"""r:report\\/sm-{year} a rkg:Report ; rkg:aboutRegion r:region\\/sm ; rkg:year "{year}"^^xsd:gYear ;
  dcterms:title "石门市{year}年政府工作报告"@zh .
[] a rdf:Statement ; rdf:subject r:enterprise\\/qhly ; rdf:predicate rkg:builds ; rdf:object r:project\\/smelter ;
   prov:wasDerivedFrom r:report\\/sm-{year} ; rkg:evidence "第{i + 1}句：青禾铝业推进30万吨电解铝项目。" ;
   rkg:startOffset {i} ; rkg:endOffset {i + 20} .""")
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def corpus_store(corpus, pipeline):
    return Graph.build([corpus], pipeline=pipeline, progress=False).store


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("chain") / "small.ttl"
    path.write_text(SMALL.read_text("utf-8") + many_sentences(), "utf-8")
    return path


@pytest.fixture(scope="module")
def small_store(small_file):
    return load_files([small_file])


@pytest.fixture(scope="module")
def corpus_page(corpus_store, tmp_path_factory) -> tuple[Path, dict]:
    page, board = make_chain_page(corpus_store, CHAIN, REGION)
    path = tmp_path_factory.mktemp("chain") / "aluminium.html"
    path.write_text(page, "utf-8")
    return path, page_data(board, "t")


@pytest.fixture(scope="module")
def small_page(small_file, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("chain") / "small.html"
    assert main(["view", "--graph", str(small_file), "--chain", CHAIN, "--region", "青禾省", "-o", str(path)]) == 0
    return path


def library_rows(store, name: str, region: str) -> list[dict]:
    columns, rows = q.run(store, q.resolve(name), {"chain": CHAIN, "region": region})
    return [{c: (t.value if t is not None else None) for c, t in zip(columns, row)} for row in rows]


def row_keys(rows) -> list[tuple]:
    return sorted((r["enterprise"] or "", r["project"], r["place"]) for r in rows)


# ---- Python side -------------------------------------------------------------------------

@pytest.mark.parametrize("region", [REGION, q.ALL_REGIONS])
def test_gaps_are_missing_links_and_rows_chain_enterprises(corpus_store, region):
    board = read_dashboard(corpus_store, CHAIN, region)
    missing = library_rows(corpus_store, "missing-links", region)
    assert sorted(x.label for x in board.links if x.gap) == sorted(r["missing"] for r in missing) == sorted(board.gaps)
    assert board.gaps                                                  # the corpus lacks links
    for link in board.links:                 # a gap holds nothing; a present link shows what it holds
        holds = link.projects or link.enterprises or link.via or link.others
        assert bool(holds) != link.gap, link.label
    expected = library_rows(corpus_store, "chain-enterprises", region)
    assert row_keys({"enterprise": r.enterprise, "project": r.project, "place": r.place} for r in board.rows) \
        == row_keys(expected)
    data = page_data(board, "t")
    assert len(data["rows"]) == len(expected)
    assert sorted(x["label"] for x in data["links"] if x["gap"]) == sorted(r["missing"] for r in missing)
    assert all(p["links"] for p in data["projects"].values())          # every project is drawn somewhere


def test_columns_read_upstream_to_downstream(corpus_store):
    data = page_data(read_dashboard(corpus_store, CHAIN, REGION), "t")
    column = {x["label"]: x["column"] for x in data["links"]}
    assert column["铝土矿"] < column["氧化铝"] < column["电解铝"] < column["铝板带箔"] <= column["电池箔"]
    assert column["煤炭"] < column["电力"] < column["电解铝"]
    assert [c["label"].split(" · ")[1] for c in (data["columns"][0], data["columns"][-1])] == \
        ["上游 upstream", "下游 downstream"]
    assert sorted(i for c in data["columns"] for i in c["links"]) == sorted(x["id"] for x in data["links"])


def test_sums_never_mix_units(small_store):
    data = page_data(read_dashboard(small_store, CHAIN, "青禾省"), "t")
    sums = {(s["link"], s["region"], s["unit"]): (s["total"], s["text"], s["projects"]) for s in data["sums"]}
    assert sums == {("电解铝", "石门市", "吨"): (300000.0, "30万吨", 1), ("电解铝", "石门市", "千瓦"): (100000.0, "10万千瓦", 1),
                    ("铝箔", "东川市", "吨"): (50000.0, "5万吨", 1)}


def test_corpus_sums_add_each_project_once_per_unit(corpus_page):
    _, data = corpus_page
    for s in data["sums"]:
        assert s["unit"] and s["total"] > 0 and s["projects"] >= 1
    assert len({(s["link"], s["region"], s["unit"]) for s in data["sums"]}) == len(data["sums"])


def test_page_is_deterministic_self_contained_and_escaped(small_store, small_page):
    html = small_page.read_text("utf-8")
    assert make_chain_page(small_store, CHAIN, "青禾省")[0] == html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "connect-src" not in policy
    data = html.split('<script type="application/json" id="ch-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "onerror" in data and "__pwned=4" in data


def test_cli_errors_name_the_nearest(small_file, tmp_path, capsys):
    out = tmp_path / "c.html"
    assert main(["view", "--graph", str(small_file), "--chain", "铝X", "-o", str(out)]) == 2
    assert "nearest: 铝" in capsys.readouterr().err
    assert main(["view", "--graph", str(small_file), "--chain", CHAIN, "--region", "石门", "-o", str(out)]) == 2
    assert "nearest: 石门市" in capsys.readouterr().err
    assert main(["view", "--graph", str(small_file), "--chain", CHAIN, "--focus", "青禾铝业", "-o", str(out)]) == 2
    assert "--chain draws a chain dashboard" in capsys.readouterr().err
    assert not out.exists()
    assert main(["view", "--graph", str(small_file), "--chain", CHAIN, "-o", str(out)]) == 0
    assert "17 links, 11 gaps, 4 rows" in capsys.readouterr().err


# ---- In a real browser ----------------------------------------------------------------------

class Dash:
    """The dashboard opened at a viewport size, every request but the page's refused and recorded."""

    def __init__(self, chromium, path: Path, width: int = 1600, height: int = 1000):
        self.page = chromium.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.url = path.resolve().as_uri()

        def route(r):
            self.requests.append(r.request.url)
            r.continue_() if r.request.url == self.url else r.abort()

        self.page.route("**/*", route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=60_000)

    def clean(self) -> bool:
        return self.requests == [self.url] and self.errors == []

    def download(self, button: str) -> bytes:
        with self.page.expect_download(timeout=30_000) as info:
            self.page.click(button)
        return Path(info.value.path()).read_bytes()

    def close(self):
        self.page.close()


def mean_colour(chromium, png: bytes, box: dict) -> list[float]:
    """The mean R, G, B of a box of a screenshot and its share of dark (ink) pixels,
    decoded by a blank page's canvas."""
    decoder = chromium.new_page()
    try:
        return decoder.evaluate("""async ([src, b]) => {
            const img = new Image(); img.src = src; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
            const px = ctx.getImageData(b.x, b.y, b.width, b.height).data; const sum = [0, 0, 0, 0];
            for (let i = 0; i < px.length; i += 4) {
              for (let k = 0; k < 3; k++) sum[k] += px[i + k];
              if (px[i] + px[i + 1] + px[i + 2] < 3 * 140) sum[3]++; }
            return sum.map(s => s / (px.length / 4)); }""",
                                [f"data:image/png;base64,{base64.b64encode(png).decode()}",
                                 {k: round(v) for k, v in box.items()}])
    finally:
        decoder.close()


@pytest.mark.parametrize("size", [(1600, 1000), (1366, 768)])
def test_gaps_headers_and_labels_are_drawn_readably(browser, corpus_page, size):  # noqa: F811
    path, data = corpus_page
    dash = Dash(browser, path, *size)
    try:
        assert dash.clean()
        heads = dash.page.eval_on_selector_all("g.column-head text:first-of-type", "ts => ts.map(t => t.textContent)")
        assert heads == [c["label"] for c in data["columns"]]
        gaps = [x for x in data["links"] if x["gap"]]
        assert dash.page.locator("g.link.gap").count() == len(gaps)
        for link in gaps:
            marker = dash.page.locator(f'g.link.gap[data-link="{link["id"]}"] rect.gap-marker')
            marker.scroll_into_view_if_needed()
            box = marker.bounding_box()
            assert box and box["width"] > 20 and box["height"] > 10
            assert 0 <= box["x"] and box["x"] + box["width"] <= size[0] and 0 <= box["y"] <= size[1]
            assert dash.page.locator(f'#ch-gaps button[data-link="{link["id"]}"]').is_visible()
        smallest = dash.page.evaluate("""Math.min(...Array.from(document.querySelectorAll('#ch-board text'))
                                         .map(t => parseFloat(getComputedStyle(t).fontSize)))""")
        assert smallest >= 11
        headers = dash.page.locator("g.column-head").all()
        assert all(h.bounding_box()["width"] >= 150 for h in headers)           # no squeezed columns
        assert dash.page.locator("#ch-table tbody tr").count() == len(data["rows"])
        dash.page.evaluate("document.getElementById('ch-board').scrollTo(0, 0)")
        shot = dash.page.screenshot()
        gap = dash.page.locator(f'g.link.gap[data-link="{gaps[0]["id"]}"] > rect').first.bounding_box()
        present = next(x for x in data["links"] if x["projects"] and x["column"] <= 2)
        full = dash.page.locator(f'g.link.present[data-link="{present["id"]}"] > rect').first.bounding_box()
        board = dash.page.locator("#ch-board").bounding_box()
        grey, filled, whole = (mean_colour(browser, shot, b) for b in (gap, full, board))
        assert 0.002 < whole[3] < 0.5                      # not blank: text and lines are drawn
        assert grey[3] > 0.002 and filled[3] > 0.002       # both cards carry their labels
        assert sum(abs(a - b) for a, b in zip(grey[:3], filled[:3])) > 10   # a gap looks unlike a filled link
        assert abs(grey[0] - grey[2]) < 6 and filled[0] - filled[2] > 6    # greyed vs. orange project boxes
        assert dash.clean()
    finally:
        dash.close()


def test_a_long_chain_fits_a_wide_window_before_it_scrolls(browser, corpus_store, tmp_path):  # noqa: F811
    page, board = make_chain_page(corpus_store, "光伏", q.ALL_REGIONS)
    assert len(page_data(board, "t")["columns"]) >= 7          # more columns than fit at full width
    path = tmp_path / "long.html"
    path.write_text(page, "utf-8")
    dash = Dash(browser, path)
    try:
        assert dash.page.evaluate("(b => b.scrollWidth <= b.clientWidth)(document.getElementById('ch-board'))")
        headers = dash.page.locator("g.column-head").all()
        assert all(h.bounding_box()["width"] >= 150 for h in headers)
        assert dash.clean()
    finally:
        dash.close()


def table_column(dash, n: int) -> list[str]:
    return dash.page.eval_on_selector_all(f"#ch-table tbody tr td:nth-child({n})", "ts => ts.map(t => t.textContent)")


def test_table_sorts_by_click_and_keyboard(browser, corpus_page):  # noqa: F811
    path, data = corpus_page
    dash = Dash(browser, path)
    try:
        dash.page.click('#ch-table thead button[data-key="year"]')
        years = table_column(dash, 7)
        assert years == sorted(years, key=lambda y: (y == "", y))
        assert dash.page.get_attribute("#ch-table thead th:nth-child(7)", "aria-sort") == "ascending"
        dash.page.click('#ch-table thead button[data-key="year"]')
        assert table_column(dash, 7)[0] == max(years)
        dash.page.focus('#ch-table thead button[data-key="projectLabel"]')
        dash.page.keyboard.press("Enter")
        names = table_column(dash, 3)
        assert names == dash.page.evaluate("ns => ns.slice().sort((a, b) => a.localeCompare(b, 'zh'))", names)
        assert sorted(names) == sorted(data["projects"][r["project"]]["label"] for r in data["rows"])
        assert dash.clean()
    finally:
        dash.close()


def test_csv_png_and_svg_are_made_in_the_page(browser, corpus_page, corpus_store):  # noqa: F811
    path, data = corpus_page
    dash = Dash(browser, path)
    try:
        text = dash.download("#ch-csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        expected = library_rows(corpus_store, "chain-enterprises", REGION)
        assert len(rows) == len(expected)
        label = {r["project"]: q.label_of(corpus_store, _iri(r["project"])) for r in expected}
        assert sorted(r["project"] for r in rows) == sorted(label[r["project"]] for r in expected)
        assert all(r["evidence"] and re.search(r"\d{4}年", r["report"]) for r in rows if r["evidence"])
        png = dash.download("#ch-png")
        assert png.startswith(b"\x89PNG") and len(png) > 20_000
        svg = ET.fromstring(dash.download("#ch-svg"))
        texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert texts.count("缺失 gap") == len(data["gaps"])
        assert dash.clean()                                 # downloads are blobs, no request
    finally:
        dash.close()


def _iri(value: str):
    from pyoxigraph import NamedNode

    return NamedNode(value)


def test_box_and_row_select_each_other_and_show_evidence(browser, corpus_page):  # noqa: F811
    path, data = corpus_page
    dash = Dash(browser, path)
    try:
        pid, project = next((k, p) for k, p in data["projects"].items() if p["evidence"])
        dash.page.locator(f'g.project[data-project="{pid}"]').first.click()
        assert dash.page.locator(f'#ch-table tbody tr.selected[data-project="{pid}"]').count() >= 1
        assert dash.page.locator("#ch-details h2").first.inner_text() == project["label"]
        cites = dash.page.eval_on_selector_all("#ch-details cite", "cs => cs.map(c => c.textContent)")
        assert cites and all(re.search(r"\d{4}年", c) for c in cites)         # whose report, which year
        other = next(r for r in data["rows"] if r["project"] != pid)
        dash.page.click(f'#ch-table tbody tr[data-project="{other["project"]}"]')
        selected = dash.page.eval_on_selector_all("#ch-board rect[data-selected]", "rs => rs.length")
        assert selected == len(data["projects"][other["project"]]["links"])
        gap = next(x for x in data["links"] if x["gap"])
        dash.page.click(f'#ch-gaps button[data-link="{gap["id"]}"]')
        assert "缺失 gap" in dash.page.locator("#ch-details .kind").inner_text()
        assert dash.clean()
    finally:
        dash.close()


def test_hostile_text_stays_text_and_all_evidence_is_reachable(browser, small_page):  # noqa: F811
    dash = Dash(browser, small_page)
    try:
        assert dash.page.evaluate("window.__pwned") is None
        assert dash.page.evaluate("document.querySelectorAll('img, b, #ch-details script').length") == 0
        owners = table_column(dash, 4)
        assert any(o.startswith("</script><img src=x onerror=") for o in owners)
        assert any("<b onmouseover=alert(1)>东川</b>" in p for p in table_column(dash, 3))
        smelter = dash.page.evaluate("Object.keys(regionkgChain.data.projects).find("
                                     "k => regionkgChain.data.projects[k].label === '青禾铝业30万吨电解铝项目')")
        dash.page.evaluate("id => regionkgChain.select('project', id)", smelter)
        seen: list[str] = []
        for _ in range(5):
            seen += dash.page.eval_on_selector_all("#ch-details blockquote p", "ps => ps.map(p => p.textContent)")
            nxt = dash.page.locator("#ch-details button.more", has_text="next")
            if nxt.count() == 0 or nxt.is_disabled():
                break
            nxt.click()
        assert len(seen) == MANY + 1 and len(set(seen)) == MANY + 1     # every sentence, once
        assert dash.page.locator("#ch-details mark").first.inner_text() in ("青禾铝业30万吨电解铝项目", "30万吨电解铝")
        foil = dash.page.evaluate("Object.keys(regionkgChain.data.projects).find("
                                  "k => regionkgChain.data.projects[k].label.includes('onmouseover'))")
        dash.page.evaluate("id => regionkgChain.select('project', id)", foil)
        assert "window.__pwned=1" in dash.page.locator("#ch-details blockquote p").first.inner_text()
        assert "__pwned=4" in dash.page.locator("#ch-details cite").first.inner_text()
        text = dash.download("#ch-csv").decode("utf-8-sig")
        assert "</script><img src=x onerror=" in text
        assert dash.page.evaluate("window.__pwned") is None and dash.clean()
    finally:
        dash.close()


def test_endpoint_gives_the_same_page(tmp_path_factory, tmp_path, small_file, small_page):
    from servers import OxigraphServers

    servers = OxigraphServers(lambda: tmp_path_factory.mktemp("oxigraph"))
    try:
        base = servers.start(union=True).removesuffix("/query")
        assert main(["push", "--graph", str(small_file), "--to", base, "-q"]) == 0
        out = tmp_path / "remote.html"
        assert main(["view", "--chain", CHAIN, "--region", "青禾省", "--endpoint", base, "-o", str(out)]) == 0
        assert out.read_text("utf-8") == small_page.read_text("utf-8")
    finally:
        servers.stop()
