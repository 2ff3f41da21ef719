"""Run SPARQL queries of the library (`queries/*.rq`) or of a file, with bound parameters.

Parameters are bound as @zh literals (the graph's names are) through SPARQL substitutions, never pasted into
the query text, so a value with quotes or braces cannot change the query. Each library
query states its parameters in its header (`# Parameters: region = 通辽市 ; chain = 铝`)
and projects them, since oxigraph substitutes projected variables only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    Store,
    Variable,
)

from .rdf import vocab as v

_PARAMS = re.compile(r"^#\s*Parameters:\s*(.*)$", re.M)
_ONE_PARAM = re.compile(r"(\w+)\s*=\s*([^\s;()]+)")


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    text: str

    @property
    def title(self) -> str:
        """The question, in Chinese and English (the first two header lines)."""
        lines = [ln[1:].strip() for ln in self.text.splitlines() if ln.startswith("#")]
        return " / ".join(lines[:2])

    @property
    def defaults(self) -> dict[str, str]:
        m = _PARAMS.search(self.text)
        if not m:
            return {}
        block = m.group(1)
        following = self.text[m.end():].splitlines()
        for ln in following:  # parameters may continue on further comment lines
            if ln.startswith("#") and "=" in ln and not ln.lstrip("# ").lower().startswith("example"):
                block += " ; " + ln.lstrip("# ")
            else:
                break
        return dict(_ONE_PARAM.findall(block))


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    folder = resources.files("regionkg.data").joinpath("queries")
    return {p.name[:-3]: LibraryQuery(p.name[:-3], p.read_text("utf-8"))
            for p in sorted(folder.iterdir(), key=lambda p: p.name) if p.name.endswith(".rq")}


def resolve(name_or_file: str) -> LibraryQuery:
    """A library query by name, or a .rq file."""
    lib = library()
    if name_or_file in lib:
        return lib[name_or_file]
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return LibraryQuery(path.stem, path.read_text("utf-8"))
    raise KeyError(f"no query {name_or_file!r}: not in the library ({', '.join(lib)}) and not a .rq file")


def run(store: Store, query: LibraryQuery, params: dict[str, str] | None = None) -> tuple[list[str], list[list]]:
    """(column names, rows of terms) of a SELECT query; ASK gives one row with a boolean."""
    declared = query.defaults
    unknown = set(params or {}) - set(declared) if declared else set()
    if unknown:
        raise ValueError(f"query {query.name} takes {', '.join(sorted(declared))}, not {', '.join(sorted(unknown))}")
    values = {**declared, **(params or {})}
    used = set(re.findall(r"[?$](\w+)", query.text))
    # names in the graph are zh-tagged labels: a parameter is bound as one, so it meets them in the index
    substitutions = {Variable(k): Literal(val, language="zh") for k, val in values.items() if k in used}
    result = store.query(query.text, use_default_graph_as_union=True, substitutions=substitutions)
    if isinstance(result, (bool, QueryBoolean)):
        return ["result"], [[Literal(str(bool(result)).lower())]]
    if not isinstance(result, QuerySolutions):
        raise ValueError("only SELECT and ASK queries give rows; use a CONSTRUCT query with `regionkg view --query`")
    # parameters are projected (oxigraph binds only projected variables) but shown once, not per row
    columns = [var.value for var in result.variables if var.value not in substitutions_names(substitutions)]
    rows = [[solution[c] for c in columns] for solution in result]
    return columns, rows


def substitutions_names(substitutions) -> set[str]:
    return {var.value for var in substitutions}


def label_of(store: Store, term) -> str | None:
    """The zh label of an IRI, or its last path segment."""
    if isinstance(term, NamedNode):
        labels = [q.object for q in store.quads_for_pattern(term, NamedNode(v.RDFS + "label"), None)]
        for lbl in sorted(labels, key=lambda x: (x.language != "zh", x.value)):
            return lbl.value
        return term.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return None


def display(store: Store, term, iris: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if iris:
        return term.value
    return label_of(store, term) or term.value
