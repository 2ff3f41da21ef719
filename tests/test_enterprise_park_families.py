"""Enterprise, park and region families: brand short names, zones and lists of parks,
township short forms. Made-up names throughout."""
from __future__ import annotations

import pytest

from conftest import facts, names, run





# -- family 4: enterprises named without 集团/公司 --------------------------------------------
@pytest.mark.parametrize("closer", ["等企业", "等龙头企业", "等一批行业领军企业", "等5家企业", "等知名品牌", "等乳品企业"])
def test_items_of_a_list_closed_by_a_kind_of_company(pipeline, closer):
    doc = run(pipeline, f"依托沃彤、岚翎{closer}，扩大养殖规模。", "150200")
    assert {"沃彤", "岚翎"} <= names(doc, "Enterprise")


def test_a_list_of_kinds_gives_no_company(pipeline):
    doc = run(pipeline, "聚焦行业龙头、“专精特新”、单打冠军等企业，加大招商力度。培育专精特新、高新技术等企业。"
                        "扩大“塞上好礼”、“沃彤牛肉”等区域公用品牌效应。", "150200")
    assert names(doc, "Enterprise") == set()


def test_a_list_with_a_known_company_names_companies(pipeline):
    doc = run(pipeline, "推动比亚迪、沃彤科等重大产业项目尽快投产。", "510000")
    assert {"比亚迪", "沃彤科"} <= names(doc, "Enterprise")


def test_brand_and_trade_word(pipeline):
    doc = run(pipeline, "推进岚翎石化转型升级，支持沃彤乳业做大做强。", "370000")
    assert {"岚翎石化", "沃彤乳业"} <= names(doc, "Enterprise")


def test_trade_word_inside_a_longer_noun_is_no_company(pipeline):
    doc = run(pipeline, "建设国内集货仓和陆海空物流专线，壮大铝基新材料产业集群。", "420000")
    assert names(doc, "Enterprise") == set()


def test_bare_short_form_of_a_full_name_in_the_text(pipeline):
    doc = run(pipeline, "内蒙古沃彤岚实业集团扩建生产线。支持沃彤岚拓展市场。", "150200")
    ent = doc.entities[("Enterprise", "沃彤岚")]
    assert "内蒙古沃彤岚实业集团" in ent.alt_labels
    assert len([m for m in doc.mentions if m.kind == "Enterprise" and m.key == "沃彤岚"]) == 2


def test_a_trade_core_keeps_the_full_name(pipeline):
    doc = run(pipeline, "组建广西数据集团，组建广西关键金属产业发展集团。", "450000")
    assert {"广西数据集团", "广西关键金属产业发展集团"} <= names(doc, "Enterprise")


@pytest.mark.parametrize("text, region", [
    ("着力打造甲乙区钢铁物流、达茂白云口岸物流等基地。", "150200"),     # place + modifier
    ("新增境内外上市公司45家。", "440000"),                            # listed-company phrase
    ("开工沂源石桥抽水蓄能、海阳辛安核电送出工程。", "370000"),           # places before works
    ("做强济南、青岛4大机器人产业基地。", "370000"),                     # a count
    ("提速山钢日照基地二期项目。", "370000"),                            # a verb first
    ("推进黄桶至百色铁路建设。", "450000"),                              # a route's end
])
def test_guard_against_false_owners(pipeline, text, region):
    doc = run(pipeline, text, region)
    bad = {"达茂白云口岸", "境内外上市", "沂源石桥", "海阳辛安", "济宁4大", "青岛4大", "提速山钢", "黄桶"}
    assert not (names(doc, "Enterprise") & bad)


# -- family 7: parks -------------------------------------------------------------------------
def test_zones_by_suffix(pipeline):
    doc = run(pipeline, "推进工业软件先导区建设。建立青岭科学城运行机制。深化甲乙转型综改示范区改革。", "360000")
    assert {"工业软件先导区", "青岭科学城"} <= names(doc, "IndustrialPark")
    assert any(n.endswith("转型综改示范区") for n in names(doc, "IndustrialPark"))


