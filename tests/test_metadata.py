"""Report metadata: title, date and region, on every corpus file and on header forms."""
from __future__ import annotations

import pytest

from regionkg.extract.metadata import find_title, parse_date
from regionkg.ingest.sources import Source, find_files, read_sources


def run(pipeline, text, given=None):
    return pipeline(pipeline.document(Source("t", "t.txt", text, given or {})))


@pytest.mark.parametrize(
    "text, date",
    [("2023年1月7日", "2023-01-07"), ("二〇二六年一月二十七日", "2026-01-27"), ("发布时间: 2023-01-06 来源", "2023-01-06"),
     ("2026年02月10日 07时41分", "2026-02-10"), ("十二月三十一日", None), ("2023-13-01", None)],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_title_tags_of_a_web_page_are_removed():
    assert find_title("阿荣旗2023年政府工作报告_亿元_发展_推进\n\n政 府 工 作 报 告\n") == "阿荣旗2023年政府工作报告"


@pytest.mark.parametrize(
    "text, region, date",
    [
        ("(内蒙古)霍林郭勒市人民政府工作报告(2023年1月7日)\n正文。\n", "150581", "2023-01-07"),
        ("政 府 工 作 报 告\n——2023年2月23日 在阿荣旗第十六届人民代表大会第二次会议上\n正文。", "150721", "2023-02-23"),
        ("政府工作报告 2023年1月1日在乌海市第十届人民代表大会第二次会议上\n发布时间: 2023-01-06\n正文。", "150300", "2023-01-01"),
        ("2026年甘肃省政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n", "620000", "2026-01-27"),
        ("政府工作报告\n——2026年1月26日在广东省第十四届\n人民代表大会第五次会议上\n", "440000", "2026-01-26"),
        ("通辽开鲁县聚焦三大产业集群\n开鲁县建设项目。\n2025-08-26\n", "150523", "2025-08-26"),
        ("【投资通辽】2014年通辽市政府工作报告\n2014年2月10日在通辽市第四届人民代表大会第二次会议上市长\n正文。\n2025-08-26\n",
         "150500", "2014-02-10"),
    ],
)
def test_header_forms(pipeline, text, region, date):
    doc = run(pipeline, text)
    assert (doc.region, doc.date) == (region, date)


def test_given_fields_win(pipeline):
    doc = run(pipeline, "通辽市新闻\n正文。\n2024-01-01\n", {"region": "库伦旗", "date": "2024/5/8", "title": "T"})
    assert (doc.region, doc.date, doc.title) == ("150524", "2024-05-08", "T")


def test_every_corpus_report_has_region_and_date(pipeline, corpus):
    docs = []
    for path in find_files([corpus]).files:
        sources, errors = read_sources(path)
        assert errors == []
        docs.extend((path, pipeline(pipeline.document(s))) for s in sources)
    assert len(docs) == 41
    missing = [d.id for _, d in docs if not d.date or not d.region]
    # the one news item that never names a place (如意工业园区 …) is the known gap
    assert missing == ["003_58d60768b51bfc0c-3"]
    for path, doc in docs:
        if path.parent.name == "provincial-2026":
            province = path.stem.split("_")[1]
            assert pipeline.gazetteer.divisions[doc.region].name == province
            assert doc.date.startswith("2026-01") or doc.date.startswith("2026-02")


@pytest.mark.parametrize(
    "name, region, date",
    [("000_efda46ed2fe9bea0.txt", "霍林郭勒市", "2023-01-07"), ("001_a1df008c8557cdef.txt", "呼和浩特市", "2022-12-30"),
     ("002_8f0d4ef2896da954.txt", "乌海市", "2023-01-01"), ("004_b8b23f62edd69dc2.txt", "阿荣旗", "2023-02-23")],
)
def test_seed_reports(pipeline, corpus, name, region, date):
    (source,), _ = read_sources(corpus / "seeds" / name)
    doc = pipeline(pipeline.document(source))
    assert (pipeline.gazetteer.divisions[doc.region].name, doc.date) == (region, date)
