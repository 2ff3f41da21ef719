"""`regionkg chains [CHAIN]`: the chain model — its chains and their names, or one chain's
links, what each supplies and the kinds that join it; `--format ttl` writes the model as
Turtle (the file `ontology/chains.ttl` is made so)."""
from __future__ import annotations

import argparse
import sys

from .tables import FORMATS


def register(subparsers) -> None:
    p = subparsers.add_parser("chains", help="list the industrial chains of the model, or the links of one")
    p.add_argument("chain", nargs="?", help="a chain's name or other name (铝, 煤化工 …): list its links")
    p.add_argument("--format", choices=[*FORMATS, "ttl"], default="table",
                   help="an aligned table (default), CSV, TSV, JSON, or the model as Turtle (ttl)")
    p.add_argument("--lexicon", action="append", default=[], metavar="TSV",
                   help="a file named like chains.tsv, chain_links.tsv or industry_broader.tsv that adds rows; repeatable")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .extract.lexicon import use_user_lists
    from .rdf.chains import chain_model

    try:
        use_user_lists(args.lexicon)
        model = chain_model()
    except (OSError, ValueError) as exc:
        print(f"regionkg chains: {exc}", file=sys.stderr)
        return 2
    if args.format == "ttl":
        sys.stdout.buffer.write(model_turtle(model))
        return 0
    from .tables import write_rows

    if args.chain is None:
        write_rows(*chain_rows(model), args.format)
        return 0
    chain = model.chain(args.chain.strip())
    if chain is None:
        from .query import nearest

        names = sorted({n for c in model.chains for n in c.names})
        print(f"regionkg chains: no chain named {args.chain!r}; nearest: "
              f"{', '.join(nearest(args.chain, names)) or ', '.join(c.key for c in model.chains)}", file=sys.stderr)
        return 2
    write_rows(*link_rows(model, chain.key), args.format)
    return 0


def chain_rows(model) -> tuple[list[str], list[list[str]]]:
    rows = []
    for c in model.chains:
        links = [name for name in model.nodes() if c.key in model.links.get(name, ())]
        rows.append([c.key, c.label, "、".join(c.aliases), c.english, str(len(links)), "、".join(links), c.source])
    return ["chain", "label", "names", "english", "links", "members", "source"], rows


def link_rows(model, key: str) -> tuple[list[str], list[list[str]]]:
    """The links of one chain, upstream first: what each supplies, its declared kinds, its other chains."""
    narrower: dict[str, list[str]] = {}
    for name, ups in model.broader.items():
        for up in ups:
            narrower.setdefault(up, []).append(name)
    links = [name for name in model.nodes() if key in model.links.get(name, ())]
    order = _upstream_first(model, links)
    rows = [[name, "、".join(model.supplies.get(name, ())), "、".join(sorted(narrower.get(name, ()))),
             "、".join(c for c in model.chains_of(name) if c != key)] for name in order]
    return ["link", "supplies", "kinds", "other chains"], rows


def _upstream_first(model, links: list[str]) -> list[str]:
    """Links in supply order (a link before what it supplies), ties by name."""
    depth: dict[str, int] = {}

    def level(name: str, seen: frozenset[str] = frozenset()) -> int:
        """One more than its furthest supplier's, and not before a link it is a kind of
        (电池箔 sits with 铝箔, after what supplies aluminium processing)."""
        if name not in depth:
            kinds = [k for k in model.kinds_of(name) if k in links and k not in seen]
            suppliers = [x for x in links if x not in seen and any(k in model.supplies.get(x, ()) for k in kinds)]
            below = [level(k, seen | {name}) for k in kinds if k != name]
            depth[name] = max([1 + level(x, seen | {name}) for x in suppliers] + below + [0])
        return depth[name]

    return sorted(links, key=lambda n: (level(n), n))


def model_turtle(model) -> bytes:
    """The chain model as Turtle, triples sorted: the same data give the same bytes."""
    from pyoxigraph import RdfFormat, serialize

    from .rdf.vocab import PREFIXES

    triples = sorted(set(model.triples()), key=str)
    header = ("# RegionKG industrial chain model, generated from builders/regionkg/data/chains.tsv,\n"
              "# chain_links.tsv and industry_broader.tsv by `regionkg chains --format ttl`.\n"
              "# Edit those files, not this one; sources are named there.\n").encode("utf-8")
    return header + serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
