"""How a build maps the per-document extraction over its work: processes of this machine
(`--jobs`) or the workers of a Dask cluster (`--executor dask://HOST:PORT`).

Extraction is a pure function of one document (`extraction.extract`: the pipeline, the
document's text and given metadata, the batch's hints in; its triples, statements and
summary out). An executor only decides where that function runs; it yields the results
in the order of the work, so the engine (`engine.run`) and every sink see the same
sequence whatever the executor, and the output is byte-identical to `--jobs 1`.
"""
from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from .extraction import Extracted
from .pipeline import Pipeline
from .workers import extract_each


class ExecutorError(Exception):
    """An executor that cannot be used (a bad address, no scheduler, a worker of another
    version) or a document it could not extract; the message names the URL or the file."""


class Executor(Protocol):
    def map(self, pipeline: Pipeline, work: list[tuple], show: bool) -> Iterator[Extracted]:
        """Extract every (source, hints…) of `work`, yielding the results in its order."""


@dataclass
class LocalProcesses:
    """This process (jobs=1) or a pool of forked worker processes (see workers.py)."""

    jobs: int | None = 1

    def map(self, pipeline: Pipeline, work: list[tuple], show: bool) -> Iterator[Extracted]:
        return extract_each(pipeline, work, self.jobs, show)


@contextmanager
def open_executor(executor: str | Executor | None = None, jobs: int | None = 1) -> Iterator[Executor]:
    """The executor a build names: None for local processes (`jobs` of them), a
    `dask://HOST:PORT` URL (connected here, before anything is written, and closed after),
    or an Executor object."""
    if executor is None:
        yield LocalProcesses(jobs)
    elif isinstance(executor, str):
        address, timeout = dask_address(executor)
        try:
            from .dask_executor import connect
        except ImportError as exc:
            raise ExecutorError(f"--executor {executor}: Dask is not installed ({exc.name}): "
                                "pip install 'regionkg[dist]'") from None
        with connect(executor, address, timeout) as remote:
            yield remote
    else:
        yield executor


DEFAULT_TIMEOUT = 10.0      # seconds to reach the scheduler and find a worker


def dask_address(url: str) -> tuple[str, float]:
    """`dask://HOST:PORT[?timeout=S]` → (the scheduler's tcp:// address, the timeout)."""
    problem = f"--executor {url}: not a dask://HOST:PORT address of a Dask scheduler"
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port
        query = urllib.parse.parse_qs(parts.query, strict_parsing=bool(parts.query))
        timeout = float(query.pop("timeout", [DEFAULT_TIMEOUT])[-1])
    except ValueError:
        raise ExecutorError(problem) from None
    if parts.scheme != "dask" or not parts.hostname or port is None or parts.path not in ("", "/") or query \
            or timeout <= 0:
        raise ExecutorError(problem + (" (Ray is not supported: Dask is)" if parts.scheme == "ray" else ""))
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"tcp://{host}:{port}", timeout
