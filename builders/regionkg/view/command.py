"""`regionkg view`: draw a graph, or part of it, as one offline HTML page."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..remote.endpoints import add_login_argument, login


def register(commands) -> None:
    p = commands.add_parser("view", help="draw a graph as an interactive offline HTML page")
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="graph file(s) (.ttl, .nt, .trig, .nq)")
    p.add_argument("--store", metavar="DIR", help="a store written by `regionkg build --store`")
    p.add_argument("--endpoint", metavar="URL",
                   help="a SPARQL server holding the graph (see `regionkg push`), its default graph the union")
    add_login_argument(p)
    p.add_argument("-o", "--output", required=True, metavar="PAGE.html", help="the page to write")
    p.add_argument("--region", metavar="NAME", help="a region with its sub-regions and what lies in them")
    p.add_argument("--timeline", action="store_true",
                   help="a region's projects by year instead of a network: each cell the stage a report "
                        "states, done or target, with its sentence (all reports without --region)")
    p.add_argument("--industry", metavar="NAME", help="an industry, its narrower industries, projects and places")
    p.add_argument("--chain", metavar="NAME", help="an industrial chain, upstream on the left (e.g. 铝)")
    p.add_argument("--focus", metavar="NAME", help="the neighbourhood of one node (with --depth)")
    p.add_argument("--depth", type=int, default=2, help="steps around --focus (default 2)")
    p.add_argument("--query", metavar="FILE.rq", help="draw the triples a CONSTRUCT query returns")
    p.add_argument("--title", help="the page title")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..link.endpoint import EndpointError
    from ..query import UnknownName
    from ..rdf.writer import write_atomic
    from ..store import load_files, open_store
    from .focus import FocusError
    from .views import ViewRequest, make_page

    if bool(args.graphs) + bool(args.store) + bool(args.endpoint) != 1:
        print("regionkg view: give graph files, --store DIR or --endpoint URL (one of them)", file=sys.stderr)
        return 2
    others = [f"--{o}" for o in ("chain", "industry", "focus", "query") if getattr(args, o)]
    if args.timeline and others:
        print(f"regionkg view: --timeline draws a region's projects by year; it does not take {', '.join(others)}",
              file=sys.stderr)
        return 2
    if args.depth < 0:
        print("regionkg view: --depth must be 0 or more", file=sys.stderr)
        return 2
    try:
        construct = Path(args.query).read_text("utf-8") if args.query else None
        if args.endpoint:
            from ..remote.sparql import connect

            store = connect(args.endpoint, **login(args))
        else:
            store = open_store(args.store) if args.store else load_files(args.graphs)
        if args.timeline:
            from .timeline import make_timeline_page

            page, timeline = make_timeline_page(store, args.region, args.title)
            summary = f"{len(timeline.projects)} projects, {len(timeline.years)} years"
        else:
            request = ViewRequest(region=args.region, industry=args.industry, chain=args.chain, centre=args.focus,
                                  depth=args.depth, construct=construct, title=args.title)
            page, view = make_page(store, request)
            summary = f"{view.number_of_nodes()} nodes, {view.number_of_edges()} edges"
    except (OSError, ValueError, SyntaxError) as exc:
        kind = "" if isinstance(exc, (OSError, FocusError, UnknownName)) else f"{args.query or 'input'}: "
        print(f"regionkg view: {kind}{exc}", file=sys.stderr)
        return 2
    except EndpointError as exc:
        print(f"regionkg view: {exc}", file=sys.stderr)
        return 1
    write_atomic(Path(args.output), page.encode("utf-8"))
    if args.timeline and not timeline.projects:
        print("regionkg view: warning: no project stages with a year and kind (rkg:year, rkg:stageKind) "
              "in these reports", file=sys.stderr)
    print(f"regionkg: {summary} → {args.output} "
          f"({len(page.encode('utf-8')) / 1e6:.1f} MB)", file=sys.stderr)
    return 0
