"""The graph a reading command works on: graph files, a store or a SPARQL server.

One option group names it on every command (`--graph FILE`, repeatable; `--store DIR`;
`--endpoint URL` with `--user NAME` where the command reads servers), one opener reads it,
and what goes wrong names the file or folder and what is wrong with it.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import RdfFormat

from .remote.endpoints import add_login_argument, login

GRAPH_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".trig": RdfFormat.TRIG,
                 ".nq": RdfFormat.N_QUADS}
SOURCES = ("graph", "store", "endpoint")
# what reading a source may raise; commands name it on stderr (exit 2), never as a traceback
READ_ERRORS = (OSError, ValueError, SyntaxError)


class SourceError(ValueError):
    """No graph source, or more than one, was given, or a graph file is not one."""


def deprecated(prog: str, old: str, new: str) -> None:
    """Say on stderr that `old` is an old spelling, and the new one (the old one still works)."""
    print(f"{prog}: deprecated: {old}; use {new}", file=sys.stderr)


class Deprecated(argparse.Action):
    """An old spelling, hidden from --help: stores into `dest` as the new one does (a list is
    extended) and says the new spelling on stderr."""

    def __init__(self, option_strings: list[str], dest: str, new: str, **kwargs) -> None:
        super().__init__(option_strings, dest, help=argparse.SUPPRESS, **kwargs)
        self.new = new

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        if values == []:             # an old positional argument not given
            return
        deprecated(parser.prog, option_string or "graph files as arguments", self.new)
        current = getattr(namespace, self.dest, None)
        setattr(namespace, self.dest, current + values if isinstance(current, list) else values)


def add_source_arguments(p: argparse.ArgumentParser, endpoint: bool = True, old_positional: bool = False) -> None:
    """`--graph FILE` (repeatable), `--store DIR` and, with `endpoint`, `--endpoint URL` and
    `--user NAME`; with `old_positional`, graph files also as arguments (deprecated, hidden)."""
    p.add_argument("--graph", action="append", default=[], metavar="FILE",
                   help="a graph file (.ttl, .nt, .trig, .nq); repeatable: their union")
    if old_positional:
        p.add_argument("graph", nargs="*", action=Deprecated, new="--graph FILE")
    p.add_argument("--store", metavar="DIR", help="a store written by `regionkg build --store`")
    if endpoint:
        p.add_argument("--endpoint", metavar="URL",
                       help="a SPARQL server holding the graph (see `regionkg push`), its default graph the union")
        add_login_argument(p)


def source_kind(args: argparse.Namespace) -> str:
    """Which source the arguments give ("graph", "store" or "endpoint"); a SourceError
    unless exactly one, and graph files that are not there are named before any work."""
    offered = [k for k in SOURCES if hasattr(args, k)]
    given = [k for k in offered if getattr(args, k)]
    if len(given) != 1:
        names = {"graph": "--graph FILE", "store": "--store DIR", "endpoint": "--endpoint URL"}
        choices = [names[k] for k in offered]
        raise SourceError(f"give one graph source: {', '.join(choices[:-1])} or {choices[-1]}")
    if given == ["graph"]:
        for path in args.graph:
            graph_format(path)
    return given[0]


def open_source(args: argparse.Namespace):
    """The store the arguments name: graph files loaded into memory, a store folder, or a
    SPARQL server read through the protocol."""
    kind = source_kind(args)
    if kind == "endpoint":
        from .remote.sparql import connect

        return connect(args.endpoint, **login(args))
    if kind == "store":
        from .store import open_store

        return open_store(args.store)
    from .store import load_files

    return load_files(args.graph)


def store_folder(path: str | Path) -> Path:
    """`path` as a store folder; FileNotFoundError naming it (and how to make one) if it is none."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no store here (build one with `regionkg build … --store {path}`)")
    return path


def graph_format(path: str | Path) -> RdfFormat:
    """The format of the graph file `path` by its suffix; an error naming the file if it is
    not there, is a folder or has no graph suffix."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: a folder, not a graph file")
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SourceError(f"{path}: unknown graph format (use .ttl, .nt, .trig or .nq)")
    return fmt


@contextmanager
def reading(path: str | Path) -> Iterator[RdfFormat]:
    """The format of `path`, for the block that reads the file: its errors are raised again
    naming the file (a parse error with the lines pyoxigraph names)."""
    fmt = graph_format(path)
    try:
        yield fmt
    except SyntaxError as exc:
        raise named_parse_error(path, exc) from None
    except OSError as exc:
        raise type(exc)(f"{path}: {exc.strerror or exc}") from None


def named_parse_error(path: str | Path | None, exc: SyntaxError) -> SyntaxError:
    """pyoxigraph's parse error of the graph file `path` (its lines in the message), naming the file."""
    if path is None or Path(path).suffix.lower() not in GRAPH_FORMATS:
        return exc
    return SyntaxError(f"{path}: not valid {GRAPH_FORMATS[Path(path).suffix.lower()].name}: {exc.msg}")


def output_folder_error(path: str | Path | None) -> str | None:
    """What stops a command writing `-o path`: its folder missing or not a folder (None if nothing)."""
    if path is None:
        return None
    folder = Path(path).parent
    if folder.is_dir():
        return None
    return f"{folder}: {'not a folder' if folder.exists() else 'no such folder'} (for -o {path})"
