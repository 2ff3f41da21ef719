"""N-Triples lines made as text, and Turtle made from sorted N-Triples lines.

A build writes about a hundred thousand triples for every 600 000 characters of text.
Making a pyoxigraph term object for each of their terms, then parsing them back to sort
them, cost more than all of the extraction; so the build path writes N-Triples lines
directly (escaped as pyoxigraph escapes them: RDF 1.1 N-Triples, section 2.4) and turns
the sorted lines into Turtle by grouping subjects and abbreviating IRIs with the
declared prefixes. Everything else (stores, queries, TriG) still goes through pyoxigraph,
and tests and fuzzing parse what is written here with pyoxigraph and rdflib.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .vocab import PREFIXES, RDF, XSD

_ESCAPES = {i: f"\\u{i:04X}" for i in range(0x20)} | {
    0x7F: "\\u007F", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}


def iri(value: str) -> str:
    """An IRI term. Only for IRIs the tool mints or declares (mint.py percent-encodes
    everything N-Triples forbids in an IRI)."""
    return f"<{value}>"


def literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal term, with its text escaped."""
    body = '"' + text.translate(_ESCAPES) + '"'
    if language:
        return f"{body}@{language}"
    if datatype:
        return f"{body}^^<{datatype}>"
    return body


def line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


# --- Turtle from sorted N-Triples ------------------------------------------------------
_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_CHARS = _BASE + "_\\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PCT = "%[0-9A-Fa-f]{2}"
# a conservative PN_LOCAL (Turtle, section 6.5): no backslash escapes, no colons
_LOCAL = re.compile(f"(?:[{_BASE}_0-9]|{_PCT})(?:(?:[{_CHARS}.]|{_PCT})*(?:[{_CHARS}]|{_PCT}))?")
_NAMESPACES = sorted(((ns, name) for name, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_TYPE = f"<{RDF}type>"
_BARE = {f"<{XSD}integer>": re.compile(r"[+-]?[0-9]+"), f"<{XSD}decimal>": re.compile(r"[+-]?[0-9]*\.[0-9]+")}


@lru_cache(maxsize=200_000)
def _short_iri(term: str) -> str:
    """`<IRI>` as `prefix:local` where a declared namespace and a plain local name allow."""
    value = term[1:-1]
    for ns, name in _NAMESPACES:
        if value.startswith(ns):
            local = value[len(ns):]
            if local == "" or _LOCAL.fullmatch(local):
                return f"{name}:{local}"
    return term


def _short(term: str) -> str:
    if term.startswith("<"):
        return _short_iri(term)
    if term.startswith('"') and term.endswith(">"):     # a typed literal
        cut = term.rindex('"^^<')
        datatype = term[cut + 3:]
        lexical = term[1:cut]
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        return term[:cut + 3] + _short_iri(datatype)
    return term


def _split(ntriple: str) -> tuple[str, str, str]:
    """Subject, predicate and object of an N-Triples line (`S P O .`): subjects and
    predicates hold no spaces; the object is the rest."""
    s, p, rest = ntriple.split(" ", 2)
    return s, p, rest[:-2] if rest.endswith(" .") else rest.rstrip(" .")


def turtle(lines: Iterable[str]) -> str:
    """Turtle for sorted, distinct N-Triples lines (no newline at their ends): each
    subject once, its predicates after `;`, their objects after `,`."""
    out = [f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(PREFIXES.items())]
    subject = predicate = None
    for ntriple in lines:
        s, p, o = _split(ntriple)
        o = _short(o)
        if s != subject:
            if subject is not None:
                out.append(" .\n")
            out.append(f"{_short(s)} {'a' if p == _TYPE else _short(p)} {o}")
            subject, predicate = s, p
        elif p != predicate:
            out.append(f" ;\n\t{'a' if p == _TYPE else _short(p)} {o}")
            predicate = p
        else:
            out.append(f" , {o}")
    if subject is not None:
        out.append(" .\n")
    return "".join(out)
