"""Finding many known strings (division names, lexicon terms, boundary words) in a text
in one pass, with the Rust Aho-Corasick automaton of `ahocorasick_rs`."""
from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick, MatchKind


class Surfaces:
    """A fixed set of strings; `find` gives (start, end, string), offsets in characters.

    `longest`: leftmost-longest, non-overlapping matches (names); otherwise every
    occurrence, overlapping ones included (boundary words)."""

    def __init__(self, strings: Iterable[str], longest: bool = True):
        self.strings = sorted(set(strings))
        self.longest = longest
        kind = MatchKind.LeftmostLongest if longest else MatchKind.Standard
        self._automaton = AhoCorasick(self.strings, matchkind=kind) if self.strings else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        if self._automaton is None:
            return []
        strings = self.strings
        return [(s, e, strings[i])
                for i, s, e in self._automaton.find_matches_as_indexes(text, overlapping=not self.longest)]
