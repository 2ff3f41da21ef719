"""Extraction on a real Dask cluster on loopback (a scheduler and two single-threaded workers
started here, as separate processes, and stopped at the end): the same bytes as `--jobs 1`,
a worker killed mid-build changes nothing, incremental builds send only what changed, a
failing document is reported while the rest is built, bad addresses are refused."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from regionkg.builder import build
from regionkg.cli import main
from regionkg.executors import ExecutorError, open_executor
from regionkg.hooks import WORKER_EXIT
from regionkg.incremental import build_store
from regionkg.pipeline import Recipe, default_pipeline

distributed = pytest.importorskip("distributed")

DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker`s on 127.0.0.1 → (dask:// URL, the file whose
    document id has one worker kill itself, see regionkg.hooks)."""
    folder = tmp_path_factory.mktemp("cluster")
    marker = folder / "exit-on"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "builders"), str(ROOT / "tests")]),
           WORKER_EXIT: str(marker)}
    env.pop("REGIONKG_STOP_AFTER", None)
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", "0", "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    procs = [scheduler]
    try:
        address = None
        for line in scheduler.stderr:                       # the scheduler says where it listens
            if "Scheduler at:" in line:
                address = line.split("Scheduler at:")[1].strip()
                break
        assert address, "the Dask scheduler did not start"
        threading.Thread(target=scheduler.stderr.read, daemon=True).start()   # keep its pipe drained
        for n in range(2):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nthreads", "1",
                 "--memory-limit", "0", "--no-dashboard", "--host", "127.0.0.1", "--name", f"w{n}",
                 "--local-directory", str(folder / f"w{n}")],
                stdout=subprocess.DEVNULL, stderr=open(folder / f"w{n}.log", "w"), env=env))  # noqa: SIM115
        with distributed.Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        yield "dask://" + address.removeprefix("tcp://"), marker
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def inputs(corpus) -> list[Path]:
    """Three test reports, the five news digests (one item names no place) and two provinces."""
    provinces = sorted((corpus / "provincial-2026").glob("*.txt"))[:2]
    return [DATA, corpus / "seeds", *provinces]


