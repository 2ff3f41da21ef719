"""`regionkg push`, `query --endpoint` and `view --endpoint` against a real Oxigraph server on
loopback (its default graph the union), and a proxy that answers 503, 429 or HTML first."""
from __future__ import annotations

import base64
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Variable,
    parse,
)
from regionkg import Graph, __version__
from regionkg.cli import main
from regionkg.http import EndpointError, Http, NotSparqlResults, default_user_agent
from regionkg.link.endpoint import SparqlEndpoint
from regionkg.query import library
from regionkg.remote.endpoints import Endpoints, resolve
from regionkg.remote.push import Pusher, PushStats, store_graphs
from regionkg.remote.sparql import RemoteStore, bind_values, connect, where_clause_start
from regionkg.view.model import read_view_graph
from servers import OxigraphServers, Proxy

DATA = ROOT / "tests" / "data"
REPORT_2024 = NamedNode("https://w3id.org/regionkg/resource/report/tongliao-2024")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
HOSTILE = ['铝"} ; DROP ALL ; #\\', '铝" ) } } SELECT * WHERE { ?s ?p ?o } #', "铝'''\"\"\"\n}",
           '\\u0022 } #', "铝\\", "<http://example.org/x>", "?chain", '"@zh']


# ---------------------------------------------------------------- graphs and servers

