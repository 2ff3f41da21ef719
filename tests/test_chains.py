"""Chain answers (issue 14): industries of projects from their product, the chain model as
data written into every graph, queries that count what they say and reject names the graph
lacks, and `regionkg chains`. On two short texts written for these tests (tests/data_chains)."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from pyoxigraph import RdfFormat, Store

from conftest import ROOT
from regionkg.chains_command import model_turtle
from regionkg.cli import main
from regionkg.extract.lexicon import use_user_lists
from regionkg.graph import Graph
from regionkg.rdf.chains import chain_model

DATA = ROOT / "tests" / "data_chains"
PREFIXES = """PREFIX rkg: <https://w3id.org/regionkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@pytest.fixture(scope="module")
def ttl(tmp_path_factory):
    out = tmp_path_factory.mktemp("chains") / "graph.ttl"
    assert main(["build", str(DATA), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def plain(ttl) -> Store:
    """The graph file in a plain SPARQL store: no regionkg code between the user and it."""
    store = Store()
    store.load(path=str(ttl), format=RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def graph(ttl) -> Graph:
    return Graph.load(ttl)


def select(store: Store, body: str) -> set[str]:
    return {row[0].value for row in store.query(PREFIXES + body)}


def label_of(store, project: str, prop: str) -> set[str]:
    return select(store, f"""SELECT ?l WHERE {{ ?p rdfs:label "{project}"@zh ; rkg:{prop} ?i . ?i rdfs:label ?l }}""")


# ---------------------------------------------------------------- 1. industries from the product

def test_a_project_is_in_its_product_and_in_its_heading_industry(plain):
    foil = "星耀铝业8万吨电池箔项目"
    assert label_of(plain, foil, "inIndustry") == {"电池箔", "铝基新材料"}
    assert label_of(plain, foil, "product") == {"电池箔"}
    assert label_of(plain, "东岭能源5万千瓦分散式风电项目", "product") == {"分散式风电"}


def test_a_declared_product_puts_a_project_in_its_chain(pipeline):
    from conftest import run

    doc = run(pipeline, "某某县人民政府工作报告\n推进甲乳业10万吨液态奶项目建设。")
    (project,) = [key for kind, key in doc.entities if kind == "Project"]
    industries = {f.object[1] for f in doc.facts if f.predicate == "inIndustry" and f.subject[1] == project}
    assert "液态奶" in industries
    assert "乳业" in chain_model().chains_of("液态奶")


# ---------------------------------------------------------------- 2. the chain model is data, in every file

def test_a_graph_file_is_self_contained(plain):
    chains = select(plain, "SELECT ?l WHERE { ?c a rkg:IndustryChain ; rdfs:label ?l FILTER(lang(?l) = 'zh') }")
    assert {"铝产业链", "煤化工产业链"} <= chains
    links = select(plain, """SELECT ?l WHERE { ?c rdfs:label "铝产业链"@zh . ?i rkg:partOfChain ?c ; rdfs:label ?l }""")
    assert {"电解铝", "电池箔", "高纯铝", "再生铝"} <= links
    upstream = select(plain, """SELECT ?l WHERE { ?u rkg:upstreamOf ?d . ?d rdfs:label "电解铝"@zh . ?u rdfs:label ?l }""")
    assert "电力" in upstream and "电池箔" not in upstream
    stages = select(plain, "SELECT ?l WHERE { rkg:Operating rdfs:label ?l }")
    assert stages


def test_every_node_has_one_zh_label(plain):
    rows = plain.query("""SELECT ?s (COUNT(?l) AS ?n) WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l
                          FILTER(lang(?l) = "zh") } GROUP BY ?s HAVING (COUNT(?l) > 1)""")
    assert list(rows) == []


def test_kinds_join_a_chain_and_a_name_alone_does_not(plain):
    broader = select(plain, """SELECT ?l WHERE { ?i rdfs:label "分散式风电"@zh ; skos:broader ?b . ?b rdfs:label ?l }""")
    assert broader == {"风电"}
    aluminium = select(plain, """SELECT ?l WHERE { ?c rdfs:label "铝产业链"@zh . ?i rkg:partOfChain ?c ; rdfs:label ?l }""")
    assert not {"风电", "海上风电", "分散式风电", "风电装备"} & aluminium
    # an industry that only contains a known name (风电装备 ⊃ 风电) is no kind of it
    kinds = select(plain, """SELECT ?l WHERE { ?i rdfs:label "风电装备"@zh ; (skos:broader|skos:broadMatch)+ ?b .
                                              ?b rdfs:label ?l }""")
    assert "风电" not in kinds


def test_chain_partners_are_not_found_by_name(graph):
    partners = {r["partner"] for r in graph.query("chain-partners", chain="铝", region="开鲁县")}
    assert "海口市" not in partners        # offshore wind is no aluminium link
    wind = {r["partner"] for r in graph.query("chain-partners", chain="氢能", region="开鲁县")}
    assert "海口市" in wind


def test_user_rows_extend_the_chain_model(tmp_path, capsys):
    links = tmp_path / "chain_links.tsv"
    links.write_text("chain\tindustry\tsupplies\tsource\n铝\t铝灰渣利用\t\ttest\n", "utf-8")
    try:
        assert main(["chains", "铝", "--lexicon", str(links), "--format", "json"]) == 0
        assert "铝灰渣利用" in {r["link"] for r in json.loads(capsys.readouterr().out)}
    finally:
        use_user_lists([])
    assert "铝灰渣利用" not in chain_model().links


def test_the_shipped_model_file_is_current():
    assert (ROOT / "ontology" / "chains.ttl").read_bytes() == model_turtle(chain_model())


def test_the_model_data_is_consistent():
    model = chain_model()
    keys = {c.key for c in model.chains}
    assert all(set(cs) <= keys for cs in model.links.values())
    for name in model.broader:            # kinds lead upwards only: no cycles
        assert name not in model.kinds_of(name)[1:], name
    supply = nx.DiGraph((a, b) for a, bs in model.supplies.items() for b in bs)
    assert list(nx.simple_cycles(supply)) == []      # supply runs one way: upstream closures end
    both = [(a, b) for a, b in supply.edges if a in model.kinds_of(b) or b in model.kinds_of(a)]
    assert both == []                                # a kind of an industry does not also supply it
    own = [n for n in model.nodes() if n in supply and any(
        k in supply and nx.has_path(supply, s, k) for s in supply.successors(n) for k in model.kinds_of(n))]
    assert own == []                                 # nothing is upstream of itself through its kinds


# ---------------------------------------------------------------- 3. queries that are right and say so

def test_coverage_counts_projects_in_narrower_industries(graph):
    rows = {r["link"]: r for r in graph.query("chain-coverage", chain="铝", region="开鲁县")}
    assert rows["电池箔"]["present"] == rows["铝箔"]["present"] == "true"    # 电池箔 is a kind of 铝箔
    assert rows["高纯铝"]["present"] == "false" and rows["高纯铝"]["planned"] == "true"
    missing = {r["missing"] for r in graph.query("missing-links", chain="铝", region="开鲁县")}
    assert {"高纯铝", "再生铝"} <= missing and not {"电池箔", "铝箔"} & missing
    assert missing == {k for k, r in rows.items() if r["present"] == "false"}


def test_capacity_totals_add_kinds_but_never_other_products(graph):
    wind = {(r["place"], r["unit"]): r["total"] for r in graph.query("capacity-by-region", industry="风电", region="开鲁县")}
    assert wind == {("开鲁县", "千瓦"): "150000"}          # the 分散式风电 project counts as wind power
    totals = {(r["industry"], r["unit"]): r for r in graph.query("capacity-by-industry", region="开鲁县")}
    umbrella = totals[("铝基新材料", "吨")]
    assert umbrella["total"] == "80000" and umbrella["products"] == "电池箔"   # not the gypsum under the heading


def test_region_industries_counts_the_reports_that_say_so(graph):
    rows = {r["industry"]: r["reports"] for r in graph.query("region-industries", region="开鲁县")}
    assert rows["高纯铝"] == "1"
    offshore = {r["industry"]: r["reports"] for r in graph.query("region-industries", region="海口市")}
    assert offshore.get("海上风电") == "1"


def test_region_all_reaches_every_region(graph):
    places = {r["place"] for r in graph.query("capacity-by-region", industry="风电")}     # region 全国 by default
    assert places == {"开鲁县", "海口市"}
    assert graph.query("chain-enterprises", chain="氢能", region="全国") == graph.query("chain-enterprises", chain="氢能")


def test_a_name_that_matches_nothing_is_an_error_with_near_names(ttl, capsys):
    base = ["query", "missing-links", "--graph", str(ttl)]
    assert main([*base, "--param", "chain=铝", "--param", "region=火星市"]) == 2
    assert "no region named '火星市'" in capsys.readouterr().err
    assert main([*base, "--param", "chain=铝产", "--param", "region=开鲁县"]) == 2
    err = capsys.readouterr().err
    assert "no chain named" in err and "铝产业链" in err
    assert main([*base, "--param", "chain=铝"]) == 2                        # a needed parameter left out
    assert "needs region" in capsys.readouterr().err
    assert main(["view", "--graph", str(ttl), "--chain", "铝产", "-o", str(ttl.with_suffix(".html"))]) == 2


def test_chains_command_lists_chains_and_links(capsys):
    assert main(["chains", "--format", "json"]) == 0
    chains = {r["chain"]: r for r in json.loads(capsys.readouterr().out)}
    assert "铝" in chains and "煤电铝" in chains["铝"]["names"] and int(chains["铝"]["links"]) >= 8
    assert main(["chains", "铝", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "link,supplies,kinds,other chains"
    order = [ln.split(",")[0] for ln in lines[1:]]
    assert order.index("电力") < order.index("电解铝") < order.index("电池箔")      # upstream first
    assert main(["chains", "没有这条链"]) == 2
