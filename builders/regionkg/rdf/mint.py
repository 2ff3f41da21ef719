"""Deterministic IRIs for minted resources.

The same name gives the same IRI in any run and input order. Chinese
characters stay as they are (IRIs allow them); characters that IRIs, Turtle
local names or SPARQL endpoints cannot take are percent-encoded.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from .vocab import RESOURCE_PATHS, RKGR

# Keep letters, digits and a few safe marks; everything else is percent-encoded.
_UNSAFE = re.compile(r"[^\w\-.~\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]", re.UNICODE)


def normal_name(name: str) -> str:
    """A name as the graph writes it: NFKC-folded, white space dropped but a single space
    between two Latin letters or digits (白　云 is 白云, "ABB  Group" is "ABB Group"). Names
    with one normal form are one node with one label: the IRI is made from this form."""
    parts = unicodedata.normalize("NFKC", name).split()
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += (" " if _LATIN.match(out[-1]) and _LATIN.match(part[0]) else "") + part
    return out


_LATIN = re.compile(r"[A-Za-z0-9]")


def slug(name: str) -> str:
    """An IRI path segment for `name`: its normal form, percent-encoded where IRIs, Turtle
    local names or SPARQL endpoints cannot take a character."""
    folded = normal_name(name)
    encoded = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), folded)
    encoded = encoded.strip(".")
    if not encoded or len(encoded) > 120:
        return "h" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:20]
    return encoded


def resource(kind: str, name: str) -> NamedNode:
    """The IRI of a resource of `kind` (a class name) called `name`."""
    return NamedNode(f"{RKGR}{RESOURCE_PATHS[kind]}/{slug(name)}")


def hashed(kind: str, *parts: str) -> NamedNode:
    """An IRI for a node identified by several values (statements, quantities)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{RKGR}{RESOURCE_PATHS[kind]}/{digest}")
