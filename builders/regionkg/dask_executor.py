"""Extraction on the workers of a Dask cluster (`regionkg build --executor dask://HOST:PORT`).

Why Dask (distributed) rather than Ray: a Dask *worker plugin* is set up once in every
long-lived worker process, the ones running now and any that join or restart later, so
each worker loads the gazetteer and lexicons once and plain functions then run on it;
Ray gets the same only through actors, whose loss the caller must handle itself. Back
pressure is plain futures: a window of a few documents per worker thread is submitted and
topped up as results arrive (`as_completed`), so neither the client nor the cluster holds
the corpus. Failures are the scheduler's: the tasks of a worker that dies are run again
on another (up to `distributed.scheduler.allowed-failures`), and `retries=` runs again a
task that raised. Dask is a pure-Python install, like the rest of RegionKG (`regionkg[dist]`).

The client reads each document's text (workers need not see the input files) and sends
it with its hints; results come back in the order of the work, so the build is
byte-identical to `--jobs 1`.
"""
from __future__ import annotations

import gc
import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from . import hooks
from .executors import ExecutorError
from .extraction import Extracted, extract, extractor_version
from .ingest.sources import Source, read_again
from .pipeline import Pipeline, Recipe
from .workers import progress_bar

AHEAD = 4          # documents in flight per worker thread
RETRIES = 1        # runs again of a task that raised

_PIPELINES: dict[str, Pipeline | str] = {}   # in a worker: recipe key → its pipeline (or why not)


@contextmanager
def connect(url: str, address: str, timeout: float) -> Iterator[DaskExecutor]:
    """A client of the scheduler at `address`, with at least one worker, closed after."""
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"--executor {url}: no Dask scheduler answers at {address} ({exc})") from None
    try:
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ExecutorError(f"--executor {url}: the scheduler has no workers") from None
        executor = DaskExecutor(client, url)
        try:
            yield executor
        finally:
            executor.close()
    finally:
        client.close()


class DaskExecutor:
    """Maps `extract` over a build's work on the cluster's workers."""

    def __init__(self, client: Client, url: str):
        self.client, self.url = client, url
        self._installed: set[str] = set()

    def map(self, pipeline: Pipeline, work: list[tuple], show: bool) -> Iterator[Extracted]:
        key = self._install(pipeline)
        window = AHEAD * max(1, sum(self.client.nthreads().values()))
        bar = progress_bar(len(work), show)
        items = iter(enumerate(work))
        index: dict[str, tuple[int, object]] = {}      # task key → (its place in the work, its future)
        ready: dict[int, Extracted] = {}
        running = as_completed(loop=self.client.loop)
        tag = uuid.uuid4().hex[:8]

        def submit(n: int) -> None:
            for i, (source, *hints) in itertools.islice(items, max(0, n)):
                future = self.client.submit(extract_on_worker, key, read_again(source), *hints,
                                            key=f"regionkg-extract-{tag}-{i}", pure=False, retries=RETRIES)
                index[future.key] = (i, future)
                running.add(future)

        submit(window)
        taken = 0
        try:
            for future in running:
                i, _ = index.pop(future.key)
                ready[i] = self._result(future, work[i][0])
                while taken in ready:
                    bar.update()
                    yield ready.pop(taken)
                    taken += 1
                submit(window - (len(index) + len(ready)))
        finally:
            bar.close()
            running.clear()
            if index:                                     # the caller stopped early: drop the rest
                self.client.cancel([f for _, f in index.values()])

    def _install(self, pipeline: Pipeline) -> str:
        """The pipeline on every worker, once per worker process: its recipe, as a plugin."""
        recipe = pipeline.recipe
        if recipe is None or tuple(pipeline.stage_names) != recipe.stages:
            raise ExecutorError(f"--executor {self.url}: this pipeline cannot be made again on the workers "
                                "(its stages were changed after default_pipeline); give it a Recipe "
                                "(regionkg.pipeline.Recipe) or build with jobs")
        key = recipe.key
        if key not in self._installed:
            self.client.register_plugin(PipelinePlugin(recipe, extractor_version()), name=f"regionkg-{key}")
            self._installed.add(key)
        return key

    def close(self) -> None:
        """Unregister the build's plugins: workers that start later need not make its pipeline
        (those running keep it, for the next build with the same recipe)."""
        for key in sorted(self._installed):
            try:
                self.client.unregister_worker_plugin(f"regionkg-{key}")
            except (OSError, ValueError, KeyError):
                pass
        self._installed.clear()

    def _result(self, future, source: Source) -> Extracted:
        try:
            return future.result()
        except Exception as exc:  # a worker's error, or workers lost on this document
            raise ExecutorError(f"{source.path}: not extracted on the Dask cluster "
                                f"({type(exc).__name__}: {exc})") from None


class PipelinePlugin(WorkerPlugin):
    """Makes a build's pipeline in each worker process once; refuses a worker whose
    RegionKG (code and shipped data) is not that of the client."""

    def __init__(self, recipe: Recipe, version: str):
        self.recipe, self.version = recipe, version

    def setup(self, worker) -> None:
        key = self.recipe.key
        if key in _PIPELINES:
            return
        _PIPELINES.clear()        # user word lists are the process's: one pipeline at a time
        mine = extractor_version()
        if mine != self.version:
            _PIPELINES[key] = (f"worker {worker.address} runs RegionKG {mine}, the build {self.version}: "
                               "install the same version on every worker")
            return
        _PIPELINES[key] = self.recipe.make(**self.recipe.kwargs)
        gc.freeze()               # the pipeline's data is never garbage (see workers.few_collections)


def extract_on_worker(key: str, source: Source, *hints) -> Extracted:
    """The task: one document extracted with the pipeline the plugin made."""
    pipeline = _PIPELINES.get(key)
    if not isinstance(pipeline, Pipeline):
        raise RuntimeError(pipeline or "this worker holds another build's pipeline (a build with other "
                           "lexicons ran on the cluster meanwhile)")
    hooks.worker_extracting(source.id)
    return extract(pipeline, source, *hints)
