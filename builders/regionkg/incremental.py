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

from . import engine
from .errors import InputError
from .executors import Executor, open_executor
from .extraction import Extracted, Summary, extractor_version
from .ingest.sources import Source, find_files, make_ids_unique, read_sources, set_aside
from .pipeline import Pipeline
from .rdf.mint import resource
from .rdf.writer import write_atomic
from .store import MODEL_GRAPH, ReportLoader, new_folder
from .workers import few_collections

MANIFEST = "regionkg-manifest.json"
JOURNAL = "regionkg-journal"
PUSHED = "regionkg-pushed.json"                  # kept by `regionkg push`
FORMAT = 2                                       # 2: files keyed by their path from the input root
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
                jobs: int | None = 1, progress: bool = False, output: str | Path | None = None,
                fmt: str = "turtle", executor: str | Executor | None = None, shards: str | Path | None = None,
                shard_size: int = 1) -> StoreBuild:
    """Bring the store at `path` up to date with the reports under `paths` (and write the
    whole graph to `output` and as shards to `shards`, from the same pass). `executor`: as
    for `builder.build`; only what changed is sent to it."""
    path = Path(path)
    version = version or extractor_version()
    manifest = _read_manifest(path)
    if manifest is not None and manifest.get("version") != version:
        manifest = None                           # everything is extracted again: faster in a new store
    outputs = _Outputs(output, fmt, shards, shard_size)
    with few_collections(), open_executor(executor, jobs) as outputs.executor:
        if manifest is None:                      # first build: a new folder, swapped in at the end
            with new_folder(path) as tmp:
                done = _update(tmp, {"format": FORMAT, "files": {}}, paths, pipeline, version, jobs, progress,
                               Journal(tmp, durable=False), outputs)
                if (path / PUSHED).is_file():     # what servers hold still counts for `push`
                    shutil.copyfile(path / PUSHED, tmp / PUSHED)
                return done
        return _update(path, manifest, paths, pipeline, version, jobs, progress, Journal(path, durable=True),
                       outputs)


@dataclass
class _Outputs:
    """What a store build also writes, and where it extracts."""

    output: str | Path | None = None
    fmt: str = "turtle"
    shards: str | Path | None = None
    shard_size: int = 1
    executor: Executor | None = None


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
            journal: Journal, outputs: _Outputs) -> StoreBuild:
    from .builder import FileSink, ShardSink

    plan, files = _plan(manifest, paths, version, journal)
    store = Store(str(folder))
    sink = StoreSink(store, plan.before, journal, manifest, version)
    sinks: list = [sink]
    if outputs.output is not None:
        sinks.append(FileSink(Path(outputs.output), outputs.fmt, store))
    if outputs.shards is not None:
        sinks.append(ShardSink(Path(outputs.shards), outputs.shard_size, store))
    done = engine.run(plan, pipeline, sinks, jobs, progress, outputs.executor)
    del store
    _write_manifest(folder, manifest, files, done.summaries, version, journal, sink.shared_hash)
    journal.close()
    return StoreBuild(files=len(files.entries), documents=len(done.summaries), extracted=done.extracted,
                      reused=sum(len(e["docs"]) for e in files.kept.values()), removed=len(done.removed),
                      errors=done.errors, passed_over=plan.passed_over)


@dataclass
class _Files:
    """The manifest's bookkeeping of a run: entries kept as they were, files read afresh."""

    kept: dict[str, dict] = field(default_factory=dict)            # file key → its entry, unchanged
    fresh: dict[str, list[Source]] = field(default_factory=dict)    # file key → its sources, to extract
    digests: dict[str, str] = field(default_factory=dict)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)            # file key → the path to read it from
    restamped: bool = False

    @property
    def entries(self) -> set[str]:
        return set(self.kept) | set(self.fresh)


def _plan(manifest: dict, paths, version: str, journal: Journal) -> tuple[engine.Plan, _Files]:
    """What changed since the manifest: files new or changed (or named by the journal) are
    extracted; unchanged ones keep their summaries; reports of files gone are removed."""
    inventory = find_files(paths)
    plan = engine.Plan(sources=[], errors=list(inventory.errors), passed_over=inventory.passed_over)
    old_files: dict[str, dict] = manifest["files"]
    files = _Files()
    for file in inventory.files:
        key = inventory.name_of(file)
        files.paths[key] = file
        entry = old_files.get(key)
        try:
            stat = file.stat()
            files.stats[key] = (stat.st_size, stat.st_mtime_ns)
            digest = _known_digest(entry, stat, manifest) or hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            plan.errors.append(InputError(str(file), f"cannot read: {exc.strerror or exc}"))
            continue
        if (entry and entry["sha256"] == digest and entry["version"] == version
                and not any(d["summary"]["report"] in journal.left for d in entry["docs"])):
            files.kept[key] = entry
            if (entry.get("size"), entry.get("mtime_ns")) != files.stats[key]:
                entry["size"], entry["mtime_ns"] = files.stats[key]       # touched, not changed
                files.restamped = True
            continue
        sources, errors = read_sources(file, key)
        plan.errors.extend(errors)
        if sources:
            files.fresh[key] = sources
            files.digests[key] = digest
            for s in sources:
                s.base_id = s.id                   # the id before it is made unique
    _settle_ids(files, plan.errors)
    plan.sources = [s for sources in files.fresh.values() for s in sources]
    set_aside(plan.sources)
    plan.before = {d["summary"]["report"] for e in old_files.values() for d in e["docs"]}
    plan.before |= journal.left - {SHARED, MODEL}
    plan.kept = {d["summary"]["report"]: Summary.from_json(d["summary"]) for e in files.kept.values() for d in e["docs"]}
    plan.reread = lambda report: _reread(files, report, plan.errors)
    return plan, files


