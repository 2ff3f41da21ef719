"""One project across reports: which project names of a batch's reports are one project.

Each report names its projects as it likes: with or without the owner, the capacity or the
head word (某某啤酒厂迁建项目 / 啤酒厂迁建项目), or by a short form (a railway by the first
characters of its ends). The batch compares the names of reports whose regions are one
another's or one's ancestor's (a county's reports, its city's and the country's) and gives each
group of names one node, named by the name most of its reports use (then the longest).
A name is reduced to a *form*: its stem
(what is left when owner, capacity, head word, works noun and phase are taken off), its works
noun (铁路, 水库) and its phase (一期, 东线). Two names are one project when

- their stems are equal, or one stem ends the other (长江三峡 / 三峡: a place or owner
  dropped), or, for a two- or three-character stem, it abbreviates a stem that the same or an
  earlier report names (南昆 from 南宁至昆明);
- their phases are equal (一期 and 二期 are two projects; 二期 is not the whole works), their
  works nouns agree (one may have none; 高铁 is 高速铁路: `works_synonyms.tsv`);
- owners, capacities and products agree where both state one, and their places are one
  another's; and
- exactly one group of names fits: a short name that fits two projects joins neither.

The decision data are word lists: `works_nouns.tsv`, `works_synonyms.tsv`,
`project_phase_words.tsv`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .document import Document, Fact, Mention
from .extract.lexicon import Lexicons, data_cache, read_tsv, words
from .extract.phrases import is_generic, strip_quotes
from .gazetteer import COUNTRY, Gazetteer

_HEADS = ("建设项目", "建设工程", "项目", "工程", "建设")
# what leads a capacity: 年产, 日处理 and the material processed (日处理鲜奶500吨)
_CAPACITY_LEAD = re.compile(r"(?:年产|年处理|年加工|年产能|日处理|日加工|装机)[\u4e00-\u9fff]{0,3}$")
_LIST = re.compile(r"[、，,；]|等")
MIN_STEM = 2
ABBREVIATION = (2, 3)           # lengths of a stem that may abbreviate a longer one


@dataclass(frozen=True)
class Profile:
    """What a report says of one of its projects, as the batch compares it."""

    key: str
    names: tuple[str, ...]
    owner: str = ""
    owner_names: tuple[str, ...] = ()
    capacity: str = ""               # "value unit"
    capacity_text: str = ""
    product: str = ""
    places: tuple[str, ...] = ()

    def to_json(self) -> list:
        return [self.key, list(self.names), self.owner, list(self.owner_names), self.capacity,
                self.capacity_text, self.product, list(self.places)]

    @classmethod
    def from_json(cls, data: list) -> Profile:
        key, names, owner, owner_names, capacity, capacity_text, product, places = data
        return cls(key, tuple(names), owner, tuple(owner_names), capacity, capacity_text, product, tuple(places))


def profiles(doc: Document) -> list[Profile]:
    """The profile of each project the document names, in key order."""
    owners: dict[str, str] = {}
    places: dict[str, set[str]] = {}
    for fact in doc.facts:
        if fact.predicate == "builds" and fact.object[0] == "Project" and fact.subject[0] == "Enterprise":
            owners.setdefault(fact.object[1], fact.subject[1])
        if fact.predicate == "locatedIn" and fact.subject[0] == "Project" and fact.object[0] == "Region":
            places.setdefault(fact.subject[1], set()).add(fact.object[1])
    out = []
    for (kind, key), ent in sorted(doc.entities.items()):
        if kind != "Project" or ent.attributes.get("known"):
            continue
        owner = owners.get(key, "")
        owner_ent = doc.entities.get(("Enterprise", owner)) if owner else None
        owner_names = tuple(sorted({owner_ent.label, *owner_ent.alt_labels})) if owner_ent else ()
        q = ent.attributes.get("capacity")
        out.append(Profile(key, tuple(sorted({ent.label, *ent.alt_labels})), owner, owner_names,
                           f"{q.lexical} {q.unit}" if q is not None else "", q.text if q is not None else "",
                           str(ent.attributes.get("product") or ""), tuple(sorted(places.get(key, ())))))
    return out


# -- forms ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    stem: str
    works: str       # canonical works noun, "" when the name has none
    phase: str


@data_cache
def _phase_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{row['pattern']})" for row in read_tsv("project_phase_words.tsv")))


@data_cache
def _works() -> tuple[tuple[str, ...], dict[str, str]]:
    synonyms = {row["word"]: row["same_as"] for row in read_tsv("works_synonyms.tsv")}
    nouns = set(words("works_nouns.tsv")) | set(synonyms) | set(synonyms.values())
    return tuple(sorted(nouns, key=len, reverse=True)), synonyms


def _canonical_works(works: str) -> str:
    synonyms = _works()[1]
    seen = set()
    while works in synonyms and works not in seen:
        seen.add(works)
        works = synonyms[works]
    return works


def form(name: str, owner_names: tuple[str, ...] = (), capacity_text: str = "") -> Form | None:
    """The form of a project name; None when too little is left to tell a project apart, or
    when the name is a list (甲、乙等铁路)."""
    if _LIST.search(name):
        return None
    n = re.sub(r"\s", "", unicodedata.normalize("NFKC", strip_quotes(name)))
    for owner in sorted(owner_names, key=len, reverse=True):
        if owner and n.startswith(owner) and len(n) > len(owner) + 1:
            n = n[len(owner):]
            break
    if capacity_text:
        at = n.find(unicodedata.normalize("NFKC", capacity_text))
        if at >= 0:
            lead = _CAPACITY_LEAD.search(n, 0, at)
            n = n[:lead.start() if lead else at] + n[at + len(capacity_text):]
    n = _strip_heads(n)
    phase = "|".join(m.group() for m in _phase_pattern().finditer(n))
    n = _strip_heads(_phase_pattern().sub("", n))
    works = ""
    nouns = _works()[0]
    stripped = True
    while stripped:
        stripped = False
        for noun in nouns:
            if n.endswith(noun) and len(n) - len(noun) >= MIN_STEM:
                n, works, stripped = n[: -len(noun)], noun + works, True
                break
    if len(n) < MIN_STEM or is_generic(n):
        return None
    return Form(n, _canonical_works(works), phase)


def _strip_heads(n: str) -> str:
    changed = True
    while changed:
        changed = False
        for head in _HEADS:
            if n.endswith(head) and len(n) - len(head) >= MIN_STEM:
                n, changed = n[: -len(head)], True
    return n


# -- groups ---------------------------------------------------------------------------

@dataclass
class _Entry:
    report: str
    year: int
    region: str | None
    profile: Profile
    forms: list[Form]
    index: int = 0
    owner_only: bool = False      # named by its owner and a head word only (甲乙乳业项目)


@dataclass
class _Group:
    members: list[_Entry] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    capacities: set[str] = field(default_factory=set)
    products: set[str] = field(default_factory=set)
    phases: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    def add(self, e: _Entry) -> None:
        self.members.append(e)
        p = e.profile
        self.owners |= {p.owner} - {""}
        self.capacities |= {p.capacity} - {""}
        self.products |= {p.product} - {""}
        if not e.owner_only:          # a name of the owner alone says nothing of a phase
            self.phases.add(e.forms[0].phase if e.forms else "")
        self.works |= {f.works for f in e.forms[:1]} - {""}
        self.regions |= {e.region} if e.region else set()
        self.places |= set(p.places)


class Resolver:
    """Groups the projects of a batch (see the module's docstring)."""

    def __init__(self, gazetteer: Gazetteer, lexicons: Lexicons):
        self.gazetteer = gazetteer
        self.industries = lexicons.industries.canonical
        self._lines: dict[str, frozenset[str]] = {}

    def line(self, code: str) -> frozenset[str]:
        """The region and its ancestors."""
        got = self._lines.get(code)
        if got is None:
            chain, c = set(), code
            while c and c not in chain and c in self.gazetteer.divisions:
                chain.add(c)
                div = self.gazetteer.divisions[c]
                c = div.parent or (COUNTRY if div.level == "province" else "")
            got = self._lines[code] = frozenset(chain | {code})
        return got

    def related(self, a: str, b: str) -> bool:
        return a == b or a in self.line(b) or b in self.line(a)

    def fits(self, g: _Group, h: _Group) -> bool:
        """Whether two groups may be one project."""
        if len(g.owners | h.owners) > 1 or len(g.capacities | h.capacities) > 1 or len(g.products | h.products) > 1:
            return False
        if len(g.phases | h.phases) > 1 or len(g.works | h.works) > 1:
            return False
        if not all(self.related(a, b) for a in g.regions for b in h.regions):
            return False
        if g.places and h.places and not any(self.related(a, b) for a in g.places for b in h.places):
            return False
        return bool(g.regions and h.regions) or {m.report for m in g.members} == {m.report for m in h.members}

    def specific(self, stem: str) -> bool:
        return stem not in self.industries and not is_generic(stem)

    def groups(self, entries: list[_Entry]) -> list[_Group]:
        """The entries' projects, each a group of the names that are one project."""
        joined = _Joined(entries, self.fits)
        by_key: dict[str, int] = {}
        for e in entries:                        # one name is one node already
            if e.profile.key in by_key:
                joined.union(by_key[e.profile.key], e.index)
            else:
                by_key[e.profile.key] = e.index
        index = _Index(entries)
        for e in entries:
            self._equal_stems(e, joined, index)
        for e in entries:
            self._short_forms(e, joined, index)
        for e in entries:
            self._abbreviations(e, joined, index)
        for e in entries:                        # the owner's name alone: its one project named so far
            if e.owner_only:
                joined.join_unique(e, {c for c in index.by_owner.get(e.profile.owner, ())
                                       if entries[c].year <= e.year})
        return joined.groups()

    def _equal_stems(self, e: _Entry, joined: _Joined, index: _Index) -> None:
        """Equal stems, joined to what came before; a bare product names a project of one owner."""
        owner = e.profile.owner
        for f in e.forms:
            if self.specific(f.stem) or owner:
                joined.join_unique(e, {c for c in index.by_stem.get(f.stem, ()) if c < e.index and (
                    self.specific(f.stem) or joined.entries[c].profile.owner == owner)})

    def _short_forms(self, e: _Entry, joined: _Joined, index: _Index) -> None:
        """A stem that ends a longer one in another report: owner or place left out."""
        for f in e.forms if not e.profile.owner else ():
            if self.specific(f.stem):
                joined.join_unique(e, set(index.by_suffix.get(f.stem, ())), other_reports=True)
            elif f.works and not is_generic(f.stem):   # 啤酒厂迁建: a product's works
                joined.join_unique(e, {c for c in index.by_suffix.get(f.stem, ())
                                       if any(g.works == f.works for g in joined.entries[c].forms[:1])},
                                   other_reports=True)

    def _abbreviations(self, e: _Entry, joined: _Joined, index: _Index) -> None:
        """A two- or three-character stem that abbreviates one named before (南昆, 南宁至昆明)."""
        for f in e.forms[:1] if not e.profile.owner else ():
            if ABBREVIATION[0] <= len(f.stem) <= ABBREVIATION[1] and self.specific(f.stem):
                joined.join_unique(e, {c for c in index.by_first.get(f.stem[0], ())
                                       if joined.entries[c].year <= e.year and any(
                                           len(g.stem) > len(f.stem) and _abbreviates(f.stem, g.stem)
                                           for g in joined.entries[c].forms)}, other_reports=True)


class _Index:
    """Entries by stem, by the suffixes of their stems, by first character and by owner."""

    def __init__(self, entries: list[_Entry]):
        self.by_stem: dict[str, list[int]] = {}
        self.by_suffix: dict[str, list[int]] = {}
        self.by_first: dict[str, list[int]] = {}
        self.by_owner: dict[str, list[int]] = {}
        for e in entries:
            for f in e.forms:
                self.by_stem.setdefault(f.stem, []).append(e.index)
                for k in range(1, len(f.stem) - MIN_STEM + 1):
                    self.by_suffix.setdefault(f.stem[k:], []).append(e.index)
                self.by_first.setdefault(f.stem[0], []).append(e.index)
            if e.profile.owner and not e.owner_only:
                self.by_owner.setdefault(e.profile.owner, []).append(e.index)


class _Joined:
    """Groups of entries, joined one fitting group at a time (union-find)."""

    def __init__(self, entries: list[_Entry], fits):
        self.entries, self.fits = entries, fits
        self.parent = list(range(len(entries)))
        self.group = {i: _Group() for i in range(len(entries))}
        for i, e in enumerate(entries):
            e.index = i
            self.group[i].add(e)

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = sorted((self.find(i), self.find(j)))
        if a != b:
            self.parent[b] = a
            for m in self.group.pop(b).members:
                self.group[a].add(m)

    def join_unique(self, e: _Entry, candidates: set[int], other_reports: bool = False) -> bool:
        """Join `e` to the one group among the candidates' that fits it; none when several do."""
        mine = self.find(e.index)
        if other_reports:        # a short form of a name the same report holds apart is another project
            candidates = {c for c in candidates if self.entries[c].report != e.report}
        fitting = {self.find(c) for c in candidates} - {mine}
        fitting = {c for c in fitting if self.fits(self.group[mine], self.group[c])}
        if len(fitting) == 1:
            self.union(mine, fitting.pop())
            return True
        return False

    def groups(self) -> list[_Group]:
        return [self.group[i] for i in sorted(self.group)]


def _owner_only(p: Profile) -> bool:
    """Whether the project's name is its owner's name and a head word (甲乙乳业项目)."""
    n = unicodedata.normalize("NFKC", p.key)
    return bool(p.owner) and any(o and n.startswith(o) and n[len(o):] in ("", *_HEADS) for o in p.owner_names)


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` takes characters of `full` in order, starting with its first."""
    if short[0] != full[0]:
        return False
    pos = 1
    for ch in short[1:]:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def resolve(summaries: list, gazetteer: Gazetteer,
            lexicons: Lexicons) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """For each report: its project keys that are another node's names → that node's key, and
    the names that reports of related regions give projects → their nodes' keys."""
    resolver = Resolver(gazetteer, lexicons)
    entries = []
    for s in sorted(summaries, key=lambda s: (s.year or 0, s.report)):
        for p in s.projects:
            label_form = form(p.key, p.owner_names, p.capacity_text)
            forms = []
            if label_form is not None:       # the key's form first: it stands for the project
                forms = [label_form] + [f for f in (form(n, p.owner_names, p.capacity_text) for n in p.names)
                                        if f is not None and f != label_form and f.phase == label_form.phase]
            entries.append(_Entry(s.report, s.year or 0, s.region, p, forms,
                                  owner_only=label_form is None and _owner_only(p)))
    resolved: dict[str, dict[str, str]] = {}
    named: dict[str, dict[str, set[str]]] = {}     # region → name → keys
    reports_of: dict[str, set[str]] = {}           # name → reports naming it
    for g in resolver.groups(entries):
        canonical = _canonical(g)
        for m in g.members:
            if m.profile.key != canonical:
                resolved.setdefault(m.report, {})[m.profile.key] = canonical
            if m.region is None:
                continue
            for name in m.profile.names:
                f = form(name, m.profile.owner_names, m.profile.capacity_text)
                if len(name) >= 3 and f is not None and resolver.specific(f.stem):
                    named.setdefault(m.region, {}).setdefault(name, set()).add(canonical)
                    reports_of.setdefault(name, set()).add(m.report)
    out: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    for s in summaries:
        known: dict[str, set[str]] = {}
        if s.region is not None:
            for region, names in named.items():
                if resolver.related(region, s.region):
                    for name, keys in names.items():
                        if reports_of[name] - {s.report}:
                            known.setdefault(name, set()).update(keys)
        unique = {name: next(iter(keys)) for name, keys in sorted(known.items()) if len(keys) == 1}
        mapping = dict(sorted(resolved.get(s.report, {}).items()))
        if mapping or unique:
            out[s.report] = (mapping, unique)
    return out


def _canonical(g: _Group) -> str:
    """The group's name: the one most reports use, then the longest, then the earliest."""
    uses: dict[str, set[str]] = {}
    for m in g.members:
        uses.setdefault(m.profile.key, set()).add(m.report)
    first = {}
    for m in g.members:
        first.setdefault(m.profile.key, (m.year, m.report))
    return min(uses, key=lambda k: (-len(uses[k]), -len(k), first[k], k))


def rename(doc: Document, mapping: dict[str, str]) -> None:
    """Give the document's projects the keys the batch chose; a project's own names stay
    its other names (skos:altLabel), the chosen name is its label."""
    if not mapping:
        return
    for old, new in mapping.items():
        ent = doc.entities.pop(("Project", old), None)
        if ent is None:
            continue
        names = {ent.label, *ent.alt_labels}
        target = doc.entities.get(("Project", new))
        if target is None:
            ent.key, ent.label = new, new
            ent.alt_labels = names - {new}
            doc.entities[("Project", new)] = ent
            continue
        target.alt_labels |= names - {target.label}
        for k, value in ent.attributes.items():
            if k == "stages":
                target.attributes.setdefault("stages", []).extend(value)
            else:
                target.attributes.setdefault(k, value)
    doc.mentions = [Mention(m.start, m.end, m.kind, mapping.get(m.key, m.key), m.sentence) if m.kind == "Project"
                    else m for m in doc.mentions]
    seen: set[Fact] = set()
    facts = []
    for f in doc.facts:
        f = Fact(_moved(f.subject, mapping), f.predicate, _moved(f.object, mapping), f.sentence, f.first_sentence)
        if f not in seen:
            seen.add(f)
            facts.append(f)
    doc.facts = facts


def _moved(node: tuple[str, str], mapping: dict[str, str]) -> tuple[str, str]:
    return ("Project", mapping[node[1]]) if node[0] == "Project" and node[1] in mapping else node