@pytest.fixture(scope="module")
def one_job(inputs, pipeline, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("one") / "g.ttl"
    assert build(inputs, pipeline=pipeline, jobs=1, output=out).errors == []
    return out.read_bytes()


def test_a_dask_build_is_byte_identical_to_one_job(cluster, inputs, pipeline, one_job, tmp_path):
    url, _ = cluster
    result = build(inputs, pipeline=pipeline, executor=url, output=tmp_path / "g.ttl")
    assert result.errors == [] and result.documents == 19
    assert (tmp_path / "g.ttl").read_bytes() == one_job


def test_the_command_line_takes_the_executor(cluster, inputs, tmp_path):
    url, _ = cluster
    out = tmp_path / "g.nt"
    assert main(["build", *map(str, inputs), "-o", str(out), "--executor", url, "-q"]) == 0
    assert main(["build", *map(str, inputs), "-o", str(tmp_path / "one.nt"), "-j", "1", "-q"]) == 0
    assert out.read_bytes() == (tmp_path / "one.nt").read_bytes()


def test_a_worker_killed_mid_build_loses_nothing(cluster, inputs, pipeline, one_job, tmp_path):
    url, marker = cluster
    marker.write_text(inputs[2].stem, "utf-8")        # the worker that takes this province dies
    result = build(inputs, pipeline=pipeline, executor=url, output=tmp_path / "g.ttl")
    assert not marker.exists()                        # it did: the hook removed the file, then killed it
    assert result.errors == []
    assert (tmp_path / "g.ttl").read_bytes() == one_job


class Counting:
    """An executor that counts the documents sent to the one it wraps."""

    def __init__(self, inner):
        self.inner, self.sent = inner, []

    def map(self, pipeline, work, show):
        self.sent.extend(source.id for source, *_ in work)
        return self.inner.map(pipeline, work, show)


def test_an_incremental_build_sends_only_what_changed(cluster, corpus, pipeline, tmp_path):
    url, _ = cluster
    reports = tmp_path / "reports"
    reports.mkdir()
    for f in sorted((corpus / "provincial-2026").glob("*.txt"))[:3]:
        shutil.copy(f, reports / f.name)
    store = tmp_path / "store"
    with open_executor(url) as remote:
        first = Counting(remote)
        done = build_store(store, [reports], pipeline, executor=first)
        assert done.extracted == 3 and len(first.sent) == 3
        changed = sorted(reports.iterdir())[1]
        changed.write_text(changed.read_text("utf-8") + "\n本报告附有名词解释。\n", "utf-8")
        again = Counting(remote)
        done = build_store(store, [reports], pipeline, executor=again, output=tmp_path / "store.ttl")
    assert again.sent == [changed.stem] and done.extracted == 1 and done.reused == 2
    build([reports], pipeline=pipeline, output=tmp_path / "fresh.ttl")
    assert (tmp_path / "store.ttl").read_bytes() == (tmp_path / "fresh.ttl").read_bytes()


class Boom:
    """A stage that fails on texts holding 爆."""

    name = "boom"

    def __call__(self, doc):
        if "爆" in doc.text:
            raise RuntimeError("a stage failed")
        return doc


def boom_pipeline():
    """The shipped pipeline with Boom; made again on each worker from its recipe."""
    pipeline = default_pipeline()
    pipeline.stages.insert(5, Boom())
    pipeline.recipe = Recipe(boom_pipeline, {}, tuple(pipeline.stage_names))
    return pipeline


def test_a_failing_document_is_reported_and_the_rest_built(cluster, tmp_path):
    url, _ = cluster
    (tmp_path / "a.txt").write_text("(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n爆。创源20万吨高端铝箔项目建成投产。\n", "utf-8")
    (tmp_path / "b.txt").write_text("(内蒙古)通辽市人民政府工作报告(2023年1月9日)\n创源20万吨高端铝箔项目建成投产。\n", "utf-8")
    remote = build([tmp_path], pipeline=boom_pipeline(), executor=url, output=tmp_path / "d.ttl")
    local = build([tmp_path], pipeline=boom_pipeline(), jobs=1, output=tmp_path / "l.ttl")
    assert remote.documents == 2 and len(remote.errors) == 1 and remote.errors[0].kept
    assert "a.txt" in str(remote.errors[0]) and "a stage failed" in str(remote.errors[0])
    assert [str(e) for e in remote.errors] == [str(e) for e in local.errors]
    assert (tmp_path / "d.ttl").read_bytes() == (tmp_path / "l.ttl").read_bytes()


def test_a_pipeline_the_workers_cannot_make_is_refused(cluster, tmp_path):
    url, _ = cluster
    pipeline = default_pipeline()
    pipeline.stages.insert(5, Boom())                   # changed, its recipe not
    with pytest.raises(ExecutorError, match="cannot be made again on the workers"):
        build([DATA], pipeline=pipeline, executor=url, output=tmp_path / "g.ttl")
    assert not (tmp_path / "g.ttl").exists()


@pytest.mark.parametrize("url, message", [
    ("ray://127.0.0.1:10001", "not a dask://HOST:PORT address"),
    ("dask://127.0.0.1", "not a dask://HOST:PORT address"),
    ("dask://127.0.0.1:1?timeout=2", "no Dask scheduler answers at tcp://127.0.0.1:1"),
])
def test_a_bad_or_unreachable_executor_is_an_error_and_nothing_is_written(url, message, tmp_path, capsys):
    out, store = tmp_path / "g.ttl", tmp_path / "store"
    assert main(["build", str(DATA), "-o", str(out), "--store", str(store), "--executor", url, "-q"]) == 2
    err = capsys.readouterr().err
    assert message in err and url in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
