"""`regionkg view`: draw a graph, or part of it, as one offline HTML page."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..graph_source import (
    READ_ERRORS,
    add_source_arguments,
    open_source,
    output_folder_error,
)


def register(commands) -> None:
    p = commands.add_parser("view", help="draw a graph as an interactive offline HTML page")
    add_source_arguments(p, old_positional=True)
    p.add_argument("-o", "--output", required=True, metavar="PAGE.html", help="the page to write")
    p.add_argument("--region", metavar="NAME", help="a region with its sub-regions and what lies in them")
    p.add_argument("--timeline", action="store_true",
                   help="a region's projects by year instead of a network: each cell the stage a report "
                        "states, done or target, with its sentence (all reports without --region)")
    p.add_argument("--industry", metavar="NAME", help="an industry, its narrower industries, projects and places")
    p.add_argument("--chain", metavar="NAME",
                   help="a chain dashboard instead of a network: the chain's links as columns upstream → "
                        "downstream, present or gap, and a table of its projects (e.g. 铝; with --region)")
    p.add_argument("--focus", metavar="NAME", help="the neighbourhood of one node (with --depth)")
    p.add_argument("--depth", type=int, default=2, metavar="N", help="steps around --focus (default 2)")
    p.add_argument("--query", metavar="FILE.rq", help="draw the triples a CONSTRUCT query returns")
    p.add_argument("--title", metavar="TEXT", help="the page title")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..link.endpoint import EndpointError
    from ..query import UnknownName
    from ..rdf.writer import write_atomic
    from .focus import FocusError

    problem = _usage_problem(args)
    if problem:
        print(f"regionkg view: {problem}", file=sys.stderr)
        return 2
    where = ""   # a query's errors are named by its file; the graph's name theirs
    try:
        store = open_source(args)
        where = f"{args.query}: " if args.query else ""
        page, summary, empty = _page(args, store)
    except READ_ERRORS as exc:
        print(f"regionkg view: {'' if isinstance(exc, (OSError, FocusError, UnknownName)) else where}{exc}",
              file=sys.stderr)
        return 2
    except EndpointError as exc:
        print(f"regionkg view: {exc}", file=sys.stderr)
        return 1
    write_atomic(Path(args.output), page.encode("utf-8"))
    if empty:
        print("regionkg view: warning: no project stages with a year and kind (rkg:year, rkg:stageKind) "
              "in these reports", file=sys.stderr)
    print(f"regionkg: {summary} → {args.output} "
          f"({len(page.encode('utf-8')) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options given (before anything is read), or None."""
    others = [f"--{o}" for o in ("chain", "industry", "focus", "query") if getattr(args, o)]
    if args.timeline and others:
        return f"--timeline draws a region's projects by year; it does not take {', '.join(others)}"
    others = [f"--{o}" for o in ("industry", "focus", "query") if getattr(args, o)]
    if args.chain and others:
        return (f"--chain draws a chain dashboard (narrowed by --region only); it does not take {', '.join(others)}"
                " (for the chain's network use the Python API, regionkg.view.ViewRequest)")
    if args.depth < 0:
        return "--depth must be 0 or more"
    return output_folder_error(args.output)


def _page(args: argparse.Namespace, store) -> tuple[str, str, bool]:
    """The page, a summary of what it shows, and whether a timeline came out empty."""
    if args.timeline:
        from .timeline import make_timeline_page

        page, timeline = make_timeline_page(store, args.region, args.title)
        return page, f"{len(timeline.projects)} projects, {len(timeline.years)} years", not timeline.projects
    if args.chain:
        from .chain import make_chain_page

        page, board = make_chain_page(store, args.chain, args.region, args.title)
        return page, f"{len(board.links)} links, {len(board.gaps)} gaps, {len(board.rows)} rows", False
    from .views import ViewRequest, make_page

    construct = Path(args.query).read_text("utf-8") if args.query else None
    request = ViewRequest(region=args.region, industry=args.industry, chain=args.chain, centre=args.focus,
                          depth=args.depth, construct=construct, title=args.title)
    page, view = make_page(store, request)
    return page, f"{view.number_of_nodes()} nodes, {view.number_of_edges()} edges", False
