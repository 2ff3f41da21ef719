"""`regionkg link` against real SPARQL servers on loopback: Oxigraph's server loaded with the
shared Wikidata-shaped fixture (and tests/data/wikidata-extra.ttl), and a small HTTP server
in a thread that delays, refuses with 429 or answers nonsense before passing requests on."""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import rdflib
from conftest import ROOT, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Quad, Store
from regionkg.builder import build
from regionkg.cli import main
from regionkg.http import (
    EndpointError,
    NotSparqlResults,
    default_user_agent,
    retry_after_seconds,
)
from regionkg.link.cache import AnswerCache
from regionkg.link.endpoint import SparqlEndpoint, check_results, protocol_request
from regionkg.link.escape import sparql_iri, sparql_string
from regionkg.link.labels import label_query, link_by_label
from regionkg.link.regions import code_forms, label_agreement, link_regions
from regionkg.link.targets import Target, read_targets
from regionkg.store import load_files
from servers import OxigraphServers, Proxy, post_query

FIXTURE = SHARED / "fixtures" / "wikidata-inner-mongolia.ttl"
EXTRA = ROOT / "tests" / "data" / "wikidata-extra.ttl"
SEEDS = SHARED / "corpus" / "seeds"
WD = "http://www.wikidata.org/entity/"
RKG = "https://w3id.org/regionkg/ontology#"
REGION = "https://w3id.org/regionkg/resource/region/"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
EVIL = '铝"} ; DROP ALL ; #\\'


# ---------------------------------------------------------------- servers