def _build(reports: Path, store: Path) -> None:
    assert main(["build", str(reports), "--store", str(store), "-q"]) == 0


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The three test reports built into a store, and a second store where the 2024 report was
    rewritten: one project changes stage, another appears."""
    tmp = tmp_path_factory.mktemp("push")
    reports, changed = tmp / "reports", tmp / "changed"
    for folder in (reports, changed):
        folder.mkdir()
        for f in sorted(DATA.glob("*.txt")):
            shutil.copy(f, folder / f.name)
    text = (changed / "tongliao-2024.txt").read_text("utf-8")
    (changed / "tongliao-2024.txt").write_text(
        text.replace("北辰铝业10万吨电池箔项目建成投产。", "北辰铝业10万吨电池箔项目开工建设。星河能源50万千瓦光伏项目签约落地。"), "utf-8")
    _build(reports, tmp / "store")
    _build(changed, tmp / "store-changed")
    return {"store": tmp / "store", "changed": tmp / "store-changed", "tmp": tmp}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    servers = OxigraphServers(lambda: tmp_path_factory.mktemp("oxigraph"))
    yield servers
    servers.stop()


@pytest.fixture
def server(servers) -> str:
    """A fresh, empty server whose default graph is the union → its base URL."""
    return servers.start(union=True).removesuffix("/query")


@pytest.fixture(scope="module")
def pushed(servers, built) -> str:
    """A server holding the first store, pushed once → its base URL (tests only read it)."""
    base = servers.start(union=True).removesuffix("/query")
    assert main(["push", "--store", str(built["store"]), "--to", base, "-q"]) == 0
    return base


def server_graph(base: str, graph: NamedNode | None) -> list[str]:
    """The triples of one graph on the server, as sorted N-Triples lines (Graph Store GET)."""
    param = "default" if graph is None else "graph=" + urllib.parse.quote(graph.value, safe="")
    req = urllib.request.Request(f"{base}/store?{param}", headers={"Accept": "application/n-triples"})
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise
    return sorted(str(q.triple) for q in parse(body, RdfFormat.N_TRIPLES))


def open_store(path: Path) -> Store:
    """A store read-only: the commands under test may open it at the same time."""
    return Store.read_only(str(path))


def local_graph(store: Store, graph: NamedNode | None) -> list[str]:
    g = DefaultGraph() if graph is None else graph
    return sorted(str(q.triple) for q in store.quads_for_pattern(None, None, None, g))


def graph_names(store: Store) -> list[NamedNode | None]:
    return [None, *sorted(store.named_graphs(), key=lambda g: g.value)]


def assert_same_contents(base: str, store_dir: Path) -> None:
    store = open_store(store_dir)
    remote = RemoteStore(base)
    assert sorted(g.value for g in remote.named_graphs()) == sorted(g.value for g in store.named_graphs())
    for g in graph_names(store):
        lines = server_graph(base, g)
        assert lines == local_graph(store, g), g
        if g is not None:
            assert remote.count(g) == len(lines) > 0
    del store


# ---------------------------------------------------------------- push

def test_push_puts_every_graph_of_the_store(pushed, built, capsys):
    assert_same_contents(pushed, built["store"])
    store = open_store(built["store"])
    names = {g.value for g in store.named_graphs()}
    assert REPORT_2024.value in names
    assert len(names) == 3  # three reports; the gazetteer regions and the chain model in the default graph
    default = server_graph(pushed, None)
    assert any("IndustryChain" in line for line in default)


@pytest.mark.parametrize("mode", [[], ["--batch-size", "37"], ["--update"], ["--update", "--batch-size", "37"]],
                         ids=["gsp", "gsp-batches", "update", "update-batches"])
def test_a_rebuilt_report_replaces_its_graph(server, built, mode, capsys):
    store, changed = built["store"], built["changed"]
    assert main(["push", "--store", str(store), "--to", server, *mode]) == 0
    assert "pushed 4 graphs" in capsys.readouterr().err
    assert_same_contents(server, store)
    old = server_graph(server, REPORT_2024)

    assert main(["push", "--store", str(changed), "--to", server, "-q", *mode]) == 0
    assert_same_contents(server, changed)
    new = server_graph(server, REPORT_2024)
    gone = set(old) - set(new)
    assert gone and set(new) - set(old)              # the rewritten report did change its graph
    assert any("Operating" in line for line in gone)  # 建成投产 → 开工建设: the old stage is gone
    assert len(new) == len(set(new)) == RemoteStore(server).count(REPORT_2024)
    assert any("光伏项目" in line for line in new)


@pytest.mark.parametrize("mode", [[], ["--update"]], ids=["gsp", "update"])
def test_after_an_incremental_build_only_changed_graphs_travel(server, tmp_path, mode, capsys):
    reports, store = tmp_path / "reports", tmp_path / "store"
    shutil.copytree(DATA, reports)
    _build(reports, store)
    assert main(["push", "--store", str(store), "--to", server, *mode]) == 0
    assert "pushed 4 graphs (0 unchanged since the last push, 0 dropped)" in capsys.readouterr().err
    # one report rewritten, one deleted: the store is updated in place
    text = (reports / "tongliao-2024.txt").read_text("utf-8")
    (reports / "tongliao-2024.txt").write_text(text.replace("建成投产", "开工建设", 1), "utf-8")
    (reports / "baotou-2023.txt").unlink()
    _build(reports, store)
    assert main(["push", "--store", str(store), "--to", server, *mode]) == 0
    err = capsys.readouterr().err
    assert "(1 unchanged since the last push, 1 dropped)" in err
    assert "pushed 1 graphs" in err or "pushed 2 graphs" in err     # the report, and the default graph if it changed
    assert_same_contents(server, store)                          # the deleted report's graph is gone too
    assert main(["push", "--store", str(store), "--to", server, *mode]) == 0
    assert "pushed 0 graphs (2 unchanged since the last push, 0 dropped)" in capsys.readouterr().err
    assert main(["push", "--store", str(store), "--to", server, "--all", *mode]) == 0
    assert "pushed 3 graphs" in capsys.readouterr().err
    assert_same_contents(server, store)


@pytest.fixture(scope="module")
def graph_files(built) -> tuple[Path, Path]:
    """The test reports built as Turtle and as TriG."""
    ttl, trig = built["tmp"] / "graph.ttl", built["tmp"] / "graph.trig"
    reports = built["tmp"] / "reports"
    assert main(["build", str(reports), "-o", str(ttl), "-q"]) == 0
    assert main(["build", str(reports), "-o", str(trig), "-q"]) == 0
    return ttl, trig


def test_graph_files_go_to_the_default_or_a_named_graph(server, graph_files):
    ttl, trig = graph_files
    target = NamedNode("http://example.org/graph/all")
    assert main(["push", "--graph", str(ttl), "--to", server, "--graph-iri", target.value, "-q"]) == 0
    file_triples = sorted(str(q.triple) for q in parse(path=str(ttl), format=RdfFormat.TURTLE))
    assert server_graph(server, target) == file_triples
    assert server_graph(server, None) == []
    assert any("IndustryChain" in line for line in file_triples)   # the file carries the chain model itself
    assert RemoteStore(server).count(NamedNode("https://w3id.org/regionkg/resource/graph/model")) == 0

    assert main(["push", "--graph", str(trig), "--to", server, "-q", "--no-model"]) == 0
    quads = list(parse(path=str(trig), format=RdfFormat.TRIG))
    assert server_graph(server, REPORT_2024) == sorted(str(q.triple) for q in quads if q.graph_name == REPORT_2024)
    assert server_graph(server, None) == sorted(str(q.triple) for q in quads if q.graph_name == DefaultGraph())


def test_the_old_spellings_of_push_still_work(server, graph_files, capsys):
    """`push GRAPH --endpoint URL --graph IRI` was `push --graph GRAPH --to URL --graph-iri IRI`."""
    ttl, _ = graph_files
    target = NamedNode("http://example.org/graph/old")
    assert main(["push", str(ttl), "--endpoint", server, "--graph", target.value, "-q"]) == 0
    err = capsys.readouterr().err
    for old, new in (("graph files as arguments", "--graph FILE"), ("--endpoint", "--to URL"),
                     ("--graph IRI", "--graph-iri IRI")):
        assert f"regionkg push: deprecated: {old}; use {new}\n" in err
    assert server_graph(server, target) == sorted(str(q.triple) for q in parse(path=str(ttl), format=RdfFormat.TURTLE))
    assert server_graph(server, None) == []


def test_push_refuses_what_it_cannot_do(built, capsys):
    store = str(built["store"])
    assert main(["push", "--store", store]) == 2                                      # no server
    assert main(["push", "--store", store, "--to", "http://example.org/sparql"]) == 2  # no data URL
    assert "--data URL" in capsys.readouterr().err
    assert main(["push", "--store", store, "--to", "ftp://example.org/"]) == 2
    assert main(["push", "--to", "http://127.0.0.1:9"]) == 2                    # nothing to push
    assert main(["push", "--store", store, "--to", "http://127.0.0.1:9", "--graph-iri", "no iri"]) == 2


# ---------------------------------------------------------------- retries and errors

def test_503_and_429_are_retried(server, built, capsys):
    proxy = Proxy(server)
    try:
        proxy.plan = ["503:0", "429:0", "pass", "503:0"]
        assert main(["push", "--store", str(built["store"]), "--data", proxy.url + "/store"]) == 0
        err = capsys.readouterr().err
        assert err.count("retrying") == 3 and "HTTP 503" in err and "HTTP 429" in err
        acts = [act for _, _, act in proxy.log]
        assert acts[:4] == ["503:0", "429:0", "pass", "503:0"] and len(acts) == 4 + 3
        assert_same_contents(server, built["store"])
    finally:
        proxy.close()


def test_user_and_password_answer_a_challenge(server, built, monkeypatch, capsys):
    proxy = Proxy(server)
    try:
        proxy.basic = "loader:s3cret"
        store = str(built["store"])
        assert main(["push", "--store", store, "--data", proxy.url + "/store", "-q"]) == 1
        assert "HTTP 401" in capsys.readouterr().err
        monkeypatch.setenv("REGIONKG_PASSWORD", "s3cret")
        assert main(["push", "--store", store, "--data", proxy.url + "/store", "-q", "--user", "loader"]) == 0
        assert_same_contents(server, built["store"])
    finally:
        proxy.close()


def test_query_and_view_log_in_where_the_server_asks(pushed, tmp_path, monkeypatch, capsys):
    proxy = Proxy(pushed)
    try:
        proxy.basic = "reader:s3cret"
        query = ["query", "chain-enterprises", "--endpoint", proxy.url, "--param", "chain=铝", "--format", "tsv"]
        assert main(query) == 1
        assert "HTTP 401" in capsys.readouterr().err
        monkeypatch.setenv("REGIONKG_PASSWORD", "s3cret")
        assert main([*query, "--user", "reader"]) == 0
        rows = capsys.readouterr().out
        assert main(["query", "chain-enterprises", "--endpoint", pushed, "--param", "chain=铝", "--format", "tsv"]) == 0
        assert rows == capsys.readouterr().out and rows.count("\n") > 1
        page = tmp_path / "page.html"
        assert main(["view", "--endpoint", proxy.url, "--user", "reader", "-o", str(page), "--chain", "铝"]) == 0
        assert page.stat().st_size > 10_000
    finally:
        proxy.close()


def test_backoff_without_retry_after_and_giving_up(server, built):
    proxy = Proxy(server)
    waits: list[float] = []
    try:
        proxy.plan = ["500", "503", "pass"]
        http = Http(retries=2, backoff=0.5, sleep=waits.append)
        stats = Pusher(Endpoints(data=proxy.url + "/store"), http).push(store_graphs(open_store(built["store"])))
        assert waits == [0.5, 1.0] and stats.graphs == 4 and stats.requests == 6
        proxy.plan = ["502"] * 3
        with pytest.raises(EndpointError, match="gave up after 3 tries"):
            Pusher(Endpoints(data=proxy.url + "/store"), http).push(store_graphs(open_store(built["store"])))
        proxy.plan = ["400"]
        with pytest.raises(EndpointError, match="HTTP 400"):       # not retried
            Pusher(Endpoints(data=proxy.url + "/store"), http).push(store_graphs(open_store(built["store"])))
        assert [act for _, _, act in proxy.log][-1] == "400"
    finally:
        proxy.close()


def test_a_query_answered_with_html_is_an_error(pushed, capsys):
    proxy = Proxy(pushed)
    try:
        proxy.plan = ["pass", "pass", "html"]  # two for the union check, then the query
        assert main(["query", "reports", "--endpoint", proxy.url + "/query"]) == 1
        assert "not SPARQL results" in capsys.readouterr().err
        proxy.plan = ["html"]
        with pytest.raises(NotSparqlResults):
            list(RemoteStore(proxy.url + "/query").query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
    finally:
        proxy.close()


def test_a_server_without_union_default_graph_is_refused(servers, built, capsys):
    base = servers.start(union=False).removesuffix("/query")
    assert main(["push", "--store", str(built["store"]), "--to", base, "-q"]) == 0
    assert main(["query", "reports", "--endpoint", base]) == 1
    assert "--union-default-graph" in capsys.readouterr().err
    assert main(["view", "--endpoint", base, "-o", str(built["tmp"] / "x.html")]) == 1


# ---------------------------------------------------------------- one HTTP layer for link and push

def link_ask(base: str, **options) -> bool | None:
    """`regionkg link`'s client (SPARQLWrapper's request, sent by the layer): one ASK to `base`/query."""
    return SparqlEndpoint(base + "/query", timeout=5, backoff=0.05, **options).query("ASK { ?s ?p ?o }").boolean


def push_store(base: str, store: Path, **options) -> PushStats:
    """`regionkg push`'s client: the store's graphs to `base`/store, the default graph first."""
    http = Http(timeout=5, backoff=0.05, **options)
    return Pusher(Endpoints(data=base + "/store"), http).push(store_graphs(open_store(store)))


def test_link_and_push_wait_for_retry_after_alike(server, built):
    waits: dict[str, list[float]] = {"push": [], "link": []}
    notes: dict[str, list[str]] = {"push": [], "link": []}
    proxy = Proxy(server)
    try:
        proxy.plan = ["503:7"]
        stats = push_store(proxy.url, built["store"], sleep=waits["push"].append, log=notes["push"].append)
        proxy.plan = ["503:7"]
        assert link_ask(proxy.url, sleep=waits["link"].append, log=notes["link"].append) is True
    finally:
        proxy.close()
    assert waits == {"push": [7.0], "link": [7.0]}  # what Retry-After asked, not the 0.05 s back-off
    assert notes == {"push": [f"PUT {proxy.url}/store?default: HTTP 503; retrying in 7.0 s"],
                     "link": [f"POST {proxy.url}/query: HTTP 503; retrying in 7.0 s"]}
    acts = [(method, act) for method, _, act in proxy.log]
    assert acts[:2] == [("PUT", "503:7"), ("PUT", "pass")] and acts[-2:] == [("POST", "503:7"), ("POST", "pass")]
    assert stats.requests == len(acts) - 2 and stats.graphs == 4


def test_link_and_push_send_one_user_agent(server, built, monkeypatch):
    monkeypatch.delenv("REGIONKG_USER_AGENT", raising=False)
    proxy = Proxy(server)
    try:
        push_store(proxy.url, built["store"])
        link_ask(proxy.url)
        first = len(proxy.seen)
        monkeypatch.setenv("REGIONKG_USER_AGENT", "lab-regionkg/1.0 (me@example.org)")
        push_store(proxy.url, built["store"])
        link_ask(proxy.url)
    finally:
        proxy.close()
    agents = [(method, agent) for (method, _, _), (agent, _) in zip(proxy.log, proxy.seen)]
    assert {method for method, _ in agents} == {"PUT", "POST"}
    assert {agent for _, agent in agents[:first]} == {default_user_agent()}
    assert default_user_agent().startswith(f"RegionKG/{__version__} (https://w3id.org/regionkg; ")
    assert {agent for _, agent in agents[first:]} == {"lab-regionkg/1.0 (me@example.org)"}


def test_link_and_push_log_in_alike(server, built):
    proxy = Proxy(server)
    proxy.basic = "reader:s3cret"
    try:
        with pytest.raises(EndpointError) as push_refused:
            push_store(proxy.url, built["store"])
        with pytest.raises(EndpointError) as link_refused:
            link_ask(proxy.url)
        anonymous = len(proxy.seen)
        push_store(proxy.url, built["store"], user="reader", password="s3cret")
        assert link_ask(proxy.url, user="reader", password="s3cret") is True
    finally:
        proxy.close()
    assert push_refused.value.status == link_refused.value.status == 401
    assert {auth for _, auth in proxy.seen[:anonymous]} == {""}
    answered = [(method, auth) for (method, _, act), (_, auth) in zip(proxy.log, proxy.seen) if act == "pass"]
    expected = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    assert {auth for _, auth in answered} == {expected}
    assert sorted(method for method, _ in answered) == ["POST"] + ["PUT"] * 4  # each answered a challenge
    assert [act for _, _, act in proxy.log].count("401") == 2 + 5


def test_link_and_push_errors_name_the_url_and_the_status(server, built):
    proxy = Proxy(server)
    errors: dict[str, EndpointError] = {}
    try:
        for status, retries in (("400", 4), ("502", 1)):
            for name, client in (("push", lambda **o: push_store(proxy.url, built["store"], **o)),
                                 ("link", lambda **o: link_ask(proxy.url, **o))):
                proxy.plan = [status] * (retries + 1)
                with pytest.raises(EndpointError) as error:
                    client(retries=retries)
                errors[f"{name} {status}"] = error.value
    finally:
        proxy.close()
    push, link = f"PUT {proxy.url}/store?default", f"POST {proxy.url}/query"
    assert {key: (str(e), e.status) for key, e in errors.items()} == {
        "push 400": (f"{push}: HTTP 400 Bad Request: not now", 400),      # not retried
        "link 400": (f"{link}: HTTP 400 Bad Request: not now", 400),
        "push 502": (f"{push}: HTTP 502; gave up after 2 tries", 502),
        "link 502": (f"{link}: HTTP 502; gave up after 2 tries", 502)}
    assert [act for _, _, act in proxy.log] == ["400", "400", "502", "502", "502", "502"]


# ---------------------------------------------------------------- query and view --endpoint

# parameter values that name something in the test reports
TEST_VALUES = {"chain": "铝", "region": "通辽市", "industry": "风电", "enterprise": "北辰铝业", "name": "北辰铝业",
               "year": "2023", "before": "2023", "after": "2024"}


def _json_rows(capsys, argv: list[str]) -> list[dict]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_chain_enterprises_gives_the_same_rows(pushed, built, capsys):
    args = ["query", "chain-enterprises", "--param", "chain=铝", "--format", "json"]
    local = _json_rows(capsys, [*args, "--store", str(built["store"])])
    remote = _json_rows(capsys, [*args, "--endpoint", pushed])
    assert remote == local and len(local) >= 2
    foil = [r for r in remote if r["project"] == "北辰铝业10万吨电池箔项目"]
    assert len(foil) == 1 and foil[0]["enterprise"] == "北辰铝业" and foil[0]["place"] == "通辽市"
    assert {"电池箔", "铝基新材料"} <= set(foil[0]["industry"].split("、"))   # its product and its heading
    assert main(["query", "chain-enterprises", "--param", "chain=铝", "--endpoint", pushed + "/query"]) == 0


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_gives_the_same_rows(pushed, built, name, capsys):
    params = [f"--param={k}={TEST_VALUES[k]}" for k in library()[name].parameters]
    args = ["query", name, "--format", "json", "--iris", *params]
    local = _json_rows(capsys, [*args, "--store", str(built["store"])])
    remote = _json_rows(capsys, [*args, "--endpoint", pushed])
    key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)
    assert sorted(remote, key=key) == sorted(local, key=key)


def test_ask_and_the_python_api(pushed, built, tmp_path, capsys):
    ask = tmp_path / "ask.rq"
    ask.write_text("PREFIX rkg: <https://w3id.org/regionkg/ontology#>\nASK { ?p a rkg:Project }", "utf-8")
    assert _json_rows(capsys, ["query", str(ask), "--endpoint", pushed, "--format", "json"]) == [{"result": "true"}]
    remote, local = Graph.remote(pushed), Graph.open(built["store"])
    assert remote.query("chain-enterprises", chain="铝") == local.query("chain-enterprises", chain="铝")
    assert len(remote) > 0
    assert sorted(remote.to_networkx().nodes) == sorted(local.to_networkx().nodes)


def test_view_endpoint_draws_the_same_graph(pushed, built, tmp_path, capsys):
    for focus in ([], ["--chain", "铝", "--region", "通辽市"], ["--focus", "北辰铝业", "--depth", "1"]):
        pages = []
        for source in (["--endpoint", pushed], ["--store", str(built["store"])]):
            page = tmp_path / f"{len(pages)}.html"
            assert main(["view", *source, "-o", str(page), *focus]) == 0
            pages.append((page.read_bytes(), capsys.readouterr().err.split("→")[0]))
        # "regionkg: N nodes, M edges" (a chain dashboard: "N links, M gaps, K rows")
        assert pages[0][1] == pages[1][1] and ("nodes" in pages[0][1] or "gaps" in pages[0][1])
        assert pages[0][0] == pages[1][0]
    remote = read_view_graph(RemoteStore(pushed))
    local = read_view_graph(open_store(built["store"]))
    assert dict(remote.nodes(data=True)) == dict(local.nodes(data=True))
    construct = tmp_path / "c.rq"
    construct.write_text("PREFIX rkg: <https://w3id.org/regionkg/ontology#>\n"
                         "CONSTRUCT { ?e rkg:builds ?p } WHERE { ?e rkg:builds ?p }", "utf-8")
    assert main(["view", "--endpoint", pushed, "-o", str(tmp_path / "c.html"), "--query", str(construct)]) == 0


def test_validate_reads_a_server_as_it_reads_the_store(pushed, built, capsys):
    assert main(["validate", "--store", str(built["store"])]) == 0
    local = capsys.readouterr().out
    assert main(["validate", "--endpoint", pushed]) == 0
    remote = capsys.readouterr().out
    seconds = re.compile(r"\([0-9.]+ s\)")
    assert seconds.sub("", remote) == seconds.sub("", local) and " triples " in local


# ---------------------------------------------------------------- parameters are values, never query text

@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_param_is_inert(pushed, value, capsys):
    before = RemoteStore(pushed).count()
    assert main(["query", "chain-enterprises", "--endpoint", pushed, "--format", "json",
                 "--param", f"chain={value}"]) == 2
    assert "no chain named" in capsys.readouterr().err     # matches nothing: said so, and nothing changed
    assert RemoteStore(pushed).count() == before


def test_a_hostile_label_is_found_by_its_own_value(server, tmp_path, capsys):
    ttl = tmp_path / "labels.ttl"
    lines = [f'<http://example.org/n{i}> {RDFS_LABEL} {Literal(v, language="zh")} .' for i, v in enumerate(HOSTILE)]
    ttl.write_text("\n".join(lines) + "\n", "utf-8")
    assert main(["push", "--graph", str(ttl), "--to", server, "-q", "--no-model"]) == 0
    rq = tmp_path / "label.rq"
    rq.write_text("# Parameters: name = x\nSELECT ?name ?node WHERE { ?node <http://www.w3.org/2000/01/rdf-schema#label>"
                  " ?name }", "utf-8")
    for i, value in enumerate(HOSTILE):
        rows = _json_rows(capsys, ["query", str(rq), "--endpoint", server, "--format", "json", "--iris",
                                   "--param", f"name={value}"])
        assert rows == [{"node": f"http://example.org/n{i}"}], value


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("\\u0022 } #")
@example('a\\"""')
@example("\x00\x7f\ufffe\n\r")
def test_bound_values_come_back_unchanged(value):
    query = bind_values("SELECT ?x WHERE { }", {Variable("x"): Literal(value, language="zh")})
    rows = list(Store().query(query))
    assert len(rows) == 1 and rows[0]["x"] == Literal(value, language="zh")


