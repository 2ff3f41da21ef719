"""A build that is killed or interrupted leaves the previous output and store as they
were, and the next run completes them: the result equals a build from scratch."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from regionkg.hooks import STOP_AFTER
from regionkg.incremental import JOURNAL

ADDED = "\n栎川新材建设30万吨再生铝项目，年内开工建设。\n"


def run(*args, stop_after: str | None = None) -> subprocess.CompletedProcess:
    """The command line; `stop_after` ("N:SIGNAL") has the build signal itself once it has
    taken in its N-th document (regionkg.hooks), whatever the machine's speed."""
    env = dict(os.environ)
    env.pop(STOP_AFTER, None)
    if stop_after:
        env[STOP_AFTER] = stop_after
    return subprocess.run([sys.executable, "-m", "regionkg", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env)


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
    killed = run("build", reports, "--store", store, "-q", "-j", "1", stop_after="3:KILL")
    assert killed.returncode == -signal.SIGKILL              # … and the update is killed half-way
    journal = store / JOURNAL
    assert len(journal.read_text("utf-8").splitlines()) == 3
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
    first = run("build", reports, "--store", store, "-q", "-j", "1", stop_after="4:KILL")
    assert first.returncode == -signal.SIGKILL
    assert not store.exists() and list(tmp_path.glob(".store.*.building"))
    assert run("build", reports, "--store", store, "-q").returncode == 0
    assert not list(tmp_path.glob(".store.*"))              # the killed build's folder is cleaned up
    assert (store / "regionkg-manifest.json").exists()


def test_ctrl_c_stops_cleanly_and_keeps_the_previous_output(reports, tmp_path):
    out = tmp_path / "graph.ttl"
    assert run("build", reports, "-o", out, "-q").returncode == 0
    before = out.read_bytes()
    build = run("build", reports, "-o", out, "-j", "2", stop_after="5:INT")   # Ctrl-C, workers busy
    err = build.stderr
    assert build.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")] == []
    assert os.listdir(reports)
