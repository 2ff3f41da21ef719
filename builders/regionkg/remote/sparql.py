"""`RemoteStore`: a SPARQL server read the way `regionkg query` and `regionkg view` read a
pyoxigraph `Store`.

- `query()` sends the text over the SPARQL 1.1 Protocol and parses the answer with
  pyoxigraph, so SELECT gives real `QuerySolutions` (NamedNode, Literal, BlankNode terms),
  ASK a `QueryBoolean`, CONSTRUCT and DESCRIBE an iterator of `Triple`s.
- Parameters (`substitutions`) are bound by a `VALUES` block opened at the start of the
  query's WHERE clause, its terms written by pyoxigraph's N-Triples serialiser: a value is
  always one literal, whatever quotes, braces or `#` it holds. A VALUES block joins with the
  whole pattern, which gives the answers of the store's substitution for the library queries
  (tested); it does not reach into sub-SELECTs.
- The default graph is the server's: RegionKG's queries expect it to be the union of all
  graphs (`oxigraph serve --union-default-graph`; Fuseki `tdb2:unionDefaultGraph true`;
  Virtuoso, GraphDB and Stardog answer over all graphs by default or by a setting).
  `default_graph_is_union()` checks it; `use_default_graph_as_union` is accepted and
  ignored, since a protocol request cannot switch it.
"""
from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Mapping

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    Variable,
    parse,
    parse_query_results,
)

from ..http import EndpointError, Http, NotSparqlResults
from .endpoints import resolve

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5")

# SPARQL tokens that matter for finding the WHERE clause; anything else is one character.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w\-.]*(?::[\w\-.]*)?)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_VARIABLE = re.compile(r"\w+")


def where_clause_start(query: str) -> int:
    """The offset just after the `{` that opens the query's WHERE clause."""
    form, depth, parens, template_done, saw_where = None, 0, 0, False, False
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup, m.group()
        if kind == "word" and depth == 0 and parens == 0:
            word = text.upper()
            if form is None and word in _FORMS:
                form = word
            saw_where = saw_where or (word == "WHERE" and form is not None)
        elif kind == "other" and depth == 0 and text in "()":
            parens += 1 if text == "(" else -1
        elif kind == "other" and text == "{":
            if depth == 0 and parens == 0 and form is not None:
                if form != "CONSTRUCT" or template_done:
                    return m.end()
                if saw_where:
                    raise ValueError("parameters cannot be bound in a short CONSTRUCT WHERE { … } query")
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
            template_done = template_done or (depth == 0 and form == "CONSTRUCT")
    raise ValueError("no WHERE clause found to bind the parameters in")


def term_text(term) -> str:
    """An IRI or literal in SPARQL syntax (pyoxigraph's N-Triples form, escaped by it)."""
    if isinstance(term, (NamedNode, Literal)):
        return str(term)
    raise ValueError(f"only IRIs and literals can be bound to a remote query, not {term!r}")


def bind_values(query: str, substitutions: Mapping[Variable, object]) -> str:
    """`query` with `VALUES (?a ?b) { (term term) }` opened at the start of its WHERE clause."""
    if not substitutions:
        return query
    names = [var.value for var in substitutions]
    for name in names:
        if not _VARIABLE.fullmatch(name):
            raise ValueError(f"not a variable name: {name!r}")
    terms = " ".join(term_text(t) for t in substitutions.values())
    at = where_clause_start(query)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}\n"
    return query[:at] + block + query[at:]


class RemoteStore:
    """The read side of a pyoxigraph `Store`, answered by a SPARQL endpoint."""

    def __init__(self, url: str, http: Http | None = None):
        query_url = resolve(url).query
        assert query_url is not None
        self.url = query_url
        self.http = http or Http(retries=2)   # a reader waits 1 + 2 s for a server, not minutes

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def query(self, query: str, *, use_default_graph_as_union: bool = True,
              substitutions: Mapping[Variable, object] | None = None):
        """SELECT → QuerySolutions, ASK → QueryBoolean, CONSTRUCT/DESCRIBE → Triples."""
        text = bind_values(query, substitutions or {})
        response = self.http.send(
            "POST", self.url, urllib.parse.urlencode({"query": text}).encode("utf-8"),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
        media = response.content_type.split(";")[0].strip().lower()
        try:
            results_format = QueryResultsFormat.from_media_type(media) if media else None
            if results_format is not None:
                return parse_query_results(response.body, results_format)
            rdf_format = RdfFormat.from_media_type(media) if media else None
            if rdf_format is not None:
                return iter([q.triple for q in parse(response.body, rdf_format)])
        except SyntaxError as exc:
            raise NotSparqlResults(f"{self.url}: the answer is not valid {media}: {exc}") from None
        snippet = response.body[:160].decode("utf-8", "replace").replace("\n", " ")
        raise NotSparqlResults(f"{self.url}: answered {media or 'no Content-Type'}, not SPARQL results "
                               f"or RDF: {snippet!r}")

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator[Quad]:
        """Matching triples of the default graph (the union), or of one named graph; each is
        returned as a Quad in that graph (the union's triples in the DefaultGraph)."""
        if graph_name is not None and not isinstance(graph_name, NamedNode):
            raise ValueError("a remote store is asked about its default graph (None) or a named graph")
        bound = {Variable(n): t for n, t in zip("spo", (subject, predicate, object)) if t is not None}
        pattern = "?s ?p ?o" if graph_name is None else f"GRAPH {term_text(graph_name)} {{ ?s ?p ?o }}"
        solutions = self.query(f"SELECT ?s ?p ?o WHERE {{ {pattern} }}", substitutions=bound)
        graph = graph_name if graph_name is not None else DefaultGraph()
        for row in solutions:
            yield Quad(row["s"], row["p"], row["o"], graph)

    def named_graphs(self) -> Iterator[NamedNode]:
        return (row["g"] for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))

    def count(self, graph_name: NamedNode | None = None) -> int:
        """Triples in the default graph (the union) or in one named graph."""
        pattern = "?s ?p ?o" if graph_name is None else f"GRAPH {term_text(graph_name)} {{ ?s ?p ?o }}"
        rows = list(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"))
        return int(rows[0]["n"].value)

    def __len__(self) -> int:
        return self.count()

    def default_graph_is_union(self) -> bool:
        """Whether a triple of some named graph is seen by a query of the default graph."""
        rows = list(self.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o "
                               "FILTER(!isBlank(?s) && !isBlank(?o)) } } LIMIT 1"))
        if not rows:
            return True
        triple = {Variable(n): rows[0][n] for n in "spo"}
        return bool(self.query("ASK WHERE { ?s ?p ?o }", substitutions=triple))


def connect(url: str, http: Http | None = None, check: bool = True, user: str | None = None,
            password: str | None = None) -> RemoteStore:
    """A RemoteStore for `url` (as `user`, where the server asks); with `check`, an error
    unless its default graph is the union."""
    if http is None and user is not None:
        http = Http(retries=2, user=user, password=password)
    store = RemoteStore(url, http)
    if check and not store.default_graph_is_union():
        raise EndpointError(
            f"{store.url}: its default graph is not the union of its named graphs, so RegionKG's queries "
            f"would miss the reports' triples; serve it so (Oxigraph: `oxigraph serve --union-default-graph`; "
            f"Fuseki: `tdb2:unionDefaultGraph true`)")
    return store


__all__ = ["RemoteStore", "Triple", "bind_values", "connect", "where_clause_start"]
