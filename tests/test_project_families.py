"""Project families: named works without 项目/工程, coordinated lists, categories, stages and
capacities. All names are made up."""
from __future__ import annotations

from decimal import Decimal

import pytest

from regionkg.extract.quantities import find_quantities
from regionkg.ingest.sources import Source
from conftest import names


def run(pipeline, text, region="150581"):
    return pipeline(pipeline.document(Source("t", "t.txt", text, {"region": region})))


def projects(doc):
    return {key: ent for (kind, key), ent in doc.entities.items() if kind == "Project"}


def status(doc, name):
    return projects(doc)[name].attributes.get("status")


# -- family 1: named works -------------------------------------------------------------------

def test_abbreviation_pairs_share_the_works_head(pipeline):
    doc = run(pipeline, "今年建成青岭、苍沐高铁，高铁里程突破3000公里。")
    assert set(projects(doc)) == {"青岭高铁", "苍沐高铁"}
    assert status(doc, "青岭高铁") == "Completed"


def test_routes_phases_and_sections_are_kept_in_the_name(pipeline):
    doc = run(pipeline, "开工建设青山至白水铁路，加快建设云岫机场三期扩建，开工建设翠湖高铁丹霞段。")
    assert {"青山至白水铁路", "云岫机场三期扩建", "翠湖高铁丹霞段"} <= set(projects(doc))
    assert status(doc, "青山至白水铁路") == "Started"
    assert status(doc, "云岫机场三期扩建") == "UnderConstruction"


def test_generic_works_are_no_projects(pipeline):
    doc = run(pipeline, "新改建农村公路500公里，完善高速公路网，实施病险水库除险加固，建设集约智能口岸。")
    assert projects(doc) == {}


def test_a_works_without_a_stage_is_not_built(pipeline):
    doc = run(pipeline, "云岫机场成为全省第二个吞吐量超千万人次的机场。")
    assert projects(doc) == {}


# -- family 2: coordinated lists -------------------------------------------------------------

def test_items_of_a_project_list_keep_their_own_heads(pipeline):
    doc = run(pipeline, "推动青岭高铁、白沙机场改扩建、翠湖水库等项目建设。")
    assert set(projects(doc)) == {"青岭高铁", "白沙机场改扩建", "翠湖水库"}
    assert "青岭高铁项目" in projects(doc)["青岭高铁"].alt_labels
    assert all(e.attributes["status"] == "UnderConstruction" for e in projects(doc).values())


def test_a_count_equal_to_the_items_confirms_the_list(pipeline):
    doc = run(pipeline, "青岭、苍沐、翠湖3县高速项目全部开工。")
    names = set(projects(doc))
    assert len(names) == 3 and all("高速" in n and "3县" not in n for n in names)


def test_an_elided_list_shares_the_works_of_the_last_item(pipeline):
    doc = run(pipeline, "投运青岭、苍沐核电送出特高压工程。")
    assert {"青岭核电送出特高压工程", "苍沐核电送出特高压工程"} <= set(projects(doc))
    assert status(doc, "青岭核电送出特高压工程") == "Operating"


def test_two_works_joined_by_one_project_are_one(pipeline):
    doc = run(pipeline, "开工建设青水运河与白沙河航道连通工程、翠湖港二期。")
    assert set(projects(doc)) == {"青水运河与白沙河航道连通工程", "翠湖港二期"}


# -- family 6: categories --------------------------------------------------------------------

def test_kinds_honours_firsts_and_classes_are_no_projects(pipeline):
    doc = run(pipeline, "推进火箭、卫星制造、航天配套等重大项目。某某汽车入选国家首批领航级智能工厂。"
                        "首座抽水蓄能电站投产。千万吨级炼油厂、百万吨级乙烯等一批重大项目开工。")
    assert projects(doc) == {}


def test_a_project_head_followed_by_a_count_is_a_category(pipeline):
    doc = run(pipeline, "实施技改项目30项，新开工项目100个。")
    assert projects(doc) == {}


# -- family 9: stages and capacities ---------------------------------------------------------

@pytest.mark.parametrize("text, name, want", [
    ("青岭水库及灌区通水。", "青岭水库", "Operating"),
    ("完成白沙水库主体工程。", "白沙水库主体工程", "Completed"),
    ("积极推动青岭、苍沐铁路纳规，具备条件后加快推进前期工作。", "青岭铁路", "Planned"),
    ("青岭高铁建成通车，苍沐高铁全线贯通。", "苍沐高铁", "Completed"),
    ("青岭高铁建成通车，苍沐高铁全线贯通。", "青岭高铁", "Operating"),
    ("云岫机场改扩建工程投入使用。", "云岫机场改扩建工程", "Operating"),
])
def test_the_stage_of_the_own_clause(pipeline, text, name, want):
    assert status(run(pipeline, text), name) == want


