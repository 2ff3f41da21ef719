"""A polite SPARQL client over SPARQLWrapper, fit for public endpoints such as Wikidata's.

- a descriptive User-Agent (Wikimedia's policy asks for one with a contact), settable;
- one request at a time per endpoint in this process, a timeout on every request;
- retries with exponential back-off; HTTP 429 and 503 wait for Retry-After (seconds or an
  HTTP date, capped); a query the endpoint rejects (400, 404, 401, 414) is not retried;
- a 200 response must hold SPARQL JSON results (`head` and `results.bindings`, or
  `boolean`), else it is an error, not an empty answer;
- answers kept in an `AnswerCache`; offline, only the cache answers.

Generic: nothing here knows about Wikidata or RegionKG's graph.
"""
from __future__ import annotations

import email.utils
import http.client
import json
import threading
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper import __version__ as sparqlwrapper_version
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    Unauthorized,
    URITooLong,
)

from .. import __version__
from .cache import AnswerCache

WIKIDATA = "https://query.wikidata.org/sparql"
RETRY_STATUS = {429, 500, 502, 503, 504}
WAIT_STATUS = {429, 503}  # statuses whose Retry-After we honour


def default_user_agent() -> str:
    return (f"RegionKG/{__version__} (https://w3id.org/regionkg; set a contact with --user-agent) "
            f"SPARQLWrapper/{sparqlwrapper_version}")


class EndpointError(RuntimeError):
    """The endpoint gave no usable answer (after retries, where retrying makes sense);
    `status` is the HTTP status it answered with, if it answered."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class NotSparqlResults(EndpointError):
    """A 200 response whose body is not SPARQL JSON results (a portal page, an error page…)."""


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


def check_results(body: bytes, content_type: str = "") -> dict[str, Any]:
    """The parsed body if it is SPARQL 1.1 JSON results, else NotSparqlResults."""
    def refuse(why: str) -> NotSparqlResults:
        snippet = body[:160].decode("utf-8", "replace").replace("\n", " ")
        return NotSparqlResults(f"the endpoint answered 200 but {why} (Content-Type {content_type or 'none'}): {snippet!r}")

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


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def endpoint_lock(url: str) -> threading.Lock:
    """One lock per endpoint URL: requests to one endpoint never run in parallel."""
    with _locks_guard:
        return _locks.setdefault(url, threading.Lock())


T = TypeVar("T")


class Retry(Exception):
    """A failure that may pass: retry, after `wait` seconds if the server said so."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


def with_retries(attempt: Callable[[], T], what: str, retries: int, backoff: float, max_wait: float,
                 sleep: Callable[[float], None], log: Callable[[str], None]) -> T:
    """`attempt()`, again after each `Retry` up to `retries` times: waiting what the server
    asked (Retry-After) or backing off exponentially, never longer than `max_wait`."""
    for n in range(retries + 1):
        try:
            return attempt()
        except Retry as retry:
            if n == retries:
                raise EndpointError(f"{what}: {retry.reason}; gave up after {n + 1} tries") from None
            wait = retry.wait if retry.wait is not None else backoff * 2 ** n
            wait = min(max(wait, 0.0), max_wait)
            log(f"{what}: {retry.reason}; retrying in {wait:.1f} s")
            sleep(wait)
    raise AssertionError("unreachable")


class SparqlEndpoint:
    """Queries to one SPARQL endpoint: cached, paced, retried."""

    def __init__(self, url: str, *, user_agent: str | None = None, timeout: float = 60.0, retries: int = 4,
                 backoff: float = 2.0, max_wait: float = 120.0, cache: AnswerCache | None = None,
                 offline: bool = False, refresh: bool = False, log: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        if offline and cache is None:
            raise ValueError("offline use needs a cache")
        self.url = url
        self.user_agent = user_agent or default_user_agent()
        self.timeout, self.retries, self.backoff, self.max_wait = timeout, retries, backoff, max_wait
        self.cache, self.offline, self.refresh = cache, offline, refresh
        self.log = log or (lambda message: None)
        self.sleep = sleep
        self.requests = 0  # HTTP requests sent
        self.cache_hits = 0

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
        with endpoint_lock(self.url):
            results = self._fetch(query)
        retrieved = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
        if self.cache is not None:
            self.cache.put(self.url, query, retrieved, results)
        return Answer(results, retrieved, False)

    def _fetch(self, query: str) -> dict[str, Any]:
        return with_retries(lambda: self._request(query), self.url, self.retries, self.backoff, self.max_wait,
                            self.sleep, self.log)

    def _request(self, query: str) -> dict[str, Any]:
        """One HTTP request; raises Retry for what may pass, EndpointError for what will not."""
        sparql = SPARQLWrapper(self.url, agent=self.user_agent)
        sparql.setMethod(POST)  # batches of VALUES outgrow URLs
        sparql.setRequestMethod(URLENCODED)
        sparql.setOnlyConneg(True)
        sparql.setReturnFormat(JSON)
        sparql.setQuery(query)
        sparql.timeout = self.timeout  # setTimeout() truncates to whole seconds
        self.requests += 1
        try:
            response = sparql.query().response
            body = response.read()
            content_type = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            if exc.code in WAIT_STATUS:
                raise Retry(f"HTTP {exc.code}", retry_after_seconds(exc.headers.get("Retry-After"))) from None
            if exc.code in RETRY_STATUS:
                raise Retry(f"HTTP {exc.code}") from None
            raise EndpointError(f"{self.url}: HTTP {exc.code} {exc.reason}: {_snippet(exc.read())}") from None
        except EndPointInternalError as exc:  # HTTP 500
            if "TimeoutException" in str(exc):
                raise EndpointError(f"{self.url}: the query ran out of the endpoint's time; "
                                    f"try a smaller --batch-size") from None
            raise Retry("HTTP 500") from None
        except (QueryBadFormed, EndPointNotFound, Unauthorized, URITooLong) as exc:
            raise EndpointError(f"{self.url}: {type(exc).__name__}: {_snippet(str(exc).encode())}") from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            kind = "timed out" if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError) else "no connection"
            raise Retry(f"{kind} ({reason})") from None
        return check_results(body, content_type)


def _snippet(body: bytes) -> str:
    return body[:200].decode("utf-8", "replace").replace("\n", " ").strip()
