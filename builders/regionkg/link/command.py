"""`regionkg link`: link a graph's regions, enterprises and industries to an endpoint's items."""
from __future__ import annotations

import argparse
import os
import sys

from ..graph_source import READ_ERRORS, add_source_arguments, deprecated, open_source, output_folder_error

KIND_NAMES = {"region": "Region", "enterprise": "Enterprise", "industry": "Industry"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("link", help="link regions, enterprises and industries to Wikidata (or any SPARQL endpoint)")
    add_source_arguments(p, old_positional=True)
    p.add_argument("-o", "--output", required=True, metavar="OUT.ttl", help="Turtle file of the links (and facts)")
    p.add_argument("--wikidata", metavar="URL",
                   help="the SPARQL 1.1 server to link to (default: the Wikidata Query Service)")
    p.add_argument("--user-agent", metavar="TEXT", default=os.environ.get("REGIONKG_USER_AGENT"),
                   help="User-Agent with your contact, e.g. 'mylab-regionkg/1.0 (me@example.org)' "
                        "(default: $REGIONKG_USER_AGENT, else RegionKG's own)")
    p.add_argument("--cache", metavar="DIR", help="answer cache (default: ~/.cache/regionkg/sparql)")
    p.add_argument("--offline", action="store_true", help="send no request: answer from the cache only")
    p.add_argument("--refresh", action="store_true", help="ask the server again and replace cached answers")
    p.add_argument("--kind", action="append", choices=sorted(KIND_NAMES), metavar="KIND",
                   help="region, enterprise or industry; repeatable (default: all three)")
    p.add_argument("--enrich", action="store_true", help="add coordinates (P625) and population (P1082) of linked regions")
    p.add_argument("--min-score", type=float, default=0.8, metavar="X", help="lowest score of a label link (default 0.8)")
    p.add_argument("--batch-size", type=int, default=40, metavar="N", help="resources per query (default 40)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds per request (default 60)")
    p.add_argument("--retries", type=int, default=4, metavar="N", help="retries of a failed request (default 4)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary or retry notes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from pyoxigraph import RdfFormat, serialize

    from ..rdf.vocab import PREFIXES
    from ..rdf.writer import sorted_triples, write_atomic
    from .cache import AnswerCache, default_cache_dir
    from .endpoint import WIKIDATA, EndpointError, SparqlEndpoint
    from .labels import WD
    from .model import GEO

    def say(message: str) -> None:
        if not args.quiet:
            print(f"regionkg link: {message}", file=sys.stderr)

    old_wikidata_spelling(args)
    if args.batch_size < 1 or args.retries < 0 or args.timeout <= 0:
        print("regionkg link: --batch-size ≥ 1, --retries ≥ 0 and --timeout > 0, please", file=sys.stderr)
        return 2
    if problem := output_folder_error(args.output):
        print(f"regionkg link: {problem}", file=sys.stderr)
        return 2
    endpoint = SparqlEndpoint(
        args.wikidata or WIKIDATA, user_agent=args.user_agent, timeout=args.timeout, retries=args.retries,
        cache=AnswerCache(args.cache or default_cache_dir()), offline=args.offline, refresh=args.refresh, log=say)
    try:
        triples, counts = find_links(args, open_source(args), endpoint)
    except READ_ERRORS as exc:
        print(f"regionkg link: {exc}", file=sys.stderr)
        return 2
    except EndpointError as exc:    # from the server linked to, or the one holding the graph
        print(f"regionkg link: {exc}", file=sys.stderr)
        return 1
    used = ("rkg", "rdf", "xsd", "skos", "owl", "prov", "dcterms", "region", "enterprise", "industry", "statement")
    prefixes = {**{name: PREFIXES[name] for name in used}, "wd": WD, "geo": GEO}
    write_atomic(Path(args.output), serialize(sorted_triples(triples), format=RdfFormat.TURTLE, prefixes=prefixes))
    say(f"{', '.join(counts)} → {args.output} ({endpoint.requests} requests, {endpoint.cache_hits} cached answers)")
    return 0


def find_links(args: argparse.Namespace, store, endpoint) -> tuple[list, list[str]]:
    """The link (and fact) triples of the kinds asked for, and a count of each for the summary."""
    from decimal import Decimal

    from .enrich import enrich
    from .labels import link_by_label
    from .model import fact_triples, link_triples
    from .regions import link_regions
    from .targets import read_targets

    triples, counts = [], []
    for kind in [KIND_NAMES[k] for k in dict.fromkeys(args.kind or ["region", "enterprise", "industry"])]:
        targets = read_targets(store, kind)
        if kind == "Region":
            outcome = link_regions(endpoint, targets, args.batch_size)
            links = outcome.links
            counts.append(f"{len(links)} of {len(targets)} regions ({outcome.refused} refused on label)")
            if args.enrich:
                facts = enrich(endpoint, links, args.batch_size)
                triples += [t for f in facts for t in fact_triples(f)]
                counts.append(f"{len(facts)} facts")
        else:
            label_outcome = link_by_label(endpoint, targets, args.batch_size, Decimal(str(args.min_score)))
            links = label_outcome.links
            counts.append(f"{len(links)} of {len(targets)} {kind.lower()} nodes "
                          f"({label_outcome.ambiguous} ambiguous)")
        triples += [t for link in links for t in link_triples(link)]
    return triples, counts


def old_wikidata_spelling(args: argparse.Namespace) -> None:
    """`--endpoint URL` beside graph files or a store is the old spelling of `--wikidata URL`
    (it named the server to link to; alone, it is the server holding the graph)."""
    if args.endpoint and (args.graph or args.store) and not args.wikidata:
        deprecated("regionkg link", "--endpoint URL for the server to link to", "--wikidata URL")
        args.wikidata, args.endpoint = args.endpoint, None
