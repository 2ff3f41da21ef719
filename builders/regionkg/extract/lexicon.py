"""Lexicons and word lists as data: loaded from TSV files in `regionkg/data/`,
extended by user files (`regionkg build --lexicon FILE`).

A user file is either
- a lexicon: a TSV with the header `kind	name	aliases`; kind is Industry,
  Enterprise or IndustrialPark, aliases are `|`-separated; or
- more rows for one of the shipped word lists: a TSV named like that list
  (`works_nouns.tsv`, `status_verbs.tsv`, …, in any folder) with the same header.
  Its rows are read after the shipped ones, by every stage that reads the list.

`read_tsv` is the one loader of the data files; what is derived from them is kept
by functions decorated with `data_cache`, which are emptied when the user lists change.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..nlp.surfaces import Surfaces

USER_KINDS = ("Industry", "Enterprise", "IndustrialPark")
LEXICON_HEADER = ["kind", "name", "aliases"]
_user_rows: dict[str, list[dict[str, str]]] = {}   # shipped list name → rows from user files
_caches: list = []


def data_cache(fn):
    """Keep what `fn` derives from the data files until the user word lists change."""
    cached = lru_cache(maxsize=None)(fn)
    _caches.append(cached)
    return cached


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped TSV file (comment lines starting with # are skipped), then the
    rows that user files add to it."""
    return _shipped_rows(name) + _user_rows.get(name, [])


@lru_cache(maxsize=None)
def _shipped_rows(name: str) -> list[dict[str, str]]:
    return _rows(resources.files("regionkg.data").joinpath(name).read_text("utf-8"))


def shipped_lists() -> list[str]:
    """The names of the shipped word lists a user file may extend."""
    data = resources.files("regionkg.data")
    return sorted(p.name for p in data.iterdir() if p.name.endswith(".tsv") and p.name != "divisions.tsv")


def is_list_file(path: str | Path) -> bool:
    """Whether a user file extends a shipped word list (by its name) rather than the lexicon."""
    return Path(path).name in shipped_lists()


def use_user_lists(paths: list[str | Path]) -> None:
    """Add the rows of these user files to the shipped lists of their names (replacing
    what earlier calls added) and empty the caches derived from the lists."""
    added: dict[str, list[dict[str, str]]] = {}
    for path in paths:
        name = Path(path).name
        text = Path(path).read_text("utf-8-sig")
        header = _header(text)
        expected = _header(resources.files("regionkg.data").joinpath(name).read_text("utf-8"))
        if header != expected:
            raise ValueError(f"{path}: the columns of {name} are {', '.join(expected)}, not {', '.join(header)}")
        added.setdefault(name, []).extend(_rows(text))
    if added == _user_rows:
        return
    _user_rows.clear()
    _user_rows.update(added)
    for cached in _caches:
        cached.cache_clear()


def _header(text: str) -> list[str]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return [c.strip() for c in line.split("\t")]
    return []


def _rows(text: str) -> list[dict[str, str]]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t")]


@data_cache
def words(name: str, column: str = "word") -> frozenset[str]:
    """One column of a word list as a set."""
    return frozenset(row[column] for row in read_tsv(name) if row.get(column))


class Dictionary:
    """Surface forms → canonical names, with leftmost-longest search in text."""

    def __init__(self) -> None:
        self.canonical: dict[str, str] = {}
        self._surfaces: Surfaces | None = None

    def add(self, name: str, aliases: list[str] = ()) -> None:
        for surface in (name, *aliases):
            if len(surface) >= 2:
                self.canonical.setdefault(surface, name)
        self._surfaces = None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of every leftmost-longest match."""
        if self._surfaces is None:
            self._surfaces = Surfaces(self.canonical)
        canonical = self.canonical
        return [(start, end, canonical[s]) for start, end, s in self._surfaces.find(text)]

    def longest_suffix(self, text: str) -> tuple[str, str] | None:
        """The longest known surface that `text` ends with: (surface, canonical)."""
        for i in range(len(text) - 1):
            if text[i:] in self.canonical:
                return text[i:], self.canonical[text[i:]]
        return None

    def __contains__(self, surface: str) -> bool:
        return surface in self.canonical


@dataclass
class Lexicons:
    industries: Dictionary = field(default_factory=Dictionary)
    enterprises: Dictionary = field(default_factory=Dictionary)
    parks: Dictionary = field(default_factory=Dictionary)
    industry_group: dict[str, str] = field(default_factory=dict)
    industry_source: dict[str, str] = field(default_factory=dict)

    def add_user_file(self, path: str | Path) -> int:
        """Add the entries of a user lexicon; returns how many were read."""
        rows = _rows(Path(path).read_text("utf-8-sig"))
        for n, row in enumerate(rows, 2):
            kind, name = row.get("kind", ""), row.get("name", "")
            if kind not in USER_KINDS or not name:
                raise ValueError(f"{path}:{n}: need kind ({', '.join(USER_KINDS)}) and name")
            aliases = [a for a in row.get("aliases", "").split("|") if a]
            {"Industry": self.industries, "Enterprise": self.enterprises, "IndustrialPark": self.parks}[kind].add(name, aliases)
        return len(rows)


@data_cache
def shipped() -> Lexicons:
    lex = Lexicons()
    for row in read_tsv("industries.tsv"):
        lex.industries.add(row["name"], [a for a in row.get("aliases", "").split("|") if a])
        lex.industry_group[row["name"]] = row.get("group", "")
        lex.industry_source[row["name"]] = row.get("source", "")
    for row in read_tsv("enterprises.tsv"):
        lex.enterprises.add(row["name"], [a for a in row.get("aliases", "").split("|") if a]
                            + ([row["legal_name"]] if row.get("legal_name") else []))
    return lex


def load(user_files: list[str | Path] = ()) -> Lexicons:
    """The shipped lexicons and word lists, plus user files: lexicons (a fresh copy when
    there are any) and rows for shipped word lists (see the module's docstring)."""
    use_user_lists([f for f in user_files if is_list_file(f)])
    user_files = [f for f in user_files if not is_list_file(f)]
    if not user_files:
        return shipped()
    lex = Lexicons()
    base = shipped()
    for d_from, d_to in ((base.industries, lex.industries), (base.enterprises, lex.enterprises), (base.parks, lex.parks)):
        d_to.canonical.update(d_from.canonical)
    lex.industry_group.update(base.industry_group)
    lex.industry_source.update(base.industry_source)
    for path in user_files:
        lex.add_user_file(path)
    return lex
