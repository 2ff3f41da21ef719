"""Inputs as users have them: JSONL in other schemas, `--field`, and each report's year and region."""
from __future__ import annotations

import json
import re

import pytest
import rdflib

from conftest import SHARED
from regionkg.cli import main
from regionkg.extract.metadata import npc_session_year, parse_year, title_year
from regionkg.gazetteer import COUNTRY
from regionkg.ingest.sources import Source, field_mapping, mapping_tag, parse_field_options, read_sources

RKG = rdflib.Namespace("https://w3id.org/regionkg/ontology#")
DATASET = SHARED / "datasets" / "government_work_reports.jsonl"
BODY = "全旗推进荞麦加工项目建设。\n"


def write_jsonl(path, *objects):
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), "utf-8")
    return path


def run(pipeline, text, given=None):
    return pipeline(pipeline.document(Source("t", "t.txt", text, given or {})))


def reports(path):
    """(title, year, region, date) of each report in a graph file."""
    g = rdflib.Graph()
    g.parse(path)
    rows = g.query("""SELECT ?title ?year ?region ?date WHERE { ?r a rkg:Report .
        OPTIONAL { ?r dcterms:title ?title } OPTIONAL { ?r rkg:year ?year }
        OPTIONAL { ?r rkg:aboutRegion ?region } OPTIONAL { ?r dcterms:date ?date } }""",
                   initNs={"rkg": RKG, "dcterms": rdflib.namespace.DCTERMS})
    return sorted((str(t), y, r, d) for t, y, r, d in rows)


# --- reading the fields ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["content", "body", "正文", "内容", "Content"])
def test_recognised_text_names(tmp_path, name):
    path = write_jsonl(tmp_path / "a.jsonl", {name: BODY, "标题": "库伦旗新闻", "年份": 2024, "地区": "库伦旗"})
    (source,), errors = read_sources(path)
    assert errors == [] and source.text == BODY
    assert source.given == {"title": "库伦旗新闻", "year": "2024", "region": "库伦旗"}


def test_several_text_fields_take_the_first_in_the_table(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"body": "乙。", "content": "甲。"}, {"content": "  ", "body": "乙。"},
                       {"正文": "丙。", "text": "丁。"})
    assert [s.text for s in read_sources(path)[0]] == ["甲。", "乙。", "丁。"]


def test_numbers_are_taken_as_text_and_other_values_left_out(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"text": BODY, "year": 2025, "id": 7, "url": None, "title": ["x"]},
                       {"text": BODY, "year": 2024.0, "date": True})
    first, second = read_sources(path)[0]
    assert (first.id, first.given) == ("7", {"year": "2025"})
    assert second.given == {"year": "2024"}


def test_no_text_and_a_missing_mapped_field_name_the_line(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"story": "甲。", "yr": 2024}, {"story": "乙。"}, {"title": "无正文"})
    with field_mapping({"text": "story", "year": "yr"}):
        sources, errors = read_sources(path)
    assert [s.given for s in sources] == [{"year": "2024"}]
    assert [(e.line, "yr" in e.message) for e in errors] == [(2, True), (3, False)]
    assert all(f"{path}:{e.line}" in str(e) for e in errors)
    sources, errors = read_sources(path)                         # outside the block: no mapping
    assert sources == [] and all("--field text=NAME" in e.message for e in errors)


@pytest.mark.parametrize("option", ["text", "text=", "words=content", "=content"])
def test_malformed_field_options_are_refused(option):
    with pytest.raises(ValueError, match="FIELD=NAME"):
        parse_field_options([option])


def test_the_mapping_changes_the_store_version():
    assert mapping_tag({}) == ""
    assert mapping_tag({"text": "a"}) != mapping_tag({"text": "b"}) != ""


# --- the command line ---------------------------------------------------------------------

def test_field_mapping_on_the_command_line(tmp_path, capsys):
    path = write_jsonl(tmp_path / "news.jsonl",
                       {"story": "扎鲁特旗推进风电项目建设。\n", "yr": 2023, "headline": "扎鲁特旗新能源"},
                       {"story": "库伦旗推进荞麦加工项目建设。\n", "yr": "2024年", "headline": "库伦旗荞麦"},
                       {"story": "开鲁县推进项目建设。\n", "headline": "开鲁县"},
                       {"yr": 2024, "headline": "无正文"})
    out = tmp_path / "g.ttl"
    assert main(["build", str(path), "-o", str(out), "-q", "--field", "text=story", "--field", "year=yr"]) == 0
    err = capsys.readouterr().err
    assert f"{path}:3: --field year=yr" in err and f"{path}:4: --field text=story" in err
    rows = reports(out)
    assert [(t, str(y)) for t, y, _, _ in rows] == [("库伦旗荞麦", "2024"), ("扎鲁特旗新能源", "2023")]
    assert all(y.datatype == rdflib.XSD.gYear for _, y, _, _ in rows)
    assert main(["build", str(path), "-o", str(out), "--field", "year"]) == 2


