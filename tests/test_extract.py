"""Extraction: quantities, status, enterprises, parks, industries, projects and relations."""
from __future__ import annotations

from decimal import Decimal

import pytest

from regionkg.extract.quantities import find_investment, find_quantities
from conftest import facts, names, run





@pytest.mark.parametrize(
    "text, value, unit",
    [("20万吨", "200000", "Tonne"), ("54万千瓦", "540000", "Kilowatt"), ("10兆瓦", "10000", "Kilowatt"),
     ("1.5吉瓦", "1500000", "Kilowatt"), ("0.35万吨", "3500", "Tonne"), ("25亿千瓦时", "2500000000", "KilowattHour"),
     ("5万平方米", "50000", "SquareMetre"), ("300亩", "300", "Mu"), ("500公里", "500", "Kilometre"),
     ("年屠宰10万头", "100000", "Piece")],
)
def test_quantities_are_multiplied_out(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.lexical, q.unit) == (value, unit)


def test_voltage_is_no_quantity_and_investment_is_yuan():
    assert find_quantities("500千伏输电通道") == []
    inv = find_investment("项目总投资184.8亿元，年内开工")
    assert inv.value == Decimal("18480000000") and inv.unit == "Yuan" and inv.text == "184.8亿元"


def test_coordinated_list_gives_one_project_per_item(pipeline):
    doc = run(pipeline, "重点推进锦联55万吨罐料和20万吨低碳铝、创源6万吨单晶硅切片组件等项目开工建设。", "150581")
    projects = names(doc, "Project")
    assert projects == {"锦联55万吨罐料项目", "锦联20万吨低碳铝项目", "创源6万吨单晶硅切片组件项目"}
    assert facts(doc, "builds") == {("锦联", "锦联55万吨罐料项目"), ("锦联", "锦联20万吨低碳铝项目"),
                                    ("创源", "创源6万吨单晶硅切片组件项目")}
    for p in projects:
        ent = doc.entities[("Project", p)]
        assert ent.attributes["status"] == "Started"
        assert ("Region", "150581") == next(f.object for f in doc.facts if f.predicate == "locatedIn" and f.subject[1] == p)
    assert doc.entities[("Project", "锦联20万吨低碳铝项目")].attributes["capacity"].value == 200000
    assert "20万吨低碳铝项目" in doc.entities[("Project", "锦联20万吨低碳铝项目")].alt_labels


def test_two_capacities_with_two_products_are_two_projects(pipeline):
    doc = run(pipeline, "推动示范能源54万千瓦风电21万千瓦光伏等项目年内并网发电。", "150581")
    assert names(doc, "Project") == {"示范能源54万千瓦风电项目", "示范能源21万千瓦光伏项目"}
    assert facts(doc, "inIndustry") == {("示范能源54万千瓦风电项目", "风电"), ("示范能源21万千瓦光伏项目", "光伏")}
    assert all(doc.entities[("Project", p)].attributes["status"] == "Operating" for p in names(doc, "Project"))


@pytest.mark.parametrize(
    "verb, status",
    [("开工建设", "Started"), ("部分投产", "PartlyOperating"), ("建成投产", "Operating"), ("加快建设", "UnderConstruction"),
     ("签约落地", "Signed"), ("谋划", "Planned"), ("竣工", "Completed"), ("并网发电", "Operating")],
)
def test_status_verbs(pipeline, verb, status):
    doc = run(pipeline, f"北辰新材料10万吨电池箔项目{verb}。", "150500")
    (p,) = names(doc, "Project")
    assert doc.entities[("Project", p)].attributes["status"] == status


def test_categories_and_counts_are_not_projects(pipeline):
    doc = run(pipeline, "实施重点项目1100个以上，其中100亿元以上项目10个。加快推进一批补短板项目，办好民生实事项目。", "150100")
    assert names(doc, "Project") == set()


def test_legal_name_and_short_name_are_one_enterprise(pipeline):
    doc = run(pipeline, "内蒙古创源金属有限公司扩大产能。创源20万吨高端铝箔项目建成投产。", "150581")
    assert "创源" in names(doc, "Enterprise")
    ent = doc.entities[("Enterprise", "创源")]
    assert "内蒙古创源金属有限公司" in ent.alt_labels
    assert ("创源", "创源20万吨高端铝箔项目") in facts(doc, "builds")
    # 内蒙古 inside the company's name is not a region the report names
    assert ("Region", "150000") not in {f.object for f in doc.facts if f.predicate == "mentions"}


def test_generic_companies_are_not_enterprises(pipeline):
    doc = run(pipeline, "对现有融资担保公司进行整合，组建教育集团63个，支持龙头企业和上市公司发展。", "150500")
    assert names(doc, "Enterprise") == set()


