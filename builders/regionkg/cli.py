"""The `regionkg` command line."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .rdf.writer import FORMATS, SUFFIX_FORMATS, write_atomic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="regionkg", description="Chinese regional reports → knowledge graph.")
    parser.add_argument("--version", action="version", version=f"regionkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    b = commands.add_parser("build", help="build a graph from .txt/.jsonl/.html files or folders")
    b.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    b.add_argument("-o", "--output", required=True, metavar="OUT", help="output file (.ttl, .nt or .trig)")
    b.add_argument("--format", choices=sorted(FORMATS), help="output format (default: from the suffix, else turtle)")
    b.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                   help="a user lexicon (columns kind, name, aliases; kind Industry, Enterprise or IndustrialPark); repeatable")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    b.set_defaults(func=_build)

    args = parser.parse_args(argv)
    return args.func(args)


def _build(args: argparse.Namespace) -> int:
    from .builder import build
    from .pipeline import default_pipeline

    started = time.perf_counter()
    out = Path(args.output)
    fmt = args.format or SUFFIX_FORMATS.get(out.suffix.lower(), "turtle")
    try:
        pipeline = default_pipeline(user_lexicons=args.lexicon)
    except (OSError, ValueError) as exc:
        print(f"regionkg: cannot use lexicon: {exc}", file=sys.stderr)
        return 2
    result = build(args.paths, pipeline=pipeline, progress=None if not args.quiet else False)
    for error in result.errors:
        print(f"regionkg: skipped {error}", file=sys.stderr)
    if not result.documents:
        print("regionkg: nothing could be built: no readable report in the input", file=sys.stderr)
        return 1
    data = result.serialize(fmt)
    write_atomic(out, data)
    if not args.quiet:
        triples = len(result.triples())
        print(
            f"regionkg: {result.documents} reports from {result.files} files, {triples} triples → {out} "
            f"({len(result.errors)} skipped, {len(result.passed_over)} passed over, "
            f"{time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
        )
    return 0
