"""`regionkg validate GRAPH... | --store DIR`: check a graph against the RegionKG shapes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="check a graph (files or a store) against the RegionKG SHACL shapes")
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="graph files (.ttl, .nt, .trig, .nq)")
    p.add_argument("--store", metavar="DIR", help="a store written by `regionkg build --store`")
    p.add_argument("--max", type=int, default=200, metavar="N", help="print at most N results (default 200; 0: all)")
    p.add_argument("-q", "--quiet", action="store_true", help="print violations only, no warnings or summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when the graph conforms, 1 on any violation, 2 when it cannot be read."""
    if bool(args.graphs) == bool(args.store):
        print("regionkg validate: give graph files or --store DIR (not both)", file=sys.stderr)
        return 2
    from . import validation

    try:
        graph = validation.load_store(args.store) if args.store else validation.load_files(args.graphs)
    except (OSError, ValueError, SyntaxError) as exc:
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


def validate_written(output: Path | None, store: str | None) -> bool:
    """For `regionkg build --validate`: check what the build wrote (the file, else the store)."""
    from . import validation

    graph = validation.load_files([output]) if output is not None else validation.load_store(store)
    report = validation.validate(graph)
    print_report(report, 200, False, sys.stderr)
    return report.conforms
