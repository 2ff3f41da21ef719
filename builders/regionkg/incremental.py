"""`regionkg build --store DIR`: an on-disk store that remembers what it was built from.

Beside the store, a manifest records each input file's content hash, the extractor
version and, for each of its reports, the summary the batch needs. A rebuild extracts
only files that are new or changed (or whose placeless report now gets another region
from the batch), removes the reports of files that are gone, and rederives the shared
default graph from the summaries: the store then holds what a build from scratch gives.

A store built for the first time is written into a new folder and swapped in. An update
changes the store in place, one report graph at a time, and writes the manifest last.
Before it touches a graph it notes the graph in a journal (flushed to disk); the journal
is removed once the manifest is written. A run that finds a journal (the last update was
killed) treats every graph named there as unknown: it extracts those reports again, or
removes their graphs, whatever the inputs now are.
"""
from __future__ import annotations

import hashlib
import orjson
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, Store, Triple, serialize

from .builder import extract_each, few_collections
from .errors import InputError, merged, no_date
from .extraction import (
    Extracted,
    Summary,
    extractor_version,
    given_already,
    placed_by_others,
    resolved_by_batch,
    shared_triples,
)
from .ingest.sources import Source, find_files, make_ids_unique, read_sources, set_aside
from .pipeline import Pipeline
from .rdf.writer import write_atomic
from .store import MODEL_GRAPH, ReportLoader, new_folder

MANIFEST = "regionkg-manifest.json"
JOURNAL = "regionkg-journal"
PUSHED = "regionkg-pushed.json"                  # kept by `regionkg push`
FORMAT = 1
SHARED, MODEL = "shared graph", "model graph"    # journal entries besides report IRIs


@dataclass
class StoreBuild:
    """What an update did."""

    files: int = 0
    documents: int = 0
    extracted: int = 0
    reused: int = 0
    removed: int = 0
    errors: list[InputError] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)


def build_store(path: str | Path, paths: list[str | Path], pipeline: Pipeline, version: str | None = None,
                jobs: int | None = 1, progress: bool = False) -> StoreBuild:
    """Bring the store at `path` up to date with the reports under `paths`."""
    path = Path(path)
    version = version or extractor_version()
    manifest = _read_manifest(path)
    if manifest is not None and manifest.get("version") != version:
        manifest = None                           # everything is extracted again: faster in a new store
    with few_collections():
        if manifest is None:                      # first build: a new folder, swapped in at the end
            with new_folder(path) as tmp:
                done = _update(tmp, {"format": FORMAT, "files": {}}, paths, pipeline, version, jobs, progress,
                               Journal(tmp, durable=False))
                if (path / PUSHED).is_file():     # what servers hold still counts for `push`
                    shutil.copyfile(path / PUSHED, tmp / PUSHED)
                return done
        return _update(path, manifest, paths, pipeline, version, jobs, progress, Journal(path, durable=True))


class Journal:
    """The graphs an update is about to change, flushed to disk before each change."""

    def __init__(self, folder: Path, durable: bool):
        self.path = folder / JOURNAL
        self.durable = durable
        try:
            self.left = set(self.path.read_text("utf-8").splitlines())   # by an update that was killed
        except (OSError, UnicodeDecodeError):
            self.left = set()
        self.noted = set(self.left)
        self._file = None

    def note(self, entry: str) -> None:
        if entry in self.noted:
            return
        if self._file is None:
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (open until close())
        self._file.write(entry + "\n")
        self._file.flush()
        if self.durable:
            os.fsync(self._file.fileno())
        self.noted.add(entry)

    def close(self) -> None:
        """The manifest now vouches for everything: forget the journal."""
        if self._file is not None:
            self._file.close()
        self.path.unlink(missing_ok=True)


