"""`build --shards DIR`: N-Quads files a report (or N) plus the shared graph and a manifest;
together the same dataset as the TriG output, the same bytes every time, never half written."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from pyoxigraph import DefaultGraph, RdfFormat, parse

from regionkg import shards
from regionkg.builder import build
from regionkg.cli import main
from regionkg.incremental import build_store

DATA = ROOT / "tests" / "data"


def quads(files) -> set:
    return {q for f in files for q in parse(path=str(f), format=RdfFormat.N_QUADS if str(f).endswith(".nq")
                                             else RdfFormat.TRIG)}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir())}


def test_shards_hold_the_dataset_of_the_trig_output_with_a_manifest(pipeline, corpus, tmp_path):
    inputs = [DATA, corpus / "seeds"]
    result = build(inputs, pipeline=pipeline, output=tmp_path / "g.trig", fmt="trig", shards=tmp_path / "sh")
    folder = tmp_path / "sh"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    files = [manifest["shared"], *manifest["shards"]]
    assert sorted(f.name for f in folder.iterdir()) == sorted([*(f["file"] for f in files), "manifest.json"])
    assert manifest["graphs"] == len(manifest["shards"]) == result.documents == 17
    assert sorted(g for f in manifest["shards"] for g in f["graphs"]) == sorted(result.reports)
    for f in files:
        data = (folder / f["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and data.count(b"\n") == f["triples"]
    every = quads(folder / f["file"] for f in files)
    assert every == quads([tmp_path / "g.trig"]) and len(every) == manifest["triples"]
    assert all(isinstance(q.graph_name, DefaultGraph) for q in quads([folder / "shared.nq"]))   # the default graph


def test_shards_are_the_same_bytes_whatever_the_jobs_and_group_reports(pipeline, corpus, tmp_path):
    inputs = [DATA, corpus / "seeds"]
    build(inputs, pipeline=pipeline, jobs=1, shards=tmp_path / "a")
    build(inputs, pipeline=pipeline, jobs=2, shards=tmp_path / "b")
    assert folder_bytes(tmp_path / "a") == folder_bytes(tmp_path / "b")
    assert main(["build", str(DATA), *map(str, inputs), "--shards", str(tmp_path / "c"), "--shard-size", "5",
                 "-q"]) == 0
    manifest = json.loads((tmp_path / "c" / "manifest.json").read_text("utf-8"))
    assert [len(f["graphs"]) for f in manifest["shards"]] == [5, 5, 5, 2]
    assert manifest["triples"] == json.loads((tmp_path / "a" / "manifest.json").read_text("utf-8"))["triples"]


def test_shards_of_an_incremental_store_build_equal_a_fresh_build(pipeline, corpus, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    for f in sorted((corpus / "provincial-2026").glob("*.txt"))[:3]:
        shutil.copy(f, reports / f.name)
    build_store(tmp_path / "store", [reports], pipeline)
    changed = sorted(reports.iterdir())[0]
    changed.write_text(changed.read_text("utf-8") + "\n本报告附有名词解释。\n", "utf-8")
    done = build_store(tmp_path / "store", [reports], pipeline, shards=tmp_path / "kept")
    assert done.extracted == 1 and done.reused == 2             # two reports come from the store
    build([reports], pipeline=pipeline, shards=tmp_path / "fresh")
    assert folder_bytes(tmp_path / "kept") == folder_bytes(tmp_path / "fresh")


def test_a_folder_of_something_else_is_refused(tmp_path, capsys):
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", "utf-8")
    assert main(["build", str(DATA), "--shards", str(other), "-q"]) == 2
    assert "holds no shards" in capsys.readouterr().err and (other / "notes.txt").read_text("utf-8") == "keep me"
    assert main(["build", str(DATA), "--shards", str(tmp_path / "sh"), "--shard-size", "0", "-q"]) == 2


def test_a_failed_write_leaves_the_old_shards(pipeline, tmp_path, monkeypatch):
    folder = tmp_path / "sh"
    build([DATA], pipeline=pipeline, shards=folder)
    before = folder_bytes(folder)
    written = []

    def fail_on_the_second(path, lines, graphs):
        if written:
            raise OSError("disk full")
        written.append(path)
        return real(path, lines, graphs)

    real = shards._write
    monkeypatch.setattr(shards, "_write", fail_on_the_second)
    with pytest.raises(OSError, match="disk full"):
        build([DATA, DATA / "baotou-2023.txt"], pipeline=pipeline, shards=folder)
    assert folder_bytes(folder) == before
    assert [p.name for p in tmp_path.iterdir()] == ["sh"]         # no half-written folder beside it
