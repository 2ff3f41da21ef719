"""HTTP requests to a SPARQL server: a User-Agent, a timeout, retries with back-off.

Statuses 429, 500, 502, 503 and 504, timeouts and refused connections are retried
(429 and 503 wait for Retry-After, capped); any other error status is an `EndpointError`
with the start of the server's answer. Credentials, when given, answer the server's Basic
or Digest challenge. The retry rules and errors are those of `regionkg link`'s client.
"""
from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from .. import __version__
from ..link.endpoint import (
    RETRY_STATUS,
    WAIT_STATUS,
    EndpointError,
    Retry,
    retry_after_seconds,
    with_retries,
)


def default_user_agent() -> str:
    return f"RegionKG/{__version__} (https://w3id.org/regionkg) python-urllib"


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class Http:
    """Requests to SPARQL servers, sent one after the other; `requests` counts what went
    over the wire, retries included."""

    def __init__(self, *, user_agent: str | None = None, timeout: float = 120.0, retries: int = 4,
                 backoff: float = 1.0, max_wait: float = 120.0, user: str | None = None,
                 password: str | None = None, log: Callable[[str], None] | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.user_agent = user_agent or default_user_agent()
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
        """The server's answer (2xx) to one request, retried while retrying makes sense."""
        if self._credentials is not None:   # for the URLs given, not for wherever a redirect leads
            self._passwords.add_password(None, url, *self._credentials)
        return with_retries(lambda: self._once(method, url, body, headers or {}), f"{method} {url}", self.retries,
                            self.backoff, self.max_wait, self.sleep, self.log)

    def _once(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"User-Agent": self.user_agent, **headers})
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return Response(response.status, response.headers.get("Content-Type", ""), response.read())
        except urllib.error.HTTPError as exc:
            if exc.code in WAIT_STATUS:
                raise Retry(f"HTTP {exc.code}", retry_after_seconds(_header(exc.headers, "Retry-After"))) from None
            if exc.code in RETRY_STATUS:
                raise Retry(f"HTTP {exc.code}") from None
            raise EndpointError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {_snippet(exc.read())}",
                                exc.code) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            kind = "timed out" if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError) else "no connection"
            raise Retry(f"{kind} ({reason})") from None


def _header(headers: Message | None, name: str) -> str | None:
    return headers.get(name) if headers is not None else None


def _snippet(body: bytes) -> str:
    return body[:300].decode("utf-8", "replace").replace("\n", " ").strip()
