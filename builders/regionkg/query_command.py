"""`regionkg query NAME|FILE.rq`: run a library query or a .rq file on a graph source."""
from __future__ import annotations

import argparse
import sys

from .graph_source import READ_ERRORS, add_source_arguments, open_source
from .tables import FORMATS


def register(subparsers) -> None:
    p = subparsers.add_parser("query", help="run a library query (by name) or a .rq file")
    p.add_argument("query", nargs="?", help="library query name or .rq file (see --list)")
    p.add_argument("--list", action="store_true", help="list the library queries and their parameters")
    add_source_arguments(p)
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter; repeatable")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="how to print the rows: an aligned table (default), CSV, TSV or JSON")
    p.add_argument("--iris", action="store_true", help="show IRIs instead of labels")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from . import query as q
    from .link.endpoint import EndpointError
    from .tables import write_rows

    if args.list:
        for name, lq in q.library().items():
            print(f"{name:22} {lq.usage():58} {lq.title}")
        return 0
    if not args.query:
        print("regionkg query: name a query or a .rq file (or --list)", file=sys.stderr)
        return 2
    try:
        params = parse_params(args.param)
        query = q.resolve(args.query)
        store = open_source(args)
        columns, rows = q.run(store, query, params)
        cells = [[q.display(store, t, args.iris) for t in row] for row in rows]
    except (KeyError, *READ_ERRORS) as exc:   # SourceError is a ValueError
        print(f"regionkg query: {exc}", file=sys.stderr)
        return 2
    except EndpointError as exc:  # what a server answered, or did not
        print(f"regionkg query: {exc}", file=sys.stderr)
        return 1
    write_rows(columns, cells, args.format)
    return 0


def parse_params(items: list[str]) -> dict[str, str]:
    """`--param NAME=VALUE` options as a dict; a ValueError naming one without `=` or name."""
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--param wants NAME=VALUE, not {item!r}")
        params[name.strip()] = value
    return params
