"""Golden tests: expected answers read off the source texts by a person, citing file and line."""
from functools import cache

import pytest

from kg.extract import extract_file
from kg.extract.records import PlanRecords
from tests.conftest import SOURCES


@cache
def plan(file_name: str) -> PlanRecords:
    return extract_file(SOURCES / file_name)


def task(records: PlanRecords, key: str):
    matches = [t for t in records.tasks if t.key == key]
    assert len(matches) == 1, f"expected one task {key!r}, found {len(matches)}"
    return matches[0]


@pytest.fixture
def shapingba() -> PlanRecords:
    return plan("shapingba_2025_service_system.txt")


@pytest.fixture
def yuzhong() -> PlanRecords:
    return plan("yuzhong_2024_work_measures.txt")


@pytest.fixture
def yongchuan() -> PlanRecords:
    return plan("yongchuan_2025_regional_center.txt")


@pytest.fixture
def huaying() -> PlanRecords:
    return plan("huaying_14th_fyp_service_system.txt")


@pytest.fixture
def wanzhou() -> PlanRecords:
    return plan("wanzhou_14th_fyp_health.txt")
