"""Find input files and split them into source documents.

`.txt`: one report, or a digest of news items separated by lines holding only
`-` (each item: title line, body, a `YYYY-MM-DD` date line).
`.jsonl`: one object per line, in whatever schema the data set has: each field of
a document (text, required; title, date, year, region, url, id) is read from the
first of its recognised names (`data/jsonl_fields.tsv`: content, body, 正文 … for
the text) that the object has, or from the name given with `field_mapping`
(`regionkg build --field text=content`). Numbers are taken as text (year 2025).
`.html`/`.htm`: a page whose text is kept.
Folders are walked recursively in sorted order; other files are passed over.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..extract.lexicon import data_cache, read_tsv
from .decode import clean_text, decode

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
MAX_CHARS = 2_000_000  # one report: twenty times the longest government work report
LONG_LINE = 20_000     # a line longer than this is broken after each sentence
_SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![”’」』）)\n])")
_SEPARATOR = re.compile(r"^[ \t\u3000]*-[ \t\u3000]*$", re.M)


@dataclass
class Source:
    """A document as read from disk, before any processing."""

    id: str
    path: str
    text: str | None                                     # None: set aside, read again when needed
    given: dict[str, str] = field(default_factory=dict)  # metadata the input states
    position: int = 0                                    # its place among the documents of its file
    file: str = ""                                       # the file it is in (`path` may add a line)
    name: str = ""     # `path` relative to the input root given (rkg:sourceFile, manifest keys)


def set_aside(sources: list[Source]) -> None:
    """Let go of the texts of documents whose ids are settled: each is read again from its
    file when its turn comes (`read_again`), so a batch holds a few texts, not the corpus."""
    for s in sources:
        s.text = None


_LAST_READ: tuple[str | None, list[Source]] = (None, [])


def read_again(source: Source) -> Source:
    """`source` with its text, read from its file again if it was set aside (the last file
    read is kept: a file's documents come one after the other). A file that changed since
    gives an empty text, and the next incremental build sees the change."""
    global _LAST_READ
    if source.text is not None:
        return source
    file = source.file or source.path
    if _LAST_READ[0] != file:
        _LAST_READ = (file, read_sources(Path(file))[0])
    found = _LAST_READ[1]
    if source.position < len(found):
        again = found[source.position]
        return Source(source.id, source.path, again.text, dict(again.given), source.position, file, source.name)
    print(f"regionkg: {file}: changed while the build ran: report {source.id} is built empty "
          "(the next build with --store extracts it again)", file=sys.stderr)
    return Source(source.id, source.path, "", dict(source.given), source.position, file, source.name)


@dataclass
class Inventory:
    """The files a set of input paths stands for."""

    files: list[Path] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)   # file → its path from the input root's name on

    def name_of(self, file: Path) -> str:
        """The file's name as a build records it: the same from any folder it is run in."""
        return self.names.get(file, file.as_posix())


def find_files(paths: list[str | Path]) -> Inventory:
    """Expand files and folders into the input files, in a stable order."""
    inv = Inventory()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            inv.errors.append(InputError(str(path), "no such file or folder"))
        elif path.is_dir():
            for found in _walk(path, inv):
                if found not in seen:
                    seen.add(found)
                    inv.files.append(found)
                    inv.names[found] = _root_name(path) + "/" + found.relative_to(path).as_posix()
        elif path.suffix.lower() in SUFFIXES:
            if path not in seen:
                seen.add(path)
                inv.files.append(path)
                inv.names[path] = path.name
        else:  # named on purpose, so say why it is not read
            inv.errors.append(InputError(str(path), f"not a {', '.join(SUFFIXES)} file: passed over"))
    return inv


def _root_name(folder: Path) -> str:
    """A folder's own name, also when given as `.` or `..`."""
    return folder.resolve().name or folder.resolve().as_posix()


def _walk(root: Path, inv: Inventory) -> Iterator[Path]:
    def onerror(exc: OSError) -> None:
        inv.errors.append(InputError(str(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.suffix.lower() in SUFFIXES and not name.startswith("."):
                yield path
            else:
                inv.passed_over.append(path)


def read_sources(path: Path, name: str | None = None) -> tuple[list[Source], list[InputError]]:
    """Read one input file into its documents; errors name the file (and line). `name`: the
    file's path from its input root (see `Inventory.name_of`), its documents' rkg:sourceFile."""
    found, errors = _read(path)
    for s in found:
        s.name = (name or path.as_posix()) + s.path[len(str(path)):]      # a JSONL line keeps its number
    return found, errors


def _read(path: Path) -> tuple[list[Source], list[InputError]]:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return [], [InputError(str(path), "cannot read: not a regular file")]
        data = path.read_bytes()
    except OSError as exc:
        return [], [InputError(str(path), f"cannot read: {exc.strerror or exc}")]
    notes: list[str] = []
    try:
        text = clean_text(decode(data, str(path), notes))
    except InputError as exc:
        return [], [exc]
    errors = [InputError(str(path), note, kept=True) for note in notes]
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        sources, more = _jsonl(text, path)
        return _sized(sources, errors + more, path)
    if suffix in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        return [], [InputError(str(path), "empty: no text in the file")]
    if suffix == ".txt" and _SEPARATOR.search(text):
        items = _digest(text, path)
        if not items:
            return [], [InputError(str(path), "empty: only separator lines (-), no news items")]
        return _sized(items, errors, path)
    return _sized([Source(path.stem, str(path), text)], errors, path)


def _sized(sources: list[Source], errors: list[InputError], path: Path) -> tuple[list[Source], list[InputError]]:
    """Refuse documents too long for one report; break overlong lines of the others."""
    kept = []
    for s in sources:
        if len(s.text) > MAX_CHARS:
            errors.append(InputError(s.path, f"too long for one report: {len(s.text):,} characters (at most "
                                             f"{MAX_CHARS:,}); split it into files, a digest or JSONL lines"))
            continue
        s.text, long_lines = break_long_lines(s.text)
        if long_lines:
            shown = ", ".join(map(str, long_lines[:5])) + (" …" if len(long_lines) > 5 else "")
            errors.append(InputError(s.path, f"line{'s' if len(long_lines) > 1 else ''} {shown} longer than "
                                             f"{LONG_LINE:,} characters: broken after each sentence", kept=True))
        kept.append(s)
    for i, s in enumerate(kept):
        s.position = i
        s.file = str(path)
    return kept, errors


def break_long_lines(text: str) -> tuple[str, list[int]]:
    """Text whose lines longer than LONG_LINE are broken after each sentence end, and their numbers.

    A paragraph is a line; one of millions of characters makes the extractors slow and means nothing.
    """
    if len(text) <= LONG_LINE or all(len(line) <= LONG_LINE for line in text.split("\n")):
        return text, []
    lines = text.split("\n")
    numbers = [n for n, line in enumerate(lines, 1) if len(line) > LONG_LINE]
    for n in numbers:
        lines[n - 1] = _SENTENCE_END.sub("\n", lines[n - 1])
    return "\n".join(lines), numbers


def _digest(text: str, path: Path) -> list[Source]:
    items = [chunk.strip("\n") for chunk in _SEPARATOR.split(text)]
    items = [item for item in items if item.strip()]
    return [Source(f"{path.stem}-{n}", str(path), item + "\n") for n, item in enumerate(items, 1)]


FIELDS = ("text", "title", "date", "year", "region", "url", "id")   # a document's fields, as --field names them
_MAPPING: dict[str, str] = {}                                         # field → the JSONL name given for it


@data_cache
def recognised_names() -> dict[str, tuple[str, ...]]:
    """Each field's JSONL names, in order of preference (`jsonl_fields.tsv`)."""
    names: dict[str, list[str]] = {f: [] for f in FIELDS}
    for row in read_tsv("jsonl_fields.tsv"):
        if row.get("field") in names:
            names[row["field"]].extend(n.strip() for n in row.get("names", "").split("|") if n.strip())
    return {f: tuple(found) for f, found in names.items()}


def parse_field_options(options: list[str]) -> dict[str, str]:
    """`FIELD=NAME` options as a mapping; ValueError names a malformed one."""
    mapping = {}
    for option in options:
        target, sep, name = (part.strip() for part in option.partition("="))
        if not sep or not name or target not in FIELDS:
            raise ValueError(f"--field wants FIELD=NAME with FIELD one of {', '.join(FIELDS)}, not {option!r}")
        mapping[target] = name
    return mapping


@contextmanager
def field_mapping(mapping: dict[str, str]) -> Iterator[None]:
    """Read JSONL fields from the names `mapping` gives (field → name) while in the block;
    the other fields by their recognised names. Forked workers inherit it."""
    global _MAPPING, _LAST_READ
    before, _MAPPING, _LAST_READ = _MAPPING, dict(mapping), (None, [])
    try:
        yield
    finally:
        _MAPPING, _LAST_READ = before, (None, [])


def mapping_tag(mapping: dict[str, str]) -> str:
    """A suffix for the extractor version that changes with the mapping ("" for none)."""
    if not mapping:
        return ""
    return "-fields-" + hashlib.sha1(json.dumps(sorted(mapping.items())).encode("utf-8")).hexdigest()[:8]


def _jsonl(text: str, path: Path) -> tuple[list[Source], list[InputError]]:
    sources, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:            # JSONDecodeError, or a number Python will not read
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "a number of more than 4300 digits"
            errors.append(InputError(str(path), f"not valid JSON: {why}", line=number))
            continue
        values, problem = _fields(obj) if isinstance(obj, dict) else ({}, "not a JSON object")
        if problem:
            errors.append(InputError(str(path), problem, line=number))
            continue
        doc_id = values.pop("id", None) or f"{path.stem}-{number}"
        body = values.pop("text")
        sources.append(Source(doc_id, f"{path}:{number}", body, values))
    if not sources and not errors:
        errors.append(InputError(str(path), "empty: no JSON objects in the file"))
    return sources, errors


def _fields(obj: dict) -> tuple[dict[str, str], str | None]:
    """The fields an object gives (field → cleaned value, the text unstripped) and what
    is wrong with it, if anything: a mapped name it lacks, or no text."""
    values: dict[str, str] = {}
    for target in FIELDS:
        name = _MAPPING.get(target)
        if name is not None and name not in obj:
            return {}, f"--field {target}={name}: this object has no {name!r} (its fields: {_keys(obj)})"
        names = [name] if name is not None else _present(obj, recognised_names()[target])
        found = next((v for v in (_value(obj[n], target == "text") for n in names) if v is not None), None)
        if found is not None:
            values[target] = found
    return (values, None) if "text" in values else ({}, _no_text(obj))


def _no_text(obj: dict) -> str:
    if "text" in _MAPPING:
        return f"--field text={_MAPPING['text']}: not a non-blank string in this object"
    shown = ", ".join(recognised_names()["text"][:5])
    return f"no text in this object: none of {shown}, … (its fields: {_keys(obj)}); name it with --field text=NAME"


def _present(obj: dict, names: tuple[str, ...]) -> list[str]:
    """The keys of `obj` that are these names (exactly, else ignoring case), in the names' order."""
    folded: dict[str, str] = {}
    for key in obj:
        folded.setdefault(key.strip().casefold(), key)
    keys = (n if n in obj else folded.get(n.casefold()) for n in names)
    return list(dict.fromkeys(k for k in keys if k is not None))


def _value(raw: object, is_text: bool) -> str | None:
    """A value as cleaned text: a non-blank string, or (but for the text) a number; else None.
    Metadata is untrusted text too, cleaned like the text."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)) or (is_text and not isinstance(raw, str)):
        return None
    value = clean_text(str(raw))
    if not value.strip():
        return None
    return value if is_text else value.strip()


def _keys(obj: dict) -> str:
    """An object's first names, for a message (cleaned, on one line)."""
    shown = ", ".join(" ".join(clean_text(k)[:40].split()) for k in list(obj)[:8])
    return (shown + (", …" if len(obj) > 8 else "")) or "none"


def make_ids_unique(sources: list[Source]) -> None:
    """Give documents that share an id a suffix from their path, whatever the order."""
    counts = Counter(s.id for s in sources)
    for s in sources:
        if counts[s.id] > 1:
            s.id = f"{s.id}-{hashlib.sha1(s.path.encode('utf-8')).hexdigest()[:8]}"


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template"}
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "title", "td", "table", "ul", "ol", "header", "footer"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block a line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (ln.strip() for ln in "".join(parser.parts).splitlines())
    return "\n".join(ln for ln in lines if ln) + "\n"