def test_a_file_without_any_text_field_builds_nothing(tmp_path, capsys):
    path = write_jsonl(tmp_path / "a.jsonl", {"title": "甲"}, {"title": "乙"})
    assert main(["build", str(path), "-o", str(tmp_path / "g.ttl"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1: no text in this object" in err and f"{path}:2:" in err


# --- the year ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, year", [("2025", 2025), ("2025年", 2025), ("2024-03-05", 2024), ("20251", None),
                                         ("1800", None), ("无", None)])
def test_parse_year(value, year):
    assert parse_year(value) == year


@pytest.mark.parametrize("title, year", [("2019年国务院政府工作报告", 2019), ("二〇二六年某县政府工作报告", 2026),
                                         ("某市人民政府工作报告(2023)", 2023), ("某市建设5000吨项目", None)])
def test_title_year(title, year):
    assert title_year(title) == year


@pytest.mark.parametrize("text, year", [("第九届全国人民代表大会第三次会议", 2000), ("第十届全国人民代表大会第一次会议", 2003),
                                        ("第二届全国人民代表大会第四次会议", 1963), ("第二届全国人民代表大会第二次会议", 1960),
                                        ("第五届全国人民代表大会第五次会议", 1982), ("第九届人民代表大会第三次会议", None),
                                        ("第九十届全国人民代表大会第一次会议", None), ("第十十届全国人民代表大会第一次会议", None)])
def test_npc_session_year(text, year):
    assert npc_session_year(text) == year


def test_year_from_the_title_of_a_txt(tmp_path, pipeline):
    (tmp_path / "r.txt").write_text("2019年国务院政府工作报告\n各位代表：\n全国推进项目建设。\n", "utf-8")
    (source,), _ = read_sources(tmp_path / "r.txt")
    doc = run(pipeline, source.text)
    assert (doc.year, doc.date, doc.region) == (2019, None, COUNTRY)


def test_the_given_year_wins_and_the_date_comes_next(pipeline):
    assert run(pipeline, "2019年某县政府工作报告\n正文。\n", {"year": "2020"}).year == 2020
    assert run(pipeline, "2019年某县政府工作报告\n正文。\n", {"date": "2018-12-30"}).year == 2018


def test_resolution_year_from_its_session_or_a_date_in_the_text(pipeline):
    title = "第九届全国人民代表大会第三次会议关于政府工作报告的决议"
    doc = run(pipeline, "会议听取和审议了政府工作报告。\n", {"title": title})
    assert (doc.year, doc.date, doc.region) == (2000, None, COUNTRY)
    dated = run(pipeline, f"{title}\n（2001年3月15日第九届全国人民代表大会第四次会议通过）\n会议审议了报告。\n")
    assert (dated.year, dated.date, dated.region) == (2001, "2001-03-15", COUNTRY)


# --- the national reports' region ----------------------------------------------------------

def test_a_national_report_is_the_countrys_by_its_title_or_opening(pipeline):
    opening = "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n内蒙古加快发展。甘肃推进项目。内蒙古建设基地。\n"
    assert run(pipeline, opening).region == COUNTRY
    meeting = "政府工作报告\n——2026年3月5日在第十四届全国人民代表大会第四次会议上\n内蒙古加快发展。\n"
    doc = run(pipeline, meeting)
    assert (doc.region, doc.date, doc.year) == (COUNTRY, "2026-03-05", 2026)


@pytest.mark.parametrize("text", [
    "2024年甘肃省政府工作报告\n经国务院批准，兰州新区加快建设。国务院印发支持意见。\n",
    "政府工作报告\n——2024年1月20日在甘肃省第十四届人民代表大会第二次会议上\n经国务院批准，全国人民代表大会代表视察。\n",
    "各位代表：\n经国务院批准，甘肃推进项目。国务院支持甘肃。国务院部署工作。\n",
])
def test_a_provincial_report_mentioning_the_state_council_keeps_its_province(pipeline, text):
    assert run(pipeline, text).region == "620000"


def test_the_national_series_file_is_the_countrys(pipeline):
    path = SHARED / "series" / "national" / "national-2010.txt"
    if not path.is_file():
        pytest.skip("../shared/series is not beside the project")
    (source,), _ = read_sources(path)
    doc = run(pipeline, source.text)
    assert (doc.region, doc.year) == (COUNTRY, 2010)


def test_the_published_data_set_builds_every_row_with_region_and_year(tmp_path, capsys):
    if not DATASET.is_file():
        pytest.skip("../shared/datasets is not beside the project")
    out = tmp_path / "gwr.ttl"
    assert main(["build", str(DATASET), "-o", str(out), "-q"]) == 0
    assert "skipped" not in capsys.readouterr().err
    rows = reports(out)
    assert len(rows) == 72
    country = rdflib.URIRef(f"https://w3id.org/regionkg/resource/region/{COUNTRY}")
    assert all(y is not None and r == country for _, y, r, _ in rows)
    for title, year, _, _ in rows:              # the year the title states, else its session's
        stated = re.match(r"\d{4}", title)
        assert int(year) == (int(stated.group()) if stated else npc_session_year(title)), title