def test_policy_zones_and_bids_are_not_parks(pipeline):
    doc = run(pipeline, "高质量发展建设共同富裕示范区。积极申建中国（甲省）自由贸易试验区。新增未来产业先导区10个。"
                        "争创国家新型工业化示范区。培育数字经济园中园。建设一批现代农业产业园。"
                        "推进甲乙两地一体化高质量发展示范区建设。", "330000")
    assert names(doc, "IndustrialPark") == set()


def test_develop_after_an_industry_stays_in_the_name(pipeline):
    doc = run(pipeline, "设立南丹稀有金属高质量发展综合试验区。加快建设文化和科技产业融合发展试验区。", "450000")
    parks = names(doc, "IndustrialPark")
    assert "南丹稀有金属高质量发展综合试验区" in parks
    assert "文化和科技产业融合发展试验区" in parks
    assert ("南丹稀有金属高质量发展综合试验区", "451221") in facts(doc, "locatedIn")


def test_places_listed_before_a_shared_suffix(pipeline):
    doc = run(pipeline, "四是抓好现代农牧业示范园区建设。抓好土右旗、九原区、固阳县现代农牧业示范园区建设。", "150200")
    parks = names(doc, "IndustrialPark")
    assert parks == {"土右旗现代农牧业示范园区", "九原区现代农牧业示范园区", "固阳县现代农牧业示范园区"}
    located = facts(doc, "locatedIn")
    assert ("九原区现代农牧业示范园区", "150207") in located
    assert ("固阳县现代农牧业示范园区", "150222") in located


def test_industries_listed_before_a_count_and_a_shared_suffix(pipeline):
    doc = run(pipeline, "着力打造钢铁深加工、装备制造和稀土新材料3个千亿元产业园区。", "150200")
    assert {"钢铁深加工产业园区", "装备制造产业园区", "稀土新材料产业园区"} <= names(doc, "IndustrialPark")


def test_regions_listed_before_a_count_and_a_product_base(pipeline):
    doc = run(pipeline, "做强济南、青岛、淄博3大机器人产业基地。", "370000")
    assert names(doc, "IndustrialPark") == {"济南机器人产业基地", "青岛机器人产业基地", "淄博机器人产业基地"}
    assert ("青岛机器人产业基地", "370200") in facts(doc, "locatedIn")
    assert {("济南机器人产业基地", "机器人"), ("青岛机器人产业基地", "机器人")} <= facts(doc, "hasIndustry")


def test_bracketed_place_belongs_to_the_name(pipeline):
    doc = run(pipeline, "增强综合性科学中心、西部（成都）科学城创新资源集聚能力。", "510000")
    assert "西部（成都）科学城" in names(doc, "IndustrialPark")


def test_described_base_is_no_park(pipeline):
    doc = run(pipeline, "打造国内领先的高性能碳纤维产业基地。", "140000")
    assert names(doc, "IndustrialPark") == set()


def test_park_industry_from_its_name_not_a_long_clause(pipeline):
    doc = run(pipeline, "做优冰雪旅游、康养旅游等产品，推进文旅融合，实施一批重大项目，加快建设晶石科创城。", "510000")
    has = facts(doc, "hasIndustry")
    assert not any(s == "晶石科创城" and "旅游" in o for s, o in has)


# -- family 10: regions ----------------------------------------------------------------------
def test_township_short_form_after_its_county(pipeline):
    doc = run(pipeline, "开工安吉孝丰抽水蓄能电站。", "330000")
    assert {"330523", "330523105"} <= names(doc, "Region") | {m.key for m in doc.mentions if m.kind == "Region"}


