"""A polite SPARQL client for public endpoints such as Wikidata's: SPARQLWrapper builds the
SPARQL 1.1 Protocol request, RegionKG's one HTTP layer (`regionkg.http`) sends it.

- the layer's User-Agent, timeout, retries (429 and 503 wait for Retry-After), credentials,
  one request at a time per endpoint, and its `EndpointError` naming the URL and the status;
- a 200 response must hold SPARQL JSON results (`head` and `results.bindings`, or
  `boolean`), else it is an error, not an empty answer;
- answers kept in an `AnswerCache`; offline, only the cache answers.

SPARQLWrapper opens requests itself with urllib's global opener and has no hook for another
one, so it is asked only for the request (`_createRequest`, the one method that builds it).

Generic: nothing here knows about Wikidata or RegionKG's graph.
"""
from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

from ..http import EndpointError, Http, NotSparqlResults, QueryTimeout
from .cache import AnswerCache

__all__ = ["WIKIDATA", "Answer", "EndpointError", "NotSparqlResults", "OfflineMiss", "SparqlEndpoint",
           "check_results", "protocol_request"]

WIKIDATA = "https://query.wikidata.org/sparql"


class OfflineMiss(EndpointError):
    """Offline, and the cache has no answer to this query."""


@dataclass(frozen=True)
class Answer:
    results: dict[str, Any]
    retrieved: str  # UTC, ISO 8601, when the endpoint gave this answer
    from_cache: bool

    @property
    def rows(self) -> list[dict[str, dict[str, str]]]:
        """SELECT bindings: variable → {"type", "value", "xml:lang"?, "datatype"?}."""
        return self.results.get("results", {}).get("bindings", [])

    @property
    def boolean(self) -> bool | None:
        return self.results.get("boolean")

    @property
    def date(self) -> str:
        """The UTC day the answer was retrieved, YYYY-MM-DD."""
        return self.retrieved[:10]


def check_results(body: bytes, content_type: str = "", url: str = "the endpoint") -> dict[str, Any]:
    """The parsed body if it is SPARQL 1.1 JSON results, else NotSparqlResults (naming `url`)."""
    def refuse(why: str) -> NotSparqlResults:
        snippet = body[:160].decode("utf-8", "replace").replace("\n", " ")
        return NotSparqlResults(f"{url} answered 200 but {why} (Content-Type {content_type or 'none'}): {snippet!r}")

    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refuse("not with JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise refuse("not with SPARQL results (no head)")
    if isinstance(data.get("boolean"), bool):
        return data
    bindings = data.get("results", {}).get("bindings") if isinstance(data.get("results"), dict) else None
    if not isinstance(bindings, list):
        raise refuse("not with SPARQL results (no results.bindings)")
    for row in bindings:
        if not isinstance(row, dict) or not all(
                isinstance(t, dict) and isinstance(t.get("type"), str) and isinstance(t.get("value"), str)
                for t in row.values()):
            raise refuse("with malformed bindings")
    return data


def protocol_request(url: str, query: str) -> urllib.request.Request:
    """The SPARQL 1.1 Protocol request for a SELECT or ASK query, as SPARQLWrapper builds it:
    POST, form-encoded (batches of VALUES outgrow URLs), asking for SPARQL JSON results."""
    sparql = SPARQLWrapper(url)
    sparql.setMethod(POST)
    sparql.setRequestMethod(URLENCODED)
    sparql.setOnlyConneg(True)
    sparql.setReturnFormat(JSON)
    sparql.setQuery(query)
    if sparql.isSparqlUpdateRequest():  # its keyword sniffing can take a word of a comment for one
        raise ValueError(f"SPARQLWrapper reads this query as an update ({sparql.queryType}): {query[:80]!r}")
    return sparql._createRequest()  # the request, without SPARQLWrapper sending it


class SparqlEndpoint:
    """Queries to one SPARQL endpoint: cached, then sent through the HTTP layer.

    `http_options` are those of `regionkg.http.Http` (user_agent, timeout, retries, backoff,
    max_wait, user, password, log, sleep); here the timeout is 60 s and the back-off 2 s unless
    given. Or give an `http` to share."""

    def __init__(self, url: str, *, cache: AnswerCache | None = None, offline: bool = False,
                 refresh: bool = False, http: Http | None = None, **http_options: Any):
        if offline and cache is None:
            raise ValueError("offline use needs a cache")
        if http is not None and http_options:
            raise TypeError(f"give an http or its options, not both: {sorted(http_options)}")
        self.url = url
        self.cache, self.offline, self.refresh = cache, offline, refresh
        self.http = http or Http(**{"timeout": 60.0, "backoff": 2.0, **http_options})
        self.cache_hits = 0

    @property
    def requests(self) -> int:
        """HTTP requests sent, retries included."""
        return self.http.requests

    @property
    def user_agent(self) -> str:
        return self.http.user_agent

    def query(self, query: str) -> Answer:
        """The answer to a SELECT or ASK query: from the cache, else from the endpoint."""
        if self.cache is not None and not self.refresh:
            entry = self.cache.get(self.url, query)
            if entry is not None:
                self.cache_hits += 1
                return Answer(entry["results"], entry["retrieved"], True)
        if self.offline:
            raise OfflineMiss(f"offline and no cached answer from {self.url} for this query "
                              f"(run once with the network, with the same --cache)")
        results = self._fetch(query)
        retrieved = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        if self.cache is not None:
            self.cache.put(self.url, query, retrieved, results)
        return Answer(results, retrieved, False)

    def _fetch(self, query: str) -> dict[str, Any]:
        """SPARQL JSON results from the endpoint, or EndpointError."""
        request = protocol_request(self.url, query)
        try:
            response = self.http.send(request.get_method(), request.full_url, request.data,
                                      dict(request.header_items()))
        except QueryTimeout as exc:
            raise QueryTimeout(f"{exc}; try a smaller --batch-size", exc.status) from None
        return check_results(response.body, response.content_type, self.url)
