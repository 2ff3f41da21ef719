"""Industry recognition and hasIndustry of regions: enumerations, evidence in the clause,
no junk names. Texts are made up; places are real divisions used only as names."""
from __future__ import annotations

from regionkg.ingest.sources import Source
from conftest import facts, names

PROVINCE = "130000"  # 河北省: the report's region in these texts
SHIJIAZHUANG, BAODING, TANGSHAN = "130100", "130600", "130200"


def run(pipeline, text, region=PROVINCE):
    return pipeline(pipeline.document(Source("t", "t.txt", text, {"region": region})))


def industries(doc):
    return {key for (kind, key) in doc.entities if kind == "Industry"}


def has(doc):
    return {(f.subject[1], f.object[1]) for f in doc.facts if f.predicate == "hasIndustry"}


# family 3: enumerations ---------------------------------------------------------------

def test_every_item_of_an_enumeration_is_an_industry_lexicon_or_not(pipeline):
    doc = run(pipeline, "积极培育云端剧场、青山茶饮、白水研学等新业态，做强甲乙制品、丙丁服务等特色产业。")
    assert {"云端剧场", "青山茶饮", "白水研学", "甲乙制品", "丙丁服务"} <= industries(doc)
    assert (PROVINCE, "甲乙制品") in has(doc)


def test_service_lists_keep_their_items_and_the_service_head(pipeline):
    doc = run(pipeline, "加快发展科技服务、现代金融、人力资源服务等生产性服务业。")
    assert {"科技服务", "金融", "人力资源服务", "生产性服务业"} <= industries(doc)


def test_a_region_before_an_item_is_its_subject(pipeline):
    doc = run(pipeline, "着力打造石家庄钢铁物流、保定口岸物流两大产业集群。")
    facts = has(doc)
    assert (SHIJIAZHUANG, "钢铁物流") in facts and (BAODING, "口岸物流") in facts
    assert (PROVINCE, "钢铁物流") not in facts


def test_one_character_items_only_in_long_lists(pipeline):
    doc = run(pipeline, "推动钢、铝等产业提质。")
    assert not {"钢", "铝"} & industries(doc)


def test_fields_of_work_are_no_enumeration_of_industries(pipeline):
    doc = run(pipeline, "在科研、工业、农业、消费等领域应用落地一批场景。深化养老、供销、电力等领域改革。")
    assert not {"农业", "电力"} & industries(doc)


def test_a_list_governed_by_a_develop_verb_without_deng(pipeline):
    doc = run(pipeline, "高效开发利用地热能、氢能、绿氨绿醇。")
    assert {"氢能", "绿氨绿醇"} <= industries(doc)


# family 5: evidence in the clause ---------------------------------------------------------

def test_a_lexicon_word_before_a_head_noun_is_a_modifier(pipeline):
    doc = run(pipeline, "新建5G基站3000座，布局一批大功率充电设施，建设人工智能学院，培育工业设计中心20个。")
    assert not {"5G", "人工智能", "工业设计", "充电桩"} & industries(doc)


def test_consumption_and_investment_lists_are_no_industries(pipeline):
    doc = run(pipeline, "大力发展服务消费、健康消费、体育消费，打造甲潮经济、乙趣经济等新业态。"
                        "完成交通投资500亿元、能源投资300亿元、水利投资100亿元。")
    assert not {"甲潮经济", "乙趣经济", "能源", "大健康", "水上运输"} & industries(doc)


def test_output_figures_give_no_has_industry(pipeline):
    doc = run(pipeline, "纺织服装产业增加值增长8%，某某乳业产量增长12%。")
    assert not {f for f in has(doc) if f[1] in ("纺织服装", "乳业")}


def test_a_develop_verb_must_govern_the_word(pipeline):
    doc = run(pipeline, "打造新机场综合交通枢纽、构建高速公路网、提升物流综合服务水平。")
    assert "现代物流" not in industries(doc)
    doc = run(pipeline, "大力发展现代物流和数字经济。")
    assert {"现代物流", "数字经济"} <= industries(doc)


def test_umbrella_classes_are_no_industries(pipeline):
    doc = run(pipeline, "培育壮大新兴产业和未来产业，加快构建现代化产业体系，推动第三产业发展，发展高新技术产业。")
    assert not industries(doc) & {"新兴", "未来", "现代化", "第三", "高新技术", "战略性新兴"}


def test_support_for_a_city_gives_the_city_the_industry(pipeline):
    doc = run(pipeline, "支持石家庄、唐山等市发展甲乙装备、丙丁材料等产业。")
    facts = has(doc)
    assert {(SHIJIAZHUANG, "甲乙装备"), (TANGSHAN, "甲乙装备")} <= facts
    assert (PROVINCE, "甲乙装备") not in facts


def test_nested_regions_give_the_more_specific_subject(pipeline):
    doc = run(pipeline, "近年来，保定市安新县立足优势，大力培育生物医药产业。")
    assert ("130632", "生物医药") in has(doc)


# family 10: junk names ------------------------------------------------------------------

def test_no_left_edge_fragments(pipeline):
    doc = run(pipeline, "优化升级未来产业政策，增强优势企业产业链生态主导力，布局建设省新质生产力产业基地，"
                        "新培育省级先进制造业集群10个、县域制造业特色产业集群30个，细分培育30条以上产业链。")
    names = industries(doc)
    assert not {n for n in names if n.startswith(("升级", "增强", "省", "级", "县域", "条"))}
    assert not {"新质生产力", "未来", "制造业特色"} & names
    assert "先进制造业" in names


def test_slogans_and_quoted_formulas_are_no_names(pipeline):
    doc = run(pipeline, "深化“高校+平台+企业+产业链”合作，推进新技术新产业新场景应用，推动跨越类山区县百亿级产业全覆盖。")
    assert not {n for n in industries(doc) if "+" in n or n.endswith("新") or "级" in n}


def test_a_counted_list_with_a_digit_names_industries(pipeline):
    doc = run(pipeline, "打造精细化工、冶金建材、可降解材料3个超百亿级全产业链群。", "150300")
    assert {"冶金建材", "可降解材料"} <= names(doc, "Industry")


def test_places_in_a_counted_list_are_no_industries(pipeline):
    doc = run(pipeline, "做强包头、鄂尔多斯2大机器人产业基地。", "150000")
    assert not {"包头", "鄂尔多斯"} & names(doc, "Industry")


def test_a_base_being_built_develops_its_industry(pipeline):
    doc = run(pipeline, "加快推进种业基地建设，实现振兴。", "150721")
    assert ("150721", "种业") in facts(doc, "hasIndustry")


def test_goods_of_a_consumption_list_are_no_industries(pipeline):
    doc = run(pipeline, "实施汽车、家电等领域促进消费政策。", "150721")
    assert not {"汽车", "家电"} & names(doc, "Industry")


def test_a_watch_verb_is_no_industry(pipeline):
    doc = run(pipeline, "紧盯产业链堵点，精准招商。", "150721")
    assert "紧盯" not in names(doc, "Industry")