@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A factory: an Oxigraph SPARQL server on loopback loaded with the given files → its query URL."""
    if not FIXTURE.is_file():
        pytest.skip("../shared/fixtures/wikidata-inner-mongolia.ttl is not beside the project")
    servers = OxigraphServers(lambda: tmp_path_factory.mktemp("oxigraph"))
    yield servers.start
    servers.stop()


@pytest.fixture(scope="session")
def wikidata(oxigraph_server) -> str:
    """The shared fixture alone."""
    return oxigraph_server(FIXTURE)


@pytest.fixture(scope="session")
def wikidata_extra(oxigraph_server) -> str:
    """The fixture plus companies, industries, a wrong item on a right code and facts to enrich with."""
    return oxigraph_server(FIXTURE, EXTRA)


class Gate(Proxy):
    """An HTTP server in a thread that plays a plan of misbehaviours (slow answers too), then
    passes requests on to a query URL; it counts requests in flight at once."""

    def __init__(self, upstream: str):
        self.upstream = upstream
        self.plan: list[str] = []
        self.log: list[tuple[float, str, str]] = []  # (time, User-Agent, what it did)
        self.active = self.max_active = 0
        self.lock = threading.Lock()
        gate = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with gate.lock:
                    act = gate.plan.pop(0) if gate.plan else "pass"
                    gate.log.append((time.monotonic(), self.headers.get("User-Agent", ""), act))
                    gate.active += 1
                    gate.max_active = max(gate.max_active, gate.active)
                try:
                    gate.act(self, act, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting
                finally:
                    with gate.lock:
                        gate.active -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def act(self, handler: BaseHTTPRequestHandler, act: str, body: bytes) -> None:
        if act.startswith("slow:"):
            time.sleep(float(act[5:]))
            act = "pass"
        if act.startswith("429"):
            self.reply(handler, 429, b"Too Many Requests", "text/plain", {"Retry-After": act[4:] or "1"})
        elif act == "html":
            self.reply(handler, 200, b"<html><body>Please log in to the network</body></html>", "text/html")
        elif act == "down":
            self.reply(handler, 503, b"down", "text/plain")
        elif act == "java-timeout":  # Blazegraph's answer: the query, then the exception
            self.reply(handler, 500, b"SPARQL-QUERY: queryStr=" + body + b"\njava.util.concurrent.TimeoutException",
                       "text/plain")
        else:
            headers = {k: handler.headers[k] for k in ("Content-Type", "Accept") if handler.headers[k]}
            try:
                with urllib.request.urlopen(urllib.request.Request(self.upstream, data=body, headers=headers),
                                            timeout=10) as up:
                    self.reply(handler, up.status, up.read(), up.headers.get("Content-Type", ""))
            except urllib.error.HTTPError as exc:
                self.reply(handler, exc.code, exc.read(), exc.headers.get("Content-Type", ""))


@pytest.fixture
def gate(wikidata):
    g = Gate(wikidata)
    yield g
    g.close()


# ---------------------------------------------------------------- graphs

@pytest.fixture(scope="module")
def seeds_graph(pipeline, tmp_path_factory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the project")
    path = tmp_path_factory.mktemp("seeds") / "seeds.ttl"
    path.write_bytes(build([SEEDS], pipeline=pipeline, progress=False).serialize())
    return path


@pytest.fixture(scope="module")
def seeds_regions(seeds_graph) -> list[Target]:
    return read_targets(load_files([seeds_graph]), "Region")


def fixture_items() -> dict[str, str]:
    """Six-digit division code → item, as the shared fixture states them."""
    g = rdflib.Graph().parse(FIXTURE)
    p442 = rdflib.URIRef("http://www.wikidata.org/prop/direct/P442")
    return {str(code).replace(" ", "").ljust(6, "0"): str(item) for item, code in g.subject_objects(p442)}


def endpoint(url: str, **kwargs) -> SparqlEndpoint:
    return SparqlEndpoint(url, timeout=kwargs.pop("timeout", 5), backoff=kwargs.pop("backoff", 0.05), **kwargs)


def links_in(path: Path, predicate: str = OWL_SAME_AS) -> dict[str, str]:
    g = rdflib.Graph().parse(path)
    return {str(s): str(o) for s, o in g.subject_objects(rdflib.URIRef(predicate))}


# ---------------------------------------------------------------- acceptance

def test_every_fixture_region_in_the_seeds_graph_links_to_its_item(wikidata, seeds_graph, seeds_regions, tmp_path):
    expected = {REGION + code: item for code, item in fixture_items().items()
                if any(r.code == code for r in seeds_regions)}
    assert len(expected) >= 14  # 16 when written: all of the fixture but 赤峰市 and 乌兰察布市
    out = tmp_path / "links.ttl"
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", wikidata, "--cache", str(tmp_path / "cache"),
                 "-o", str(out), "-q"]) == 0
    assert links_in(out) == expected  # every one, to the right item, and nothing else
    g = rdflib.Graph().parse(out)
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert not list(g.triples((None, rdflib.URIRef(skos + "exactMatch"), None)))
    assert not list(g.triples((None, rdflib.URIRef(skos + "closeMatch"), None)))


def test_spaced_and_plain_codes_both_match(wikidata, seeds_regions):
    outcome = link_regions(endpoint(wikidata), seeds_regions)
    matched = {link.subject[len(REGION):]: (link.item[len(WD):], link.matched_on) for link in outcome.links}
    assert matched["150581"] == ("Q1023729", "15 05 81")  # spaced county code
    assert matched["150721"] == ("Q716484", "150721")  # plain digits, label only in zh-hans
    assert matched["150521"] == ("Q1342739", "150521")
    assert matched["150500"] == ("Q570884", "15 05")  # trailing zero pair dropped
    assert matched["150000"] == ("Q41079", "15")


def test_code_forms():
    assert code_forms("150581") == ["15 05 81", "150581", "150581000000"]
    assert code_forms("150500") == ["15 05", "15 05 00", "1505", "150500", "150500000000"]
    assert code_forms("150000") == ["15", "15 00 00", "150000", "150000000000"]
    assert code_forms("150581005") == ["15 05 81 005", "150581005", "150581005000"]
    assert code_forms("15058") == [] and code_forms("1505a1") == []


# ---------------------------------------------------------------- labels

def test_wrong_label_on_a_right_code_is_not_linked(wikidata_extra, seeds_regions):
    outcome = link_regions(endpoint(wikidata_extra), seeds_regions)
    linked = {link.subject[len(REGION):]: link.item for link in outcome.links}
    assert "150502" not in linked  # the item on 15 05 02 is called 科尔沁右翼前旗, ours 科尔沁区
    assert outcome.refused >= 1 and linked["150581"] == WD + "Q1023729"
    wrong = [Target(REGION + "150526", "Region", "库伦旗", ("库伦",), "150526"),  # fixture: 扎鲁特旗
             Target(REGION + "150581", "Region", EVIL, (), "150581"),
             Target(REGION + "150525", "Region", "奈曼旗", (), "150525")]
    outcome = link_regions(endpoint(wikidata_extra), wrong)
    assert [(link.subject, link.item) for link in outcome.links] == [(REGION + "150525", WD + "Q289494")]
    assert outcome.refused == 2


def test_label_agreement():
    assert label_agreement(("霍林郭勒市", "霍林郭勒"), ["霍林郭勒市"]) == Decimal("1.0")
    assert label_agreement(("通辽市",), ["通辽"]) == Decimal("0.9")
    assert label_agreement(("乌兰察布市",), ["乌兰察布盟"]) == Decimal("0.9")  # renamed, same code
    assert label_agreement(("科尔沁区",), ["科尔沁右翼前旗"]) is None
    assert label_agreement(("东河区",), ["东胜区"]) is None
    assert label_agreement(("新城区",), ["区"]) is None and label_agreement(("市",), ["市"]) == Decimal("1.0")


def test_link_reads_a_graph_on_a_server_and_the_old_spelling_still_works(oxigraph_server, wikidata, seeds_graph,
                                                                         tmp_path, capsys):
    """`--endpoint URL` is the server holding the graph, as in `query` and `view`; beside graph
    files it is the old spelling of `--wikidata URL`, and says so. All three give the same links."""
    cache = str(tmp_path / "cache")
    new, remote, old = (tmp_path / f"{name}.ttl" for name in ("new", "remote", "old"))
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", wikidata, "--cache", cache,
                 "-o", str(new), "-q"]) == 0
    graph_server = oxigraph_server(seeds_graph, union=True)
    assert main(["link", "--endpoint", graph_server, "--wikidata", wikidata, "--cache", cache,
                 "-o", str(remote), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["link", str(seeds_graph), "--endpoint", wikidata, "--cache", cache, "-o", str(old), "-q"]) == 0
    err = capsys.readouterr().err
    assert "regionkg link: deprecated: graph files as arguments; use --graph FILE\n" in err
    assert "regionkg link: deprecated: --endpoint URL for the server to link to; use --wikidata URL\n" in err
    assert links_in(new) and new.read_bytes() == remote.read_bytes() == old.read_bytes()


def test_enterprises_and_industries_by_label_with_type_and_score(wikidata_extra, seeds_graph, tmp_path):
    out = tmp_path / "links.ttl"
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", wikidata_extra, "--cache", str(tmp_path / "c"),
                 "--kind", "enterprise", "--kind", "industry", "-o", str(out), "-q"]) == 0
    g = rdflib.Graph().parse(out)
    rkgr = "https://w3id.org/regionkg/resource/"
    found = {}
    for statement in g.subjects(rdflib.RDF.type, rdflib.RDF.Statement):
        s, p, o = (g.value(statement, rdflib.RDF[x]) for x in ("subject", "predicate", "object"))
        assert (s, p, o) in g
        assert g.value(statement, rdflib.URIRef(RKG + "linkMethod")) == rdflib.URIRef(RKG + "LabelMatch")
        derived = g.value(statement, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        assert derived == rdflib.URIRef(wikidata_extra)
        found[str(s)[len(rkgr):]] = (str(p).rsplit("#", 1)[1], str(o)[len(WD):],
                                     g.value(statement, rdflib.URIRef(RKG + "linkScore")).toPython())
    assert found == {
        "enterprise/蒙牛": ("exactMatch", "Q9900002", Decimal("1.0")),
        "enterprise/福耀": ("exactMatch", "Q9900007", Decimal("1.0")),  # zh-cn label
        "enterprise/伊利": ("closeMatch", "Q9900001", Decimal("0.9")),  # our altLabel, a subclass of company
        "enterprise/包钢": ("closeMatch", "Q9900003", Decimal("0.8")),  # their altLabel
        "industry/乳业": ("exactMatch", "Q9900020", Decimal("1.0")),  # a subclass of industry
    }  # 风电: named only as 风电 in the seeds now, not by the fixture's label; 华能: two companies (ambiguous); 创源 and 电解铝: items of the wrong type


def test_min_score_leaves_out_weaker_label_links(wikidata_extra):
    targets = [Target("https://w3id.org/regionkg/resource/enterprise/包钢", "Enterprise", "包钢")]
    assert len(link_by_label(endpoint(wikidata_extra), targets).links) == 1
    assert link_by_label(endpoint(wikidata_extra), targets, min_score=Decimal("0.9")).links == []


# ---------------------------------------------------------------- escaping

def test_injection_in_a_label_is_an_inert_literal(wikidata_extra):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = post_query(wikidata_extra, count)["results"]["bindings"][0]["n"]["value"]
    targets = [Target("https://w3id.org/regionkg/resource/industry/x", "Industry", EVIL, ('乳业"}', "a\\\nb\t}"))]
    outcome = link_by_label(endpoint(wikidata_extra), targets)
    assert outcome.links == [] and outcome.unmatched == 1
    assert post_query(wikidata_extra, count)["results"]["bindings"][0]["n"]["value"] == before != "0"
    # and the same query finds an item that really bears that label, as one literal
    store = Store()
    item, company = NamedNode(WD + "Q1"), NamedNode(WD + "Q783794")
    store.add(Quad(item, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal(EVIL, language="zh")))
    store.add(Quad(item, NamedNode(WD.replace("entity", "prop/direct") + "P31"), company))
    store.add(Quad(item, NamedNode(WD.replace("entity", "prop/direct") + "P31"), NamedNode(WD + "Q8148")))
    rows = list(store.query(label_query("Industry", [EVIL, "乳业"])))
    assert [(r["name"].value, r["item"].value) for r in rows] == [(EVIL, WD + "Q1")]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_sparql_string_round_trips_any_text(text):
    rows = list(Store().query(f"SELECT ?x WHERE {{ BIND({sparql_string(text)} AS ?x) }}"))
    assert rows[0]["x"].value == text


def test_sparql_iri_refuses_what_could_leave_the_iri():
    assert sparql_iri(WD + "Q1") == f"<{WD}Q1>"
    for bad in [WD + "Q1> } DROP ALL {", "javascript:x", WD + "Q 1", "http://x/{y}"]:
        with pytest.raises(ValueError):
            sparql_iri(bad)


# ---------------------------------------------------------------- a polite client

def test_timeout_then_retry_succeeds(gate):
    gate.plan = ["slow:1.5"]
    answer = endpoint(gate.url, timeout=0.4, retries=2).query("ASK { ?s ?p ?o }")
    assert answer.boolean is True
    assert [act for _, _, act in gate.log] == ["slow:1.5", "pass"]


def test_timeouts_give_up_with_a_clear_error(gate):
    gate.plan = ["slow:1", "slow:1"]
    started = time.monotonic()
    with pytest.raises(EndpointError, match="timed out.*gave up after 2 tries"):
        endpoint(gate.url, timeout=0.3, retries=1).query("ASK {}")
    assert time.monotonic() - started < 1.5


def test_429_waits_for_retry_after(gate):
    gate.plan = ["429:1"]
    answer = endpoint(gate.url, backoff=5).query("ASK { ?s ?p ?o }")  # Retry-After 1 s, not the 5 s back-off
    assert answer.boolean is True
    (t1, _, first), (t2, _, second) = gate.log
    assert (first, second) == ("429:1", "pass") and 0.95 <= t2 - t1 < 3


def test_retry_after_is_capped_and_read_as_date(gate):
    waits: list[float] = []
    gate.plan = ["429:3600"]
    endpoint(gate.url, max_wait=0.2, sleep=waits.append).query("ASK {}")
    assert waits == [0.2]
    soon = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 < retry_after_seconds(soon) <= 30
    assert retry_after_seconds("7") == 7 and retry_after_seconds("soon") is None


def test_a_200_that_is_not_sparql_results_is_an_error_not_an_answer(gate, tmp_path):
    gate.plan = ["html"]
    cache = AnswerCache(tmp_path)
    with pytest.raises(NotSparqlResults, match="text/html"):
        endpoint(gate.url, cache=cache).query("ASK {}")
    assert len(gate.log) == 1 and cache.get(gate.url, "ASK {}") is None
    for body in [b'{"error": "x"}', b'{"head": {}}', b'{"head": {}, "results": {"bindings": [1]}}', b"\xff"]:
        with pytest.raises(NotSparqlResults):
            check_results(body)
    assert check_results(b'{"head": {"vars": []}, "results": {"bindings": []}}')["results"]["bindings"] == []


def test_user_agent_default_and_set(gate, seeds_graph, tmp_path):
    endpoint(gate.url).query("ASK {}")
    assert gate.log[-1][1] == default_user_agent() and gate.log[-1][1].startswith("RegionKG/")
    agent = "test-suite/1.0 (mailto:someone@example.org)"
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", gate.url, "--cache", str(tmp_path),
                 "--kind", "region", "--user-agent", agent, "-o", str(tmp_path / "o.ttl"), "-q"]) == 0
    assert gate.log[-1][1] == agent


def test_one_request_at_a_time_to_one_endpoint(gate):
    gate.plan = ["slow:0.3", "slow:0.3", "slow:0.3"]
    threads = [threading.Thread(target=endpoint(gate.url).query, args=(f"ASK {{ ?s ?p {i} }}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(gate.log) == 3 and gate.max_active == 1


def test_a_query_out_of_the_servers_time_is_not_retried(gate):
    gate.plan = ["java-timeout"]
    with pytest.raises(EndpointError, match="ran out of the server's time; try a smaller --batch-size") as error:
        endpoint(gate.url).query("SELECT * WHERE { ?s ?p ?o } LIMIT " + "1" * 400)  # long: the answer repeats it
    assert error.value.status == 500 and [act for _, _, act in gate.log] == ["java-timeout"]
    assert str(error.value).startswith(f"POST {gate.url}: HTTP 500")


def test_sparqlwrapper_builds_the_request_never_an_update():
    request = protocol_request("http://h.example/sparql", "SELECT ?s WHERE { ?s ?p ?o }")
    assert request.get_method() == "POST" and request.data.startswith(b"query=SELECT")
    assert request.get_header("Accept").startswith("application/sparql-results+json")
    with pytest.raises(ValueError, match="as an update"):  # its sniffing reads the comment's "load"
        protocol_request("http://h.example/sparql", "PREFIX a: <http://e.org/> # load order\nSELECT * { ?s ?p ?o }")


def test_link_and_push_commands_retry_and_name_themselves_alike(oxigraph_server, seeds_graph, tmp_path, capsys,
                                                                 monkeypatch):
    monkeypatch.delenv("REGIONKG_USER_AGENT", raising=False)
    proxy = Proxy(oxigraph_server().removesuffix("/query"))
    try:
        proxy.plan = ["503:0"]
        assert main(["push", str(seeds_graph), "--endpoint", proxy.url]) == 0
        pushed = capsys.readouterr().err
        proxy.plan = ["503:0"]
        assert main(["link", str(seeds_graph), "--endpoint", proxy.url + "/query", "--cache", str(tmp_path),
                     "--kind", "region", "-o", str(tmp_path / "links.ttl")]) == 0
        linked = capsys.readouterr().err
    finally:
        proxy.close()
    assert f"regionkg: PUT {proxy.url}/store?default: HTTP 503; retrying in 0.0 s" in pushed
    assert f"regionkg link: POST {proxy.url}/query: HTTP 503; retrying in 0.0 s" in linked
    assert {method for method, _, _ in proxy.log} == {"PUT", "POST"}
    assert {agent for agent, _ in proxy.seen} == {default_user_agent()}


# ---------------------------------------------------------------- cache and output

def test_cache_gives_the_same_bytes_again_and_offline(gate, seeds_graph, tmp_path):
    cache = tmp_path / "cache"
    args = ["link", "--graph", str(seeds_graph), "--wikidata", gate.url, "--cache", str(cache), "-q"]
    assert main([*args, "-o", str(tmp_path / "1.ttl")]) == 0
    asked = len(gate.log)
    assert asked > 0
    assert main([*args, "-o", str(tmp_path / "2.ttl")]) == 0
    gate.plan = ["down"] * 50
    assert main([*args, "--offline", "-o", str(tmp_path / "3.ttl")]) == 0
    assert len(gate.log) == asked  # neither rerun sent a request
    first = (tmp_path / "1.ttl").read_bytes()
    assert first == (tmp_path / "2.ttl").read_bytes() == (tmp_path / "3.ttl").read_bytes()
    assert b"owl:sameAs wd:Q1023729" in first

    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == asked
    entry = json.loads(entries[0].read_text("utf-8"))
    assert set(entry) == {"endpoint", "query", "retrieved", "results"} and entry["endpoint"] == gate.url
    for path in entries:  # the links' date is the answers' retrieval date
        entry = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({**entry, "retrieved": "2001-02-03T04:05:06Z"}), "utf-8")
    assert main([*args, "--offline", "-o", str(tmp_path / "4.ttl")]) == 0
    dated = (tmp_path / "4.ttl").read_bytes()
    assert b'"2001-02-03"^^xsd:date' in dated and dated.count(b"dcterms:date") == first.count(b"dcterms:date")


def test_offline_without_cached_answers_fails_clearly(gate, seeds_graph, tmp_path, capsys):
    out = tmp_path / "o.ttl"
    out.write_text("previous")
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", gate.url, "--cache", str(tmp_path / "empty"),
                 "--offline", "-o", str(out)]) == 1
    assert "offline and no cached answer" in capsys.readouterr().err
    assert out.read_text() == "previous" and gate.log == []


def test_enrich_adds_typed_coordinates_and_population(wikidata_extra, seeds_graph, tmp_path):
    out = tmp_path / "linked.ttl"
    assert main(["link", "--graph", str(seeds_graph), "--wikidata", wikidata_extra, "--cache", str(tmp_path / "c"),
                 "--kind", "region", "--enrich", "-o", str(out), "-q"]) == 0
    g = rdflib.Graph().parse(out)
    holingol, tongliao = rdflib.URIRef(REGION + "150581"), rdflib.URIRef(REGION + "150500")
    geo = "http://www.opengis.net/ont/geosparql#wktLiteral"
    pop = g.value(holingol, rdflib.URIRef(RKG + "population"))
    assert (pop.toPython(), str(pop.datatype)) == (107000, "http://www.w3.org/2001/XMLSchema#integer")
    point = g.value(holingol, rdflib.URIRef(RKG + "coordinates"))
    assert (str(point), str(point.datatype)) == ("Point(119.6578 45.5324)", geo)
    assert str(g.value(tongliao, rdflib.URIRef(RKG + "coordinates"))) == "Point(122.2633 43.6173)"
    statement = next(g.subjects(rdflib.RDF.object, pop))
    assert str(g.value(statement, rdflib.URIRef("http://purl.org/dc/terms/source"))) == WD + "Q1023729"
    assert str(g.value(statement, rdflib.URIRef(RKG + "pointInTime"))) == "2020-11-01"

    onto = rdflib.Graph().parse(ROOT / "ontology" / "regionkg.ttl").parse(ROOT / "ontology" / "linking.ttl")
    declared = {str(s) for s in onto.subjects(rdflib.RDF.type, None)}
    used = {str(t) for triple in g for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(RKG)}
    assert used and used <= declared, used - declared
