"""`regionkg validate (--graph FILE… | --store DIR | --endpoint URL)`: check a graph against
the RegionKG shapes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .graph_source import READ_ERRORS, add_source_arguments, open_source, source_kind


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="check a graph (files, a store or a server) against the RegionKG SHACL shapes")
    add_source_arguments(p, old_positional=True)
    p.add_argument("--max", type=int, default=200, metavar="N", help="print at most N results (default 200; 0: all)")
    p.add_argument("-q", "--quiet", action="store_true", help="print violations only, no warnings or summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the graph conforms, 1 on any violation, 2 when it cannot be read."""
    from . import validation
    from .link.endpoint import EndpointError

    try:
        kind = source_kind(args)
        if kind == "endpoint":
            graph = validation.from_store(open_source(args))
        else:
            graph = validation.load_store(args.store) if kind == "store" else validation.load_files(args.graph)
    except (*READ_ERRORS, EndpointError) as exc:
        print(f"regionkg validate: cannot read the graph: {exc}", file=sys.stderr)
        return 2
    report = validation.validate(graph)
    print_report(report, args.max or None, args.quiet, sys.stdout)
    return 0 if report.conforms else 1


def print_report(report, limit: int | None, quiet: bool, stream) -> None:
    """Results one a line, violations first, then the summary."""
    for line in report.lines(limit, warnings=not quiet):
        print(line, file=stream)
    if not quiet:
        print(f"regionkg validate: {report.summary()}", file=stream)


def validate_written(output: Path | None, store: str | None, shards: str | None = None) -> bool:
    """For `regionkg build --validate`: check what the build wrote (the file, else the
    store, else the shards)."""
    from . import validation

    if output is not None:
        graph = validation.load_files([output])
    elif store is not None:
        graph = validation.load_store(store)
    else:
        graph = validation.load_files(sorted(Path(shards).glob("*.nq")))
    report = validation.validate(graph)
    print_report(report, 200, False, sys.stderr)
    return report.conforms