QUERIES = {
    "SELECT ?x WHERE { ?x ?p ?o }": "SELECT ?x WHERE {",
    "PREFIX a: <http://e.org/x#>\n# a comment { with braces\nSELECT * { ?x ?p ?o }": "SELECT * {",
    "SELECT ?x (EXISTS { ?x ?p 1 } AS ?e) WHERE { ?x ?p ?o }": "AS ?e) WHERE {",
    "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }": "} WHERE {",
    'SELECT ("{" AS ?b) (\'}\' AS ?c) """ { """ WHERE { ?x ?p ?o }': '""" WHERE {',
    "ASK { ?x ?p ?o }": "ASK {",
    "select ?where where { ?x ?p ?where }": "where where {",
}


@pytest.mark.parametrize("query", QUERIES)
def test_the_where_clause_is_found(query):
    if '"""' in query:       # not valid SPARQL; the scanner still steps over the strings
        assert query[:where_clause_start(query)].endswith(QUERIES[query])
        return
    assert query[:where_clause_start(query)].endswith(QUERIES[query])
    store = Store()
    store.add(Quad(NamedNode("http://e.org/s"), NamedNode("http://e.org/p"), Literal("o")))
    bound = bind_values(query, {Variable("x"): NamedNode("http://e.org/s")})
    store.query(bound)  # parses
    with pytest.raises(ValueError):
        where_clause_start("DESCRIBE <http://e.org/s>")
    with pytest.raises(ValueError):
        bind_values("CONSTRUCT WHERE { ?x ?p ?o }", {Variable("x"): NamedNode("http://e.org/s")})


def test_endpoint_urls():
    assert resolve("http://127.0.0.1:7878") == Endpoints("http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store",
                                                          "http://127.0.0.1:7878/update")
    assert resolve("http://h:7878/query").data == "http://h:7878/store"
    fuseki = resolve("http://h:3030/ds/sparql", data="http://h:3030/ds/data")
    assert fuseki == Endpoints("http://h:3030/ds/sparql", "http://h:3030/ds/data", None)
    qlever = resolve("http://h:7001/?access-token=t", update="http://h:7001/?access-token=t")
    assert qlever == Endpoints("http://h:7001/?access-token=t", None, "http://h:7001/?access-token=t")
    with pytest.raises(ValueError):
        resolve("file:///etc/passwd")


def test_connect_checks_the_union(pushed):
    assert connect(pushed).default_graph_is_union()
    with pytest.raises(ValueError):
        list(RemoteStore(pushed).quads_for_pattern(None, RDFS_LABEL, None, DefaultGraph()))
