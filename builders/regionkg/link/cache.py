"""A disk cache of SPARQL answers: one JSON file per (endpoint, query).

A file holds the endpoint, the query, when the answer was retrieved (UTC) and the SPARQL
JSON results as received; its name is the sha256 of endpoint and query. A rerun reads the
same answers, so it writes the same links, with the same dates, with or without network.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..rdf.writer import write_atomic


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/regionkg/sparql`, else `~/.cache/regionkg/sparql`."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "regionkg" / "sparql"


def cache_key(endpoint: str, query: str) -> str:
    return hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()


class AnswerCache:
    """Answers under `folder/<first two hex digits>/<sha256>.json`."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def path(self, endpoint: str, query: str) -> Path:
        key = cache_key(endpoint, query)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, endpoint: str, query: str) -> dict[str, Any] | None:
        """The stored entry, or None if there is none (or it is unreadable or for another query)."""
        path = self.path(endpoint, query)
        try:
            entry = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("endpoint") != endpoint or entry.get("query") != query:
            return None
        return entry

    def put(self, endpoint: str, query: str, retrieved: str, results: dict[str, Any]) -> None:
        entry = {"endpoint": endpoint, "query": query, "retrieved": retrieved, "results": results}
        data = json.dumps(entry, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        write_atomic(self.path(endpoint, query), data)
