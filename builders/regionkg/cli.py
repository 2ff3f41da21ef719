"""The `regionkg` command line: the parser, assembled from the command modules, and what
every command shares (Ctrl-C, a closed pipe)."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from . import __version__

# Each command lives in its own module with `register(subparsers)`, which adds its parser
# (no heavy imports) and sets `func` to its runner.
_COMMAND_MODULES: tuple[str, ...] = ("build_command", "query_command", "view.command", "link.command",
                                      "validate_command", "remote.command", "chains_command", "timeline_command")
SIGPIPE_STATUS = 128 + 13   # what a shell reports for a program ended by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    """The parser of `regionkg` and all its commands."""
    parser = argparse.ArgumentParser(prog="regionkg", description="Chinese regional reports → knowledge graph.")
    parser.add_argument("--version", action="version", version=f"regionkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in _COMMAND_MODULES:
        importlib.import_module(f"regionkg.{module}").register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()           # a closed pipe shows here, not at exit
        return status
    except KeyboardInterrupt:
        print(f"regionkg {args.command}: interrupted; what was there before is left as it was "
              "(run the command again to finish)", file=sys.stderr)
        return 130
    except BrokenPipeError:          # the reader went away (`regionkg query … | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_STATUS
