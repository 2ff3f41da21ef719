"""Whatever a crawler brings home: one folder with a file of each bad kind and two good
reports. The good ones are built completely, each bad one is named exactly once, and the
build exits 0; an interrupted build leaves the previous output as it was."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF, RDFS

from regionkg.cli import main
from regionkg.hooks import STOP_AFTER
from regionkg.validation import validate

RKG = rdflib.Namespace("https://w3id.org/regionkg/ontology#")

GOOD_1 = """(内蒙古)扎鲁特旗人民政府工作报告(2024年1月12日)
——2024年1月12日在扎鲁特旗第十七届人民代表大会第三次会议上

各位代表：
过去一年，全旗上下坚持稳中求进，经济运行持续向好。
工业经济提质增效。内蒙古锦华新材料有限公司投资建设锦华15万吨再生铝项目，年内开工建设。扎鲁特旗工业园区引进华电集团，实施华电30万千瓦风电项目，项目建成并网。
2024年，我们将围绕铝基新材料产业集群，推动锦华15万吨再生铝项目加快建设。
"""
GOOD_2 = """(内蒙古)开鲁县人民政府工作报告(2024年1月15日)
——2024年1月15日在开鲁县第十八届人民代表大会第三次会议上

各位代表：
一年来，全县新开工亿元以上项目十二个。
做强玉米生物产业。梅花生物科技集团实施梅花20万吨玉米深加工项目，项目建成投产。开鲁经济开发区引进伊利集团，伊利5万吨乳制品项目签约落地。
新的一年，全县将推进光伏治沙工程，加快建设开鲁10万千瓦光伏电站。
"""
GOOD_PROJECTS = {"锦华15万吨再生铝项目", "华电30万千瓦风电项目", "梅花20万吨玉米深加工项目",
                 "伊利5万吨乳制品项目", "开鲁10万千瓦光伏电站"}
GOOD_ENTERPRISES = {"锦华", "华电", "梅花生物", "伊利"}
NEWS = "(内蒙古)霍林郭勒市融媒体中心讯 2024-03-02\n霍林郭勒市推进创源6万吨单晶硅切片项目建设。\n"


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", GOOD_1)
    return buf.getvalue()


def one_line_of(megabytes: int) -> bytes:
    sentence = "全旗坚持稳中求进工作总基调，推动经济高质量发展，各项事业取得新进展。".encode()
    return sentence * (megabytes * 1_000_000 // len(sentence) + 1)


def make_bad_folder(root: Path) -> tuple[Path, dict[str, str], set[str]]:
    """The folder, the bad files with a word their message must hold, and the files built quietly."""
    folder = root / "crawl"
    (folder / "sub").mkdir(parents=True)
    (folder / "good1.txt").write_text(GOOD_1, "utf-8")
    (folder / "sub" / "good2.txt").write_bytes(GOOD_2.encode("gbk"))  # GBK named .txt is fine
    bad = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (" \n\t\r\n\u3000\n".encode(), "empty"),
        "scan.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>>", "PDF"),
        "logo.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        "pages.jsonl": (zip_bytes(), "zip"),
        "noise.txt": (bytes([0x80, 0xFF, 0xFE, 0x81, 0x30, 0xFF]) * 64, "decode"),
        "mixed.txt": (NEWS.encode("utf-8") + "推进锦联铝材项目建设。\n".encode("gbk") + "全市经济稳中向好。\n".encode(), "mixed encodings"),
        "cut.txt": (NEWS.encode("utf-8")[:-2], "cut off"),
        "undated.txt": ("推进项目建设，全年经济稳中向好。\n".encode(), "no date"),
        "huge.txt": (one_line_of(20), "too long"),
        "news.jsonl": ((json.dumps({"text": NEWS, "title": "新闻一", "date": "2024-03-02"}, ensure_ascii=False) + "\n"
                        + '{"text": "断了的行\n'
                        + json.dumps({"text": "创源项目建成投产。", "date": "2024-03-05", "region": "霍林郭勒市"},
                                     ensure_ascii=False) + "\n").encode(), "not valid JSON"),
    }
    for name, (data, _) in bad.items():
        (folder / name).write_bytes(data)
    quiet = {"page.html", "half.html"}
    (folder / "page.html").write_text(
        "<html><head><meta charset='utf-8'><title>某县新闻</title><script>alert('<p>x</p>')</script>"
        "<style>p{color:red}</style></head><body><p>2024-05-06</p><p>库伦旗推进&lt;重点&gt;项目“建设”"
        "&amp;招商。</p><div onclick=\"evil()\">第二段</div></body></html>", "utf-8")
    (folder / "half.html").write_text("<html><body><p>2024-05-07</p><p>奈曼旗推进项目建设。</p><p>后面断", "utf-8")
    os.mkfifo(folder / "pipe.txt")                        # cannot be read as a file, even by root
    (folder / "loop.txt").symlink_to("loop.txt")          # a symlink loop
    (folder / "gone.txt").symlink_to("nowhere.txt")       # a dangling link
    (folder / "sub" / "again").symlink_to("..", target_is_directory=True)  # a folder loop: not followed
    messages = {name: word for name, (_, word) in bad.items()}
    messages.update({"pipe.txt": "not a regular file", "loop.txt": "symbolic links", "gone.txt": "No such file"})
    return folder, messages, quiet


def count(err: str, name: str) -> int:
    return sum(f"{os.sep}{name}:" in line for line in err.splitlines())


def test_a_folder_of_bad_files_builds_the_good_ones_and_names_each_bad_one_once(tmp_path, capsys):
    folder, bad, quiet = make_bad_folder(tmp_path)
    missing = tmp_path / "no-such-dir"
    out = tmp_path / "g.ttl"
    assert main(["build", str(folder), str(missing), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    for name, word in bad.items():
        assert count(err, name) == 1, (name, err)
        assert word in next(ln for ln in err.splitlines() if f"{os.sep}{name}:" in ln), (name, err)
    assert sum("no-such-dir" in line for line in err.splitlines()) == 1
    for name in ("good1.txt", "good2.txt", *quiet):
        assert count(err, name) == 0, (name, err)
    assert f"{os.sep}news.jsonl:2: not valid JSON" in err  # the broken line, by its number

    g = rdflib.Graph().parse(out, format="turtle")
    titles = {str(g.value(r, DCTERMS.title)): r for r in g.subjects(RDF.type, RKG.Report)}
    assert {"(内蒙古)扎鲁特旗人民政府工作报告(2024年1月12日)", "(内蒙古)开鲁县人民政府工作报告(2024年1月15日)"} <= set(titles)
    labels = {cls: {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, RKG[cls])} for cls in ("Project", "Enterprise")}
    assert GOOD_PROJECTS <= labels["Project"] and GOOD_ENTERPRISES <= labels["Enterprise"]
    # the repaired and quiet files are built too; JSONL lines around the broken one as well
    sources = {str(o).rsplit(os.sep, 1)[-1] for o in g.objects(None, RKG.sourceFile)}
    assert {"mixed.txt", "cut.txt", "undated.txt", "page.html", "half.html", "news.jsonl:1", "news.jsonl:3"} <= sources
    assert not {"empty.txt", "huge.txt", "scan.txt", "noise.txt"} & sources
    evidence = " ".join(str(o) for o in g.objects(None, RKG.evidence))
    assert "<重点>" in evidence and "<p>" not in evidence and "alert" not in evidence and "evil" not in evidence
    assert "锦联铝材" in evidence  # the GB18030 line of the mixed file
    assert validate(g).conforms


def test_the_same_bad_folder_gives_byte_identical_output(tmp_path):
    folder, _, _ = make_bad_folder(tmp_path)
    outs = []
    for name in ("a.ttl", "b.ttl"):
        assert main(["build", str(folder), "-o", str(tmp_path / name), "-q"]) == 0
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]


def test_only_bad_input_exits_non_zero_and_keeps_the_old_output(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    out.write_text("old", "utf-8")
    assert main(["build", str(tmp_path / "missing"), "-o", str(out)]) == 1
    assert main(["build", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    (tmp_path / "notes.md").write_text("# 说明\n", "utf-8")
    assert main(["build", str(tmp_path / "notes.md"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "missing:" in err and "missing.txt:" in err and "notes.md:" in err
    assert out.read_text("utf-8") == "old"


def test_an_unreadable_file_is_named(tmp_path, capsys):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD_1, "utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        pytest.skip("running as root: chmod 000 does not stop reading (pipe.txt covers an unreadable file)")
    (tmp_path / "good.txt").write_text(GOOD_1, "utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "g.ttl")]) == 0
    err = capsys.readouterr().err
    assert count(err, "locked.txt") == 1 and "Permission denied" in err


# --- interrupted builds --------------------------------------------------------------------

def _bigger_input(root: Path) -> Path:
    folder = root / "many"
    folder.mkdir()
    for i in range(60):
        (folder / f"r{i:02d}.txt").write_text(GOOD_1.replace("扎鲁特旗", "扎鲁特旗" if i % 2 else "开鲁县") * 20, "utf-8")
    return folder


def _build_cmd(inputs: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "regionkg", "build", str(inputs), "-o", str(out), "-q", "--jobs", "1"]


@pytest.mark.parametrize("sig", ["INT", "KILL"])
def test_an_interrupted_build_leaves_the_old_output_and_a_rerun_completes(tmp_path, sig):
    inputs = _bigger_input(tmp_path)
    out = tmp_path / "out" / "g.ttl"
    out.parent.mkdir()
    out.write_text("old graph", "utf-8")
    # a temporary file that an earlier killed build left behind (its process is gone)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out.parent / f".g.ttl.{dead.pid}.x1y2.tmp"
    stale.write_text("half", "utf-8")
    # mid-extraction: the build signals itself after its 20th document (regionkg.hooks)
    env = {**os.environ, STOP_AFTER: f"20:{sig}"}
    stopped = subprocess.run(_build_cmd(inputs, out), capture_output=True, text=True, timeout=600, env=env)
    assert stopped.returncode != 0
    assert out.read_text("utf-8") == "old graph"
    assert {p.name for p in out.parent.iterdir()} <= {"g.ttl", stale.name}
    run = subprocess.run(_build_cmd(inputs, out), capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert len(set(rdflib.Graph().parse(out, format="turtle").subjects(RDF.type, RKG.Report))) == 60
    assert [p.name for p in out.parent.iterdir()] == ["g.ttl"]  # the stale file is cleaned up
