"""A few counts of real plans' networks, read by hand off the source texts (cited `file:line`).

sp = data/sources/shapingba_2025_service_system.txt: 19 numbered tasks on sp:19–42, each ending
with `（责任单位：…）` and no lead unit named.
yc = data/sources/yongchuan_2025_regional_center.txt: 附件2 重点任务分解表 from yc:282, columns
序号 | 重点任务 | 具体内容 | 牵头单位 | 责任单位; task 16 is split into nine rows (yc:381–434).
"""
import pytest

from viz import catalogue
from viz.networks import co_responsibility_network, responsibility_network, tasks_of
from viz.stats import network_stats

PK = "https://w3id.org/plankg/id/"
SP_HEALTH = PK + "org/shapingba/health-commission"
SP_INSURANCE = PK + "org/shapingba/medical-insurance-bureau"
YC_MARKET = PK + "org/yongchuan/market-regulation-bureau"


@pytest.fixture(scope="module")
def shapingba(select):
    return responsibility_network(select, [catalogue.find_plan(select, "沙坪坝")])


def test_shapingba_names_its_health_commission_in_every_task(shapingba):
    # 区卫生健康委 is in the clause of all 19 tasks: sp:19, 20, 21, 23, 24, 25, 26, 28, 29, 30,
    # 31, 32, 33, 36, 37, 38, 40, 41, 42.
    assert len(shapingba[SP_HEALTH]) == 19
    assert {e["role"] for e in shapingba[SP_HEALTH].values()} == {"shared"}  # no 牵头 printed


def test_shapingba_medical_insurance_bureau_tasks(shapingba):
    # 区医保局 in tasks 8 (sp:28), 9 (sp:29), 10 (sp:30), 13 (sp:33), 16 (sp:38), 18 (sp:41)
    keys = sorted(int(shapingba.nodes[t]["key"]) for t in shapingba[SP_INSURANCE])
    assert keys == [8, 9, 10, 13, 16, 18]


def test_shapingba_network_size(shapingba):
    # Units per clause, tasks 1–19 (sp:19–42): 4 2 1 1 2 2 3 3 2 5 1 2 3 3 1 3 2 2 4 = 46 links.
    # Bodies printed: 区卫生健康委 区发展改革委 区规划自然资源局 区住房城乡建委 (sp:19), 区人力社保局
    # (sp:24), 区市场监管局 (sp:25), 区科技局 区经济信息委 (sp:26), 区医保局 (sp:28), 区民政局
    # (sp:30), 区教委 (sp:32), 区公安分局 (sp:33), 区大数据发展局 (sp:36), 区财政局 (sp:40),
    # 区委编办 (sp:42): 15.
    assert len(tasks_of(shapingba)) == 19
    assert shapingba.number_of_nodes() == 19 + 15
    assert shapingba.number_of_edges() == 46


def test_shapingba_densest_pair_is_health_commission_and_insurance_bureau(shapingba):
    # 区医保局's six tasks (above) all name 区卫生健康委 too; no other body has more than three
    # tasks (区人力社保局: sp:24, 28, 42; 区发展改革委: sp:19, 20, 36).
    top = network_stats(shapingba).pairs[0]
    assert {top.a, top.b} == {SP_HEALTH, SP_INSURANCE} and top.shared == 6
    assert co_responsibility_network(shapingba)[SP_HEALTH][SP_INSURANCE]["weight"] == 6


def test_yongchuan_market_regulation_bureau_in_task_16_rows(select):
    network = responsibility_network(select, [catalogue.find_plan(select, "yongchuan-2025")])
    rows = {network.nodes[t]["key"]: e["role"] for t, e in network[YC_MARKET].items()
            if network.nodes[t]["key"].startswith("16.")}
    # 牵头单位 of row 1 `区商务委、区市场监管局` (yc:385) and of row 9 `区文化旅游委、区市场监管局`
    # (yc:433); 责任单位 of rows 2 (yc:392), 3 (yc:398), 4 (yc:404), 6 (yc:416), 7 (yc:422).
    assert rows == {"16.1": "lead", "16.9": "lead", "16.2": "shared", "16.3": "shared",
                    "16.4": "shared", "16.6": "shared", "16.7": "shared"}
