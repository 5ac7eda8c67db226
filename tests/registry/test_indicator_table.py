"""data/registry/indicators.csv: its shape, and that every indicator printed in the three
indicator tables (and the prose phrases stating a number) resolves to exactly one row.

Expected printed names are read off the texts by a person and hard-coded below, each with the
1-based lines it was read from (unit bracket removed, white space removed, PDF wraps joined);
the tests also check that the text still says so.
"""
from __future__ import annotations

import csv
import re
from functools import cache

import pytest

from tests.conftest import ROOT, SOURCES

TABLE = ROOT / "data" / "registry" / "indicators.csv"
README = ROOT / "data" / "registry" / "README.md"
HEADER = ["id", "name_zh", "name_en", "unit", "category", "variants"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WHITESPACE = re.compile(r"\s+")
# The resolver tries a name as a suffix of a printed phrase only from this length on.
MIN_SUFFIX = 4

HY = "huaying_14th_fyp_service_system.txt"
YC = "yongchuan_2025_regional_center.txt"
WZ = "wanzhou_14th_fyp_health.txt"
SP = "shapingba_2025_service_system.txt"
YZ = "yuzhong_2024_work_measures.txt"


def norm(text: str) -> str:
    return WHITESPACE.sub("", text)


@cache
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def forms(row: dict[str, str]) -> list[str]:
    """name_zh and every variant, as compared (white space removed)."""
    variants = [v for v in (row["variants"] or "").split("|") if v.strip()]
    return [norm(row["name_zh"]), *(norm(v) for v in variants)]


@cache
def source_lines(file: str) -> list[str]:
    return (SOURCES / file).read_text(encoding="utf-8").split("\n")


def printed(file: str, first: int, last: int) -> str:
    return norm("".join(source_lines(file)[first - 1:last]))


def by_exact_name(name: str) -> list[str]:
    return [row["id"] for row in rows() if norm(name) in forms(row)]


def resolve(phrase: str) -> list[str]:
    """Ids a printed phrase resolves to: by exact name or variant, else by the longest name or
    variant (of at least MIN_SUFFIX characters) the phrase ends with."""
    key = norm(phrase)
    exact = by_exact_name(key)
    if exact:
        return exact
    hits = [(len(f), row["id"]) for row in rows() for f in forms(row)
            if len(f) >= MIN_SUFFIX and key.endswith(f)]
    if not hits:
        return []
    longest = max(length for length, _ in hits)
    return sorted({i for length, i in hits if length == longest})


def readme_categories() -> set[str]:
    line = next(ln for ln in README.read_text(encoding="utf-8").splitlines()
                if ln.startswith("| `indicators.csv`"))
    cell = re.search(r"`category` \(([^)]*)\)", line).group(1)
    return set(re.findall(r"`([a-z-]+)`", cell))


# ---------------------------------------------------------------------------------------------
# Every row of the three indicator tables: (file, first line, last line, name, unit as printed)
# ---------------------------------------------------------------------------------------------

TABLE_ROWS = [
    # 华蓥 表1 主要发展指标 (huaying…txt:33-192), 19 rows
    (HY, 52, 52, "专业公共卫生机构人员数", "万人"),
    (HY, 59, 59, "各级疾病预防控制机构标准化基础设施", ""),
    (HY, 66, 66, "二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例", "%"),  # printed （%)
    (HY, 73, 73, "乡镇卫生院和社区卫生服务中心设置发热诊室（门诊、哨点）比例", "%"),
    (HY, 84, 84, "每千人口医疗卫生机构床位数", "张"),
    (HY, 91, 91, "每千人口公立中医医院床位数", "张"),
    (HY, 98, 98, "每千人口执业（助理）医师数", "人"),
    (HY, 105, 105, "每千人口注册护士数", "人"),
    (HY, 112, 112, "每千人口药师（士）数", "人"),
    (HY, 119, 119, "每万人口全科医生数", "人"),
    (HY, 126, 126, "医护比", ""),
    (HY, 133, 133, "床人（卫生人员）比", ""),
    (HY, 140, 140, "每千人口中医类别执业（助理）医师数", "人"),
    (HY, 147, 147, "设置中医临床科室的二级以上公立综合医院比例", "%"),
    (HY, 154, 154, "设置中医馆的社区卫生服务中心和乡镇卫生院比例", "%"),
    (HY, 165, 165, "每千人口拥有3岁以下婴幼儿托位数", "个"),
    (HY, 172, 172, "二级及以上综合性医院设立老年医学科比例", "%"),
    (HY, 181, 181, "人均预期寿命", "岁"),
    (HY, 188, 188, "人均健康预期寿命", "岁"),
    # 永川 附件1 主要指标 (yongchuan…txt:58-276), 26 rows
    (YC, 72, 72, "人均期望寿命", "岁"),
    (YC, 80, 80, "婴儿死亡率", "‰"),
    (YC, 88, 88, "孕产妇死亡率", "/10万"),  # printed （/10 万）
    (YC, 96, 96, "居民健康素养水平", "%"),
    (YC, 104, 104, "15岁以上人群吸烟率", "%"),
    (YC, 112, 112, "城乡社区65岁以上老年人规范化健康管理覆盖率", "%"),
    (YC, 120, 120, "每千人口拥有3岁以下婴幼儿托位数", "个"),
    (YC, 128, 128, "基层医疗卫生机构诊疗量占总诊疗量的比例", "%"),
    (YC, 136, 136, "家庭医生签约服务全人群覆盖率", "%"),
    (YC, 144, 144, "高血压、糖尿病慢性病规范管理率", "%"),
    (YC, 152, 152, "区域内就诊率", "%"),
    (YC, 160, 160, "三甲医院区外来永就医患者占比", "%"),
    (YC, 168, 168, "每千人口拥有执业（助理）医师数", "人"),  # printed …（助理） 医师数
    (YC, 176, 176, "每千人口注册护士数", "人"),
    (YC, 184, 184, "每万人口全科医师数", "人"),
    (YC, 192, 192, "每千人口医疗卫生机构床位数", "张"),
    (YC, 200, 200, "每千人口公共卫生人员数", "人"),
    (YC, 208, 208, "国家级重点学（专）科数", "个"),
    (YC, 216, 216, "国家级优势学（专）科数", "个"),
    (YC, 224, 224, "市级重点学（专）科数", "个"),
    (YC, 232, 232, "公立医院医疗服务收入（不含药品、耗材、检查化验收入）占医疗收入的比例", "%"),
    (YC, 240, 240, "公立医院资产负债率", "%"),
    (YC, 248, 248, "门诊次均费用增幅", "%"),
    (YC, 256, 256, "住院次均费用增幅", "%"),
    (YC, 264, 264, "公立医院门诊患者满意度", "分"),
    (YC, 272, 272, "公立医院住院患者满意度", "分"),
    # 万州 表1 主要指标 (wanzhou…txt:570-690), 23 rows; wrapped names joined
    (WZ, 585, 585, "人均预期寿命", "岁"),
    (WZ, 587, 587, "健康预期寿命", "岁"),
    (WZ, 602, 602, "孕产妇死亡率", "/10万"),
    (WZ, 604, 604, "婴儿死亡率", "‰"),
    (WZ, 606, 606, "5岁以下儿童死亡率", "‰"),
    (WZ, 608, 608, "重大慢性病过早死亡率", "%"),
    (WZ, 610, 611, "城乡居民达到《国民体质测定标准》合格以上的人数比例", "%"),
    (WZ, 618, 618, "居民健康素养水平", "%"),
    (WZ, 620, 620, "经常参加体育锻炼人数比例", "%"),
    (WZ, 622, 622, "15岁以上人群吸烟率", "%"),
    (WZ, 627, 627, "每千人口执业（助理）医师数", "人"),
    (WZ, 629, 629, "每百张床位临床药师数", "人"),
    (WZ, 631, 631, "每千人口拥有3岁以下婴幼儿托位数", "个"),  # printed 每千人口拥有 3岁…
    (WZ, 633, 633, "全区儿童青少年总体近视率", "%"),
    (WZ, 635, 636, "二级以上综合性医院设置老年医学科的比例", "%"),
    (WZ, 640, 640, "万元收入能耗支出", "元"),
    (WZ, 642, 643, "三级公立医院卫生技术人员人均科研经费", "元"),
    (WZ, 647, 648, "三级公立中医医院患者中药饮片使用率", "%"),  # sub-rows 门诊 650 / 住院 652
    (WZ, 657, 657, "城市空气质量优良天数比率", "%"),
    (WZ, 659, 659, "地表水达到或好于Ⅲ类水体比例", "%"),
    (WZ, 666, 666, "个人卫生支出占卫生总费用的比重", "%"),
    (WZ, 670, 671, "政策范围内住院费用支付比例", "%"),  # sub-row 城镇职工医保 673-674
    (WZ, 679, 680, "政策范围内住院费用支付比例", "%"),  # sub-row 城乡居民医保 682-683
    (WZ, 690, 690, "健康服务业总规模", "亿元"),
]

TABLE_IDS = [f"{file.split('_')[0]}:{first}-{name}" for file, first, _, name, _ in TABLE_ROWS]


# ---------------------------------------------------------------------------------------------
# Prose phrases stated with a number: (file, first line, last line, phrase as printed, row id)
# The phrase is the noun phrase before the comparator verb, or the noun after a count.
# ---------------------------------------------------------------------------------------------

PROSE = [
    # 沙坪坝 tasks
    (SP, 20, 20, "全区建成甲级基层医疗机构的比例", "grade-a-primary-institution-rate"),  # 不低于70%
    (SP, 20, 20, "建成社区医院的社区卫生服务中心比例", "community-hospital-centre-rate"),  # 45%以上
    (SP, 21, 21, "常备背囊化卫生应急队", "backpack-emergency-teams"),  # 建立6支
    (SP, 23, 23, "申报立项市级临床（中医）重点专科", "municipal-clinical-tcm-key-specialties"),  # 3-5个
    (SP, 23, 23, "重大慢性病防治中心", "chronic-disease-prevention-centres"),  # 8个
    (SP, 25, 25, "区级医疗质量控制中心", "district-quality-control-centres"),  # 现有38个
    (SP, 29, 29, "红岩家医服务站", "hongyan-family-doctor-stations"),  # 90个
    (SP, 29, 29, "全区家庭医生签约服务重点人群覆盖率", "family-doctor-coverage-key-groups"),  # 85%
    (SP, 30, 30, "护理院（中心）", "nursing-homes"),  # 至少2所
    (SP, 30, 30, "设立老年医学科", "geriatrics-department-rate"),  # 100%设立
    (SP, 32, 32, "示范中医馆达标率", "model-tcm-hall-compliance-rate"),  # 15% (see DISTRIBUTED)
    (SP, 33, 33, "“一站式”服务中心建设", "one-stop-service-centre-rate"),  # 100%完成
    (SP, 33, 33, "预约后平均等待时长", "appointment-waiting-time"),  # 30分钟以内
    # 渝中 tasks
    (YZ, 21, 21, "全区建成甲级中心", "grade-a-community-health-centres"),  # 5个
    (YZ, 21, 21, "社区医院", "community-hospitals"),  # 至少建成2个
    (YZ, 23, 23, "区级背囊化卫生应急队伍", "backpack-emergency-teams"),  # 4支
    (YZ, 25, 25, "区级临床重点专科", "district-clinical-key-specialties"),  # 10个以上
    (YZ, 25, 25, "培育新增市级临床重点专科", "new-municipal-clinical-key-specialties"),  # 1个以上
    (YZ, 25, 25, "新增市级及以上中医专科", "new-municipal-tcm-specialties"),  # 2个及以上
    (YZ, 25, 25, "市级公共卫生重点专科", "municipal-public-health-key-specialties"),  # 5个
    (YZ, 26, 26, "引进紧缺卫生专业技术人才", "recruited-shortage-professionals"),  # 200名
    (YZ, 26, 26, "遴选学术技术带头人", "academic-technical-leaders"),  # 10名
    (YZ, 26, 26, "培育青年骨干人才", "young-backbone-talent"),  # 30名
    (YZ, 26, 26, "每千人口执业（助理）医师数", "licensed-physicians-per-1000"),  # 不低于13人
    (YZ, 26, 26, "每千人口注册护士数", "registered-nurses-per-1000"),  # 不低于21人
    (YZ, 26, 26, "每百张床位临床药师数", "clinical-pharmacists-per-100-beds"),  # 达1人
    (YZ, 26, 26, "新增青年“巴渝岐黄”学者", "young-bayu-qihuang-scholars"),  # 1名
    (YZ, 26, 26, "新增区名中医", "district-famous-tcm-doctors"),  # 6名
    (YZ, 26, 26, "新建区名中医工作室", "district-famous-tcm-doctor-studios"),  # 2个
    (YZ, 27, 27, "区级医疗质量控制中心", "district-quality-control-centres"),  # 30个
    (YZ, 27, 27, "区属公立医疗机构处方前置审核", "prescription-pre-review-coverage"),  # 100%全覆盖
    (YZ, 28, 28, "探索改良或新增中药院内制剂", "in-hospital-tcm-preparations"),  # 2种以上
    (YZ, 30, 30, "二级及以上医院执业医师到基层医疗机构服务", "physicians-sent-to-primary-care"),  # 70名
    (YZ, 31, 31, "全区家庭医生签约服务重点人群覆盖率", "family-doctor-coverage-key-groups"),  # 81%
    (YZ, 32, 32, "全区二级以上综合性医院老年医学科设立比例", "geriatrics-department-rate"),  # 100%
    (YZ, 32, 32, "老年友善医疗机构比例", "age-friendly-institution-rate"),  # 90%
    (YZ, 34, 34, "精品中医馆", "premium-tcm-halls"),  # 分别达到5个
    (YZ, 34, 34, "示范中医馆", "model-tcm-halls"),  # 1个
    (YZ, 42, 42, "医疗服务调价评估", "price-adjustment-evaluations-per-year"),  # 每年开展1次
    (YZ, 43, 43, "4家公立医院薪酬制度改革", "salary-reform-coverage"),  # 实现100%全覆盖
    # 渝中 附件 2023年情况 cells
    (YZ, 70, 70, "全区现有社区医院", "community-hospitals"),  # 1家
    (YZ, 70, 70, "甲级中心", "grade-a-community-health-centres"),  # 3家
    (YZ, 70, 70, "社区卫生服务中心", "community-health-centres"),  # 11家
    (YZ, 70, 70, "区政府举办的中心", "government-run-community-health-centres"),  # 8家
    (YZ, 70, 70, "现有社区卫生服务站", "community-health-stations"),  # 16个
    (YZ, 70, 70, "护理站", "nursing-stations"),  # 6个
    (YZ, 82, 82, "区级背囊化卫生应急队伍", "backpack-emergency-teams"),  # 4支
    (YZ, 91, 91, "区级临床重点专科建设项目", "district-clinical-key-specialty-projects"),  # 9个
    (YZ, 91, 91, "市级公共卫生重点专科", "municipal-public-health-key-specialties"),  # 3个
    (YZ, 97, 97, "卫生专业技术人员、管理人员", "recruited-professionals-and-managers"),  # 89人
    (YZ, 97, 97, "研究生或副高以上高层次人才", "recruited-high-level-talent"),  # 34人
    (YZ, 97, 97, "博士后进入博士后科研工作站", "postdoctoral-researchers"),  # 1名
    (YZ, 97, 97, "每千人口执业（助理）医师数", "licensed-physicians-per-1000"),  # 13.02人
    (YZ, 97, 97, "每千人口注册护士数", "registered-nurses-per-1000"),  # 20.97人
    (YZ, 97, 97, "每百张床位临床药师数", "clinical-pharmacists-per-100-beds"),  # 0.7人
    (YZ, 103, 103, "区级医疗质量控制中心", "district-quality-control-centres"),  # 19个
    (YZ, 109, 109, "年度完成成果转化", "annual-technology-transfers"),  # 5项
    (YZ, 118, 118, "执业医师到基层医疗机构服务", "physicians-sent-to-primary-care"),  # 18名
    (YZ, 124, 124, "“3+X”家庭医生服务团队", "family-doctor-teams"),  # 65个
    (YZ, 124, 124, "2023全年更新档案", "health-records-updated"),  # 21万余份
    (YZ, 124, 124, "重点人群签约覆盖率", "family-doctor-coverage-key-groups"),  # 80%以上
    (YZ, 130, 130, "护理院", "nursing-homes"),  # 1所
    (YZ, 130, 130, "二级以上综合医院（除市属）老年医学科设立比例", "geriatrics-department-rate"),  # 100%
    (YZ, 142, 142, "重庆市精品中医馆", "premium-tcm-halls"),  # 2个
    (YZ, 142, 142, "名中医药专家传承工作室", "tcm-expert-inheritance-studios"),  # 12个
    (YZ, 142, 142, "传承传统医药类非物质文化遗产", "tcm-intangible-heritage-items"),  # 11项
    (YZ, 142, 142, "市中医药文化进校园示范学校", "tcm-culture-model-schools"),  # 1家
    (YZ, 142, 142, "培育学校", "tcm-culture-cultivation-schools"),  # 2家
    (YZ, 148, 148, "市级老年友善医疗机构", "municipal-age-friendly-institutions"),  # 11家、6家
    (YZ, 148, 148, "市级“平安医院”", "municipal-safe-hospitals"),  # 5家
    (YZ, 148, 148, "区级“平安医院”", "district-safe-hospitals"),  # 1家
    # 永川 总体要求及目标
    (YC, 21, 21, "高质量区域医疗中心", "high-quality-regional-medical-centres"),  # 6个
    (YC, 22, 22, "区域内就诊率", "in-region-treatment-rate"),  # 94%以上
    (YC, 22, 22, "三甲医院区外来永就医患者占比", "out-of-district-patient-share-grade-3a"),  # 30%
    (YC, 23, 23, "每千人口拥有执业（助理）医师数", "licensed-physicians-per-1000"),  # 3.7人
    (YC, 23, 23, "注册护士数", "registered-nurses-per-1000"),  # 4.8人 (prefix shared with A)
    (YC, 23, 23, "国家级重点专科", "national-key-specialties"),  # 3个
    (YC, 23, 23, "国家级中医优势专科", "national-tcm-advantage-specialties"),  # 10个
    (YC, 23, 23, "市级重点学科专科", "municipal-key-specialties"),  # 55个
    (YC, 24, 24, "基层诊疗量占比", "primary-care-visit-share"),  # 64%
    (YC, 24, 24, "城乡社区65岁及以上老年人规范化健康管理覆盖率",
     "elderly-standardised-health-management-coverage"),  # 68%
    (YC, 24, 24, "家庭医生签约服务全人群覆盖率", "family-doctor-coverage-all"),  # 60%
    (YC, 25, 25, "居民健康素养水平", "health-literacy-level"),  # 40.5%
    (YC, 25, 25, "慢性病规范管理率", "chronic-disease-standardised-management-rate"),  # 超过79%
    (YC, 25, 25, "人均期望寿命", "life-expectancy"),  # 80岁以上
    # 永川 tasks and 附件2 具体内容
    (YC, 29, 29, "危重症患者就地救治", "critical-patients-local-treatment-rate"),  # 90%以上
    (YC, 35, 35, "每千常住人口拥有床位数", "hospital-beds-per-1000"),  # 7.5张以内
    (YC, 306, 306, "基层诊疗量占比", "primary-care-visit-share"),  # 65%
    (YC, 312, 312, "建成基层中医药专家传承工作室", "primary-tcm-expert-inheritance-studios"),  # 23个
    (YC, 312, 312, "市级以上名中医传承工作室", "municipal-famous-tcm-inheritance-studios"),  # 8个
    (YC, 318, 318, "检测检验项目", "cdc-testing-items"),  # 2000项以上
    (YC, 324, 324, "每千常住人口床位数", "hospital-beds-per-1000"),  # 7.5张以内
    (YC, 324, 324, "累计建成中心村卫生室", "village-central-clinics"),  # 60个
    (YC, 330, 330, "辖区二级及以上综合性医院老年医学科设立比例", "geriatrics-department-rate"),  # 90%
    (YC, 330, 330, "每千人口托位数", "childcare-places-per-1000"),  # 4.6个
    (YC, 336, 336, "国家级重点专科", "national-key-specialties"),  # 累计达到3个
    (YC, 336, 336, "国家级中医优势专科", "national-tcm-advantage-specialties"),  # 10个
    (YC, 336, 336, "市级重点学科专科", "municipal-key-specialties"),  # 55个
    (YC, 342, 342, "新增省级以上科研平台", "new-provincial-research-platforms"),  # 1个
    (YC, 342, 342, "引培医学领航人才", "medical-pioneer-talent"),  # 1名
    (YC, 342, 342, "引培重庆市医学领军人才", "chongqing-medical-leading-talent"),  # 4名
    (YC, 342, 342, "专家工作室", "primary-care-expert-studios"),  # 至少设置1个
    (YC, 354, 354, "智慧诊疗服务覆盖", "smart-diagnosis-coverage-tertiary-hospitals"),  # 100%
    (YC, 354, 354, "互联网医院", "internet-hospitals"),  # 5家、6家
    (YC, 366, 366, "三级公立医院平均住院日", "tertiary-public-hospital-average-stay"),  # 7.7天
    (YC, 372, 372, "公立医院医疗服务收入占比", "medical-service-revenue-share"),  # 45%
    (YC, 372, 372, "管理费用占公立医院费用总额的比重", "admin-cost-share"),  # 9%以内
    (YC, 372, 372, "公立医院资产负债率", "public-hospital-debt-ratio"),  # ≤27.5%
    (YC, 378, 378, "公立医院人员薪酬中稳定收入的比例", "stable-income-share-of-pay"),  # 55%
    # 华蓥 主要目标, 资源配置
    (HY, 26, 26, "二级以上综合医院设置感染性疾病科比例", "infectious-disease-department-rate"),  # 100%
    (HY, 29, 29, "社区卫生服务中心和建制乡镇卫生院设置中医馆", "tcm-hall-primary-institution-rate"),
    (HY, 208, 208, "每千人口医疗卫生机构床位数的预期性指标", "hospital-beds-per-1000"),  # 5.93—6.22张
    (HY, 208, 208, "其中公立医院", "public-hospital-beds-per-1000"),  # 3.6张左右
    (HY, 208, 208, "县级综合医院单体规模床位数量", "county-general-hospital-bed-scale"),  # 600—1000张
    (HY, 210, 213, "编制床位配置", "allocated-beds"),  # 表2
    (HY, 372, 372, "每千人口重症床位数", "icu-beds-per-1000"),  # 0.13张
    (HY, 372, 372, "每千人口康复病床", "rehabilitation-beds-per-1000"),  # 0.37张
    (HY, 372, 372, "每千人口精神科床位数", "psychiatric-beds-per-1000"),  # 0.92张
    (HY, 372, 372, "每千人口公立中医医院床位数", "public-tcm-hospital-beds-per-1000"),  # 0.62张
    (HY, 373, 373, "床人（卫生人员）比的预期性指标", "bed-staff-ratio"),  # 1:1.29
    (HY, 373, 373, "三级医院平均住院日", "tertiary-hospital-average-stay"),  # 8天以内
    (HY, 373, 373, "公立综合医院床位使用率", "public-general-hospital-bed-occupancy"),  # 低于75%
    (HY, 377, 377, "专业公共卫生机构人员数", "public-health-institution-staff"),  # 增至130人
    (HY, 377, 377, "卫生监督员", "health-supervisors-per-10000"),  # 每万人口1名
    (HY, 377, 377, "妇幼保健机构保健人员", "mch-staff-per-10000"),  # 每万人口1名
    (HY, 377, 377, "公共卫生医师", "public-health-physicians-per-institution"),  # 至少1名
    (HY, 378, 378, "每千人口执业（助理）医师数", "licensed-physicians-per-1000"),  # 2.7人
    (HY, 378, 378, "其中中医类别", "tcm-physicians-per-1000"),  # 0.72人
    (HY, 378, 378, "每千人口注册护士数", "registered-nurses-per-1000"),  # 3.2人
    (HY, 378, 378, "每万人口全科医生数", "general-practitioners-per-10000"),  # 4人
    (HY, 378, 378, "每千人口药师（士）数", "pharmacists-per-1000"),  # 0.3人
    # 华蓥 prose targets further on
    (HY, 208, 208, "公立医院", "public-hospital-beds-per-1000"),  # 其中公立医院3.6张左右
    # l.373 "公立综合医院床位使用率低于75%、平均住院日高于9天": 公立综合医院 printed once
    (HY, 373, 373, "平均住院日", "public-general-hospital-average-stay"),  # 高于9天
    (HY, 398, 398, "生物安全二级水平实验室", "biosafety-level-2-laboratories"),  # 4个
    (HY, 398, 398, "专业技术人员占编制总额的比例", "cdc-professional-staff-share"),  # ≥85%
    (HY, 398, 398, "卫生技术人员的比例", "cdc-health-technician-share"),  # ≥70%
    (HY, 430, 430, "可开放床位", "epidemic-surge-infectious-disease-beds"),  # ≥50张
    (HY, 447, 447, "在疫情发生时迅速开放传染病病床集中收治床位",
     "epidemic-surge-infectious-disease-beds"),  # ≥50张
    (HY, 460, 460, "达到二级综合医院标准的县域医疗卫生次中心",
     "county-sub-centres-secondary-standard"),  # 2个
    (HY, 460, 460, "每个村卫生室配备执业乡村医生", "village-doctors-per-village-clinic"),  # ≥1人
    (HY, 464, 464, "基层临床特色科室", "primary-clinical-specialty-departments"),  # 2个
    (HY, 471, 471, "基层临床特色科室", "primary-clinical-specialty-departments"),  # 2个
    (HY, 480, 480, "县级临床重点专科", "county-clinical-key-specialties"),  # 6个
    (HY, 480, 480, "二级科室设置率", "county-hospital-second-level-department-rate"),  # 80%
    (HY, 487, 487, "县级临床重点专科", "county-clinical-key-specialties"),  # 6个
    (HY, 520, 520, "市级重点专科（专病）", "municipal-key-specialties-diseases"),  # 1个
    (HY, 522, 522, "100%的社区卫生服务中心和乡镇卫生院中医类别医师占同类机构医师总数比例",
     "tcm-physician-share-primary-centres"),  # 25%以上
    (HY, 530, 530, "100%的社区卫生服务中心和乡镇卫生院中医类别医师占同类机构医师总数比例",
     "tcm-physician-share-primary-centres"),  # 25%以上
    (HY, 554, 554, "承担指导功能的示范性婴幼儿托育服务指导中心",
     "model-childcare-guidance-centres"),  # 1个
    (HY, 568, 568, "承担指导功能的示范性婴幼儿托育服务指导中心",
     "model-childcare-guidance-centres"),  # 1个
    (HY, 570, 570, "二级及以上综合性医院设立老年医学科的比例", "geriatrics-department-rate"),  # 100%
    (HY, 576, 576, "专业技术人员占科（室）人员编制总额的比例",
     "occupational-health-section-professional-staff-share"),  # ≥85％
    (HY, 576, 576, "工程技术人员占专业技术人员的比例",
     "occupational-health-section-engineer-share"),  # ≥10％
    (HY, 595, 595, "心理健康服务工作人员", "mental-health-workers-per-primary-centre"),  # ≥1名
    (HY, 642, 642, "具有较高水平现场流行病学调查能力的骨干人才",
     "cdc-field-epidemiology-backbone-talent"),  # ≥1名
    (HY, 657, 657, "二星智慧医院", "smart-hospitals-two-star"),  # 2家及以上
    (HY, 657, 657, "市人民医院电子病历系统应用水平分级评价", "emr-application-level"),  # 4级以上
    (HY, 667, 667, "二星及以上智慧医院", "smart-hospitals-two-star"),  # 2家
    (HY, 667, 667, "市人民医院电子病历系统应用水平分级评价", "emr-application-level"),  # 4级以上
    # 万州 发展目标
    (WZ, 538, 540, "人均预期寿命", "life-expectancy"),  # 人\n均预期寿命达到 79岁
    (WZ, 540, 540, "婴儿死亡率", "infant-mortality-rate"),  # 小于3.5‰
    (WZ, 542, 542, "孕产妇死亡率", "maternal-mortality-rate"),  # 小于 10/10万
    (WZ, 542, 544, "居民健康素养水平", "health-literacy-level"),  # 居民健\n康素养水平达到 30%
    (WZ, 550, 550, "重大慢性病过早死亡率", "premature-mortality-major-chronic-diseases"),  # 13.5%
    # 万州 prose targets further on; wrapped phrases joined
    (WZ, 839, 839, "适龄儿童免疫规划疫苗接种率", "immunisation-programme-vaccination-rate"),  # 95%
    (WZ, 880, 880, "二级以上综合医院精神（心理）科设置率", "psychiatry-department-rate"),  # 60%
    (WZ, 882, 882, "登记在册精神分裂症服药率", "registered-schizophrenia-medication-rate"),  # 85%
    (WZ, 882, 884, "严重精神障碍患者规范管理率", "severe-mental-disorder-management-rate"),  # 95%
    (WZ, 890, 890, "居民心理健康素养水平", "mental-health-literacy-level"),  # 40%
    (WZ, 911, 911, "工作场所职业病危害因素监测合格率",
     "workplace-occupational-hazard-monitoring-pass-rate"),  # 85%以上
    (WZ, 917, 919, "尘肺病患者集中乡镇的尘肺病康复站覆盖率",
     "pneumoconiosis-rehabilitation-station-coverage"),  # 90%以上
    (WZ, 1056, 1056, "二级以上综合医院设立老年医学科比例", "geriatrics-department-rate"),  # ≥60%
    (WZ, 1240, 1240, "城区户籍人口自然增长率", "urban-registered-population-natural-growth-rate"),
    (WZ, 1411, 1411, "养老机构护理型床位占比", "nursing-bed-share-elderly-care-institutions"),
    (WZ, 1438, 1440, "博士及以上高层次医学人才", "recruited-doctoral-medical-talent"),  # 50名
    (WZ, 1550, 1550, "国家临床重点专科", "new-national-clinical-key-specialties"),  # 新增…2—3个
]

# "A、B分别…" lists whose members share a printed prefix or suffix: (file, line, list as printed,
# shared prefix, shared suffix, row ids in order). Each member, completed, resolves to its row.
DISTRIBUTED = [
    # sp:32 精品中医馆、示范中医馆达标率分别不低于35%、15%
    (SP, 32, "精品中医馆、示范中医馆达标率", "", "达标率",
     ["premium-tcm-hall-compliance-rate", "model-tcm-hall-compliance-rate"]),
    # yz:34 精品中医馆、示范中医馆分别达到5个、1个
    (YZ, 34, "精品中医馆、示范中医馆", "", "", ["premium-tcm-halls", "model-tcm-halls"]),
    # yc:23 每千人口拥有执业（助理）医师数、注册护士数分别达到3.7人、4.8人
    (YC, 23, "每千人口拥有执业（助理）医师数、注册护士数", "每千人口拥有", "",
     ["licensed-physicians-per-1000", "registered-nurses-per-1000"]),
    # hy:480 一、二级科室设置率力争分别达到90%、80%以上
    (HY, 480, "一、二级科室设置率", "", "级科室设置率",
     ["county-hospital-first-level-department-rate", "county-hospital-second-level-department-rate"]),
]

PROSE_IDS = [f"{file.split('_')[0]}:{first}-{phrase}" for file, first, _, phrase, _ in PROSE]

# One quantity printed under two names: must be one row.
SAME = [
    ("人均预期寿命", "人均期望寿命"),  # hy:181, wz:585 / yc:72
    ("健康预期寿命", "人均健康预期寿命"),  # wz:587 / hy:188
    ("每千人口执业（助理）医师数", "每千人口拥有执业（助理）医师数"),  # hy:98, wz:627 / yc:168
    ("每万人口全科医生数", "每万人口全科医师数"),  # hy:119 / yc:184
    ("每千人口医疗卫生机构床位数", "每千常住人口拥有床位数"),  # yc:192 (7.5 in 2030) / yc:35 (7.5)
    ("每千人口医疗卫生机构床位数", "每千常住人口床位数"),  # yc:324
    ("二级及以上综合性医院设立老年医学科比例", "二级以上综合性医院设置老年医学科的比例"),  # hy:172 / wz:635
    ("二级以上综合医院（含中医医院，下同）设置感染性疾病科的比例",
     "二级以上综合医院设置感染性疾病科比例"),  # hy:66 / hy:26
    ("基层医疗卫生机构诊疗量占总诊疗量的比例", "基层诊疗量占比"),  # yc:128 ≥64/≥65 / yc:24 64%, 65%
    ("高血压、糖尿病慢性病规范管理率", "慢性病规范管理率"),  # yc:144 ≥79/≥80 / yc:25 79%, 80%
    ("国家级重点学（专）科数", "国家级重点专科"),  # yc:208 3 in 2030 / yc:23, 336: 3个
    ("国家级优势学（专）科数", "国家级中医优势专科"),  # yc:216 10 / yc:23, 336: 10个
    ("市级重点学（专）科数", "市级重点学科专科"),  # yc:224 55 / yc:23, 336: 55个
    ("每千人口拥有3岁以下婴幼儿托位数", "每千人口托位数"),  # yc:120 4.6 in 2030 / yc:330 4.6个
    ("家庭医生签约服务重点人群覆盖率", "重点人群签约覆盖率"),  # sp:29, yz:31 / yz:124
    ("二级及以上综合性医院设立老年医学科比例", "二级及以上综合性医院设立老年医学科的比例"),  # hy:570
    ("二级及以上综合性医院设立老年医学科比例", "二级以上综合医院设立老年医学科比例"),  # wz:1056
    ("每千人口公立医院床位数", "公立医院"),  # hy:208 其中公立医院3.6张左右
    ("公立综合医院平均住院日", "平均住院日"),  # hy:373
    # hy:430 (…集中收治前提下，可开放床位不低于50张) / hy:447 (…集中收治床位不低于50张)
    ("可开放床位", "在疫情发生时迅速开放传染病病床集中收治床位"),
    ("二星智慧医院", "二星及以上智慧医院"),  # hy:657 2家及以上二星 / hy:667 2家二星及以上
]

# Close names of different quantities: must stay apart.
APART = [
    ("家庭医生签约服务重点人群覆盖率", "家庭医生签约服务全人群覆盖率"),
    ("人均预期寿命", "健康预期寿命"),
    ("每千人口执业（助理）医师数", "每千人口中医类别执业（助理）医师数"),
    ("每千人口医疗卫生机构床位数", "每千人口公立中医医院床位数"),
    ("每千人口医疗卫生机构床位数", "每千人口公立医院床位数"),
    ("专业公共卫生机构人员数", "每千人口公共卫生人员数"),
    ("婴儿死亡率", "5岁以下儿童死亡率"),
    ("精品中医馆数", "精品中医馆达标率"),
    ("甲级社区卫生服务中心数", "甲级基层医疗机构比例"),
    ("社区医院数", "建成社区医院的社区卫生服务中心比例"),
    ("三级医院平均住院日", "三级公立医院平均住院日"),
    ("市级临床（中医）重点专科数", "新增市级临床重点专科数"),
    ("市级临床（中医）重点专科数", "市级重点学（专）科数"),
    ("区级临床重点专科数", "区级临床重点专科建设项目数"),
    ("引进紧缺卫生专业技术人才数", "引进卫生专业技术人员和管理人员数"),
    ("名中医药专家传承工作室数", "基层中医药专家传承工作室数"),
    ("老年友善医疗机构比例", "市级老年友善医疗机构数"),
    ("县级临床重点专科数", "区级临床重点专科数"),  # hy:480 (四川 county level) / yz:25
    ("市级重点专科（专病）数", "市级重点学（专）科数"),  # hy:520 (广安/华蓥) / yc:224 (重庆市)
    ("市级重点专科（专病）数", "市级临床（中医）重点专科数"),  # hy:520 / sp:23 (重庆市)
    ("新增国家临床重点专科数", "国家级重点学（专）科数"),  # wz:1550 new / yc:208 cumulative
    ("疾病预防控制中心专业技术人员占编制总额的比例",
     "职业病监测评估科（室）专业技术人员占科（室）人员编制总额的比例"),  # hy:398 / hy:576
    ("疾病预防控制中心专业技术人员占编制总额的比例",
     "疾病预防控制中心卫生技术人员占编制总额的比例"),  # hy:398 85% / 70%
    ("居民心理健康素养水平", "居民健康素养水平"),
    ("引进博士及以上高层次医学人才数", "引进研究生或副高以上高层次人才数"),  # wz:1438 / yz:97
    ("公立综合医院平均住院日", "三级医院平均住院日"),
    ("公立综合医院平均住院日", "三级公立医院平均住院日"),
    ("严重精神障碍患者规范管理率", "高血压、糖尿病慢性病规范管理率"),
    ("二级以上综合医院精神（心理）科设置率", "二级以上综合医院设置感染性疾病科的比例"),
]


# ---------------------------------------------------------------------------------------------
# Shape


def test_header_is_exact():
    with TABLE.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == HEADER


def test_every_row_has_every_column():
    for row in rows():
        assert None not in row, f"extra cells in {row}"
        assert all(row[c] is not None for c in HEADER), f"missing cells in {row}"
        assert row["id"] and row["name_zh"] and row["name_en"] and row["category"], row


def test_ids_are_unique_ascii_slugs():
    ids = [row["id"] for row in rows()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert [i for i in ids if not (i.isascii() and SLUG.match(i))] == []


def test_no_name_or_variant_in_two_rows():
    owner: dict[str, str] = {}
    clashes = []
    for row in rows():
        for form in set(forms(row)):
            if form in owner:
                clashes.append((form, owner[form], row["id"]))
            owner[form] = row["id"]
    assert clashes == []


def test_no_variant_repeats_its_own_name():
    assert [row["id"] for row in rows() if len(forms(row)) != len(set(forms(row)))] == []


# Forms allowed to end other rows' forms, each because a plan prints the quantity bare after its
# subject was printed once for a "、" list: (row id, form) → where. The longer forms it ends keep
# resolving to their own rows by exact name (PROSE, APART).
SUFFIX_EXCEPTIONS = {
    # hy:373 "公立综合医院床位使用率低于75%、平均住院日高于9天"; it ends 三级医院平均住院日 and
    # 三级公立医院平均住院日
    ("public-general-hospital-average-stay", "平均住院日"): (HY, 373),
}


def suffix_pairs() -> list[tuple[str, str, str, str]]:
    pairs = []
    for a in rows():
        for b in rows():
            if a["id"] == b["id"]:
                continue
            for fa in forms(a):
                for fb in forms(b):
                    if len(fa) >= MIN_SUFFIX and fb.endswith(fa):
                        pairs.append((a["id"], fa, b["id"], fb))
    return pairs


def test_no_row_name_is_a_suffix_of_another_rows_name():
    """A shorter form ending another row's form would make suffix resolution depend on length
    alone; keep the table free of that, but for the listed exceptions."""
    assert [p for p in suffix_pairs() if (p[0], p[1]) not in SUFFIX_EXCEPTIONS] == []


def test_suffix_exceptions_are_needed_and_printed():
    needed = {(p[0], p[1]) for p in suffix_pairs()}
    for (row_id, form), (file, line) in SUFFIX_EXCEPTIONS.items():
        assert (row_id, form) in needed, f"{form}: no longer ends another row's form; drop it"
        assert form in forms(next(r for r in rows() if r["id"] == row_id))
        assert form in printed(file, line, line)


def test_no_extracted_phrase_resolves_through_a_suffix_exception():
    """An excepted bare form must match its own printed phrase exactly, never a longer one."""
    from kg.extract import extract_file

    records = [extract_file(SOURCES / file) for file in (HY, YC, WZ, SP, YZ)]
    phrases = {norm(v.indicator) for r in records for v in [*r.targets, *r.baselines]
               if v.indicator}
    excepted = {form for _, form in SUFFIX_EXCEPTIONS}
    assert sorted(p for p in phrases for f in excepted if p != f and p.endswith(f)
                  and not by_exact_name(p)) == []


def test_categories_come_from_the_readme():
    allowed = readme_categories()
    assert len(allowed) == 13
    assert [(row["id"], row["category"]) for row in rows() if row["category"] not in allowed] == []


def test_names_carry_no_unit_bracket_and_no_white_space():
    units = re.compile(r"（(?:%|‰|/10万|人|张|个|岁|分|元|万人|亿元)）$|\((?:%|‰)\)$")
    for row in rows():
        for form in [row["name_zh"], *row["variants"].split("|")]:
            assert not WHITESPACE.search(form), (row["id"], form)
            assert not units.search(form), (row["id"], form)


# ---------------------------------------------------------------------------------------------
# The three indicator tables


def test_table_lists_have_their_printed_row_counts():
    count = {HY: 0, YC: 0, WZ: 0}
    for file, *_ in TABLE_ROWS:
        count[file] += 1
    # 万州 row 22 is printed twice (one line per sub-row)
    assert count == {HY: 19, YC: 26, WZ: 24}


@pytest.mark.parametrize(("file", "first", "last", "name", "unit"), TABLE_ROWS, ids=TABLE_IDS)
def test_table_name_is_printed_where_cited(file, first, last, name, unit):
    assert name in printed(file, first, last)


@pytest.mark.parametrize(("file", "first", "last", "name", "unit"), TABLE_ROWS, ids=TABLE_IDS)
def test_table_name_resolves_to_exactly_one_row(file, first, last, name, unit):
    assert len(by_exact_name(name)) == 1, f"{name}: {by_exact_name(name)}"


@pytest.mark.parametrize(("file", "first", "last", "name", "unit"), TABLE_ROWS, ids=TABLE_IDS)
def test_table_unit_is_the_rows_unit(file, first, last, name, unit):
    (row,) = [r for r in rows() if r["id"] in by_exact_name(name)]
    assert row["unit"] == unit


# ---------------------------------------------------------------------------------------------
# Prose


@pytest.mark.parametrize(("file", "first", "last", "phrase", "expected"), PROSE, ids=PROSE_IDS)
def test_prose_phrase_is_printed_where_cited(file, first, last, phrase, expected):
    assert norm(phrase) in printed(file, first, last)


@pytest.mark.parametrize(("file", "first", "last", "phrase", "expected"), PROSE, ids=PROSE_IDS)
def test_prose_phrase_resolves_to_its_row(file, first, last, phrase, expected):
    assert resolve(phrase) == [expected]


@pytest.mark.parametrize(("a", "b"), SAME, ids=[f"{a}={b}" for a, b in SAME])
def test_same_quantity_is_one_row(a, b):
    assert len(resolve(a)) == 1
    assert resolve(a) == resolve(b)


@pytest.mark.parametrize(("a", "b"), APART, ids=[f"{a}≠{b}" for a, b in APART])
def test_close_names_stay_apart(a, b):
    assert len(by_exact_name(a)) == 1 and len(by_exact_name(b)) == 1
    assert by_exact_name(a) != by_exact_name(b)


@pytest.mark.parametrize(("file", "line", "listed", "prefix", "suffix", "expected"), DISTRIBUTED,
                         ids=[f"{d[0].split('_')[0]}:{d[1]}" for d in DISTRIBUTED])
def test_listed_members_resolve_in_order(file, line, listed, prefix, suffix, expected):
    assert listed in printed(file, line, line)
    members = listed.split("、")
    completed = [(m if m.startswith(prefix) else prefix + m) for m in members]
    completed = [(m if m.endswith(suffix) else m + suffix) for m in completed]
    assert [resolve(m) for m in completed] == [[e] for e in expected]
