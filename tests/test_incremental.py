"""`build --jobs N` and `build --store DIR` rebuilt incrementally give what a serial
build from scratch gives."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from regionkg.cli import main
from regionkg.incremental import MANIFEST

DATA = ROOT / "tests" / "data"


def build(*args) -> int:
    return main(["build", *map(str, args), "-q"])


@pytest.fixture()
def reports(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(DATA, folder)
    return folder


def test_jobs_do_not_change_the_output(corpus, tmp_path):
    one, two = tmp_path / "one.ttl", tmp_path / "two.ttl"
    assert build(corpus / "seeds", "-o", one, "--jobs", 1) == 0
    assert build(corpus / "seeds", "-o", two, "--jobs", 2) == 0
    assert one.read_bytes() == two.read_bytes()


def test_store_build_writes_what_a_file_build_writes(reports, tmp_path):
    plain, stored = tmp_path / "plain.ttl", tmp_path / "stored.ttl"
    assert build(reports, "-o", plain) == 0
    assert build(reports, "--store", tmp_path / "store", "-o", stored) == 0
    assert plain.read_bytes() == stored.read_bytes()


def test_rebuild_extracts_only_what_changed_and_equals_a_fresh_build(reports, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(reports), "--store", str(store)]) == 0
    assert "3 extracted" in capsys.readouterr().err
    assert main(["build", str(reports), "--store", str(store)]) == 0
    assert "0 extracted, 3 unchanged" in capsys.readouterr().err
    # add one report, change one, delete one
    (reports / "chifeng-2024.txt").write_text(
        "赤峰市人民政府工作报告（测试用）\n——2024年1月9日在赤峰市人民代表大会上\n\n"
        "壮大有色金属产业。金峰铜业40万吨铜冶炼项目开工建设。\n", "utf-8")
    text = (reports / "tongliao-2024.txt").read_text("utf-8")
    (reports / "tongliao-2024.txt").write_text(text.replace("建成投产", "开工建设", 1), "utf-8")
    (reports / "baotou-2023.txt").unlink()
    out_incremental, out_fresh = tmp_path / "inc.ttl", tmp_path / "fresh.ttl"
    assert main(["build", str(reports), "--store", str(store), "-o", str(out_incremental)]) == 0
    err = capsys.readouterr().err
    assert "2 extracted, 1 unchanged, 1 removed" in err
    assert build(reports, "-o", out_fresh) == 0
    assert out_incremental.read_bytes() == out_fresh.read_bytes()
    assert "金峰铜业40万吨铜冶炼项目" in out_fresh.read_text("utf-8")
    assert "包头" not in json.dumps(json.loads((store / MANIFEST).read_text("utf-8"))["files"], ensure_ascii=False)


def test_a_new_extractor_version_rebuilds_everything(reports, tmp_path, capsys):
    store = tmp_path / "store"
    assert build(reports, "--store", store) == 0
    lexicon = tmp_path / "lex.tsv"
    lexicon.write_text("kind\tname\taliases\nEnterprise\t金峰铜业\t\n", "utf-8")
    assert main(["build", str(reports), "--store", str(store), "--lexicon", str(lexicon)]) == 0
    assert "3 extracted, 0 unchanged" in capsys.readouterr().err


def test_an_interrupted_update_is_redone(reports, tmp_path, capsys):
    """A manifest that does not vouch for a graph (as after a crash mid-update) makes the
    next run extract that file again."""
    store = tmp_path / "store"
    assert build(reports, "--store", store) == 0
    manifest = json.loads((store / MANIFEST).read_text("utf-8"))
    key = next(iter(manifest["files"]))
    manifest["files"][key]["sha256"] = "0" * 64
    manifest["files"][key]["size"] = -1
    (store / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    fresh = tmp_path / "fresh.ttl"
    out = tmp_path / "again.ttl"
    assert main(["build", str(reports), "--store", str(store), "-o", str(out)]) == 0
    assert "1 extracted, 2 unchanged" in capsys.readouterr().err
    assert build(reports, "-o", fresh) == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_a_summary_goes_through_the_manifest_unchanged():
    """`Summary.to_json` is written by hand (for speed): it must keep every field."""
    from dataclasses import fields

    from regionkg.extraction import Summary

    s = Summary(report="r", region="150500", date="2024-01-09", region_codes=["150500"],
                park_regions={"园区": ["150581"]}, unplaced_parks=["园区"], industries={"铝": ["铝", "铝业"]},
                statuses=[("project", "Operating")], context="150000", fault="ValueError: x", digest="ab")
    assert set(s.to_json()) == {f.name for f in fields(Summary)}
    assert Summary.from_json(json.loads(json.dumps(s.to_json()))) == s


def test_a_touched_file_is_not_extracted_again_and_an_edited_one_is(reports, tmp_path, capsys):
    """Size and modification time spare reading unchanged files; a file whose stamp changed
    is hashed, and only a changed hash means extracting it again."""
    import os

    store = tmp_path / "store"
    assert build(reports, "--store", store) == 0
    first = sorted(reports.glob("*.txt"))[0]
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 5_000_000_000))
    assert main(["build", str(reports), "--store", str(store)]) == 0
    assert "0 extracted, 3 unchanged" in capsys.readouterr().err
    first.write_text(first.read_text("utf-8") + "\n星河能源50万千瓦光伏项目签约落地。\n", "utf-8")
    assert main(["build", str(reports), "--store", str(store)]) == 0
    assert "1 extracted, 2 unchanged" in capsys.readouterr().err


def test_names_of_one_node_give_one_label_in_every_kind_of_build(tmp_path, capsys):
    """Two reports spell one park with and without an ideographic space: the park is one node
    with one rdfs:label whether the graph goes to a file, a store or both."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name, park in (("a", "白　云工业园区"), ("b", "白云工业园区")):
        (reports / f"{name}.txt").write_text(
            f"乌海市人民政府工作报告\n——2024年1月{5 if name == 'a' else 8}日在乌海市人民代表大会上\n\n"
            f"{park}引进铝材企业。\n", "utf-8")
    plain, stored = tmp_path / "plain.ttl", tmp_path / "stored.ttl"
    assert build(reports, "-o", plain) == 0
    assert build(reports, "--store", tmp_path / "store", "-o", stored) == 0
    assert plain.read_bytes() == stored.read_bytes()
    import rdflib

    g = rdflib.Graph().parse(stored)
    labels = {}
    for s, o in g.subject_objects(rdflib.RDFS.label):
        labels.setdefault(s, set()).add(str(o))
    parks = [ls for s, ls in labels.items() if "/park/" in str(s)]
    assert parks == [{"白云工业园区"}]
    capsys.readouterr()
    assert main(["validate", "--store", str(tmp_path / "store")]) == 0


