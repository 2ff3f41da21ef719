"""RegionKG's one HTTP layer: every request of `regionkg link`, `push` and `--endpoint` readers.

- One User-Agent: the one given (`link --user-agent`), else `$REGIONKG_USER_AGENT`, else
  `RegionKG/<version> (https://w3id.org/regionkg; …) Python-urllib/<version>`: tool, version,
  where to learn more, and the library, as Wikimedia's User-Agent policy asks.
- A timeout on every request; one request at a time per URL (query string aside) in this process.
- Retries with exponential back-off for HTTP 429, 500, 502, 503 and 504, timeouts and failed
  connections; 429 and 503 wait for Retry-After (seconds or an HTTP date), never longer than
  `max_wait`. Any other error status is final, and so is a 500 saying the query ran out of the
  server's time (a Java `TimeoutException`, as Wikidata's Blazegraph answers): it would again.
- Credentials (user, password) answer a server's Basic or Digest challenge, for the URLs asked
  (not for wherever a redirect leads).
- `EndpointError` names the method, the URL, the status and the start of the server's answer.

Generic: nothing here knows about SPARQL results or RegionKG's graph.
"""
from __future__ import annotations

import email.utils
import http.client
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timezone
from email.message import Message
from typing import TypeVar

from . import __version__

RETRY_STATUS = {429, 500, 502, 503, 504}
WAIT_STATUS = {429, 503}  # statuses whose Retry-After we honour
USER_AGENT_VARIABLE = "REGIONKG_USER_AGENT"


def default_user_agent() -> str:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return (f"RegionKG/{__version__} (https://w3id.org/regionkg; set a contact with --user-agent or "
            f"${USER_AGENT_VARIABLE}) Python-urllib/{python}")


def resolve_user_agent(given: str | None = None) -> str:
    """The User-Agent to send: `given`, else `$REGIONKG_USER_AGENT`, else RegionKG's own."""
    return given or os.environ.get(USER_AGENT_VARIABLE) or default_user_agent()


class EndpointError(RuntimeError):
    """A server gave no usable answer (after retries, where retrying makes sense); the message
    names the URL; `status` is the HTTP status it answered with, if it answered."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class NotSparqlResults(EndpointError):
    """A 200 answer that is not what was asked for (a portal page, an error page…)."""


class QueryTimeout(EndpointError):
    """HTTP 500 because the query ran out of the server's time: asking again would too."""


class Retry(Exception):
    """A failure that may pass: retry, after `wait` seconds if the server said so."""

    def __init__(self, reason: str, wait: float | None = None, status: int | None = None):
        super().__init__(reason)
        self.reason, self.wait, self.status = reason, wait, status


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


T = TypeVar("T")


def with_retries(attempt: Callable[[], T], what: str, retries: int, backoff: float, max_wait: float,
                 sleep: Callable[[float], None], log: Callable[[str], None]) -> T:
    """`attempt()`, again after each `Retry` up to `retries` times: waiting what the server
    asked (Retry-After) or backing off exponentially, never longer than `max_wait`."""
    for n in range(retries + 1):
        try:
            return attempt()
        except Retry as retry:
            if n == retries:
                raise EndpointError(f"{what}: {retry.reason}; gave up after {n + 1} tries", retry.status) from None
            wait = retry.wait if retry.wait is not None else backoff * 2 ** n
            wait = min(max(wait, 0.0), max_wait)
            log(f"{what}: {retry.reason}; retrying in {wait:.1f} s")
            sleep(wait)
    raise AssertionError("unreachable")


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def endpoint_lock(url: str) -> threading.Lock:
    """One lock per URL without its query string: requests to one service never run in parallel."""
    key = urllib.parse.urlsplit(url)._replace(query="", fragment="").geturl()
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class Http:
    """Requests to servers: paced, timed out, retried, logged in; `requests` counts what went
    over the wire, retries included."""

    def __init__(self, *, user_agent: str | None = None, timeout: float = 120.0, retries: int = 4,
                 backoff: float = 1.0, max_wait: float = 120.0, user: str | None = None,
                 password: str | None = None, log: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.user_agent = resolve_user_agent(user_agent)
        self.timeout, self.retries, self.backoff, self.max_wait = timeout, retries, backoff, max_wait
        self.log = log or (lambda message: None)
        self.sleep = sleep
        self.requests = 0
        self._credentials = (user, password or "") if user is not None else None
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        handlers = [urllib.request.HTTPBasicAuthHandler(self._passwords),
                    urllib.request.HTTPDigestAuthHandler(self._passwords)] if user is not None else []
        self._opener = urllib.request.build_opener(*handlers)

    def send(self, method: str, url: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> Response:
        """The server's answer (2xx) to one request, retried while retrying makes sense.
        The User-Agent is the layer's, whatever `headers` say."""
        if self._credentials is not None:
            self._passwords.add_password(None, url, *self._credentials)
        sent = {k: v for k, v in (headers or {}).items() if k.lower() != "user-agent"}
        sent["User-Agent"] = self.user_agent
        with endpoint_lock(url):
            return with_retries(lambda: self._once(method, url, body, sent), f"{method} {url}", self.retries,
                                self.backoff, self.max_wait, self.sleep, self.log)

    def _once(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return Response(response.status, response.headers.get("Content-Type", ""), response.read())
        except urllib.error.HTTPError as exc:
            raise _refusal(exc, f"{method} {url}") from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            kind = "timed out" if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError) else "no connection"
            raise Retry(f"{kind} ({reason})") from None


def _refusal(exc: urllib.error.HTTPError, what: str) -> Exception:
    """What an error status means: a `Retry`, or the `EndpointError` to raise."""
    if exc.code in WAIT_STATUS:
        return Retry(f"HTTP {exc.code}", retry_after_seconds(_header(exc.headers, "Retry-After")), exc.code)
    body = exc.read()
    if exc.code == 500 and b"TimeoutException" in body:  # after the query, which the answer repeats
        return QueryTimeout(f"{what}: HTTP 500, the query ran out of the server's time", 500)
    if exc.code in RETRY_STATUS:
        return Retry(f"HTTP {exc.code}", status=exc.code)
    return EndpointError(f"{what}: HTTP {exc.code} {exc.reason}: {_snippet(body)}", exc.code)


def _header(headers: Message | None, name: str) -> str | None:
    return headers.get(name) if headers is not None else None


def _snippet(body: bytes) -> str:
    return body[:300].decode("utf-8", "replace").replace("\n", " ").strip()
