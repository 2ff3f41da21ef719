"""A server's three URLs: where queries, Graph Store requests and updates go.

Oxigraph's layout is inferred from its base URL with no path at all (`http://host:7878`) or
its query URL (`http://host:7878/query`): `/query`, `/store`, `/update`. Any other URL,
`http://host:7001/` included (QLever answers at its root), is taken as the query URL, and
the Graph Store (`--data`) or update (`--update-url`) URL is given explicitly, e.g.
Fuseki `…/ds/sparql`, `…/ds/data`, `…/ds/update`.
"""
from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass


@dataclass(frozen=True)
class Endpoints:
    query: str | None = None
    data: str | None = None      # Graph Store HTTP Protocol service
    update: str | None = None    # SPARQL Update service


def resolve(endpoint: str | None = None, data: str | None = None, update: str | None = None) -> Endpoints:
    """The URLs of a server from `--endpoint` (base or query URL) and the explicit overrides."""
    for url in (endpoint, data, update):
        if url is not None:
            _check(url)
    query = endpoint
    if endpoint is not None:
        parts = urllib.parse.urlsplit(endpoint)
        if parts.path in ("", "/query"):     # Oxigraph: http://host:7878 or http://host:7878/query
            base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
            suffix = f"?{parts.query}" if parts.query else ""
            query = f"{base}/query{suffix}"
            data = data or f"{base}/store{suffix}"
            update = update or f"{base}/update{suffix}"
    return Endpoints(query, data, update)


def with_param(url: str, param: str) -> str:
    """`url` with one more query parameter (`graph=…` or `default`), keeping those it has."""
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{param}"


def graph_param(iri: str | None) -> str:
    """The Graph Store Protocol's graph parameter: `default`, or `graph=` and the IRI."""
    return "default" if iri is None else "graph=" + urllib.parse.quote(iri, safe="")


def _check(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url!r}")


PASSWORD_VARIABLE = "REGIONKG_PASSWORD"


def add_login_argument(parser) -> None:
    """`--user NAME`, for the commands that talk to a server (push, query, view)."""
    parser.add_argument("--user", metavar="NAME",
                        help=f"user name for the server; the password is read from ${PASSWORD_VARIABLE}")


def login(args) -> dict[str, str | None]:
    """The user (from `--user`) and password (from the environment) to answer a server with."""
    return {"user": args.user, "password": os.environ.get(PASSWORD_VARIABLE)}
