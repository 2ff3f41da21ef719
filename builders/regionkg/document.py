"""The document object every pipeline stage reads and extends.

A `Document` is one report or news item: its cleaned text, sentences with
character offsets, metadata, the mentions found in it and the facts derived
from them. Stages add to it; none of them re-reads the source.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of the document's cleaned text."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Mention:
    """A span of text that names an entity.

    `key` identifies the entity within its kind (a division code for regions,
    a canonical name for the other kinds).
    """

    start: int
    end: int
    kind: str
    key: str
    sentence: int


@dataclass
class Entity:
    """A node the document names: its class, canonical label and other names."""

    kind: str
    key: str
    label: str
    alt_labels: set[str] = field(default_factory=set)
    attributes: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Fact:
    """A relation between two entities (by (kind, key)) and the index of the
    sentence that states it (None for what the report implies, e.g. its own region)."""

    subject: tuple[str, str]
    predicate: str
    object: tuple[str, str]
    sentence: int | None
    first_sentence: int | None = None  # when the evidence starts in an earlier sentence (a heading)


@dataclass
class Document:
    """One report or news item as the builder read it."""

    id: str
    source: str
    text: str
    title: str | None = None
    date: str | None = None
    year: int | None = None          # the year the report is of (given, or from its date, title or session)
    region: str | None = None
    url: str | None = None
    header_lines: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    known_projects: dict[str, str] = field(default_factory=dict)   # names the batch knows → node keys

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character `offset` (binary search)."""
        starts = self.__dict__.get("_sentence_starts")
        if starts is None or starts[0] is not self.sentences or len(starts[1]) != len(self.sentences):
            starts = self.__dict__["_sentence_starts"] = (self.sentences, [s.start for s in self.sentences])
        return max(0, bisect_right(starts[1], offset) - 1)

    def entity(self, kind: str, key: str, label: str) -> Entity:
        """The document's entity (kind, key), created on first use."""
        ent = self.entities.get((kind, key))
        if ent is None:
            ent = self.entities[(kind, key)] = Entity(kind, key, label)
        return ent
