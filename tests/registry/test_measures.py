"""Units of measure compared in one unit (kg.measures over data/registry/measure_units.csv)."""
from decimal import Decimal as D

import pytest

from kg.measures import MeasureTableError, in_base, load_measures, same_quantity
from tests.conftest import ROOT

MEASURES = load_measures(ROOT / "data" / "registry" / "measure_units.csv")


def one(value: str) -> tuple:
    return (D(value), None, None)


@pytest.mark.parametrize("first, first_unit, second, second_unit", [
    ("0.013", "万人", "130", "人"),        # 华蓥 表1 (huaying…txt:52-53) and huaying…txt:377
    ("0.4", "%", "4", "‰"),
    ("0.018", "%", "18", "/10万"),
    ("1.5", "万元", "15000", "元"),
    ("2", "小时", "120", "分钟"),
    ("3", "人", "3", "名"),
])
def test_one_quantity_in_two_units(first, first_unit, second, second_unit):
    assert same_quantity(one(first), first_unit, one(second), second_unit, MEASURES)


@pytest.mark.parametrize("first, first_unit, second, second_unit", [
    ("0.37", "张", "0.62", "张"),          # 华蓥 表1 (huaying…txt:89) and its text :372
    ("0.013", "万人", "13", "人"),
    ("3", "张", "3", "个"),                # units the table does not relate
    ("5", "%", "5", "‰"),
])
def test_different_quantities(first, first_unit, second, second_unit):
    assert not same_quantity(one(first), first_unit, one(second), second_unit, MEASURES)


def test_ranges_compare_end_by_end():
    assert same_quantity((None, D("0.3"), D("0.5")), "万人", (None, D("3000"), D("5000")), "人",
                         MEASURES)
    assert not same_quantity((None, D("0.3"), D("0.5")), "万人", (D("4000"), None, None), "人",
                             MEASURES)


def test_a_unit_not_listed_stays_itself():
    assert in_base(D("3"), "张", MEASURES) == ("张", D("3"))
    assert in_base(D("0.013"), "万人", MEASURES) == ("人", D("130.000"))


def test_a_bad_factor_is_refused_with_its_line(tmp_path):
    table = tmp_path / "measure_units.csv"
    table.write_text("unit,base,factor,notes\n人,人,1,\n万人,人,ten thousand,\n", encoding="utf-8")
    with pytest.raises(MeasureTableError, match="line 3"):
        load_measures(table)
