"""`regionkg push`: load a graph or a store into a SPARQL 1.1 server."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..graph_source import (
    READ_ERRORS,
    Deprecated,
    add_source_arguments,
    deprecated,
    named_parse_error,
    source_kind,
)
from .endpoints import add_login_argument, login


def register(commands) -> None:
    p = commands.add_parser("push", help="load a graph or a store into a SPARQL 1.1 server")
    add_source_arguments(p, endpoint=False, old_positional=True)
    p.add_argument("--to", metavar="URL",
                   help="the server's base or query URL (Oxigraph's base http://host:7878 gives all three URLs)")
    p.add_argument("--endpoint", dest="to", action=Deprecated, new="--to URL")
    p.add_argument("--data", metavar="URL", help="its Graph Store HTTP Protocol URL (Fuseki …/ds/data)")
    p.add_argument("--update-url", metavar="URL", help="its SPARQL Update URL (implies --update)")
    p.add_argument("--update", action="store_true", help="load with SPARQL Update instead of the Graph Store Protocol")
    p.add_argument("--graph-iri", metavar="IRI", help="put the default graph's triples in this named graph")
    p.add_argument("--batch-size", type=int, default=50_000, metavar="N", help="triples a request (default 50000)")
    p.add_argument("--no-model", action="store_true", help="do not add the chain model to graph files that lack it (files written before graphs carried it)")
    add_login_argument(p)
    p.add_argument("--timeout", type=float, default=300.0, metavar="S", help="seconds a request may take (default 300)")
    p.add_argument("--retries", type=int, default=4, metavar="N", help="retries of a failed request (default 4)")
    p.add_argument("--all", action="store_true",
                   help="with --store: send every graph, not only those changed since the last push to this server")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..link.endpoint import EndpointError

    def fail(message: str, status: int = 2) -> int:
        print(f"regionkg push: {message}", file=sys.stderr)
        return status

    old_graph_iri(args)
    try:
        source_kind(args)
    except READ_ERRORS as exc:
        return fail(str(exc))
    if not (args.to or args.data or args.update_url):
        return fail("give the server: --to URL (and --data URL or --update-url URL where it is not Oxigraph)")
    if args.retries < 0:
        return fail("--retries must be 0 or more")
    log = (lambda message: None) if args.quiet else (lambda message: print(f"regionkg: {message}", file=sys.stderr))
    try:
        push(args, log)
    except SyntaxError as exc:    # a graph file that does not parse
        return fail(str(named_parse_error(exc.filename, exc)))
    except READ_ERRORS as exc:
        return fail(str(exc))
    except EndpointError as exc:
        return fail(str(exc), 1)
    return 0


def push(args: argparse.Namespace, log) -> None:
    """Send the graph files or the store (what changed since the last push, for a store) and log a summary."""
    from pyoxigraph import NamedNode

    from .endpoints import resolve
    from .push import Pusher, open_source, plan, pushed_record, remember_push, store_graphs, store_state
    from .transport import Http

    default_to = NamedNode(args.graph_iri) if args.graph_iri else None
    endpoints = resolve(args.to, args.data, args.update_url)
    http = Http(timeout=args.timeout, retries=args.retries, log=log, **login(args))
    pusher = Pusher(endpoints, http, update=args.update or bool(args.update_url), batch_size=args.batch_size)
    target = endpoints.update if pusher.update else endpoints.data
    # what was pushed to this server, this way, is remembered beside the store
    key = f"{target} graph={args.graph_iri or ''} model={not args.no_model}"
    state = store_state(args.store) if args.store else None
    todo = plan(state, None if args.all else pushed_record(args.store).get(key)) if state else None
    with open_source(args.graph, args.store, model=not args.no_model) as store:
        stats = pusher.push(store_graphs(store, default_to, model=not args.no_model,
                                         only=todo.wants if todo else None))
        for report in todo.dropped if todo else []:
            pusher.drop_graph(NamedNode(report))
    if state is not None:
        remember_push(args.store, key, state)
    how = "SPARQL Update" if pusher.update else "Graph Store Protocol"
    left = f" ({todo.unchanged} unchanged since the last push, {len(todo.dropped)} dropped)" if todo else ""
    log(f"pushed {stats.graphs} graphs{left}, {stats.triples} triples in {stats.requests} requests → {target} "
        f"({how}, {stats.seconds:.1f} s, {stats.rate:,.0f} triples/s)")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


def old_graph_iri(args: argparse.Namespace) -> None:
    """`--graph IRI` is the old spelling of `--graph-iri IRI`: a `--graph` value with a URI
    scheme (http:, urn: …) that is no file is taken so."""
    iris = [g for g in args.graph if _SCHEME.match(g) and not Path(g).exists()]
    if iris:
        deprecated("regionkg push", "--graph IRI", "--graph-iri IRI")
        args.graph = [g for g in args.graph if g not in iris]
        args.graph_iri = args.graph_iri or iris[-1]
