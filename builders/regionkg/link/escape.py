"""Terms for SPARQL query text: every value that reaches a query goes through here.

Report text is never pasted into a query raw. `sparql_string` escapes per the SPARQL 1.1
STRING_LITERAL_QUOTE rule, so a name holding quotes, backslashes or braces stays one
literal; `sparql_iri` refuses anything that could leave an IRIREF.
"""
from __future__ import annotations

import re

_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# control characters, DEL and the noncharacters U+FFFE/U+FFFF (scalar values that some
# result formats cannot carry raw) as \uXXXX; lone surrogates replaced
_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]')
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
# IRIREF excludes these and the space; schemes are limited to http(s)
_IRI = re.compile(r'^https?://[^\x00-\x20<>"{}|^`\\]+$')


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ECHAR:
        return _ECHAR[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"  # not a Unicode scalar value: cannot be written in any form
    return f"\\u{ord(ch):04X}"


def sparql_string(text: str) -> str:
    """`text` as a quoted SPARQL string literal (no language tag, no datatype)."""
    return '"' + _SPECIAL.sub(_escape_char, text) + '"'


def sparql_literal(text: str, lang: str | None = None) -> str:
    """A string literal, with a language tag if `lang` is given (validated)."""
    if lang is None:
        return sparql_string(text)
    if not _LANG.match(lang):
        raise ValueError(f"not a language tag: {lang!r}")
    return f"{sparql_string(text)}@{lang}"


def sparql_iri(iri: str) -> str:
    """`<iri>` for an absolute http(s) IRI; anything else is refused, not escaped."""
    if not _IRI.match(iri):
        raise ValueError(f"not an http(s) IRI that can go into a query: {iri!r}")
    return f"<{iri}>"


def is_query_safe_iri(value: str) -> bool:
    """True for an http(s) IRI that `sparql_iri` takes (and RDF output can hold)."""
    return bool(_IRI.match(value))


def values_block(variable: str, terms: list[str]) -> str:
    """`VALUES ?variable { … }` of terms already made by the functions above."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", variable):
        raise ValueError(f"not a variable name: {variable!r}")
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"
