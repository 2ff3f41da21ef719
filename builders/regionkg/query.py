"""Run SPARQL queries of the library (`queries/*.rq`) or of a file, with bound parameters.

Parameters are bound as @zh literals (the graph's names are) through SPARQL substitutions, never pasted into
the query text, so a value with quotes or braces cannot change the query. Each library
query states its parameters in its header (`# Parameters: region = 通辽市 ; chain = 铝`)
and projects them, since oxigraph substitutes projected variables only.
"""
from __future__ import annotations

import difflib
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
_EXAMPLES = re.compile(r"^#\s*Example values:\s*(.*)$", re.M)
_ITEM = re.compile(r"^\s*(\w+)\s*(?:=\s*([^\s;()]+))?\s*$")
_VALUE = re.compile(r"(\w+)\s*=\s*([^\s;()]+)")

ALL_REGIONS = "全国"                 # a region parameter left open: every region
COUNTRY_LABEL = "中华人民共和国"      # …which the graph's hierarchy leads up to

# What a parameter of a library query names, by the parameter's name: checked against the
# graph before the query runs, so a name that matches nothing is an error, not 0 rows.
PARAMETER_KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "region": ("region", (v.term("Region"),)),
    "chain": ("chain", (v.term("IndustryChain"),)),
    "industry": ("industry", (v.term("Industry"), v.SKOS + "Concept")),
    "enterprise": ("enterprise", (v.term("Enterprise"),)),
    "park": ("park", (v.term("IndustrialPark"),)),
    "project": ("project", (v.term("Project"),)),
    "name": ("node", ()),
}


class UnknownName(ValueError):
    """A parameter names nothing of its kind in the graph."""


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
    def parameters(self) -> dict[str, str | None]:
        """Parameter → its default (None: the user must give it), from the header line
        `# Parameters: chain ; region = 全国  (comment)`."""
        m = _PARAMS.search(self.text)
        if not m or m.group(1).strip().lower().startswith("none"):
            return {}
        block = re.sub(r"\(.*?\)", "", m.group(1))
        out: dict[str, str | None] = {}
        for item in block.split(";"):
            found = _ITEM.match(item)
            if found:
                out[found.group(1)] = found.group(2)
        return out

    @property
    def examples(self) -> dict[str, str]:
        """Example values from the header line `# Example values: chain = 铝 ; region = 通辽市`."""
        m = _EXAMPLES.search(self.text)
        return dict(_VALUE.findall(m.group(1))) if m else {}

    def usage(self) -> str:
        """How to give the parameters: `--param chain=铝 [--param region=全国]`."""
        parts = []
        for name, default in self.parameters.items():
            if default is None:
                parts.append(f"--param {name}={self.examples.get(name, '…')}")
            else:
                parts.append(f"[--param {name}={default}]")
        return " ".join(parts) or "-"


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


def bind(query: LibraryQuery, params: dict[str, str] | None = None) -> dict[str, str]:
    """The values of the query's parameters: given, else the defaults; an unknown or a
    missing parameter is a ValueError that says how to call the query."""
    declared = query.parameters
    params = dict(params or {})
    unknown = sorted(set(params) - set(declared))
    if unknown and (declared or _PARAMS.search(query.text)):
        takes = ", ".join(declared) or "no parameters"
        raise ValueError(f"query {query.name} takes {takes}, not {', '.join(unknown)} (usage: {query.usage()})")
    values = {k: d for k, d in declared.items() if d is not None}
    values.update(params)
    missing = [k for k in declared if k not in values or not values[k].strip()]
    if missing:
        raise ValueError(f"query {query.name} needs {', '.join(missing)} (usage: {query.usage()})")
    return values


def check_names(store: Store, values: dict[str, str]) -> None:
    """Raise UnknownName for a parameter that names nothing of its kind in the graph,
    with the nearest names it does hold."""
    for param, value in values.items():
        if param not in PARAMETER_KINDS or (param == "region" and value == ALL_REGIONS):
            continue
        kind, classes = PARAMETER_KINDS[param]
        typed = f"VALUES ?class {{ {' '.join(f'<{c}>' for c in classes)} }} ?x a ?class ." if classes else ""
        names = f"SELECT DISTINCT ?name WHERE {{ {typed} ?x <{v.RDFS}label>|<{v.SKOS}altLabel> ?name }}"
        asked = store.query(f"ASK WHERE {{ {typed} ?x <{v.RDFS}label>|<{v.SKOS}altLabel> ?name }}",
                            use_default_graph_as_union=True,
                            substitutions={Variable("name"): Literal(value, language="zh")})
        if bool(asked):
            continue
        known = sorted({row["name"].value for row in store.query(names, use_default_graph_as_union=True)})
        near = nearest(value, known)
        hint = f"; nearest: {', '.join(near)}" if near else ("; the graph has none" if not known else "")
        extra = f" (or {ALL_REGIONS} for all regions)" if param == "region" else ""
        raise UnknownName(f"no {kind} named {value!r} in the graph{hint}{extra}")


def nearest(value: str, names: list[str], n: int = 5) -> list[str]:
    """Names that contain `value` or that it contains, then the most similar ones."""
    inside = sorted((x for x in names if value in x or (len(x) >= 2 and x in value)), key=lambda x: (len(x), x))
    close = difflib.get_close_matches(value, names, n=n, cutoff=0.4)
    out: list[str] = []
    for x in inside + close:
        if x not in out:
            out.append(x)
    return out[:n]


def run(store: Store, query: LibraryQuery, params: dict[str, str] | None = None) -> tuple[list[str], list[list]]:
    """(column names, rows of terms) of a SELECT query; ASK gives one row with a boolean.
    Parameters are checked against the graph first (UnknownName)."""
    values = bind(query, params)
    check_names(store, values)
    used = set(re.findall(r"[?$](\w+)", query.text))
    # names in the graph are zh-tagged labels: a parameter is bound as one, so it meets them in the index
    substitutions = {Variable(k): Literal(COUNTRY_LABEL if (k == "region" and val == ALL_REGIONS) else val,
                                          language="zh")
                     for k, val in values.items() if k in used}
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
