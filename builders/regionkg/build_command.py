"""`regionkg build PATH…`: build a graph from reports into a file, an on-disk store or both."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .graph_source import output_folder_error
from .rdf.writer import FORMATS, SUFFIX_FORMATS


def register(subparsers) -> None:
    b = subparsers.add_parser("build", help="build a graph from .txt/.jsonl/.html files or folders")
    b.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    b.add_argument("-o", "--output", metavar="OUT", help="output file (.ttl, .nt or .trig)")
    b.add_argument("--store", metavar="DIR", help="also (or instead) write an on-disk store that later commands reuse")
    b.add_argument("--format", choices=sorted(FORMATS), help="output format (default: from the suffix, else turtle)")
    b.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                   help="a user lexicon (columns kind, name, aliases; kind Industry, Enterprise or IndustrialPark); repeatable")
    b.add_argument("--field", action="append", default=[], metavar="FIELD=NAME",
                   help="read a document field of JSONL objects from this name (FIELD: text, title, date, year, "
                        "region, url, id), e.g. --field text=content; repeatable; other fields by their usual names")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: one per core); the output does not depend on it")
    b.add_argument("--executor", metavar="URL",
                   help="extract on the workers of a Dask cluster, dask://HOST:PORT (pip install 'regionkg[dist]'); "
                        "the output is the same as with --jobs 1")
    b.add_argument("--shards", metavar="DIR",
                   help="also write the graph as N-Quads shards with a manifest, for bulk loaders")
    b.add_argument("--shard-size", type=int, default=1, metavar="N", help="reports per shard file (default 1)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.add_argument("--validate", action="store_true",
                   help="check what was written against the SHACL shapes; exit 3 on any violation")
    b.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .executors import ExecutorError
    from .ingest.sources import field_mapping, parse_field_options

    from .shards import folder_error

    if not args.output and not args.store and not args.shards:
        print("regionkg build: give -o OUT, --store DIR, --shards DIR or several", file=sys.stderr)
        return 2
    if args.shard_size < 1:
        print(f"regionkg build: --shard-size {args.shard_size}: give at least 1", file=sys.stderr)
        return 2
    if problem := output_folder_error(args.output) or (args.shards and folder_error(args.shards)):
        print(f"regionkg build: {problem}", file=sys.stderr)
        return 2
    try:
        args.fields = parse_field_options(args.field)
    except ValueError as exc:
        print(f"regionkg build: {exc}", file=sys.stderr)
        return 2
    with field_mapping(args.fields):
        try:
            return _build_mapped(args)
        except ExecutorError as exc:         # before the build: nothing written; during: as for Ctrl-C
            print(f"regionkg build: {exc}; what was there before is left as it was", file=sys.stderr)
            return 2


def _build_mapped(args: argparse.Namespace) -> int:
    from .builder import build
    from .pipeline import default_pipeline

    started = time.perf_counter()
    out = Path(args.output) if args.output else None
    fmt = args.format or (SUFFIX_FORMATS.get(out.suffix.lower(), "turtle") if out else "turtle")
    try:
        pipeline = default_pipeline(user_lexicons=args.lexicon)
    except (OSError, ValueError) as exc:
        print(f"regionkg: cannot use lexicon: {exc}", file=sys.stderr)
        return 2
    show = None if not args.quiet else False
    if args.store:
        return_code = _build_store(args, pipeline, out, fmt, show, started)
        if return_code:
            return return_code
    else:
        result = build(args.paths, pipeline=pipeline, progress=show, jobs=args.jobs, output=out, fmt=fmt,
                       executor=args.executor, shards=args.shards, shard_size=args.shard_size)
        if not _reported(result.errors, result.documents):
            return 1
        if not args.quiet:
            print(
                f"regionkg: {result.documents} reports from {result.files} files, {result.triple_count()} triples "
                f"→ {' and '.join(str(x) for x in (out, args.shards) if x)} ({sum(not e.kept for e in result.errors)} skipped, {len(result.passed_over)} passed over, "
                f"{time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
    if args.validate:
        from .validate_command import validate_written

        if not validate_written(out, args.store, args.shards):
            return 3
    return 0


def _build_store(args: argparse.Namespace, pipeline, out: Path | None, fmt: str, show, started: float) -> int:
    """`build --store DIR`: bring the store up to date (only what changed is extracted);
    with -o, also write the store's graph to a file."""
    from .extraction import extractor_version
    from .incremental import build_store
    from .ingest.sources import mapping_tag

    version = extractor_version(tuple(args.lexicon)) + mapping_tag(args.fields)
    done = build_store(args.store, args.paths, pipeline, version, jobs=args.jobs,
                       progress=bool(show if show is not None else sys.stderr.isatty()), output=out, fmt=fmt,
                       executor=args.executor, shards=args.shards, shard_size=args.shard_size)
    if not _reported(done.errors, done.documents):
        return 1
    if not args.quiet:
        where = " and ".join(str(x) for x in (out, args.store, args.shards) if x)
        print(f"regionkg: {done.documents} reports from {done.files} files → {where} ({done.extracted} extracted, "
              f"{done.reused} unchanged, {done.removed} removed, {sum(not e.kept for e in done.errors)} skipped, "
              f"{len(done.passed_over)} passed over, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _reported(errors, documents: int) -> bool:
    """Print the inputs that could not be used; False when nothing could be built."""
    for error in errors:
        print(f"regionkg: {'' if error.kept else 'skipped '}{error}", file=sys.stderr)
    if not documents:
        print("regionkg: nothing could be built: no readable report in the input", file=sys.stderr)
    return bool(documents)