def test_the_stage_of_the_examples_of_a_category(pipeline):
    doc = run(pipeline, "抓好青岭纤维等300多个拟竣工投产项目。")
    (name,) = projects(doc)
    assert name.startswith("青岭纤维") and "300" not in name
    assert status(doc, name) == "Operating"


@pytest.mark.parametrize("text, value, unit", [
    ("2×35万千瓦", "700000", "Kilowatt"), ("百万千瓦级", "1000000", "Kilowatt"), ("千万吨级", "10000000", "Tonne"),
    ("20亿立方米/年", "2000000000", "CubicMetre"), ("10吉瓦时", "10000000", "KilowattHour"),
    ("300万吨级", "3000000", "Tonne"),
])
def test_capacity_forms(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.lexical, q.unit, q.text) == (value, unit, text)


def test_a_class_capacity_with_a_place_is_a_project(pipeline):
    doc = run(pipeline, "加快霍林郭勒百万千瓦级风电基地建设。")
    (ent,) = projects(doc).values()
    assert ent.attributes["capacity"].value == Decimal("1000000")


def test_each_item_of_a_list_has_the_stage_of_its_own_part(pipeline):
    doc = run(pipeline, "青岭水库大坝封顶、苍沐水库下闸蓄水。")
    assert status(doc, "青岭水库") == "UnderConstruction"
    assert status(doc, "苍沐水库") == "Operating"


def test_a_one_character_head_inside_an_item_takes_the_shared_head(pipeline):
    doc = run(pipeline, "加快青岭、苍沐、兴港等高速公路建设。")
    assert set(projects(doc)) == {"青岭高速公路", "苍沐高速公路", "兴港高速公路"}


def test_schemes_named_without_a_head(pipeline):
    doc = run(pipeline, "西电东送、西气东输全面投产，加快推进引水入青等前期工作。深化西电东送战略合作。")
    assert status(doc, "西电东送") == "Operating"
    assert status(doc, "引水入青") == "Planned"


def test_kinds_of_works_in_lists_are_no_projects(pipeline):
    doc = run(pipeline, "支持学校、医院等生产生活配套项目建设，实施农村供水工程500处，推动机场三期等工程。")
    assert projects(doc) == {}


def test_one_owners_process_steps_stay_one_project(pipeline):
    doc = run(pipeline, "开工建设青岭特钢30万吨不锈钢冶炼、热轧、冷轧项目。")
    (name,) = projects(doc)
    assert name == "青岭特钢30万吨不锈钢冶炼、热轧、冷轧项目"


def test_a_new_item_after_a_closed_list(pipeline):
    doc = run(pipeline, "加快青岭高铁等重大工程、苍沐输电通道建设。")
    assert {"青岭高铁", "苍沐输电通道"} <= set(projects(doc))


def test_n_works_at_the_places_named(pipeline):
    doc = run(pipeline, "建成2座抽水蓄能电站，分别位于开鲁县、科尔沁区。", "150500")
    assert set(projects(doc)) == {"开鲁县抽水蓄能电站", "科尔沁区抽水蓄能电站"}
    assert status(doc, "开鲁县抽水蓄能电站") == "Completed"


def test_a_product_joined_by_and_shares_the_place(pipeline):
    doc = run(pipeline, "推进霍林郭勒新能源动力和储能、青岭特钢高性能软磁等项目建设。")
    assert "霍林郭勒储能项目" in projects(doc)


def test_a_project_with_a_count_of_lines_ends_at_its_head(pipeline):
    doc = run(pipeline, "沃岚乳业高端奶粉项目6条生产线全部投产运营。", "150721")
    assert any(k.endswith("高端奶粉项目") for k in names(doc, "Project"))
    assert not any(k.endswith("生产线") for k in names(doc, "Project"))


def test_a_named_square_being_built_is_a_project_a_generic_one_is_not(pipeline):
    doc = run(pipeline, "岚峤广场已正式运营。启动市民广场建设。", "150100")
    assert "岚峤广场" in names(doc, "Project")
    assert "市民广场" not in names(doc, "Project")


def test_works_named_by_a_town_without_its_suffix_are_projects(pipeline):
    """A town's name that reads like a verb (达…) still names the works after it."""
    doc = run(pipeline, "全旗经济平稳。达来诺日220千伏输变电工程建成投运。", region="150425")
    assert set(projects(doc)) == {"达来诺日220千伏输变电工程"}
    assert status(doc, "达来诺日220千伏输变电工程") == "Operating"


def test_short_forms_the_report_introduces_name_the_project_later(pipeline):
    doc = run(pipeline, "青岭新能源20万千瓦风电项目（以下简称“青岭风电”）完成签约。力争青岭风电年内开工。")
    (name,) = projects(doc)
    ent = projects(doc)[name]
    assert "青岭风电" in ent.alt_labels
    assert [(stage, kind) for _, stage, kind in ent.attributes["stages"]] == [("Signed", "Achieved"), ("Started", "Target")]
