"""The division gazetteer: codes, hierarchy, short names, ambiguity."""
from __future__ import annotations

import pytest

from regionkg.extract.regions import RegionMatcher
from regionkg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def matcher(gaz):
    return RegionMatcher(gaz)


def test_levels_are_all_there(gaz):
    levels = {}
    for div in gaz.divisions.values():
        levels[div.level] = levels.get(div.level, 0) + 1
    assert levels["province"] == 34
    assert levels["prefecture"] > 330 and levels["county"] > 2800 and levels["township"] > 38000


@pytest.mark.parametrize(
    "code, name, level, parent",
    [
        ("150000", "内蒙古自治区", "province", None),
        ("150500", "通辽市", "prefecture", "150000"),
        ("150581", "霍林郭勒市", "county", "150500"),
        ("152500", "锡林郭勒盟", "prefecture", "150000"),
        ("110101", "东城区", "county", "110000"),
        ("150721100", "那吉镇", "township", "150721"),
    ],
)
def test_codes_names_levels_parents(gaz, code, name, level, parent):
    div = gaz.divisions[code]
    assert (div.name, div.level, div.parent) == (name, level, parent)


def test_hierarchy_up_to_the_province(gaz):
    assert gaz.ancestors("150581") == ["150500", "150000"]
    assert gaz.province("150721100") == "150000"
    assert gaz.is_within("150581", "150000") and not gaz.is_within("150000", "150581")


@pytest.mark.parametrize(
    "short, code",
    [("霍林郭勒", "150581"), ("科左中旗", "150521"), ("科右中旗", "152222"), ("锡盟", "152500"),
     ("内蒙古", "150000"), ("长白", "220623"), ("吉林", "220000")],
)
def test_short_forms_resolve(gaz, short, code):
    assert gaz.resolve(short) == code


def test_ambiguous_name_resolves_by_the_report_region_or_not_at_all(gaz, matcher):
    # 朝阳区 exists in 北京 and in 长春; 朝阳 alone names a city, districts and a county
    assert gaz.resolve("朝阳区") is None
    assert gaz.resolve("朝阳区", ["110000"]) == "110105"
    assert gaz.resolve("朝阳区", ["220100"]) == "220104"
    assert gaz.resolve("城关镇") is None
    assert matcher.matches("推进朝阳区改造。", None) == []
    assert [code for *_, code in matcher.matches("推进朝阳区改造。", "110000")] == ["110105"]


def test_region_matcher_finds_nested_names_and_pronouns(matcher):
    text = "通辽开鲁县建设风电。我市将推进科左中旗和霍林郭勒发展，全旗经济增长。"
    codes = [code for *_, code in matcher.matches(text, "150500")]
    assert codes == ["150500", "150523", "150521", "150581"]
    assert [code for *_, code in matcher.pronouns(text, "150500")] == ["150500"]
    # 全旗 needs a banner: from a 旗 report it is the report's own region
    assert [code for *_, code in matcher.pronouns("全旗经济", "150721")] == ["150721"]


def test_short_forms_inside_other_words_are_not_regions(matcher):
    assert matcher.matches("登上长白山顶。", None) == []          # 长白 is not 长白县 here
    assert matcher.matches("全面建成嫩江干流应急治理工程。", "220000") == []  # the river
    assert matcher.matches("规上工业总产值突破千亿大关。", "150581") == []
