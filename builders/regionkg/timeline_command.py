"""`regionkg timeline`: what the reports of several years say of a region's projects."""
from __future__ import annotations

import argparse
import sys

from .graph_source import READ_ERRORS, add_source_arguments, open_source
from .tables import FORMATS, write_rows

_PROJECT_NAMES = """# Parameters: project
PREFIX rkg: <https://w3id.org/regionkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?project ?label WHERE { ?p a rkg:Project ; rdfs:label|skos:altLabel ?project ; rdfs:label ?label }"""


def register(subparsers) -> None:
    p = subparsers.add_parser("timeline", help="a project's stages year by year, promises kept or missed")
    p.add_argument("project", nargs="?", help="a project's name or other name: its timeline (default: all projects)")
    p.add_argument("--region", default="全国", metavar="NAME",
                   help="read the reports of this region and its sub-regions (default 全国)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--promises", metavar="YEAR", help="the targets of YEAR's reports and what the next year says")
    what.add_argument("--stalled", action="store_true", help="projects named in three or more years, never started")
    what.add_argument("--changes", nargs=2, metavar=("BEFORE", "AFTER"), help="projects new or dropped between two years")
    add_source_arguments(p)
    p.add_argument("--format", choices=FORMATS, default="table", help="an aligned table (default), CSV, TSV or JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from . import query as q
    from .link.endpoint import EndpointError

    name, params = "timeline", {"region": args.region}
    if args.promises:
        name, params["year"] = "promises", args.promises
    elif args.stalled:
        name = "stalled"
    elif args.changes:
        name, (params["before"], params["after"]) = "new-and-dropped", args.changes
    try:
        store = open_source(args)
        columns, rows = q.run(store, q.library()[name], params)
        if args.project:
            label = _label(store, q, args.project)
            at = columns.index("project")
            rows = [r for r in rows if r[at] is not None and r[at].value == label]
        cells = [[q.display(store, t) for t in row] for row in rows]
    except READ_ERRORS as exc:
        print(f"regionkg timeline: {exc}", file=sys.stderr)
        return 2
    except EndpointError as exc:
        print(f"regionkg timeline: {exc}", file=sys.stderr)
        return 1
    write_rows(columns, cells, args.format)
    return 0


def _label(store, q, name: str) -> str:
    """The label of the project called `name` (UnknownName, with the nearest names, if none)."""
    found = q.run(store, q.LibraryQuery("project-names", _PROJECT_NAMES), {"project": name})[1]
    labels = sorted({row[0].value for row in found})
    if not labels:
        raise q.UnknownName(f"no project {name!r}")
    return labels[0]