def test_parks_bare_named_and_listed(pipeline):
    doc = run(pipeline, "推动高新区提档升级。开工建设再生铝深加工产业园。加快建设科尔沁综合物流、空港物流和木里图工业物流园区。"
                        "积极推进智慧园区建设，推进各旗县市特色产业园区建设。", "150581")
    parks = names(doc, "IndustrialPark")
    assert {"霍林郭勒高新区", "再生铝深加工产业园", "科尔沁综合物流园区", "空港物流园区", "木里图工业物流园区"} <= parks
    assert not any("智慧" in p or "特色" in p for p in parks)
    assert ("霍林郭勒高新区", "150581") in facts(doc, "locatedIn")


def test_park_region_prefix_is_its_place(pipeline):
    doc = run(pipeline, "通辽开鲁县经济技术开发区已建成标准化厂房30万平方米。", "150523")
    assert "开鲁县经济技术开发区" in names(doc, "IndustrialPark")
    assert ("开鲁县经济技术开发区", "150523") in facts(doc, "locatedIn")


def test_industries_fold_suffixes_and_modifiers(pipeline):
    doc = run(pipeline, "大力发展风光产业，推进清洁能源产业扩量倍增，培育氢燃料轻量化汽车产业。", "150581")
    inds = names(doc, "Industry")
    assert {"风光", "清洁能源", "氢燃料轻量化汽车"} <= inds
    assert not any(i.endswith(("产业", "行业")) for i in inds)
    assert {("150581", i) for i in ("风光", "清洁能源")} <= facts(doc, "hasIndustry")


def test_heading_sentence_gives_the_industry_of_a_project(pipeline):
    """The product (电池箔) and the heading's broader industry, each with its evidence."""
    doc = run(pipeline, "壮大铝基新材料产业集群。重点推进北辰10万吨电池箔项目开工建设。\n", "150581")
    facts = {f.object[1]: f for f in doc.facts if f.predicate == "inIndustry"}
    assert set(facts) == {"铝基新材料", "电池箔"}
    assert facts["铝基新材料"].first_sentence == 0 and facts["电池箔"].first_sentence is None


def test_user_lexicon_adds_entries(tmp_path):
    from regionkg.pipeline import default_pipeline

    lex = tmp_path / "mine.tsv"
    lex.write_text("kind\tname\taliases\nIndustry\t荞麦加工\t荞麦精深加工\nEnterprise\t塞北粮油\t\n", "utf-8")
    text = "库伦旗围绕荞麦精深加工，引进塞北粮油建设生产线。"
    plain = default_pipeline()
    mine = default_pipeline(user_lexicons=[lex])
    assert "荞麦加工" not in names(run(plain, text, "150524"), "Industry")
    doc = run(mine, text, "150524")
    assert "荞麦加工" in names(doc, "Industry") and "塞北粮油" in names(doc, "Enterprise")


def test_bad_user_lexicon_is_refused(tmp_path):
    from regionkg.pipeline import default_pipeline

    lex = tmp_path / "bad.tsv"
    lex.write_text("kind\tname\taliases\nCompany\tX\t\n", "utf-8")
    with pytest.raises(ValueError, match="bad.tsv:2"):
        default_pipeline(user_lexicons=[lex])


def test_user_file_extends_a_shipped_word_list(tmp_path):
    """A file named like a shipped list, with its columns, adds rows that every stage reads."""
    from regionkg.pipeline import default_pipeline

    extra = tmp_path / "status_verbs.tsv"
    extra.write_text("verb\tstatus\tedge\n落地见效\tOperating\t\n", "utf-8")
    text = "北辰10万吨碳纤维项目落地见效。\n"
    try:
        mine = default_pipeline(user_lexicons=[extra])
        status = run(mine, text, "150581").entities[("Project", "北辰10万吨碳纤维项目")].attributes.get("status")
        assert status == "Operating"
    finally:
        plain = default_pipeline()  # the lists are the shipped ones again for the other tests
    assert run(plain, text, "150581").entities[("Project", "北辰10万吨碳纤维项目")].attributes.get("status") != "Operating"


def test_user_word_list_with_other_columns_is_refused(tmp_path):
    from regionkg.pipeline import default_pipeline

    extra = tmp_path / "status_verbs.tsv"
    extra.write_text("word\tstage\n落地见效\tOperating\n", "utf-8")
    with pytest.raises(ValueError, match="status_verbs.tsv: the columns of status_verbs.tsv are verb, status, edge"):
        default_pipeline(user_lexicons=[extra])
