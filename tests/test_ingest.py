"""Reading inputs: kinds of file, encodings, digests, JSONL, folders, boilerplate."""
from __future__ import annotations

import json

import pytest

from regionkg.errors import InputError
from regionkg.ingest.boilerplate import strip_boilerplate
from regionkg.ingest.decode import decode
from regionkg.ingest.sources import find_files, make_ids_unique, read_sources

REPORT = "(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n\n推进锦联铝材项目建设。全市经济稳中向好。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_each_encoding_decodes_to_the_same_text(tmp_path, encoding):
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(REPORT.encode(encoding))
    sources, errors = read_sources(path)
    assert errors == []
    assert [s.text for s in sources] == [REPORT]


def test_corpus_file_reencoded_as_gbk_reads_back(tmp_path, corpus):
    original = (corpus / "seeds" / "004_b8b23f62edd69dc2.txt").read_text("utf-8")
    path = tmp_path / "a.txt"
    path.write_bytes(original.encode("gb18030"))
    assert read_sources(path)[0][0].text == original


@pytest.mark.parametrize(
    "data, words",
    [(b"%PDF-1.7\n...", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"), (b"PK\x03\x04\x14\x00", "zip"),
     (b"abc\x00\x00\x01\x02", "NUL")],
)
def test_binary_files_are_refused_with_the_reason(data, words):
    with pytest.raises(InputError) as info:
        decode(data, "x.txt")
    assert words in str(info.value) and "x.txt" in str(info.value)


def test_undecodable_bytes_name_the_file(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xef\xbb\xbf\xff\xfe\xfd bad utf-8 after a BOM")
    sources, errors = read_sources(path)
    assert sources == [] and len(errors) == 1
    assert str(path) in str(errors[0]) and "decode" in str(errors[0])


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", "utf-8")
    sources, errors = read_sources(path)
    assert sources == [] and "empty" in str(errors[0])


def test_digest_splits_into_items_with_their_own_text(tmp_path):
    path = tmp_path / "digest.txt"
    path.write_text("-\n甲旗新闻标题\n正文一。\n2024-03-02\n-\n乙县新闻标题\n正文二。\n2024-03-05\n", "utf-8")
    sources, errors = read_sources(path)
    assert errors == []
    assert [s.id for s in sources] == ["digest-1", "digest-2"]
    assert sources[0].text == "甲旗新闻标题\n正文一。\n2024-03-02\n"
    assert sources[1].text.startswith("乙县新闻标题")


def test_seed_digest_has_ten_items_each_with_its_date(corpus, pipeline):
    sources, errors = read_sources(corpus / "seeds" / "003_58d60768b51bfc0c.txt")
    assert errors == [] and len(sources) == 10
    docs = [pipeline(pipeline.document(s)) for s in sources]
    assert [d.date for d in docs].count("2025-08-26") == 6
    assert "点我投稿" not in docs[-1].text and "联系我们" not in docs[-1].text
    assert docs[-1].text.rstrip().endswith("努力为全市人民创造更多的福祉!")


def test_jsonl_fields_and_a_broken_line(tmp_path):
    path = tmp_path / "news.jsonl"
    good = {"id": "n1", "text": "正文。", "title": "标题", "date": "2024-05-08", "region": "库伦旗", "url": "http://x"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n" + json.dumps({"title": "no text"}) + "\n"
                    + json.dumps({"text": "第二条。"}, ensure_ascii=False) + "\n", "utf-8")
    sources, errors = read_sources(path)
    assert [s.id for s in sources] == ["n1", "news-4"]
    assert sources[0].given == {"title": "标题", "date": "2024-05-08", "region": "库伦旗", "url": "http://x"}
    assert [(e.line, "JSON" in e.message or "text" in e.message) for e in errors] == [(2, True), (3, True)]
    assert all(str(path) in str(e) for e in errors)


def test_html_keeps_text_not_tags(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>某县政府工作报告</title><script>var x='<p>';</script></head>"
                    "<body><p>第一段&amp;文字。</p><div>第二段</div></body></html>", "utf-8")
    text = read_sources(path)[0][0].text
    assert "第一段&文字。" in text and "第二段" in text and "某县政府工作报告" in text
    assert "<" not in text and "var x" not in text


def test_folder_walk_is_sorted_recursive_and_counts_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("x", "utf-8")
    (tmp_path / "a.jsonl").write_text("", "utf-8")
    (tmp_path / "SOURCES.md").write_text("# sources", "utf-8")
    (tmp_path / "b" / "loop").symlink_to(tmp_path, target_is_directory=True)
    inv = find_files([tmp_path, tmp_path / "missing.txt"])
    assert [p.name for p in inv.files] == ["a.jsonl", "z.txt"]
    assert [p.name for p in inv.passed_over] == ["SOURCES.md"]
    assert len(inv.errors) == 1 and "missing.txt" in str(inv.errors[0])


def test_duplicate_ids_get_path_suffixes_whatever_the_order(tmp_path):
    from regionkg.ingest.sources import Source

    a, b = Source("r", "x/r.txt", ""), Source("r", "y/r.txt", "")
    make_ids_unique([a, b])
    c, d = Source("r", "y/r.txt", ""), Source("r", "x/r.txt", "")
    make_ids_unique([c, d])
    assert a.id != b.id and {a.id, b.id} == {c.id, d.id}


# --- boilerplate on the real seed files -------------------------------------------------

def test_boilerplate_of_a_seed_page_is_removed_and_report_text_kept(corpus):
    raw = (corpus / "seeds" / "000_efda46ed2fe9bea0.txt").read_text("utf-8")
    text, removed = strip_boilerplate(raw)
    for junk in ("导航菜单", "本文地址", "留言与评论", "验证码", "本文仅代表作者观点"):
        assert junk not in text
    assert text.lstrip().startswith("(内蒙古)霍林郭勒市人民政府工作报告")
    # every non-boilerplate line of the report body is still there, in order
    body = [ln for ln in raw.splitlines() if "。" in ln and "本站" not in ln]
    assert body and all(ln in text for ln in body)
    assert "导航菜单" in removed


def test_boilerplate_widgets_and_footer_of_the_arong_report(corpus):
    raw = (corpus / "seeds" / "004_b8b23f62edd69dc2.txt").read_text("utf-8")
    text, removed = strip_boilerplate(raw)
    for junk in ("展开全文", "特别声明", "扫一扫在手机阅读", "分享:", "来源:阿荣旗融媒体中心"):
        assert junk not in text
    assert "加快实现岭东强旗、绿色崛起" in text  # the last paragraph of the report survives


def test_boilerplate_of_a_provincial_page(corpus):
    raw = (corpus / "provincial-2026" / "2026_吉林省_政府工作报告.txt").read_text("utf-8")
    text, removed = strip_boilerplate(raw)
    lines = text.splitlines()
    assert lines[0] == "2026年吉林省政府工作报告"
    assert not {"下载", "打印", "全屏", "收藏", "【字号：", "相关报道："} & set(lines)
    assert "时间：2026-02-01" in removed
    assert "进位突破正当时" in text


def test_a_cut_marker_early_in_a_text_costs_only_its_line():
    text = "标题\n相关报道：\n" + "正文内容。\n" * 20
    cleaned, _ = strip_boilerplate(text)
    assert cleaned.count("正文内容。") == 20


def test_a_text_set_aside_is_read_again_the_same(tmp_path, capsys):
    """Builds let go of texts once ids are settled and read each again when its turn comes."""
    from regionkg.ingest.sources import read_again, set_aside

    (tmp_path / "a.txt").write_text("通辽市政府工作报告\n推进创源项目建设。\n", "utf-8")
    (tmp_path / "b.jsonl").write_text(
        '{"text": "第一条新闻。", "date": "2024-01-02"}\n{"text": "第二条新闻。", "title": "二"}\n', "utf-8")
    read = [s for f in sorted(tmp_path.iterdir()) for s in read_sources(f)[0]]
    originals = [(s.id, s.path, s.text, dict(s.given)) for s in read]
    set_aside(read)
    assert all(s.text is None for s in read)
    again = [read_again(s) for s in read]
    assert [(s.id, s.path, s.text, s.given) for s in again] == originals
    (tmp_path / "b.jsonl").write_text('{"text": "只剩一条。"}\n', "utf-8")   # changed while building
    set_aside(read)
    assert read_again(read[0]).text == originals[0][2]                      # another file read in between
    assert read_again(read[2]).text == "" and "changed while the build ran" in capsys.readouterr().err
