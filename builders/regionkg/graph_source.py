"""The graph a reading command works on: graph files, a store or a SPARQL server."""
from __future__ import annotations

import argparse

from .remote.endpoints import add_login_argument, login


class SourceError(ValueError):
    """No graph source, or more than one, was given."""


def add_source_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", action="append", default=[], metavar="FILE", help="graph file(s) (.ttl, .nt, .trig)")
    p.add_argument("--store", metavar="DIR", help="a store written by `regionkg build --store`")
    p.add_argument("--endpoint", metavar="URL",
                   help="a SPARQL server holding the graph (see `regionkg push`), its default graph the union")
    add_login_argument(p)


def open_source(args: argparse.Namespace):
    """The store the arguments name (graph files are loaded into memory)."""
    given = [x for x in (args.graph, args.store, args.endpoint) if x]
    if len(given) != 1:
        raise SourceError("give one of --graph FILE, --store DIR and --endpoint URL")
    if args.endpoint:
        from .remote.sparql import connect

        return connect(args.endpoint, **login(args))
    if args.store:
        from .store import open_store

        return open_store(args.store)
    from .store import load_files

    return load_files(args.graph)
