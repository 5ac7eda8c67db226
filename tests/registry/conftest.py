"""A copy of the registry with three places of other provinces added as `plankg registry place
--append` adds them: 杭州市西湖区 (浙江), 广安市邻水县 (四川) and 东莞市 (广东, a city without
districts whose towns answer to it directly)."""
import shutil
from pathlib import Path

import pytest

from kg.registry import Registry
from kg.registry_files import append_jurisdictions, rows_for
from tests.conftest import ROOT

OTHER_PROVINCES = ("330106", "511623", "441900")   # 西湖区, 邻水县, 东莞市


def registry_with_other_provinces(folder: Path) -> Path:
    shutil.copytree(ROOT / "data" / "registry", folder)
    for code in OTHER_PROVINCES:
        append_jurisdictions(folder, rows_for(Registry.load(folder), code))
    return folder


@pytest.fixture(scope="session")
def wider_registry_folder(tmp_path_factory) -> Path:
    return registry_with_other_provinces(tmp_path_factory.mktemp("wider") / "registry")


@pytest.fixture
def wider(wider_registry_folder) -> Registry:
    """A fresh Registry each test: nothing one test classifies is cached for the next."""
    return Registry.load(wider_registry_folder)
