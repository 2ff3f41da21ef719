"""Where a project is and what industry it is in: examples written for these rules."""
from __future__ import annotations

from conftest import facts, run




def test_product_in_the_name_is_the_industry_beside_the_heading(pipeline):
    doc = run(pipeline, "做强有色金属产业集群。推动青石铝业8万吨铝箔项目建成投产。\n", "150581")
    found = {o for s, o in facts(doc, "inIndustry") if s.startswith("青石铝业")}
    assert {"铝箔", "有色金属"} <= found


def test_product_after_a_capacity_becomes_an_industry(pipeline):
    doc = run(pipeline, "推进白桦化工5万吨碳化硼粉项目开工建设。\n", "150581")
    assert ("白桦化工5万吨碳化硼粉项目", "碳化硼粉") in facts(doc, "inIndustry")
    assert ("Industry", "碳化硼粉") in doc.entities


def test_a_size_class_or_a_phase_is_no_product(pipeline):
    doc = run(pipeline, "加快青湾港10万吨级码头二期工程建设。\n", "150581")
    products = {o for _, o in facts(doc, "inIndustry")}
    assert not any(o.startswith("级") or o.endswith("期") for o in products)


def test_a_power_project_is_in_its_power_industry(pipeline):
    doc = run(pipeline, "推动北辰20万千瓦光伏项目并网发电。\n", "150581")
    assert ("北辰20万千瓦光伏项目", "光伏") in facts(doc, "inIndustry")


def test_a_reservoir_is_not_in_water_management(pipeline):
    """A class of the national classification named in a works' name is not its product."""
    doc = run(pipeline, "推进青龙水利枢纽工程建设。\n", "150581")
    assert not {o for s, o in facts(doc, "inIndustry") if s.startswith("青龙水利枢纽")}


def test_township_short_form_in_a_county_report_places_the_project(pipeline):
    doc = run(pipeline, "推进孝丰抽水蓄能电站项目开工建设。\n", "330523")
    assert ("孝丰抽水蓄能电站项目", "330523105") in facts(doc, "locatedIn")


def test_township_short_form_without_a_county_is_not_guessed(pipeline):
    """In a province's report a two-character short form is too ambiguous to place a project."""
    doc = run(pipeline, "推进孝丰抽水蓄能电站项目开工建设。\n", "330000")
    assert ("孝丰抽水蓄能电站项目", "330000") in facts(doc, "locatedIn")


def test_the_state_councils_report_is_about_the_country(pipeline):
    doc = run(pipeline, "2030年中华人民共和国国务院政府工作报告\n加快建设青白高速铁路项目。\n")
    assert doc.region == "100000"
    assert ("青白高速铁路项目", "100000") in facts(doc, "locatedIn")


def test_a_route_lies_in_the_smallest_region_holding_both_ends(pipeline):
    doc = run(pipeline, "加快宁城至喀喇沁旗一级公路工程建设。\n", "150000")
    assert ("宁城至喀喇沁旗一级公路工程", "150400") in facts(doc, "locatedIn")


def test_a_route_across_provinces_lies_in_the_report_region(pipeline):
    doc = run(pipeline, "加快宁城至承德铁路项目建设。\n", "150000")
    assert ("宁城至承德铁路项目", "150000") in facts(doc, "locatedIn")


def test_a_region_earlier_in_the_clause_places_the_project(pipeline):
    doc = run(pipeline, "支持宁城县加快建设青石20万千瓦风电项目。\n", "150400")
    assert ("青石20万千瓦风电项目", "150429") in facts(doc, "locatedIn")


def test_an_earlier_item_of_the_list_gives_no_industry(pipeline):
    doc = run(pipeline, "推动两个煤电机组改造配建风电、青松能源5万千瓦光伏项目开工建设。\n", "150581")
    found = {o for s, o in facts(doc, "inIndustry") if s.startswith("青松能源")}
    assert "光伏" in found and "煤电" not in found


def test_a_later_clause_about_another_works_gives_no_industry(pipeline):
    doc = run(pipeline, "白杨集团10万千瓦风电项目扎实推进，两个煤电改造配建项目进展顺利。\n", "150581")
    found = {o for s, o in facts(doc, "inIndustry") if s.startswith("白杨集团")}
    assert "风电" in found and "煤电" not in found


def test_a_later_clause_can_still_name_the_field(pipeline):
    doc = run(pipeline, "加快建设梅林三期、开鲁青松玉米生物等6个重点项目，新增玉米深加工产品50种。\n", "150523")
    assert ("梅林三期项目", "玉米深加工") in facts(doc, "inIndustry")


def test_a_road_or_an_airport_takes_no_industry_from_its_surroundings(pipeline):
    doc = run(pipeline, "壮大绿色石化产业集群。推进青松机场二跑道、白杨高速改扩建、北辰石化10万吨乙烯等项目开工建设。\n", "210000")
    industries = facts(doc, "inIndustry")
    assert not {o for s, o in industries if "机场" in s or "高速" in s}
    assert any(s.startswith("北辰石化") for s, _ in industries)