class StoreSink:
    """Writes report graphs into the store, each change noted in the journal first; at the
    end the shared default graph, changed only where it differs."""

    def __init__(self, store: Store, before: set[str], journal: Journal, manifest: dict, version: str):
        self.store, self.journal, self.manifest, self.version = store, journal, manifest, version
        self.present = set(before)
        self.loader = ReportLoader(store)               # memory stays one batch of documents
        self.shared_hash = ""

    def put(self, e: Extracted) -> None:
        report = e.summary.report
        self.journal.note(report)
        if report in self.present:
            self.loader.remove(report)
        self.loader.add(report, e.graph)
        self.present.add(report)

    def remove(self, report: str) -> None:
        self.journal.note(report)
        self.loader.remove(report)
        self.present.discard(report)

    def finish(self, shared: list[Triple], summaries: dict[str, Summary]) -> None:
        self.loader.flush()
        self.shared_hash = hashlib.sha256(serialize(sorted(shared, key=str), format=RdfFormat.N_TRIPLES)).hexdigest()
        if self.shared_hash != self.manifest.get("shared_sha256") or SHARED in self.journal.left:
            self.journal.note(SHARED)
            _replace_default_graph(self.store, shared)
        if self.manifest.get("version") != self.version or MODEL in self.journal.left:
            self.journal.note(MODEL)
            self.store.clear_graph(MODEL_GRAPH)   # stores of earlier versions kept the model apart
        self.store.flush()


def _write_manifest(folder: Path, manifest: dict, files: _Files, summaries: dict[str, Summary], version: str,
                    journal: Journal, shared_hash: str) -> None:
    """Every change to the store was noted in the journal first; a run that changed nothing
    (and found a manifest it wrote) leaves the manifest be."""
    entries: dict[str, dict] = dict(files.kept)
    for key, sources in files.fresh.items():
        size, mtime_ns = files.stats.get(key, (None, None))
        entries[key] = {"sha256": files.digests[key], "version": version, "size": size, "mtime_ns": mtime_ns,
                        "docs": [{"id": s.id, "base_id": s.base_id, "summary": summaries[_report_of(s)].to_json()}
                                 for s in sources]}
    for key in files.kept:                         # summaries extracted again with other hints
        for d in entries[key]["docs"]:
            d["summary"] = summaries[d["summary"]["report"]].to_json()
    if journal.noted or files.restamped or "written_ns" not in manifest:
        new_manifest = {"format": FORMAT, "version": version, "shared_sha256": shared_hash,
                        "written_ns": time.time_ns(), "files": dict(sorted(entries.items()))}
        write_atomic(folder / MANIFEST, orjson.dumps(new_manifest, option=orjson.OPT_SORT_KEYS))


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


def _settle_ids(files: _Files, errors: list[InputError]) -> None:
    """Report ids are made unique across the whole batch; an unchanged file whose ids
    now collide (or no longer do) is read again."""
    for _ in range(3):
        everyone: list[Source] = []
        placeholders: list[tuple[str, dict, Source]] = []
        for sources in files.fresh.values():
            for s in sources:
                s.id = s.base_id
                everyone.append(s)
        for key, entry in files.kept.items():
            for d in entry["docs"]:
                ph = Source(d["base_id"], key, "")
                placeholders.append((key, d, ph))
                everyone.append(ph)
        make_ids_unique(everyone)
        moved = sorted({key for key, d, ph in placeholders if ph.id != d["id"]})
        if not moved:
            return
        for key in moved:
            entry = files.kept.pop(key)
            sources, more = read_sources(files.paths[key], key)
            errors.extend(more)
            for s in sources:
                s.base_id = s.id
            files.fresh[key] = sources
            files.digests[key] = entry["sha256"]


def _reread(files: _Files, report: str, errors: list[InputError]) -> Source | None:
    """The source of a kept report (to extract it again with what the batch now gives it)."""
    for key, entry in list(files.kept.items()):
        for d in entry["docs"]:
            if d["summary"]["report"] == report:
                sources, more = read_sources(files.paths[key], key)
                errors.extend(more)
                source = {s.id: s for s in sources}.get(d["base_id"])
                if source is not None:
                    source.id = d["id"]
                return source
    print(f"regionkg: {report}: no source found to extract again", file=sys.stderr)
    return None


def _report_of(source: Source) -> str:
    return resource("Report", source.id).value