def test_township_short_form_at_a_route_end_and_before_a_site(pipeline):
    doc = run(pipeline, "新开工晏城至表白寺高速公路。完成双堠水库主体工程。", "370000")
    keys = {m.key for m in doc.mentions if m.kind == "Region"}
    assert {"371425001", "371425101", "371321103"} <= keys


def test_short_form_after_its_city_and_listed_short_forms(pipeline):
    doc = run(pipeline, "广州白云机场三期建成投用。苍梧、昭平等10个县区通了高速公路。", "450000")
    keys = {m.key for m in doc.mentions if m.kind == "Region"}
    assert {"440100", "440111", "451121"} <= keys


def test_common_word_forms_need_a_region_before_them(pipeline):
    doc = run(pipeline, "推进乡村振兴，港口集装箱吞吐量增长，天山北坡城市群空气质量提升，新建改建农村公路。", "650000")
    keys = {m.key for m in doc.mentions if m.kind == "Region"}
    assert not keys - {"650000"}


def test_common_word_form_listed_with_regions(pipeline):
    doc = run(pipeline, "金昌、庆阳、白银入选试点城市。黄金、白银、精炼铜产量增长。", "620000")
    white = [m for m in doc.mentions if m.kind == "Region" and m.key == "620400"]
    assert len(white) == 1


def test_township_short_form_that_is_a_verb(pipeline):
    doc = run(pipeline, "支持沈阳、盘锦建设无废城市，打通机场港口和铁路。", "210000")
    keys = {m.key for m in doc.mentions if m.kind == "Region"}
    assert all(len(k) == 6 for k in keys)  # no township


def test_a_refused_owner_leaves_no_fact(pipeline):
    doc = run(pipeline, "着力打造甲乙区钢铁物流、达茂白云口岸物流等五大基地。加快大同国家数据标注基地建设。", "150200")
    for f in doc.facts:
        for kind, key in (f.subject, f.object):
            if kind == "Enterprise":
                assert (kind, key) in doc.entities


# -- regional subsidiaries, brands beside companies, places before brands, named-again parks --
def test_a_group_before_a_subsidiary_place_word_is_the_regional_company(pipeline):
    doc = run(pipeline, "力促华电华北岚山30万千瓦风电工程顺利并网。", "150721")
    assert "华电华北" in names(doc, "Enterprise")
    assert any(e == "华电华北" for e, _ in facts(doc, "builds"))


def test_a_group_before_a_county_keeps_its_own_name(pipeline):
    doc = run(pipeline, "推动华电阿荣旗10兆瓦分散式风电项目开工建设。", "150721")
    assert "华电" in names(doc, "Enterprise")


def test_a_brand_before_a_product_beside_a_known_company_is_a_company(pipeline):
    doc = run(pipeline, "加快实施包铝高品质铝合金、沃岚铝板带箔等一批深加工项目。", "150200")
    assert "沃岚" in names(doc, "Enterprise")
    assert any(e == "沃岚" for e, _ in facts(doc, "builds"))


def test_a_county_before_a_brand_is_where_the_works_is(pipeline):
    doc = run(pipeline, "加快建设梅花三期、开鲁岚峤玉米生物等6个重点项目。", "150500")
    assert "岚峤" in names(doc, "Enterprise")


def test_a_generic_park_name_the_text_repeats_is_a_park(pipeline):
    doc = run(pipeline, "完善零碳产业园基础设施。以零碳产业园为试点，开展示范。", "150300")
    assert "零碳产业园" in names(doc, "IndustrialPark")


def test_a_verb_after_a_zone_ends_its_name(pipeline):
    doc = run(pipeline, "高新技术产业开发区列入全国开发区百强。", "150300")
    assert any(k.endswith("高新技术产业开发区") for k in names(doc, "IndustrialPark"))


def test_a_superlative_is_no_part_of_a_park_name(pipeline):
    doc = run(pipeline, "加快发展蒙药产业，建成全国最大现代蒙药产业园。", "150500")
    assert "现代蒙药产业园" in names(doc, "IndustrialPark")
