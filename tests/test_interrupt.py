"""A build that is killed or interrupted leaves the previous output and store as they
were, and the next run completes them: the result equals a build from scratch."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regionkg.incremental import JOURNAL

ADDED = "\n栎川新材建设30万吨再生铝项目，年内开工建设。\n"


def regionkg(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "regionkg", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "regionkg", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def wait_until(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"finished before it could be stopped: {process.communicate()}"
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.02)


@pytest.fixture()
def reports(corpus, tmp_path) -> Path:
    """Ten provincial reports, copied so a test can change them."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for f in sorted((corpus / "provincial-2026").glob("*.txt"))[:10]:
        shutil.copy(f, folder / f.name)
    return folder


def test_a_killed_update_is_completed_by_the_next_run_whatever_the_inputs_are_then(reports, tmp_path):
    store, out, fresh = tmp_path / "store", tmp_path / "out.ttl", tmp_path / "fresh.ttl"
    assert run("build", reports, "--store", store, "-q").returncode == 0
    originals = {f: f.read_bytes() for f in reports.iterdir()}
    for f in originals:                                      # every report changes …
        f.write_text(f.read_text("utf-8") + ADDED, "utf-8")
    update = regionkg("build", reports, "--store", store, "-q", "-j", "1")
    journal = store / JOURNAL
    wait_until(lambda: journal.exists() and len(journal.read_text("utf-8").splitlines()) >= 3, update)
    update.send_signal(signal.SIGKILL)                       # … and the update is killed half-way
    update.wait()
    for f, data in originals.items():                        # the user goes back to the old files
        f.write_bytes(data)
    again = run("build", reports, "--store", store, "-o", out)
    assert again.returncode == 0, again.stderr
    assert "3 extracted, 7 unchanged" in again.stderr       # the graphs the journal named
    assert not journal.exists()
    assert run("build", reports, "-o", fresh, "-q").returncode == 0
    assert out.read_bytes() == fresh.read_bytes()
    assert "栎川" not in out.read_text("utf-8")


def test_a_killed_first_build_leaves_nothing_and_the_next_run_builds_it(reports, tmp_path):
    store = tmp_path / "store"
    first = regionkg("build", reports, "--store", store, "-q", "-j", "1")
    wait_until(lambda: any(tmp_path.glob(".store.*.building")), first)
    time.sleep(0.5)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert not store.exists()
    assert run("build", reports, "--store", store, "-q").returncode == 0
    assert not list(tmp_path.glob(".store.*"))              # the killed build's folder is cleaned up
    assert (store / "regionkg-manifest.json").exists()


def workers(process: subprocess.Popen) -> list[str]:
    try:
        return Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    except OSError:
        return []


def test_ctrl_c_stops_cleanly_and_keeps_the_previous_output(reports, tmp_path):
    out = tmp_path / "graph.ttl"
    assert run("build", reports, "-o", out, "-q").returncode == 0
    before = out.read_bytes()
    for f in sorted(reports.iterdir()):                     # a batch that takes a while
        for i in range(15):
            shutil.copy(f, reports / f"{f.stem}-{i}.txt")
    build = regionkg("build", reports, "-o", out, "-j", "2")
    wait_until(lambda: len(workers(build)) >= 2, build)     # the workers are busy
    time.sleep(0.3)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")] == []
    assert os.listdir(reports)