def _read_manifest(path: Path) -> dict | None:
    try:
        manifest = orjson.loads((path / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None
    return manifest if manifest.get("format") == FORMAT else None


def _update(folder: Path, manifest: dict, paths, pipeline: Pipeline, version: str, jobs, progress,
            journal: Journal) -> StoreBuild:
    inventory = find_files(paths)
    result = StoreBuild(errors=list(inventory.errors), passed_over=inventory.passed_over)
    old_files: dict[str, dict] = manifest["files"]
    kept: dict[str, dict] = {}                    # file → its manifest entry, unchanged
    fresh: dict[str, list[Source]] = {}           # file → its sources, to extract
    digests: dict[str, str] = {}
    stats: dict[str, tuple[int, int]] = {}
    restamped = False
    for file in inventory.files:
        key = str(file)
        entry = old_files.get(key)
        try:
            stat = file.stat()
            stats[key] = (stat.st_size, stat.st_mtime_ns)
            digest = _known_digest(entry, stat, manifest) or hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            result.errors.append(InputError(key, f"cannot read: {exc.strerror or exc}"))
            continue
        if (entry and entry["sha256"] == digest and entry["version"] == version
                and not any(d["summary"]["report"] in journal.left for d in entry["docs"])):
            kept[key] = entry
            if (entry.get("size"), entry.get("mtime_ns")) != stats[key]:
                entry["size"], entry["mtime_ns"] = stats[key]       # touched, not changed
                restamped = True
            continue
        sources, errors = read_sources(file)
        result.errors.extend(errors)
        if sources:
            fresh[key] = sources
            digests[key] = digest
            for s in sources:
                s.base_id = s.id                   # the id before it is made unique
    _settle_ids(kept, fresh, digests, result)
    work = [(s, None) for sources in fresh.values() for s in sources]
    set_aside([s for s, _ in work])
    store = Store(str(folder))
    before = {d["summary"]["report"] for e in old_files.values() for d in e["docs"]}
    before |= journal.left - {SHARED, MODEL}
    summaries = {d["summary"]["report"]: Summary.from_json(d["summary"]) for e in kept.values() for d in e["docs"]}
    extracted_ids: dict[tuple[str, str], str] = {}      # (path, id) → report
    sources_by_report: dict[str, Source] = {}
    loader = ReportLoader(store)                       # memory stays one batch of documents
    for (source, _), e in zip(work, extract_each(pipeline, work, jobs, progress)):
        _put(loader, e, before, result, journal)
        summaries[e.summary.report] = e.summary.compact()
        extracted_ids[(e.path, e.source_id)] = e.summary.report
        sources_by_report[e.summary.report] = source
    redone: set[str] = set()
    desired = placed_by_others(list(summaries.values()))
    redo: list[tuple] = []
    for report, summary in sorted(summaries.items()):
        if summary.context != desired.get(report) and (summary.context is not None or report in desired):
            source = sources_by_report.get(report) or _reread(kept, report, result)
            if source is not None:
                redo.append((source, desired.get(report)))
    _redo(loader, pipeline, redo, jobs, before | set(sources_by_report), result, journal, summaries, redone)
    wanted = resolved_by_batch(pipeline, [summaries[r] for r in sorted(summaries)])
    again: list[tuple] = []
    for report, summary in sorted(summaries.items()):
        if not given_already(summary, wanted.get(report)):
            source = sources_by_report.get(report) or _reread(kept, report, result)
            if source is not None:
                again.append((source, summary.context, *wanted.get(report, ({}, {}))))
    _redo(loader, pipeline, again, jobs, before | set(sources_by_report), result, journal, summaries, redone)
    redo += again
    now = set(summaries)
    for report in sorted(before - now):
        journal.note(report)
        loader.remove(report)
        result.removed += 1
    loader.flush()
    shared = shared_triples(pipeline, [summaries[r] for r in sorted(summaries)])
    shared_hash = hashlib.sha256(serialize(sorted(shared, key=str), format=RdfFormat.N_TRIPLES)).hexdigest()
    if shared_hash != manifest.get("shared_sha256") or SHARED in journal.left:
        journal.note(SHARED)
        _replace_default_graph(store, shared)
    if manifest.get("version") != version or MODEL in journal.left:
        journal.note(MODEL)
        store.clear_graph(MODEL_GRAPH)   # stores of earlier versions kept the model apart
    store.flush()
    del store

    files: dict[str, dict] = dict(kept)
    for key, sources in fresh.items():
        size, mtime_ns = stats.get(key, (None, None))
        files[key] = {"sha256": digests[key], "version": version, "size": size, "mtime_ns": mtime_ns, "docs": [
            {"id": s.id, "base_id": s.base_id, "summary": summaries[extracted_ids[(s.path, s.id)]].to_json()}
            for s in sources]}
    for key in kept:                               # summaries re-extracted for a new context
        for d in files[key]["docs"]:
            if d["summary"]["report"] in redone:
                d["summary"] = summaries[d["summary"]["report"]].to_json()
    # every change to the store was noted in the journal first; a run that changed nothing
    # (and found a manifest it wrote) leaves the manifest be
    if journal.noted or restamped or "written_ns" not in manifest:
        new_manifest = {"format": FORMAT, "version": version, "shared_sha256": shared_hash,
                        "written_ns": time.time_ns(), "files": dict(sorted(files.items()))}
        write_atomic(folder / MANIFEST, orjson.dumps(new_manifest, option=orjson.OPT_SORT_KEYS))
    journal.close()
    result.errors = merged(result.errors)
    result.files = len(files)
    result.documents = len(summaries)
    result.extracted = len(work) + len(redo)
    result.reused = sum(len(e["docs"]) for e in kept.values())
    return result


def _redo(loader: ReportLoader, pipeline: Pipeline, work: list[tuple], jobs, existing: set[str],
          result: StoreBuild, journal: Journal, summaries: dict[str, Summary], redone: set[str]) -> None:
    """Extract reports again with what the batch now gives them (a region, resolved projects)."""
    for e in extract_each(pipeline, work, jobs, False):
        _put(loader, e, existing, result, journal)
        summaries[e.summary.report] = e.summary.compact()
        redone.add(e.summary.report)


def _replace_default_graph(store: Store, shared: list[Triple]) -> None:
    """Make the default graph hold `shared`, changing only what differs (a batch adds or
    drops a few regions, chain links and statuses; rewriting all of it costs the store
    a compaction)."""
    old = {Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}
    new = set(shared)
    for t in sorted(old - new, key=str):
        store.remove(Quad(t.subject, t.predicate, t.object, DefaultGraph()))
    store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in sorted(new - old, key=str))


def _known_digest(entry: dict | None, stat: os.stat_result, manifest: dict) -> str | None:
    """The recorded hash of a file whose size and modification time are those recorded (as
    git and make trust them), unless it was modified within 2 s of the last manifest
    (a change in the same tick could hide); None: read and hash it."""
    if not entry or entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
        return None
    if stat.st_mtime_ns > manifest.get("written_ns", 0) - 2_000_000_000:
        return None
    return entry["sha256"]


def _put(loader: ReportLoader, e: Extracted, existing: set[str], result: StoreBuild, journal: Journal) -> None:
    """Replace a report's graph with what was extracted."""
    journal.note(e.summary.report)
    if e.summary.report in existing:
        loader.remove(e.summary.report)
    loader.add(e.summary.report, e.graph)
    if e.summary.fault:
        result.errors.append(e.fault_error())
    if not e.summary.date:
        result.errors.append(no_date(e.path))


def _settle_ids(kept: dict[str, dict], fresh: dict[str, list[Source]], digests: dict[str, str],
                result: StoreBuild) -> None:
    """Report ids are made unique across the whole batch; an unchanged file whose ids
    now collide (or no longer do) is read again."""
    for _ in range(3):
        everyone: list[Source] = []
        placeholders: list[tuple[str, dict, Source]] = []
        for sources in fresh.values():
            for s in sources:
                s.id = s.base_id
                everyone.append(s)
        for key, entry in kept.items():
            for d in entry["docs"]:
                ph = Source(d["base_id"], key, "")
                placeholders.append((key, d, ph))
                everyone.append(ph)
        make_ids_unique(everyone)
        moved = sorted({key for key, d, ph in placeholders if ph.id != d["id"]})
        if not moved:
            return
        for key in moved:
            entry = kept.pop(key)
            sources, errors = read_sources(Path(key))
            result.errors.extend(errors)
            for s in sources:
                s.base_id = s.id
            fresh[key] = sources
            digests[key] = entry["sha256"]


def _reread(kept: dict[str, dict], report: str, result: StoreBuild) -> Source | None:
    """The source of a kept report (to extract it again with another region)."""
    for key, entry in list(kept.items()):
        for d in entry["docs"]:
            if d["summary"]["report"] == report:
                sources, errors = read_sources(Path(key))
                result.errors.extend(errors)
                by_base = {s.id: s for s in sources}
                source = by_base.get(d["base_id"])
                if source is not None:
                    source.id = d["id"]
                return source
    print(f"regionkg: {report}: no source found to extract again", file=sys.stderr)
    return None
