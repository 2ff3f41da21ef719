"""The `regionkg` command line."""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from . import __version__
from .rdf.writer import FORMATS, SUFFIX_FORMATS
from .graph_source import add_source_arguments, open_source

# Further commands live in their own modules; each has `register(subparsers)`,
# which adds its parser (no heavy imports) and sets `func` to its runner.
_COMMAND_MODULES: tuple[str, ...] = ("view.command", "link.command", "validate_command", "remote.command",
                                      "chains_command", "timeline_command")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="regionkg", description="Chinese regional reports → knowledge graph.")
    parser.add_argument("--version", action="version", version=f"regionkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    b = commands.add_parser("build", help="build a graph from .txt/.jsonl/.html files or folders")
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
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.add_argument("--validate", action="store_true",
                   help="check what was written against the SHACL shapes; exit 3 on any violation")
    b.set_defaults(func=_build)

    qp = commands.add_parser("query", help="run a library query (by name) or a .rq file")
    qp.add_argument("query", nargs="?", help="library query name or .rq file (see --list)")
    qp.add_argument("--list", action="store_true", help="list the library queries and their parameters")
    add_source_arguments(qp)
    qp.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter; repeatable")
    qp.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table",
                    help="how to print the rows: an aligned table (default), CSV, TSV or JSON")
    qp.add_argument("--iris", action="store_true", help="show IRIs instead of labels")
    qp.set_defaults(func=_query)

    for module in _COMMAND_MODULES:
        importlib.import_module(f"regionkg.{module}").register(commands)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print(f"regionkg {args.command}: interrupted; what was there before is left as it was "
              "(run the command again to finish)", file=sys.stderr)
        return 130


def _build(args: argparse.Namespace) -> int:
    from .ingest.sources import field_mapping, parse_field_options

    if not args.output and not args.store:
        print("regionkg build: give -o OUT, --store DIR or both", file=sys.stderr)
        return 2
    try:
        args.fields = parse_field_options(args.field)
    except ValueError as exc:
        print(f"regionkg build: {exc}", file=sys.stderr)
        return 2
    with field_mapping(args.fields):
        return _build_mapped(args)


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
        result = build(args.paths, pipeline=pipeline, progress=show, jobs=args.jobs, output=out, fmt=fmt)
        for error in result.errors:
            print(f"regionkg: {'' if error.kept else 'skipped '}{error}", file=sys.stderr)
        if not result.documents:
            print("regionkg: nothing could be built: no readable report in the input", file=sys.stderr)
            return 1
        if not args.quiet:
            print(
                f"regionkg: {result.documents} reports from {result.files} files, {result.triple_count()} triples "
                f"→ {out} ({sum(not e.kept for e in result.errors)} skipped, {len(result.passed_over)} passed over, "
                f"{time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
    if args.validate:
        from .validate_command import validate_written

        if not validate_written(out, args.store):
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
                       progress=bool(show if show is not None else sys.stderr.isatty()), output=out, fmt=fmt)
    for error in done.errors:
        print(f"regionkg: {'' if error.kept else 'skipped '}{error}", file=sys.stderr)
    if not done.documents:
        print("regionkg: nothing could be built: no readable report in the input", file=sys.stderr)
        return 1
    if not args.quiet:
        where = " and ".join(str(x) for x in (out, args.store) if x)
        print(f"regionkg: {done.documents} reports from {done.files} files → {where} ({done.extracted} extracted, "
              f"{done.reused} unchanged, {done.removed} removed, {sum(not e.kept for e in done.errors)} skipped, "
              f"{len(done.passed_over)} passed over, {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _query(args: argparse.Namespace) -> int:
    from . import query as q
    from .tables import write_rows
    from .link.endpoint import EndpointError

    if args.list:
        for name, lq in q.library().items():
            print(f"{name:22} {lq.usage():58} {lq.title}")
        return 0
    if not args.query:
        print("regionkg query: name a query or a .rq file (or --list)", file=sys.stderr)
        return 2
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            print(f"regionkg query: --param wants NAME=VALUE, not {item!r}", file=sys.stderr)
            return 2
        params[name.strip()] = value
    try:
        query = q.resolve(args.query)
        store = open_source(args)
        columns, rows = q.run(store, query, params)
        cells = [[q.display(store, t, args.iris) for t in row] for row in rows]
    except (KeyError, ValueError, OSError, SyntaxError) as exc:   # SourceError is a ValueError
        print(f"regionkg query: {exc}", file=sys.stderr)
        return 2
    except EndpointError as exc:  # what a server answered, or did not
        print(f"regionkg query: {exc}", file=sys.stderr)
        return 1
    write_rows(columns, cells, args.format)
    return 0
