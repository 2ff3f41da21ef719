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

from .vocab import PREFIXES, PROV, RDF, RKG, XSD

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
_TYPE = f"<{RDF}type>".encode()
_BARE = {f"<{XSD}integer>".encode(): re.compile(rb"[+-]?[0-9]+"),
         f"<{XSD}decimal>".encode(): re.compile(rb"[+-]?[0-9]*\.[0-9]+")}


def abbreviated(value: str) -> str:
    """An IRI as `prefix:local` where a declared namespace and a plain local name allow,
    else as `<IRI>`."""
    for ns, name in _NAMESPACES:
        if value.startswith(ns):
            local = value[len(ns):]
            if local == "" or _LOCAL.fullmatch(local):
                return f"{name}:{local}"
    return f"<{value}>"


@lru_cache(maxsize=50_000)
def _short_iri(term: bytes) -> bytes:
    """`abbreviated` for an N-Triples IRI term, cached (IRIs recur)."""
    return abbreviated(term[1:-1].decode("utf-8")).encode("utf-8")


def _short_typed(term: bytes) -> bytes:
    """A typed literal with its datatype abbreviated, or bare where Turtle allows."""
    cut = term.rindex(b'"^^<')
    datatype = term[cut + 3:]
    bare = _BARE.get(datatype)
    if bare is not None and bare.fullmatch(term, 1, cut):
        return term[1:cut]
    return term[:cut + 3] + _short_iri(datatype)


PREFIX_HEADER = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(PREFIXES.items())).encode()


def turtle(lines: Iterable[bytes]) -> bytes:
    """Turtle for sorted, distinct N-Triples lines (no newline at their ends)."""
    return PREFIX_HEADER + turtle_body(lines)


def turtle_body(lines: Iterable[bytes]) -> bytes:
    """The triples of `turtle`, without the prefixes: each subject once, its predicates
    after `;`, their objects after `,`. Bytes throughout: sorting and splitting UTF-8 is
    faster than str."""
    out: list[bytes] = []
    short_iri, short_typed, type_ = _short_iri, _short_typed, _TYPE
    subject = predicate = None
    for ntriple in lines:
        # subjects and predicates are IRIs or blank nodes, without spaces; the object is the rest
        s, p, o = ntriple.split(b" ", 2)
        if not o.endswith(b" ."):
            raise ValueError(f"not an N-Triples line: {ntriple[:200]!r}")
        o = o[:-2]
        if o[0] == 60:          # <
            o = short_iri(o)
        elif o[-1] == 62:       # > ending a typed literal
            o = short_typed(o)
        if s != subject:
            if subject is not None:
                out.append(b" .\n")
            out += (short_iri(s) if s[0] == 60 else s, b" ", b"a" if p == type_ else short_iri(p), b" ", o)
            subject, predicate = s, p
        elif p != predicate:
            out += (b" ;\n\t", b"a" if p == type_ else short_iri(p), b" ", o)
            predicate = p
        else:
            out += (b" , ", o)
    if subject is not None:
        out.append(b" .\n")
    return b"".join(out)


@lru_cache(maxsize=20_000)
def short(term: str) -> str:
    """An N-Triples term as `turtle_body` writes it."""
    data = term.encode("utf-8")
    if data[0] == 60:
        return _short_iri(data).decode("utf-8")
    if data[-1] == 62:
        return _short_typed(data).decode("utf-8")
    return term


class StatementWriter:
    """The Turtle block of one reified statement, written directly: exactly what
    `turtle_body` writes for its sorted N-Triples lines (a test holds the two equal),
    without making and sorting those lines. `extras` (name → predicate IRI) adds
    properties, whose N-Triples values `__call__` takes by name."""

    def __init__(self, extras: dict[str, str] | None = None) -> None:
        names = {"object": f"<{RDF}object>", "predicate": f"<{RDF}predicate>", "subject": f"<{RDF}subject>",
                 "type": f"<{RDF}type>", "source": f"<{PROV}wasDerivedFrom>", "end": f"<{RKG}endOffset>",
                 "evidence": f"<{RKG}evidence>", "start": f"<{RKG}startOffset>"}
        names |= {k: f"<{p}>" for k, p in (extras or {}).items()}
        order = sorted(names, key=lambda k: names[k].encode())           # as the lines sort
        values = {k: "{" + k + "}" for k in names} | {"type": short(f"<{RDF}Statement>")}
        pairs = [f"{'a' if k == 'type' else short(names[k])} {values[k]}" for k in order]
        self._template = "{statement} " + " ;\n\t".join(pairs) + " .\n"

    def __call__(self, statement: str, s: str, p: str, o: str, report: str, evidence: str,
                 start: int, end: int, **extras: str) -> str:
        """`statement`, `s`, `p` IRIs; `o` and `report` N-Triples terms; `evidence` an escaped
        literal; `start` and `end` the offsets (integers are written bare in Turtle); the
        extras as N-Triples terms. Each statement is written once, so its name is not cached."""
        return self._template.format(statement=abbreviated(statement), object=short(o), predicate=short(f"<{p}>"),
                                     subject=short(f"<{s}>"), source=short(report), end=end, evidence=evidence,
                                     start=start, **{k: short(x) for k, x in extras.items()})