def test_the_same_build_from_another_folder_extracts_nothing(reports, tmp_path, capsys, monkeypatch):
    store = tmp_path / "store"
    monkeypatch.chdir(reports)
    assert main(["build", ".", "--store", str(store)]) == 0
    assert "3 extracted" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(reports.resolve()), "--store", str(store)]) == 0
    assert "0 extracted, 3 unchanged" in capsys.readouterr().err
    manifest = json.loads((store / MANIFEST).read_text("utf-8"))
    assert sorted(manifest["files"]) == sorted(f"reports/{p.name}" for p in reports.glob("*.txt"))


def test_the_progress_counts_every_document_and_is_lines_where_the_terminal_has_no_width(reports, tmp_path,
                                                                                          monkeypatch, capsys):
    import os as _os

    from regionkg import workers

    from regionkg.incremental import build_store
    from regionkg.pipeline import default_pipeline

    monkeypatch.setattr(workers.shutil, "get_terminal_size", lambda fallback=None: _os.terminal_size((0, 0)))
    build_store(tmp_path / "store", [reports], default_pipeline(), progress=True)
    err = capsys.readouterr().err
    counts = [line for line in err.splitlines() if line.startswith("regionkg: building ")]
    assert counts and counts[-1] == "regionkg: building 3/3 documents"
